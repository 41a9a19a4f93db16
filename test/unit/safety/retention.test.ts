// LOW-4: the retention settings existed but nothing removed old jobs, items or audit rows. The
// journal's prune is in the contract suite (test/unit/sync/journal-contract.ts, both backends); here:
// the policy's edges, and the command line cleaning its journal when a job command starts, as its
// config says.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileJournal } from '@/lib/store/node/journal-file';
import type { JobRecord } from '@/lib/sync/journal';
import { DAY_MS, jobsToPrune, stillNeeded } from '@/lib/sync/retention';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { cliFor } from '../cli/helpers';

const NOW = 500 * DAY_MS;
const job = (id: string, kind: JobRecord['kind'], state: JobRecord['state'], daysAgo: number): JobRecord => ({
  id, kind, state, createdAt: NOW - daysAgo * DAY_MS, updatedAt: NOW - daysAgo * DAY_MS, startedAt: state === 'planned' ? null : NOW - daysAgo * DAY_MS,
  total: 1, summary: {}, cancelRequested: false, note: null,
});

describe('retention policy', () => {
  const policy = { keepJobsDays: 30, keepJobsCount: 1, keepAuditDays: 365 };
  it('a running job is never removed, however old and however many', () => {
    expect(jobsToPrune([job('r', 'assets', 'running', 3000), job('n', 'assets', 'done', 1)], { ...policy, keepJobsCount: 0 }, NOW).map((j) => j.id)).toEqual(['n']);
  });
  it('the days are the hard line: past them even an undoable import goes', () => {
    expect(jobsToPrune([job('i', 'import', 'done', 31)], policy, NOW).map((j) => j.id)).toEqual(['i']);
    expect(jobsToPrune([job('i', 'import', 'done', 29)], policy, NOW)).toEqual([]);
  });
  it('what Undo or Retry may still need, and plans not started, are not removed by the count', () => {
    expect(stillNeeded(job('i', 'import', 'done', 1))).toBe(true);
    expect(stillNeeded(job('e', 'export', 'failed', 1))).toBe(true);
    expect(stillNeeded(job('p', 'push', 'planned', 1))).toBe(true);
    expect(stillNeeded(job('a', 'assets', 'done', 1))).toBe(false);
    expect(stillNeeded({ ...job('r', 'assets', 'done', 1), summary: { relinked: 1 } })).toBe(true);
    expect(stillNeeded(job('u', 'undo', 'done', 1))).toBe(false);
    expect(stillNeeded(job('c', 'import', 'cancelled', 1))).toBe(false);
  });
});

describe('the command line cleans its journal when a job command starts', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ orgs: 10, agents: 10, seed: 5, faults: { jobDelayMs: 5 } });
  });
  afterAll(() => sb.close());

  const seed = async (dir: string) => {
    const old = new FileJournal(dir, () => Date.now() - 60 * DAY_MS);
    const done = await old.createJob('assets', [{ key: 'a', label: 'A', action: {} }], {});
    await old.updateJob(done.id, { state: 'done', startedAt: Date.now() - 60 * DAY_MS });
    const running = await old.createJob('assets', [{ key: 'b', label: 'B', action: {} }], {});
    await old.updateJob(running.id, { state: 'running', startedAt: Date.now() - 60 * DAY_MS });
    await old.audit([{ jobId: done.id, system: 'bms', record: 'asset 1', action: 'update', before: null, after: null }]);
    await old.close();
    return { done: done.id, running: running.id };
  };

  it('removes what is past the config\'s days, keeps a running job, and says what it removed', async () => {
    const cli = cliFor(() => sb, (c) => ({ ...(c as object), settings: { ...(c as { settings: object }).settings, keepAuditDays: 30 } }));
    const dir = join(cli.dir, 'bms-vsa-sync-journal');
    const ids = await seed(dir);
    const r = await cli.run(['export', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(r.json.find((e) => e.event === 'pruned')).toMatchObject({ jobs: 1, items: 1, audit: 1 });
    const j = new FileJournal(dir);
    expect(await j.job(ids.done)).toBeNull();
    expect(await j.items(ids.done)).toEqual([]);
    expect((await j.job(ids.running))?.state).toBe('running');
    expect(await j.auditLog()).toEqual([]);
    await j.close();
  });

  it('a longer retention in the config keeps them', async () => {
    const cli = cliFor(() => sb, (c) => ({ ...(c as object), settings: { ...(c as { settings: object }).settings, keepJobsDays: 90 } }));
    const dir = join(cli.dir, 'bms-vsa-sync-journal');
    const ids = await seed(dir);
    const r = await cli.run(['export', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(r.json.find((e) => e.event === 'pruned')).toBeUndefined();
    const j = new FileJournal(dir);
    expect(await j.job(ids.done)).not.toBeNull();
    expect((await j.auditLog()).length).toBe(1);
    await j.close();
  });
});
