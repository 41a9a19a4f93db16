/** The VSA and BMS clients against the sandbox: every endpoint, paging edges, faults, lost writes. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BmsClient } from '@/lib/bms/client';
import { AuthError, InvalidPayloadError, NetworkError } from '@/lib/http/errors';
import { collect } from '@/lib/http/paging';
import { VsaClient } from '@/lib/vsa/client';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sb: Sandbox;
const faults = async (f: Record<string, unknown>) => {
  const r = await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(f) });
  if (!r.ok) throw new Error(await r.text());
};
const fast = { minBackoffMs: 10, retries: 8, rps: 1000, concurrency: 4 };
const vsa = (over: Partial<{ secret: string; timeoutMs: number; retries: number }> = {}) =>
  new VsaClient({ fetch: (i, init) => fetch(i, init), credentials: { baseUrl: sb.vsaUrl, user: 'admin', secret: over.secret ?? 'sandbox-token', method: 'token' }, ...fast, ...over });
const bms = (over: Partial<{ password: string; timeoutMs: number; retries: number }> = {}) =>
  new BmsClient({ fetch: (i, init) => fetch(i, init), credentials: { baseUrl: sb.bmsApiUrl, tenant: 'sandbox', user: 'admin', password: over.password ?? 'sandbox' }, jobPollMs: 20, ...fast, ...over });

beforeAll(async () => {
  sb = await startSandbox({ orgs: 150, agents: 1200, seed: 9, faults: { jobDelayMs: 30, quotaPerHour: 0 }, capabilities: { departments: true, mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await faults({ reset: true });
  await faults({ target: 'bms', quotaPerHour: 0, jobDelayMs: 30 });
});

describe('VSA client', () => {
  it('streams orgs, machine groups and agents, each exactly once, with ids as strings', async () => {
    const c = vsa();
    const orgs = await collect(c.orgs());
    expect(orgs).toHaveLength(150);
    expect(new Set(orgs.map((o) => o.OrgId)).size).toBe(150);
    expect(typeof orgs[0].OrgId).toBe('string');
    const groups = await collect(c.machineGroups(orgs[0].OrgId));
    expect(groups.every((g) => g.OrgId === orgs[0].OrgId)).toBe(true);
    const agents = await collect(c.agents());
    expect(new Set(agents.map((a) => a.AgentId)).size).toBe(1200);
    const ofOrg = await collect(c.agents({ orgId: orgs[0].OrgId }));
    expect(ofOrg.every((a) => a.OrgId === orgs[0].OrgId)).toBe(true);
    expect((await c.agent(agents[5].AgentId)).ComputerName).toBe(agents[5].ComputerName);
    expect((await c.org(orgs[3].OrgId)).OrgName).toBe(orgs[3].OrgName);
  });

  it('filters org names on the server, and handles an empty result and a server that caps the page size', async () => {
    const c = vsa();
    const all = await collect(c.orgs());
    const word = all[7].OrgName.split(' ')[0];
    const hits = await collect(c.orgs({ nameContains: word }));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((o) => o.OrgName.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    expect(await collect(c.orgs({ nameContains: 'no org is called this' }))).toEqual([]);
    await faults({ maxPageSize: 7 });
    const capped = await collect(c.orgs());
    expect(capped.map((o) => o.OrgId)).toEqual(all.map((o) => o.OrgId));
  });

  it('a wrong token is an AuthError that names the connection to fix', async () => {
    await expect(collect(vsa({ secret: 'wrong' }).orgs())).rejects.toThrow(AuthError);
  });

  it('creates an org once even when the answer is lost, and adopts the one that was made', async () => {
    const c = vsa();
    await faults({ target: 'vsa', dropResponseRate: 1, routes: '/system/orgs$' });
    const before = sb.state().vsa.orgs.size;
    const p = c.createOrg({ OrgName: 'Lost Answer Ltd', OrgRef: 'lostanswer' });
    // the create is carried out but its answer lost; lookups go through once the fault is lifted
    await new Promise((r) => setTimeout(r, 100));
    await faults({ reset: true });
    const { org, adopted } = await p;
    expect(adopted).toBe(true);
    expect(org.OrgRef).toBe('lostanswer');
    expect(sb.state().vsa.orgs.size).toBe(before + 1);
  });
});

describe('BMS client', () => {
  it('reads accounts (paged), lookups, locations, departments, assets and mappings', async () => {
    const c = bms();
    const accounts = await collect(c.accounts());
    expect(accounts).toHaveLength(sb.state().bms.accounts.size);
    expect(new Set(accounts.map((a) => a.Id)).size).toBe(accounts.length);
    const active = await collect(c.lookupAccounts());
    expect(active.every((a) => a.IsActive)).toBe(true);
    const id = accounts[0].Id;
    expect((await c.account(id)).Id).toBe(id);
    const locs = await c.locations(id);
    expect(locs.filter((l) => l.IsMain)).toHaveLength(1);
    expect((await c.location(id, locs[0].Id)).Id).toBe(locs[0].Id);
    await c.departments(id);
    await c.hrDepartments();
    const assets = await collect(c.assets());
    expect(assets).toHaveLength(sb.state().bms.assets.size);
    const one = await c.asset(assets[0].Id);
    expect(one.Id).toBe(assets[0].Id);
    const maps = await collect(c.mappings());
    expect(maps).toHaveLength(sb.state().bms.mappings.get('vsa/account')!.size);
    expect(await collect(c.assets({ name: 'no asset is called this' }))).toEqual([]);
  });

  it('creates accounts, locations and departments once, even when the answer is lost', async () => {
    const c = bms();
    const input = { AccountName: 'Exactly Once GmbH', AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1, Locations: [{ LocationName: 'Main', IsMain: true, IsActive: true, Addresses: [] }] };
    await faults({ target: 'bms', dropResponseRate: 1, routes: '^/v2/crm/accounts$' });
    const p = c.createAccount(input);
    await new Promise((r) => setTimeout(r, 100));
    await faults({ target: 'bms', dropResponseRate: 0, routes: null });
    const { account, adopted } = await p;
    expect(adopted).toBe(true);
    expect([...sb.state().bms.accounts.values()].filter((a) => a.AccountName === 'Exactly Once GmbH')).toHaveLength(1);
    // through legacy v1 crm/locations (v2 has no such call); a second create with the name adopts the first
    const again = await c.createLocation(account.Id, 'servers');
    const twice = await c.createLocation(account.Id, 'servers');
    expect(again.adopted).toBe(false);
    expect(twice).toEqual({ id: again.id, adopted: true });
    expect([...sb.state().bms.locations.values()].filter((l) => l.AccountId === account.Id && l.LocationName === 'servers')).toHaveLength(1);
    const renamed = await c.updateLocation(account.Id, again.id, { IsMain: true });
    expect(renamed.IsMain).toBe(true);
    const dep = await c.createDepartment(account.Id, 'Lab');
    expect(dep.Name).toBe('Lab');
    await expect(c.createAccount(input)).rejects.toThrow(/already exists/);
  });

  it('links in bulk and pushes assets in bulk, upserting by agent id', async () => {
    const c = bms();
    const s = sb.state();
    const mapped = s.bms.mappings.get('vsa/account')!;
    const org = [...s.vsa.orgs.values()].find((o) => !mapped.has(String(o.OrgId)))!;
    const taken = new Set([...mapped.values()].map((m) => m.PsaId));
    const acc = [...s.bms.accounts.values()].find((a) => a.IsActive && !taken.has(a.Id))!;
    const job = await c.importMappings([{ ExternalId: String(org.OrgId), PsaId: acc.Id }]);
    expect(job.Details?.[0]?.StatusCode).toBe('200');
    expect(await collect(c.mappings({ externalIds: [String(org.OrgId)] }))).toEqual([expect.objectContaining({ PsaId: acc.Id })]);
    const agents = [...s.vsa.agents.values()].filter((a) => a.OrgId === org.OrgId).slice(0, 3);
    const items = agents.map((a) => ({ TransactionId: String(a.AgentId), AgentId: String(a.AgentId), AssetId: String(a.AgentId), Organization: { Id: String(org.OrgId), Name: org.OrgName }, Name: a.ComputerName, MachineGroupId: String(a.MachineGroupId) }));
    const push = await c.pushAssets(items);
    expect(push.Details?.every((d) => d.StatusCode === '200')).toBe(true);
    const again = await c.pushAssets(items);
    expect(again.Details?.every((d) => d.StatusMessage === 'Unchanged.')).toBe(true);
    const deact = await c.deactivateAssets(items.map((i) => i.AgentId));
    expect(deact.Details?.[0]?.StatusCode).toBe('200');
    await c.deleteMappings([String(org.OrgId)]);
    expect(await collect(c.mappings({ externalIds: [String(org.OrgId)] }))).toEqual([]);
  });

  it('refreshes an expired token in the middle of paging, and logs in again when the refresh token is gone', async () => {
    await faults({ target: 'bms', tokenTtlSec: 1, latencyMs: 250 });
    const c = bms();
    // about two seconds of paging with one-second tokens
    for (let i = 0; i < 4; i++) expect(await collect(c.accounts())).toHaveLength(sb.state().bms.accounts.size);
    expect(c.auth.refreshes + c.auth.logins).toBeGreaterThan(1);
    await expect(collect(bms({ password: 'wrong' }).accounts())).rejects.toThrow(/refused the login/);
  });

  it('tracks its own calls per endpoint and exposes the remaining budget', async () => {
    const c = bms();
    await collect(c.lookupAccounts());
    const b = c.budget()['GET /crm/accounts/lookup'];
    expect(b.used).toBeGreaterThan(0);
    expect(b.remaining).toBe(1500 - b.used);
  });
});

describe('faults end in success with no duplicate, or in a typed error', () => {
  async function fullRead() {
    const v = vsa();
    const orgs = await collect(v.orgs());
    const groups = await collect(v.allMachineGroups());
    const agents = await collect(v.agents());
    const b = bms();
    const accounts = await collect(b.accounts());
    const ids = (xs: { [k: string]: unknown }[], k: string) => xs.map((x) => String(x[k])).sort();
    return { orgs: ids(orgs, 'OrgId'), groups: ids(groups, 'MachineGroupId'), agents: ids(agents, 'AgentId'), accounts: ids(accounts, 'Id') };
  }

  it('10% 5xx, 429 bursts and 5-second tokens: a full read equals a clean one', async () => {
    const clean = await fullRead();
    await faults({ errorRate: 0.1, burst429Rate: 0.02, burst429Ms: 300, tokenTtlSec: 5, latencyMs: 5 });
    const faulty = await fullRead();
    expect(faulty).toEqual(clean);
    const stats = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { vsa: { faults: Record<string, number> }; bms: { faults: Record<string, number> } };
    expect(Object.keys({ ...stats.vsa.faults, ...stats.bms.faults }).some((k) => k.startsWith('http5'))).toBe(true);
  }, 120_000);

  it('latency past the timeout: retried reads, or a NetworkError naming the endpoint', async () => {
    await faults({ target: 'vsa', latencyMs: 400 });
    const err = await collect(vsa({ timeoutMs: 100 }).orgs()).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(/no answer within/);
    expect(err.ctx.endpoint).toBe('GET /system/orgs');
    await faults({ target: 'vsa', latencyMs: 0, jitterMs: 300 });
    expect(await collect(vsa({ timeoutMs: 200 }).orgs())).toHaveLength(sb.state().vsa.orgs.size);
  }, 60_000);
});

describe('malformed payloads: an InvalidPayloadError naming the endpoint and field, never an unhandled exception', () => {
  const kinds = ['wrongType', 'nullField', 'missingField', 'truncated', 'html'] as const;
  type Call = [string, () => Promise<unknown>];
  const calls = (): Call[] => {
    // few retries: a garbled answer to a read is retried, and this test wants the error quickly
    const v = vsa({ retries: 1 });
    const b = bms({ retries: 1 });
    const s = sb.state();
    const withDeps = new Set([...s.bms.departments.values()].map((d) => d.AccountId));
    const acc = [...s.bms.accounts.values()].find((a) => withDeps.has(a.Id))!;
    const asset = [...s.bms.assets.values()][0];
    const org = [...s.vsa.orgs.values()][0];
    const agent = [...s.vsa.agents.values()][0];
    return [
      ['GET /system/orgs', () => collect(v.orgs())],
      ['GET /system/orgs/{orgId}', () => v.org(String(org.OrgId))],
      ['GET /system/orgs/{orgId}/machinegroups', () => collect(v.machineGroups(String(org.OrgId)))],
      ['GET /assetmgmt/agents', () => collect(v.agents())],
      ['GET /assetmgmt/agents/{agentId}', () => v.agent(String(agent.AgentId))],
      ['GET /crm/accounts/summary', () => collect(b.accounts())],
      ['GET /crm/accounts/summary/{id}', () => b.account(acc.Id)],
      ['GET /crm/accounts/lookup', () => collect(b.lookupAccounts())],
      ['GET /crm/accounts/{accountId}/locations/lookup', () => b.locations(acc.Id)],
      ['GET /crm/accounts/{accountId}/departments', () => b.departments(acc.Id)],
      ['GET /servicedesk/hardwareasset/searchselect', () => collect(b.assets())],
      ['GET /servicedesk/hardwareasset/{assetId}', () => b.asset(asset.Id)],
      ['GET /rmm/{integrationType}/mappings/{entityType}', () => collect(b.mappings())],
    ];
  };

  it.each(kinds)('%s', async (kind) => {
    for (const [endpoint, call] of calls()) {
      await faults({ reset: true });
      await faults({ target: 'bms', quotaPerHour: 0 });
      // logins stay clean so the fault hits the endpoint under test
      await faults({ malformedRate: 1, malformedKinds: [kind], routes: '^/(api/v1\\.0/(system|assetmgmt)|v2/(crm|servicedesk|rmm))' });
      const err = await call().then(() => null, (e) => e);
      expect(err, `${endpoint} ${kind}`).toBeInstanceOf(InvalidPayloadError);
      expect(err.ctx.endpoint).toBe(endpoint);
      expect(err.message).toContain(endpoint);
      if (kind === 'wrongType' || kind === 'nullField' || kind === 'missingField') expect(err.fieldPath, `${endpoint} ${kind}`).toBeTruthy();
    }
  }, 60_000);

  it('a garbled answer to a create does not leave a half-known record: it is looked up and adopted', async () => {
    await faults({ target: 'bms', malformedRate: 1, malformedKinds: ['truncated'], routes: '^/v2/crm/accounts$' });
    const p = bms().createAccount({ AccountName: 'Garbled Answer LLC', AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1, Locations: [{ LocationName: 'Main', IsMain: true, Addresses: [] }] });
    const { account, adopted } = await p;
    expect(adopted).toBe(true);
    expect(account.AccountName).toBe('Garbled Answer LLC');
    expect([...sb.state().bms.accounts.values()].filter((a) => a.AccountName === 'Garbled Answer LLC')).toHaveLength(1);
  });
});

describe('writes: garbled answers end in an adopted record or a typed error, never a duplicate', () => {
  const kinds = ['wrongType', 'missingField', 'truncated', 'html'] as const;
  it.each(kinds)('%s', async (kind) => {
    const s = sb.state();
    const b = bms({ retries: 1 });
    const v = vsa({ retries: 1 });
    const acc = [...s.bms.accounts.values()].find((a) => a.IsActive)!;
    const mapped = s.bms.mappings.get('vsa/account')!;
    const taken = new Set([...mapped.values()].map((m) => m.PsaId));
    const freeAcc = [...s.bms.accounts.values()].find((a) => a.IsActive && !taken.has(a.Id))!;
    const org = [...s.vsa.orgs.values()].find((o) => !mapped.has(String(o.OrgId)))!;
    const agent = [...s.vsa.agents.values()].find((a) => a.OrgId === org.OrgId)!;
    const set = async (routes: string) => {
      await faults({ reset: true });
      await faults({ target: 'bms', quotaPerHour: 0, jobDelayMs: 10 });
      await faults({ malformedRate: 1, malformedKinds: [kind], routes });
    };
    const typedOrOk = async (endpoint: string, p: Promise<unknown>) => {
      const r = await p.then(() => 'ok', (e) => e);
      if (r !== 'ok') {
        // the write's own answer, or the look-up that follows it to find what was made, was garbled
        expect(r, endpoint).toBeInstanceOf(InvalidPayloadError);
        expect(r.message).toContain(r.ctx.endpoint);
        expect(endpoint.split(' ')[1].split('/')[1]).toBe(r.ctx.endpoint.split(' ')[1].split('/')[1]);
      }
    };
    const tag = `${kind}-${Date.now() % 100000}`;
    await set('^/api/v1\\.0/system/orgs$');
    await typedOrOk('POST /system/orgs', v.createOrg({ OrgName: `Fuzz ${tag}`, OrgRef: `fuzz-${tag}`.toLowerCase() }));
    expect([...s.vsa.orgs.values()].filter((o) => o.OrgRef === `fuzz-${tag}`.toLowerCase())).toHaveLength(1);
    await set('/locations$');
    await typedOrOk('POST /crm/accounts/{accountId}/locations', b.createLocation(acc.Id, `loc-${tag}`));
    expect([...s.bms.locations.values()].filter((l) => l.AccountId === acc.Id && l.LocationName === `loc-${tag}`)).toHaveLength(1);
    await set('/departments$');
    await typedOrOk('POST /crm/accounts/{accountId}/departments', b.createDepartment(acc.Id, `dep-${tag}`));
    expect([...s.bms.departments.values()].filter((d) => d.AccountId === acc.Id && d.Name === `dep-${tag}`)).toHaveLength(1);
    await set('^/v2/crm/accounts/\\d+$');
    await typedOrOk('PUT /crm/accounts/{id}', b.updateAccount(acc.Id, { AccountName: acc.AccountName, AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1 }));
    await set('/mappings/account$');
    await typedOrOk('POST /rmm/{integrationType}/mappings/{entityType}', b.importMappings([{ ExternalId: String(org.OrgId), PsaId: freeAcc.Id }]));
    await set('/assets$');
    const item = { TransactionId: 't', AgentId: String(agent.AgentId), AssetId: String(agent.AgentId), Organization: { Id: String(org.OrgId), Name: org.OrgName }, Name: agent.ComputerName };
    await typedOrOk('POST /rmm/{integrationType}/assets', b.pushAssets([item]));
    await set('/assets/status/');
    await typedOrOk('GET /rmm/{integrationType}/assets/status/{jobId}', b.pushAssets([item]));
    expect([...s.bms.assets.values()].filter((a) => a.AgentId === String(agent.AgentId))).toHaveLength(1);
    await faults({ reset: true });
    await b.deleteMappings([String(org.OrgId)]).catch(() => undefined);
  }, 60_000);

  it('refuses to send a body that does not match the request schema, naming the field', async () => {
    const e = await bms().createAccount({ AccountName: '', AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1, Locations: [] }).catch((x) => x);
    expect(e.code).toBe('invalid-input');
    expect(e.message).toMatch(/Not sent to Kaseya BMS POST \/crm\/accounts.*field "AccountName"/);
    const o = await vsa().createOrg({ OrgName: 'X', OrgRef: 'Has Spaces' }).catch((x) => x);
    expect(o.fieldPath).toBe('OrgRef');
  });
});
