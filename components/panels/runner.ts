/**
 * Runs the in-page features: on every route change (lib/host sees them), detaches what no longer
 * belongs and attaches what does, once its anchor appears. A feature whose anchor never appears is
 * skipped and reported once; a host that BMS's own re-render removed is attached again. Nothing here
 * can break the page: a feature that throws is reported and left out.
 */
import { waitForAnchor } from '@/lib/host/anchors';
import { watchNavigation } from '@/lib/host/navigation';
import { whereAmI, type Where } from '@/lib/host/routes';
import type { PanelContext, PanelFeature } from './feature';

export const ROUTE_ATTR = 'data-bms-vsa-sync-route';

export function runFeatures(
  features: PanelFeature[],
  base: Omit<PanelContext, 'where'>,
  bmsWebUrl: string,
  log: (msg: string) => void = (m) => console.warn(`[bms-vsa-sync] ${m}`),
  anchorTimeoutMs = 8000,
): () => void {
  const { doc, win } = base;
  const attached = new Map<string, { key: string; detach: () => void; anchor: Element }>();
  const reported = new Set<string>();
  let generation = 0;

  const keyOf = (f: PanelFeature, w: Where) => (f.sticky ? f.id : `${f.id}|${win.location.hash}|${JSON.stringify(w)}`);
  const detach = (id: string) => {
    const a = attached.get(id);
    if (!a) return;
    attached.delete(id);
    try {
      a.detach();
    } catch (e) {
      log(`${id}: could not detach: ${(e as Error).message}`);
    }
  };
  const sync = async () => {
    const gen = ++generation;
    const where = whereAmI(win.location.href, bmsWebUrl);
    doc.documentElement.setAttribute(ROUTE_ATTR, where?.page ?? 'other');
    const wanted = where ? features.filter((f) => f.pages.includes(where.page) && (!f.when || f.when(where))) : [];
    for (const id of [...attached.keys()]) {
      const f = features.find((x) => x.id === id)!;
      const a = attached.get(id)!;
      if (!wanted.includes(f) || a.key !== keyOf(f, where!) || !a.anchor.isConnected) detach(id);
    }
    await Promise.all(wanted.map(async (f) => {
      if (attached.has(f.id)) return;
      const anchor = await waitForAnchor(doc, f.anchor, anchorTimeoutMs);
      if (gen !== generation || attached.has(f.id)) return; // the route changed meanwhile
      if (!anchor) {
        if (!reported.has(f.id)) log(`${f.id}: the page's ${f.anchor} was not found, so this feature is not shown here.`);
        reported.add(f.id);
        return;
      }
      try {
        const d = f.attach(anchor, { ...base, where: where! });
        attached.set(f.id, { key: keyOf(f, where!), detach: d, anchor });
      } catch (e) {
        log(`${f.id}: ${(e as Error).message}`);
      }
    }));
  };
  // BMS re-draws views without a route change (after a sync, a filter): re-attach what it removed
  let pending = false;
  const watch = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      if ([...attached.values()].some((a) => !a.anchor.isConnected)) void sync();
    });
  });
  watch.observe(doc.body, { childList: true, subtree: true });
  const stop = watchNavigation(win, () => void sync());
  void sync();
  return () => {
    stop();
    watch.disconnect();
    for (const id of [...attached.keys()]) detach(id);
  };
}
