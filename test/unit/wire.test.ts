/**
 * The clients speak VSA and BMS as they really answer (../shared/api-contract.md v3 §1–7), and the
 * HTTP layer's safety rules (safety review LOW-1, LOW-3, LOW-10). Each test fails on the v2 client.
 */
import { describe, expect, it } from 'vitest';
import { BmsClient } from '@/lib/bms/client';
import { bmsLogin } from '@/lib/bms/auth';
import { pascalKeys, schemaKeys } from '@/lib/bms/wire';
import { inputOf } from '@/lib/bms/hardware';
import { HardwareAssetsListSearchSelectOutputDto, HardwareAssetsListSearchSelectOutputDtoIEnumerableResponse } from '@/lib/bms/schemas.gen';
import { ApiError, AuthError, InsecureUrlError, InvalidInputError, RedirectError, TooLargeError, UnsupportedError } from '@/lib/http/errors';
import { fetchRaw, parseJson } from '@/lib/http/fetch';
import { collect } from '@/lib/http/paging';
import { insecureUrlProblem } from '@/lib/http/url';
import { vsaLogin, vsaSessionExpiry } from '@/lib/vsa/auth';
import { VsaClient } from '@/lib/vsa/client';
import { VsaId, vsaBodyStatus } from '@/lib/vsa/schemas';

