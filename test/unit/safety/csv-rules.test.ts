// INFO (functional): location rules imported from a mappings CSV went to the team store without
// validateMapping; a bad one only showed up as "unplaced" at the next sync. Now each row is checked
// against both systems when the plan is made: a bad row is left out whole (no link, no rule), named
// by its line and the cause, and the good rows go on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { checkCsvRows } from '@/lib/sync/csv-check';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { freshStart, managerFor } from '../sync/helpers';

describe('checkCsvRows', () => {
  const orgs = new Map([['1', { id: '1', name: 'Acme' }], ['2', { id: '2', name: 'Globex' }], ['3', { id: '3', name: 'Initech' }]]);
  const accounts = new Map([[10, { id: 10, name: 'Acme Corp', active: true }], [20, { id: 20, name: 'Globex GmbH', active: false }]]);
  const detail = async () => ({
    machineGroups: [{ id: 'g1', name: 'acme.root', parentId: null }],
    locations: [{ id: 100, name: 'Main', isMain: true, isActive: true }],
    departments: [],
  });
  it('keeps good rows and refuses each bad one whole, with its line and cause', async () => {
    const r = await checkCsvRows({
      choices: { 1: 10, 2: 20, 3: 'new' },
      rules: { 1: { kind: 'custom', groups: [{ machineGroupId: 'g1', locationId: 100, departmentId: null }] }, 3: { kind: 'custom', groups: [{ machineGroupId: 'g1', locationId: 100, departmentId: null }] } },
      lines: { 1: 2, 2: 3, 3: 4 },
    }, { orgs, accounts, mappings: new Map(), detail });
    expect(r.choices).toEqual({ 1: 10 });
    expect(Object.keys(r.rules)).toEqual(['1']);
    expect(r.refused.map((x) => x.orgId)).toEqual(['2', '3']);
    expect(r.refused[0].reason).toMatch(/^Line 3 \(org "Globex"\).*Account "Globex GmbH" is inactive/);
    expect(r.refused[1].reason).toMatch(/^Line 4 \(org "Initech"\).*new account that has only its Main location/);
  });
  it('a custom rule naming another account\'s location or an unknown group is refused', async () => {
    const r = await checkCsvRows({
      choices: {},
      rules: { 1: { kind: 'custom', groups: [{ machineGroupId: 'nope', locationId: 999, departmentId: null }] } },
      lines: { 1: 7 },
    }, { orgs, accounts, mappings: new Map([['1', 10]]), detail });
    expect(r.rules).toEqual({});
    expect(r.refused[0].reason).toMatch(/^Line 7 .*Machine group nope is not a group of org "Acme".*Location 999 is not an active location of "Acme Corp"/);
  });
  it('a rule without an account and without a link is refused instead of failing at run time', async () => {
    const r = await checkCsvRows({ choices: {}, rules: { 2: { kind: 'groupId' } }, lines: { 2: 5 } }, { orgs, accounts, mappings: new Map(), detail });
    expect(r.refused[0].reason).toMatch(/^Line 5 .*no account to apply to/);
  });
});

describe('a mappings CSV with bad rule rows, against the sandbox', () => {
  let sb: Sandbox;
  let journal: Journal;
  const make = (j: Journal) => managerFor(sb, j);
  beforeAll(async () => {
    sb = await startSandbox({ orgs: 30, agents: 90, seed: 78, faults: { jobDelayMs: 5 }, capabilities: { departments: true, mappingStore: true } });
  });
  afterAll(() => sb.close());
  beforeEach(async () => {
    journal = await freshStart(sb, journal, 5);
  });

  it('stores the good rows\' rules, and nothing of a refused row', async () => {
    const s = sb.state();
    const maps = [...s.bms.mappings.get('vsa/account')!.values()];
    const groupsOf = (orgId: string) => [...s.vsa.groups.values()].filter((g) => String(g.OrgId) === orgId);
    const withGroups = maps.filter((m) => groupsOf(m.ExternalId).length >= 1);
    const [good, bad] = withGroups;
    const locOf = (accountId: number) => [...s.bms.locations.values()].find((l) => l.AccountId === accountId && l.IsActive)!;
    const rule = (orgId: string, locationId: number) => JSON.stringify({ kind: 'custom', groups: [{ machineGroupId: String(groupsOf(orgId)[0].MachineGroupId), locationId, departmentId: null }] }).replace(/"/g, '""');
    // an unlinked org given a free account and a rule that names a machine group of another org
    const linkedOrgs = new Set(maps.map((m) => m.ExternalId));
    const linkedAccounts = new Set(maps.map((m) => m.PsaId));
    const unlinked = [...s.vsa.orgs.keys()].map(String).find((o) => !linkedOrgs.has(o))!;
    const freeAccount = [...s.bms.accounts.values()].find((a) => a.IsActive && !linkedAccounts.has(a.Id))!;
    const csv = [
      'org_id,account_id,rule',
      `${good.ExternalId},${good.PsaId},"${rule(good.ExternalId, locOf(good.PsaId).Id)}"`,
      // a location of the other account: not one of this account's
      `${bad.ExternalId},${bad.PsaId},"${rule(bad.ExternalId, locOf(good.PsaId).Id)}"`,
      `${unlinked},${freeAccount.Id},"${rule(good.ExternalId, locOf(freeAccount.Id).Id)}"`,
    ].join('\r\n') + '\r\n';
    const before = new Map(s.bms.customFieldData);
    const a = make(journal);
    const plan = await a.planCsvImport(csv);
    const reasons = Object.fromEntries(plan.conflicts.map((c) => [c.key, c.reason]));
    expect(reasons[bad.ExternalId]).toMatch(new RegExp(`^Line 3 .*Location ${locOf(good.PsaId).Id} is not an active location`));
    expect(reasons[unlinked]).toMatch(/^Line 4 .*Machine group .* is not a group of org/);
    expect(reasons[good.ExternalId]).toBeUndefined();
    expect(plan.progress.summary.rules).toBe(1);
    expect(plan.progress.summary.link ?? 0).toBe(0);
    // the plan wrote nothing
    expect(s.bms.customFieldData).toEqual(before);
    await a.start(plan.progress.jobId);
    await a.waitIdle();
    expect((await a.progress(plan.progress.jobId))!.state).toBe('done');
    const rules = await journal.rules();
    expect((rules.get(good.ExternalId) as { kind?: string } | undefined)?.kind).toBe('custom');
    expect(rules.has(bad.ExternalId)).toBe(false);
    expect(rules.has(unlinked)).toBe(false);
    // the refused row's link was not made either
    expect(sb.state().bms.mappings.get('vsa/account')!.has(unlinked)).toBe(false);
    expect(sb.state().bms.customFieldData.get(`1/${bad.PsaId}/2`) ?? '').toBe(before.get(`1/${bad.PsaId}/2`) ?? '');
  });
});
