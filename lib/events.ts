/**
 * Job progress pushed by the background to every open view, validated on arrival (lib/messages'
 * JobEvent) and taken from the background only (LOW-7): a content script's or a frame's message
 * reaches extension pages too, and must not paint progress or errors into them.
 */
import { browser, type Browser } from 'wxt/browser';
import { JobEvent, type JobProgress } from './messages';

/** the background: this extension, no tab, an extension document */
export function fromBackground(sender: Browser.runtime.MessageSender | undefined): boolean {
  if (!sender || sender.id !== browser.runtime.id || sender.tab) return false;
  return /^(chrome|moz)-extension:\/\//.test(sender.url ?? '') || sender.url === undefined;
}

export function subscribeJobs(listener: (p: JobProgress) => void): () => void {
  const fn = (msg: unknown, sender?: Browser.runtime.MessageSender) => {
    if (!fromBackground(sender)) return;
    const ev = JobEvent.safeParse(msg);
    if (ev.success) listener(ev.data.progress);
  };
  browser.runtime.onMessage.addListener(fn);
  return () => browser.runtime.onMessage.removeListener(fn);
}
