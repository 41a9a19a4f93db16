/**
 * The document of a panel frame inside a BMS page: an extension page, so the page can neither read nor
 * click into it. It renders only after the background confirms it sits in a tab on the configured BMS
 * origin (and, where the browser says, that every frame above it is that origin) and the content
 * script of that tab vouched for it as a frame it placed (lib/frame-vouch.ts; in Firefox, which has no
 * ancestorOrigins, this is what checks the parent). It tells its parent only its size, "reload,
 * please" and the handshake's nonce; it talks to the background as the `frame` sender.
 */
import { render } from 'preact';
import { useSignal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { AccountRmmPanel } from '@/components/panels/AccountRmmPanel';
import { AccountsSyncPanel } from '@/components/panels/AccountsSyncPanel';
import { AssetSyncPanel } from '@/components/panels/AssetSync';
import { baseCss } from '@/components/styles';
import { ask as askBackground } from '@/lib/client';
import { FRAME_JOBS_PORT, frameJobFeed, type PortLike } from '@/lib/frame-jobs';
import { t } from '@/lib/i18n';

const q = new URLSearchParams(location.search);
const panel = q.get('panel');
const id = /^\d{1,10}$/.test(q.get('id') ?? '') ? Number(q.get('id')) : null;
const docked = q.get('dock') === '1';

// this frame's jobs come over its own port (Firefox delivers no runtime broadcast to a framed extension page)
const jobFeed = frameJobFeed(() => browser.runtime.connect({ name: FRAME_JOBS_PORT }) as unknown as PortLike);
const subscribeJobs = jobFeed.subscribe;
const ask: typeof askBackground = (msg) => {
  jobFeed.wake();
  return askBackground(msg);
};

document.documentElement.lang = browser.i18n.getUILanguage().split('-')[0] || 'en';
const style = document.createElement('style');
style.textContent = `${baseCss} html, body { margin: 0; background: transparent; } body { overflow: hidden; }
.bvs.frame { background: var(--bvs-bg); padding: 8px 10px; } .bvs.frame.docked { border: 1px solid var(--bvs-line); box-sizing: border-box; overflow: auto; max-height: 100vh; }
.bvs .dock-bar { display: flex; gap: 6px; align-items: center; justify-content: space-between; margin-bottom: 6px; } .bvs.collapsed { padding: 4px; }
.bvs .reload-offer { margin: 6px 0; display: flex; gap: 8px; align-items: center; }`;
document.head.append(style);

const applyTheme = () => {
  const m = /theme=(light|dark)/.exec(location.hash);
  document.documentElement.setAttribute('data-theme', m ? m[1] : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
};
applyTheme();
window.addEventListener('hashchange', applyTheme);

function Frame({ bmsOrigin }: { bmsOrigin: string }) {
  const collapsed = useSignal(false);
  const stale = useSignal(false);
  const post = (msg: unknown) => window.parent.postMessage(msg, bmsOrigin);
  const onChanged = () => (stale.value = true);
  const body = panel === 'account' && id !== null ? <AccountRmmPanel accountId={id} ask={ask} subscribe={subscribeJobs} onChanged={onChanged} />
    : panel === 'accounts-sync' ? <AccountsSyncPanel ask={ask} subscribe={subscribeJobs} />
      : panel === 'asset' && id !== null ? <AssetSyncPanel assetId={id} ask={ask} onChanged={onChanged} />
        : <p class="error-text">{t('frameUnknownPanel')}</p>;
  return (
    <div class={`bvs frame panel ${docked ? 'docked' : ''} ${collapsed.value ? 'collapsed' : ''}`} data-panel={panel ?? ''}>
      {docked && (
        <div class="dock-bar">
          {!collapsed.value && <strong>bms-vsa-sync</strong>}
          <button type="button" id="bvs-dock-toggle" aria-expanded={!collapsed.value} aria-label={collapsed.value ? t('dockExpand') : t('dockCollapse')} title={collapsed.value ? t('dockExpand') : t('dockCollapse')}
            onClick={() => {
              collapsed.value = !collapsed.value;
              queueMicrotask(() => post({ bvs: 'size', height: document.documentElement.scrollHeight, collapsed: collapsed.value }));
            }}>{collapsed.value ? '◂' : '▸'}</button>
        </div>
      )}
      <div hidden={collapsed.value}>
        {stale.value && (
          <p class="reload-offer" role="status">{t('reloadHint')} <button type="button" id="bvs-reload" onClick={() => post({ bvs: 'reload' })}>{t('reloadToSee')}</button></p>
        )}
        {body}
      </div>
    </div>
  );
}

async function start() {
  const app = document.getElementById('app')!;
  let bmsOrigin: string;
  try {
    let nonce: string;
    ({ bmsOrigin, nonce } = await ask({ type: 'frame.hello' }));
    const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
    if (window.parent === window || (ancestors && [...ancestors].some((o) => o !== bmsOrigin))) return;
    // the handshake (lib/frame-vouch.ts): a parent on another origin never gets the nonce; the content
    // script vouches only for a frame it placed; until it has, the background serves this frame nothing
    window.parent.postMessage({ bvs: 'hello', nonce }, bmsOrigin);
    await ask({ type: 'frame.ready' });
  } catch {
    return; // not inside the configured BMS, or not placed there by the extension: it shows nothing
  }
  render(<Frame bmsOrigin={bmsOrigin} />, app);
  // the frame's height follows its content. Chromium delivers no ResizeObserver notes (and no animation
  // frames) to a cross-origin frame out of view, and a panel below the fold would stay at its first
  // height, cut, until scrolled to: a change of the panel's own DOM is measured too (on a timer, which is
  // not throttled so), so the page has the panel's height before the admin gets there
  let last = 0;
  let queued = false;
  const measure = () => {
    queued = false;
    const h = document.querySelector('.bvs.frame')?.scrollHeight ?? 0;
    if (Math.abs(h - last) < 2) return;
    last = h;
    window.parent.postMessage({ bvs: 'size', height: docked ? Math.max(h, 240) : h, collapsed: !!document.querySelector('.bvs.collapsed') }, bmsOrigin);
  };
  const soon = () => {
    if (queued) return;
    queued = true;
    setTimeout(measure, 0);
  };
  new ResizeObserver(measure).observe(document.body);
  new MutationObserver(soon).observe(app, { childList: true, subtree: true, characterData: true, attributes: true });
  soon();
}
void start();
