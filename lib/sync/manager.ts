/**
 * The background's jobs behind one facade: it builds each part on the same journal and connections
 * and delegates to it. The parts: dry runs (planners), running jobs (scheduler), the sync list in
 * memory (overview cache), one-record actions, and the audit log / CSV (records).
 */
import type { BmsClient } from '../bms/client';
import type { LocationRule } from '../mapping/rules';
import { Actions } from './actions';
import type { AssetScope } from './assets';
import type { ImportSelection } from './import';
import type { Journal } from './journal';
import { OverviewCache } from './overview-cache';
import { Planners } from './planners';
import { Records } from './records';
import { Scheduler, type StartOptions } from './scheduler';
import { TeamRules } from './team-rules';
import { deactivateNowItem, orphanReport } from './orphans';
import { NotFoundError } from '../http/errors';
import type { JobProgress, PlanResult, SyncContext } from './types';

export type { JobProgress, PlanResult, SyncContext } from './types';
export type { StartOptions } from './scheduler';
export { checkDeactivation, deactivationLimit, DEFAULT_GUARD, type ConfirmNeed, type GuardSetting } from './guard';

export class JobManager {
  private teams = new WeakMap<BmsClient, { rules: TeamRules; probe: string }>();
  private readonly cache: OverviewCache;
  private readonly scheduler: Scheduler;
  private readonly planners: Planners;
  private readonly actions: Actions;
  private readonly records: Records;

  constructor(
    private readonly journal: Journal,
    private readonly context: () => Promise<SyncContext>,
    emit: (p: JobProgress) => void,
    onIdleChange: (busy: boolean) => void = () => undefined,
    /** the command line's Ctrl-C: running jobs stop between items and stay resumable */
    options: { stopping?: () => boolean } = {},
  ) {
    /** the team's location rules on the current connection (B9), in the accounts module and field the capability record names */
    const teamRules = (ctx: Pick<SyncContext, 'bms' | 'caps'>): TeamRules => {
      const probe = ctx.caps === undefined ? 'none' : `${ctx.caps?.key}@${ctx.caps?.probedAt}`;
      const t = this.teams.get(ctx.bms);
      if (t && t.probe === probe) return t.rules;
      const rules = new TeamRules(ctx.bms, journal, Date.now, ctx.caps);
      this.teams.set(ctx.bms, { rules, probe });
      return rules;
    };
    this.cache = new OverviewCache(journal, context);
    this.scheduler = new Scheduler({
      journal, context, teamRules, emit, onIdleChange, onFinished: (id, kind) => this.cache.patchAfter(id, kind), stopping: options.stopping,
      // an asset job's end lets the re-placements waiting on it go (F10)
      onEnded: (id, kind) => kind === 'assets' && this.actions.followUps.jobEnded(id),
    });
    const progress = (id: string) => this.scheduler.progress(id);
    const start = (id: string) => this.scheduler.start(id);
    this.planners = new Planners({ journal, context, teamRules, progress, start });
    this.actions = new Actions({
      journal, context, teamRules, cache: this.cache, progress, start,
      planAssetSync: (scope) => this.planners.planAssetSync(scope),
      whenDone: (id) => this.scheduler.whenDone(id),
      stopping: options.stopping,
    });
    this.records = new Records(journal, this.cache);
  }

  // dry runs
  planImport(sel: ImportSelection, rules: Record<string, LocationRule> = {}): Promise<PlanResult> { return this.planners.planImport(sel, rules); }
  planCsvImport(csv: string): Promise<PlanResult> { return this.planners.planCsvImport(csv); }
  planPushNew(since: string, opts?: { start?: boolean }): ReturnType<Planners['planPushNew']> { return this.planners.planPushNew(since, opts); }
  planExport(sel: { accountIds?: number[] }): Promise<PlanResult> { return this.planners.planExport(sel); }
  planAssetSync(scope: AssetScope): Promise<PlanResult> { return this.planners.planAssetSync(scope); }
  planUndo(jobId?: string): Promise<PlanResult> { return this.planners.planUndo(jobId); }
  /** B16: accept a relink a dry run offered; answers once the relink job has finished */
  async acceptRelink(jobId: string, newAgentId: string): Promise<JobProgress> {
    const p = await this.planners.acceptRelink(jobId, newAgentId);
    await this.scheduler.whenDone(p.jobId);
    return (await this.scheduler.progress(p.jobId))!;
  }
  rejectRelink(jobId: string, newAgentId: string): Promise<{ ok: true }> { return this.planners.rejectRelink(jobId, newAgentId); }

