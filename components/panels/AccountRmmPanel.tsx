/**
 * CRM › Accounts › (account) › RMM Integration (F9–F15, F18): the linked VSA org (name, id, machine
 * groups, agent count) or "not linked"; link to an org without a link (suggestions with confidence on
 * top, warnings before a risky link); clear the mapping; the location rule editor, whose save
 * re-places the org's assets with progress. Shown in an extension-owned frame (entrypoints/bms-frame).
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { JobProgress, PlanReply, Reply } from '@/lib/messages';
import { t } from '@/lib/i18n';
import type { Ask, Subscribe } from '../api';
import { Confirm } from '../Dialog';
import { num } from '../format';
import { JobView } from '../JobView';
import { linkOne } from '../linking';
import { Picker } from '../Picker';
import { RuleEditor } from '../RuleEditor';
import { useAction } from '../useAction';

type Info = Reply<'account.mapping'>;

/** `onChanged`: the link or rule changed, so what BMS shows is stale (the frame offers a reload, W5) */
export function AccountRmmPanel({ accountId, ask, subscribe, onChanged }: { accountId: number; ask: Ask; subscribe: Subscribe; onChanged?: () => void }) {
  const info = useSignal<Info | null>(null);
  const { busy, error, run: act } = useAction();
  const job = useSignal<{ plan: PlanReply | null; progress: JobProgress } | null>(null);
  const confirm = useSignal<{ title: string; lines: string[]; label: string; danger?: boolean; go: () => void } | null>(null);
  const load = async () => {
    try {
      info.value = await ask({ type: 'account.mapping', accountId });
    } catch (e) {
      error.value = (e as Error).message;
    }
  };
  useEffect(() => {
    void load();
    return subscribe((p) => {
      if (job.value && job.value.progress.jobId === p.jobId) {
        job.value = { plan: job.value.plan, progress: p };
        if (p.state === 'done' || p.state === 'failed' || p.state === 'cancelled') {
          void load();
          if (p.done) onChanged?.();
        }
      }
    });
  }, [accountId]);

  const link = (orgId: string, orgName: string, confirmed = false) => act(async () => {
    const step = await linkOne(ask, orgId, accountId, confirmed);
    if ('warnings' in step) {
      confirm.value = { title: t('warnTitle', [orgName, info.value?.account.name ?? '']), lines: step.warnings, label: t('linkAnyway'), go: () => void link(orgId, orgName, true) };
      return;
    }
    confirm.value = null;
    job.value = { plan: null, progress: step.progress };
  });
  const i = info.value;
  return (
    <section class="rmm-panel" aria-labelledby="bvs-rmm-title" data-linked={i ? String(!!i.linked) : undefined}>
      <h2 id="bvs-rmm-title">{t('panelTitle')}</h2>
      {!i && !error.value && <p class="muted" role="status">{t('loading')}</p>}
      {job.value && (
        <JobView plan={job.value.plan} progress={job.value.progress} ask={ask} onProgress={(p) => (job.value = { plan: job.value?.plan ?? null, progress: p })}
          onClose={() => {
            job.value = null;
            void load();
          }} />
      )}
      {i && i.linked && (
        <>
          <dl class="facts">
            <dt>{t('vsaOrg')}</dt><dd id="bvs-linked-org" class="clip" title={i.linked.orgName}>{i.linked.orgName || t('noName')}</dd>
            <dt>{t('orgIdRef')}</dt><dd>{i.linked.orgId} · {i.linked.orgRef}</dd>
            <dt>{t('machineGroups')}</dt><dd class="clip" title={i.linked.machineGroups.map((g) => g.name).join(', ')}>{i.linked.machineGroups.map((g) => g.name).join(', ') || '–'}</dd>
            <dt>{t('agents')}</dt><dd id="bvs-agent-count">{num(i.linked.agentCount)}</dd>
          </dl>
          {i.linked.conflict && <p class="error-text">{i.linked.conflict}</p>}
          <div class="row">
            <button type="button" id="bvs-clear" class="danger" disabled={busy.value} onClick={() => void act(async () => {
              // F18 before a clear: the account's open contracts, the org's assets with tickets
              const { warnings } = await ask({ type: 'mapping.warnings', orgId: i.linked!.orgId, accountId: i.account.id, action: 'clear' });
              confirm.value = {
              title: t('clearTitle', i.linked!.orgName), lines: [t('clearExplain', [i.linked!.orgName, i.account.name]), ...warnings.map((w) => w.message)], label: t('clear'), danger: true,
              go: () => void act(async () => {
                confirm.value = null;
                await ask({ type: 'mapping.unlink', orgId: i.linked!.orgId });
                await load();
                onChanged?.();
              }),
              };
            })}>{t('clearMapping')}</button>
          </div>
          <RuleEditor orgId={i.linked.orgId} ask={ask} onSaved={(p) => (job.value = { plan: null, progress: p.progress })} />
        </>
      )}
      {i && !i.linked && (
        <>
          <p id="bvs-not-linked">{t('notLinked')}</p>
          {!i.account.active && <p class="error-text">{t('accountInactive')}</p>}
          <Picker label={t('pickOrgLabel')} idPrefix="bvs-org" items={i.freeOrgs.map((o) => ({ id: o.id, label: o.name }))}
            suggestions={i.suggestions.map((s) => ({ id: s.orgId, label: s.orgName, confidence: s.confidence }))}
            onPick={(it) => void link(it.id, it.label)} />
        </>
      )}
      {error.value && <p role="alert" class="error-text" id="bvs-panel-error">{error.value}</p>}
      {confirm.value && <Confirm title={confirm.value.title} lines={confirm.value.lines} confirmLabel={confirm.value.label} danger={confirm.value.danger}
        onClose={() => (confirm.value = null)} onConfirm={confirm.value.go} />}
    </section>
  );
}
