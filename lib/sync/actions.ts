/**
 * One-record actions an admin takes from a list or a page: clear a link (F11), never map a pair
 * (B12), read and save an org's location rule (F12–F15), sync one asset now (F17). Each is audited.
 */
import { AuthError } from '../http/errors';
import { collect } from '../http/paging';
import { assertVsaId } from '../messages';
import { groupLocationName, validateMapping, type LocationRule } from '../mapping/rules';
import { hasCapability, requireCapability } from '../capabilities/types';
import type { AssetScope } from './assets';
import { FollowUps } from './follow-ups';
import { jobNote, type Journal } from './journal';
import type { OverviewCache } from './overview-cache';
import { NEVER_FIELD, neverOf, type TeamRules } from './team-rules';
import type { JobProgress, PlanResult, SyncContext } from './types';
import { linkSystem, linksOf } from './link-store';

export interface ActionDeps {
  journal: Journal;
  context: () => Promise<SyncContext>;
  teamRules: (ctx: Pick<SyncContext, 'bms' | 'caps'>) => TeamRules;
  cache: OverviewCache;
  planAssetSync: (scope: AssetScope) => Promise<PlanResult>;
  start: (jobId: string) => Promise<JobProgress>;
  progress: (jobId: string) => Promise<JobProgress | null>;
  whenDone: (jobId: string) => Promise<void>;
  /** the command line's Ctrl-C: no re-placement starts while the process stops (the next run does it) */
  stopping?: () => boolean;
}

export class Actions {
  /** re-placements waiting in the journal for a running asset job to end (see applyMappingChange) */
  readonly followUps: FollowUps;

  constructor(private d: ActionDeps) {
    this.followUps = new FollowUps({ journal: d.journal, replace: (orgId) => this.applyMappingChange(orgId), stopping: d.stopping });
  }

  /** removes one org's link (F11) where the team keeps links, with its location rule; done only when the store confirms it; audited */
  async unlink(orgId: string): Promise<{ ok: true }> {
    const { journal } = this.d;
    assertVsaId(orgId, 'Org');
    const ctx = await this.d.context();
    const store = linksOf(ctx);
    const accountId = (await store.ofOrgs([orgId])).get(orgId);
    if (accountId === undefined) throw new Error(`Org ${orgId} is not linked to an account (any more): nothing to clear.`);
    // only the store's word for this org says it is gone (BMS: job detail 200 or 404, then read back); anything else is a refusal
    const res = await store.unlink([orgId]);
    if (!res.done.includes(orgId)) {
      throw new Error(`The link of org ${orgId} was not cleared (${res.failed.get(orgId) ?? 'the answer names no result for this org'}). The link, its location rule and the audit log are unchanged; try again, or clear it in BMS.`);
    }
    await this.d.teamRules(ctx).write(orgId, accountId, null).catch(() => undefined);
    await journal.setRule(orgId, null);
    await journal.audit([{ jobId: null, system: linkSystem(store), record: `mapping ${orgId}`, action: 'unlink', before: { orgId, accountId }, after: null }]);
    this.d.cache.patch({ unlinked: [orgId] });
    return { ok: true };
  }

  /** "never map this pair" (B12), or take that back */
  async neverMap(orgId: string, accountId: string, on: boolean): Promise<{ ok: true }> {
    const { journal } = this.d;
    await journal.setNeverMap(orgId, accountId, on);
    if (on) this.d.cache.patch({ never: [orgId] });
    // for the team: on the VSA org (B12); when VSA refuses, the pair stays in this browser
    try {
      const { vsa } = await this.d.context();
      await vsa.setOrgCustomField(orgId, NEVER_FIELD, (org) => {
        const list = new Set(neverOf(org));
        if (on) list.add(accountId);
        else list.delete(accountId);
        return JSON.stringify([...list]);
      });
      await journal.audit([{ jobId: null, system: 'vsa', record: `org ${orgId}`, action: on ? 'never-map' : 'never-map off', before: null, after: { accountId } }]);
    } catch (e) {
      if (e instanceof AuthError) throw e;
      console.warn(`[bms-vsa-sync] "never map" of org ${orgId} is kept in this browser only: ${(e as Error).message}`);
    }
    return { ok: true };
  }

