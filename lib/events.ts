/** Job progress pushed by the background to every open view, validated on arrival (lib/messages' JobEvent). */
import { browser } from 'wxt/browser';
import { JobEvent, type JobProgress } from './messages';

export function subscribeJobs(listener: (p: JobProgress) => void): () => void {
  const fn = (msg: unknown) => {
    const ev = JobEvent.safeParse(msg);
    if (ev.success) listener(ev.data.progress);
  };
  browser.runtime.onMessage.addListener(fn);
  return () => browser.runtime.onMessage.removeListener(fn);
}
