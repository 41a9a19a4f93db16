/**
 * Runs the background's jobs: one job at a time per kind (a second request joins the running job),
 * resume of unfinished jobs when the worker starts or an alarm fires, cancel, retry of failed items,
 * and progress (done/total, current item, rate, ETA, errors) for every open view.
 */
import type { BmsClient } from '../bms/client';
import { collect } from '../http/paging';
import { matchAll } from '../mapping/match';
import type { VsaClient } from '../vsa/client';
import { planAssetSync, runAssetSync, type AssetAction, type AssetScope } from './assets';
import { planExport, runExport, type ExportAction } from './export';
import { loadAssetSyncInput } from './load';
import { auditCsv } from './audit-csv';
import { planUndo, runUndo, type UndoAction } from './undo';
import { JobStopped, planImport, runImport, type AccountDefaults, type ImportAction, type ImportSelection } from './import';
import { jobNote, NO_NOTE, type JobKind, type JobRecord, type Journal } from './journal';
import { loadOverview, patchOverview, type Overview } from './overview';
import { quotaNote } from './quota-plan';
import { NEVER_FIELD, neverOf, neverPairs, TeamRules } from './team-rules';
import { AuthError } from '../http/errors';
import type { ExportAction as ExportItem } from './export';
import { linkWarnings, validateMapping, type LocationRule, type Warning } from '../mapping/rules';
import { normalizeName } from '../mapping/normalize';
import { AccountIndex } from '../mapping/match';
import { readMappingsCsv, writeMappingsCsv } from '../mapping/csv';

export interface SyncContext {
  vsa: VsaClient;
  bms: BmsClient;
  defaults: AccountDefaults;
  /** "Create accounts automatically" (F1), on by default as in BMS */
  autoCreate: boolean;
  /** the location rule of a link without its own (options) */
  defaultRule?: 'main' | 'groupId';
}

export interface JobProgress {
  jobId: string;
  kind: JobKind;
  state: JobRecord['state'];
  total: number;
  done: number;
  failed: number;
  pending: number;
  current: string | null;
  ratePerSec: number | null;
  etaSec: number | null;
  note: string | null;
  noteKey: string | null;
  noteArgs: string[];
  summary: Record<string, number>;
  errors: { label: string; reason: string }[];
}

/** a planned job, and what it leaves out (an org, agent or record, by `key`) with the reason */
export interface PlanResult {
  progress: JobProgress;
  conflicts: { key: string; reason: string }[];
  /** something the admin should know about how it was done (where a rule was kept) */
  notice?: string | null;
}

export class JobManager {
  private running = new Map<JobKind, { jobId: string; promise: Promise<void> }>();
  private current = new Map<string, string | null>();
  private overviewCache: Overview | null = null;
  /** the clients the cached list was read with: other connections, other list */
  private overviewOf: unknown = null;
  private teams = new WeakMap<BmsClient, TeamRules>();

  /** the team's location rules on the current connection (B9) */
  private teamRules(bms: BmsClient): TeamRules {
    let t = this.teams.get(bms);
    if (!t) this.teams.set(bms, (t = new TeamRules(bms, this.journal)));
    return t;
  }

  constructor(
    private journal: Journal,
    private context: () => Promise<SyncContext>,
    private emit: (p: JobProgress) => void,
    private onIdleChange: (busy: boolean) => void = () => undefined,
  ) {}

