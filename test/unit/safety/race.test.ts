// LOW-5: one running job per kind, also under concurrent starts (alarm + page + popup), and a
// single-flight push of new accounts. LOW-4 (part): no orphan plan while a job of the kind runs.
import { describe, expect, it } from 'vitest';
import { JobManager } from '@/lib/sync/manager';
import { singleFlight } from '@/lib/sync/single-flight';
import { contextOf, FakeBms, FakeVsa, freshJournal } from './fakes';

const slow = <T>(ctx: () => Promise<T>, ms: number) => async () => {
  await new Promise((r) => setTimeout(r, ms));
  return ctx();
};

describe('one running job per kind (LOW-5)', () => {
  it('two starts at once of two push jobs leave one running; the other start joins it', async () => {
    const journal = freshJournal();
    const jobs = new JobManager(journal, slow(contextOf(new FakeVsa(), new FakeBms()), 100), () => undefined);
    const a = await journal.createJob('push', [], {});
    const b = await journal.createJob('push', [], {});
    const [pa, pb] = await Promise.all([jobs.start(a.id), jobs.start(b.id)]);
    const states = (await journal.jobs('push')).map((j) => j.state).sort();
    expect(states).toEqual(['planned', 'running']);
    expect(pb.jobId).toBe(pa.jobId);
    await jobs.waitIdle();
  });

  it('a second push of new accounts while one is in flight gets the same run', async () => {
    let calls = 0;
    let release!: () => void;
    const push = singleFlight(async () => {
      calls++;
      await new Promise<void>((r) => (release = r));
      return calls;
    });
    const one = push();
    const two = push();
    await Promise.resolve();
    release();
    expect(await one).toBe(1);
    expect(await two).toBe(1);
    expect(calls).toBe(1);
    const three = push(); // after it finished: a new run
    await Promise.resolve();
    release();
    expect(await three).toBe(2);
  });

  it('a scheduled full asset sync while one runs plans nothing (no orphan plan) and reports the running one', async () => {
    const journal = freshJournal();
    const jobs = new JobManager(journal, contextOf(new FakeVsa(), new FakeBms()), () => undefined);
    const running = await journal.createJob('assets', [], {});
    await journal.updateJob(running.id, { state: 'running' });
    const p = await jobs.planAssetSync({});
    expect(p.progress.jobId).toBe(running.id);
    expect((await journal.jobs('assets')).length).toBe(1);
  });
});
