/**
 * Undo of a bulk job (B5), where the APIs allow it: the links the job made are removed (BMS's bulk
 * mapping delete), and only while they are still the job's: right before deleting, the org's
 * current link is read, and a link that now points at another account (re-linked since, by a
 * colleague, another job or the admin) is kept and reported. Accounts and locations (BMS) and orgs
 * (VSA) cannot be deleted through the APIs this product has: the plan lists them, so the admin
 * knows exactly what stays.
 */
import type { BmsClient } from '../bms/client';
import type { Plan } from './import';
import { jobNote, type Journal, type JobRecord } from './journal';
import { runJob, type RunHooks } from './runner';
import { linkSystem, MappingStoreLinks, type LinkStore } from './link-store';
import { runUnrelink, type RelinkAction, type UnrelinkAction } from './relink';

/** a link the job made: the org and the account it linked it to (null in journals older than this check) */
export type UndoLink = { orgId: string; accountId: number | null };
export type UndoAction = UnrelinkAction | {
  kind: 'unlink';
  orgIds: string[];
  links?: UndoLink[];
  /** links found re-linked at run time: kept, with the account they point at now */
  kept?: { orgId: string; accountId: number | null; now: number }[];
};

export async function planUndo(journal: Journal, jobId: string): Promise<Plan<UndoAction> & { kept: { orgId: string; reason: string }[] }> {
  const job = await journal.job(jobId);
  if (!job) throw new Error(`Job ${jobId} is not in the journal.`);
  if (job.kind === 'assets') {
    // an asset sync itself is not undone; an accepted relink (B16) is
    const relinks = (await journal.items<RelinkAction>(jobId, 'done')).filter((i) => i.action.kind === 'relink');
    if (relinks.length) {
      const items = relinks.map((i) => ({ key: `unrelink:${i.action.offer.proposal.newAgentId}`, label: `undo: ${i.label}`, action: { kind: 'unrelink' as const, offer: i.action.offer, before: i.action.before ?? null, relinkJobId: jobId } }));
      return { items, summary: { unrelink: items.length }, kept: [] };
    }
  }
  if (job.kind === 'assets' || job.kind === 'undo') throw new Error(`A ${job.kind === 'assets' ? 'asset sync' : 'undo'} cannot be undone: run the sync again after changing the links or rules.`);
  const created = (await journal.items(jobId)).flatMap((i) => i.created.map((c) => ({ ...c, label: i.label, linkedTo: c.accountId ?? (i.action as { accountId?: number }).accountId ?? null })));
  const links: UndoLink[] = created.filter((c) => c.kind === 'mapping').map((c) => ({ orgId: c.id, accountId: c.linkedTo }));
  const kept = created.filter((c) => c.kind !== 'mapping').map((c) => ({
    orgId: c.id,
    reason: c.kind === 'account' ? `Account ${c.id} ("${c.label}") stays: BMS's API cannot delete accounts; deactivate it in BMS if it is not wanted.`
      : c.kind === 'org' ? `VSA org ${c.id} ("${c.label}") stays: the VSA API this product uses cannot delete organizations; remove it in VSA if it is not wanted.`
        : `${c.kind} ${c.id} stays: it cannot be deleted through the API.`,
  }));
  const items: Plan<UndoAction>['items'] = [];
  for (let i = 0; i < links.length; i += 100) {
    const part = links.slice(i, i + 100);
    items.push({ key: `unlink:${i}`, label: `remove ${part.length} link(s)`, action: { kind: 'unlink', orgIds: part.map((l) => l.orgId), links: part } });
  }
  return { items, summary: { unlink: links.length, kept: kept.length }, kept };
}

/** the newest job "Undo last" means: a finished bulk import/export/push that made links (not a dry run, a discarded one or a one-row link) */
export async function lastUndoable(journal: Journal): Promise<JobRecord | null> {
  for (const j of await journal.jobs()) {
    if (j.kind !== 'import' && j.kind !== 'export' && j.kind !== 'push') continue;
    if ((j.state !== 'done' && j.state !== 'failed') || j.total < 2) continue;
    if ((await journal.items(j.id, 'done')).some((i) => i.created.some((c) => c.kind === 'mapping'))) return j;
  }
  return null;
}

export async function runUndo(journal: Journal, jobId: string, bms: BmsClient, hooks: RunHooks = {}, store: LinkStore = new MappingStoreLinks(bms)): Promise<JobRecord> {
  const final = await runJob<UndoAction>(journal, jobId, async (chunk) => {
    for (const it of chunk) {
      if (it.action.kind === 'unrelink') {
        const reason = await runUnrelink(bms, journal, jobId, it.action, hooks.signal);
        it.state = reason ? 'failed' : 'done';
        it.reason = reason;
        continue;
      }
      const links = it.action.links ?? it.action.orgIds.map((orgId) => ({ orgId, accountId: null }));
      // what the team's store holds now, read right before the delete
      const now = await store.ofOrgs(links.map((l) => l.orgId), hooks.signal);
      // a link already gone needs nothing; one that points elsewhere now (or to an account not known) is kept
      const ours = links.filter((l) => now.has(l.orgId) && l.accountId !== null && now.get(l.orgId) === l.accountId);
      const kept = links.filter((l) => now.has(l.orgId) && !ours.includes(l)).map((l) => ({ ...l, now: now.get(l.orgId)! }));
      it.action = { ...it.action, kept };
      let missed: string[] = [];
      let failed = new Map<string, string>();
      if (ours.length) {
        // a link that is already gone is what undo wants too (every store counts that as done)
        const res = await store.unlink(ours.map((l) => l.orgId), hooks.signal);
        const ok = new Set(res.done);
        failed = res.failed;
        missed = ours.map((l) => l.orgId).filter((o) => !ok.has(o));
        await journal.audit(ours.filter((l) => ok.has(l.orgId)).map((l) => ({ jobId, system: linkSystem(store), record: `mapping ${l.orgId}`, action: 'unlink', before: { orgId: l.orgId, accountId: l.accountId }, after: null })));
      }
      it.state = missed.length ? 'failed' : 'done';
      it.reason = missed.length ? `The link of org(s) ${missed.slice(0, 5).map((o) => `${o} (${failed.get(o) ?? 'no answer'})`).join(', ')} was not removed.` : null;
    }
  }, hooks);
  const kept = (await journal.items<UndoAction>(jobId)).flatMap((i) => (i.action.kind === 'unlink' ? i.action.kept ?? [] : []));
  if (!kept.length) return final;
  const list = kept.slice(0, 5).map((k) => `org ${k.orgId} → account ${k.now}`).join(', ') + (kept.length > 5 ? ` and ${kept.length - 5} more` : '');
  const failedNote = final.noteKey === 'note_failed' ? ` ${final.note}` : '';
  return journal.updateJob(jobId, {
    summary: { ...final.summary, keptChanged: kept.length },
    ...jobNote('note_undo_kept', [String(kept.length), list], `${kept.length} link(s) now point at another account than this job linked, so undo kept them: ${list}.${failedNote}`),
  });
}
