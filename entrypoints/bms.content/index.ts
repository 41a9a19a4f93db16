import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { runPage } from '@/components/panels/runner';
import type { LearnedPattern } from '@/lib/host/routes';

/**
 * The one content script for the configured BMS origin (registered at run time, top frame only). It
 * holds no VSA data and no controls that write: it recognises the page (lib/host), places frames whose
 * documents are extension pages (entrypoints/bms-frame) and the per-asset Sync buttons, and takes all
 * of it down when the extension is updated or reloaded (the context is invalidated).
 */
/**
 * scheme://host of an extension URL (URL.origin is "null" for chrome-extension: in some engines). The
 * frame's messages come from the extension's own origin, which in Chrome (use_dynamic_url) is not the
 * per-session address it was loaded from: both are accepted, nothing else.
 */
const originOf = (url: string) => url.slice(0, url.indexOf('/', url.indexOf('//') + 2));

type Envelope = { ok: true; reply: unknown } | { ok: false; error: string };

async function send(msg: { type: string } & Record<string, unknown>): Promise<unknown> {
  return browser.runtime.sendMessage(msg);
}

async function pageContext(): Promise<{ bmsWebUrl: string | null; learned: LearnedPattern[] } | null> {
  const env = (await send({ type: 'page.context' })) as Envelope | undefined;
  if (!env?.ok) return null;
  const r = env.reply as { bmsWebUrl: string | null; learned: LearnedPattern[] };
  return r;
}

export default defineContentScript({
  matches: [],
  registration: 'runtime',
  async main(ctx: ContentScriptContext) {
    let context: Awaited<ReturnType<typeof pageContext>>;
    try {
      context = await pageContext();
    } catch (e) {
      console.warn('[bms-vsa-sync] the extension did not answer:', (e as Error).message);
      return;
    }
    if (!context?.bmsWebUrl || ctx.isInvalid) return;
    const frameBase = browser.runtime.getURL('/bms-frame.html');
    const page = runPage({ doc: document, win: window, bmsWebUrl: context.bmsWebUrl, learned: context.learned, frameBase, extOrigins: [originOf(frameBase), `${frameBase.slice(0, frameBase.indexOf(':'))}://${browser.runtime.id}`], send });
    // a pattern the admin teaches in the popup counts at once, without a reload
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !('local:settings' in changes || 'settings' in changes) || ctx.isInvalid) return;
      void pageContext().then((c) => c && page.setLearned(c.learned)).catch(() => undefined);
    };
    browser.storage.onChanged.addListener(onStorage);
    ctx.onInvalidated(() => {
      page.stop();
      try {
        browser.storage.onChanged.removeListener(onStorage);
      } catch {
        // the extension is gone: nothing left to remove
      }
    });
  },
});
