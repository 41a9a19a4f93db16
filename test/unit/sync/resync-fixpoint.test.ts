/**
 * An unchanged re-sync writes nothing (issue #13's bench): the first asset sync already makes every
 * link a second one would make. An org whose exact name is a free account's, held back only because a
 * look-alike org claims the same account, is linked at once; the look-alike gets its own account.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { planAssetSync, runAssetSync } from '@/lib/sync/assets';
import { exactNameMatches, loadAssetSyncInput } from '@/lib/sync/load';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, freshStart } from './helpers';

let sb: Sandbox;
let journal: Journal;
const { bms, vsa } = clientsFor(() => sb);

beforeAll(async () => {
  sb = await startSandbox({ orgs: 80, agents: 400, seed: 91, faults: { jobDelayMs: 10 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 10);
});

const writes = () => Object.entries({ ...sb.faults.vsa.stats.requests, ...sb.faults.bms.stats.requests }).filter(([k]) => !k.startsWith('GET') && !k.includes('/security/') && !k.endsWith('/auth')).map(([k, n]) => `${k} ×${n}`);

async function sync() {
  const c = bms();
  const plan = planAssetSync(await loadAssetSyncInput(vsa(), c, journal, { autoCreate: true }));
  const job = await journal.createJob('assets', plan.items, plan.summary);
  await runAssetSync(journal, job.id, c);
  return plan.summary;
}

describe('the first asset sync is the last that writes', () => {
  it('links the exact-name org that a look-alike held back, so the second sync writes nothing', async () => {
    const s = sb.state();
    const maps = s.bms.mappings.get('vsa/account')!;
    const linkedAcc = new Set([...maps.values()].map((m) => m.PsaId));
    const withAgents = new Set([...s.vsa.agents.values()].map((a) => String(a.OrgId)));
    const [a, b] = [...s.vsa.orgs.values()].filter((o) => withAgents.has(String(o.OrgId)) && !maps.has(String(o.OrgId)));
    const account = [...s.bms.accounts.values()].find((x) => x.IsActive && !linkedAcc.has(x.Id))!;
    a.OrgName = 'Zenith Auto Repair';
    b.OrgName = 'Zenith Auto Repair 5';
    account.AccountName = 'Zenith Auto Repair';
    await sync();
    expect(maps.get(String(a.OrgId))?.PsaId).toBe(account.Id);
    expect(maps.get(String(b.OrgId))?.PsaId).not.toBe(account.Id);
    sb.faults.vsa.resetStats();
    sb.faults.bms.resetStats();
    const again = await sync();
    expect(writes()).toEqual([]);
    expect(again).toMatchObject({ push: 0, link: 0, newAccount: 0 });
  });

  it('the exact-name rule needs one org and one free account of that name, and honours never-map', () => {
    const run = (orgs: [string, string][], accs: [string, string][], never: string[] = []) => {
      const m = new Map<string, number>();
      exactNameMatches(orgs.map(([id, name]) => ({ id, name })), accs.map(([id, name]) => ({ id, name })), m, new Set(never));
      return Object.fromEntries(m);
    };
    expect(run([['o1', 'Zenith Auto Repair'], ['o2', 'Zenith Auto Repair 5']], [['7', 'Zenith Auto Repair']])).toEqual({ o1: 7 });
    // two orgs of one name, or two accounts of one name: nobody can tell which, so nothing is linked
    expect(run([['o1', 'Zenith Auto Repair'], ['o2', 'Zenith Auto Repair']], [['7', 'Zenith Auto Repair']])).toEqual({});
    expect(run([['o1', 'Zenith Auto Repair']], [['7', 'Zenith Auto Repair'], ['8', 'Zenith Auto Repair']])).toEqual({});
    expect(run([['o1', 'Zenith Auto Repair']], [['7', 'Zenith Auto Repair']], ['o1|7'])).toEqual({});
  });
});
