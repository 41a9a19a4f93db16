/**
 * The dry runs: each reads what it needs from both systems, plans, and stores the plan as a job in
 * the journal (nothing is written to VSA or BMS), with BMS's word on the hour's quota as its note.
 */
import { groupLocationName } from '../mapping/rules';
import { hasCapability } from '../capabilities/types';
import { collect } from '../http/paging';
import { readMappingsCsvLines } from '../mapping/csv';
import { checkCsvRows } from './csv-check';
import { matchAll } from '../mapping/match';
import { accountSignals, orgRecord } from './match-input';
import type { LocationRule } from '../mapping/rules';
import { planAssetSync, type AssetAction, type AssetScope } from './assets';
import { planExport, type ExportAction } from './export';
import { planImport, type ImportAction, type ImportSelection } from './import';
import { jobNote, type JobRecord, type Journal } from './journal';
import { checkDeactivation, confirmNote } from './guard';
import { loadAssetSyncInput } from './load';
import { perRecordNote, quotaNote } from './quota-plan';
import { agentsWithTickets } from '../bms/risk';
import { riskWarnings } from '../mapping/risk';
import { neverPairs, type TeamRules } from './team-rules';
import type { JobProgress, PlanResult, SyncContext } from './types';
import { lastUndoable, planUndo, type UndoAction } from './undo';
import { linksOf } from './link-store';
import { DEFAULT_TENANT_SETTINGS } from '../mapping/tenant-settings';
import { orgsOutOfScope, recordLifecycle, tenantConflicts, tenantNotice } from './tenant-plan';
import { previewFields } from './field-owner';
import { ContactDirectory } from './contacts';
import { rejectRelink, relinkItem, type RelinkAction, type RelinkOffer } from './relink';

export interface PlannerDeps {
  journal: Journal;
  context: () => Promise<SyncContext>;
  teamRules: (ctx: Pick<SyncContext, 'bms' | 'caps'>) => TeamRules;
  progress: (jobId: string) => Promise<JobProgress | null>;
  start: (jobId: string) => Promise<JobProgress>;
}

export class Planners {
  constructor(private d: PlannerDeps) {}