type Answer = { status?: number; body?: unknown; text?: string; headers?: Record<string, string> };
/** a fake server: `route(method, url, body)` answers each request */
function server(route: (method: string, url: URL, body: string) => Answer) {
  const calls: { method: string; url: URL; body: string; auth: string | null }[] = [];
  const fetchFn = async (input: string, init?: RequestInit) => {
    const url = new URL(input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? init.body : init?.body ? String(init.body) : '';
    calls.push({ method, url, body, auth: new Headers(init?.headers).get('authorization') });
    const a = route(method, url, body);
    const text = a.text ?? (a.body === undefined ? null : JSON.stringify(a.body));
    return new Response(text, { status: a.status ?? 200, headers: a.headers });
  };
  return { fetchFn, calls };
}

const vsaAuthOk = (token = 'tok-1', extra: Record<string, unknown> = {}) => ({
  body: { Result: { Token: token, ApiToken: `api-${token}`, SessionExpiration: new Date(Date.now() + 30 * 60_000 - 120 * 60_000).toISOString().replace('Z', ''), OffSetInMinutes: 120, ...extra }, ResponseCode: 0, Status: 'OK', Error: 'None' },
});
const bmsAuthOk = { body: { success: true, result: { accessToken: 'acc-1', refreshToken: 'ref-1', accessTokenExpireOn: new Date(Date.now() + 3600_000).toISOString() } } };
const vsaClient = (fetchFn: ReturnType<typeof server>['fetchFn']) =>
  new VsaClient({ fetch: fetchFn, credentials: { baseUrl: 'https://vsa.example.com', user: 'admin', secret: 's', method: 'token' }, retries: 1, minBackoffMs: 1 });
const bmsClient = (fetchFn: ReturnType<typeof server>['fetchFn']) =>
  new BmsClient({ fetch: fetchFn, credentials: { baseUrl: 'https://api.bms.example.com', tenant: 't', user: 'u', password: 'p' }, retries: 1, minBackoffMs: 1, jobPollMs: 1 });

describe('BMS casing and success:false (§5, §6)', () => {
  it('logs in with a camelCase answer and reads camelCase pages', async () => {
    const s = server((m, u) => {
      if (u.pathname.endsWith('/security/authenticate')) return bmsAuthOk;
      return { body: { success: true, result: u.searchParams.get('PageNumber') === '1' ? [{ id: 7, name: 'Acme', tenantName: 'x', isActive: true }] : [] } };
    });
    const c = bmsClient(s.fetchFn);
    expect(await collect(c.lookupAccounts())).toEqual([expect.objectContaining({ Id: 7, Name: 'Acme' })]);
    expect(s.calls[1].auth).toBe('Bearer acc-1');
    expect(c.casing).toBe('camel');
    expect(pascalKeys({ result: { accessToken: 'a', subList: [{ iD: 1 }] } })).toEqual({ Result: { AccessToken: 'a', SubList: [{ ID: 1 }] } });
  });

  it('keys are matched to the schema case-insensitively: a lower-cased acronym (ipAddress) still fills IPAddress', async () => {
    const row = { id: 3, assetName: 'PC-1', ipAddress: '10.0.0.7', serialNumber: 'SN1', machineGroupId: '12345678901234567', accountId: 9, isActive: true, iSACTIVE_unknownExtra: 1 };
    const s = server((m, u) => {
      if (u.pathname.endsWith('/security/authenticate')) return bmsAuthOk;
      return { body: { success: true, result: u.searchParams.get('PageNumber') === '1' ? [row] : [] } };
    });
    const [a] = await collect(bmsClient(s.fetchFn).assets());
    // upper-casing the first letter alone would give IpAddress, which the schema does not know: the address would be lost
    expect(a).toMatchObject({ Id: 3, AssetName: 'PC-1', IPAddress: '10.0.0.7', SerialNumber: 'SN1', MachineGroupId: '12345678901234567', AccountId: 9, IsActive: true });
    expect(a).not.toHaveProperty('IpAddress');
    // the document's own spelling and any other casing give the same record; where both come, the document's wins
    expect(schemaKeys({ Result: [{ IPADDRESS: 'x', Id: 1, AssetName: null, AccountId: 1, IsActive: true }] }, HardwareAssetsListSearchSelectOutputDtoIEnumerableResponse)).toEqual({ Result: [{ IPAddress: 'x', Id: 1, AssetName: null, AccountId: 1, IsActive: true }] });
    expect(schemaKeys({ ipAddress: 'camel', IPAddress: 'doc' }, HardwareAssetsListSearchSelectOutputDto)).toEqual({ IPAddress: 'doc' });
    expect(schemaKeys({ IPAddress: 'doc', ipaddress: 'other' }, HardwareAssetsListSearchSelectOutputDto)).toEqual({ IPAddress: 'doc' });
  });

  it('a refused login inside an HTTP 200 is an AuthError with the server\'s words', async () => {
    const s = server(() => ({ body: { success: false, error: { code: 401, message: 'Invalid user name or password.' } } }));
    const e = await bmsLogin(s.fetchFn, 'https://api.bms.example.com', 't', 'u', 'p').catch((x) => x);
    expect(e).toBeInstanceOf(AuthError);
    expect(e.message).toMatch(/Invalid user name or password/);
  });

  it('sends Filter.Ids as repeated keys, never one joined value', async () => {
    const s = server((m, u) => (u.pathname.endsWith('/security/authenticate') ? bmsAuthOk : { body: { success: true, result: [] } }));
    await collect(bmsClient(s.fetchFn).lookupAccounts({ ids: [1, 2, 3] }));
    expect(s.calls[1].url.searchParams.getAll('Filter.Ids')).toEqual(['1', '2', '3']);
  });
});

/** every write path of both clients, with a server that refuses it inside an HTTP 200 */
describe('no write reports success for a write the server refused', () => {
  const refusedBms = () => server((m, u) => {
    if (u.pathname.endsWith('/security/authenticate')) return bmsAuthOk;
    // legacy v1: its own token, failures as HTTP statuses
    if (u.pathname === '/api/token') return { body: { access_token: 'v1-token', token_type: 'bearer', expires_in: 3600 } };
    if (u.pathname.startsWith('/api/crm/locations')) return { status: 400, body: { Message: 'Refused by the server: AccountName is taken' } };
    if (m === 'GET' && u.pathname.includes('/locations/lookup')) return { body: { success: true, result: [] } };
    if (m === 'GET' && u.pathname.includes('/departments')) return { body: { success: true, result: [] } };
    if (m === 'GET' && u.pathname.endsWith('/crm/accounts/summary')) return { body: { success: true, result: [], totalRecords: 0 } };
    if (m === 'GET') return { body: { success: true, result: [] } };
    return { status: 200, body: { success: false, error: { code: 400, message: 'Refused by the server', subErrors: ['AccountName is taken'] } } };
  });
  const acc = { AccountName: 'A', AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1 };
  const bmsWrites: [string, (c: BmsClient) => Promise<unknown>][] = [
    ['createAccount', (c) => c.createAccount({ ...acc, Locations: [{ LocationName: 'Main', IsMain: true, Addresses: [] }] })],
    ['updateAccount', (c) => c.updateAccount(5, acc)],
    ['createDepartment', (c) => c.createDepartment(5, 'Lab')],
    ['createLocation (legacy v1)', (c) => c.createLocation(5, 'root.servers')],
    ['updateLocation (legacy v1)', (c) => c.updateLocation(5, 6, { IsMain: true })],
    ['setCustomFieldData', (c) => c.setCustomFieldData(1, 5, 2, 'x')],
    ['updateAsset', (c) => c.updateAsset(9, { Name: 'pc', AccountId: 5, AccountLocationId: 6, CategoryId: 1 })],
    ['deleteAsset', (c) => c.deleteAsset(9)],
    ['importMappings', (c) => c.importMappings([{ ExternalId: '123456789012345678', PsaId: 5 }])],
    ['deleteMappings', (c) => c.deleteMappings(['123456789012345678'])],
    ['pushAssets', (c) => c.pushAssets([{ TransactionId: '1', AgentId: '1', AssetId: '1', Organization: { Id: '2', Name: 'o' }, Name: 'pc' }])],
    ['deactivateAssets', (c) => c.deactivateAssets(['1'])],
  ];
  it.each(bmsWrites)('BMS %s', async (_name, write) => {
    const e = await write(bmsClient(refusedBms().fetchFn)).then(() => null, (x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toMatch(/Refused by the server.*AccountName is taken/);
  });

  const refusedVsa = () => server((m, u) => {
    if (u.pathname.endsWith('/auth')) return vsaAuthOk();
    if (m === 'GET' && /\/system\/orgs\/\d+$/.test(u.pathname)) return { body: { Result: { OrgId: '123456789012345678', OrgName: 'Acme', OrgRef: 'acme', CustomFields: [] }, ResponseCode: 0, Status: 'OK', Error: 'None' } };
    if (m === 'GET') return { body: { TotalRecords: 0, Result: [], ResponseCode: 0, Status: 'OK', Error: 'None' } };
    return { status: 200, body: { Result: null, ResponseCode: 400, Status: 'Error', Error: 'OrgRef is already in use' } };
  });
  const vsaWrites: [string, (c: VsaClient) => Promise<unknown>][] = [
    ['createOrg', (c) => c.createOrg({ OrgName: 'Acme', OrgRef: 'acme' })],
    ['setOrgCustomField', (c) => c.setOrgCustomField('123456789012345678', 'f', () => 'v')],
  ];
  it.each(vsaWrites)('VSA %s', async (_name, write) => {
    const e = await write(vsaClient(refusedVsa().fetchFn)).then(() => null, (x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toMatch(/OrgRef is already in use/);
  });
});

describe('VSA envelope, auth and ids (§1, §2)', () => {
  it('success ⇔ 2xx and ResponseCode absent, 0 or 2xx', () => {
    expect(vsaBodyStatus(200, { ResponseCode: 0 })).toBe(200);
    expect(vsaBodyStatus(200, {})).toBe(200);
    expect(vsaBodyStatus(200, { ResponseCode: 201 })).toBe(200);
    expect(vsaBodyStatus(200, { ResponseCode: 401, Status: 'OK', Error: 'None' })).toBe(401);
    expect(vsaBodyStatus(200, { ResponseCode: 404 })).toBe(404);
    expect(vsaBodyStatus(200, { ResponseCode: 1 })).toBe(400);
  });

  it('ResponseCode 401 inside an HTTP 200 logs in again once, then reads', async () => {
    let n = 0;
    const s = server((m, u) => {
      if (u.pathname.endsWith('/auth')) return vsaAuthOk(`tok-${++n}`);
      return n === 1 ? { body: { Result: null, ResponseCode: 401, Status: 'OK', Error: 'None' } } : { body: { TotalRecords: 0, Result: [], ResponseCode: 0 } };
    });
    expect(await collect(vsaClient(s.fetchFn).orgs())).toEqual([]);
    expect(n).toBe(2);
  });

  it('Bearer = Token (ApiToken only without Token), and the session lasts until SessionExpiration + OffSetInMinutes', async () => {
    const s = server((m, u) => (u.pathname.endsWith('/auth') ? vsaAuthOk('the-token') : { body: { TotalRecords: 0, Result: [], ResponseCode: 0 } }));
    const c = vsaClient(s.fetchFn);
    for (let i = 0; i < 3; i++) await collect(c.orgs());
    expect(s.calls.filter((x) => x.url.pathname.endsWith('/auth'))).toHaveLength(1);
    expect(s.calls[1].auth).toBe('Bearer the-token');
    const only = server(() => vsaAuthOk('x', { Token: null }));
    expect((await vsaLogin(only.fetchFn, 'https://vsa.example.com', 'u', 's', 'token')).token).toBe('api-x');
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(vsaSessionExpiry('2026-01-01T10:30:00.000', 120, now)).toBe(Date.UTC(2026, 0, 1, 12, 30));
    expect(vsaSessionExpiry('2026-01-01T10:30:00Z', 120, now)).toBe(Date.UTC(2026, 0, 1, 12, 30));
    expect(vsaSessionExpiry('2026-01-01T12:00:30', 0, now)).toBeNull(); // under a minute: not believed
    expect(vsaSessionExpiry('2026-01-03T12:00:00', 0, now)).toBeNull(); // beyond a day: not believed
  });

  it('ids beyond 2^53 stay exact digit strings; a rounded number or 5.2e+25 is refused', () => {
    const body = parseJson('{"Result":[{"OrgId":52000000000000000000000017,"AdminId":55957651,"Ok":1.5}]}') as { Result: { OrgId: unknown; AdminId: unknown; Ok: unknown }[] };
    expect(body.Result[0]).toEqual({ OrgId: '52000000000000000000000017', AdminId: 55957651, Ok: 1.5 });
    expect(VsaId.parse(body.Result[0].OrgId)).toBe('52000000000000000000000017');
    expect(VsaId.parse(694825728222021)).toBe('694825728222021');
    expect(VsaId.safeParse(2 ** 53 + 2).success).toBe(false);
    expect(VsaId.safeParse(5.2e25).success).toBe(false);
    expect(VsaId.safeParse('5.2e+25').success).toBe(false);
  });

  it('agents of one org: no id in $filter, filtered here by id string; a crafted id is refused (LOW-3)', async () => {
    const rows = [
      { AgentId: '900000000000000000001', AgentName: 'a', ComputerName: 'a', OrgId: '123456789012345678901', MachineGroupId: '1' },
      { AgentId: '900000000000000000002', AgentName: 'b', ComputerName: 'b', OrgId: '123456789012345678902', MachineGroupId: '2' },
    ];
    const s = server((m, u) => (u.pathname.endsWith('/auth') ? vsaAuthOk() : { text: `{"TotalRecords":2,"Result":${JSON.stringify(rows)},"ResponseCode":0}` }));
    const c = vsaClient(s.fetchFn);
    expect((await collect(c.agents({ orgId: '123456789012345678902' }))).map((a) => a.AgentId)).toEqual(['900000000000000000002']);
    expect(s.calls.some((x) => x.url.searchParams.has('$filter'))).toBe(false);
    await expect(collect(c.agents({ orgId: '1 or 1 eq 1' }))).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('recognises VSA 10 and says it is not supported', async () => {
    const none = server(() => ({ status: 200 }));
    const e1 = await vsaLogin(none.fetchFn, 'https://acme.vsax.net', 'u', 's', 'token').catch((x) => x);
    expect(e1).toBeInstanceOf(UnsupportedError);
    expect(e1.message).toMatch(/VSA 10/);
    expect(none.calls).toHaveLength(0);
    const nf = server(() => ({ status: 404, text: '<html>not here</html>' }));
    expect(await vsaLogin(nf.fetchFn, 'https://vsa.example.com', 'u', 's', 'token').catch((x) => x)).toBeInstanceOf(UnsupportedError);
  });
});

describe('HTTP safety (LOW-1, LOW-10)', () => {
  const ctx = { system: 'bms' as const, endpoint: 'POST /v2/security/authenticate' };
  it('never follows a redirect: the error names where it pointed, and the body is not sent again', async () => {
    const s = server(() => ({ status: 307, headers: { Location: 'https://evil.example.net/steal' } }));
    const e = await fetchRaw(s.fetchFn, 'https://api.bms.example.com/v2/security/authenticate', { method: 'POST', body: 'Password=secret' }, ctx).catch((x) => x);
    expect(e).toBeInstanceOf(RedirectError);
    expect(e.message).toContain('https://evil.example.net/steal');
    expect(s.calls).toHaveLength(1);
    const real = await bmsLogin(s.fetchFn, 'https://api.bms.example.com', 't', 'u', 'p').catch((x) => x);
    expect(real).toBeInstanceOf(RedirectError);
  });

  it('refuses http:// except loopback where the sandbox runs', async () => {
    expect(insecureUrlProblem('https://vsa.example.com')).toBeNull();
    expect(insecureUrlProblem('http://vsa.example.com')).toMatch(/not encrypted/);
    expect(insecureUrlProblem('http://127.0.0.1:8080', false)).toMatch(/not encrypted/);
    expect(insecureUrlProblem('http://127.0.0.1:8080', true)).toBeNull();
    const s = server(() => ({ body: {} }));
    await expect(fetchRaw(s.fetchFn, 'http://api.bms.example.com/v2/x', {}, ctx)).rejects.toBeInstanceOf(InsecureUrlError);
    expect(s.calls).toHaveLength(0);
  });

  it('refuses an answer above the cap, by its Content-Length or while streaming', async () => {
    const declared = server(() => ({ text: 'x', headers: { 'Content-Length': String(50 * 1024 * 1024) } }));
    await expect(fetchRaw(declared.fetchFn, 'https://api.bms.example.com/v2/x', {}, ctx)).rejects.toBeInstanceOf(TooLargeError);
    const big = 'y'.repeat(2048);
    const streamed = async () => new Response(new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    }));
    const e = await fetchRaw(streamed, 'https://api.bms.example.com/v2/x', {}, ctx, { maxBytes: 4096 }).catch((x) => x);
    expect(e).toBeInstanceOf(TooLargeError);
    expect(e.message).toMatch(/refused/);
    expect((await fetchRaw(streamed, 'https://api.bms.example.com/v2/x', {}, ctx)).text).toHaveLength(20480);
  });
});

describe('a PUT of an asset sends back what was read', () => {
  const asset = { Id: 7, Name: 'PC-1', AccountId: 3, AccountLocationId: 4, CategoryId: 2, ContactId: 9, SerialNumber: 'S1' };
  it('keeps a department the asset has, and never sends one it has not (contract §6: a tenant without departments)', () => {
    expect(inputOf({ ...asset, DepartmentId: 5 } as never).DepartmentId).toBe(5);
    expect('DepartmentId' in inputOf({ ...asset, DepartmentId: null } as never)).toBe(false);
    expect('DepartmentId' in inputOf(asset as never)).toBe(false);
    expect(inputOf({ ...asset, DepartmentId: null } as never)).toMatchObject({ Name: 'PC-1', ContactId: 9, SerialNumber: 'S1', CategoryId: 2 });
  });
});
