/**
 * Per-record asset writes (§7): explicit account, location and category; never a bulk push for an
 * org whose BMS-side mapping is not known; assets BMS's own integration made are adopted, never
 * duplicated; only what BMS confirmed is cached; an unchanged re-sync writes nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { planAssetSync, runAssetSync } from '@/lib/sync/assets';
import { VsaFieldLinks } from '@/lib/sync/link-store';
import { loadAssetSyncInput } from '@/lib/sync/load';
import { perRecordNote } from '@/lib/sync/quota-plan';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, freshStart } from './helpers';

let sb: Sandbox;
let journal: Journal;
const { bms, vsa, faults } = clientsFor(() => sb);

beforeAll(async () => {
  sb = await startSandbox({ orgs: 120, agents: 500, seed: 61, faults: { jobDelayMs: 10 } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 10);
});

const writes = () => Object.entries(sb.faults.bms.stats.requests).filter(([k]) => !k.startsWith('GET') && !k.includes('/security/')).reduce((a, [, n]) => a + n, 0);
const bulkCalls = () => Object.entries(sb.faults.bms.stats.requests).filter(([k]) => k.includes('/rmm/')).reduce((a, [, n]) => a + n, 0);

/** plans and runs a per-record sync of one org (or all) with links in the VSA org field */
async function syncPerRecord(orgId?: string, categories?: { id: number; name: string }[]) {
  const links = new VsaFieldLinks(vsa());
  const c = bms();
  const input = await loadAssetSyncInput(vsa(), c, journal, { autoCreate: true, orgId, links });
  const plan = planAssetSync({ ...input, bulkOrg: () => false }, { orgId });
  const job = await journal.createJob('assets', plan.items, plan.summary);
  const done = await runAssetSync(journal, job.id, c, {}, links, categories);
  return { plan, done, errors: (await journal.items(job.id, 'failed')).map((i) => i.reason) };
}

/** an org with agents whose own account is free (no link anywhere), linked now in the VSA field */
async function linkFreshOrg(skip = 0) {
  const s = sb.state();
  const mapped = s.bms.mappings.get('vsa/account')!;
  const taken = new Set([...mapped.values()].map((m) => m.PsaId));
  const withAgents = new Set([...s.vsa.agents.values()].map((a) => a.OrgId));
  const [orgId, accountId] = [...s.truth].filter(([o, a]) => a !== null && !mapped.has(String(o)) && !taken.has(a) && withAgents.has(o) && s.bms.accounts.get(a)!.IsActive)[skip];
  expect((await new VsaFieldLinks(vsa()).link([{ orgId: String(orgId), accountId: accountId! }])).done).toHaveLength(1);
  return { orgId: String(orgId), accountId: accountId!, agents: [...s.vsa.agents.values()].filter((a) => a.OrgId === orgId).map((a) => String(a.AgentId)) };
}

