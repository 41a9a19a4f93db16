/**
 * The tenant rules inside an asset sync's plan (B15–B18): which agents are in scope (built-in orgs,
 * exclusion rules, links with assets off), the category each asset gets, when a gone agent's asset is
 * deactivated (grace period), and which new agents look like reinstalls of a removed one (held back
 * as relink proposals). The rules are pure (lib/mapping); this file keeps the counts and lists the
 * plan reports, so lib/sync/assets.ts only asks it.
 */
import { compileCategories, countByCategory, type CompiledCategories } from '../mapping/categories';
import { findReinstalls, planLifecycle, type GoneAsset, type NewAgent, type RelinkProposal } from '../mapping/lifecycle';
import type { OrgState } from '../mapping/rules';
import { compileScope, countScope, machineGroupPath, type CompiledScope, type ScopeCounts, type ScopeVerdict } from '../mapping/scope';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '../mapping/tenant-settings';
import type { AgentInfo } from './assets';
import type { AssetCacheEntry, Journal } from './journal';
import type { Overview } from './overview';

export interface TenantPlanResult {
  scope: ScopeCounts;
  categories: { category: string; count: number }[];
  relinks: RelinkProposal[];
  /** messages about reinstalls that could not be told apart, and rules that cannot work */
  notes: { key: string; reason: string }[];
  /** agents first seen missing in this run: their grace period starts now */
  markGone: string[];
  /** present again: their "gone since" is cleared */
  returned: string[];
  /** missing but within the grace period */
  waiting: { agentId: string; daysLeft: number }[];
}

export class TenantPlan {
  private scope: CompiledScope;
  private cats: CompiledCategories;
  private verdicts: ScopeVerdict[] = [];
  private categoryList: string[] = [];
  private fresh: NewAgent[] = [];
  private groupIndex = new Map<string, Map<string, { id: string; name: string; parentId: string | null }>>();
  readonly notes: { key: string; reason: string }[] = [];

  constructor(readonly settings: TenantSettings = DEFAULT_TENANT_SETTINGS, readonly now: number = Date.now()) {
    this.scope = compileScope(settings.exclusions, { assetsOff: settings.assetsOffOrgs });
    this.cats = compileCategories(settings.categories);
    [...this.scope.errors, ...this.cats.errors].forEach((reason, i) => this.notes.push({ key: `rule-error:${i}`, reason }));
  }

  private path(ag: AgentInfo, org: OrgState): string | null {
    let idx = this.groupIndex.get(org.id);
    if (!idx) this.groupIndex.set(org.id, (idx = new Map(org.machineGroups.map((g) => [g.id, g]))));
    return machineGroupPath(ag.machineGroupId, idx);
  }

  /**
   * null when the agent is synced; else why not. A built-in org is left out unless the admin linked
   * it (to the MSP's own account, say): it is never auto-created or matched by name.
   */
  gate(ag: AgentInfo, org: OrgState & { ref?: string | null }, linked: boolean): ScopeVerdict | null {
    let v = this.scope.agent({ name: ag.name, orgId: ag.orgId, machineGroupPath: this.path(ag, org) }, org);
    if (v.status === 'system' && linked) {
      // a linked built-in org: its machine groups and agents still pass the exclusion rules
      v = this.scope.agent({ name: ag.name, orgId: ag.orgId, machineGroupPath: this.path(ag, org) }, null);
    }
    this.verdicts.push(v);
    return v.status === 'in' ? null : v;
  }

  category(ag: AgentInfo, org: OrgState): string {
    const c = this.cats.categorize({ osType: ag.osType, machineGroupPath: this.path(ag, org), name: ag.name }).category;
    this.categoryList.push(c);
    return c;
  }

  /** an agent with no asset yet, placed in an account: a reinstall candidate */
  newAgent(ag: AgentInfo, accountId: number): void {
    this.fresh.push({ agentId: ag.agentId, name: ag.name, accountId, serialNumber: ag.serialNumber, macAddress: ag.macAddress });
  }

  /**
   * After all agents are placed (full syncs): the lifecycle of gone agents, and relink proposals of
   * new agents against assets whose agent vanished within the window. `accountOf` gives an org's account.
   */
  finish(present: Set<string>, cache: Map<string, AssetCacheEntry>, accountOf: (orgId: string) => number | undefined, full: boolean): TenantPlanResult & { deactivate: string[] } {
    const life = full ? planLifecycle(present, cache.values(), this.now, this.settings.lifecycle) : { markGone: [], waiting: [], deactivate: [], returned: [] };
    const gone: GoneAsset[] = [];
    if (full) {
      for (const c of cache.values()) {
        if (present.has(c.agentId) || c.relinkedTo) continue;
        const accountId = accountOf(c.orgId);
        if (accountId === undefined) continue;
        gone.push({ agentId: c.agentId, name: c.name ?? c.agentId, accountId, psaAssetId: c.psaAssetId, serialNumber: c.serialNumber ?? null, macAddress: c.macAddress ?? null, goneSince: c.goneSince ?? this.now, rejected: c.relinkRejected });
      }
    }
    const re = findReinstalls(this.fresh, gone, this.now, this.settings.lifecycle);
    for (const a of re.ambiguous) this.notes.push({ key: `reinstall:${a.agentId}`, reason: a.message });
    // an asset offered for a relink is not deactivated meanwhile: the admin decides first
    const held = new Set(re.proposals.map((p) => p.oldAgentId));
    return {
      scope: countScope(this.verdicts),
      categories: countByCategory(this.categoryList),
      relinks: re.proposals,
      notes: this.notes,
      markGone: life.markGone,
      returned: life.returned.map((r) => r.agentId),
      waiting: life.waiting,
      deactivate: life.deactivate.filter((id) => !held.has(id)),
    };
  }
}