  /** reads orgs, accounts and links, matches, and stores the plan (a dry run: nothing is written) */
  async planImport(sel: ImportSelection, rules: Record<string, LocationRule> = {}): Promise<PlanResult> {
    const { vsa, bms } = await this.context();
    const [orgsRaw, accountsRaw, mapsRaw] = await Promise.all([collect(vsa.orgs()), collect(bms.accounts()), collect(bms.mappings())]);
    const orgs = orgsRaw.map((o) => ({ id: o.OrgId, name: o.OrgName }));
    const accounts = accountsRaw.map((a) => ({ id: a.Id, name: a.AccountName ?? '', active: a.IsActive }));
    const mappings = new Map(mapsRaw.map((m) => [m.ExternalId ?? '', m.PsaId]));
    const linked = new Set(mappings.values());
    const free = accounts.filter((a) => a.active && !linked.has(a.id)).map((a) => ({ id: String(a.id), name: a.name }));
    const suggestions = matchAll(orgs.filter((o) => !mappings.has(o.id)), free, { neverMap: neverPairs(orgsRaw, await this.journal.neverMap()) });
    const plan = planImport({ orgs, accounts, mappings, suggestions }, sel);
    // location rules (from a mappings CSV) come after the links, so each finds its org linked
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    const ruleItems = Object.entries(rules).filter(([orgId]) => orgName.has(orgId))
      .map(([orgId, rule]) => ({ key: `rule:${orgId}`, label: `location rule of ${orgName.get(orgId)}`, action: { kind: 'rule' as const, orgId, orgName: orgName.get(orgId)!, rule } }));
    const unknown = Object.keys(rules).filter((o) => !orgName.has(o));
    if (ruleItems.length) (plan.summary as Record<string, number>).rules = ruleItems.length;
    for (const o of unknown) (plan.conflicts ??= []).push({ orgId: o, reason: `Org ${o} is not in VSA: its location rule is left out.` });
    const job = await this.journal.createJob<ImportAction>('import', [...plan.items, ...ruleItems], plan.summary);
    await this.withQuotaNote(job);
    return { progress: (await this.progress(job.id))!, conflicts: (plan.conflicts ?? []).map((c) => ({ key: c.orgId, reason: c.reason })) };
  }

  /**
   * Push new CRM accounts to VSA (F5): accounts created in BMS since `since` that have no org get one,
   * linked. BMS does not call us, so this runs on an alarm and when an admin opens a BMS page.
   */
  async planPushNew(since: string): Promise<{ progress: JobProgress | null; checkedAt: string }> {
    const checkedAt = new Date().toISOString();
    const { vsa, bms } = await this.context();
    const fresh = await collect(bms.accounts({ createdFrom: since, active: true }));
    if (!fresh.length) return { progress: null, checkedAt };
    const [orgsRaw, mapsRaw] = await Promise.all([collect(vsa.orgs()), collect(bms.mappings())]);
    const plan = planExport({
      orgs: orgsRaw.map((o) => ({ id: o.OrgId, name: o.OrgName, ref: o.OrgRef })),
      accounts: fresh.map((a) => ({ id: a.Id, name: a.AccountName ?? '', active: a.IsActive })),
      mappings: new Map(mapsRaw.map((m) => [m.ExternalId ?? '', m.PsaId])),
    }, {});
    if (!plan.items.length) return { progress: null, checkedAt };
    const job = await this.journal.createJob<ExportAction>('push', plan.items, plan.summary);
    return { progress: await this.start(job.id), checkedAt };
  }

  /**
   * The sync list (F4): every org with its state. Served from memory when fresh enough and not
   * asked to refresh ("Load Accounts" refreshes); a finished job makes it stale.
   */
  async overview(refresh = false): Promise<Overview & { lastSyncAt: number | null }> {
    const ctx = await this.context();
    if (refresh || !this.overviewCache || this.overviewOf !== ctx.bms) {
      const loaded = await loadOverview(ctx.vsa, ctx.bms, this.journal);
      // a list read with connections that changed meanwhile is not kept
      if ((await this.context()).bms === ctx.bms) {
        this.overviewCache = loaded;
        this.overviewOf = ctx.bms;
      }
      return { ...loaded, lastSyncAt: await this.lastSyncAt() };
    }
    return { ...this.overviewCache, lastSyncAt: await this.lastSyncAt() };
  }

  private async lastSyncAt(): Promise<number | null> {
    const lastSync = (await this.journal.jobs('assets')).find((j) => j.state === 'done');
    return lastSync?.updatedAt ?? null;
  }

  /** the dry run's word on BMS's hourly quota, kept on the job as its note (shown in the preview) */
  private async withQuotaNote(job: JobRecord): Promise<void> {
    const { bms } = await this.context();
    const used = bms.budget();
    const note = quotaNote(job.kind, job.summary, (ep) => used[ep]?.used ?? 0);
    if (note) await this.journal.updateJob(job.id, jobNote('note_quota', note.args, note.text));
  }

  /** conflicts in the last loaded sync list (0 when none was loaded), for the badge */
  conflictsInList(): number {
    return this.overviewCache?.counts.conflict ?? 0;
  }

  /** forgets what was read from the systems (the connections changed: another tenant, another user) */
  forgetCache(): void {
    this.overviewCache = null;
  }