  /** reads orgs, accounts and links, matches, and stores the plan (a dry run: nothing is written) */
  async planImport(sel: ImportSelection, rules: Record<string, LocationRule> = {}, csvLines?: Record<string, number>): Promise<PlanResult> {
    const { journal } = this.d;
    const ctx = await this.d.context();
    const { vsa, bms } = ctx;
    const [orgsRaw, accountsRaw] = await Promise.all([collect(vsa.orgs()), collect(bms.accounts())]);
    const orgs = orgsRaw.map((o) => ({ id: o.OrgId, name: o.OrgName }));
    const accounts = accountsRaw.map((a) => ({ id: a.Id, name: a.AccountName ?? '', active: a.IsActive }));
    const mappings = await linksOf(ctx).all(undefined, { orgs: orgsRaw, accountIds: accounts.map((a) => a.id) });
    const linked = new Set(mappings.values());
    const free = accounts.filter((a) => a.active && !linked.has(a.id)).map((a) => ({ id: String(a.id), name: a.name }));
    // the same second signals as the sync list (OrgRef / AccountCode, website / email domains), so the plan decides as the list shows
    const sig = new Map(accountsRaw.map((a) => [String(a.Id), accountSignals(a)]));
    const withSignals = free.map((f) => ({ ...f, ref: sig.get(f.id)?.code ?? null, domains: sig.get(f.id)?.domains ?? [] }));
    // B17: built-in orgs and excluded orgs are never suggested (nor created)
    const outOfScope = orgsOutOfScope(orgsRaw.map((o) => ({ id: o.OrgId, name: o.OrgName, ref: o.OrgRef ?? null })), ctx.tenant ?? DEFAULT_TENANT_SETTINGS);
    // a mappings CSV's rows pass the invariants of an edit in the UI, or are left out whole (with the line and the cause)
    let refused: { orgId: string; reason: string }[] = [];
    if (csvLines) {
      const checked = await checkCsvRows({ choices: sel.choices ?? {}, rules, lines: csvLines }, {
        orgs: new Map(orgs.map((o) => [o.id, o])), accounts: new Map(accounts.map((a) => [a.id, a])), mappings,
        detail: (orgId, accountId) => this.ruleTargets(ctx, orgId, accountId),
      });
      refused = checked.refused;
      rules = checked.rules;
      sel = { ...sel, choices: checked.choices, orgIds: sel.orgIds?.filter((o) => !refused.some((r) => r.orgId === o)) };
    }
    const suggestions = matchAll(orgsRaw.filter((o) => !mappings.has(o.OrgId) && !outOfScope.has(o.OrgId)).map(orgRecord), withSignals, { neverMap: neverPairs(orgsRaw, await journal.neverMap()) });
    const plan = planImport({ orgs, accounts, mappings, suggestions, outOfScope }, sel);
    // a new account whose org places assets by machine group gets those locations at once, in POST /crm/accounts:
    // where no API adds a location to an existing account (legacy v1 absent), this is the only way they get made
    const groupRule = (orgId: string) => (rules[orgId]?.kind ?? ctx.defaultRule ?? 'main') === 'groupId';
    const creates = plan.items.filter((i) => i.action.kind === 'create-link' && groupRule(i.action.orgId));
    if (creates.length && ctx.caps !== undefined && !hasCapability(ctx.caps, 'legacyLocations')) {
      const groups = await collect(vsa.allMachineGroups());
      const byOrg = new Map<string, { id: string; name: string; parentId: string | null }[]>();
      for (const g of groups) byOrg.set(g.OrgId, [...(byOrg.get(g.OrgId) ?? []), { id: g.MachineGroupId, name: g.MachineGroupName, parentId: g.ParentMachineGroupId ?? null }]);
      for (const it of creates) {
        const a = it.action as Extract<ImportAction, { kind: 'create-link' }>;
        const org = { id: a.orgId, name: a.orgName, machineGroups: byOrg.get(a.orgId) ?? [] };
        a.locations = [...new Set(org.machineGroups.map((g) => groupLocationName(g.id, org)).filter((n): n is string => !!n))];
      }
    }
    // location rules (from a mappings CSV) come after the links, so each finds its org linked
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    const ruleItems = Object.entries(rules).filter(([orgId]) => orgName.has(orgId))
      .map(([orgId, rule]) => ({ key: `rule:${orgId}`, label: `location rule of ${orgName.get(orgId)}`, action: { kind: 'rule' as const, orgId, orgName: orgName.get(orgId)!, rule } }));
    const unknown = Object.keys(rules).filter((o) => !orgName.has(o));
    if (refused.length) (plan.conflicts ??= []).push(...refused);
    if (ruleItems.length) (plan.summary as Record<string, number>).rules = ruleItems.length;
    for (const o of unknown) (plan.conflicts ??= []).push({ orgId: o, reason: `Org ${o} is not in VSA: its location rule is left out.` });
    const job = await journal.createJob<ImportAction>('import', [...plan.items, ...ruleItems], plan.summary);
    await this.withQuotaNote(job);
    return { progress: (await this.d.progress(job.id))!, conflicts: (plan.conflicts ?? []).map((c) => ({ key: c.orgId, reason: c.reason })) };
  }

  /** plans an import of the links a CSV lists (B6): a dry run like any other, started by the admin */
  async planCsvImport(csv: string): Promise<PlanResult> {
    let parsed: ReturnType<typeof readMappingsCsvLines>;
    try {
      parsed = readMappingsCsvLines(csv);
    } catch (e) {
      throw new Error(`The CSV file was not read, nothing changed: ${(e as Error).message}`, { cause: e });
    }
    const orgIds = Object.keys(parsed.choices);
    if (!orgIds.length && !Object.keys(parsed.rules).length) throw new Error('The CSV file has no line with an account_id or a rule: nothing to do.');
    return this.planImport({ orgIds, choices: parsed.choices, accept: 'auto', createMissing: false }, parsed.rules, parsed.lines);
  }

