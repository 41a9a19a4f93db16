/** The tenant rules inside the asset and import plans (B15–B18), over hand-made inputs. */
import { describe, expect, it } from 'vitest';
import { planAssetSync, type AgentInfo, type AssetSyncInput } from '@/lib/sync/assets';
import { planImport } from '@/lib/sync/import';
import { orgsOutOfScope } from '@/lib/sync/tenant-plan';
import { DAY_MS } from '@/lib/mapping/lifecycle';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '@/lib/mapping/tenant-settings';
import type { AssetCacheEntry } from '@/lib/sync/journal';
import type { AccountState, OrgState } from '@/lib/mapping/rules';

const now = Date.UTC(2026, 11, 1, 10);
const org = (id: string, name: string, ref: string): OrgState => ({
  id, name, ref, machineGroups: [
    { id: `${id}-root`, name: `${ref}.root`, parentId: null },
    { id: `${id}-srv`, name: `${ref}.root.servers`, parentId: `${id}-root` },
    { id: `${id}-lab`, name: `${ref}.root.lab`, parentId: `${id}-root` },
  ],
});
const account = (id: number, name: string): AccountState => ({ id, name, active: true, departments: [], locations: [{ id: id * 10, name: 'Main', isMain: true, isActive: true }] });
const agent = (agentId: string, orgId: string, group: string, x: Partial<AgentInfo> = {}): AgentInfo => ({
  agentId, orgId, machineGroupId: `${orgId}-${group}`, name: `PC-${agentId}`, serialNumber: `SN-${agentId}`, ipAddress: '10.0.0.1', macAddress: null,
  osType: 'Windows 11', osInfo: null, lastCheckIn: null, firstCheckIn: null, lastReboot: null, ...x,
});

function input(agents: AgentInfo[], x: Partial<AssetSyncInput> = {}): AssetSyncInput {
  return {
    orgs: [org('1', 'Acme Dental', 'acme'), org('2', 'Unnamed', 'unnamed'), org('3', 'Kaseya Server', 'kserver'), org('4', 'Bravo Law', 'bravo'), org('5', 'Co-managed Corp', 'comanaged')],
    agents,
    mappings: new Map([['1', 100], ['4', 400], ['5', 500]]),
    rules: new Map(),
    accounts: new Map([[100, account(100, 'Acme Dental')], [400, account(400, 'Bravo Law')], [500, account(500, 'Co-managed Corp')], [900, account(900, 'Unnamed')]]),
    nameMatches: new Map([['2', 900]]),
    cache: new Map(),
    autoCreate: true,
    tenant: DEFAULT_TENANT_SETTINGS,
    now,
    ...x,
  };
}
const pushed = (plan: ReturnType<typeof planAssetSync>) => plan.items.flatMap((i) => (i.action.kind === 'push' ? i.action.entries : []));