  /** keeps the cached sync list true after a job, from the job's own items (no re-read of both systems) */
  private async patchOverviewAfter(jobId: string, kind: JobKind): Promise<void> {
    if (!this.overviewCache) return;
    const done = await this.journal.items(jobId, 'done');
    if (kind === 'undo') {
      this.overviewCache = null; // an undo touches links of another job: read again
      return;
    }
    const linked = done.flatMap((i) => {
      const a = i.action as ImportAction | ExportItem;
      if (a.kind === 'link' || a.kind === 'create-link') return a.accountId === undefined ? [] : [{ orgId: a.orgId, orgName: a.orgName, accountId: a.accountId, accountName: a.accountName }];
      if (a.kind === 'link-org' || a.kind === 'create-org-link') return a.orgId === undefined ? [] : [{ orgId: a.orgId, orgName: a.orgName, orgRef: a.kind === 'create-org-link' ? a.orgRef : undefined, accountId: a.accountId, accountName: a.accountName }];
      return [];
    });
    this.overviewCache = patchOverview(this.overviewCache, { linked });
  }

  /** removes one org's link (F11) in BMS's mapping store, with its location rule; audited */
  async unlink(orgId: string): Promise<{ ok: true }> {
    const { bms } = await this.context();
    const before = await collect(bms.mappings({ externalIds: [orgId] }));
    if (!before.length) throw new Error(`Org ${orgId} is not linked to an account (any more): nothing to clear.`);
    const res = await bms.deleteMappings([orgId]);
    const failed = (res.Details ?? []).find((d) => d.ExternalId === orgId && d.Status !== undefined && /fail|error/i.test(String(d.Status)));
    if (failed) throw new Error(`BMS did not clear the link of org ${orgId}: ${failed.Message ?? failed.Status}`);
    await this.teamRules(bms).write(orgId, before[0].PsaId, null).catch(() => undefined);
    await this.journal.setRule(orgId, null);
    await this.journal.audit([{ jobId: null, system: 'bms', record: `mapping ${orgId}`, action: 'unlink', before: { orgId, accountId: before[0].PsaId }, after: null }]);
    if (this.overviewCache) this.overviewCache = patchOverview(this.overviewCache, { unlinked: [orgId] });
    return { ok: true };
  }

  /**
   * What the account page's RMM Integration panel shows (F9): the linked org with its machine groups
   * and agent count, or the orgs without a link (only those) with suggestions for this account on top.
   */
  async accountMapping(accountId: number) {
    let ov = await this.overview();
    let acc = ov.accounts.find((a) => a.id === accountId);
    if (!acc) {
      // an account made in BMS since the list was loaded: read it and add it
      const { bms } = await this.context();
      const a = await bms.account(accountId);
      acc = { id: a.Id, name: a.AccountName ?? '', active: a.IsActive, orgId: null };
      this.overviewCache = ov = { ...ov, accounts: [...ov.accounts, acc] };
    }
    const account = { id: acc.id, name: acc.name, active: acc.active };
    const linkedOrgs = new Set(ov.accounts.map((a) => a.orgId).filter((o): o is string => o !== null));
    if (acc.orgId) {
      const row = ov.rows.find((r) => r.orgId === acc.orgId);
      const { vsa } = await this.context();
      const [groups, agents] = await Promise.all([collect(vsa.machineGroups(acc.orgId)), collect(vsa.agents({ orgId: acc.orgId }))]);
      return {
        account, freeOrgs: [], suggestions: [],
        linked: {
          orgId: acc.orgId, orgName: row?.orgName ?? '', orgRef: row?.orgRef ?? '', agentCount: agents.length, conflict: row?.status === 'conflict' ? row.reason : null,
          machineGroups: groups.map((g) => ({ id: g.MachineGroupId, name: g.MachineGroupName, parentId: g.ParentMachineGroupId ?? null })),
        },
      };
    }
    const free = ov.rows.filter((r) => !linkedOrgs.has(r.orgId));
    const index = new AccountIndex(free.map((r) => ({ id: r.orgId, name: r.orgName })));
    const suggestions = index.rank(acc.name, 5).filter((x) => x.score >= 0.5).map((x) => ({ orgId: free[x.acc].orgId, orgName: free[x.acc].orgName, confidence: Math.round(x.score * 1000) / 1000 }));
    return { account, linked: null, suggestions, freeOrgs: free.map((r) => ({ id: r.orgId, name: r.orgName })) };
  }