/** the dry run's words for what the tenant rules did: categories, excluded items per rule */
export function tenantNotice(r: TenantPlanResult): string | null {
  const parts: string[] = [];
  if (r.categories.length) parts.push(`Categories: ${r.categories.map((c) => `${c.category} ${c.count}`).join(', ')}.`);
  if (r.scope.system) parts.push(`${r.scope.system} agent(s) of VSA's built-in orgs (myOrg, Kserver, Unnamed) are not synced.`);
  for (const e of r.scope.excluded) parts.push(`Excluded by ${e.label}: ${e.count}.`);
  if (r.scope.assetsOff) parts.push(`${r.scope.assetsOff} agent(s) of links with assets off.`);
  if (r.waiting.length) parts.push(`${r.waiting.length} asset(s) of removed agents wait out the grace period before they are deactivated.`);
  return parts.length ? parts.join(' ') : null;
}

/** relink proposals first (each with accept/reject in the conflicts list), then what the rules could not decide */
export function tenantConflicts(r: TenantPlanResult): { key: string; reason: string }[] {
  return [
    ...r.relinks.map((p) => ({ key: `relink:${p.newAgentId}:${p.oldAgentId}`, reason: p.message })),
    ...r.notes,
  ];
}

/** the lifecycle marks of a plan, in this installation's asset copies (no call to either system) */
export async function recordLifecycle(journal: Journal, cache: Map<string, AssetCacheEntry>, r: TenantPlanResult, now: number): Promise<void> {
  const put: AssetCacheEntry[] = [];
  for (const id of r.markGone) {
    const c = cache.get(id);
    if (c && (c.goneSince ?? null) === null) put.push({ ...c, goneSince: now });
  }
  for (const id of r.returned) {
    const c = cache.get(id);
    if (c && (c.goneSince ?? null) !== null) put.push({ ...c, goneSince: null });
  }
  if (put.length) await journal.putAssetCache(put);
}

/** orgs that are out of scope (B17), by id: built-in ones and those an org exclusion rule names */
export function orgsOutOfScope(orgs: { id: string; name: string; ref?: string | null }[], settings: TenantSettings): Map<string, { status: 'system' | 'excluded'; label?: string }> {
  const scope = compileScope(settings.exclusions);
  const out = new Map<string, { status: 'system' | 'excluded'; label?: string }>();
  for (const o of orgs) {
    const v = scope.org(o);
    if (v.status === 'system') out.set(o.id, { status: 'system' });
    else if (v.status === 'excluded') out.set(o.id, { status: 'excluded', label: v.label });
  }
  return out;
}

/**
 * The sync list with the tenant rules (B17), applied when it is served (a changed rule shows without a
 * reload): an unlinked built-in or excluded org is marked with why, and loses any suggestion (it is
 * never suggested); a link with assets off is marked; the counts of both.
 */
export function scopeOverview(ov: Overview, settings: TenantSettings): Overview {
  const out = orgsOutOfScope(ov.rows.map((r) => ({ id: r.orgId, name: r.orgName, ref: r.orgRef })), settings);
  const off = new Set(settings.assetsOffOrgs);
  const counts = { ...ov.counts };
  const scopeCounts = { system: 0, excluded: 0, assetsOff: 0 };
  const rows = ov.rows.map((r) => {
    const linked = r.status === 'linked' || (r.status === 'conflict' && r.accountId !== null && ov.accounts.some((a) => a.orgId === r.orgId));
    const o = out.get(r.orgId);
    if (linked) {
      if (!off.has(r.orgId)) return r;
      scopeCounts.assetsOff++;
      return { ...r, assetsOff: true };
    }
    if (!o) return r;
    scopeCounts[o.status]++;
    const reason = o.status === 'system' ? 'VSA\'s own org (myOrg, Kserver, Unnamed): never suggested or created; link it by hand to sync its assets.' : `Excluded by the rule ${o.label}: not suggested, its assets are not synced.`;
    if (r.status === 'suggested') {
      counts.suggested--;
      counts.unlinked++;
    }
    return { ...r, status: r.status === 'suggested' ? 'unlinked' as const : r.status, ...(r.status === 'suggested' ? { accountId: null, accountName: null, confidence: null } : {}), candidate: null, why: undefined, reason, scope: { status: o.status, ...(o.label ? { label: o.label } : {}) } };
  });
  return { ...ov, rows, counts, scopeCounts };
}
