/**
 * Every response of the fake BMS API is checked against the vendor's OpenAPI document
 * (plus the assumed endpoints' schemas, kept in openapi.ts), and every path+method of the document
 * must have been exercised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server';
import { bmsToken, pascal } from './helpers';
import { describeErrors, loadOpenApi, validator } from './openapi';

let sb: Sandbox;
let token: string;
const covered = new Set<string>();
const problems: string[] = [];
const casings = new Set<string>();

/** schema of the 200 response for a documented path, or the one we chose where the document names none */
const UNDOCUMENTED_200: Record<string, string> = {
  'POST /v2/rmm/{integrationType}/mappings/{entityType}': 'IntegrationJobOutputDtoResponse',
  'DELETE /v2/rmm/{integrationType}/mappings/{entityType}': 'IntegrationJobOutputDtoResponse',
  'GET /v2/rmm/{integrationType}/mappings/status/{jobId}': 'IntegrationMappingJobStatusOutputDtoResponse',
  'GET /v2/rmm/{integrationType}': 'IntegrationSettingDtoResponse',
  'POST /v2/rmm/{integrationType}': 'IntegrationSettingDtoResponse',
  'PUT /v2/rmm/{integrationType}': 'IntegrationSettingDtoResponse',
};
const ASSUMED: Record<string, string> = {
  'GET /v2/crm/accounts/{accountId}/departments': 'AccountDepartmentOutputDtoListResponse',
  'POST /v2/crm/accounts/{accountId}/departments': 'AccountDepartmentOutputDtoResponse',
  'GET /v2/crm/accounts/{accountId}/contacts': 'AccountContactOutputDtoListResponse',
};