  /** the org's location rule and what an editor needs: machine groups, the account's locations and departments */
  async ruleInfo(orgId: string) {
    const ctx = await this.d.context();
    const { vsa, bms, defaultRule } = ctx;
    const team = this.d.teamRules(ctx);
    const [groups, links] = await Promise.all([collect(vsa.machineGroups(orgId)), linksOf(ctx).ofOrgs([orgId])]);
    const accountId = links.get(orgId) ?? null;
    // departments only where BMS's API has them (capability record); never read on a tenant without
    const departmentsOn = ctx.caps === undefined || hasCapability(ctx.caps, 'departments');
    const [locations, departments, rule, store] = accountId === null
      ? [[], [], null, await team.store()]
      : await Promise.all([bms.locations(accountId), departmentsOn ? bms.departments(accountId) : Promise.resolve([]), team.read(orgId, accountId), team.store()]);
    const org = { id: orgId, name: orgId, machineGroups: groups.map((g) => ({ id: g.MachineGroupId, name: g.MachineGroupName, parentId: g.ParentMachineGroupId ?? null })) };
    const have = new Set(locations.map((l) => (l.Name ?? '').trim().toLowerCase()));
    const missingLocations = [...new Set(org.machineGroups.map((g) => groupLocationName(g.id, org)).filter((n): n is string => !!n && !have.has(n.trim().toLowerCase())))];
    return {
      capabilities: ctx.caps === undefined ? undefined : {
        departments: ctx.caps?.caps.departments.state ?? 'unknown',
        legacyLocations: ctx.caps?.caps.legacyLocations.state ?? 'unknown',
      },
      missingLocations,
      orgId, accountId, store: store.where, storeNote: store.note,
      rule: rule ?? { kind: defaultRule ?? 'main' },
      machineGroups: groups.map((g) => ({ id: g.MachineGroupId, name: g.MachineGroupName, parentId: g.ParentMachineGroupId ?? null })),
      // the lookup lists an account's locations with Name and IsMain [assumed: active ones only; it has no IsActive]
      locations: locations.map((l) => ({ id: l.Id, name: l.Name ?? '', isMain: !!l.IsMain, isActive: (l as { IsActive?: boolean }).IsActive !== false })),
      departments: departments.map((d) => ({ id: d.Id, name: d.Name ?? '', isActive: d.IsActive ?? true })),
    };
  }

  /**
   * Saves an org's location rule after checking every invariant (F12–F15), then re-places that org's
   * assets (F10, applyMappingChange): returns the planned asset job, already started.
   */
  async saveRule(orgId: string, rule: LocationRule): Promise<PlanResult> {
    const info = await this.ruleInfo(orgId);
    if (info.accountId === null) throw new Error(`Org ${orgId} is not linked to an account: link it before choosing where its assets go.`);
    // a department in a rule is a write that needs the tenant to have departments (F15): never on an unprobed or absent one
    const ctxCaps = (await this.d.context()).caps;
    if (ctxCaps !== undefined && rule.kind === 'custom' && rule.groups.some((g) => g.departmentId !== null)) requireCapability(ctxCaps, 'departments');
    const org = { id: orgId, name: orgId, machineGroups: info.machineGroups };
    const account = { id: info.accountId, name: String(info.accountId), active: true, locations: info.locations, departments: info.departments };
    const bad = validateMapping({ orgId, accountId: info.accountId, rule }, { account, org, mappings: [] });
    if (bad.length) throw new Error(bad.map((v) => v.message).join(' '));
    const before = info.rule;
    const stored = await this.d.teamRules(await this.d.context()).write(orgId, info.accountId, rule);
    await this.d.journal.audit([{ jobId: null, system: 'bms', record: `location rule ${orgId} (account ${info.accountId}, ${stored.where === 'team' ? 'team' : 'this browser'})`, action: 'rule', before, after: rule }]);
    return { ...(await this.applyMappingChange(orgId)), notice: stored.note };
  }

