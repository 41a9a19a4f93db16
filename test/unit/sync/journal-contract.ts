/**
 * One contract for every journal backend (IndexedDB in the browser, the LMDB file in Node): each
 * test runs on a fresh journal from the backend's factory. Real differences between backends are
 * options, declared by the caller, never a weaker assertion.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collect } from '@/lib/http/paging';
import { matchAll } from '@/lib/mapping/match';
import { planImport, runImport } from '@/lib/sync/import';
import type { Channel, Journal, JobKind, JobState } from '@/lib/sync/journal';
import { DAY_MS } from '@/lib/sync/retention';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, runWithStops } from './helpers';

export interface JournalFactory {
  /** a new, empty journal; `now` is its clock (the time it stamps on jobs and audit rows) */
  fresh(now?: () => number): Promise<Journal>;
  /** the same journal opened again (after close), as a restarted worker or a rerun would */
  reopen(j: Journal): Promise<Journal>;
}

export interface ContractOptions {
  /** the channel this backend stamps on audit entries */
  channel: Channel;
  /** an action value this backend cannot store (IndexedDB: a function; JSON on disk: a cycle or a BigInt) */
  unstorable: () => unknown;
}

const items = (n: number, extra?: (i: number) => unknown) =>
  Array.from({ length: n }, (_, i) => ({ key: `org-${i}`, label: `Org ${i}`, action: extra ? extra(i) : { kind: 'link', orgId: `org-${i}`, accountId: i } }));

