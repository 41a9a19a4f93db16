/**
 * One owner for what a tenant supports (contract §9): lib/capabilities probes, and the link store,
 * the team's location rules, location adds, mapping-store writes and the command line's jobs all act
 * on its record; a write the record does not allow stops with an error naming the capability.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CapabilityError, type CapabilityRecord } from '@/lib/capabilities';
import type { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { FileJournal } from '@/lib/store/node/journal-file';
import { runAssetSync } from '@/lib/sync/assets';
import { MappingStoreLinks } from '@/lib/sync/link-store';
import { TeamRules } from '@/lib/sync/team-rules';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { cliFor } from '../cli/helpers';
import { clientsFor, freshStart, probeFor } from './helpers';

let sb: Sandbox;
let journal: Journal;
const { bms, faults } = clientsFor(() => sb);

beforeAll(async () => {
  sb = await startSandbox({ orgs: 30, agents: 60, seed: 71, faults: { jobDelayMs: 10 } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 10);
});

const withState = (rec: CapabilityRecord, name: keyof CapabilityRecord['caps'], state: 'present' | 'absent'): CapabilityRecord => ({ ...rec, caps: { ...rec.caps, [name]: { state, reason: `switched ${state} here`, probe: '' } } });
const probeCalls = () => sb.faults.bms.stats.requests['GET /v2/rmm/integrations'] ?? 0;

describe('the team\'s location rules use the probed accounts module and field', () => {
  it('writes and reads the rule where the probe found the field (module 7), not in the assumed module 1', async () => {
    const field = [...sb.state().bms.customFields.values()].find((f) => f.Name === 'VSA Location Rule')!;
    field.ModuleId = 7;
    const rec = await probeFor(sb);
    expect(rec.detail).toMatchObject({ accountsModuleId: 7, ruleFieldId: field.Id });
    const [accountId] = [...sb.state().bms.accounts.keys()];
    const team = new TeamRules(bms(), journal, Date.now, rec);
    expect((await team.write('123', accountId, { kind: 'groupId' })).where).toBe('team');
    expect(sb.state().bms.customFieldData.get(`7/${accountId}/${field.Id}`)).toContain('"groupId"');
    expect(await new TeamRules(bms(), journal, Date.now, rec).read('123', accountId)).toEqual({ kind: 'groupId' });
    // a record that says the field is absent keeps rules in this browser, without asking BMS
    const absent = withState(rec, 'customFieldModule', 'absent');
    expect((await new TeamRules(bms(), journal, Date.now, absent).store()).where).toBe('local');
  });
});

describe('writes go through requireCapability', () => {
  it('a location add on a tenant without BMS\'s legacy API fails its item, naming the capability; nothing is written', async () => {
    const rec = withState(await probeFor(sb), 'legacyLocations', 'absent');
    const [accountId] = [...sb.state().bms.accounts.keys()];
    const locations = sb.state().bms.locations.size;
    const job = await journal.createJob('assets', [{ key: 'loc', label: 'add location', action: { kind: 'create-location', accountId, name: 'Servers' } }], {});
    await runAssetSync(journal, job.id, bms(), {}, undefined, [], rec);
    const [item] = await journal.items(job.id, 'failed');
    expect(item.reason).toMatch(/adding locations to existing BMS accounts \(BMS's legacy API\) is not available on this tenant/);
    expect(sb.state().bms.locations.size).toBe(locations);
  });

  it('a mapping-store write needs the store present in the record: absent or unprobed throws a CapabilityError naming it', async () => {
    await faults({ target: 'bms', capabilities: { mappingStore: true } });
    const rec = await probeFor(sb);
    const pair = { orgId: String([...sb.state().vsa.orgs.keys()][0]), accountId: [...sb.state().bms.accounts.keys()][0] };
    const absent = await new MappingStoreLinks(bms(), withState(rec, 'mappingStore', 'absent')).link([pair]).catch((e) => e);
    expect(absent).toBeInstanceOf(CapabilityError);
    expect(absent).toMatchObject({ capability: 'mappingStore', state: 'absent' });
    expect(absent.message).toMatch(/writing links to BMS's mapping store is not available/);
    const unprobed = await new MappingStoreLinks(bms(), null).unlink([pair.orgId]).catch((e) => e);
    expect(unprobed).toMatchObject({ capability: 'mappingStore', state: 'unprobed' });
    expect(sb.faults.bms.stats.requests['POST /v2/rmm/:integrationType/mappings/:entityType'] ?? 0).toBe(0);
    // present: the write goes ahead
    expect((await new MappingStoreLinks(bms(), rec).link([pair])).done).toEqual([pair.orgId]);
  });
});

describe('the command line\'s jobs carry the capability record', () => {
  it('probes once and keeps the record in the journal; a record a day old is probed again', async () => {
    const cli = cliFor(() => sb);
    sb.faults.bms.resetStats();
    expect((await cli.run(['status'])).code).toBe(0);
    expect(probeCalls()).toBe(1);
    expect((await cli.run(['status'])).code).toBe(0);
    expect(probeCalls()).toBe(1);
    // a day later
    const j = new FileJournal(`${cli.dir}/bms-vsa-sync-journal`);
    const table = j.table<CapabilityRecord, string>('capabilities');
    const [{ key, value }] = [...table.getRange()];
    expect(value.caps.legacyLocations.state).toBe('present');
    await table.put(key, { ...value, probedAt: value.probedAt - 25 * 3_600_000 });
    await j.close();
    expect((await cli.run(['status'])).code).toBe(0);
    expect(probeCalls()).toBe(2);
  });

  it('a job planned from the command line acts on the record: Group Id locations are added only where the legacy API is on', async () => {
    const cli = cliFor(() => sb, (c) => ({ ...(c as object), settings: { requestsPerSecond: 1000, concurrency: 8, defaultRule: 'groupId' } }));
    expect((await cli.run(['import', '--yes'])).code).toBe(0);
    const plan = async () => (await cli.run(['assets', '--json'])).json.find((e) => e.event === 'plan') as { summary: Record<string, number> };
    const on = await plan();
    expect(on.summary.createLocation).toBeGreaterThan(0);
    await faults({ target: 'bms', capabilities: { legacyLocations: false } });
    // the journal's record is a minute old: the CLI acts on it until "probe" or a day passes
    expect((await plan()).summary.createLocation).toBeGreaterThan(0);
    const j = new FileJournal(`${cli.dir}/bms-vsa-sync-journal`);
    const table = j.table<CapabilityRecord, string>('capabilities');
    for (const { key, value } of [...table.getRange()]) await table.put(key, { ...value, probedAt: 0 });
    await j.close();
    expect((await plan()).summary.createLocation).toBe(0);
  });
});
