/**
 * The command line's jobs, driven through the same JobManager facade as the extension (no second
 * copy of the job logic): plan (the dry run) → print it → with --yes, start and wait, resuming after
 * a pause; a job interrupted earlier (Ctrl-C, a killed process) is resumed instead of planned again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobKind, Journal } from '../sync/journal';
import type { JobManager } from '../sync/manager';
import type { JobProgress, PlanResult } from '../sync/types';
import type { CliArgs } from './args';
import { CliError, type Outcome } from './exit';
import type { Reporter } from './progress';

const KIND: Record<string, JobKind> = { import: 'import', export: 'export', assets: 'assets', 'push-new': 'push', undo: 'undo' };
const NAME: Record<JobKind, string> = { import: 'import', export: 'export', assets: 'asset sync', push: 'push of new accounts', undo: 'undo' };

/** how often a paused job (servers busy or unreachable) is tried again before the command gives up */
const PAUSE_RETRIES = [2, 5, 10, 20, 30];

export interface JobRun {
  args: CliArgs;
  manager: JobManager;
  /** the same journal the manager runs on (read here only: which job to resume or retry) */
  journal: Journal;
  reporter: Reporter;
  /** the config's "create accounts automatically" (F1): import's default for --create */
  autoCreate: boolean;
  journalDir: string;
  stopping: () => boolean;
  sleep?: (ms: number) => Promise<void>;
}