  /** "the names changed, the link is right" (B8): today's names become the ones renames are told against */
  async ackNames(orgId: string): Promise<{ ok: true }> {
    const ov = await this.overview();
    const row = ov.rows.find((r) => r.orgId === orgId);
    const acc = ov.accounts.find((a) => a.orgId === orgId);
    if (!row || !acc) throw new Error(`Org ${orgId} is not linked (any more): nothing to confirm.`);
    await this.journal.putLinkNames([{ orgId, accountId: acc.id, orgName: row.orgName, accountName: acc.name }]);
    if (this.overviewCache && acc.active) this.overviewCache = patchOverview(this.overviewCache, { linked: [{ orgId, orgName: row.orgName, accountId: acc.id, accountName: acc.name }] });
    return { ok: true };
  }

  /** what the admin should know before linking this org to this account (F18) */
  async warnings(orgId: string, accountId: number): Promise<{ warnings: Warning[] }> {
    const ov = await this.overview();
    const row = ov.rows.find((r) => r.orgId === orgId);
    const acc = ov.accounts.find((a) => a.id === accountId);
    if (!row) throw new Error(`Org ${orgId} is not in the list any more: press Load Accounts.`);
    if (!acc) throw new Error(`Account ${accountId} is not in the list any more: press Load Accounts.`);
    const mappings = ov.accounts.filter((a) => a.orgId !== null).map((a) => ({ orgId: a.orgId!, accountId: a.id, rule: { kind: 'main' as const } }));
    const index = new AccountIndex([{ id: String(acc.id), name: acc.name }]);
    const ranked = index.rank(row.orgName, 1)[0];
    const same = normalizeName(row.orgName).key === normalizeName(acc.name).key;
    const { vsa, bms } = await this.context();
    // assets already on the account from another org's machine groups (F18)
    const groups = new Set((await collect(vsa.machineGroups(orgId))).map((g) => g.MachineGroupId));
    let foreign = 0;
    for await (const a of bms.assets({ accountId, active: true })) {
      if (a.MachineGroupId && !groups.has(a.MachineGroupId)) foreign++;
      if (foreign >= 100) break;
    }
    return {
      warnings: linkWarnings({ org: { id: orgId, name: row.orgName, machineGroups: [] }, account: { id: acc.id, name: acc.name, active: acc.active, locations: [], departments: [] }, confidence: same ? 1 : ranked?.score ?? 0 },
        { mappings, assetsFromOtherOrgs: foreign }),
    };
  }

