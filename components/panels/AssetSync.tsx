/**
 * Service Desk › Assets Management › a hardware asset (F17): the Sync button of the asset page, in an
 * extension-owned frame below the asset's toolbar (or docked). It syncs that one asset from its VSA
 * agent now, through the background (which reads the asset's AgentId from BMS), and says what changed
 * or why not; an asset without an agent is told so and the button stays off. The list's per-row
 * buttons live in the page (row-sync.ts).
 */
import { useSignal } from '@preact/signals';
import { t } from '@/lib/i18n';
import type { Ask } from '../api';

/** a BMS asset field in the admin's words (public/_locales field_*), the field's own name when unknown */
export const fieldLabel = (f: string) => {
  const l = t(`field_${f}`);
  return l === `field_${f}` ? f : l;
};

export function AssetSyncPanel({ assetId, ask, onChanged }: { assetId: number; ask: Ask; onChanged: () => void }) {
  const state = useSignal<'idle' | 'busy' | 'ok' | 'error'>('idle');
  const msg = useSignal<string | null>(null);
  const noAgent = useSignal(false);
  const run = async () => {
    state.value = 'busy';
    msg.value = null;
    try {
      const r = await ask({ type: 'asset.sync', assetId });
      if (r.progress.failed || r.progress.state === 'failed') {
        state.value = 'error';
        msg.value = r.progress.errors[0]?.reason ?? r.progress.note ?? r.reason ?? t('syncFailed');
      } else if (r.changes.length) {
        state.value = 'ok';
        msg.value = t('syncChanged', r.changes.map((c) => `${fieldLabel(c.field)}: ${c.before || '∅'} → ${c.after || '∅'}`).join('; '));
        onChanged();
      } else {
        state.value = r.reason ? 'error' : 'ok';
        msg.value = r.reason ?? t('syncUnchanged');
      }
    } catch (e) {
      state.value = 'error';
      msg.value = (e as Error).message;
    }
    // the background says "no VSA agent" as a reason or as an error: either way the button stays off and says why
    if (msg.value && /no VSA agent/i.test(msg.value)) {
      state.value = 'error';
      noAgent.value = true;
      msg.value = t('syncNoAgent');
    }
  };
  return (
    <span class="asset-sync" data-asset={assetId} data-state={state.value}>
      <button type="button" class="sync" id="bvs-asset-sync" disabled={noAgent.value || state.value === 'busy'} onClick={run}
        title={noAgent.value ? t('syncNoAgent') : t('syncHint')} aria-label={noAgent.value ? t('syncNoAgent') : t('syncAsset', String(assetId))}>
        {state.value === 'busy' ? '…' : t('syncNow')}
      </button>
      {msg.value && (
        <span role={state.value === 'error' ? 'alert' : 'status'} class={`sync-msg ${state.value === 'error' ? 'error-text' : 'ok-text'}`} title={msg.value}>
          {' '}{msg.value}
        </span>
      )}
    </span>
  );
}
