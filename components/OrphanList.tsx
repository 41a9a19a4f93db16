/**
 * The orphan list (B18), in the history/reports area: synced assets whose VSA agent is gone (in the
 * grace period with the days left, or past it / deactivated) and agents of linked orgs without an
 * asset, each with its one-click action: "Deactivate now" (a one-item asset job, journaled) or
 * "Sync" (the asset sync's dry run of that agent, shown as any other).
 */
import { useSignal } from '@preact/signals';
import type { JobProgress, PlanReply, Reply } from '@/lib/messages';
import { t } from '@/lib/i18n';
import type { Ask } from './api';
import { num, when } from './format';
import { useAction } from './useAction';

type Report = Reply<'orphans.list'>;

export function OrphanList({ ask, onJob }: { ask: Ask; onJob: (plan: PlanReply | null, p: JobProgress) => void }) {
  const report = useSignal<Report | null>(null);
  const done = useSignal<ReadonlySet<string>>(new Set());
  const { busy, error, run } = useAction();
  const load = () => run(async () => {
    report.value = await ask({ type: 'orphans.list' });
    done.value = new Set();
  });
  const r = report.value;
  return (
    <section class="orphans" aria-labelledby="orphans-title">
      <h3 id="orphans-title">{t('orphansHeading')}</h3>
      <p class="muted">{t('orphansIntro')}</p>
      <button type="button" id="orphans-load" disabled={busy.value} onClick={() => void load()}>{r ? t('orphansReload') : t('orphansLoad')}</button>
      {error.value && <p role="alert" class="error-text">{error.value}</p>}
      {r && (
        <>
          <h4>{t('orphanAssetsHeading', num(r.assets.length + r.more.assets))}</h4>
          {!r.assets.length ? <p class="muted" id="orphan-assets-empty">{t('orphanAssetsEmpty')}</p> : (
            <ul id="orphan-assets">
              {r.assets.map((a) => (
                <li key={a.agentId} data-agent={a.agentId} class={a.daysLeft !== null ? 'waiting' : a.active ? 'due' : 'inactive'}>
                  <span class="name">{a.name}</span>{' '}
                  <span class="muted">
                    {a.daysLeft !== null ? t('orphanWaiting', [num(a.daysLeft), num(r.graceDays)]) : a.active ? t('orphanDue') : t('orphanInactive')}
                    {a.goneSince !== null && ` · ${t('orphanGoneSince', when(a.goneSince))}`}
                  </span>
                  {a.active && !done.value.has(a.agentId) && (
                    <button type="button" class="orphan-deactivate" disabled={busy.value} onClick={() => void run(async () => {
                      const p = await ask({ type: 'orphans.deactivate', agentId: a.agentId });
                      if (p.state !== 'done' || p.failed) throw new Error(p.errors[0]?.reason ?? p.note ?? t(`state_${p.state}`));
                      done.value = new Set([...done.value, a.agentId]);
                    })}>{t('orphanDeactivate')}</button>
                  )}
                  {done.value.has(a.agentId) && <span role="status" class="ok-text"> {t('orphanDeactivated')}</span>}
                </li>
              ))}
              {r.more.assets > 0 && <li class="muted">{t('andMore', num(r.more.assets))}</li>}
            </ul>
          )}
          <h4>{t('orphanAgentsHeading', num(r.agents.length + r.more.agents))}</h4>
          {!r.agents.length ? <p class="muted" id="orphan-agents-empty">{t('orphanAgentsEmpty')}</p> : (
            <ul id="orphan-agents">
              {r.agents.map((a) => (
                <li key={a.agentId} data-agent={a.agentId}>
                  <span class="name">{a.name}</span> <span class="muted">{a.orgName}</span>
                  <button type="button" class="orphan-sync" disabled={busy.value} onClick={() => void run(async () => {
                    const plan = await ask({ type: 'job.planAssetSync', agentId: a.agentId });
                    onJob(plan, plan.progress);
                  })}>{t('orphanSync')}</button>
                </li>
              ))}
              {r.more.agents > 0 && <li class="muted">{t('andMore', num(r.more.agents))}</li>}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