  /** what a custom rule of a CSV row is checked against: the org's machine groups, the account's locations and departments */
  private async ruleTargets(ctx: SyncContext, orgId: string, accountId: number) {
    const departmentsOn = ctx.caps === undefined || hasCapability(ctx.caps, 'departments');
    const [groups, locations, departments] = await Promise.all([
      collect(ctx.vsa.machineGroups(orgId)), ctx.bms.locations(accountId), departmentsOn ? ctx.bms.departments(accountId) : Promise.resolve([]),
    ]);
    return {
      machineGroups: groups.map((g) => ({ id: g.MachineGroupId, name: g.MachineGroupName, parentId: g.ParentMachineGroupId ?? null })),
      // read as ruleInfo reads them (the lookup has no IsActive)
      locations: locations.map((l) => ({ id: l.Id, name: l.Name ?? '', isMain: !!l.IsMain, isActive: (l as { IsActive?: boolean }).IsActive !== false })),
      departments: departments.map((d) => ({ id: d.Id, name: d.Name ?? '', isActive: d.IsActive ?? true })),
    };
  }

  /**
   * Push new CRM accounts to VSA (F5): accounts created in BMS since `since` that have no org get one,
   * linked. BMS does not call us, so this runs on an alarm and when an admin opens a BMS page.
   */
  async planPushNew(since: string, opts: { start?: boolean } = {}): Promise<{ progress: JobProgress | null; checkedAt: string }> {
    const checkedAt = new Date().toISOString();
    const ctx = await this.d.context();
    const { vsa, bms } = ctx;
    const fresh = await collect(bms.accounts({ createdFrom: since, active: true }));
    if (!fresh.length) return { progress: null, checkedAt };
    const orgsRaw = await collect(vsa.orgs());
    const plan = planExport({
      orgs: orgsRaw.map((o) => ({ id: o.OrgId, name: o.OrgName, ref: o.OrgRef })),
      accounts: fresh.map((a) => ({ id: a.Id, name: a.AccountName ?? '', active: a.IsActive })),
      mappings: await linksOf(ctx).all(undefined, { orgs: orgsRaw, accountIds: fresh.map((a) => a.Id) }),
    }, {});
    if (!plan.items.length) return { progress: null, checkedAt };
    const job = await this.d.journal.createJob<ExportAction>('push', plan.items, plan.summary);
    // the command line shows the dry run first (start: false) and starts it on --yes
    return { progress: opts.start === false ? (await this.d.progress(job.id))! : await this.d.start(job.id), checkedAt };
  }

  /** reads accounts, orgs and links, and stores the export plan (a dry run) */
  async planExport(sel: { accountIds?: number[] }): Promise<PlanResult> {
    const ctx = await this.d.context();
    const { vsa, bms } = ctx;
    const [orgsRaw, accountsRaw] = await Promise.all([collect(vsa.orgs()), collect(bms.accounts())]);
    const plan = planExport({
      orgs: orgsRaw.map((o) => ({ id: o.OrgId, name: o.OrgName, ref: o.OrgRef })),
      accounts: accountsRaw.map((a) => ({ id: a.Id, name: a.AccountName ?? '', active: a.IsActive })),
      mappings: await linksOf(ctx).all(undefined, { orgs: orgsRaw, accountIds: accountsRaw.map((a) => a.Id) }),
    }, sel);
    const job = await this.d.journal.createJob<ExportAction>('export', plan.items, plan.summary);
    await this.withQuotaNote(job);
    return { progress: (await this.d.progress(job.id))!, conflicts: [] };
  }

