import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ConnectionChip } from '@/components/ConnectionStatus';
import { baseCss } from '@/components/styles';
import { ask } from '@/lib/client';
import { findAnchor, waitForAnchor } from '@/lib/host/anchors';
import { watchNavigation } from '@/lib/host/navigation';
import { whereAmI } from '@/lib/host/routes';

const HOST_ATTR = 'data-bms-vsa-sync';

/**
 * The one content script for the configured BMS origin (registered at run time). For now it shows
 * the state of the connections in the BMS top bar; the panels arrive with their own features.
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  async main(ctx) {
    let bmsWebUrl: string | null;
    try {
      ({ bmsWebUrl } = await ask({ type: 'page.context' }));
    } catch {
      return; // not the configured BMS origin (the background refuses to talk): stay out of the page
    }
    if (!whereAmI(location.href, bmsWebUrl) && !findAnchor(document, 'topbar')) return;

    const anchor = await waitForAnchor(document, 'topbar', 5000);
    if (!anchor || ctx.isInvalid) {
      console.warn('[bms-vsa-sync] the BMS top bar was not found on this page; the status is not shown.');
      return;
    }
    const host = document.createElement('span');
    host.setAttribute(HOST_ATTR, 'status');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = baseCss;
    const mount = document.createElement('span');
    mount.className = 'bvs';
    mount.style.background = 'transparent';
    shadow.append(style, mount);
    anchor.append(host);
    const theme = () => host.setAttribute('data-theme', document.documentElement.getAttribute('data-theme') === 'dark' ? 'dark' : 'light');
    theme();
    const themeObs = new MutationObserver(theme);
    themeObs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

    const show = async (refresh: boolean) => {
      render(<ConnectionChip />, mount);
      try {
        const s = await ask({ type: 'connections.status', refresh });
        render(<ConnectionChip vsa={s.vsa} bms={s.bms} />, mount);
      } catch (e) {
        render(<ConnectionChip error={(e as Error).message} />, mount);
      }
    };
    await show(false);
    const stop = watchNavigation(window, () => {
      document.documentElement.setAttribute('data-bms-vsa-sync-route', whereAmI(location.href, bmsWebUrl)?.page ?? 'other');
    });
    document.documentElement.setAttribute('data-bms-vsa-sync-route', whereAmI(location.href, bmsWebUrl)?.page ?? 'other');
    ctx.onInvalidated(() => {
      stop();
      themeObs.disconnect();
      render(null, mount);
      host.remove();
    });
  },
});