function templateOf(method: string, path: string): string | null {
  const { doc } = loadOpenApi();
  const candidates = [...Object.keys(doc.paths), ...Object.keys(ASSUMED).map((k) => k.split(' ')[1])];
  const matches = candidates.filter((tpl) => new RegExp(`^${tpl.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
  // prefer the most literal template (fewest parameters)
  matches.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  for (const tpl of matches) if (doc.paths[tpl]?.[method.toLowerCase()] || ASSUMED[`${method} ${tpl}`]) return tpl;
  return null;
}

function schemaFor(method: string, tpl: string): string | null {
  const key = `${method} ${tpl}`;
  if (ASSUMED[key]) return ASSUMED[key];
  if (UNDOCUMENTED_200[key]) return UNDOCUMENTED_200[key];
  const op = loadOpenApi().doc.paths[tpl]?.[method.toLowerCase()];
  const content = op?.responses?.['200']?.content;
  if (!content) return null;
  const ref = (content['application/json'] ?? Object.values(content)[0])?.schema?.$ref;
  return ref ? ref.split('/').pop()! : null;
}

async function call(method: string, path: string, body?: unknown, opts: { form?: URLSearchParams; auth?: boolean } = {}) {
  const headers: Record<string, string> = {};
  if (opts.auth !== false) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${sb.bmsApiUrl}${path.split('?')[0]}${path.includes('?') ? `?${path.split('?')[1]}` : ''}`, {
    method,
    headers,
    body: opts.form ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await r.text();
  const wire = text ? JSON.parse(text) : undefined;
  if (wire && typeof wire === 'object' && !Array.isArray(wire)) casings.add(Object.keys(wire).every((k) => /^[a-z]/.test(k)) ? 'camel' : Object.keys(wire).every((k) => /^[A-Z]/.test(k)) ? 'pascal' : 'mixed');
  // the document is PascalCase, tenants answer camelCase: schemas are checked with key casing ignored
  const json = pascal<Record<string, any>>(wire); // eslint-disable-line @typescript-eslint/no-explicit-any
  // v3: an application error is success:false inside an HTTP 200; `status` is what the answer means
  const failed = json && typeof json === 'object' && json.Success === false;
  const status = failed && r.status === 200 ? (typeof json.Error?.Code === 'number' && json.Error.Code >= 400 ? json.Error.Code : 400) : r.status;
  const tpl = templateOf(method, path.split('?')[0]);
  if (!tpl) {
    problems.push(`${method} ${path}: not in the OpenAPI document`);
    return { status, http: r.status, json };
  }
  covered.add(`${method} ${tpl}`);
  const schema = r.status === 200 && !failed ? schemaFor(method, tpl) : 'ErrorResponse';
  if (schema && json !== undefined) {
    const v = validator(schema);
    if (!v(json)) problems.push(`${method} ${path} (${r.status}) vs ${schema}: ${describeErrors(v.errors).join('; ')}`);
  } else if (r.status === 200 && schema === null && json !== undefined) {
    problems.push(`${method} ${path}: answered a body where the document declares none`);
  }
  return { status, http: r.status, json };
}

const waitJob = async (kind: 'assets' | 'mappings', jobId: string) => {
  for (let i = 0; i < 50; i++) {
    const st = await call('GET', `/v2/rmm/vsa/${kind}/status/${jobId}`);
    if (st.json.Result.JobStatus !== 'Processing') return st.json.Result;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
};

beforeAll(async () => {
  sb = await startSandbox({ orgs: 80, agents: 600, seed: 3, faults: { jobDelayMs: 20 }, capabilities: { departments: true, mappingStore: true } });
  token = await bmsToken(sb);
});
afterAll(() => sb.close());

describe('fake BMS API answers as the vendor document says', () => {
  it('security: authenticate (form or multipart) and refresh', async () => {
    const form = new URLSearchParams({ GrantType: 'password', UserName: 'admin', Password: 'sandbox', Tenant: 'sandbox' });
    const a = await call('POST', '/v2/security/authenticate', undefined, { form, auth: false });
    expect(a.status).toBe(200);
    const multipart = new FormData();
    for (const [k, v] of form) multipart.set(k, v);
    const m = await fetch(`${sb.bmsApiUrl}/v2/security/authenticate`, { method: 'POST', body: multipart });
    expect(m.status).toBe(200);
    const wrong = await call('POST', '/v2/security/authenticate', undefined, { form: new URLSearchParams({ GrantType: 'password', UserName: 'admin', Password: 'x', Tenant: 'sandbox' }), auth: false });
    expect(wrong.status).toBe(401);
    expect(wrong.http).toBe(200);
    expect(wrong.json.Error.Message).toMatch(/user name or password/);
    const r = await call('POST', '/v2/security/refreshtoken', undefined, { form: new URLSearchParams({ AccessToken: a.json.Result.AccessToken, RefreshToken: a.json.Result.RefreshToken }), auth: false });
    expect(r.status).toBe(200);
    expect(r.json.Result.AccessToken).not.toBe(a.json.Result.AccessToken);
    const noAuth = await fetch(`${sb.bmsApiUrl}/v2/crm/accounts/lookup`);
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers.get('www-authenticate')).toMatch(/Bearer/);
  });

  it('accounts: lookup, summary (paged), get, create, update, patch', async () => {
    const look = await call('GET', '/v2/crm/accounts/lookup?PageSize=10&PageNumber=1');
    expect(look.json.Result).toHaveLength(10);
    const sum = await call('GET', '/v2/crm/accounts/summary?PageSize=25&PageNumber=2');
    expect(sum.json.Result).toHaveLength(25);
    expect(sum.json.TotalRecords).toBe(sb.state().bms.accounts.size);
    const id = sum.json.Result[0].Id;
    expect((await call('GET', `/v2/crm/accounts/summary/${id}`)).json.Id).toBe(id);
    expect((await call('GET', '/v2/crm/accounts/summary/999999')).status).toBe(404);
    const created = await call('POST', '/v2/crm/accounts', {
      AccountName: 'Contract Test Account', AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1,
      Locations: [{ LocationName: 'Main', IsMain: true, IsActive: true, Addresses: [{ City: 'Springfield' }] }],
    });
    expect(created.status).toBe(200);
    const newId = created.json.Result.Id;
    const dup = await call('POST', '/v2/crm/accounts', { AccountName: 'Contract Test Account', AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1, Locations: [{ LocationName: 'Main', Addresses: [] }] });
    expect(dup.status).toBe(400);
    const invalid = await call('POST', '/v2/crm/accounts', { AccountName: 'No locations' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.Error.SubErrors.join(' ')).toMatch(/Locations is required/);
    const put = await call('PUT', `/v2/crm/accounts/${newId}`, { AccountName: 'Contract Test Account 2', AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1 });
    expect(put.json.Result.AccountName).toBe('Contract Test Account 2');
    const patch = await call('PATCH', `/v2/crm/accounts/${newId}`, [{ op: 'replace', path: '/Website', value: 'https://x.example' }]);
    expect(patch.json.Result.Website).toBe('https://x.example');
  });

  it('locations of an account: read in v2; added, renamed and made Main only through legacy v1 crm/locations', async () => {
    const id = [...sb.state().bms.accounts.keys()][0];
    const locs = await call('GET', `/v2/crm/accounts/${id}/locations/lookup`);
    expect(locs.json.Result.filter((l: { IsMain: boolean }) => l.IsMain)).toHaveLength(1);
    const one = await call('GET', `/v2/crm/accounts/${id}/locations/${locs.json.Result[0].Id}`);
    expect(one.status).toBe(200);
    // absent in v2 (the vendor document has no such write): no route at all
    const v2add = await fetch(`${sb.bmsApiUrl}/v2/crm/accounts/${id}/locations`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"LocationName":"x","Addresses":[]}' });
    expect(v2add.status).toBe(404);
    const v1tok = ((await (await fetch(`${sb.bmsApiUrl}/api/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', username: 'admin', password: 'sandbox', tenant: 'sandbox' }) })).json()) as { access_token: string }).access_token;
    const v1 = (method: string, path: string, body?: unknown) => fetch(`${sb.bmsApiUrl}/api${path}`, { method, headers: { Authorization: `Bearer ${v1tok}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const added = await v1('POST', '/crm/locations', { AccountId: id, LocationName: 'root.servers', Addresses: [] });
    expect(added.status).toBe(200);
    const loc = (await added.json()) as { Id: number; IsMain: boolean };
    expect(loc.IsMain).toBe(false);
    expect((await v1('POST', '/crm/locations', { AccountId: id, LocationName: 'ROOT.servers', Addresses: [] })).status).toBe(409);
    const toMain = await v1('PUT', `/crm/locations/${loc.Id}`, { IsMain: true });
    expect(((await toMain.json()) as { IsMain: boolean }).IsMain).toBe(true);
    const after = await call('GET', `/v2/crm/accounts/${id}/locations/lookup`);
    expect(after.json.Result.filter((l: { IsMain: boolean }) => l.IsMain).map((l: { Id: number }) => l.Id)).toEqual([loc.Id]);
    expect((await v1('DELETE', `/crm/locations/${loc.Id}`)).status).toBe(400);
    expect((await fetch(`${sb.bmsApiUrl}/api/crm/locations`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('departments (a capability the evidence does not show; on for this run)', async () => {
    const id = [...sb.state().bms.accounts.keys()][0];
    await call('GET', '/v2/system/locations/lookup');
    await call('GET', '/v2/admin/hr/departments/lookup');
    const dep = await call('POST', `/v2/crm/accounts/${id}/departments`, { Name: 'Lab' });
    expect(dep.status).toBe(200);
    const deps = await call('GET', `/v2/crm/accounts/${id}/departments`);
    expect(deps.json.Result.map((d: { Name: string }) => d.Name)).toContain('Lab');
  });

  it('account contacts (assumed read) and an asset\'s contact', async () => {
    const s = sb.state();
    const asset = [...s.bms.assets.values()][0];
    s.bms.contacts.set(990001, { Id: 990001, AccountId: asset.AccountId, FirstName: 'Ann', LastName: 'Lee', EmailAddress: 'ann@example.com', IsActive: true });
    const list = await call('GET', `/v2/crm/accounts/${asset.AccountId}/contacts`);
    expect(list.json.Result.map((c: { EmailAddress: string }) => c.EmailAddress)).toContain('ann@example.com');
    asset.ContactId = 990001;
    const one = await call('GET', `/v2/servicedesk/hardwareasset/${asset.Id}`);
    expect(one.json.Result).toMatchObject({ ContactId: 990001, ContactFirstName: 'Ann', ContactEmailAddress: 'ann@example.com' });
    asset.ContactId = null;
    s.bms.contacts.delete(990001);
  });

  it('custom fields', async () => {
    const fields = await call('GET', '/v2/system/customFields/1');
    const fid = fields.json.Result[0].Id;
    await call('PUT', `/v2/system/customFields/data/1/5/${fid}`, { Value: '{"rule":"main"}' });
    const data = await call('GET', '/v2/system/customFields/1/5');
    expect(data.json.Result[0].Data).toBe('{"rule":"main"}');
  });

  it('hardware assets: search (paged), get, status, create, update, delete', async () => {
    const list = await call('GET', '/v2/servicedesk/hardwareasset/searchselect?PageSize=20&PageNumber=1');
    expect(list.json.Result.length).toBeGreaterThan(0);
    const s = sb.state();
    const acc = [...s.bms.accounts.values()][1];
    const main = [...s.bms.locations.values()].find((l) => l.AccountId === acc.Id && l.IsMain)!;
    const created = await call('POST', '/v2/servicedesk/hardwareasset', { Name: 'Contract PC', AccountId: acc.Id, AccountLocationId: main.Id, CategoryId: 1, SerialNumber: 'X1' });
    expect(created.status).toBe(200);
    const aid = created.json.Result.Id;
    expect((await call('GET', `/v2/servicedesk/hardwareasset/${aid}`)).json.Result.Name).toBe('Contract PC');
    expect((await call('GET', `/v2/servicedesk/hardwareasset/${aid}/status`)).json.Result.IsOnline).toBe(false);
    const updated = await call('PUT', `/v2/servicedesk/hardwareasset/${aid}`, { Name: 'Contract PC 2', AccountId: acc.Id, AccountLocationId: main.Id, CategoryId: 2 });
    expect(updated.json.Result.Category).toBe('Server');
    const wrongLoc = await call('PUT', `/v2/servicedesk/hardwareasset/${aid}`, { Name: 'x', AccountId: acc.Id, AccountLocationId: 999999, CategoryId: 2 });
    expect(wrongLoc.status).toBe(400);
    expect((await call('DELETE', `/v2/servicedesk/hardwareasset/${aid}`)).status).toBe(200);
    expect((await call('GET', `/v2/servicedesk/hardwareasset/${aid}`)).status).toBe(404);
  });

  it('RMM integration: settings, status, mappings (bulk, with a job) and bulk asset push upserting by AgentId', async () => {
    await call('GET', '/v2/rmm/integrations');
    await call('GET', '/v2/rmm/vsa');
    await call('PUT', '/v2/rmm/vsa', { IsAutoAccountPushEnabled: true });
    await call('POST', '/v2/rmm/vsa', { IsAutoAccountPushEnabled: false });
    await call('GET', '/v2/rmm/vsa/status');
    expect((await call('GET', '/v2/rmm/other/status')).status).toBe(404);

    const s = sb.state();
    const mapped = new Set([...s.bms.mappings.get('vsa/account')!.values()].map((m) => m.PsaId));
    const org = [...s.vsa.orgs.values()].find((o) => !s.bms.mappings.get('vsa/account')!.has(String(o.OrgId)))!;
    const acc = [...s.bms.accounts.values()].find((a) => a.IsActive && !mapped.has(a.Id))!;
    const post = await call('POST', '/v2/rmm/vsa/mappings/account', [{ ExternalId: String(org.OrgId), PsaId: acc.Id }, { ExternalId: '1', PsaId: acc.Id }]);
    const job = await waitJob('mappings', post.json.Result.JobId);
    expect(job.Details.map((d: { StatusCode: string }) => d.StatusCode)).toEqual(['200', '404']);
    const list = await call('GET', `/v2/rmm/vsa/mappings/account?Filter.ExternalIds=${org.OrgId}`);
    expect(list.json.Result).toEqual([expect.objectContaining({ ExternalId: String(org.OrgId), PsaId: acc.Id })]);

    const agent = [...s.vsa.agents.values()].find((a) => a.OrgId === org.OrgId)!;
    const item = { TransactionId: 't1', AgentId: String(agent.AgentId), AssetId: String(agent.AgentId), Organization: { Id: String(org.OrgId), Name: org.OrgName }, Name: agent.ComputerName, MachineGroupId: String(agent.MachineGroupId), Type: 'Workstation', AssetDetails: { SerialNumber: 'SER-1', OsType: agent.OSType } };
    const push = await call('POST', '/v2/rmm/vsa/assets', [item]);
    const pj = await waitJob('assets', push.json.Result.JobId);
    expect(pj.Details[0]).toMatchObject({ StatusCode: '200', StatusMessage: 'Created.' });
    const again = await waitJob('assets', (await call('POST', '/v2/rmm/vsa/assets', [item])).json.Result.JobId);
    expect(again.Details[0].StatusMessage).toBe('Unchanged.');
    expect(again.Details[0].PsaAssetId).toBe(pj.Details[0].PsaAssetId);
    const upd = await waitJob('assets', (await call('PUT', '/v2/rmm/vsa/assets', [{ ...item, Name: 'renamed' }])).json.Result.JobId);
    expect(upd.Details[0].StatusMessage).toBe('Updated.');
    expect([...s.bms.assets.values()].filter((a) => a.AgentId === String(agent.AgentId))).toHaveLength(1);
    const deact = await waitJob('assets', (await call('PUT', '/v2/rmm/vsa/assets/deactivate', [{ TransactionId: 'd1', AssetId: String(agent.AgentId) }])).json.Result.JobId);
    expect(deact.Details[0].StatusCode).toBe('200');
    expect(s.bms.assets.get(pj.Details[0].PsaAssetId)!.IsActive).toBe(false);

    const del = await call('DELETE', '/v2/rmm/vsa/mappings/account', [{ ExternalId: String(org.OrgId) }]);
    await waitJob('mappings', del.json.Result.JobId);
    expect((await call('GET', `/v2/rmm/vsa/mappings/account?Filter.ExternalIds=${org.OrgId}`)).json.Result).toEqual([]);
  });

  it('every path and method of the vendor document was exercised, and every response matched its schema', () => {
    const { doc } = loadOpenApi();
    const all = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).filter((m) => m !== 'parameters').map((m) => `${m.toUpperCase()} ${p}`));
    // PATCH of the integration settings is the one operation the product never sends and the fake does not serve
    const missing = all.filter((k) => !covered.has(k) && k !== 'PATCH /v2/rmm/{integrationType}');
    expect(missing).toEqual([]);
    expect(problems).toEqual([]);
    // v3 default: camelCase on the wire (the legacy v1 token is OAuth's snake case and not checked here)
    expect([...casings]).toEqual(['camel']);
  });
});

describe('the PascalCase knob serves the document\'s casing, and v2-style HTTP errors', () => {
  it('answers PascalCase keys and HTTP 4xx when asked to', async () => {
    await fetch(`${sb.bmsApiUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ target: 'bms', bmsCasing: 'pascal', errorsIn200: false }) });
    try {
      const r = await fetch(`${sb.bmsApiUrl}/v2/crm/accounts/lookup?PageSize=1`, { headers: { Authorization: `Bearer ${token}` } });
      expect(Object.keys((await r.json()) as object)).toEqual(['Success', 'Result']);
      const miss = await fetch(`${sb.bmsApiUrl}/v2/crm/accounts/summary/999999`, { headers: { Authorization: `Bearer ${token}` } });
      expect(miss.status).toBe(404);
      expect(((await miss.json()) as { Success: boolean }).Success).toBe(false);
    } finally {
      await fetch(`${sb.bmsApiUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ target: 'bms', bmsCasing: 'camel', errorsIn200: true }) });
    }
  });
});