describe('per-record asset writes', () => {
  it('write each agent\'s asset to the linked account with a location and category, no bulk push, no account made', async () => {
    const { orgId, accountId, agents } = await linkFreshOrg();
    const accounts = sb.state().bms.accounts.size;
    sb.faults.bms.resetStats();
    const { plan, done, errors } = await syncPerRecord(orgId);
    expect(errors).toEqual([]);
    expect(done.state).toBe('done');
    expect(plan.summary).toMatchObject({ record: agents.length, recordNew: agents.length, push: 0 });
    expect(bulkCalls()).toBe(0);
    expect(sb.state().bms.accounts.size).toBe(accounts);
    const assets = [...sb.state().bms.assets.values()].filter((a) => a.AccountId === accountId && a.MachineGroupId && a.IsActive);
    expect(assets).toHaveLength(agents.length);
    const cats = new Set(sb.state().bms.categories.map((c) => c.Id));
    const locs = new Set([...sb.state().bms.locations.values()].filter((l) => l.AccountId === accountId).map((l) => l.Id));
    expect(assets.every((a) => cats.has(a.CategoryId) && locs.has(a.AccountLocationId))).toBe(true);
    expect(assets.some((a) => a.CategoryId === 2)).toBe(sb.state().vsa.agents.size > 0 && [...sb.state().vsa.agents.values()].some((g) => String(g.OrgId) === orgId && /Server|Linux/.test(g.OSType)));

    // nothing changed: a second sync writes nothing at all
    sb.faults.bms.resetStats();
    const again = await syncPerRecord(orgId);
    expect(again.plan.summary).toMatchObject({ record: 0, unchanged: agents.length });
    expect(writes()).toBe(0);
  });

  it('a custom rule\'s department goes with each per-record write, as it goes with the bulk push (F14)', async () => {
    await faults({ target: 'bms', capabilities: { departments: true } });
    const { orgId, accountId } = await linkFreshOrg(3);
    const s = sb.state();
    const agents = [...s.vsa.agents.values()].filter((a) => String(a.OrgId) === orgId);
    const group = String(agents[0].MachineGroupId);
    const loc = [...s.bms.locations.values()].find((l) => l.AccountId === accountId && l.IsActive)!;
    const depId = Math.max(0, ...s.bms.departments.keys()) + 1;
    s.bms.departments.set(depId, { Id: depId, AccountId: accountId, Name: 'Finance', IsActive: true });
    await journal.setRule(orgId, { kind: 'custom', groups: [{ machineGroupId: group, locationId: loc.Id, departmentId: depId }] }, Date.now());
    const { errors } = await syncPerRecord(orgId);
    expect(errors).toEqual([]);
    const inGroup = [...s.bms.assets.values()].filter((a) => a.AccountId === accountId && a.IsActive && a.MachineGroupId === group);
    expect(inGroup.length).toBe(agents.filter((a) => String(a.MachineGroupId) === group).length);
    expect(inGroup.every((a) => a.AccountLocationId === loc.Id && a.DepartmentId === depId)).toBe(true);
  });

  it('a create whose answer is lost is looked up and adopted at once, never made twice and never left for a pause', async () => {
    const { orgId, accountId, agents } = await linkFreshOrg(4);
    // BMS makes each asset but the answer never arrives
    await faults({ target: 'bms', dropResponseRate: 1, routes: '/servicedesk/hardwareasset$' });
    const { done, errors } = await syncPerRecord(orgId);
    expect(errors).toEqual([]);
    expect(done.state).toBe('done');
    const mine = [...sb.state().bms.assets.values()].filter((a) => a.AccountId === accountId && a.IsActive && a.MachineGroupId);
    expect(mine).toHaveLength(agents.length);
    expect(new Set(mine.map((a) => `${a.Name}|${a.MachineGroupId}`)).size).toBe(agents.length);
    expect(sb.faults.bms.stats.requests['POST /v2/servicedesk/hardwareasset']).toBe(agents.length);
  });

  it('adopts the assets BMS\'s own integration made, by agent and by serial, and never makes a second one', async () => {
    const s = sb.state();
    // an org the integration already synced: its link lives in BMS's store, its assets carry the agent id
    const m = [...s.bms.mappings.get('vsa/account')!.values()].find((x) => [...s.bms.assets.values()].filter((a) => a.AgentId && a.AccountId === x.PsaId).length >= 2)!;
    const theirs = [...s.bms.assets.values()].filter((a) => a.AgentId && a.AccountId === m.PsaId);
    // one of them the integration put on an account of its own making, under another name: found by its serial
    const stray = theirs.find((a) => a.SerialNumber)!;
    const other = [...s.bms.accounts.values()].find((a) => a.Id !== m.PsaId && a.IsActive)!;
    stray.AccountId = other.Id;
    stray.AccountLocationId = [...s.bms.locations.values()].find((l) => l.AccountId === other.Id && l.IsMain)!.Id;
    stray.Name = 'DESKTOP-RENAMED';
    s.bms.mappings.get('vsa/account')!.delete(m.ExternalId); // this tenant's store does not answer for it
    await new VsaFieldLinks(vsa()).link([{ orgId: m.ExternalId, accountId: m.PsaId }]);
    const before = s.bms.assets.size;
    const { errors, plan } = await syncPerRecord(m.ExternalId);
    expect(errors).toEqual([]);
    expect(plan.summary.record).toBe(theirs.length);
    expect(s.bms.assets.size).toBe(before); // adopted, none created
    const byAgent = new Map<string, number>();
    for (const a of s.bms.assets.values()) if (a.AgentId) byAgent.set(a.AgentId, (byAgent.get(a.AgentId) ?? 0) + 1);
    expect([...byAgent.values()].every((n) => n === 1)).toBe(true);
    expect(s.bms.assets.get(stray.Id)!.AccountId).toBe(m.PsaId); // moved back to the linked account
    const cache = await journal.assetCache();
    expect(theirs.every((a) => cache.get(a.AgentId!)?.psaAssetId === a.Id)).toBe(true);
  });

  it('a write BMS refuses is a failed item with BMS\'s reason, and is not cached as synced', async () => {
    const { orgId } = await linkFreshOrg(1);
    // an admin removed the hardware categories this browser knows: BMS refuses every record
    const cats = sb.state().bms.categories.splice(0);
    cats.forEach((c) => sb.state().bms.categories.push({ Id: c.Id + 100, Name: `Old ${c.Name}` }));
    const { errors } = await syncPerRecord(orgId, cats.map((c) => ({ id: c.Id, name: c.Name })));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/not written: .*Category \d+ does not exist/);
    expect([...(await journal.assetCache()).values()].filter((c) => c.orgId === orgId)).toEqual([]);
  });

  it('an agent gone from VSA has its asset record deactivated, not deleted', async () => {
    const { orgId, agents } = await linkFreshOrg(2);
    await syncPerRecord(orgId);
    const gone = agents[0];
    const psa = (await journal.assetCache()).get(gone)!.psaAssetId!;
    sb.state().vsa.agents.delete(gone);
    const { plan, errors } = await syncPerRecord();
    expect(errors).toEqual([]);
    expect(plan.summary.deactivateRecord).toBe(1);
    expect(sb.state().bms.assets.get(psa)!.IsActive).toBe(false);
  });

  it('the dry run says what the per-record mode costs in calls and time', () => {
    const n = perRecordNote({ record: 6000, recordNew: 6000 })!;
    expect(n.calls).toBe(6000 * 2 + 3000 + 6000);
    expect(n.hours).toBe(8);
    expect(n.text).toMatch(/6,000 asset\(s\) are written one record at a time.*about 8 hours/);
    expect(perRecordNote({ push: 100 })).toBeNull();
  });
});
