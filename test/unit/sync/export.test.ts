import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collect } from '@/lib/http/paging';
import { baseOrgRef, uniqueOrgRef } from '@/lib/mapping/orgref';
import { planExport, runExport, type ExportInput } from '@/lib/sync/export';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, freshStart, runWithStops } from './helpers';

let sb: Sandbox;
let journal: Journal;
const { bms, vsa, faults } = clientsFor(() => sb);
async function input(): Promise<ExportInput> {
  return {
    orgs: (await collect(vsa().orgs())).map((o) => ({ id: o.OrgId, name: o.OrgName, ref: o.OrgRef })),
    accounts: (await collect(bms().accounts())).map((a) => ({ id: a.Id, name: a.AccountName ?? '', active: a.IsActive })),
    mappings: new Map((await collect(bms().mappings())).map((m) => [m.ExternalId ?? '', m.PsaId])),
  };
}

beforeAll(async () => {
  sb = await startSandbox({ orgs: 200, agents: 200, seed: 31, faults: { jobDelayMs: 20 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 20);
});

describe('org refs', () => {
  it('are safe, short, deterministic and unique', () => {
    expect(baseOrgRef('Smith & Jones Dental, LLC', 1)).toBe('smith-and-jones-dental-llc');
    expect(baseOrgRef('Müller GmbH', 1)).toBe('mueller-gmbh');
    expect(baseOrgRef('<script>alert(1)</script>', 7)).toBe('script-alert-1-script');
    expect(baseOrgRef('!!!', 7)).toBe('account-7');
    expect(baseOrgRef('W'.repeat(300), 1)).toHaveLength(40);
    const taken = new Set(['acme']);
    expect([uniqueOrgRef('Acme', 1, taken), uniqueOrgRef('ACME', 2, taken)]).toEqual(['acme-2', 'acme-3']);
    for (const r of taken) expect(r).toMatch(/^[a-z0-9][a-z0-9_-]{0,99}$/);
  });
});

describe('export accounts to VSA', () => {
  it('creates an org per account and links it, exactly once, even with a worker killed again and again', async () => {
    await faults({ errorRate: 0.1, tokenTtlSec: 5 });
    const inp = await input();
    const unlinked = inp.accounts.filter((a) => a.active && ![...inp.mappings.values()].includes(a.id)).slice(0, 60);
    const plan = planExport(inp, { accountIds: unlinked.map((a) => a.id) });
    expect(plan.summary.createOrg + plan.summary.link).toBe(unlinked.length);
    const job = await journal.createJob('export', plan.items, plan.summary);
    const stops = await runWithStops((signal) => runExport(journal, job.id, vsa(), bms(), { signal, batch: 10 }), { firstMs: 30, stepMs: 15 });
    expect(stops).toBeGreaterThan(1);
    expect((await journal.counts(job.id))).toMatchObject({ done: unlinked.length, failed: 0, started: 0, pending: 0 });
    const s = sb.state();
    const maps = [...s.bms.mappings.get('vsa/account')!.values()];
    for (const a of unlinked) expect(maps.filter((m) => m.PsaId === a.id)).toHaveLength(1);
    const refs = [...s.vsa.orgs.values()].map((o) => o.OrgRef);
    expect(new Set(refs).size).toBe(refs.length);
    const names = [...s.vsa.orgs.values()].map((o) => o.OrgName);
    expect(names.length - new Set(names).size).toBe(0);
  }, 120_000);
});
