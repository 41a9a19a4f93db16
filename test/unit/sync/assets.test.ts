/** Asset sync against the sandbox: placed once per agent, re-syncs write nothing, changes cost exactly their writes. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planAssetSync, runAssetSync, type AssetScope } from '@/lib/sync/assets';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { loadAssetSyncInput } from '@/lib/sync/load';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, runWithStops } from './helpers';

let sb: Sandbox;
let journal: Journal;
const post = (path: string, body: unknown) => fetch(`${sb.vsaUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
const { bms, vsa } = clientsFor(() => sb);
const stats = async () => (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { bms: { requests: Record<string, number>; writes: number } };

async function sync(scope: AssetScope = {}, autoCreate = true) {
  const b = bms();
  const plan = planAssetSync(await loadAssetSyncInput(vsa(), b, journal, { autoCreate, orgId: scope.orgId }), scope);
  const job = await journal.createJob('assets', plan.items, plan.summary);
  const done = await runAssetSync(journal, job.id, b);
  return { plan, done };
}

beforeAll(async () => {
  sb = await startSandbox({ orgs: 60, agents: 900, seed: 41, faults: { jobDelayMs: 10, quotaPerHour: 0 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  sb.reset();
  await post('/__sandbox/faults', { reset: true });
  await post('/__sandbox/faults', { target: 'bms', jobDelayMs: 10, quotaPerHour: 0 });
  await journal?.close();
  journal = new Journal(`journal-${Math.random()}`);
});

describe('asset sync', () => {
  it('gives every agent exactly one asset on the right account, then re-syncs with zero writes', async () => {
    const { plan, done } = await sync();
    expect(done.state).toBe('done');
    const s = sb.state();
    const byAgent = new Map<string, number>();
    for (const a of s.bms.assets.values()) if (a.AgentId) byAgent.set(a.AgentId, (byAgent.get(a.AgentId) ?? 0) + 1);
    expect([...s.vsa.agents.keys()].every((id) => byAgent.get(String(id)) === 1)).toBe(true);
    const maps = s.bms.mappings.get('vsa/account')!;
    for (const ag of s.vsa.agents.values()) {
      const asset = [...s.bms.assets.values()].find((x) => x.AgentId === String(ag.AgentId))!;
      expect(asset.AccountId).toBe(maps.get(String(ag.OrgId))!.PsaId); // linked, name-matched (now linked) or created (F1)
    }
    expect(plan.summary.push).toBe(s.vsa.agents.size);
    await post('/__sandbox/stats/reset', {});
    const again = await sync();
    expect(again.plan.summary).toMatchObject({ push: 0, unchanged: s.vsa.agents.size });
    const st = await stats();
    expect(st.bms.writes).toBe(0);
    expect(Object.keys(st.bms.requests).filter((k) => !k.startsWith('GET') && !k.includes('/security/'))).toEqual([]);
  });

  it('with 1% of agents changed, writes equal the changes exactly', async () => {
    await sync();
    const agents = [...sb.state().vsa.agents.values()].slice(0, 9);
    for (const a of agents) await fetch(`${sb.vsaUrl}/__sandbox/vsa/agents/${a.AgentId}`, { method: 'PATCH', body: JSON.stringify({ IPAddress: '192.0.2.1' }) });
    await post('/__sandbox/stats/reset', {});
    const { plan } = await sync();
    expect(plan.summary.push).toBe(9);
    expect((await stats()).bms.writes).toBe(9);
  });

  it('Group Id rule: creates the machine-group locations once, and again after someone removed one (F13)', async () => {
    await sync();
    const s = sb.state();
    const maps = s.bms.mappings.get('vsa/account')!;
    const org = [...s.vsa.orgs.values()].find((o) => [...s.vsa.groups.values()].filter((g) => g.OrgId === o.OrgId).length > 1 && [...s.vsa.agents.values()].some((a) => a.OrgId === o.OrgId))!;
    await journal.setRule(String(org.OrgId), { kind: 'groupId' });
    const { plan } = await sync({ orgId: String(org.OrgId) });
    expect(plan.summary.createLocation).toBeGreaterThan(0);
    const accountId = maps.get(String(org.OrgId))!.PsaId;
    const locs = () => [...s.bms.locations.values()].filter((l) => l.AccountId === accountId);
    const made = locs().filter((l) => l.LocationName.startsWith('root'));
    expect(made.length).toBe(plan.summary.createLocation);
    for (const a of s.bms.assets.values()) {
      if (a.AccountId !== accountId || !a.AgentId) continue;
      expect(s.bms.locations.get(a.AccountLocationId)!.LocationName).toMatch(/^root/);
    }
    // someone renames one in BMS: the next sync puts it back
    await fetch(`${sb.vsaUrl}/__sandbox/bms/locations/${made[0].Id}`, { method: 'PATCH', body: JSON.stringify({ LocationName: 'renamed by hand' }) });
    const again = await sync({ orgId: String(org.OrgId) });
    expect(again.plan.summary.createLocation).toBe(1);
    const back = locs().filter((l) => l.LocationName === made[0].LocationName);
    expect(back).toHaveLength(1);
    const moved = [...s.bms.assets.values()].filter((a) => a.AccountId === accountId && a.MachineGroupId && a.AccountLocationId === made[0].Id);
    expect(moved).toEqual([]); // the assets followed to the location made again
    expect((await sync({ orgId: String(org.OrgId) })).plan.summary).toMatchObject({ push: 0, createLocation: 0 });
  });

  it('an agent removed from VSA deactivates its asset; a renamed machine keeps its one asset (B13)', async () => {
    await sync();
    const s = sb.state();
    const [gone, renamed] = [...s.vsa.agents.values()];
    await fetch(`${sb.vsaUrl}/__sandbox/vsa/agents/${gone.AgentId}`, { method: 'DELETE' });
    await fetch(`${sb.vsaUrl}/__sandbox/vsa/agents/${renamed.AgentId}`, { method: 'PATCH', body: JSON.stringify({ ComputerName: 'RENAMED-PC', Attributes: { SerialNumber: '' } }) });
    const { plan } = await sync();
    expect(plan.summary).toMatchObject({ deactivate: 1, push: 1 });
    const assetOf = (id: string) => [...s.bms.assets.values()].filter((a) => a.AgentId === String(id));
    expect(assetOf(gone.AgentId).map((a) => a.IsActive)).toEqual([false]);
    expect(assetOf(renamed.AgentId).map((a) => a.Name)).toEqual(['RENAMED-PC']);
  });

  it('without auto-create, agents of unknown orgs are reported as unplaced with the reason', async () => {
    const b = bms();
    const input = await loadAssetSyncInput(vsa(), b, journal, { autoCreate: false });
    const plan = planAssetSync(input);
    const unmappedOrgs = new Set(input.agents.filter((a) => !input.mappings.has(a.orgId) && !input.nameMatches.has(a.orgId)).map((a) => a.orgId));
    expect(plan.unplaced.length).toBe(input.agents.filter((a) => unmappedOrgs.has(a.orgId)).length);
    expect(plan.unplaced[0].reason).toMatch(/creating accounts automatically is off/);
  });

  it('a worker killed mid-sync resumes without a duplicate asset, under 10% 5xx', async () => {
    await post('/__sandbox/faults', { errorRate: 0.1, tokenTtlSec: 5 });
    const b = bms();
    const plan = planAssetSync(await loadAssetSyncInput(vsa(), b, journal, { autoCreate: true }));
    const job = await journal.createJob('assets', plan.items, plan.summary);
    const stops = await runWithStops((signal) => runAssetSync(journal, job.id, bms(), { signal, batch: 1 }), { stepMs: 20 });
    expect(stops).toBeGreaterThan(0);
    expect((await journal.job(job.id))!.state).toBe('done');
    const ids = [...sb.state().bms.assets.values()].filter((a) => a.AgentId).map((a) => a.AgentId);
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids).size).toBe(sb.state().vsa.agents.size);
  }, 120_000);
});
