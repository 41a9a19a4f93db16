/**
 * Suspected reinstalls (B16) in an asset sync's dry run: per offer, why it is suspected (the new
 * agent has the serial number or MAC of a removed agent of the same account) and Accept / Reject.
 * Accept runs the relink at once (its own job: journaled, audited, with Undo); Reject is remembered,
 * and the new agent gets its own asset on the next sync.
 */
import { useSignal } from '@preact/signals';
import type { PlanReply } from '@/lib/messages';
import { t } from '@/lib/i18n';
import type { Ask } from './api';
import { noteText, num } from './format';

type Offer = PlanReply['conflicts'][number] & { relink: { newAgentId: string; oldAgentId: string } };
type Outcome = { kind: 'accepted'; jobId: string } | { kind: 'rejected' } | { kind: 'error'; text: string };

export const isRelink = (c: PlanReply['conflicts'][number]): c is Offer => !!c.relink;

export function RelinkOffers({ jobId, offers, ask, onUndoPlanned }: { jobId: string; offers: Offer[]; ask: Ask; onUndoPlanned?: (p: PlanReply) => void }) {
  const outcome = useSignal<Record<string, Outcome>>({});
  const busy = useSignal<string | null>(null);
  const set = (key: string, o: Outcome) => (outcome.value = { ...outcome.value, [key]: o });
  const act = async (o: Offer, fn: () => Promise<Outcome>) => {
    busy.value = o.key;
    try {
      set(o.key, await fn());
    } catch (e) {
      set(o.key, { kind: 'error', text: (e as Error).message });
    } finally {
      busy.value = null;
    }
  };
  const accept = (o: Offer) => act(o, async () => {
    const p = await ask({ type: 'relink.accept', jobId, newAgentId: o.relink.newAgentId });
    if (p.state === 'done' && p.failed === 0) return { kind: 'accepted', jobId: p.jobId };
    return { kind: 'error', text: p.errors[0]?.reason ?? noteText(p) ?? t(`state_${p.state}`) };
  });
  const reject = (o: Offer) => act(o, async () => {
    await ask({ type: 'relink.reject', jobId, newAgentId: o.relink.newAgentId });
    return { kind: 'rejected' };
  });
  return (
    <section class="relinks" aria-labelledby="relinks-title">
      <h3 id="relinks-title">{t('relinkTitle', num(offers.length))}</h3>
      <p class="muted">{t('relinkIntro')}</p>
      <ul>
        {offers.map((o) => {
          const r = outcome.value[o.key];
          return (
            <li key={o.key} class="relink" data-new-agent={o.relink.newAgentId} data-old-agent={o.relink.oldAgentId}>
              <span class="reason">{o.reason}</span>
              {(!r || r.kind === 'error') && (
                <span class="row">
                  <button type="button" class="relink-accept primary" disabled={busy.value !== null} onClick={() => void accept(o)}>{t('relinkAccept')}</button>
                  <button type="button" class="relink-reject" disabled={busy.value !== null} onClick={() => void reject(o)}>{t('relinkReject')}</button>
                </span>
              )}
              {r?.kind === 'accepted' && (
                <span class="row">
                  <span role="status" class="relink-done">{t('relinkDone')}</span>
                  {onUndoPlanned && <button type="button" class="relink-undo" disabled={busy.value !== null} onClick={() => void act(o, async () => {
                    onUndoPlanned(await ask({ type: 'job.planUndo', jobId: r.jobId }));
                    return r;
                  })}>{t('undo')}</button>}
                </span>
              )}
              {r?.kind === 'rejected' && <span role="status" class="relink-rejected">{t('relinkRejected')}</span>}
              {r?.kind === 'error' && <span role="alert" class="error-text">{r.text}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
