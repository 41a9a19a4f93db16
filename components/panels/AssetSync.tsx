/**
 * Service Desk › Asset Management › Hardware Assets (F17): a Sync button on the asset detail page and
 * on each row of the list. It syncs that one asset from its VSA agent right now, through the
 * background, and says inline what changed or why not; an asset with no VSA agent gets a disabled
 * button that says why. After a change, BMS draws the page again so it shows the new values.
 */
import { useSignal } from '@preact/signals';
import { assetDetail, assetRows, refreshView, type AssetSpot } from '@/lib/host/anchors';
import { t } from '@/lib/i18n';
import type { Ask } from '../api';
import { shadowMount, type PanelFeature } from './feature';

/** a BMS asset field in the admin's words (public/_locales field_*), the field's own name when unknown */
const fieldLabel = (f: string) => {
  const l = t(`field_${f}`);
  return l === `field_${f}` ? f : l;
};

/** the last result per asset, so it stays on screen when BMS draws the page again with the new values */
const lastResult = new Map<number, { state: 'ok' | 'error'; msg: string; at: number }>();
const KEEP_MS = 60_000;

export function SyncButton({ spot, ask, compact, onChanged }: { spot: Pick<AssetSpot, 'assetId' | 'agentId'>; ask: Ask; compact: boolean; onChanged: () => void }) {
  const kept = lastResult.get(spot.assetId);
  const fresh = kept && Date.now() - kept.at < KEEP_MS ? kept : null;
  const state = useSignal<'idle' | 'busy' | 'ok' | 'error'>(fresh?.state ?? 'idle');
  const msg = useSignal<string | null>(fresh?.msg ?? null);
  const remember = () => {
    if (msg.value && (state.value === 'ok' || state.value === 'error')) lastResult.set(spot.assetId, { state: state.value, msg: msg.value, at: Date.now() });
  };
  const noAgent = spot.agentId === null;
  const run = async () => {
    state.value = 'busy';
    msg.value = null;
    try {
      const r = await ask({ type: 'asset.sync', assetId: spot.assetId });
      if (r.progress.failed || r.progress.state === 'failed') {
        state.value = 'error';
        msg.value = r.progress.errors[0]?.reason ?? r.progress.note ?? r.reason ?? t('syncFailed');
      } else if (r.changes.length) {
        state.value = 'ok';
        msg.value = t('syncChanged', r.changes.map((c) => `${fieldLabel(c.field)}: ${c.before || '∅'} → ${c.after || '∅'}`).join('; '));
        // let BMS show the new values; our button is drawn again with the page, with this result
        remember();
        setTimeout(onChanged, compact ? 1200 : 1800);
      } else {
        state.value = r.reason ? 'error' : 'ok';
        msg.value = r.reason ?? t('syncUnchanged');
      }
    } catch (e) {
      state.value = 'error';
      msg.value = (e as Error).message;
    }
    remember();
  };
  return (
    <span class={`asset-sync ${compact ? 'compact' : ''}`} data-asset={spot.assetId} data-state={state.value}>
      <button type="button" class={compact ? 'icon sync' : 'sync'} disabled={noAgent || state.value === 'busy'} onClick={run}
        title={noAgent ? t('syncNoAgent') : t('syncHint')} aria-label={noAgent ? t('syncNoAgent') : t('syncAsset', String(spot.assetId))}>
        {state.value === 'busy' ? '…' : compact ? '⟳' : t('syncNow')}
      </button>
      {!compact && noAgent && <span class="muted small"> {t('syncNoAgent')}</span>}
      {msg.value && (
        <span role={state.value === 'error' ? 'alert' : 'status'} class={`sync-msg ${state.value === 'error' ? 'error-text' : 'ok-text'} ${compact ? 'clip' : ''}`} title={msg.value}>
          {' '}{msg.value}
        </span>
      )}
    </span>
  );
}

/** the list: a button in the first cell of every row, also on rows BMS draws later (paging, search) */
export const assetListSync: PanelFeature = {
  id: 'asset-sync-list',
  pages: ['hardware-assets'],
  anchor: 'assetGrid',
  attach(anchor, { ask, win, doc }) {
    const mounted = new Map<Element, () => void>();
    const scan = () => {
      for (const spot of assetRows(doc)) {
        if (mounted.has(spot.el)) continue;
        const m = shadowMount(spot.slot, 'asset-sync', 'prepend', true);
        m.render(<SyncButton spot={spot} ask={ask} compact onChanged={() => refreshView(win)} />);
        mounted.set(spot.el, m.remove);
      }
      for (const [el, remove] of mounted) if (!el.isConnected) {
        remove();
        mounted.delete(el);
      }
    };
    scan();
    const obs = new MutationObserver(scan);
    obs.observe(anchor, { childList: true, subtree: true });
    return () => {
      obs.disconnect();
      for (const remove of mounted.values()) remove();
    };
  },
};

/** the detail page: one button in its toolbar */
export const assetDetailSync: PanelFeature = {
  id: 'asset-sync-detail',
  pages: ['hardware-asset'],
  anchor: 'assetDetailActions',
  attach(_anchor, { ask, win, doc }) {
    const spot = assetDetail(doc);
    if (!spot) return () => undefined;
    const m = shadowMount(spot.slot, 'asset-sync', 'append', true);
    m.render(<SyncButton spot={spot} ask={ask} compact={false} onChanged={() => refreshView(win)} />);
    return m.remove;
  },
};
