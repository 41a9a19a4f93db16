/**
 * The billing check (B20), read only: per linked account, the in-scope agents by category (the same
 * category rules as the asset sync) next to the account's active contracts (one contracts lookup per
 * account, at most `maxAccounts` of them: accounts beyond that are listed without a contract answer
 * and are not flagged on a guess). CSV for a spreadsheet.
 */
import { openContracts } from '../bms/risk';
import { collect } from '../http/paging';
import { billingCheck, writeBillingCsv, type BillingContract, type BillingFlag } from '../mapping/billing';
import { compileCategories } from '../mapping/categories';
import { compileScope, machineGroupPath } from '../mapping/scope';
import { DEFAULT_TENANT_SETTINGS } from '../mapping/tenant-settings';
import { linksOf } from './link-store';
import { agentInfo } from './load';
import type { SyncContext } from './types';

export interface BillingFlagRow { accountId: number; accountName: string; flag: BillingFlag; agents: number; contracts: number }

export async function billingReport(ctx: SyncContext, opts: { maxAccounts?: number; now?: number; signal?: AbortSignal } = {}): Promise<{ csv: string; rows: number; flagged: number; unchecked: number; flags: BillingFlagRow[] }> {
  const { vsa, bms } = ctx;
  const s = opts.signal;
  const tenant = ctx.tenant ?? DEFAULT_TENANT_SETTINGS;
  const [orgsRaw, groups, accountsRaw] = await Promise.all([collect(vsa.orgs({ signal: s })), collect(vsa.allMachineGroups(s)), collect(bms.accounts({ signal: s }))]);
  const mappings = await linksOf(ctx).all(s, { orgs: orgsRaw, accountIds: accountsRaw.map((a) => a.Id) });
  const groupsById = new Map(groups.map((g) => [g.MachineGroupId, { id: g.MachineGroupId, name: g.MachineGroupName, parentId: g.ParentMachineGroupId ?? null }]));
  const orgs = new Map(orgsRaw.map((o) => [o.OrgId, { id: o.OrgId, name: o.OrgName, ref: o.OrgRef ?? null }]));
  const scope = compileScope(tenant.exclusions, { assetsOff: tenant.assetsOffOrgs });
  const cats = compileCategories(tenant.categories);
  const agents: { accountId: number; category: string }[] = [];
  for await (const raw of vsa.agents({ signal: s })) {
    const a = agentInfo(raw);
    const accountId = mappings.get(a.orgId);
    if (accountId === undefined) continue;
    const path = machineGroupPath(a.machineGroupId, groupsById);
    const org = orgs.get(a.orgId) ?? null;
    // a linked built-in org counts; exclusions and "assets off" do not (they are not billed through the sync)
    const v = scope.agent({ name: a.name, orgId: a.orgId, machineGroupPath: path }, org);
    if (v.status !== 'in' && v.status !== 'system') continue;
    agents.push({ accountId, category: cats.categorize({ osType: a.osType, machineGroupPath: path, name: a.name }).category });
  }
  const names = new Map(accountsRaw.map((a) => [a.Id, a.AccountName ?? '']));
  const linked = [...new Set(mappings.values())].filter((id) => names.has(id));
  const contracts = new Map<number, BillingContract[]>();
  const max = opts.maxAccounts ?? 500;
  let unchecked = 0;
  for (const id of linked) {
    if (contracts.size >= max) {
      unchecked++;
      continue;
    }
    try {
      contracts.set(id, (await openContracts(bms, id, s)).map((c) => ({ id: c.Id, name: c.Name ?? `Contract ${c.Id}`, isActive: c.IsActive !== false, endDate: c.EndDate ?? null })));
    } catch {
      // no answer for this account: listed, not flagged
      unchecked++;
    }
  }
  const rows = billingCheck(linked.map((id) => ({ id, name: names.get(id) ?? '' })), agents, contracts, opts.now ?? Date.now());
  const flagged = rows.filter((r) => r.flag !== null);
  // the view lists the first flagged accounts (rows come flagged first); the CSV has them all
  const flags = flagged.slice(0, 100).map((r) => ({ accountId: r.accountId, accountName: r.accountName, flag: r.flag!, agents: r.agents, contracts: r.contracts.length }));
  return { csv: writeBillingCsv(rows), rows: rows.length, flagged: flagged.length, unchecked, flags };
}
