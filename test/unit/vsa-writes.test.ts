/**
 * VSA writes as real VSA answers them (../shared/api-contract.md §3): a create answers the new id
 * alone and the org is readable only after a lag; PUT replaces the whole org and answers 204 or
 * status only (safety review MEDIUM-4); ids beyond 2^53 as bare JSON numbers stay exact end to end.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collect } from '@/lib/http/paging';
import { matchAll } from '@/lib/mapping/match';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { planImport, runImport } from '@/lib/sync/import';
import { loadAssetSyncInput } from '@/lib/sync/load';
import { VsaClient } from '@/lib/vsa/client';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { clientsFor, freshStart } from './sync/helpers';

let sb: Sandbox;
let journal: Journal;
const { bms, faults } = clientsFor(() => sb);
const puts: unknown[] = [];
const vsa = () => new VsaClient({
  fetch: (i, init) => {
    if (init?.method === 'PUT') puts.push(JSON.parse(String(init.body)));
    return fetch(i, init);
  },
  credentials: { baseUrl: sb.vsaUrl, user: 'admin', secret: 'sandbox-token', method: 'token' }, minBackoffMs: 10, rps: 1000, lagDelaysMs: [100, 200, 400, 800],
});

beforeAll(async () => {
  sb = await startSandbox({ orgs: 60, agents: 100, seed: 5, faults: { jobDelayMs: 20 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 20);
  puts.length = 0;
});

describe('VSA writes (§3)', () => {
  it('a create answers the bare id; the org is read back once the lag is over', async () => {
    await faults({ target: 'vsa', vsaCreateLagMs: 250 });
    const { org, adopted } = await vsa().createOrg({ OrgName: 'Lagging Org', OrgRef: 'lagging-org' });
    expect(adopted).toBe(false);
    expect(org.OrgId).toMatch(/^\d{26}$/);
    expect(org.OrgName).toBe('Lagging Org');
    expect([...sb.state().vsa.orgs.values()].filter((o) => o.OrgRef === 'lagging-org')).toHaveLength(1);
  });

  it('a create whose answer was lost is found by its OrgRef after the lag, not made twice', async () => {
    await faults({ target: 'vsa', vsaCreateLagMs: 250, dropResponseRate: 1, routes: '^/api/v1\\.0/system/orgs$' });
    const p = vsa().createOrg({ OrgName: 'Lost Answer Org', OrgRef: 'lost-answer-org' });
    // the read-back and the lookup go through once the POST is lost
    setTimeout(() => void faults({ target: 'vsa', dropResponseRate: 0 }), 150);
    const { org, adopted } = await p;
    expect(adopted).toBe(true);
    expect(org.OrgRef).toBe('lost-answer-org');
    expect([...sb.state().vsa.orgs.values()].filter((o) => o.OrgRef === 'lost-answer-org')).toHaveLength(1);
  });

  it('"never map" sends the whole org back (MEDIUM-4): every field it had survives the replacing PUT, and the value is read back', async () => {
    const s = sb.state();
    const org = [...s.vsa.orgs.values()].find((o) => o.Website && o.NoOfEmployees)!;
    const parent = [...s.vsa.orgs.values()].find((o) => o.OrgId !== org.OrgId)!;
    org.ParentOrgId = parent.OrgId;
    org.CustomFields = [{ FieldName: 'Contract', FieldValue: 'Gold' }];
    const before = structuredClone(org);
    const after = await vsa().setOrgCustomField(org.OrgId, 'bms-vsa-sync never map', () => '["42"]');
    expect(after.CustomFields).toContainEqual({ FieldName: 'bms-vsa-sync never map', FieldValue: '["42"]' });
    const now = s.vsa.orgs.get(org.OrgId)!;
    expect({ ...now, CustomFields: undefined }).toEqual({ ...before, CustomFields: undefined });
    expect(now.CustomFields).toEqual([{ FieldName: 'Contract', FieldValue: 'Gold' }, { FieldName: 'bms-vsa-sync never map', FieldValue: '["42"]' }]);
    const body = puts[0] as Record<string, unknown>;
    expect(body.ParentOrgId).toBe(parent.OrgId);
    expect(typeof body.ParentOrgId).toBe('string');
    for (const k of ['OrgName', 'OrgRef', 'OrgType', 'Website', 'DefaultMachineGroupName', 'DefaultDepartmentName', 'NoOfEmployees', 'ContactInfo']) expect(body, k).toHaveProperty(k);
  });

  it('with ids served as bare JSON numbers beyond 2^53, an import links exactly the ids VSA holds', async () => {
    await faults({ target: 'vsa', vsaIdsAsNumbers: true });
    const v = vsa();
    const orgs = (await collect(v.orgs())).map((o) => ({ id: o.OrgId, name: o.OrgName }));
    const held = new Set(sb.state().vsa.orgs.keys());
    expect(orgs.every((o) => held.has(o.id))).toBe(true);
    const agents = await collect(v.agents());
    expect(agents.every((a) => sb.state().vsa.agents.has(a.AgentId) && held.has(a.OrgId))).toBe(true);
    const accounts = (await collect(bms().accounts())).map((a) => ({ id: a.Id, name: a.AccountName ?? '', active: a.IsActive }));
    const mappings = new Map((await collect(bms().mappings())).map((m) => [m.ExternalId ?? '', m.PsaId]));
    const free = accounts.filter((a) => a.active && ![...mappings.values()].includes(a.id));
    const suggestions = matchAll(orgs.filter((o) => !mappings.has(o.id)), free.map((a) => ({ id: String(a.id), name: a.name })));
    const plan = planImport({ orgs, accounts, mappings, suggestions }, { accept: 'auto', createMissing: true });
    expect(plan.items.length).toBeGreaterThan(5);
    const job = await journal.createJob('import', plan.items, plan.summary);
    expect((await runImport(journal, job.id, bms(), { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 })).state).toBe('done');
    const linked = [...sb.state().bms.mappings.get('vsa/account')!.keys()];
    for (const id of plan.items.map((i) => i.key)) expect(linked).toContain(id);
    expect(linked.every((id) => held.has(id))).toBe(true);
  });

  it('serial and MAC come from the audit, all agents in one paged read (not in Get Agent, not a call per agent)', async () => {
    await fetch(`${sb.vsaUrl}/__sandbox/stats/reset`, { method: 'POST' });
    const input = await loadAssetSyncInput(vsa(), bms(), journal, { autoCreate: false });
    const stats = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { vsa: { requests: Record<string, number> } };
    expect(stats.vsa.requests['GET /api/v1.0/assetmgmt/audit']).toBe(Math.ceil(sb.state().vsa.agents.size / 100));
    expect(Object.keys(stats.vsa.requests).some((k) => /audit\/:|audit\/\d/.test(k))).toBe(false);
    const model = sb.state().vsa.agents;
    const withSerial = input.agents.filter((a) => a.serialNumber);
    expect(withSerial.length).toBeGreaterThan(model.size / 2);
    for (const a of input.agents) {
      const m = model.get(a.agentId)!;
      expect(a.serialNumber).toBe(m.Attributes.SerialNumber || null);
      expect(a.macAddress).toBe(m.Attributes.MacAddress || null);
    }
    // Get Agent itself carries neither
    const raw = await (await fetch(`${sb.vsaUrl}/api/v1.0/assetmgmt/agents?$top=1`, { headers: { Authorization: `Bearer ${await vsa().session.header()}`.replace('Bearer Bearer', 'Bearer') } })).json() as { Result: Record<string, unknown>[] };
    expect(raw.Result[0]).not.toHaveProperty('Attributes');
  });
});
