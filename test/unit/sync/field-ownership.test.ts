/**
 * Field ownership (B19) in the asset sync, against the sandbox: the dry run lists each field it will
 * change (before → after) with the counts per field; a field BMS owns is never overwritten, a
 * fill-only-when-empty field only when it is empty; the bulk push and the per-record write alike.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { JobManager } from '@/lib/sync/manager';
import { planAssetSync, runAssetSync } from '@/lib/sync/assets';
import { VsaFieldLinks } from '@/lib/sync/link-store';
import { loadAssetSyncInput } from '@/lib/sync/load';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '@/lib/mapping/tenant-settings';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, freshStart } from './helpers';

let sb: Sandbox;
let journal: Journal;
const { bms, vsa } = clientsFor(() => sb);
const tenant: TenantSettings = { ...DEFAULT_TENANT_SETTINGS, ownership: { ...DEFAULT_TENANT_SETTINGS.ownership, name: 'bms', serialNumber: 'fillEmpty' } };

beforeAll(async () => {
  sb = await startSandbox({ orgs: 12, agents: 40, seed: 19, faults: { jobDelayMs: 5 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 5);
});

const patch = (path: string, body: object) => fetch(`${sb.vsaUrl}/__sandbox/${path}`, { method: 'PATCH', body: JSON.stringify(body) });
const assetOf = (agentId: string) => [...sb.state().bms.assets.values()].find((a) => a.AgentId === agentId)!;

describe('field ownership (B19)', () => {
  it('bulk push: the dry run names every field it changes; BMS-owned and filled fields are kept; a hand-edited description stays', async () => {
    const ctx = { vsa: vsa(), bms: bms(), defaults: { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 }, autoCreate: true, tenant };
    const jobs = new JobManager(journal, async () => ctx, () => undefined);
    const imp = await jobs.planImport({ accept: 'auto', createMissing: true });
    await jobs.start(imp.progress.jobId);
    await jobs.waitIdle();
    const first = await jobs.planAssetSync({});
    expect(first.fields?.rows ?? []).toEqual([]); // new assets: nothing to compare
    await jobs.start(first.progress.jobId);
    await jobs.waitIdle();

    const [a, b] = [...sb.state().vsa.agents.values()].filter((x) => x.Attributes.SerialNumber && assetOf(x.AgentId));
    const [assetA, assetB] = [assetOf(a.AgentId), assetOf(b.AgentId)];
    // by hand in BMS: A renamed and described, B's serial cleared
    await patch(`bms/assets/${assetA.Id}`, { Name: 'Front desk (by hand)', Description: 'Leased, return 2027' });
    await patch(`bms/assets/${assetB.Id}`, { SerialNumber: null });
    // in VSA: both get a new IP, A a new computer name
    await patch(`vsa/agents/${a.AgentId}`, { IPAddress: '192.0.2.10', ComputerName: 'PC-NEW-NAME' });
    await patch(`vsa/agents/${b.AgentId}`, { IPAddress: '192.0.2.11' });

    const plan = await jobs.planAssetSync({});
    const row = (id: string) => plan.fields!.rows.find((r) => r.key === id)!;
    expect(row(a.AgentId).changes).toEqual([`ipAddress: “${assetA.IpAddress}” → “192.0.2.10”`]);
    expect(row(a.AgentId).kept).toEqual(['name: “Front desk (by hand)” (BMS wins; VSA says “PC-NEW-NAME”)']);
    expect(row(b.AgentId).changes).toEqual([`serialNumber: (empty) → “${b.Attributes.SerialNumber}”`, `ipAddress: “${assetB.IpAddress}” → “192.0.2.11”`]);
    expect(plan.fields!.counts).toEqual([{ field: 'name', changes: 0, kept: 1 }, { field: 'serialNumber', changes: 1, kept: 0 }, { field: 'ipAddress', changes: 2, kept: 0 }]);
    expect(plan.fields!.unchecked).toBe(0);

    await jobs.start(plan.progress.jobId);
    await jobs.waitIdle();
    expect(assetOf(a.AgentId)).toMatchObject({ Id: assetA.Id, Name: 'Front desk (by hand)', Description: 'Leased, return 2027', IpAddress: '192.0.2.10' });
    expect(assetOf(b.AgentId)).toMatchObject({ Id: assetB.Id, SerialNumber: b.Attributes.SerialNumber, IpAddress: '192.0.2.11' });
  });

  it('per-record write: a BMS-owned name and a filled serial are kept; VSA-owned fields change', async () => {
    const links = new VsaFieldLinks(vsa());
    const s = sb.state();
    const mapped = s.bms.mappings.get('vsa/account')!;
    const taken = new Set([...mapped.values()].map((m) => m.PsaId));
    const withAgents = new Set([...s.vsa.agents.values()].map((x) => x.OrgId));
    const [orgId, accountId] = [...s.truth].filter(([o, acc]) => acc !== null && !mapped.has(String(o)) && !taken.has(acc) && withAgents.has(o) && s.bms.accounts.get(acc)!.IsActive)[0];
    await links.link([{ orgId: String(orgId), accountId: accountId! }]);
    const sync = async () => {
      const input = await loadAssetSyncInput(vsa(), bms(), journal, { autoCreate: true, orgId: String(orgId), links });
      const plan = planAssetSync({ ...input, bulkOrg: () => false, tenant }, { orgId: String(orgId) });
      const job = await journal.createJob('assets', plan.items, plan.summary);
      const done = await runAssetSync(journal, job.id, bms(), {}, links, s.bms.categories.map((c) => ({ id: c.Id, name: c.Name })));
      expect({ failed: (await journal.items(job.id, 'failed')).map((i) => i.reason), unplaced: plan.unplaced }).toEqual({ failed: [], unplaced: [] });
      return done;
    };
    expect((await sync()).state).toBe('done');
    const agent = [...s.vsa.agents.values()].find((x) => x.OrgId === orgId && x.Attributes.SerialNumber)!;
    const cache = (await journal.assetCache()).get(agent.AgentId)!;
    await patch(`bms/assets/${cache.psaAssetId}`, { Name: 'Lab bench 3', SerialNumber: 'HAND-SERIAL' });
    await patch(`vsa/agents/${agent.AgentId}`, { IPAddress: '192.0.2.20', ComputerName: 'RENAMED-IN-VSA' });
    expect((await sync()).state).toBe('done');
    expect(s.bms.assets.get(cache.psaAssetId!)).toMatchObject({ Name: 'Lab bench 3', SerialNumber: 'HAND-SERIAL', IpAddress: '192.0.2.20' });
  });
});
