import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';

/**
 * The one content script for the configured BMS origin (registered at run time). It is kept tiny on
 * purpose: it only asks the background for the panels, which the background checks (the sender must be
 * this tab on the configured BMS origin, lib/messages' `page.panels`) and then injects into this frame.
 * The panels (Preact, the shared components, the protocol) never load on any other page.
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  async main() {
    try {
      const res = (await browser.runtime.sendMessage({ type: 'page.panels' })) as { ok?: boolean; error?: string } | undefined;
      if (!res?.ok && res?.error) console.warn(`[bms-vsa-sync] ${res.error}`);
    } catch (e) {
      console.warn('[bms-vsa-sync] the extension did not answer:', (e as Error).message);
    }
  },
});