  /** plans an asset sync of everything, one org or one agent (F16, F17) */
  async planAssetSync(scope: AssetScope): Promise<PlanResult> {
    // a full sync while one runs (the next scheduled tick) plans nothing: it reports the running one (LOW-4)
    if (!scope.orgId && !scope.agentId) {
      const running = (await this.d.journal.jobs('assets')).find((j) => j.state === 'running');
      if (running) return { progress: (await this.d.progress(running.id))!, conflicts: [], notice: null };
    }
    const ctx = await this.d.context();
    const { vsa, bms, autoCreate, defaultRule, guard } = ctx;
    // the tenant rules of the settings; a context without them (older callers) deactivates gone agents' assets at once
    const tenant = ctx.tenant;
    // read the team's rules of the links, oldest first, within what the hour's quota leaves (B9)
    const left = bms.budget()['GET /system/customFields/{moduleId}/{objectId}']?.remaining ?? 1500;
    const team = this.d.teamRules(ctx);
    // what the tenant supports (contract §9): no department read or sent, no location added, where it has none
    const caps = ctx.caps;
    const input = await loadAssetSyncInput(vsa, bms, this.d.journal, {
      autoCreate, orgId: scope.orgId, links: linksOf(ctx),
      departments: caps === undefined ? undefined : hasCapability(caps, 'departments'),
      locationAdds: caps === undefined ? undefined : hasCapability(caps, 'legacyLocations'),
      refreshRules: (links) => team.refresh([...links].map(([orgId, accountId]) => ({ orgId, accountId })), Math.min(300, left - 300)),
    });
    // BMS's bulk push only where BMS's own mapping of the org is known right (§7): its mapping store answers
    // and holds the link, and the integration is on; everything else is written record by record
    const now = Date.now();
    const integrationOn = ctx.integrationOn ?? (ctx.caps ? ctx.caps.caps.integration.state === 'present' : true);
    const bulk = linksOf(ctx).backend === 'mapping-store' && integrationOn;
    const plan = planAssetSync({ ...input, checkInEveryMs: ctx.checkInEveryMs, defaultRule: { kind: defaultRule ?? 'main' }, bulkOrg: () => bulk, tenant, now }, scope);
    const full = !scope.orgId && !scope.agentId;
    const summary: Record<string, number> = full ? { ...plan.summary, agents: input.agents.length } : plan.summary;
    // MEDIUM-3: a run that would deactivate many assets, or on an answer that looks wrong, waits for an admin
    const confirm = full ? checkDeactivation({ deactivate: plan.summary.deactivate, cache: input.cache.values(), agents: input.agents, orgs: input.orgs, previousAgents: await this.previousAgents() }, guard) : null;
    // B19: the first changed assets BMS has are read, to list each field the sync changes (before → after)
    // and the changed agents whose contact no contact of their account matches are named (one contacts read per account)
    const contacts = new ContactDirectory(caps?.caps.accountContacts?.state === 'absent' ? null : bms);
    const fields = tenant ? await previewFields(bms, plan.items, tenant.ownership, tenant.categories.overwriteManual, undefined, undefined, contacts) : undefined;
    const job = await this.d.journal.createJob<AssetAction>('assets', plan.items, summary);
    await this.withQuotaNote(job);
    // B16: the relink offers wait on the dry run for the admin's accept or reject
    if (plan.relinkOffers.length) await this.d.journal.updateJob(job.id, { relinks: plan.relinkOffers });
    if (confirm) await this.d.journal.updateJob(job.id, { confirm, ...confirmNote(confirm, false) });
    // B18: the grace period of an agent found missing starts when it is first seen missing; a returning one clears it
    await recordLifecycle(this.d.journal, input.cache, plan.tenant, now);
    // B8: agents that moved between machine groups since the last sync, in words
    const moved = plan.moved.length ? `${plan.moved.slice(0, 5).map((m) => m.reason).join(' ')}${plan.moved.length > 5 ? ` And ${plan.moved.length - 5} more.` : ''}` : null;
    // F18: assets about to be deactivated that have tickets (a sample of 25, one call each), said before the run
    const gone = plan.items.flatMap((i) => (i.action.kind === 'deactivate' ? i.action.agentIds : i.action.kind === 'deactivate-record' ? i.action.assets.map((a) => a.agentId) : []));
    const tickets = gone.length ? await agentsWithTickets(bms, gone, 25).catch(() => null) : null;
    const risk = tickets ? riskWarnings('deactivate', { tickets: { withTickets: tickets.withTickets.length, tickets: tickets.withTickets.reduce((a, t) => a + t.count, 0), checked: tickets.checked, total: gone.length } }) : [];
    const missing = plan.missingLocations.length ? missingLocationsNote(plan.missingLocations, input.accounts) : null;
    const notice = [moved, missing, tenantNotice(plan.tenant), ...risk.map((w) => w.message)].filter(Boolean).join(' ') || null;
    const offered = new Set(plan.relinkOffers.map((o) => o.proposal.newAgentId));
    const conflicts = tenantConflicts(plan.tenant).map((c) => {
      const r = plan.tenant.relinks.find((p) => c.key === `relink:${p.newAgentId}:${p.oldAgentId}`);
      return r && offered.has(r.newAgentId) ? { ...c, relink: { newAgentId: r.newAgentId, oldAgentId: r.oldAgentId } } : c;
    });
    return { progress: (await this.d.progress(job.id))!, conflicts: [...conflicts, ...plan.unplaced.map((u) => ({ key: u.agentId, reason: u.reason }))], notice, ...(fields ? { fields } : {}) };
  }

