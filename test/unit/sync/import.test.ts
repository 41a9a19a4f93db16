/** Import jobs against the sandbox: plan, run, stop mid-way (a killed worker), resume: nothing twice, nothing lost. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collect } from '@/lib/http/paging';
import { matchAll } from '@/lib/mapping/match';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { planImport, runImport, type ImportAction, type ImportInput } from '@/lib/sync/import';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, freshStart, runWithStops } from './helpers';

let sb: Sandbox;
let journal: Journal;
const defaults = { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 };
const { bms, vsa, faults } = clientsFor(() => sb);

async function input(): Promise<ImportInput> {
  const orgs = (await collect(vsa().orgs())).map((o) => ({ id: o.OrgId, name: o.OrgName }));
  const accounts = (await collect(bms().accounts())).map((a) => ({ id: a.Id, name: a.AccountName ?? '', active: a.IsActive }));
  const mappings = new Map((await collect(bms().mappings())).map((m) => [m.ExternalId ?? '', m.PsaId]));
  const free = accounts.filter((a) => a.active && ![...mappings.values()].includes(a.id));
  const suggestions = matchAll(orgs.filter((o) => !mappings.has(o.id)), free.map((a) => ({ id: String(a.id), name: a.name })));
  return { orgs, accounts, mappings, suggestions };
}

beforeAll(async () => {
  sb = await startSandbox({ orgs: 300, agents: 300, seed: 21, faults: { jobDelayMs: 20 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 20);
});

function check(s: Sandbox, orgIds: string[]) {
  const maps = s.state().bms.mappings.get('vsa/account')!;
  const names = [...s.state().bms.accounts.values()].map((a) => a.AccountName);
  return {
    linked: orgIds.filter((o) => maps.has(o)).length,
    oneToOne: new Set([...maps.values()].map((m) => m.PsaId)).size === maps.size,
    duplicateNames: names.length - new Set(names).size,
  };
}

describe('never map (B12)', () => {
  it('is remembered and the pair is not suggested again', async () => {
    const inp = await input();
    const auto = inp.suggestions.find((s) => s.decision === 'auto')!;
    await journal.setNeverMap(auto.orgId, auto.accountId!, true);
    const never = await new Journal(journal['name'] as string).neverMap();
    expect(never).toEqual([[auto.orgId, auto.accountId]]);
    const again = matchAll(inp.orgs.filter((o) => !inp.mappings.has(o.id)), inp.accounts.filter((a) => a.active && ![...inp.mappings.values()].includes(a.id)).map((a) => ({ id: String(a.id), name: a.name })), { neverMap: never });
    expect(again.find((s) => s.orgId === auto.orgId)!.accountId).not.toBe(auto.accountId);
    await journal.setNeverMap(auto.orgId, auto.accountId!, false);
    expect(await journal.neverMap()).toEqual([]);
  });
});

describe('import: plan, then run from the plan', () => {
  it('the dry run counts what will be created and linked, and writes nothing', async () => {
    const inp = await input();
    const before = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { totals: { writes: number } };
    const plan = planImport(inp, { accept: 'auto', createMissing: true });
    expect(plan.summary.unchanged).toBe(inp.mappings.size);
    expect(plan.summary.link + plan.summary.create + plan.summary.conflict).toBe(inp.orgs.length - inp.mappings.size);
    expect(plan.conflicts!.length).toBe(plan.summary.conflict);
    expect(plan.conflicts!.every((c) => /already exists but is (inactive|linked to another org)/.test(c.reason))).toBe(true);
    expect(plan.summary.link).toBeGreaterThan(100);
    const after = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { totals: { writes: number } };
    expect(after.totals.writes).toBe(before.totals.writes);
    // only some orgs, and the admin's own choice wins
    const names = new Set(inp.accounts.map((a) => a.name.trim()));
    const one = inp.orgs.find((o) => !inp.mappings.has(o.id) && !names.has(o.name.trim()))!;
    const chosen = planImport(inp, { orgIds: [one.id], accept: 'auto', createMissing: false, choices: { [one.id]: 'new' } });
    expect(chosen.items).toEqual([expect.objectContaining({ key: one.id, action: expect.objectContaining({ kind: 'create-link' }) })]);
  });

  it('links and creates every org exactly once, with the journal agreeing', async () => {
    const inp = await input();
    const plan = planImport(inp, { accept: 'auto+review', createMissing: true });
    const job = await journal.createJob('import', plan.items, plan.summary);
    const done = await runImport(journal, job.id, bms(), defaults);
    expect(done.state).toBe('done');
    const orgIds = plan.items.map((i) => i.key);
    const c = check(sb, orgIds);
    expect(c.linked).toBe(orgIds.length);
    expect(c.oneToOne).toBe(true);
    expect(c.duplicateNames).toBe(0);
    const items = await journal.items<ImportAction>(job.id);
    const maps = sb.state().bms.mappings.get('vsa/account')!;
    expect(items.every((i) => i.state === 'done' && maps.get(i.key)?.PsaId === (i.action as { accountId?: number }).accountId)).toBe(true);
    expect((await journal.auditLog()).length).toBeGreaterThanOrEqual(orgIds.length);
  });

  it('a worker killed mid-job resumes at the first unfinished item, repeating no write, under 10% 5xx', async () => {
    await faults({ errorRate: 0.1, tokenTtlSec: 5 });
    const inp = await input();
    const plan = planImport(inp, { accept: 'auto', createMissing: true });
    const job = await journal.createJob('import', plan.items, plan.summary);
    const stops = await runWithStops((signal) => runImport(journal, job.id, bms(), defaults, { signal, batch: 25 }), { rounds: 30 });
    expect(stops).toBeGreaterThan(2);
    expect((await journal.job(job.id))!.state).toBe('done');
    const c = check(sb, plan.items.map((i) => i.key));
    expect(c.linked).toBe(plan.items.length);
    expect(c.duplicateNames).toBe(0);
    expect(c.oneToOne).toBe(true);
    expect((await journal.counts(job.id))).toMatchObject({ pending: 0, started: 0, failed: 0, done: plan.items.length });
  }, 120_000);

  it('cancel stops between batches and leaves the journal consistent; failed items are kept with the reason', async () => {
    const inp = await input();
    const plan = planImport(inp, { accept: 'auto', createMissing: true });
    const job = await journal.createJob('import', plan.items, plan.summary);
    await journal.updateJob(job.id, { cancelRequested: true });
    expect((await runImport(journal, job.id, bms(), defaults)).state).toBe('cancelled');
    expect((await journal.counts(job.id)).started).toBe(0);
  });
});
