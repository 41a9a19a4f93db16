/**
 * The orphan list (B18): BMS assets this product synced whose agent is gone from VSA (within the
 * grace period, with the days left, or past it / deactivated), and live agents of linked, in-scope
 * orgs that have no asset yet. Read only; each row's one-click action is a normal job: "Deactivate
 * now" a one-item asset job (journaled like every write), "Sync" the asset sync's dry run of that agent.
 */
import { collect } from '../http/paging';
import { DAY_MS, findOrphans } from '../mapping/lifecycle';
import type { OrgState } from '../mapping/rules';
import { DEFAULT_TENANT_SETTINGS } from '../mapping/tenant-settings';
import type { AssetAction } from './assets';
import type { AssetCacheEntry, Journal } from './journal';
import { linksOf } from './link-store';
import { agentInfo } from './load';
import { TenantPlan } from './tenant-plan';
import type { SyncContext } from './types';

export interface OrphanReport {
  graceDays: number;
  /** synced assets whose agent is not in VSA; daysLeft null: past the grace period or deactivated */
  assets: { agentId: string; name: string; orgId: string; psaAssetId: number | null; active: boolean; goneSince: number | null; daysLeft: number | null }[];
  /** live agents of linked, in-scope orgs without an asset */
  agents: { agentId: string; name: string; orgId: string; orgName: string }[];
}

/** at most this many rows of each list go to the popup */
export const ORPHAN_ROWS = 500;

export async function orphanReport(ctx: SyncContext, journal: Journal, now = Date.now()): Promise<OrphanReport & { more: { assets: number; agents: number } }> {
  const tenant = ctx.tenant ?? DEFAULT_TENANT_SETTINGS;
  const [orgsRaw, groups, agentsRaw, cache] = await Promise.all([collect(ctx.vsa.orgs()), collect(ctx.vsa.allMachineGroups()), collect(ctx.vsa.agents()), journal.assetCache()]);
  const mappings = await linksOf(ctx).all(undefined, { orgs: orgsRaw });
  const orgs = new Map<string, OrgState>(orgsRaw.map((o) => [o.OrgId, { id: o.OrgId, name: o.OrgName, ref: o.OrgRef ?? '', machineGroups: [] }]));
  for (const g of groups) orgs.get(g.OrgId)?.machineGroups.push({ id: g.MachineGroupId, name: g.MachineGroupName, parentId: g.ParentMachineGroupId ?? null });
  const plan = new TenantPlan(tenant, now);
  const live = agentsRaw.map((a) => agentInfo(a));
  const inScope = new Set(live.filter((a) => {
    const org = orgs.get(a.orgId);
    return !!org && mappings.has(a.orgId) && plan.gate(a, org, true) === null;
  }).map((a) => a.agentId));
  // a relinked asset's old entry is a record of the relink, not an orphan
  const tracked = [...cache.values()].filter((c) => !c.relinkedTo && (c.psaAssetId !== null || c.active));
  const found = findOrphans(live.map((a) => ({ agentId: a.agentId, name: a.name, orgId: a.orgId })), tracked, (id) => inScope.has(id));
  const grace = tenant.lifecycle.graceDays * DAY_MS;
  const assets = found.assetsWithoutAgent.map((o) => {
    const c = cache.get(o.agentId)!;
    const daysLeft = o.active && o.goneSince !== null && now - o.goneSince < grace ? Math.max(1, Math.ceil((o.goneSince + grace - now) / DAY_MS)) : null;
    return { agentId: o.agentId, name: c.name ?? o.agentId, orgId: c.orgId, psaAssetId: o.psaAssetId, active: o.active, goneSince: o.goneSince, daysLeft };
  }).sort((a, b) => Number(b.active) - Number(a.active) || (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
  const agents = found.agentsWithoutAsset.map((a) => ({ ...a, orgName: orgs.get(a.orgId)?.name ?? a.orgId }));
  return {
    graceDays: tenant.lifecycle.graceDays,
    assets: assets.slice(0, ORPHAN_ROWS), agents: agents.slice(0, ORPHAN_ROWS),
    more: { assets: Math.max(0, assets.length - ORPHAN_ROWS), agents: Math.max(0, agents.length - ORPHAN_ROWS) },
  };
}

/** the one-item asset job that deactivates an orphan's asset now (the admin does not wait out the grace period) */
export function deactivateNowItem(c: AssetCacheEntry): { key: string; label: string; action: AssetAction } {
  const label = `deactivate the asset of removed agent "${c.name ?? c.agentId}"`;
  return c.mode === 'record' && c.psaAssetId !== null
    ? { key: `deactivate-record:${c.agentId}`, label, action: { kind: 'deactivate-record', assets: [{ agentId: c.agentId, psaAssetId: c.psaAssetId }] } }
    : { key: `deactivate:${c.agentId}`, label, action: { kind: 'deactivate', agentIds: [c.agentId] } };
}
