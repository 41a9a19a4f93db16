/**
 * The command line applies the tenant rules as the extension does (B15–B19; the code is lib/sync's,
 * shared): VSA's built-in orgs are never linked or created, an exclusion rule from the config file
 * keeps lab machines out (counted), a removed agent's asset waits out the config's grace period, and
 * a suspected reinstall is offered in the dry run and relinked with --accept-relink.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { BUILT_IN_ORGS } from '../../sandbox/tenant-cases';
import { clientsFor } from '../sync/helpers';
import { cliFor } from './helpers';

let sb: Sandbox;
const { faults } = clientsFor(() => sb);

beforeAll(async () => {
  sb = await startSandbox({ orgs: 20, agents: 60, seed: 71, faults: { jobDelayMs: 5 }, tenantCases: true, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  sb.reset();
  await faults({ reset: true });
  await faults({ target: 'bms', jobDelayMs: 5 });
});

const withRules = (c: Record<string, unknown>) => ({ ...c, settings: { ...(c.settings as object), exclusions: [{ target: 'machineGroup', pattern: '*.lab' }], lifecycle: { graceDays: 3 } } });
const plan = (r: { json: Record<string, unknown>[] }) => r.json.find((e) => e.event === 'plan') as { summary: Record<string, number>; conflicts: { key: string; reason: string; relink?: { newAgentId: string; oldAgentId: string } }[] };
const assetsOf = (agentId: string) => [...sb.state().bms.assets.values()].filter((a) => a.AgentId === agentId);

describe('command line: tenant rules', () => {
  it('refuses a rule that cannot work, naming it', async () => {
    const r = await cliFor(() => sb, (c) => ({ ...c, settings: { exclusions: [{ target: 'org', pattern: 'Acme\\' }] } })).run(['status']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/tenant rules that cannot work: Exclusion rule 1 \(org\): "Acme\\" is not a usable pattern/);
  });

  it('built-in orgs, exclusions, grace period and a relink, as in the extension', async () => {
    const cli = cliFor(() => sb, withRules);
    expect((await cli.run(['import', '--create', '--yes'])).code).toBe(0);
    const s = sb.state();
    const builtIn = [...s.vsa.orgs.values()].filter((o) => BUILT_IN_ORGS.some((b) => b.ref === o.OrgRef)).map((o) => o.OrgId);
    const maps = s.bms.mappings.get('vsa/account')!;
    expect(builtIn.length).toBe(3);
    expect(builtIn.filter((o) => maps.has(o))).toEqual([]);
    const linked0 = (orgId: string) => maps.has(orgId);

    const first = await cli.run(['assets', '--yes', '--json']);
    expect(first.code).toBe(0);
    // every agent in a machine group named lab (the seed's own and the generator's) is excluded, counted, and gets no asset
    const lab = [...s.vsa.agents.values()].filter((a) => linked0(a.OrgId) && s.vsa.groups.get(a.MachineGroupId)!.MachineGroupName.endsWith('.lab'));
    expect(lab.filter((a) => a.ComputerName.startsWith('LAB-')).length).toBe(2);
    expect(plan(first).summary).toMatchObject({ system: 6, excluded: lab.length });
    expect(lab.filter((a) => a.ComputerName.startsWith('LAB-')).flatMap((a) => assetsOf(a.AgentId))).toEqual([]);

    // a reinstall and a removal
    const linked = new Set(maps.keys());
    const [old, gone] = [...s.vsa.agents.values()].filter((a) => linked.has(a.OrgId) && a.Attributes.SerialNumber && assetsOf(a.AgentId).length === 1);
    const oldAsset = assetsOf(old.AgentId)[0];
    const { newAgentId } = await (await fetch(`${sb.vsaUrl}/__sandbox/vsa/reinstall/${old.AgentId}`, { method: 'POST' })).json() as { newAgentId: string };
    await fetch(`${sb.vsaUrl}/__sandbox/vsa/agents/${gone.AgentId}`, { method: 'DELETE' });
    const dry = await cli.run(['assets']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(new RegExp(`relink\\? ${newAgentId}: .*serial number.*--accept-relink ${newAgentId}`));

    const yes = await cli.run(['assets', '--yes', '--accept-relink', newAgentId, '--json']);
    expect(yes.code).toBe(0);
    expect(yes.json.find((e) => e.event === 'relink')).toMatchObject({ newAgentId, state: 'done', failed: 0 });
    expect(assetsOf(newAgentId).map((a) => [a.Id, a.IsActive])).toEqual([[oldAsset.Id, true]]);
    expect(assetsOf(old.AgentId)).toEqual([]);
    // the removed agent's asset waits out the config's 3 days
    expect(plan(yes).summary).toMatchObject({ deactivate: 0, waiting: 2 });
    expect(assetsOf(gone.AgentId)[0].IsActive).toBe(true);
    // a relink id the dry run does not offer is refused in plain words
    const wrong = await cli.run(['assets', '--yes', '--accept-relink', gone.AgentId]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/offers no relink for it/);
  });
});