/** "create 312, link 1,204" from a plan's counts (zeros left out) */
export function summaryText(summary: Record<string, number>): string {
  const parts = Object.entries(summary).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n.toLocaleString('en-US')}`);
  return parts.length ? parts.join(', ') : 'nothing to do';
}

/** why an agent's contact is not put on its asset (the popup says it in en + de: contactWhy_*) */
const CONTACT_WHY: Record<NonNullable<NonNullable<PlanResult['fields']>['contacts']>[number]['why'], string> = {
  noMatch: 'no contact of its BMS account has this email (none is created)', ambiguous: 'several contacts of its BMS account have this email',
  unreadable: 'BMS did not list the contacts of its account', off: "BMS's API does not list account contacts on this tenant", noAccount: 'its account is made by this sync; matched on the next one',
};

function dryRunText(kind: JobKind, plan: PlanResult, resumed: JobProgress | null): string {
  const p = plan.progress;
  const lines = [resumed
    ? `${NAME[kind]} ${p.jobId} was interrupted with ${p.done + p.failed} of ${p.total} items done; it resumes where it stopped.`
    : `Dry run of the ${NAME[kind]} (job ${p.jobId}): ${p.total} item(s): ${summaryText(p.summary)}.`];
  if (p.note) lines.push(`  note: ${p.note}`);
  if (plan.notice) lines.push(`  note: ${plan.notice}`);
  // B19: the fields it changes on the assets the dry run read, before → after
  const f = plan.fields;
  if (f?.counts.length) lines.push(`  field changes: ${f.counts.map((c) => `${c.field} ${c.changes} changed, ${c.kept} kept`).join('; ')}${f.unchecked ? ` (${f.unchecked} more changed assets are compared when written)` : ''}`);
  for (const r of (f?.rows ?? []).slice(0, 20)) lines.push(`  ${r.label}: ${[...r.changes, ...r.kept.map((k) => `kept ${k}`)].join('; ')}`);
  for (const c of (f?.contacts ?? []).slice(0, 20)) lines.push(`  ${c.label}: contact left as it is (${c.email}): ${CONTACT_WHY[c.why]}`);
  for (const c of plan.conflicts.filter((x) => x.relink)) lines.push(`  relink? ${c.relink!.newAgentId}: ${c.reason} (--accept-relink ${c.relink!.newAgentId} or --reject-relink ${c.relink!.newAgentId})`);
  for (const c of plan.conflicts.filter((x) => !x.relink).slice(0, 20)) lines.push(`  left out ${c.key}: ${c.reason}`);
  if (plan.conflicts.length > 20) lines.push(`  … and ${plan.conflicts.length - 20} more left out.`);
  return lines.join('\n');
}

/** push-new remembers when it last looked, beside the journal */
const pushCheckFile = (dir: string) => join(dir, 'push-new.json');
function lastPushCheck(dir: string): string | null {
  if (!existsSync(pushCheckFile(dir))) return null;
  try {
    return (JSON.parse(readFileSync(pushCheckFile(dir), 'utf8')) as { checkedAt?: string }).checkedAt ?? null;
  } catch {
    return null;
  }
}

async function plan(run: JobRun, kind: JobKind): Promise<{ plan: PlanResult | null; pushCheckedAt?: string }> {
  const { args, manager } = run;
  const sel = args.select;
  switch (kind) {
    case 'import':
      if (sel && 'csv' in sel) return { plan: await manager.planCsvImport(sel.csv) };
      return { plan: await manager.planImport({ orgIds: sel ? sel.ids : args.orgs.length ? args.orgs : undefined, accept: args.accept, createMissing: args.create ?? run.autoCreate }) };
    case 'export':
      return { plan: await manager.planExport({ accountIds: sel && 'ids' in sel ? sel.ids.map(Number) : undefined }) };
    case 'assets':
      return { plan: await manager.planAssetSync({ orgId: args.orgs[0], agentId: args.agent, force: args.force }) };
    case 'undo':
      return { plan: await manager.planUndo(args.job) };
    case 'push': {
      const since = args.since ? new Date(args.since).toISOString() : lastPushCheck(run.journalDir);
      if (!since) {
        // like the extension: the first check only notes the time; accounts made from now on are pushed
        const now = new Date().toISOString();
        if (args.yes) writeFileSync(pushCheckFile(run.journalDir), JSON.stringify({ checkedAt: now }));
        run.reporter.event({ event: 'push-new.first', checkedAt: now, recorded: args.yes },
          `push-new: first run, so nothing is pushed${args.yes ? `; accounts created in BMS from now on (${now}) are pushed by the next runs` : ''}. Give --since DATE to push accounts made before.`);
        return { plan: null };
      }
      const r = await manager.planPushNew(since, { start: false });
      return { plan: r.progress ? { progress: r.progress, conflicts: [] } : null, pushCheckedAt: r.checkedAt };
    }
  }
}

/** the newest job of a kind that was interrupted (still `running` in the journal), to resume */
async function interrupted(run: JobRun, kind: JobKind): Promise<JobProgress | null> {
  const job = (await run.journal.jobs(kind)).find((j) => j.state === 'running');
  return job ? run.manager.progress(job.id) : null;
}

export async function runJobCommand(run: JobRun): Promise<Outcome> {
  const { args, manager, reporter } = run;
  const kind = KIND[args.command];
  const sleep = run.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  let jobId: string;
  if (args.retryFailed) {
    const last = (await run.journal.jobs(kind)).find((j) => j.state === 'done');
    const failed = last ? (await run.journal.counts(last.id)).failed : 0;
    if (!last || !failed) throw new CliError(`The newest finished ${NAME[kind]} has no failed items to retry.`, 'input');
    reporter.event({ event: 'retry', jobId: last.id, failed }, `Retrying the ${failed} failed item(s) of ${NAME[kind]} ${last.id}.`);
    if (!args.yes) return { kind: 'dry-run' };
    jobId = last.id;
    await manager.retryFailed(jobId);
  } else {
    const resumed = await interrupted(run, kind);
    let planned: PlanResult | null;
    let pushCheckedAt: string | undefined;
    if (resumed) planned = { progress: resumed, conflicts: [] };
    else ({ plan: planned, pushCheckedAt } = await plan(run, kind));
    if (!planned) {
      // push-new: nothing new since the last check; the next run looks from now on
      if (pushCheckedAt && args.yes) writeFileSync(pushCheckFile(run.journalDir), JSON.stringify({ checkedAt: pushCheckedAt }));
      reporter.event({ event: 'plan', kind, total: 0 }, `${NAME[kind]}: nothing to do.`);
      return { kind: 'finished', failed: 0, state: 'done' };
    }
    const p = planned.progress;
    reporter.event({ event: 'plan', kind, jobId: p.jobId, resumed: !!resumed, total: p.total, done: p.done, summary: p.summary, note: p.note, notice: planned.notice ?? null, conflicts: planned.conflicts }, dryRunText(kind, planned, resumed));
    if (p.confirm && !(args.yes && args.allowMassDeactivation)) {
      // the mass-deactivation guard (MEDIUM-3): exit 3 and nothing written, with --yes too; only the explicit
      // --allow-mass-deactivation answers it, so an unattended `--yes` never deactivates most of a tenant's assets
      if (!resumed) await run.journal.deleteJob(p.jobId);
      reporter.event({ event: 'guard', jobId: p.jobId, ...p.confirm }, `Stopped by the mass-deactivation guard: nothing written. If VSA's answer is right, run the same command with --yes --allow-mass-deactivation to go ahead.`);
      return { kind: 'guard' };
    }
    if (!resumed && (args.acceptRelink.length || args.rejectRelink.length)) await decideRelinks(run, planned);
    if (!args.yes) {
      if (!resumed) await run.journal.deleteJob(p.jobId); // a discarded dry run leaves nothing behind (nightly runs add up)
      reporter.event({ event: 'dry-run', jobId: p.jobId }, resumed ? 'Nothing written. Run again with --yes to resume it.' : 'Nothing written. Run again with --yes to do it.');
      return { kind: 'dry-run' };
    }
    jobId = p.jobId;
    // a plan with nothing to do runs as well (it ends at once and says when everything was last in sync);
    // the guard was answered above, so the start is confirmed
    await manager.start(jobId, { confirmed: true });
    if (pushCheckedAt) writeFileSync(pushCheckFile(run.journalDir), JSON.stringify({ checkedAt: pushCheckedAt }));
  }
  // wait; a job paused by busy or unreachable servers is tried again a few times, then left to the next run
  let tries = 0;
  let lastDone = -1;
  for (;;) {
    await manager.whenDone(jobId);
    const p = (await manager.progress(jobId))!;
    if (p.state !== 'running') return finish(reporter, p);
    if (run.stopping()) {
      reporter.event({ event: 'interrupted', jobId, done: p.done, failed: p.failed, total: p.total }, `Stopped after ${p.done + p.failed} of ${p.total} items: run the same command again to resume.`);
      return { kind: 'interrupted' };
    }
    if (p.done + p.failed > lastDone) tries = 0;
    lastDone = p.done + p.failed;
    if (tries >= PAUSE_RETRIES.length) {
      throw new CliError(`The ${NAME[kind]} is paused: ${p.note ?? 'the servers did not answer'} It stays in the journal; the next run resumes it.`, 'connect');
    }
    reporter.info(`${p.note ?? 'Paused.'} Trying again in ${PAUSE_RETRIES[tries]} s.`, { event: 'paused', jobId, note: p.note, retryInSec: PAUSE_RETRIES[tries] });
    await sleep(PAUSE_RETRIES[tries++] * 1000);
    if (run.stopping()) continue;
    await manager.start(jobId);
  }
}

