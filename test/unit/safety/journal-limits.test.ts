// LOW-4: the last check-in alone does not make an asset "changed" on every run (pushed at most once a
// day, or as set); a full browser storage stops the job with a clear message instead of retrying forever.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdbJournal } from '@/lib/store/journal-idb';
import { planAssetSync, runAssetSync } from '@/lib/sync/assets';
import { loadAssetSyncInput } from '@/lib/sync/load';
import { JobManager } from '@/lib/sync/manager';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, freshStart } from '../sync/helpers';
import { contextOf, FakeBms, FakeVsa, freshJournal } from './fakes';

let sb: Sandbox;
let journal: IdbJournal;
const { bms, vsa } = clientsFor(() => sb);

beforeAll(async () => {
  sb = await startSandbox({ orgs: 10, agents: 60, seed: 19, faults: { jobDelayMs: 5, quotaPerHour: 0 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = (await freshStart(sb, journal, 5)) as IdbJournal;
  await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ target: 'bms', quotaPerHour: 0 }) });
});

async function plan(opts: { checkInEveryMs?: number; now?: number } = {}) {
  return planAssetSync({ ...(await loadAssetSyncInput(vsa(), bms(), journal, { autoCreate: true })), ...opts }, {});
}

describe('last check-in (LOW-4)', () => {
  it('an agent whose only change is its last check-in is not pushed again within a day, and is once the day is over', async () => {
    const first = await plan();
    const job = await journal.createJob('assets', first.items, first.summary);
    await runAssetSync(journal, job.id, bms());
    const agent = [...sb.state().vsa.agents.values()][0];
    agent.LastCheckInTime = new Date(Date.now() + 60_000).toISOString();
    expect((await plan()).summary.push).toBe(0);
    // a day later every cached agent is due for its check-in
    expect((await plan({ now: Date.now() + 25 * 3_600_000 })).summary.push).toBeGreaterThan(0);
    // as the admin set it: every hour
    expect((await plan({ now: Date.now() + 2 * 3_600_000, checkInEveryMs: 3_600_000 })).summary.push).toBeGreaterThan(0);
  });
});

describe('full browser storage (LOW-4)', () => {
  it('stops the job with a clear message instead of pausing and retrying the same write', async () => {
    const j = freshJournal();
    const quota = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const jobs = new JobManager(j, contextOf(new FakeVsa(), new FakeBms()), () => undefined);
    const job = await j.createJob('push', [{ key: 'a', label: 'Acme', action: { kind: 'link-org', accountId: 1, accountName: 'Acme', orgId: '5', orgName: 'Acme' } }], {});
    const put = j.putItems.bind(j);
    let calls = 0;
    j.putItems = async (items) => {
      calls++;
      if (calls > 1) throw quota();
      return put(items);
    };
    await jobs.start(job.id);
    await jobs.waitIdle();
    const p = (await jobs.progress(job.id))!;
    expect(p.state).toBe('failed');
    expect(p.note).toMatch(/storage for this extension is full/);
    await jobs.resume();
    await jobs.waitIdle();
    expect(calls).toBeLessThan(4); // not retried by the resume alarm
  });
});