describe('asset plan with the tenant rules', () => {
  it('built-in orgs are counted as system and never auto-created or name-matched; exclusions are counted with their rule', () => {
    const tenant: TenantSettings = { ...DEFAULT_TENANT_SETTINGS, exclusions: [{ target: 'machineGroup', pattern: '*.lab' }, { target: 'agent', pattern: 'PC-tmpl*' }], assetsOffOrgs: ['5'] };
    const plan = planAssetSync(input([
      agent('a1', '1', 'root'), agent('a2', '1', 'lab'), agent('tmpl1', '4', 'root'), agent('u1', '2', 'root'), agent('k1', '3', 'root'), agent('c1', '5', 'root'), agent('b1', '4', 'srv', { osType: 'Windows Server 2022' }),
    ], { tenant }));
    expect(pushed(plan).map((e) => e.agentId)).toEqual(['a1', 'b1']);
    expect(plan.summary).toMatchObject({ push: 2, system: 2, excluded: 2, assetsOff: 1, newAccount: 0, link: 0 });
    expect(plan.tenant.scope.excluded).toEqual([{ rule: 0, label: 'machine group "*.lab"', count: 1 }, { rule: 1, label: 'agent "PC-tmpl*"', count: 1 }]);
    // B15: the category from the rules, counted per category
    expect(pushed(plan).map((e) => e.input.Type)).toEqual(['Workstation', 'Server']);
    expect(plan.tenant.categories).toEqual([{ category: 'Server', count: 1 }, { category: 'Workstation', count: 1 }]);
  });

  it('a built-in org the admin linked syncs its assets', () => {
    const plan = planAssetSync(input([agent('m1', '2', 'root')], { mappings: new Map([['2', 900]]), nameMatches: new Map() }));
    expect(pushed(plan).map((e) => e.agentId)).toEqual(['m1']);
    expect(plan.summary.system).toBe(0);
  });

  it('category rules by machine group and name decide the pushed type', () => {
    const tenant: TenantSettings = { ...DEFAULT_TENANT_SETTINGS, categories: { rules: [{ machineGroup: '*.servers', category: 'Server' }, { agentName: 'PC-l*', category: 'Laptop' }], defaultCategory: 'Desktop', overwriteManual: false } };
    const plan = planAssetSync(input([agent('s1', '1', 'srv'), agent('l1', '1', 'root'), agent('d1', '1', 'root')], { tenant }));
    expect(pushed(plan).map((e) => [e.agentId, e.input.Type])).toEqual([['s1', 'Server'], ['l1', 'Laptop'], ['d1', 'Desktop']]);
  });

  const cached = (agentId: string, orgId: string, x: Partial<AssetCacheEntry> = {}): AssetCacheEntry => ({ agentId, orgId, hash: 'x', psaAssetId: 7, active: true, syncedAt: now - DAY_MS, name: `PC-${agentId}`, serialNumber: `SN-${agentId}`, ...x });

  it('a gone agent waits out the grace period before its asset is deactivated', () => {
    const cache = new Map([['g1', cached('g1', '1')], ['g2', cached('g2', '1', { goneSince: now - 8 * DAY_MS })], ['g3', cached('g3', '1', { goneSince: now - 2 * DAY_MS })]]);
    const plan = planAssetSync(input([], { cache }));
    expect(plan.items.flatMap((i) => (i.action.kind === 'deactivate' ? i.action.agentIds : []))).toEqual(['g2']);
    expect(plan.summary).toMatchObject({ deactivate: 1, waiting: 2 });
    expect(plan.tenant.markGone).toEqual(['g1']);
    // without the tenant settings (older callers), deactivation is immediate as before
    expect(planAssetSync(input([], { cache, tenant: undefined })).summary.deactivate).toBe(3);
  });

  it('a reinstalled agent (new id, same serial, same account) is held back as a relink proposal, and the old asset is not deactivated', () => {
    const cache = new Map([['old1', cached('old1', '1', { serialNumber: 'CZC1234', psaAssetId: 77 })]]);
    const plan = planAssetSync(input([agent('new1', '1', 'root', { serialNumber: 'czc1234' }), agent('other', '1', 'root')], { cache }));
    expect(pushed(plan).map((e) => e.agentId)).toEqual(['other']);
    expect(plan.summary).toMatchObject({ relink: 1, deactivate: 0, push: 1 });
    expect(plan.tenant.relinks).toMatchObject([{ newAgentId: 'new1', oldAgentId: 'old1', psaAssetId: 77, by: 'serial', accountId: 100 }]);
    // another account's agent with that serial is not a reinstall of it
    const elsewhere = planAssetSync(input([agent('new1', '4', 'root', { serialNumber: 'CZC1234' })], { cache }));
    expect(elsewhere.tenant.relinks).toEqual([]);
    expect(pushed(elsewhere).map((e) => e.agentId)).toEqual(['new1']);
  });

  it('a malformed rule is reported in the plan and matches nothing', () => {
    const plan = planAssetSync(input([agent('a1', '1', 'root')], { tenant: { ...DEFAULT_TENANT_SETTINGS, exclusions: [{ target: 'org', pattern: 'Acme\\' }] } }));
    expect(pushed(plan).length).toBe(1);
    expect(plan.tenant.notes.map((n) => n.reason)).toEqual(['Exclusion rule 1 (org): "Acme\\" is not a usable pattern: the pattern ends with a lone "\\" (write "\\\\" for a backslash). It matches nothing until it is fixed.']);
  });
});

describe('import plan with the tenant rules', () => {
  const orgs = [{ id: '1', name: 'Acme Dental', ref: 'acme' }, { id: '2', name: 'Unnamed', ref: 'unnamed' }, { id: '3', name: 'Kaseya', ref: 'kserver' }, { id: '6', name: 'My MSP', ref: 'myOrg' }, { id: '7', name: 'Test Lab', ref: 'testlab' }];
  it('importing all never creates an account for a built-in org; an excluded org is counted as excluded', () => {
    const outOfScope = orgsOutOfScope(orgs, { ...DEFAULT_TENANT_SETTINGS, exclusions: [{ target: 'org', pattern: '*lab*' }] });
    const plan = planImport({ orgs, accounts: [], mappings: new Map(), suggestions: [], outOfScope }, { accept: 'auto+review', createMissing: true });
    expect(plan.items.map((i) => i.action.orgName)).toEqual(['Acme Dental']);
    expect(plan.summary).toMatchObject({ create: 1, system: 3, excluded: 1 });
    expect(plan.conflicts?.find((c) => c.orgId === '7')?.reason).toBe('"Test Lab" is excluded by the rule org "*lab*": it is not imported.');
    // only an explicit choice of an existing account links a built-in org
    const linked = planImport({ orgs, accounts: [{ id: 5, name: 'Our MSP', active: true }], mappings: new Map(), suggestions: [], outOfScope }, { accept: 'auto', createMissing: false, choices: { 6: 5, 2: 'new' } });
    expect(linked.items.map((i) => [i.action.orgId, i.action.kind])).toEqual([['6', 'link']]);
  });
});