/**
 * B16 from the command line: the relinks the admin named are accepted (each its own journaled,
 * undoable job) or rejected (remembered), with --yes; without it the dry run only says what it would do.
 */
async function decideRelinks(run: JobRun, planned: PlanResult): Promise<void> {
  const { args, manager, reporter } = run;
  const offered = new Map(planned.conflicts.filter((c) => c.relink).map((c) => [c.relink!.newAgentId, c]));
  for (const id of [...args.acceptRelink, ...args.rejectRelink]) {
    if (!offered.has(id)) throw new CliError(`Agent ${id}: the dry run offers no relink for it (not a suspected reinstall, already decided, or the asset sync was narrowed to another org or agent).`, 'input');
  }
  for (const id of args.acceptRelink) {
    if (!args.yes) {
      reporter.event({ event: 'relink.dry-run', newAgentId: id }, `Would relink for agent ${id}: ${offered.get(id)!.reason}`);
      continue;
    }
    const p = await manager.acceptRelink(planned.progress.jobId, id);
    reporter.event({ event: 'relink', newAgentId: id, jobId: p.jobId, state: p.state, failed: p.failed, errors: p.errors },
      p.state === 'done' && !p.failed ? `Relinked for agent ${id} (job ${p.jobId}; undo with: undo --job ${p.jobId}).` : `The relink for agent ${id} failed: ${p.errors[0]?.reason ?? p.note ?? p.state}`);
  }
  for (const id of args.rejectRelink) {
    if (!args.yes) {
      reporter.event({ event: 'relink.dry-run', newAgentId: id, reject: true }, `Would reject the relink for agent ${id}: it gets its own asset on the next run.`);
      continue;
    }
    await manager.rejectRelink(planned.progress.jobId, id);
    reporter.event({ event: 'relink.rejected', newAgentId: id }, `Rejected the relink for agent ${id}: never offered again; it gets its own asset on the next run.`);
  }
}

function finish(reporter: Reporter, p: JobProgress): Outcome {
  reporter.clearBar();
  const lines = [`${NAME[p.kind]} ${p.jobId} ${p.state}: ${p.done} done, ${p.failed} failed of ${p.total}.${p.note ? ` ${p.note}` : ''}`];
  for (const e of p.errors) lines.push(`  failed ${e.label}: ${e.reason}`);
  if (p.failed > p.errors.length) lines.push(`  … the newest ${p.errors.length} are listed; the audit log and --json have them all.`);
  reporter.event({ event: 'done', jobId: p.jobId, kind: p.kind, state: p.state, total: p.total, done: p.done, failed: p.failed, note: p.note, errors: p.errors }, lines.join('\n'));
  return { kind: 'finished', failed: p.failed, state: p.state };
}
