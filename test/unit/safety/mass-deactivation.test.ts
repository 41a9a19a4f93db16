// MEDIUM-3: a run that would deactivate more than max(5 %, 50) of the active assets, or deactivates on
// an answer from VSA that looks wrong, stops before writing: unattended it never passes, from the
// popup it asks. Acceptance: a 5,000-asset tenant whose VSA suddenly answers no agents.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdbJournal } from '@/lib/store/journal-idb';
import { attention } from '@/lib/sync/attention';
import { checkDeactivation, deactivationLimit } from '@/lib/sync/guard';
import { JobManager, type JobProgress } from '@/lib/sync/manager';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, freshStart } from '../sync/helpers';

let sb: Sandbox;
let journal: IdbJournal;
let jobs: JobManager;
let events: JobProgress[];
const { bms, vsa } = clientsFor(() => sb);
const writes = async () => ((await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { bms: { writes: number } }).bms.writes;

beforeAll(async () => {
  sb = await startSandbox({ orgs: 40, agents: 300, seed: 77, faults: { jobDelayMs: 5, quotaPerHour: 0 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = (await freshStart(sb, journal, 5)) as IdbJournal;
  await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ target: 'bms', quotaPerHour: 0 }) });
  events = [];
  const ctx = { vsa: vsa(), bms: bms(), defaults: { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 }, autoCreate: true };
  jobs = new JobManager(journal, async () => ctx, (p) => events.push(p));
});

/** 5,000 assets synced before, from the sandbox's orgs */
async function fiveThousandSynced() {
  const orgs = [...sb.state().vsa.orgs.keys()].map(String);
  await journal.putAssetCache(Array.from({ length: 5000 }, (_, i) => ({ agentId: String(900000 + i), orgId: orgs[i % orgs.length], hash: 'h', psaAssetId: 700000 + i, active: true, syncedAt: 1 })));
}

describe('mass deactivation guard (MEDIUM-3)', () => {
  it('a scheduled sync of a 5,000-asset tenant whose VSA answers no agents writes nothing; badge and notification say why', async () => {
    await fiveThousandSynced();
    sb.state().vsa.agents.clear();
    const before = await writes();
    const plan = await jobs.planAssetSync({});
    expect(plan.progress.summary.deactivate).toBe(5000);
    expect(plan.progress.confirm).toMatchObject({ deactivate: 5000, active: 5000, limit: 250, suspect: [{ code: 'no-agents' }] });
    const p = await jobs.start(plan.progress.jobId, { unattended: true });
    await jobs.waitIdle();
    expect(await writes()).toBe(before);
    expect(p.state).toBe('failed');
    expect(p.noteKey).toBe('note_deactivate_stopped_suspect');
    expect(p.note).toMatch(/Stopped before writing.*deactivate 5000 of 5000.*no agents at all.*Nothing was written/);
    const last = events.at(-1)!;
    expect(last.jobId).toBe(p.jobId);
    const a = attention(last, 0);
    expect(a.count).toBeGreaterThan(0); // the badge
    expect(a.message).toMatch(/asset sync stopped: Stopped before writing/); // the notification
    expect((await journal.assetCache()).get('900000')?.active).toBe(true);
  });

  it('the same run from the popup asks first: no write without the yes, and the yes runs it', async () => {
    await fiveThousandSynced();
    sb.state().vsa.agents.clear();
    const before = await writes();
    const plan = await jobs.planAssetSync({});
    await expect(jobs.start(plan.progress.jobId)).rejects.toMatchObject({ code: 'needs-confirm' });
    expect(await writes()).toBe(before);
    expect((await jobs.progress(plan.progress.jobId))!.state).toBe('planned');
    await jobs.start(plan.progress.jobId, { confirmed: true });
    await jobs.waitIdle();
    expect((await jobs.progress(plan.progress.jobId))!.state).toBe('done');
    expect((await journal.assetCache()).get('900000')?.active).toBe(false); // deactivated (BMS: 404, none of them exist there)
  });

  it('a short answer after a real sync: over the limit it waits, under it the run goes ahead', async () => {
    const first = await jobs.planAssetSync({});
    expect(first.progress.confirm).toBeNull();
    await jobs.start(first.progress.jobId, { unattended: true });
    await jobs.waitIdle();
    const agents = sb.state().vsa.agents;
    expect(agents.size).toBe(300);
    // 10 agents gone (under max(5 % of 300, 50) = 50): goes ahead unattended
    for (const id of [...agents.keys()].slice(0, 10)) agents.delete(id);
    const small = await jobs.planAssetSync({});
    expect(small.progress.summary.deactivate).toBe(10);
    expect(small.progress.confirm).toBeNull();
    await jobs.start(small.progress.jobId, { unattended: true });
    await jobs.waitIdle();
    expect((await jobs.progress(small.progress.jobId))!.state).toBe('done');
    // 60 more gone: over the line, and fewer agents than the previous read by more than the limit
    for (const id of [...agents.keys()].slice(0, 60)) agents.delete(id);
    const big = await jobs.planAssetSync({});
    expect(big.progress.confirm).toMatchObject({ deactivate: big.progress.summary.deactivate, limit: 50, suspect: [{ code: 'fewer-than-before' }] });
    expect(big.progress.summary.deactivate).toBeGreaterThan(50); // the 60 gone, less the few that were never placed
    expect((await jobs.start(big.progress.jobId, { unattended: true })).state).toBe('failed');
  });

  it('the line is max(percent, minimum), a setting; a suspect answer stops even a small deactivation', () => {
    expect(deactivationLimit(5000)).toBe(250);
    expect(deactivationLimit(300)).toBe(50);
    expect(deactivationLimit(5000, { percent: 1, min: 10 })).toBe(50);
    const cache = Array.from({ length: 100 }, (_, i) => ({ orgId: String(i % 4), active: true }));
    const orgs = [{ id: '0' }, { id: '1' }, { id: '2' }, { id: '3' }];
    // VSA still lists all four orgs but answers agents for one only
    const agents = Array.from({ length: 75 }, () => ({ orgId: '0' }));
    expect(checkDeactivation({ deactivate: 25, cache, agents, orgs, previousAgents: null })?.suspect.map((s) => s.code)).toEqual(['orgs-empty']);
    expect(checkDeactivation({ deactivate: 25, cache, agents: [...agents, ...orgs.map((o) => ({ orgId: o.id }))], orgs, previousAgents: null })).toBeNull();
    expect(checkDeactivation({ deactivate: 10, cache, agents: Array.from({ length: 90 }, (_, i) => ({ orgId: String(i % 4) })), orgs, previousAgents: 200 })?.suspect.map((s) => s.code)).toEqual(['fewer-than-before']);
  });
});
