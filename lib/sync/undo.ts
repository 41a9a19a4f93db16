/**
 * Undo of a bulk job (B5), where the APIs allow it: the links the job made are removed (BMS's bulk
 * mapping delete). Accounts and locations (BMS) and orgs (VSA) cannot be deleted through the APIs this
 * product has: the plan lists them, so the admin knows exactly what stays.
 */
import type { BmsClient } from '../bms/client';
import type { Plan } from './import';
import type { Journal, JobRecord } from './journal';
import { runJob, type RunHooks } from './runner';

export type UndoAction = { kind: 'unlink'; orgIds: string[] };

export async function planUndo(journal: Journal, jobId: string): Promise<Plan<UndoAction> & { kept: { orgId: string; reason: string }[] }> {
  const job = await journal.job(jobId);
  if (!job) throw new Error(`Job ${jobId} is not in the journal.`);
  if (job.kind === 'assets' || job.kind === 'undo') throw new Error(`A ${job.kind === 'assets' ? 'asset sync' : 'undo'} cannot be undone: run the sync again after changing the links or rules.`);
  const created = (await journal.items(jobId)).flatMap((i) => i.created.map((c) => ({ ...c, label: i.label })));
  const links = created.filter((c) => c.kind === 'mapping').map((c) => c.id);
  const kept = created.filter((c) => c.kind !== 'mapping').map((c) => ({
    orgId: c.id,
    reason: c.kind === 'account' ? `Account ${c.id} ("${c.label}") stays: BMS's API cannot delete accounts; deactivate it in BMS if it is not wanted.`
      : c.kind === 'org' ? `VSA org ${c.id} ("${c.label}") stays: the VSA API this product uses cannot delete organizations; remove it in VSA if it is not wanted.`
        : `${c.kind} ${c.id} stays: it cannot be deleted through the API.`,
  }));
  const items: Plan<UndoAction>['items'] = [];
  for (let i = 0; i < links.length; i += 100) items.push({ key: `unlink:${i}`, label: `remove ${Math.min(100, links.length - i)} link(s)`, action: { kind: 'unlink', orgIds: links.slice(i, i + 100) } });
  return { items, summary: { unlink: links.length, kept: kept.length }, kept };
}

export async function runUndo(journal: Journal, jobId: string, bms: BmsClient, hooks: RunHooks = {}): Promise<JobRecord> {
  return runJob<UndoAction>(journal, jobId, async (chunk) => {
    for (const it of chunk) {
      const res = await bms.deleteMappings(it.action.orgIds, hooks.signal);
      // a link that is already gone is what undo wants too
      const ok = new Set((res.Details ?? []).filter((d) => d.StatusCode === '200' || d.StatusCode === '404').map((d) => d.ExternalId ?? ''));
      const missed = it.action.orgIds.filter((o) => !ok.has(o));
      await journal.audit(it.action.orgIds.filter((o) => ok.has(o)).map((o) => ({ jobId, system: 'bms' as const, record: `mapping ${o}`, action: 'unlink', before: { orgId: o }, after: null })));
      it.state = missed.length ? 'failed' : 'done';
      it.reason = missed.length ? `BMS did not remove the link of org(s) ${missed.slice(0, 5).join(', ')}.` : null;
    }
  }, hooks);
}