export function journalContract(name: string, factory: JournalFactory, opts: ContractOptions): void {
  describe(`journal contract: ${name}`, () => {
    let j: Journal;
    beforeEach(async () => {
      j = await factory.fresh();
      return () => j.close();
    });

    it('writes a job with all its items, in plan order, and counts them by state', async () => {
      const job = await j.createJob('import', items(250), { link: 250 });
      expect(job).toMatchObject({ kind: 'import', state: 'planned', total: 250, summary: { link: 250 }, cancelRequested: false, startedAt: null });
      expect(await j.job(job.id)).toEqual(job);
      const all = await j.items<{ orgId: string }>(job.id);
      expect(all.map((i) => i.seq)).toEqual([...Array(250).keys()]);
      expect(all[7]).toMatchObject({ jobId: job.id, key: 'org-7', label: 'Org 7', state: 'pending', attempts: 0, reason: null, created: [], action: { orgId: 'org-7' } });
      expect(await j.counts(job.id)).toEqual({ pending: 250, started: 0, done: 0, failed: 0 });
      expect(await j.job('no-such-job')).toBeNull();
    });

    it('a job that cannot be written whole is not written at all', async () => {
      const before = await j.jobs();
      await expect(j.createJob('import', items(300, (i) => (i === 299 ? { bad: opts.unstorable() } : { i })), {})).rejects.toThrow();
      expect(await j.jobs()).toEqual(before);
    });

    it('keeps item states and the records made; resumes at the unfinished items, in plan order', async () => {
      const job = await j.createJob('import', items(10), {});
      const [a, b, c, d] = await j.items(job.id);
      await j.putItems([
        { ...a, state: 'done', attempts: 1, created: [{ system: 'bms', kind: 'account', id: '42' }] },
        { ...b, state: 'failed', attempts: 1, reason: 'BMS said no' },
        { ...d, state: 'started', attempts: 1 },
      ]);
      expect(await j.counts(job.id)).toEqual({ pending: 7, started: 1, done: 1, failed: 1 });
      expect((await j.items(job.id, 'done'))[0].created).toEqual([{ system: 'bms', kind: 'account', id: '42' }]);
      expect((await j.items(job.id, 'failed'))[0].reason).toBe('BMS said no');
      const next = await j.unfinished(job.id, 3);
      expect(next.map((i) => [i.seq, i.state])).toEqual([[c.seq, 'pending'], [d.seq, 'started'], [4, 'pending']]);
      // nothing of another job leaks in
      const other = await j.createJob('export', items(3), {});
      expect((await j.items(job.id)).length).toBe(10);
      expect((await j.items(other.id)).length).toBe(3);
    });

    it('updates a job, lists jobs newest first and by kind, refuses an unknown job', async () => {
      const first = await j.createJob('import', items(1), {});
      await new Promise((r) => setTimeout(r, 5));
      const second = await j.createJob('assets', items(1), {});
      const up = await j.updateJob(first.id, { state: 'running', note: 'Paused: BMS is busy.' });
      expect(up).toMatchObject({ id: first.id, state: 'running', note: 'Paused: BMS is busy.', kind: 'import' });
      expect((await j.job(first.id))!.state).toBe('running');
      expect((await j.jobs()).map((x) => x.id)).toEqual([second.id, first.id]);
      expect((await j.jobs('assets')).map((x) => x.id)).toEqual([second.id]);
      await expect(j.updateJob('nope', { state: 'done' })).rejects.toThrow(/not in the journal/);
    });

    it('deletes a job that never ran with its items, and refuses one that ran', async () => {
      const dry = await j.createJob('import', items(120), {});
      const ran = await j.createJob('import', items(3), {});
      await j.updateJob(ran.id, { state: 'done', startedAt: 1 });
      await j.deleteJob(dry.id);
      expect(await j.job(dry.id)).toBeNull();
      expect(await j.items(dry.id)).toEqual([]);
      await expect(j.deleteJob(ran.id)).rejects.toThrow(/has run/);
      expect((await j.items(ran.id)).length).toBe(3);
      await j.deleteJob('no-such-job'); // nothing to do
    });

    it('keeps asset fingerprints, rules, names and never-map pairs', async () => {
      await j.putAssetCache([{ agentId: 'a1', orgId: 'o1', hash: 'h', psaAssetId: 7, active: true, syncedAt: 1, machineGroupId: 'g' }]);
      expect((await j.assetCache()).get('a1')).toMatchObject({ hash: 'h', psaAssetId: 7, machineGroupId: 'g' });
      await j.setRule('o1', { kind: 'groupId' });
      await j.setRule('o2', null, 123);
      expect(await j.rules()).toEqual(new Map([['o1', { kind: 'groupId' }]]));
      expect(await j.rule('o1')).toEqual({ kind: 'groupId' });
      expect(await j.rule('o2')).toBeNull();
      expect((await j.rulesCheckedAt()).get('o2')).toBe(123);
      await j.setRule('o1', null);
      expect(await j.rule('o1')).toBeNull();
      expect((await j.rulesCheckedAt()).has('o1')).toBe(false);
      await j.putLinkNames([{ orgId: 'o1', accountId: 5, orgName: 'Acme', accountName: 'Acme Inc' }]);
      expect((await j.linkNames()).get('o1')).toEqual({ orgId: 'o1', accountId: 5, orgName: 'Acme', accountName: 'Acme Inc' });
      await j.setNeverMap('o1', '9', true);
      await j.setNeverMap('o1', '8', true);
      expect((await j.neverMap()).sort()).toEqual([['o1', '8'], ['o1', '9']]);
      await j.setNeverMap('o1', '9', false);
      expect(await j.neverMap()).toEqual([['o1', '8']]);
    });

    it('records audit entries with the time and its channel, newest first', async () => {
      await j.audit([{ jobId: 'j1', system: 'bms', record: 'mapping 1', action: 'link', before: null, after: { accountId: 1 } }]);
      await j.audit([
        { jobId: 'j1', system: 'bms', record: 'mapping 2', action: 'link', before: null, after: { accountId: 2 } },
        { jobId: null, system: 'vsa', record: 'org 3', action: 'create', before: null, after: { OrgName: '=cmd' } },
      ]);
      const log = await j.auditLog();
      expect(log.map((e) => e.record)).toEqual(['org 3', 'mapping 2', 'mapping 1']);
      expect(log.every((e) => e.channel === opts.channel && typeof e.time === 'number')).toBe(true);
      expect(log[0].after).toEqual({ OrgName: '=cmd' });
      expect((await j.auditLog(2)).length).toBe(2);
    });

    it('everything is still there when the journal is opened again', async () => {
      const job = await j.createJob('push', items(5), { createOrg: 5 });
      const [a] = await j.items(job.id);
      await j.putItems([{ ...a, state: 'done' }]);
      await j.audit([{ jobId: job.id, system: 'vsa', record: 'org 1', action: 'create', before: null, after: null }]);
      j = await factory.reopen(j);
      expect(await j.job(job.id)).toMatchObject({ id: job.id, total: 5 });
      expect(await j.counts(job.id)).toEqual({ pending: 4, started: 0, done: 1, failed: 0 });
      expect((await j.auditLog()).length).toBe(1);
    });

    describe('retention (LOW-4)', () => {
      let clock = 0;
      let c: Journal;
      beforeEach(async () => {
        clock = 1_000 * DAY_MS;
        c = await factory.fresh(() => clock);
        return () => c.close();
      });
      /** a job of that kind and state, last changed `daysAgo` days before the prune */
      const job = async (kind: JobKind, state: JobState, daysAgo: number, n = 3) => {
        const at = clock;
        clock = at - daysAgo * DAY_MS;
        const made = await c.createJob(kind, items(n), {});
        if (state !== 'planned') await c.updateJob(made.id, { state, startedAt: clock });
        clock = at;
        return made.id;
      };
      const policy = { keepJobsDays: 30, keepJobsCount: 2, keepAuditDays: 365 };

      it('removes finished jobs past their days with all their items, never a running one', async () => {
        const oldDone = await job('assets', 'done', 40, 5);
        const oldCancelled = await job('import', 'cancelled', 31);
        const oldPlan = await job('import', 'planned', 45);
        const oldRunning = await job('assets', 'running', 90, 4);
        const fresh = await job('assets', 'done', 1);
        const r = await c.prune(policy);
        expect(r).toMatchObject({ jobs: 3, items: 11 });
        for (const id of [oldDone, oldCancelled, oldPlan]) {
          expect(await c.job(id)).toBeNull();
          expect(await c.items(id)).toEqual([]);
        }
        // a running (or paused) job resumes later: it stays, with every item
        expect((await c.job(oldRunning))!.state).toBe('running');
        expect((await c.items(oldRunning)).length).toBe(4);
        expect(await c.job(fresh)).not.toBeNull();
        // nothing more to do the second time
        expect(await c.prune(policy)).toEqual({ jobs: 0, items: 0, audit: 0 });
      });

      it('keeps at most the count within the days, but never a job Undo or Retry may still need', async () => {
        const undoable = await job('import', 'done', 10);
        const retry = await job('export', 'failed', 9);
        const plan = await job('push', 'planned', 8);
        const sync1 = await job('assets', 'done', 7);
        const sync2 = await job('assets', 'done', 3);
        const undo = await job('undo', 'done', 2);
        const sync3 = await job('assets', 'done', 1);
        const r = await c.prune(policy);
        // newest first: sync3 and undo fill the count; sync2 and sync1 go; the import (Undo), the
        // failed export (Retry) and the plan not started stay for their 30 days
        expect(r.jobs).toBe(2);
        const left = (await c.jobs()).map((x) => x.id).sort();
        expect(left).toEqual([undoable, retry, plan, undo, sync3].sort());
        expect(await c.items(sync1)).toEqual([]);
        expect(await c.items(sync2)).toEqual([]);
        expect((await c.items(undoable)).length).toBe(3);
      });

      it('removes audit rows past their days and keeps the rest', async () => {
        const at = clock;
        clock = at - 400 * DAY_MS;
        await c.audit([{ jobId: null, system: 'bms', record: 'old 1', action: 'link', before: null, after: null }, { jobId: null, system: 'bms', record: 'old 2', action: 'link', before: null, after: null }]);
        clock = at - 100 * DAY_MS;
        await c.audit([{ jobId: null, system: 'bms', record: 'recent', action: 'link', before: null, after: null }]);
        clock = at;
        expect((await c.prune(policy)).audit).toBe(2);
        expect((await c.auditLog()).map((e) => e.record)).toEqual(['recent']);
        expect((await c.prune({ ...policy, keepAuditDays: 30 })).audit).toBe(1);
        expect(await c.auditLog()).toEqual([]);
      });
    });

    describe('a job killed again and again', () => {
      let sb: Sandbox;
      const { bms, vsa, faults } = clientsFor(() => sb);
      beforeAll(async () => {
        sb = await startSandbox({ orgs: 150, agents: 150, seed: 31, faults: { jobDelayMs: 20 }, capabilities: { mappingStore: true } });
      });
      afterAll(() => sb.close());

      it('resumes from the journal until done: every org linked once, no duplicate, nothing lost', async () => {
        const orgs = (await collect(vsa().orgs())).map((o) => ({ id: o.OrgId, name: o.OrgName }));
        const accounts = (await collect(bms().accounts())).map((a) => ({ id: a.Id, name: a.AccountName ?? '', active: a.IsActive }));
        const mappings = new Map((await collect(bms().mappings())).map((m) => [m.ExternalId ?? '', m.PsaId]));
        const free = accounts.filter((a) => a.active && ![...mappings.values()].includes(a.id)).map((a) => ({ id: String(a.id), name: a.name }));
        const plan = planImport({ orgs, accounts, mappings, suggestions: matchAll(orgs.filter((o) => !mappings.has(o.id)), free) }, { accept: 'auto+review', createMissing: true });
        expect(plan.items.length).toBeGreaterThan(50);
        const job = await j.createJob('import', plan.items, plan.summary);
        await faults({ target: 'bms', errorRate: 0.1, tokenTtlSec: 5 });
        // each round opens the journal again, as a new process would
        const stops = await runWithStops(async (signal) => {
          j = await factory.reopen(j);
          return runImport(j, job.id, bms(), { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 }, { signal, batch: 15 });
        }, { rounds: 40, firstMs: 60 });
        await faults({ reset: true });
        expect(stops).toBeGreaterThan(2);
        expect((await j.job(job.id))!.state).toBe('done');
        const maps = sb.state().bms.mappings.get('vsa/account')!;
        const names = [...sb.state().bms.accounts.values()].map((a) => a.AccountName);
        expect(plan.items.filter((i) => maps.has(i.key)).length).toBe(plan.items.length);
        expect(names.length - new Set(names).size).toBe(0);
        expect(new Set([...maps.values()].map((m) => m.PsaId)).size).toBe(maps.size);
        expect(await j.counts(job.id)).toEqual({ pending: 0, started: 0, failed: 0, done: plan.items.length });
      }, 120_000);
    });
  });
}
