/**
 * One bulk job from the admin's side (B2, B3, B5): the dry-run preview with what it leaves out, then
 * progress (done/total, rate, ETA, current item) with cancel, then the result with per-item errors,
 * a retry of the failed ones and undo. Shared by the popup and the in-page panels.
 */
import type { JobProgress, PlanReply } from '@/lib/messages';
import { t } from '@/lib/i18n';
import type { Ask } from './api';
import { duration, noteText, num, summarize } from './format';
import { Confirm } from './Dialog';
import { useAction } from './useAction';
import { isRelink, RelinkOffers } from './RelinkOffers';
import { FieldChanges } from './FieldChanges';
import { useSignal } from '@preact/signals';

export function JobView({ plan, progress, ask, onProgress, onClose, onUndoPlanned }: {
  /** the dry run, while it waits for the admin's go */
  plan: PlanReply | null;
  progress: JobProgress;
  ask: Ask;
  onProgress: (p: JobProgress) => void;
  onClose: () => void;
  /** an undo was planned: show its preview */
  onUndoPlanned?: (p: PlanReply) => void;
}) {
  const { busy, error, run: act } = useAction();
  const p = progress;
  const title = t(`job_${p.kind}`);
  const finished = p.state === 'done' || p.state === 'failed' || p.state === 'cancelled';
  const relinks = (plan?.conflicts ?? []).filter(isRelink);
  const conflicts = (plan?.conflicts ?? []).filter((c) => !isRelink(c));
  const hasWork = p.total > 0;
  const asking = useSignal(false);
  // a run that would deactivate many assets (MEDIUM-3) waits for a yes given here
  const guard = p.state === 'planned' ? p.confirm ?? null : null;
  const guardLines = guard ? [
    t('deactivateConfirmLine', [num(guard.deactivate), num(guard.active), num(guard.limit)]),
    ...guard.suspect.map((s) => t(`suspect_${s.code.replace(/-/g, '_')}`, s.args.map((a) => num(Number(a))))),
    t('deactivateConfirmCheck'),
  ] : [];
  const run = (confirmed: boolean) => act(async () => onProgress(await ask({ type: 'job.start', jobId: p.jobId, ...(confirmed ? { confirmed: true } : {}) })));
  return (
    <section class="job" aria-labelledby="job-title" data-state={p.state} data-kind={p.kind}>
      <h2 id="job-title">{title}</h2>
      {p.state === 'planned' && (
        <>
          <p class="plan-summary" role="status">{t('previewIntro')} <strong>{summarize(p.summary)}</strong>.</p>
          {guard ? (
            <div class="guard" role="alert" id="job-guard">
              {guardLines.slice(0, -1).map((l, i) => <p key={i} class="error-text">{l}</p>)}
              <p class="muted">{t('deactivateConfirmHow')}</p>
            </div>
          ) : p.note && <p class="muted quota-note">{noteText(p)}</p>}
          {plan?.notice && <p class="muted notice">{plan.notice}</p>}
          {plan?.fields && <FieldChanges fields={plan.fields} />}
          {relinks.length > 0 && <RelinkOffers jobId={p.jobId} offers={relinks} ask={ask} onUndoPlanned={onUndoPlanned} />}
          {conflicts.length > 0 && (
            <details class="conflicts">
              <summary>{t('leftOut', num(conflicts.length))}</summary>
              <ul>
                {conflicts.slice(0, 200).map((c) => <li key={c.key}>{c.reason}</li>)}
                {conflicts.length > 200 && <li class="muted">{t('andMore', num(conflicts.length - 200))}</li>}
              </ul>
            </details>
          )}
          <div class="row">
            <button type="button" class="primary" id="job-run" disabled={busy.value || !hasWork} onClick={() => (guard ? (asking.value = true) : run(false))}>
              {hasWork ? t('runJob', num(p.total)) : t('nothingToDo')}
            </button>
            <button type="button" id="job-discard" disabled={busy.value} onClick={() => act(async () => {
              await ask({ type: 'job.cancel', jobId: p.jobId });
              onClose();
            })}>{t('discard')}</button>
          </div>
        </>
      )}
      {p.state !== 'planned' && (
        <>
          <progress max={Math.max(1, p.total)} value={p.done + p.failed} aria-label={t('progressLabel')} />
          <p role="status" aria-live="polite" class="progress-text">
            {t('progressCounts', [num(p.done + p.failed), num(p.total)])}
            {p.failed > 0 && <span class="error-text"> · {t('failedCount', num(p.failed))}</span>}
            {p.state === 'running' && p.ratePerSec !== null && <span> · {t('rate', String(p.ratePerSec))} · {t('eta', duration(p.etaSec))}</span>}
            {finished && <span> · {t(`state_${p.state}`)}</span>}
          </p>
          {p.state === 'running' && p.current && <p class="muted current" title={p.current}>{t('currentItem', p.current)}</p>}
          {p.note && <p class={p.state === 'failed' ? 'error-text' : 'muted'}>{noteText(p)}</p>}
          {p.errors.length > 0 && (
            <ul class="errors" aria-label={t('errorsLabel')}>
              {p.errors.map((e, i) => <li key={i}><span class="label" title={e.label}>{e.label}</span>: {e.reason}</li>)}
            </ul>
          )}
          <div class="row">
            {p.state === 'running' && (
              <button type="button" id="job-cancel" disabled={busy.value} onClick={() => act(async () => onProgress(await ask({ type: 'job.cancel', jobId: p.jobId })))}>{t('cancel')}</button>
            )}
            {finished && p.failed > 0 && (
              <button type="button" id="job-retry" disabled={busy.value} onClick={() => act(async () => onProgress(await ask({ type: 'job.retryFailed', jobId: p.jobId })))}>{t('retryFailed', num(p.failed))}</button>
            )}
            {finished && onUndoPlanned && (p.kind === 'import' || p.kind === 'export' || p.kind === 'push' || (p.kind === 'assets' && (p.summary.relinked ?? 0) > 0)) && p.done > 0 && (
              <button type="button" id="job-undo" disabled={busy.value} onClick={() => act(async () => onUndoPlanned(await ask({ type: 'job.planUndo', jobId: p.jobId })))}>{t('undo')}</button>
            )}
            {finished && <button type="button" id="job-close" onClick={onClose}>{t('close')}</button>}
          </div>
        </>
      )}
      {error.value && <p role="alert" class="error-text">{error.value}</p>}
      {guard && asking.value && (
        <Confirm title={t('deactivateConfirmTitle', num(guard.deactivate))} lines={guardLines} confirmLabel={t('deactivateConfirmYes', num(guard.deactivate))} danger
          onClose={() => (asking.value = false)}
          onConfirm={() => {
            asking.value = false;
            void run(true);
          }} />
      )}
    </section>
  );
}