  /** the org's location rule and what an editor needs: machine groups, the account's locations and departments */
  async ruleInfo(orgId: string) {
    const { vsa, bms, defaultRule } = await this.context();
    const team = this.teamRules(bms);
    const [groups, maps] = await Promise.all([collect(vsa.machineGroups(orgId)), collect(bms.mappings({ externalIds: [orgId] }))]);
    const accountId = maps[0]?.PsaId ?? null;
    const [locations, departments, rule, store] = accountId === null
      ? [[], [], null, await team.store()]
      : await Promise.all([bms.locations(accountId), bms.departments(accountId), team.read(orgId, accountId), team.store()]);
    return {
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
    const org = { id: orgId, name: orgId, machineGroups: info.machineGroups };
    const account = { id: info.accountId, name: String(info.accountId), active: true, locations: info.locations, departments: info.departments };
    const bad = validateMapping({ orgId, accountId: info.accountId, rule }, { account, org, mappings: [] });
    if (bad.length) throw new Error(bad.map((v) => v.message).join(' '));
    const before = info.rule;
    const { bms } = await this.context();
    const stored = await this.teamRules(bms).write(orgId, info.accountId, rule);
    await this.journal.audit([{ jobId: null, system: 'bms', record: `location rule ${orgId} (account ${info.accountId}, ${stored.where === 'team' ? 'team' : 'this browser'})`, action: 'rule', before, after: rule }]);
    return { ...(await this.applyMappingChange(orgId)), notice: stored.note };
  }

  /** after a link, edit or delete: re-place that org's assets (F10, F11) as a started job */
  async applyMappingChange(orgId: string): Promise<PlanResult> {
    const plan = await this.planAssetSync({ orgId, force: true });
    const progress = await this.start(plan.progress.jobId);
    return { progress, conflicts: plan.conflicts };
  }

  /**
   * Real-time sync of one BMS hardware asset from its VSA agent (F17): waits for the one-item job and
   * says which fields changed. An asset with no agent is refused with the reason.
   */
  async syncAsset(assetId: number): Promise<{ progress: JobProgress; changes: { field: string; before: string; after: string }[]; reason: string | null }> {
    const { bms } = await this.context();
    const before = await bms.asset(assetId);
    if (!before.AgentId) throw new Error(`Asset "${before.Name ?? assetId}" has no VSA agent: it was not created by the VSA integration, so there is nothing to sync it from.`);
    const plan = await this.planAssetSync({ agentId: before.AgentId, force: true });
    let progress = await this.start(plan.progress.jobId);
    if (progress.jobId !== plan.progress.jobId) {
      return { progress, changes: [], reason: 'A full asset sync is running; this asset is part of it.' };
    }
    await this.running.get('assets')?.promise;
    progress = (await this.progress(plan.progress.jobId))!;
    const after = await bms.asset(assetId);
    const fields = ['Name', 'AccountName', 'AccountLocation', 'Department', 'Category', 'SerialNumber', 'IpAddress', 'MacAddress', 'MachineGroupId', 'OsType', 'OsInfo', 'LastCheckIn', 'LastReboot', 'IsActive'] as const;
    const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
    const changes = fields
      .filter((f) => str((before as Record<string, unknown>)[f]) !== str((after as Record<string, unknown>)[f]))
      .map((f) => ({ field: f, before: str((before as Record<string, unknown>)[f]), after: str((after as Record<string, unknown>)[f]) }));
    const reason = plan.conflicts[0]?.reason ?? (progress.errors[0]?.reason ?? null);
    return { progress, changes, reason };
  }

  /** the sync list's links as CSV (B6) */
  async mappingsCsv(): Promise<{ csv: string; rows: number }> {
    const ov = await this.overview(true);
    return { csv: writeMappingsCsv(ov.rows, (await this.journal.rules()) as Map<string, LocationRule>), rows: ov.rows.length };
  }

  /** plans an import of the links a CSV lists (B6): a dry run like any other, started by the admin */
  async planCsvImport(csv: string): Promise<PlanResult> {
    let parsed: ReturnType<typeof readMappingsCsv>;
    try {
      parsed = readMappingsCsv(csv);
    } catch (e) {
      throw new Error(`The CSV file was not read, nothing changed: ${(e as Error).message}`, { cause: e });
    }
    const orgIds = Object.keys(parsed.choices);
    if (!orgIds.length && !Object.keys(parsed.rules).length) throw new Error('The CSV file has no line with an account_id or a rule: nothing to do.');
    return this.planImport({ orgIds, choices: parsed.choices, accept: 'auto', createMissing: false }, parsed.rules);
  }

  /** the newest audit entries, before and after as text, for the audit view (B4) */
  async auditList(limit = 500) {
    const txt = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
    return { entries: (await this.journal.auditLog(limit)).map((e) => ({ time: e.time, jobId: e.jobId, system: e.system, record: e.record, action: e.action, before: txt(e.before), after: txt(e.after) })) };
  }

  /** plans the undo of a bulk job, the newest import/export/push when no id is given (B5) */
  async planUndo(jobId?: string): Promise<PlanResult> {
    const target = jobId ?? (await this.journal.jobs()).find((j) => (j.kind === 'import' || j.kind === 'export' || j.kind === 'push') && j.state !== 'planned')?.id;
    if (!target) throw new Error('There is no bulk job to undo.');
    const plan = await planUndo(this.journal, target);
    const job = await this.journal.createJob<UndoAction>('undo', plan.items, plan.summary);
    return { progress: (await this.progress(job.id))!, conflicts: plan.kept.map((k) => ({ key: k.orgId, reason: k.reason })) };
  }

  /** the audit log of every write, newest first, as CSV (B4) */
  async auditCsv(limit = 100_000): Promise<{ csv: string; entries: number }> {
    const entries = await this.journal.auditLog(limit);
    return { csv: auditCsv(entries), entries: entries.length };
  }

  /** "never map this pair" (B12), or take that back */
  async neverMap(orgId: string, accountId: string, on: boolean): Promise<{ ok: true }> {
    await this.journal.setNeverMap(orgId, accountId, on);
    if (on && this.overviewCache) this.overviewCache = patchOverview(this.overviewCache, { never: [orgId] });
    // for the team: on the VSA org (B12); when VSA refuses, the pair stays in this browser
    try {
      const { vsa } = await this.context();
      await vsa.setOrgCustomField(orgId, NEVER_FIELD, (org) => {
        const list = new Set(neverOf(org));
        if (on) list.add(accountId);
        else list.delete(accountId);
        return JSON.stringify([...list]);
      });
      await this.journal.audit([{ jobId: null, system: 'vsa', record: `org ${orgId}`, action: on ? 'never-map' : 'never-map off', before: null, after: { accountId } }]);
    } catch (e) {
      if (e instanceof AuthError) throw e;
      console.warn(`[bms-vsa-sync] "never map" of org ${orgId} is kept in this browser only: ${(e as Error).message}`);
    }
    return { ok: true };
  }

  /** reads accounts, orgs and links, and stores the export plan (a dry run) */
  async planExport(sel: { accountIds?: number[] }): Promise<PlanResult> {
    const { vsa, bms } = await this.context();
    const [orgsRaw, accountsRaw, mapsRaw] = await Promise.all([collect(vsa.orgs()), collect(bms.accounts()), collect(bms.mappings())]);
    const plan = planExport({
      orgs: orgsRaw.map((o) => ({ id: o.OrgId, name: o.OrgName, ref: o.OrgRef })),
      accounts: accountsRaw.map((a) => ({ id: a.Id, name: a.AccountName ?? '', active: a.IsActive })),
      mappings: new Map(mapsRaw.map((m) => [m.ExternalId ?? '', m.PsaId])),
    }, sel);
    const job = await this.journal.createJob<ExportAction>('export', plan.items, plan.summary);
    await this.withQuotaNote(job);
    return { progress: (await this.progress(job.id))!, conflicts: [] };
  }

  /** plans an asset sync of everything, one org or one agent (F16, F17) */
  async planAssetSync(scope: AssetScope): Promise<PlanResult> {
    const { vsa, bms, autoCreate, defaultRule } = await this.context();
    // read the team's rules of the links, oldest first, within what the hour's quota leaves (B9)
    const left = bms.budget()['GET /system/customFields/{moduleId}/{objectId}']?.remaining ?? 1500;
    const team = this.teamRules(bms);
    const input = await loadAssetSyncInput(vsa, bms, this.journal, {
      autoCreate, orgId: scope.orgId,
      refreshRules: (links) => team.refresh([...links].map(([orgId, accountId]) => ({ orgId, accountId })), Math.min(300, left - 300)),
    });
    const plan = planAssetSync({ ...input, defaultRule: { kind: defaultRule ?? 'main' } }, scope);
    const job = await this.journal.createJob<AssetAction>('assets', plan.items, plan.summary);
    await this.withQuotaNote(job);
    // B8: agents that moved between machine groups since the last sync, in words
    const notice = plan.moved.length ? `${plan.moved.slice(0, 5).map((m) => m.reason).join(' ')}${plan.moved.length > 5 ? ` And ${plan.moved.length - 5} more.` : ''}` : null;
    return { progress: (await this.progress(job.id))!, conflicts: plan.unplaced.map((u) => ({ key: u.agentId, reason: u.reason })), notice };
  }

  /** starts a planned job; when a job of the kind is already running, joins it instead */
  async start(jobId: string): Promise<JobProgress> {
    const job = await this.journal.job(jobId);
    if (!job) throw new Error(`Job ${jobId} is not in the journal.`);
    const active = await this.activeJob(job.kind);
    if (active && active.id !== jobId) return (await this.progress(active.id))!;
    if (job.state === 'planned' || job.state === 'running') {
      await this.journal.updateJob(jobId, { state: 'running' });
      this.kick(jobId, job.kind);
    }
    return (await this.progress(jobId))!;
  }

  private async activeJob(kind: JobKind): Promise<JobRecord | null> {
    return (await this.journal.jobs(kind)).find((j) => j.state === 'running') ?? null;
  }

  /** resumes every job the journal says is running (after a worker restart, or on the alarm) */
  async resume(): Promise<void> {
    for (const j of await this.journal.jobs()) if (j.state === 'running') this.kick(j.id, j.kind);
    this.onIdleChange(this.running.size > 0);
  }

  private kick(jobId: string, kind: JobKind): void {
    if (this.running.has(kind)) return;
    const promise = (async () => {
      try {
        const ctx = await this.context();
        const hooks = {
          onProgress: (_job: JobRecord, cur: string | null) => {
            if (cur !== null) this.current.set(jobId, cur);
            void this.progress(jobId).then((p) => p && this.emit(p));
          },
        };
        const final = kind === 'undo'
          ? await runUndo(this.journal, jobId, ctx.bms, hooks)
          : kind === 'export' || kind === 'push'
          ? await runExport(this.journal, jobId, ctx.vsa, ctx.bms, hooks)
          : kind === 'assets'
            ? await runAssetSync(this.journal, jobId, ctx.bms, hooks)
            : await runImport(this.journal, jobId, ctx.bms, ctx.defaults, hooks, this.teamRules(ctx.bms));
        this.current.delete(jobId);
        if (kind !== 'assets') await this.patchOverviewAfter(jobId, kind);
        this.emit((await this.progress(final.id))!);
      } catch (e) {
        if (e instanceof JobStopped && !e.retryable) {
          await this.journal.updateJob(jobId, { state: 'failed', ...jobNote('note_stopped', [e.message], e.message) });
        } else if (!(e instanceof JobStopped)) {
          await this.journal.updateJob(jobId, jobNote('note_paused', [(e as Error).message], `Paused: ${(e as Error).message} It resumes by itself.`));
        }
        const p = await this.progress(jobId);
        if (p) this.emit(p);
      } finally {
        this.running.delete(kind);
        this.onIdleChange(this.running.size > 0 || (await this.journal.jobs()).some((j) => j.state === 'running'));
      }
    })();
    this.running.set(kind, { jobId, promise });
    this.onIdleChange(true);
  }

  async cancel(jobId: string): Promise<JobProgress> {
    const job = await this.journal.job(jobId);
    if (!job) throw new Error(`Job ${jobId} is not in the journal.`);
    if (job.state === 'planned') await this.journal.updateJob(jobId, { state: 'cancelled', ...jobNote('note_not_started', [], 'Not started.') });
    else if (job.state === 'running') await this.journal.updateJob(jobId, { cancelRequested: true });
    return (await this.progress(jobId))!;
  }

  /** puts the failed items of a finished job back in line and runs it again */
  async retryFailed(jobId: string): Promise<JobProgress> {
    const job = await this.journal.job(jobId);
    if (!job) throw new Error(`Job ${jobId} is not in the journal.`);
    const failed = await this.journal.items(jobId, 'failed');
    if (failed.length) {
      await this.journal.putItems(failed.map((i) => ({ ...i, state: 'pending', reason: null })));
      await this.journal.updateJob(jobId, { state: 'running', cancelRequested: false, ...NO_NOTE });
      this.kick(jobId, job.kind);
    }
    return (await this.progress(jobId))!;
  }

  async waitIdle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()].map((r) => r.promise));
  }

  /** the job's progress; without an id, the newest job */
  async progress(jobId?: string): Promise<JobProgress | null> {
    const job = jobId ? await this.journal.job(jobId) : (await this.journal.jobs())[0] ?? null;
    if (!job) return null;
    const c = await this.journal.counts(job.id);
    const failedItems = c.failed ? await this.journal.items(job.id, 'failed') : [];
    const elapsed = job.startedAt ? (Date.now() - job.startedAt) / 1000 : 0;
    const finished = c.done + c.failed;
    const rate = elapsed > 1 && finished > 0 ? finished / elapsed : null;
    const left = c.pending + c.started;
    return {
      jobId: job.id, kind: job.kind, state: job.state, total: job.total, done: c.done, failed: c.failed, pending: left,
      current: this.current.get(job.id) ?? null, ratePerSec: rate === null ? null : Math.round(rate * 10) / 10,
      etaSec: rate && job.state === 'running' ? Math.round(left / rate) : null, note: job.note, noteKey: job.noteKey ?? null, noteArgs: job.noteArgs ?? [], summary: job.summary,
      errors: failedItems.slice(-20).map((i) => ({ label: i.label, reason: i.reason ?? '' })),
    };
  }
}