  // the orphan list (B18)
  async orphans(): ReturnType<typeof orphanReport> { return orphanReport(await this.context(), this.journal); }
  /** deactivates a removed agent's asset now, as a one-item asset job; answers once it has finished */
  async deactivateOrphan(agentId: string): Promise<JobProgress> {
    const c = (await this.journal.assetCache()).get(agentId);
    if (!c || !c.active || c.relinkedTo) throw Object.assign(new Error(`Agent ${agentId} has no active asset this installation synced: nothing to deactivate.`), { code: 'not-found' });
    const ctx = await this.context();
    const live = await ctx.vsa.agent(agentId).then(() => true, (e: unknown) => (e instanceof NotFoundError ? false : Promise.reject(e)));
    if (live) throw Object.assign(new Error(`Agent ${agentId} is in VSA again: its asset stays active.`), { code: 'conflict' });
    const job = await this.journal.createJob('assets', [deactivateNowItem(c)], { deactivate: 1 });
    await this.scheduler.start(job.id);
    await this.scheduler.whenDone(job.id);
    return (await this.scheduler.progress(job.id))!;
  }

  // running jobs
  start(jobId: string, opts: StartOptions = {}): Promise<JobProgress> { return this.scheduler.start(jobId, opts); }
  /** resumes the journal's running jobs, and re-placements a stopped worker left waiting on finished ones */
  async resume(): Promise<void> {
    await this.scheduler.resume();
    await this.actions.followUps.resume();
  }
  cancel(jobId: string): Promise<JobProgress> { return this.scheduler.cancel(jobId); }
  retryFailed(jobId: string): Promise<JobProgress> { return this.scheduler.retryFailed(jobId); }
  whenDone(jobId: string): Promise<void> { return this.scheduler.whenDone(jobId); }
  /** no job runs and no re-placement waits to start one */
  async waitIdle(): Promise<void> {
    do {
      await this.scheduler.waitIdle();
      await this.actions.settled();
    } while (this.scheduler.busy());
  }
  progress(jobId?: string): Promise<JobProgress | null> { return this.scheduler.progress(jobId); }

  // the sync list
  overview(refresh = false): ReturnType<OverviewCache['overview']> { return this.cache.overview(refresh); }
  conflictsInList(): number { return this.cache.conflictsInList(); }
  forgetCache(): void { this.cache.forget(); }
  accountMapping(accountId: number): ReturnType<OverviewCache['accountMapping']> { return this.cache.accountMapping(accountId); }
  ackNames(orgId: string): Promise<{ ok: true }> { return this.cache.ackNames(orgId); }
  warnings(orgId: string, accountId: number, action: 'link' | 'clear' = 'link'): ReturnType<OverviewCache['warnings']> { return this.cache.warnings(orgId, accountId, action); }

  // one-record actions
  unlink(orgId: string): Promise<{ ok: true }> { return this.actions.unlink(orgId); }
  neverMap(orgId: string, accountId: string, on: boolean): Promise<{ ok: true }> { return this.actions.neverMap(orgId, accountId, on); }
  ruleInfo(orgId: string): ReturnType<Actions['ruleInfo']> { return this.actions.ruleInfo(orgId); }
  saveRule(orgId: string, rule: LocationRule): Promise<PlanResult> { return this.actions.saveRule(orgId, rule); }
  applyMappingChange(orgId: string): Promise<PlanResult> { return this.actions.applyMappingChange(orgId); }
  syncAsset(assetId: number): ReturnType<Actions['syncAsset']> { return this.actions.syncAsset(assetId); }

  // audit log and CSV
  mappingsCsv(): Promise<{ csv: string; rows: number }> { return this.records.mappingsCsv(); }
  auditList(limit = 500): ReturnType<Records['auditList']> { return this.records.auditList(limit); }
  auditCsv(limit = 100_000): Promise<{ csv: string; entries: number }> { return this.records.auditCsv(limit); }
}