  /**
   * After a link, edit or delete: re-place that org's assets (F10, F11) as a started job. When an asset
   * job is already running (one per kind), it was planned before this change and places the org's assets
   * by the old rule: the org is planned again once that job ends, so the change is what stays. That wait
   * is written on the running job in the journal (follow-ups.ts), so a stopped worker does not lose it.
   */
  async applyMappingChange(orgId: string): Promise<PlanResult> {
    const plan = await this.d.planAssetSync({ orgId, force: true });
    const progress = await this.d.start(plan.progress.jobId);
    if (progress.jobId !== plan.progress.jobId) {
      await this.dropIfJoined(plan.progress.jobId, progress.jobId);
      await this.followUps.add(progress.jobId, orgId);
    }
    return { progress, conflicts: plan.conflicts };
  }

  /** resolves when no re-placement waits to start any more (each one may start a job: the manager waits for those too) */
  settled(): Promise<void> {
    return this.followUps.settled();
  }

  /**
   * Real-time sync of one BMS hardware asset from its VSA agent (F17): waits for the one-item job and
   * says which fields changed. An asset with no agent is refused with the reason.
   */
  async syncAsset(assetId: number): Promise<{ progress: JobProgress; changes: { field: string; before: string; after: string }[]; reason: string | null }> {
    const { bms } = await this.d.context();
    const before = await bms.asset(assetId);
    // a record this browser wrote per record, where BMS kept no AgentId: the cache knows its agent
    if (!before.AgentId) {
      const mine = [...(await this.d.journal.assetCache()).values()].find((c) => c.psaAssetId === assetId);
      if (mine) before.AgentId = mine.agentId;
    }
    if (!before.AgentId) throw new Error(`Asset "${before.Name ?? assetId}" has no VSA agent: it was not created by the VSA integration, so there is nothing to sync it from.`);
    const plan = await this.d.planAssetSync({ agentId: before.AgentId, force: true });
    let progress = await this.d.start(plan.progress.jobId);
    if (progress.jobId !== plan.progress.jobId) {
      await this.dropIfJoined(plan.progress.jobId, progress.jobId);
      return { progress, changes: [], reason: 'A full asset sync is running; this asset is part of it.' };
    }
    await this.d.whenDone(plan.progress.jobId);
    progress = (await this.d.progress(plan.progress.jobId))!;
    const after = await bms.asset(assetId);
    const fields = ['Name', 'AccountName', 'AccountLocation', 'Department', 'Category', 'SerialNumber', 'IpAddress', 'MacAddress', 'MachineGroupId', 'OsType', 'OsInfo', 'LastCheckIn', 'LastReboot', 'IsActive'] as const;
    const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
    const changes = fields
      .filter((f) => str((before as Record<string, unknown>)[f]) !== str((after as Record<string, unknown>)[f]))
      .map((f) => ({ field: f, before: str((before as Record<string, unknown>)[f]), after: str((after as Record<string, unknown>)[f]) }));
    const reason = plan.conflicts[0]?.reason ?? (progress.errors[0]?.reason ?? null);
    return { progress, changes, reason };
  }

  /** a plan whose start joined a job already running (it covers this one) is not left behind as a planned job (LOW-4) */
  private async dropIfJoined(planned: string, started: string): Promise<void> {
    if (planned !== started) await this.d.journal.updateJob(planned, { state: 'cancelled', ...jobNote('note_joined', [], 'Not started: a running job of the same kind covers it.') });
  }
}
