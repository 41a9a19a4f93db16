/** The job manager against the sandbox: one job per kind, push of new accounts (F5), retry of failed items. */
import Papa from 'papaparse';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { JobManager, type JobProgress } from '@/lib/sync/manager';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, freshStart } from './helpers';

let sb: Sandbox;
let journal: Journal;
let events: JobProgress[];
let jobs: JobManager;
const { bms, vsa, faults } = clientsFor(() => sb);

beforeAll(async () => {
  sb = await startSandbox({ orgs: 80, agents: 200, seed: 51, faults: { jobDelayMs: 10 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 10);
  events = [];
  const ctx = { vsa: vsa(), bms: bms(), defaults: { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 }, autoCreate: true };
  jobs = new JobManager(journal, async () => ctx, (p) => events.push(p));
});

describe('job manager', () => {
  it('pushes accounts created in BMS since the last check to VSA, and only those (F5)', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const made = await (await fetch(`${sb.bmsUrl}/app-api/accounts`, { method: 'POST', body: JSON.stringify({ AccountName: 'Brand New Client GmbH' }) })).json() as { Id: number };
    const { progress, checkedAt } = await jobs.planPushNew(since);
    expect(progress?.kind).toBe('push');
    await jobs.waitIdle();
    const maps = [...sb.state().bms.mappings.get('vsa/account')!.values()];
    const link = maps.find((m) => m.PsaId === made.Id)!;
    expect(sb.state().vsa.orgs.get(link.ExternalId)!.OrgName).toBe('Brand New Client GmbH');
    expect(events.at(-1)).toMatchObject({ state: 'done', done: 1, failed: 0 });
    expect((await jobs.planPushNew(checkedAt)).progress).toBeNull(); // nothing new since
  });

  it('exports the audit log of every write as CSV (B4)', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    await fetch(`${sb.bmsUrl}/app-api/accounts`, { method: 'POST', body: JSON.stringify({ AccountName: '=HYPERLINK("x") & Sons' }) });
    await jobs.planPushNew(since);
    await jobs.waitIdle();
    const { csv, entries } = await jobs.auditCsv();
    expect(entries).toBe(2); // the org made in VSA, and the link made in BMS
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('time,job,system,record,action,before,after,channel');
    expect(lines.slice(1).map((l) => l.split(',')[2]).sort()).toEqual(['bms', 'vsa']);
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    const org = rows.find((r) => r.system === 'vsa')!;
    expect(JSON.parse(org.after).OrgName).toBe('=HYPERLINK("x") & Sons'); // verbatim, inside its JSON cell
    expect(rows.map((r) => r.channel)).toEqual(['extension', 'extension']); // made by the extension's journal
    expect(rows.every((r) => Object.values(r).every((c) => !/^[=+\-@]/.test(c)))).toBe(true); // no cell a spreadsheet would run
  });

  it('undoes the last bulk job where the APIs allow, and says what stays (B5)', async () => {
    const before = new Map(sb.state().bms.mappings.get('vsa/account')!);
    const plan = await jobs.planImport({ accept: 'auto', createMissing: true });
    await jobs.start(plan.progress.jobId);
    await jobs.waitIdle();
    const maps = sb.state().bms.mappings.get('vsa/account')!;
    expect(maps.size).toBeGreaterThan(before.size);
    const undo = await jobs.planUndo();
    expect(undo.progress.summary.unlink).toBe(plan.progress.total);
    expect(undo.conflicts.length).toBe(plan.progress.summary.create);
    expect(undo.conflicts[0]?.reason).toMatch(/BMS's API cannot delete accounts/);
    await jobs.start(undo.progress.jobId);
    await jobs.waitIdle();
    expect((await jobs.progress(undo.progress.jobId))!).toMatchObject({ state: 'done', failed: 0 });
    expect([...maps.keys()].sort()).toEqual([...before.keys()].sort());
    await expect(jobs.planUndo(undo.progress.jobId)).rejects.toThrow(/cannot be undone/);
  });

  it('runs one job per kind: a second start joins the running one', async () => {
    await faults({ target: 'bms', latencyMs: 30 });
    const a = await jobs.planImport({ accept: 'auto', createMissing: true });
    const b = await jobs.planImport({ accept: 'auto', createMissing: true });
    const first = await jobs.start(a.progress.jobId);
    const second = await jobs.start(b.progress.jobId);
    expect(second.jobId).toBe(first.jobId);
    await jobs.waitIdle();
    expect((await jobs.progress(a.progress.jobId))!.state).toBe('done');
    expect((await jobs.progress(b.progress.jobId))!.state).toBe('planned');
  });

  it('cancel stops after the items in hand: nothing half-made, the rest stays pending', async () => {
    await faults({ target: 'bms', latencyMs: 25 });
    const plan = await jobs.planImport({ accept: 'auto', createMissing: true, choices: {} });
    expect(plan.progress.summary.create).toBeGreaterThan(20);
    await jobs.start(plan.progress.jobId);
    await new Promise((r) => setTimeout(r, 150));
    await jobs.cancel(plan.progress.jobId);
    await jobs.waitIdle();
    const p = (await jobs.progress(plan.progress.jobId))!;
    expect(p.state).toBe('cancelled');
    expect(p.pending).toBeGreaterThan(0);
    expect(p.done + p.failed + p.pending).toBe(p.total);
    expect(await journal.items(plan.progress.jobId, 'started')).toEqual([]);
    // every account the job made before it stopped is linked: no orphan
    const made = (await journal.auditLog(10_000)).filter((e) => e.jobId === plan.progress.jobId && e.action === 'create').map((e) => Number(e.record.split(' ')[1]));
    const linked = new Set([...sb.state().bms.mappings.get('vsa/account')!.values()].map((m) => m.PsaId));
    expect(made.length).toBeGreaterThan(0);
    expect(made.filter((id) => !linked.has(id))).toEqual([]);
  });

  it('a failed item keeps its reason, and is run again alone on retry', async () => {
    const plan = await jobs.planImport({ accept: 'auto', createMissing: false });
    const id = plan.progress.jobId;
    const item = (await journal.items<{ accountId: number }>(id))[0];
    // someone deactivates the account in BMS between the preview and the run
    await fetch(`${sb.vsaUrl}/__sandbox/bms/accounts/${item.action.accountId}`, { method: 'PATCH', body: JSON.stringify({ IsActive: false }) });
    await jobs.start(id);
    await jobs.waitIdle();
    const failed = (await jobs.progress(id))!;
    expect(failed).toMatchObject({ state: 'done', failed: 1 });
    expect(failed.errors[0].reason).toMatch(/inactive/);
    await fetch(`${sb.vsaUrl}/__sandbox/bms/accounts/${item.action.accountId}`, { method: 'PATCH', body: JSON.stringify({ IsActive: true }) });
    await jobs.retryFailed(id);
    await jobs.waitIdle();
    expect((await jobs.progress(id))!).toMatchObject({ state: 'done', failed: 0, done: plan.progress.total });
  });

  it('a job the API keeps refusing pauses with the reason and resumes by itself later', async () => {
    const plan = await jobs.planImport({ accept: 'auto', createMissing: true });
    const id = plan.progress.jobId;
    await faults({ target: 'bms', errorRate: 1, routes: '/mappings/account$' });
    await jobs.start(id);
    await jobs.waitIdle();
    const stuck = (await jobs.progress(id))!;
    expect(stuck.state).toBe('running'); // paused, to resume by itself
    expect(stuck.note).toMatch(/Paused/);
    await faults({ target: 'bms', errorRate: 0, routes: null });
    await jobs.resume();
    await jobs.waitIdle();
    expect((await jobs.progress(id))!).toMatchObject({ state: 'done', failed: 0 });
    expect((await jobs.retryFailed(id)).state).toBe('done'); // nothing to retry
  });
});
