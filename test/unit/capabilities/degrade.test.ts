/** The sync on a tenant without a capability (contract §9): it degrades as the record says and reports, never fails or guesses. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planAssetSync, runAssetSync, type AssetScope } from '@/lib/sync/assets';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { loadAssetSyncInput } from '@/lib/sync/load';
import { missingLocationsNote } from '@/lib/sync/planners';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor } from '../sync/helpers';

let sb: Sandbox;
let journal: Journal;
const post = (path: string, body: unknown) => fetch(`${sb.vsaUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
const { bms, vsa } = clientsFor(() => sb);
const stats = async () => (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { bms: { requests: Record<string, number>; faults: Record<string, number> } };

async function sync(scope: AssetScope, caps: { departments: boolean; locationAdds: boolean }) {
  const b = bms();
  const input = await loadAssetSyncInput(vsa(), b, journal, { autoCreate: true, orgId: scope.orgId, ...caps });
  const plan = planAssetSync(input, scope);
  const job = await journal.createJob('assets', plan.items, plan.summary);
  const done = await runAssetSync(journal, job.id, b);
  return { plan, done, input };
}

beforeAll(async () => {
  sb = await startSandbox({ orgs: 30, agents: 200, seed: 43, faults: { jobDelayMs: 5, quotaPerHour: 0 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  sb.reset();
  await post('/__sandbox/faults', { reset: true });
  await post('/__sandbox/faults', { target: 'bms', jobDelayMs: 5, quotaPerHour: 0, capabilities: { legacyLocations: false } });
  await journal?.close();
  journal = new Journal(`journal-${Math.random()}`);
});

const orgWithGroups = () => {
  const s = sb.state();
  return [...s.vsa.orgs.values()].find((o) => [...s.vsa.groups.values()].filter((g) => g.OrgId === o.OrgId).length > 1 && [...s.vsa.agents.values()].some((a) => a.OrgId === o.OrgId))!;
};

describe('degraded sync', () => {
  it('legacy locations absent: a Group Id rule lists the locations to add instead of creating (or failing), assets go to Main', async () => {
    await sync({}, { departments: false, locationAdds: false });
    const org = orgWithGroups();
    await journal.setRule(String(org.OrgId), { kind: 'groupId' });
    await post('/__sandbox/stats/reset', {});
    const { plan, done, input } = await sync({ orgId: String(org.OrgId) }, { departments: false, locationAdds: false });
    expect(done.state).toBe('done');
    expect(plan.summary.createLocation).toBe(0);
    expect(plan.items.some((i) => i.action.kind === 'create-location')).toBe(false);
    expect(plan.missingLocations.length).toBeGreaterThan(0);
    expect(plan.missingLocations.every((m) => /root/.test(m.name))).toBe(true);
    const note = missingLocationsNote(plan.missingLocations, input.accounts);
    expect(note).toMatch(/^Add these locations in BMS/);
    for (const m of plan.missingLocations) expect(note).toContain(`"${m.name}"`);
    const s = await stats();
    expect(Object.keys(s.bms.requests).filter((k) => /locations/.test(k) && !k.startsWith('GET'))).toEqual([]);
  });

  it('departments absent: a Custom rule reads no department and sends no DepartmentId', async () => {
    await sync({}, { departments: false, locationAdds: false });
    const org = orgWithGroups();
    const s = sb.state();
    const accountId = s.bms.mappings.get('vsa/account')!.get(String(org.OrgId))!.PsaId;
    const loc = [...s.bms.locations.values()].find((l) => l.AccountId === accountId)!;
    const groups = [...s.vsa.groups.values()].filter((g) => g.OrgId === org.OrgId);
    await journal.setRule(String(org.OrgId), { kind: 'custom', groups: groups.map((g) => ({ machineGroupId: String(g.MachineGroupId), locationId: loc.Id, departmentId: null })) });
    await post('/__sandbox/stats/reset', {});
    const { done } = await sync({ orgId: String(org.OrgId) }, { departments: false, locationAdds: false });
    expect(done.state).toBe('done');
    const st = await stats();
    expect(Object.keys(st.bms.requests).filter((k) => /departments/.test(k))).toEqual([]);
    expect(st.bms.faults['capability.departmentIdSent'] ?? 0).toBe(0);
  });
});

describe('import on a tenant without legacy locations', () => {
  it('a new account whose org uses the Group Id rule gets all its group locations in POST /crm/accounts', async () => {
    const { JobManager } = await import('@/lib/sync/manager');
    const { unprobedRecord } = await import('@/lib/capabilities/types');
    const caps = unprobedRecord({ vsaUrl: sb.vsaUrl, bmsUrl: sb.bmsApiUrl, tenant: 'sandbox' }, 'test', 1);
    for (const n of ['mappingStore', 'integration', 'customFieldModule', 'categoryTable', 'vsaMethod'] as const) caps.caps[n] = { state: 'present', reason: '', probe: '' };
    caps.caps.departments = { state: 'absent', reason: 'none', probe: '' };
    caps.caps.legacyLocations = { state: 'absent', reason: 'none', probe: '' };
    const ctx = { vsa: vsa(), bms: bms(), defaults: { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 }, autoCreate: true, defaultRule: 'groupId' as const, caps };
    const jobs = new JobManager(journal, async () => ctx, () => undefined);
    const s = sb.state();
    const before = new Set(s.bms.accounts.keys());
    const plan = await jobs.planImport({ accept: 'auto', createMissing: true });
    await jobs.start(plan.progress.jobId);
    await jobs.waitIdle();
    const made = [...s.bms.accounts.values()].filter((a) => !before.has(a.Id));
    expect(made.length).toBeGreaterThan(0);
    let checked = 0;
    for (const acc of made) {
      const orgId = [...s.bms.mappings.get('vsa/account')!.values()].find((m) => m.PsaId === acc.Id)?.ExternalId;
      const groups = [...s.vsa.groups.values()].filter((g) => String(g.OrgId) === orgId);
      if (groups.length < 2) continue;
      const names = [...s.bms.locations.values()].filter((l) => l.AccountId === acc.Id).map((l) => l.LocationName);
      expect(names).toContain('Main');
      expect(names.length).toBe(1 + groups.length);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
