/** The sync list (F4, B1, B8), mappings CSV (B6), and the per-org actions of the popup and panels against the sandbox. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CsvError, readMappingsCsv, writeMappingsCsv } from '@/lib/mapping/csv';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import type { JobManager } from '@/lib/sync/manager';
import { buildOverview, patchOverview } from '@/lib/sync/overview';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { freshStart, managerFor } from './helpers';

describe('buildOverview', () => {
  const accounts = [
    { id: 1, name: 'Acme Corp', active: true },
    { id: 2, name: 'Globex GmbH', active: true },
    { id: 3, name: 'Initech', active: false },
    { id: 4, name: 'Umbrella Ltd', active: true },
  ];
  it('gives every org one state and counts them', () => {
    const ov = buildOverview({
      orgs: [
        { id: 'o1', name: 'Acme Corp', ref: 'acme' }, // linked
        { id: 'o2', name: 'Globex', ref: 'globex' }, // suggested (same words without the legal form)
        { id: 'o3', name: 'Initech', ref: 'initech' }, // linked to an inactive account: conflict
        { id: 'o4', name: 'Umbrella', ref: 'umbrella' }, // never-map with account 4 → never
        { id: 'o5', name: 'Zzyzx Holdings', ref: 'zz' }, // nothing like it: unlinked
      ],
      accounts,
      mappings: new Map([['o1', 1], ['o3', 3]]),
      neverMap: [['o4', '4']],
    }, 42);
    const by = Object.fromEntries(ov.rows.map((r) => [r.orgId, r]));
    expect(by.o1).toMatchObject({ status: 'linked', accountId: 1, accountName: 'Acme Corp' });
    expect(by.o2).toMatchObject({ status: 'suggested', accountId: 2, accountName: 'Globex GmbH' });
    expect(by.o2.confidence).toBeGreaterThan(0.8);
    expect(by.o3).toMatchObject({ status: 'conflict', accountId: 3 });
    expect(by.o3.reason).toContain('deactivated');
    expect(by.o4).toMatchObject({ status: 'never', accountId: null });
    expect(by.o5).toMatchObject({ status: 'unlinked', accountId: null });
    expect(ov.counts).toEqual({ linked: 1, suggested: 1, conflict: 1, unlinked: 1, never: 1 });
    expect(ov.loadedAt).toBe(42);
    expect(ov.accounts.find((a) => a.id === 1)!.orgId).toBe('o1');
    expect(ov.accounts.find((a) => a.id === 2)!.orgId).toBeNull();
  });
  it('marks a link to an account BMS no longer lists as a conflict, and orgs with the same name', () => {
    const ov = buildOverview({
      orgs: [{ id: 'a', name: 'Same Name Inc', ref: 'a' }, { id: 'b', name: 'Same Name', ref: 'b' }, { id: 'c', name: 'Gone', ref: 'c' }],
      accounts, mappings: new Map([['c', 99]]), neverMap: [],
    });
    expect(ov.rows.map((r) => r.status)).toEqual(['conflict', 'conflict', 'conflict']);
    expect(ov.rows[0].reason).toContain('named like');
    expect(ov.rows[2].reason).toContain('no longer lists');
  });
});

describe('patchOverview', () => {
  it('applies links and clears without reading again, and drops suggestions of an account just taken', () => {
    const ov = buildOverview({
      orgs: [{ id: 'a', name: 'Acme Corp', ref: 'a' }, { id: 'b', name: 'Blue Harbor', ref: 'b' }, { id: 'c', name: 'Globex', ref: 'c' }],
      accounts: [{ id: 1, name: 'Acme Corp', active: true }, { id: 2, name: 'Globex', active: true }],
      mappings: new Map([['c', 2]]), neverMap: [],
    });
    const p = patchOverview(ov, { linked: [{ orgId: 'b', orgName: 'Blue Harbor', accountId: 1, accountName: 'Acme Corp' }, { orgId: 'n', orgName: 'New Org', orgRef: 'neworg', accountId: 9, accountName: 'New Org' }], unlinked: ['c'] });
    const by = Object.fromEntries(p.rows.map((r) => [r.orgId, r]));
    expect(by.b).toMatchObject({ status: 'linked', accountId: 1 });
    expect(by.a).toMatchObject({ status: 'unlinked', accountId: null, reason: 'claimed by another org' });
    expect(by.c).toMatchObject({ status: 'unlinked', accountId: null });
    expect(by.n).toMatchObject({ status: 'linked', orgRef: 'neworg', accountId: 9 });
    expect(p.counts).toEqual({ linked: 2, suggested: 0, conflict: 0, unlinked: 2, never: 0 });
    expect(p.accounts.find((a) => a.id === 2)!.orgId).toBeNull();
    expect(p.accounts.find((a) => a.id === 9)!.orgId).toBe('n');
    expect(ov.rows.find((r) => r.orgId === 'c')!.status).toBe('linked'); // the input is not changed
  });
});

describe('mappings CSV (B6)', () => {
  it('writes links formula-safe and reads them back as choices', () => {
    const csv = writeMappingsCsv([
      { orgId: '1', orgName: '=HYPERLINK("x")', accountId: 7, accountName: 'Acme, "the best"', status: 'linked' },
      { orgId: '2', orgName: 'Globex', accountId: 8, accountName: 'Globex GmbH', status: 'suggested' },
    ]);
    expect(csv.split('\r\n')[0]).toBe('org_id,org_name,account_id,account_name,status,rule');
    expect(csv.split('\r\n')[1]).toBe(`1,"'=HYPERLINK(""x"")",7,"Acme, ""the best""",linked,`);
    expect(csv.split('\r\n')[2]).toBe('2,Globex,,,suggested,'); // a suggestion is not a link
    expect(readMappingsCsv(csv)).toEqual({ choices: { 1: 7 }, rules: {}, skipped: 1 });
    expect(readMappingsCsv('\uFEFForg_id,account_id\r\n5,new\r\n6, 12 \r\n')).toEqual({ choices: { 5: 'new', 6: 12 }, rules: {}, skipped: 0 });
    // location rules travel with the links (B6, and the fallback of B9)
    const rule = { kind: 'custom' as const, groups: [{ machineGroupId: '77', locationId: 5, departmentId: null }] };
    const withRule = writeMappingsCsv([{ orgId: '1', orgName: 'Acme', accountId: 7, accountName: 'Acme', status: 'linked' }], new Map([['1', rule]]));
    expect(readMappingsCsv(withRule)).toEqual({ choices: { 1: 7 }, rules: { 1: rule }, skipped: 0 });
    expect(() => readMappingsCsv('org_id,account_id,rule\n1,7,"{""kind"":""sideways""}"')).toThrow(/Line 2: the rule of org 1 is not a location rule/);
  });
  it('refuses a bad file with the line and the cause', () => {
    expect(() => readMappingsCsv('id,name\n1,a')).toThrow(/org_id and account_id/);
    expect(() => readMappingsCsv('org_id,account_id\n1,abc')).toThrow(CsvError);
    expect(() => readMappingsCsv('org_id,account_id\n1,abc')).toThrow(/Line 2: account_id "abc"/);
    expect(() => readMappingsCsv('org_id,account_id\n1,5\n1,6')).toThrow(/Line 3: org 1 was already given on line 2/);
    expect(() => readMappingsCsv('org_id,account_id\n1,5\n2,5')).toThrow(/Line 3: account 5 is already linked on line 2/);
  });
});

describe('per-org actions against the sandbox', () => {
  let sb: Sandbox;
  let journal: Journal;
  let jobs: JobManager;
  beforeAll(async () => {
    sb = await startSandbox({ orgs: 40, agents: 120, seed: 77, faults: { jobDelayMs: 5 }, capabilities: { departments: true, mappingStore: true } });
  });
  afterAll(() => sb.close());
  beforeEach(async () => {
    journal = await freshStart(sb, journal, 5);
    jobs = managerFor(sb, journal);
  });
  const links = () => new Map([...sb.state().bms.mappings.get('vsa/account')?.values() ?? []].map((m) => [m.ExternalId, m.PsaId]));

  it('lists every org once with counts that add up, and refreshes after a job', async () => {
    const ov = await jobs.overview();
    expect(ov.rows.length).toBe(sb.state().vsa.orgs.size);
    expect(Object.values(ov.counts).reduce((a, b) => a + b, 0)).toBe(ov.rows.length);
    expect(ov.counts.linked).toBe(links().size);
    const org = ov.rows.find((r) => r.status === 'suggested')!;
    const plan = await jobs.planImport({ orgIds: [org.orgId], accept: 'auto+review', createMissing: false, choices: { [org.orgId]: org.accountId! } });
    await jobs.start(plan.progress.jobId);
    await jobs.waitIdle();
    const after = await jobs.overview();
    expect(after.rows.find((r) => r.orgId === org.orgId)).toMatchObject({ status: 'linked', accountId: org.accountId });
  });

  it('clears a link (F11) with an audit entry, and refuses to clear one that is not there', async () => {
    const [orgId, accountId] = [...links()][0];
    await jobs.unlink(orgId);
    expect(links().has(orgId)).toBe(false);
    const audit = await journal.auditLog(5);
    expect(audit[0]).toMatchObject({ action: 'unlink', record: `mapping ${orgId}`, before: { orgId, accountId } });
    await expect(jobs.unlink(orgId)).rejects.toThrow(`Org ${orgId} is not linked`);
  });

  it('warns before a risky link (F18)', async () => {
    const ov = await jobs.overview();
    const linked = ov.rows.find((r) => r.status === 'linked')!;
    const other = ov.rows.find((r) => r.status !== 'linked' && r.orgName !== linked.accountName)!;
    const { warnings } = await jobs.warnings(other.orgId, linked.accountId!);
    expect(warnings.map((w) => w.code)).toContain('account-linked');
  });

  it('saves a custom location rule after checking it, and re-places the org\'s assets (F10, F15)', async () => {
    const s = sb.state();
    const [orgId, accountId] = [...links()].find(([o]) => [...s.vsa.groups.values()].filter((g) => String(g.OrgId) === o).length >= 2)!;
    const info = await jobs.ruleInfo(orgId);
    expect(info.accountId).toBe(accountId);
    expect(info.rule).toEqual({ kind: 'main' });
    const [g1, g2] = info.machineGroups;
    await expect(jobs.saveRule(orgId, { kind: 'custom', groups: [{ machineGroupId: g1.id, locationId: 999999, departmentId: null }] })).rejects.toThrow(/location/i);
    const loc = info.locations.find((l) => l.isActive)!;
    const plan = await jobs.saveRule(orgId, { kind: 'custom', groups: [{ machineGroupId: g1.id, locationId: loc.id, departmentId: null }, { machineGroupId: g2.id, locationId: loc.id, departmentId: null }] });
    expect(plan.progress.kind).toBe('assets');
    await jobs.waitIdle();
    expect((await jobs.ruleInfo(orgId)).rule.kind).toBe('custom');
    const agents = [...s.vsa.agents.values()].filter((a) => String(a.OrgId) === orgId && [g1.id, g2.id].includes(String(a.MachineGroupId)));
    const assets = [...s.bms.assets.values()].filter((a) => agents.some((g) => String(g.AgentId) === a.AgentId));
    expect(assets.length).toBe(agents.length);
    for (const a of assets) expect(a.AccountLocationId).toBe(loc.id);
  });

  it('a rule saved while a full asset sync runs is what stays: the org is placed again once that sync ends', async () => {
    const s = sb.state();
    // a linked org with agents whose account has a second location
    let orgId = '';
    let info: Awaited<ReturnType<typeof jobs.ruleInfo>> | null = null;
    for (const [o] of links()) {
      if (![...s.vsa.agents.values()].some((a) => String(a.OrgId) === o)) continue;
      const i = await jobs.ruleInfo(o);
      if (i.locations.some((l) => l.isActive && !l.isMain)) [orgId, info] = [o, i];
      if (info) break;
    }
    expect(info, 'the seed has a linked account with two locations').not.toBeNull();
    const other = info!.locations.find((l) => l.isActive && !l.isMain);
    await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ jobDelayMs: 3000 }) });
    try {
      // the full sync is planned with the old rule (main location) and still running when the rule changes
      const full = (await jobs.planAssetSync({})).progress.jobId;
      await jobs.start(full);
      const plan = await jobs.saveRule(orgId, { kind: 'custom', groups: info!.machineGroups.map((g) => ({ machineGroupId: g.id, locationId: other!.id, departmentId: null })) });
      expect(plan.progress.jobId, 'the save joined the running sync').toBe(full);
      await jobs.waitIdle();
    } finally {
      await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ jobDelayMs: 150 }) });
    }
    const agents = [...s.vsa.agents.values()].filter((a) => String(a.OrgId) === orgId);
    const placed = [...s.bms.assets.values()].filter((a) => a.IsActive && agents.some((g) => String(g.AgentId) === a.AgentId));
    expect(placed.length).toBe(agents.length);
    for (const a of placed) expect(a.AccountLocationId, a.Name ?? '').toBe(other!.id);
  });

  it('syncs one asset in real time and says what changed (F17); an asset without an agent is refused', async () => {
    // the org's assets exist after one full sync
    await jobs.start((await jobs.planAssetSync({})).progress.jobId);
    await jobs.waitIdle();
    const s = sb.state();
    const asset = [...s.bms.assets.values()].find((a) => a.AgentId && a.IsActive)!;
    const agent = s.vsa.agents.get(asset.AgentId!)!;
    await fetch(`${sb.vsaUrl}/__sandbox/vsa/agents/${agent.AgentId}`, { method: 'PATCH', body: JSON.stringify({ IPAddress: '10.9.8.7' }) });
    const res = await jobs.syncAsset(asset.Id);
    expect(res.progress.state).toBe('done');
    expect(res.changes).toContainEqual({ field: 'IpAddress', before: expect.any(String), after: '10.9.8.7' });
    const manual = [...s.bms.assets.values()].find((a) => !a.AgentId);
    if (manual) await expect(jobs.syncAsset(manual.Id)).rejects.toThrow(/has no VSA agent/);
  });

  it('reports a rename on either side of a link as a conflict until the admin keeps the link (B8)', async () => {
    const [orgId, accountId] = [...links()][0];
    await jobs.overview(true); // first sight of the link: today's names are the baseline
    await fetch(`${sb.vsaUrl}/__sandbox/vsa/orgs/${orgId}`, { method: 'PATCH', body: JSON.stringify({ OrgName: 'Renamed Holdings' }) });
    const ov = await jobs.overview(true);
    const row = ov.rows.find((r) => r.orgId === orgId)!;
    expect(row).toMatchObject({ status: 'conflict', accountId });
    expect(row.reason).toContain('was renamed to "Renamed Holdings" in VSA');
    await jobs.ackNames(orgId);
    expect((await jobs.overview()).rows.find((r) => r.orgId === orgId)!.status).toBe('linked');
    expect((await jobs.overview(true)).rows.find((r) => r.orgId === orgId)!.status).toBe('linked');
    await fetch(`${sb.vsaUrl}/__sandbox/bms/accounts/${accountId}`, { method: 'PATCH', body: JSON.stringify({ AccountName: 'Another Name BV' }) });
    expect((await jobs.overview(true)).rows.find((r) => r.orgId === orgId)!.reason).toContain('renamed to "Another Name BV" in BMS');
  });

  it('tells which agents moved between machine groups since the last sync (B8)', async () => {
    await jobs.start((await jobs.planAssetSync({})).progress.jobId);
    await jobs.waitIdle();
    const s = sb.state();
    const linkedOrgs = new Set(links().keys());
    const agent = [...s.vsa.agents.values()].find((a) => linkedOrgs.has(String(a.OrgId)) && [...s.vsa.groups.values()].some((g) => g.OrgId === a.OrgId && g.MachineGroupId !== a.MachineGroupId))!;
    const other = [...s.vsa.groups.values()].find((g) => g.OrgId === agent.OrgId && g.MachineGroupId !== agent.MachineGroupId)!;
    await fetch(`${sb.vsaUrl}/__sandbox/vsa/agents/${agent.AgentId}`, { method: 'PATCH', body: JSON.stringify({ MachineGroupId: other.MachineGroupId }) });
    const plan = await jobs.planAssetSync({});
    expect(plan.progress.summary.moved).toBe(1);
    expect(plan.notice).toContain(`moved in VSA from machine group`);
    expect(plan.progress.summary.push).toBeGreaterThanOrEqual(1);
  });

  it('plans an import from a mappings CSV, and refuses a bad one without writing', async () => {
    const ov = await jobs.overview();
    const free = ov.accounts.filter((a) => a.active && !a.orgId);
    const orgs = ov.rows.filter((r) => r.status !== 'linked' && r.status !== 'conflict').slice(0, 2);
    const csv = `org_id,account_id\r\n${orgs[0].orgId},${free[0].id}\r\n${orgs[1].orgId},${free[1].id}\r\n`;
    const plan = await jobs.planCsvImport(csv);
    expect(plan.progress.summary.link).toBe(2);
    const before = links().size;
    await expect(jobs.planCsvImport('org_id,account_id\r\nx,notanumber')).rejects.toThrow(/nothing changed: Line 2/);
    await jobs.start(plan.progress.jobId);
    await jobs.waitIdle();
    expect(links().size).toBe(before + 2);
    expect(links().get(orgs[0].orgId)).toBe(free[0].id);
  });
});

describe('location rules for the whole team (B9)', () => {
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
  const pair = () => {
    const s = sb.state();
    const m = [...s.bms.mappings.get('vsa/account')!.values()].find((x) => [...s.vsa.groups.values()].filter((g) => String(g.OrgId) === x.ExternalId).length >= 2)!;
    return { orgId: m.ExternalId, accountId: m.PsaId };
  };

  it('a rule saved in one browser is the rule in another (BMS account custom field)', async () => {
    const { orgId, accountId } = pair();
    const a = make(journal);
    const info = await a.ruleInfo(orgId);
    expect(info.store).toBe('team');
    const plan = await a.saveRule(orgId, { kind: 'groupId' });
    expect(plan.notice).toContain('whole team');
    await a.waitIdle();
    expect(sb.state().bms.customFieldData.get(`1/${accountId}/2`)).toBe(JSON.stringify({ v: 1, orgId, rule: { kind: 'groupId' } }));
    // another admin: a browser with an empty journal
    const other = new Journal(`journal-other-${Math.random()}`);
    const b = make(other);
    expect((await b.ruleInfo(orgId)).rule).toEqual({ kind: 'groupId' });
    expect((await other.rules()).get(orgId)).toEqual({ kind: 'groupId' });
    // a full sync in that browser reads the team's rules it has not seen (within the quota budget)
    const third = new Journal(`journal-third-${Math.random()}`);
    await make(third).planAssetSync({});
    expect((await third.rules()).get(orgId)).toEqual({ kind: 'groupId' });
    // clearing the link clears the team's rule
    await a.unlink(orgId);
    expect(sb.state().bms.customFieldData.get(`1/${accountId}/2`)).toBe('');
    await other.close();
    await third.close();
  });

  it('without the field, the rule stays in this browser and the editor says so', async () => {
    await fetch(`${sb.vsaUrl}/__sandbox/bms/customfields/2`, { method: 'DELETE' });
    const { orgId } = pair();
    const a = make(journal);
    const info = await a.ruleInfo(orgId);
    expect(info.store).toBe('local');
    expect(info.storeNote).toContain('VSA Location Rule');
    const plan = await a.saveRule(orgId, { kind: 'groupId' });
    expect(plan.notice).toContain('this browser only');
    await a.waitIdle();
    expect((await journal.rules()).get(orgId)).toEqual({ kind: 'groupId' });
  });

  it('a mappings CSV carries rules: importing it sets them for the team once the org is linked', async () => {
    const { orgId, accountId } = pair();
    const a = make(journal);
    const plan = await a.planCsvImport(`org_id,account_id,rule\r\n${orgId},${accountId},"{""kind"":""groupId""}"\r\n999999,,"{""kind"":""main""}"\r\n`);
    expect(plan.progress.summary.rules).toBe(1);
    expect(plan.conflicts.map((c) => c.key)).toContain('999999');
    await a.start(plan.progress.jobId);
    await a.waitIdle();
    expect((await a.progress(plan.progress.jobId))!.state).toBe('done');
    expect(sb.state().bms.customFieldData.get(`1/${accountId}/2`)).toBe(JSON.stringify({ v: 1, orgId, rule: { kind: 'groupId' } }));
    expect((await a.mappingsCsv()).csv).toContain(`,"{""kind"":""groupId""}"`);
  });

  it('"never map" is remembered for the team, on the VSA org (B12)', async () => {
    const a = make(journal);
    const row = (await a.overview(true)).rows.find((r) => r.status === 'suggested')!;
    await a.neverMap(row.orgId, String(row.accountId), true);
    const org = sb.state().vsa.orgs.get(row.orgId)!;
    expect(org.CustomFields).toContainEqual({ FieldName: 'bms-vsa-sync never map', FieldValue: JSON.stringify([String(row.accountId)]) });
    // another admin's browser: no local pair, same answer
    const other = new Journal(`journal-never-${Math.random()}`);
    const after = (await make(other).overview(true)).rows.find((r) => r.orgId === row.orgId)!;
    expect(after.accountId).not.toBe(row.accountId);
    await a.neverMap(row.orgId, String(row.accountId), false);
    expect(sb.state().vsa.orgs.get(row.orgId)!.CustomFields).toContainEqual({ FieldName: 'bms-vsa-sync never map', FieldValue: '[]' });
    await other.close();
  });

  it('a foreign or broken value in the field is ignored', async () => {
    const { decodeRule } = await import('@/lib/sync/team-rules');
    expect(decodeRule('{"v":1,"orgId":"9","rule":{"kind":"groupId"}}', '9')).toEqual({ kind: 'groupId' });
    expect(decodeRule('{"v":1,"orgId":"8","rule":{"kind":"groupId"}}', '9')).toBeNull(); // another org's
    expect(decodeRule('not json', '9')).toBeNull();
    expect(decodeRule('{"v":1,"orgId":"9","rule":{"kind":"custom","groups":[{"machineGroupId":1,"locationId":2}]}}', '9')).toBeNull();
    expect(decodeRule('', '9')).toBeNull();
  });
});

describe('never map in the cached list', () => {
  it('a rejected suggestion shows as never-map at once', () => {
    const ov = buildOverview({ orgs: [{ id: 'a', name: 'Acme Corp', ref: 'a' }], accounts: [{ id: 1, name: 'Acme Corp', active: true }], mappings: new Map(), neverMap: [] });
    expect(ov.rows[0].status).toBe('suggested');
    const p = patchOverview(ov, { never: ['a'] });
    expect(p.rows[0]).toMatchObject({ status: 'never', accountId: null });
    expect(p.counts).toMatchObject({ suggested: 0, never: 1 });
  });
});