  /**
   * B16: the admin accepts a relink offered by an asset sync's dry run: a one-item asset job that moves
   * the removed agent's asset to the new agent (journaled, audited, undoable), started at once.
   */
  async acceptRelink(jobId: string, newAgentId: string): Promise<JobProgress> {
    const offer = await this.offer(jobId, newAgentId);
    const job = await this.d.journal.createJob<RelinkAction>('assets', [relinkItem(offer)], { relinked: 1 });
    await this.forgetOffer(jobId, newAgentId);
    return this.d.start(job.id);
  }

  /** B16: the admin says the new agent is not a reinstall of the removed one: remembered, never offered again */
  async rejectRelink(jobId: string, newAgentId: string): Promise<{ ok: true }> {
    await rejectRelink(this.d.journal, await this.offer(jobId, newAgentId));
    await this.forgetOffer(jobId, newAgentId);
    return { ok: true };
  }

  private async offer(jobId: string, newAgentId: string): Promise<RelinkOffer> {
    const job = await this.d.journal.job(jobId);
    const offer = job?.relinks?.find((o) => o.proposal.newAgentId === newAgentId);
    if (!offer) throw Object.assign(new Error(`There is no relink offer for agent ${newAgentId} in this dry run (already decided, or the dry run was discarded): run the asset sync's dry run again.`), { code: 'not-found' });
    return offer;
  }

  private async forgetOffer(jobId: string, newAgentId: string): Promise<void> {
    const job = await this.d.journal.job(jobId);
    if (job) await this.d.journal.updateJob(jobId, { relinks: (job.relinks ?? []).filter((o) => o.proposal.newAgentId !== newAgentId) });
  }

  /** plans the undo of a bulk job; without an id, the newest finished bulk import/export/push that made links (B5) */
  async planUndo(jobId?: string): Promise<PlanResult> {
    const { journal } = this.d;
    const target = jobId ?? (await lastUndoable(journal))?.id;
    if (!target) throw new Error('There is no bulk job to undo: only a finished import or export that made links can be undone (dry runs, discarded plans and one-row links are not).');
    const plan = await planUndo(journal, target);
    const job = await journal.createJob<UndoAction>('undo', plan.items, plan.summary);
    return { progress: (await this.d.progress(job.id))!, conflicts: plan.kept.map((k) => ({ key: k.orgId, reason: k.reason })) };
  }

  /** how many agents the previous full read returned (a finished full asset sync), null when none */
  private async previousAgents(): Promise<number | null> {
    const last = (await this.d.journal.jobs('assets')).find((j) => j.state === 'done' && typeof j.summary.agents === 'number');
    return last?.summary.agents ?? null;
  }

  /** the dry run's word on BMS's hourly quota, kept on the job as its note (shown in the preview) */
  private async withQuotaNote(job: JobRecord): Promise<void> {
    const { bms } = await this.d.context();
    const used = bms.budget();
    const record = job.kind === 'assets' ? perRecordNote(job.summary, (ep) => used[ep]?.used ?? 0) : null;
    const note = quotaNote(job.kind, job.summary, (ep) => used[ep]?.used ?? 0);
    if (record) await this.d.journal.updateJob(job.id, jobNote('note_per_record', record.args, record.text));
    else if (note) await this.d.journal.updateJob(job.id, jobNote('note_quota', note.args, note.text));
  }
}

/** Group Id locations an admin must add in BMS (no API adds them on this tenant): named per account */
export function missingLocationsNote(missing: { accountId: number; name: string }[], accounts: Map<number, { name: string }>): string {
  const byAccount = new Map<number, string[]>();
  for (const m of missing) byAccount.set(m.accountId, [...(byAccount.get(m.accountId) ?? []), m.name]);
  const parts = [...byAccount].slice(0, 5).map(([id, names]) => `${accounts.get(id)?.name ?? `account ${id}`}: ${names.map((n) => `"${n}"`).join(', ')}`);
  return `Add these locations in BMS (CRM › Account › Locations; BMS's API cannot add them on this tenant), then sync again; until then their assets go to the Main location. ${parts.join('; ')}${byAccount.size > 5 ? `; and ${byAccount.size - 5} more accounts` : ''}.`;
}
