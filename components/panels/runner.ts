/**
 * Runs the in-page part on a BMS page: on every route change (lib/host: URL polling, popstate, and
 * the page's own re-render) it takes down what no longer belongs and places what does.
 * - account (its RMM Integration tab) and RMM Integration Settings (Accounts Synchronization): a frame
 *   in the tab's pane; when the page's markup is unknown (no anchor), the frame docks at the page edge
 *   (W3) and the miss is reported once; when the page is known but another tab is open, nothing.
 * - asset: a frame with the Sync button below the asset's toolbar, or docked.
 * - asset list: a Sync button beside every link to an asset (closed shadow roots).
 * Nothing here can break the page: a failure is reported and left out. `stop()` removes everything.
 */
import { assetLinks, hasOpenForm, pageRecordId, pageTheme, waitForAnchor, watchTheme, type AnchorName } from '@/lib/host/anchors';
import { watchNavigation } from '@/lib/host/navigation';
import { whereAmI, type LearnedPattern, type Where } from '@/lib/host/routes';
import { HOST_ATTR, mountFrame, type FrameMount, type FrameSpec } from './frame-mount';
import { mountRowSync, type SendRaw } from './row-sync';

export const ROUTE_ATTR = 'data-bms-vsa-sync-route';

export interface PageOptions {
  doc: Document;
  win: Window;
  bmsWebUrl: string;
  learned: readonly LearnedPattern[];
  /** the frame document's address (runtime.getURL) and the origins its messages may come from */
  frameBase: string;
  extOrigins: string[];
  send: SendRaw;
  log?: (msg: string) => void;
  /** how long a page may take to draw its anchor before the panel docks */
  anchorTimeoutMs?: number;
}

interface Placement { panel: FrameSpec['panel']; anchor: AnchorName; known: AnchorName | null; where: 'in' | 'after' }
const PLACEMENT: Partial<Record<Where['page'], Placement>> = {
  account: { panel: 'account', anchor: 'rmmPane', known: 'accountTabs', where: 'in' },
  'rmm-settings': { panel: 'accounts-sync', anchor: 'accountsSyncPane', known: 'settingsTabs', where: 'in' },
  asset: { panel: 'asset', anchor: 'assetToolbar', known: null, where: 'after' },
};

const isOurs = (el: Element) => !!el.closest(`[${HOST_ATTR}]`);

export function runPage(o: PageOptions): { stop: () => void; setLearned: (l: readonly LearnedPattern[]) => void } {
  const { doc, win } = o;
  const log = o.log ?? ((m: string) => console.warn(`[bms-vsa-sync] ${m}`));
  const timeout = o.anchorTimeoutMs ?? 1500;
  let learned = o.learned;
  const reported = new Set<string>();
  const report = (key: string, msg: string) => {
    if (reported.has(key)) return;
    reported.add(key);
    log(msg);
  };
  let key = '';
  let generation = 0;
  let frame: { mount: FrameMount; anchor: Element | null } | null = null;
  const rows = new Map<HTMLAnchorElement, { host: HTMLElement; remove: () => void }>();
  let gridChecked = false;

  const clearAll = () => {
    frame?.mount.remove();
    frame = null;
    for (const r of rows.values()) r.remove();
    rows.clear();
  };
  const place = async (w: Where, gen: number) => {
    const p = PLACEMENT[w.page];
    if (!p) return;
    const id = w.page === 'account' || w.page === 'asset' ? pageRecordId(doc, w, o.bmsWebUrl, learned) : null;
    if ((w.page === 'account' || w.page === 'asset') && id === null) return; // no record number anywhere: nothing to show
    const names: AnchorName[] = p.known ? [p.anchor, p.known] : [p.anchor];
    const hit = await waitForAnchor(doc, names, timeout);
    if (gen !== generation || frame) return;
    if (hit && hit.name !== p.anchor) return; // a page we know, showing another tab
    if (!hit) report(`${w.page}|${w.generation}`, `${p.panel}: this ${w.page} page has none of the places the panel goes (${p.anchor}), so it is docked at the page edge.`);
    let anchor: Element | null = hit?.el ?? null;
    if (anchor && p.where === 'after') {
      const slot = doc.createElement('div');
      anchor.after(slot);
      anchor = slot;
    }
    const mount = mountFrame({
      doc, anchor, spec: { panel: p.panel, id, theme: pageTheme(doc) }, frameBase: o.frameBase, extOrigins: o.extOrigins,
      onNote: (n) => {
        if (n.bvs !== 'reload') return;
        // W5: a reload would lose what the admin typed: never over an open form
        if (!hasOpenForm(doc, isOurs)) win.location.assign(win.location.href);
      },
      // only this frame's own window reaches here (mountFrame checks the source): vouch for it
      onHello: (nonce, src) => void o.send({ type: 'frame.vouch', nonce, search: new URL(src).search }).catch(() => undefined),
      onGiveUp: (why) => {
        report(`giveup|${p.panel}`, `${p.panel}: ${why}, so it is closed.`);
        frame = null;
      },
    });
    frame = { mount, anchor: hit?.el ?? null };
  };

  const scanRows = () => {
    for (const { link, assetId } of assetLinks(doc, doc.baseURI, o.bmsWebUrl, learned, isOurs)) {
      if (rows.has(link)) continue;
      try {
        rows.set(link, mountRowSync(doc, link, assetId, o.send));
      } catch (e) {
        report('rows', `asset-sync: ${(e as Error).message}`);
      }
    }
    for (const [link, r] of rows) if (!link.isConnected || !r.host.isConnected) {
      r.remove();
      rows.delete(link);
    }
  };

  const sync = () => {
    const where = whereAmI(win.location.href, o.bmsWebUrl, learned);
    const k = where ? `${where.page}|${where.id}|${where.tab}|${win.location.pathname}${win.location.search}` : 'other';
    if (k === key) {
      // same page, but the page drew itself again: put back what it removed
      if (frame && frame.anchor && !frame.anchor.isConnected) {
        frame.mount.remove();
        frame = null;
        void place(where!, generation);
      }
      if (where?.page === 'asset-list') scanRows();
      return;
    }
    key = k;
    const gen = ++generation;
    clearAll();
    gridChecked = false;
    doc.documentElement.setAttribute(ROUTE_ATTR, where?.page ?? 'other');
    if (!where) return;
    if (where.page === 'asset-list') {
      scanRows();
      void waitForAnchor(doc, ['assetGrid'], timeout).then((hit) => {
        if (gen !== generation || gridChecked) return;
        gridChecked = true;
        if (!hit) report(`grid|${where.generation}`, 'asset-sync: the hardware asset grid was not found; Sync buttons go beside the asset links.');
        scanRows();
      });
      return;
    }
    void place(where, gen).catch((e) => report(`fail|${where.page}`, `${where.page}: ${(e as Error).message}`));
  };

  // the page's own re-render is the quickest sign of a client-side route change
  let pending = false;
  const watch = new MutationObserver((records) => {
    if (pending || records.every((r) => [...r.addedNodes, ...r.removedNodes].every((n) => n instanceof Element && isOurs(n)))) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      sync();
    });
  });
  watch.observe(doc.body, { childList: true, subtree: true });
  const stopNav = watchNavigation(win, sync);
  const stopTheme = watchTheme(doc, (t) => frame?.mount.setTheme(t));
  sync();
  return {
    stop() {
      watch.disconnect();
      stopNav();
      stopTheme();
      clearAll();
      generation++;
      doc.documentElement.removeAttribute(ROUTE_ATTR);
    },
    setLearned(l) {
      learned = l;
      key = '';
      sync();
    },
  };
}
