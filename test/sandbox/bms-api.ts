/**
 * Fake Kaseya BMS REST API v2, from the vendor's OpenAPI document (validated request bodies,
 * responses shaped by its DTOs) plus the few endpoints ../shared/api-contract.md marks as assumed.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { HttpError, intParam, jsonBody, route, type Env, type Method, type Reply } from './api';
import { capabilityHooks, CATEGORY_TABLE, RULE_FIELD, VSA_INTEGRATION_TYPE_ID } from './capabilities';
import type { Credentials } from './vsa';
import type { FaultState } from './faults';
import {
  mappingStore, nextBmsId, nowIso,
  type BmsAccount, type BmsAsset, type BmsJob, type BmsJobDetail, type BmsLocation, type SandboxState,
} from './model';
import { arrayValidator, describeErrors, validator } from './openapi';
import { riskRoutes } from './bms-risk';

const TENANT_NAME = 'Sandbox MSP';
/** the integration type id BMS stores on assets pushed by the VSA integration [assumed] */
export { VSA_INTEGRATION_TYPE_ID };

const ok = (Result: unknown): Reply => ({ status: 200, body: { Success: true, Result } });
const paged = (Result: unknown[], TotalRecords: number): Reply => ({ status: 200, body: { Success: true, Result, TotalRecords } });
export const bmsError = (status: number, message: string, sub: string[] = []): Reply => ({
  status,
  body: { Success: false, Error: { Code: status, Message: message, Details: null, StackStrace: null, SubErrors: sub } },
});

// ---------- DTO builders (the vendor's output schemas) ----------
function locationOut(l: BmsLocation) {
  return {
    Id: l.Id, CreatedBy: 1, CreatedOn: l.CreatedOn, ModifiedBy: 1, ModifiedOn: l.ModifiedOn, LocationName: l.LocationName,
    IsMain: l.IsMain, IsActive: l.IsActive, TimeZoneId: null, DateFormatId: null, TimeFormatId: null,
    Addresses: [{
      Id: l.Id * 10, CreatedBy: 1, CreatedOn: l.CreatedOn, ModifiedBy: 1, ModifiedOn: l.ModifiedOn, Address1: l.Address1,
      Address2: null, City: l.City, State: null, ZipCode: null, CountryId: null, Country: null, Phone: null, Fax: null,
      Latitude: null, Longitude: null, EmailAddress: null, IsMain: true, IsBilling: true, AddressTypeId: null, AddressType: null,
    }],
  };
}
function summaryOut(s: SandboxState, a: BmsAccount, locations: BmsLocation[]) {
  return {
    Id: a.Id, CreatedBy: 1, CreatedOn: a.CreatedOn, ModifiedBy: 1, ModifiedOn: a.ModifiedOn, ParentId: a.ParentId,
    AccountCode: a.AccountCode, AccountTypeId: a.AccountTypeId, AccountType: a.AccountTypeId === 1 ? 'Customer' : 'Prospect',
    AccountName: a.AccountName, BusinessTypeId: a.BusinessTypeId, BusinessType: 'Small Business', ServiceTypeId: null,
    ServiceType: null, AccountManagerId: a.AccountManagerId, AccountManagerUserName: 'admin', CurrencyId: null,
    CurrencyName: null, CreditLimit: null, NetDays: null, SalesTaxItemId: null, SalesTaxItemName: null, Website: a.Website,
    Description: a.Description, ClassId: null, ClassName: null, IsActive: a.IsActive, IsBilling: true, AcquiredDate: null,
    TenantName: TENANT_NAME, Locations: locations.map(locationOut),
  };
}
function assetOut(s: SandboxState, a: BmsAsset) {
  const acc = s.bms.accounts.get(a.AccountId);
  const loc = s.bms.locations.get(a.AccountLocationId);
  const cat = s.bms.categories.find((c) => c.Id === a.CategoryId);
  const dep = a.DepartmentId ? s.bms.departments.get(a.DepartmentId) : undefined;
  return {
    Id: a.Id, Name: a.Name, AccountId: a.AccountId, AccountName: acc?.AccountName ?? null, AccountLocationId: a.AccountLocationId,
    AccountLocation: loc?.LocationName ?? null, ContactId: null, ContactFirstName: null, ContactLastName: null,
    CategoryId: a.CategoryId, Category: cat?.Name ?? null, SerialNumber: a.SerialNumber, Description: a.Description,
    IsActive: a.IsActive, MachineGroupId: a.MachineGroupId, IpAddress: a.IpAddress, MacAddress: a.MacAddress,
    OsType: a.OsType, OsInfo: a.OsInfo, DHCPEnabled: false, WinsEnabled: false, FirstCheckIn: a.FirstCheckIn,
    LastCheckIn: a.LastCheckIn, LastReboot: a.LastReboot, CreatedOn: a.CreatedOn, ModifiedOn: a.ModifiedOn,
    AgentId: a.AgentId, IntegrationTypeId: a.IntegrationTypeId, DepartmentId: a.DepartmentId, Department: dep?.Name ?? null,
  };
}
function assetSearchOut(s: SandboxState, a: BmsAsset) {
  const acc = s.bms.accounts.get(a.AccountId);
  const loc = s.bms.locations.get(a.AccountLocationId);
  const cat = s.bms.categories.find((c) => c.Id === a.CategoryId);
  return {
    Id: a.Id, CategoryName: cat?.Name ?? null, CategoryId: a.CategoryId, LocationName: loc?.LocationName ?? null,
    AssetName: a.Name, SerialNumber: a.SerialNumber, MachineGroupId: a.MachineGroupId, IPAddress: a.IpAddress,
    ContactId: 0, ContactName: null, AccountId: a.AccountId, AccountName: acc?.AccountName ?? null, IsActive: a.IsActive,
  };
}

/** Indexes rebuilt lazily: accounts → locations, departments; agent id → asset. */
class Index {
  private version = -1;
  locationsByAccount = new Map<number, BmsLocation[]>();
  constructor(private s: () => SandboxState) {}
  dirty(): void {
    this.version = -1;
  }
  ensure(): void {
    if (this.version === 0) return;
    this.locationsByAccount.clear();
    for (const l of this.s().bms.locations.values()) {
      let list = this.locationsByAccount.get(l.AccountId);
      if (!list) this.locationsByAccount.set(l.AccountId, (list = []));
      list.push(l);
    }
    this.version = 0;
  }
  locations(accountId: number): BmsLocation[] {
    this.ensure();
    return this.locationsByAccount.get(accountId) ?? [];
  }
}

function sorter(sort: string | undefined, allowed: string[]): ((a: Record<string, unknown>, b: Record<string, unknown>) => number) | null {
  if (!sort) return null;
  const m = /^(-)?([A-Za-z]+)(?:\s+(asc|desc))?$/i.exec(sort.trim());
  if (!m || !allowed.includes(m[2])) throw new HttpError(400, `Sort "${sort}" is not supported; use one of ${allowed.join(', ')} (optionally "-Field" or "Field desc").`);
  const sign = m[1] || m[3]?.toLowerCase() === 'desc' ? -1 : 1;
  const f = m[2];
  return (a, b) => {
    const x = a[f] as string | number;
    const y = b[f] as string | number;
    if (x === y) return 0;
    if (x === null || x === undefined) return -sign;
    if (y === null || y === undefined) return sign;
    return (typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : x < y ? -1 : 1) * sign;
  };
}

const boolParam = (v: string | undefined, name: string): boolean | undefined => {
  if (v === undefined || v === '') return undefined;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  throw new HttpError(400, `${name} must be true or false, not "${v}".`);
};
const idList = (v: string | undefined, name: string): string[] | undefined =>
  v === undefined || v === '' ? undefined : v.split(',').map((x) => x.trim()).filter(Boolean).map((x) => {
    if (name !== 'Filter.ExternalIds' && !/^\d+$/.test(x)) throw new HttpError(400, `${name} must be a comma-separated list of ids, not "${v}".`);
    return x;
  });
const dateParam = (v: string | undefined, name: string): number | undefined => {
  if (!v) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new HttpError(400, `${name} must be a date, not "${v}".`);
  return t;
};

export interface BmsApi {
  app: Hono<Env>;
  invalidate(): void;
  /** finishes every job whose time has come (also done lazily on status reads) */
  tokens: Map<string, { exp: number; refresh: string; refreshExp: number; user: string }>;
}

export function bmsApiApp(getState: () => SandboxState, fs: FaultState, creds: () => Credentials): BmsApi {
  const app = new Hono<Env>();
  const tokens: BmsApi['tokens'] = new Map();
  const index = new Index(getState);
  const S = () => getState();

  const tenantCaps = capabilityHooks({
    caps: () => fs.faults.capabilities,
    error: (status, message) => bmsError(status, message),
    note: (kind) => fs.fault(kind),
    ruleFieldIds: () => [...S().bms.customFields.values()].filter((f) => f.Name === RULE_FIELD).map((f) => f.Id),
  });
  const hooks = {
    quota: true,
    before: tenantCaps.before,
    after: tenantCaps.after,
    error: (status: number, message: string) => bmsError(status, message),
    // v3: an application error is `success:false` inside an HTTP 200 (../shared/api-contract.md §6);
    // a missing or expired bearer token stays HTTP 401, throttling 429, failures 5xx
    finish: (r: Reply): Reply => {
      if (!fs.faults.errorsIn200 || r.status < 400 || r.status >= 500 || r.status === 429) return r;
      const b = r.body as { Success?: unknown } | undefined;
      return b && typeof b === 'object' && b.Success === false ? { ...r, status: 200 } : r;
    },
    shape: (body: unknown) => (fs.faults.bmsCasing === 'camel' ? camelKeys(body) : body),
    authenticate: (c: Context<Env>): Reply | null => {
      const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
      if (!m) return { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } };
      const t = tokens.get(m[1]);
      if (!t) return { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } };
      if (t.exp < Date.now()) {
        return { status: 401, headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="The token expired at '${new Date(t.exp).toISOString()}'"` } };
      }
      return null;
    },
  };
  const r = (method: Method, path: string, h: (c: Context<Env>) => Reply | Promise<Reply>, opts?: { auth?: boolean }) =>
    route(app, fs, hooks, method, '/v2' + path, h, opts);

  const validate = (schema: string, body: unknown, isArray = false) => {
    const v = isArray ? arrayValidator(schema) : validator(schema);
    if (!v(body)) throw new HttpError(400, `The request body does not match ${schema}${isArray ? '[]' : ''}.`, describeErrors(v.errors));
  };
  const pageOf = (c: Context<Env>) => {
    const size = Math.min(intParam(c.req.query('PageSize'), 'PageSize', { min: 1, def: 50 }), fs.faults.maxPageSize);
    const number = intParam(c.req.query('PageNumber'), 'PageNumber', { min: 1, def: 1 });
    return <T>(rows: T[]) => rows.slice((number - 1) * size, number * size);
  };
  const idParam = (c: Context<Env>, name: string) => intParam(c.req.param(name), name, { min: 0 });
  const account = (id: number) => {
    const a = S().bms.accounts.get(id);
    if (!a) throw new HttpError(404, `Account ${id} was not found.`);
    return a;
  };

  // ---------- security ----------
  const issue = (user: string): Reply => {
    const ttl = fs.faults.tokenTtlSec;
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const exp = Date.now() + ttl * 1000;
    const access = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: user, tenant: creds().tenant, exp: Math.floor(exp / 1000) })}.${randomBytes(16).toString('base64url')}`;
    const refresh = randomBytes(32).toString('base64url');
    const refreshExp = Date.now() + Math.max(ttl * 24, 86400) * 1000;
    tokens.set(access, { exp, refresh, refreshExp, user });
    return ok({ AccessToken: access, RefreshToken: refresh, AccessTokenExpireOn: new Date(exp).toISOString(), RefreshTokenExpireOn: new Date(refreshExp).toISOString() });
  };
  const formBody = async (c: Context<Env>): Promise<Record<string, string>> => {
    const type = c.req.header('content-type') ?? '';
    if (!/multipart\/form-data|application\/x-www-form-urlencoded/i.test(type)) {
      throw new HttpError(415, 'Send the credentials as form fields (multipart/form-data or application/x-www-form-urlencoded).');
    }
    const body = await c.req.parseBody();
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
  };
  r('POST', '/security/authenticate', async (c) => {
    const f = await formBody(c);
    if (!f.GrantType) throw new HttpError(400, 'GrantType is required.');
    if (f.GrantType !== 'password') throw new HttpError(400, `GrantType "${f.GrantType}" is not supported here; use "password".`);
    const cr = creds();
    if (!f.Tenant || f.Tenant.toLowerCase() !== cr.tenant.toLowerCase()) return bmsError(401, `Company "${f.Tenant ?? ''}" was not found.`);
    if (f.UserName !== cr.user || f.Password !== cr.password) return bmsError(401, 'Invalid user name or password.');
    return issue(f.UserName);
  }, { auth: false });
  r('POST', '/security/refreshtoken', async (c) => {
    const f = await formBody(c);
    if (!f.AccessToken) throw new HttpError(400, 'AccessToken is required.');
    const t = tokens.get(f.AccessToken);
    if (!t || t.refresh !== f.RefreshToken || t.refreshExp < Date.now()) return bmsError(401, 'The refresh token is invalid or has expired. Log in again.');
    tokens.delete(f.AccessToken);
    return issue(t.user);
  }, { auth: false });

  // legacy v1 token endpoint still used by older clients (../shared/api-contract.md, "Legacy v1 /api/token")
  // legacy v1 speaks OAuth's own shapes: no envelope, no casing change, real HTTP statuses
  const legacyHooks = { ...hooks, finish: undefined, shape: undefined };
  route(app, fs, legacyHooks, 'POST', '/api/token', async (c) => {
    const f = await formBody(c);
    const cr = creds();
    if (f.grant_type !== 'password') return { status: 400, body: { error: 'unsupported_grant_type' } };
    if (f.username !== cr.user || f.password !== cr.password || (f.tenant ?? '').toLowerCase() !== cr.tenant.toLowerCase()) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'The user name, password or tenant is incorrect.' } };
    }
    const issued = issue(f.username).body as { Result: { AccessToken: string } };
    return { status: 200, body: { access_token: issued.Result.AccessToken, token_type: 'bearer', expires_in: fs.faults.tokenTtlSec } };
  }, { auth: false });

  // ---------- accounts ----------
  r('GET', '/crm/accounts/lookup', (c) => {
    const q = c.req.query();
    // Filter.Ids is array<int32> (SPEC): repeated keys; one comma-joined value is not an integer
    const rawIds = c.req.queries('Filter.Ids') ?? [];
    for (const v of rawIds) if (!/^\d+$/.test(v)) throw new HttpError(400, `Filter.Ids: the value '${v}' is not valid for Int32 (send one Filter.Ids per id).`);
    const ids = rawIds.length ? rawIds.map(Number) : undefined;
    const name = q['Filter.Name']?.toLowerCase();
    const inactive = boolParam(q['Filter.WithInactiveAccounts'], 'Filter.WithInactiveAccounts') ?? false;
    let rows = [...S().bms.accounts.values()].filter(
      (a) => (inactive || a.IsActive) && (!ids || ids.includes(a.Id)) && (!name || a.AccountName.toLowerCase().includes(name)),
    ).map((a) => ({ Id: a.Id, Name: a.AccountName, TenantName: TENANT_NAME, IsActive: a.IsActive }));
    const sort = sorter(q.Sort, ['Id', 'Name']);
    if (sort) rows = rows.sort(sort);
    return ok(pageOf(c)(rows));
  });
  const summaryFilter = (c: Context<Env>) => {
    const q = c.req.query();
    const name = q['Filter.AccountName']?.toLowerCase();
    const code = q['Filter.AccountCode']?.toLowerCase();
    const typeId = q['Filter.AccountTypeId'] ? intParam(q['Filter.AccountTypeId'], 'Filter.AccountTypeId') : undefined;
    const active = boolParam(q['Filter.IsActive'], 'Filter.IsActive');
    const cFrom = dateParam(q['Filter.CreatedOnFrom'], 'Filter.CreatedOnFrom');
    const cTo = dateParam(q['Filter.CreatedOnTo'], 'Filter.CreatedOnTo');
    const mFrom = dateParam(q['Filter.ModifiedOnFrom'], 'Filter.ModifiedOnFrom');
    const mTo = dateParam(q['Filter.ModifiedOnTo'], 'Filter.ModifiedOnTo');
    return (a: BmsAccount) =>
      (!name || a.AccountName.toLowerCase().includes(name)) &&
      (!code || a.AccountCode.toLowerCase().includes(code)) &&
      (typeId === undefined || a.AccountTypeId === typeId) &&
      (active === undefined || a.IsActive === active) &&
      (cFrom === undefined || Date.parse(a.CreatedOn) >= cFrom) &&
      (cTo === undefined || Date.parse(a.CreatedOn) <= cTo) &&
      (mFrom === undefined || Date.parse(a.ModifiedOn) >= mFrom) &&
      (mTo === undefined || Date.parse(a.ModifiedOn) <= mTo);
  };
  r('GET', '/crm/accounts/summary', (c) => {
    const s = S();
    let rows = [...s.bms.accounts.values()].filter(summaryFilter(c));
    const sort = sorter(c.req.query('Sort'), ['Id', 'AccountName', 'AccountCode', 'CreatedOn', 'ModifiedOn']);
    if (sort) rows = rows.sort(sort as unknown as (a: BmsAccount, b: BmsAccount) => number);
    return paged(pageOf(c)(rows).map((a) => summaryOut(s, a, index.locations(a.Id))), rows.length);
  });
  r('GET', '/crm/accounts/summary/:id', (c) => {
    const a = account(idParam(c, 'id'));
    // the vendor document gives this path the bare DTO, without the envelope
    return { status: 200, body: summaryOut(S(), a, index.locations(a.Id)) };
  });
  r('POST', '/crm/accounts', async (c) => {
    const body = (await jsonBody(c)) as Record<string, unknown>;
    validate('AccountPostInputDto', body);
    const s = S();
    const locs = body.Locations as { LocationName: string; IsMain?: boolean; IsActive?: boolean; Addresses: { Address1?: string; City?: string }[] }[];
    if (!locs.length) throw new HttpError(400, 'An account needs at least one location.');
    if (locs.filter((l) => l.IsMain).length > 1) throw new HttpError(400, 'Only one location can be the Main location.');
    const name = (body.AccountName as string).trim();
    if ([...s.bms.accounts.values()].some((a) => a.AccountName === name)) throw new HttpError(400, `An account named "${name}" already exists.`);
    const code = (body.AccountCode as string | undefined) ?? null;
    if (code && [...s.bms.accounts.values()].some((a) => a.AccountCode === code)) throw new HttpError(400, `Account code "${code}" is already used.`);
    const Id = nextBmsId(s);
    const t = nowIso();
    const acc: BmsAccount = {
      Id, AccountCode: code ?? `ACC${String(Id).padStart(5, '0')}`, AccountName: name, AccountTypeId: body.AccountTypeId as number,
      BusinessTypeId: body.BusinessTypeId as number, AccountManagerId: body.AccountManagerId as number,
      ParentId: (body.ParentId as number | null) ?? null, Website: (body.Website as string | null) ?? null,
      Description: (body.Description as string | null) ?? null, IsActive: (body.IsActive as boolean | null) ?? true, CreatedOn: t, ModifiedOn: t,
    };
    s.bms.accounts.set(Id, acc);
    locs.forEach((l, i) => {
      const lid = nextBmsId(s);
      s.bms.locations.set(lid, {
        Id: lid, AccountId: Id, LocationName: l.LocationName, IsMain: l.IsMain ?? (i === 0 && !locs.some((x) => x.IsMain)),
        IsActive: l.IsActive ?? true, CreatedOn: t, ModifiedOn: t, Address1: l.Addresses[0]?.Address1 ?? null, City: l.Addresses[0]?.City ?? null,
      });
    });
    index.dirty();
    fs.write();
    return ok(summaryOut(s, acc, index.locations(Id)));
  });
  r('PUT', '/crm/accounts/:id', async (c) => {
    const a = account(idParam(c, 'id'));
    const body = (await jsonBody(c)) as Record<string, unknown>;
    validate('AccountPutInputDto', body);
    const name = (body.AccountName as string).trim();
    if ([...S().bms.accounts.values()].some((x) => x.Id !== a.Id && x.AccountName === name)) throw new HttpError(400, `An account named "${name}" already exists.`);
    Object.assign(a, {
      AccountName: name, AccountTypeId: body.AccountTypeId, BusinessTypeId: body.BusinessTypeId, AccountManagerId: body.AccountManagerId,
      ParentId: body.ParentId ?? null, Website: body.Website ?? null, Description: body.Description ?? null,
      IsActive: body.IsActive ?? a.IsActive, AccountCode: (body.AccountCode as string | undefined) ?? a.AccountCode, ModifiedOn: nowIso(),
    });
    fs.write();
    return ok(summaryOut(S(), a, index.locations(a.Id)));
  });
  r('PATCH', '/crm/accounts/:id', async (c) => {
    const a = account(idParam(c, 'id'));
    const ops = await jsonBody(c);
    validate('Operation', ops, true);
    const allowed = new Set(['AccountName', 'AccountCode', 'Website', 'Description', 'IsActive', 'ParentId', 'AccountTypeId', 'BusinessTypeId', 'AccountManagerId']);
    for (const op of ops as { op?: string; path?: string; value?: unknown }[]) {
      const field = (op.path ?? '').replace(/^\//, '');
      if (op.op !== 'replace' || !allowed.has(field)) throw new HttpError(400, `Patch operation ${op.op} ${op.path} is not supported.`);
      (a as unknown as Record<string, unknown>)[field] = op.value;
    }
    a.ModifiedOn = nowIso();
    fs.write();
    return ok(summaryOut(S(), a, index.locations(a.Id)));
  });

  // ---------- locations ----------
  r('GET', '/crm/accounts/:accountId/locations/lookup', (c) => {
    const a = account(idParam(c, 'accountId'));
    return ok(index.locations(a.Id).filter((l) => l.IsActive).map((l) => ({ Id: l.Id, Name: l.LocationName, AccountId: l.AccountId, IsMain: l.IsMain })));
  });
  r('GET', '/crm/accounts/:accountId/locations/:locationId', (c) => {
    const a = account(idParam(c, 'accountId'));
    const l = S().bms.locations.get(idParam(c, 'locationId'));
    if (!l || l.AccountId !== a.Id) throw new HttpError(404, `Location ${c.req.param('locationId')} of account ${a.Id} was not found.`);
    return ok(locationOut(l));
  });
  // v2 has no call that adds or changes a location of an existing account (absent in the vendor
  // document, ../shared/api-contract.md §7): only the legacy v1 API below does

  // ---------- legacy v1: /api/crm/locations (RUBY), signed in with the v1 token of /api/token ----------
  // [assumed] v1 bodies and answers: PascalCase JSON objects, failures as HTTP statuses with {Message}
  const v1 = (method: Method, path: string, h: (c: Context<Env>) => Reply | Promise<Reply>) => route(app, fs, legacyHooks, method, path, h);
  const v1Error = (status: number, message: string): Reply => ({ status, body: { Message: message }, raw: true });
  const v1Location = (l: BmsLocation) => ({ Id: l.Id, AccountId: l.AccountId, LocationName: l.LocationName, IsMain: l.IsMain, IsActive: l.IsActive, Addresses: locationOut(l).Addresses });
  const v1Body = async (c: Context<Env>) => {
    const b = (await jsonBody(c)) as Record<string, unknown>;
    if (!b || typeof b !== 'object' || Array.isArray(b)) throw new HttpError(400, 'The request body must be a JSON object.');
    return b;
  };
  v1('POST', '/api/crm/locations', async (c) => {
    const body = await v1Body(c);
    const accountId = typeof body.AccountId === 'number' ? body.AccountId : NaN;
    const a = S().bms.accounts.get(accountId);
    if (!a) return v1Error(404, `Account ${String(body.AccountId)} was not found.`);
    const name = typeof body.LocationName === 'string' ? body.LocationName.trim() : '';
    if (!name) return v1Error(400, 'LocationName is required.');
    if (!Array.isArray(body.Addresses)) return v1Error(400, 'Addresses is required (an array, may be empty).');
    if (index.locations(a.Id).some((l) => l.LocationName.toLowerCase() === name.toLowerCase())) return v1Error(409, `Account ${a.Id} already has a location named "${name}".`);
    const s = S();
    const t = nowIso();
    const lid = nextBmsId(s);
    const addr = (body.Addresses as { Address1?: string; City?: string }[])[0];
    const loc: BmsLocation = { Id: lid, AccountId: a.Id, LocationName: name, IsMain: false, IsActive: true, CreatedOn: t, ModifiedOn: t, Address1: addr?.Address1 ?? null, City: addr?.City ?? null };
    s.bms.locations.set(lid, loc);
    index.dirty();
    fs.write();
    return { status: 200, body: v1Location(loc) };
  });
  const v1Loc = (c: Context<Env>) => S().bms.locations.get(idParam(c, 'id'));
  // rename, (de)activate, "Convert to Main" [assumed: v1 PUT takes IsMain; the documentation shows none]
  v1('PUT', '/api/crm/locations/:id', async (c) => {
    const l = v1Loc(c);
    if (!l) return v1Error(404, `Location ${c.req.param('id')} was not found.`);
    const body = await v1Body(c);
    for (const k of Object.keys(body)) if (!['LocationName', 'IsMain', 'IsActive', 'Addresses', 'AccountId', 'Id'].includes(k)) return v1Error(400, `Unknown field ${k}.`);
    if (body.LocationName !== undefined && (typeof body.LocationName !== 'string' || !body.LocationName.trim())) return v1Error(400, 'LocationName must not be empty.');
    if (body.IsMain !== undefined && typeof body.IsMain !== 'boolean') return v1Error(400, 'IsMain must be true or false.');
    if (body.IsActive !== undefined && typeof body.IsActive !== 'boolean') return v1Error(400, 'IsActive must be true or false.');
    if (body.IsMain === false && l.IsMain) return v1Error(400, 'Make another location Main instead; an account always has one Main location.');
    if (body.IsActive === false && (body.IsMain ?? l.IsMain)) return v1Error(400, 'The Main location cannot be deactivated.');
    if (body.IsMain) for (const x of index.locations(l.AccountId)) x.IsMain = false;
    if (typeof body.LocationName === 'string') l.LocationName = body.LocationName.trim();
    if (typeof body.IsMain === 'boolean') l.IsMain = body.IsMain;
    if (typeof body.IsActive === 'boolean') l.IsActive = body.IsActive;
    l.ModifiedOn = nowIso();
    fs.write();
    return { status: 200, body: v1Location(l) };
  });
  v1('DELETE', '/api/crm/locations/:id', (c) => {
    const l = v1Loc(c);
    if (!l) return v1Error(404, `Location ${c.req.param('id')} was not found.`);
    if (l.IsMain) return v1Error(400, 'The Main location cannot be deleted.');
    S().bms.locations.delete(l.Id);
    index.dirty();
    fs.write();
    return { status: 204 };
  });
  r('GET', '/system/locations/lookup', () => ok([{ Id: 1, Name: 'MSP Head Office', IsMain: true }]));

  // ---------- departments ----------
  r('GET', '/admin/hr/departments/lookup', () => ok([{ Id: 1, Name: 'Service Desk' }, { Id: 2, Name: 'Projects' }, { Id: 3, Name: 'Sales' }]));
  // [assumed] per-account departments
  r('GET', '/crm/accounts/:accountId/departments', (c) => {
    const a = account(idParam(c, 'accountId'));
    return ok([...S().bms.departments.values()].filter((d) => d.AccountId === a.Id).map((d) => ({ ...d })));
  });
  r('POST', '/crm/accounts/:accountId/departments', async (c) => {
    const a = account(idParam(c, 'accountId'));
    const body = (await jsonBody(c)) as { Name: string; IsActive?: boolean | null };
    validate('AccountDepartmentInputDto', body);
    const s = S();
    const Id = nextBmsId(s);
    const d = { Id, AccountId: a.Id, Name: body.Name, IsActive: body.IsActive ?? true };
    s.bms.departments.set(Id, d);
    fs.write();
    return ok({ ...d });
  });

  // ---------- custom fields ----------
  r('GET', '/system/customFields/:moduleId', (c) => {
    const moduleId = idParam(c, 'moduleId');
    const withInactive = boolParam(c.req.query('withInactive'), 'withInactive') ?? false;
    return ok([...S().bms.customFields.values()].filter((f) => f.ModuleId === moduleId && (withInactive || f.IsActive))
      .map((f) => ({ Id: f.Id, Name: f.Name, DataType: f.DataType, IsRequired: f.IsRequired, ErrorMessage: null, IsActive: f.IsActive, Settings: [] })));
  });
  r('GET', '/system/customFields/:moduleId/:objectId', (c) => {
    const moduleId = idParam(c, 'moduleId');
    const objectId = idParam(c, 'objectId');
    return ok([...S().bms.customFields.values()].filter((f) => f.ModuleId === moduleId).map((f) => ({
      Id: f.Id, Name: f.Name, Data: S().bms.customFieldData.get(`${moduleId}/${objectId}/${f.Id}`) ?? null, SettingsId: 0, CustomFieldType: f.DataType, CustomFieldId: f.Id,
    })));
  });
  r('PUT', '/system/customFields/data/:moduleId/:entityId/:customFieldId', async (c) => {
    const moduleId = idParam(c, 'moduleId');
    const entityId = idParam(c, 'entityId');
    const fieldId = idParam(c, 'customFieldId');
    const f = S().bms.customFields.get(fieldId);
    if (!f || f.ModuleId !== moduleId) throw new HttpError(404, `Custom field ${fieldId} of module ${moduleId} was not found.`);
    const body = (await jsonBody(c)) as { Value?: string | null };
    validate('CustomFieldDataPutInputDto', body);
    S().bms.customFieldData.set(`${moduleId}/${entityId}/${fieldId}`, body.Value ?? '');
    fs.write();
    return ok({ Id: fieldId, CreatedBy: 1, CreatedOn: nowIso(), ModifiedBy: 1, ModifiedOn: nowIso(), Value: body.Value ?? null, EntityId: entityId, CustomFieldName: f.Name, CustomFieldId: fieldId, ModuleName: 'Accounts', ModuleId: moduleId });
  });

  // ---------- lookup tables ----------
  r('GET', '/system/lookup/:tableName', (c) => {
    const name = c.req.param('tableName') ?? '';
    if (name.toLowerCase() !== CATEGORY_TABLE.toLowerCase()) throw new HttpError(404, `Lookup table "${name}" was not found.`);
    return ok(S().bms.categories.map((x) => ({ Id: x.Id, Name: x.Name, IsDefault: x.Id === 1, IsActive: true })));
  });

  // ---------- contracts and tickets (F18) ----------
  riskRoutes((m, p, h) => r(m, p, h), S, () => fs.faults.maxPageSize);

  // ---------- hardware assets ----------
  r('GET', '/servicedesk/hardwareasset/searchselect', (c) => {
    const q = c.req.query();
    const s = S();
    const cats = idList(q['Filter.CategoryIds'], 'Filter.CategoryIds')?.map(Number);
    const accountId = q['Filter.AccountId'] ? intParam(q['Filter.AccountId'], 'Filter.AccountId') : undefined;
    const active = boolParam(q['Filter.IsActive'], 'Filter.IsActive');
    const contains = (v: string | null, f: string | undefined) => !f || (v ?? '').toLowerCase().includes(f.toLowerCase());
    let rows = [...s.bms.assets.values()].filter((a) =>
      (!cats || cats.includes(a.CategoryId)) &&
      (accountId === undefined || a.AccountId === accountId) &&
      (active === undefined || a.IsActive === active) &&
      contains(a.Name, q['Filter.AssetName']) &&
      (!q['Filter.MachineGroupId'] || a.MachineGroupId === q['Filter.MachineGroupId']) &&
      contains(a.SerialNumber, q['Filter.SerialNumber']) &&
      contains(a.IpAddress, q['Filter.IPAddress']) &&
      contains(a.Description, q['Filter.Description']) &&
      contains(s.bms.locations.get(a.AccountLocationId)?.LocationName ?? null, q['Filter.LocationName']) &&
      (!q['Filter.ExcludedId'] || String(a.Id) !== q['Filter.ExcludedId']),
    );
    const sort = sorter(q.Sort, ['Id', 'Name', 'AccountId']);
    if (sort) rows = rows.sort(sort as unknown as (a: BmsAsset, b: BmsAsset) => number);
    return ok(pageOf(c)(rows).map((a) => assetSearchOut(s, a)));
  });
  const assetOr404 = (id: number) => {
    const a = S().bms.assets.get(id);
    if (!a) throw new HttpError(404, `Hardware asset ${id} was not found.`);
    return a;
  };
  r('GET', '/servicedesk/hardwareasset/:assetId', (c) => ok(assetOut(S(), assetOr404(idParam(c, 'assetId')))));
  r('GET', '/servicedesk/hardwareasset/:deviceId/status', (c) => {
    const a = assetOr404(idParam(c, 'deviceId'));
    const agent = a.AgentId ? S().vsa.agents.get(a.AgentId) : undefined;
    return ok({ IsOnline: !!agent && [1, 2, 11, 12].includes(agent.Online) });
  });
  const assetFromInput = (body: Record<string, unknown>, base: Partial<BmsAsset>): BmsAsset => {
    const s = S();
    const acc = account(body.AccountId as number);
    const loc = s.bms.locations.get(body.AccountLocationId as number);
    if (!loc || loc.AccountId !== acc.Id) throw new HttpError(400, `Location ${String(body.AccountLocationId)} does not belong to account ${acc.Id}.`);
    if (!s.bms.categories.some((c) => c.Id === body.CategoryId)) throw new HttpError(400, `Category ${String(body.CategoryId)} does not exist.`);
    const depId = (body.DepartmentId as number | null | undefined) ?? null;
    if (depId !== null) {
      const d = s.bms.departments.get(depId);
      if (!d || d.AccountId !== acc.Id) throw new HttpError(400, `Department ${depId} does not belong to account ${acc.Id}.`);
    }
    const str = (k: string) => (body[k] as string | null | undefined) ?? null;
    const t = nowIso();
    return {
      Id: base.Id ?? 0, Name: (body.Name as string).trim(), AccountId: acc.Id, AccountLocationId: loc.Id, CategoryId: body.CategoryId as number,
      DepartmentId: depId, SerialNumber: str('SerialNumber'), MachineGroupId: str('MachineGroupId'), ComputerName: str('ComputerName'),
      IpAddress: str('IpAddress'), MacAddress: str('MacAddress'), OsType: str('OsType'), OsInfo: str('OsInfo'),
      IsActive: (body.IsActive as boolean | null | undefined) ?? base.IsActive ?? true, AgentId: base.AgentId ?? null,
      IntegrationTypeId: base.IntegrationTypeId ?? null, FirstCheckIn: str('FirstCheckIn'), LastCheckIn: str('LastCheckIn'),
      LastReboot: str('LastReboot'), Description: str('Description'), CreatedOn: base.CreatedOn ?? t, ModifiedOn: t,
    };
  };
  r('POST', '/servicedesk/hardwareasset', async (c) => {
    const body = (await jsonBody(c)) as Record<string, unknown>;
    validate('HardwareAssetInputDto', body);
    const s = S();
    const asset = assetFromInput(body, {});
    asset.Id = nextBmsId(s);
    s.bms.assets.set(asset.Id, asset);
    fs.write();
    return ok(assetOut(s, asset));
  });
  r('PUT', '/servicedesk/hardwareasset/:assetId', async (c) => {
    const existing = assetOr404(idParam(c, 'assetId'));
    const body = (await jsonBody(c)) as Record<string, unknown>;
    validate('HardwareAssetInputDto', body);
    const asset = assetFromInput(body, existing);
    S().bms.assets.set(asset.Id, asset);
    fs.write();
    return ok(assetOut(S(), asset));
  });
  r('DELETE', '/servicedesk/hardwareasset/:Id', (c) => {
    const a = assetOr404(idParam(c, 'Id'));
    S().bms.assets.delete(a.Id);
    fs.write();
    return { status: 200 };
  });

  // ---------- RMM integration ----------
  const integration = (c: Context<Env>) => {
    const t = c.req.param('integrationType') ?? '';
    if (t.toLowerCase() !== 'vsa') throw new HttpError(404, `Integration type "${t}" is not configured on this tenant.`);
    return t.toLowerCase();
  };
  let settings = {
    Name: 'Kaseya VSA', IsEnabled: true, Username: 'integrator', PasswordOrToken: null as string | null, TargetUrl: 'vsa.example',
    UseAccessToken: true, IsAutoAccountPushEnabled: false, IsAssetNightlySyncEnabled: true, IsParentModeConfigEnabled: false, ParentModeRootOrg: null as string | null,
  };
  r('GET', '/rmm/integrations', () => ok([{ Type: VSA_INTEGRATION_TYPE_ID, Enabled: settings.IsEnabled, Target: settings.TargetUrl, EnableRemoteConnect: false, ShowServerAddressOnTicket: false }]));
  r('GET', '/rmm/:integrationType', (c) => {
    integration(c);
    return ok({ ...settings, PasswordOrToken: null });
  });
  for (const m of ['POST', 'PUT'] as const) {
    r(m, '/rmm/:integrationType', async (c) => {
      integration(c);
      const body = await jsonBody(c);
      validate('IntegrationSettingDto', body);
      settings = { ...settings, ...(body as typeof settings) };
      fs.write();
      return ok({ ...settings, PasswordOrToken: null });
    });
  }
  r('GET', '/rmm/:integrationType/status', (c) => {
    integration(c);
    return ok({ IsEnabled: settings.IsEnabled });
  });

  const newJob = (kind: BmsJob['kind'], ActionType: number, Details: BmsJobDetail[]): Reply => {
    const s = S();
    s.nextId.job += 1;
    const JobId = 9_000_000 + s.nextId.job;
    s.bms.jobs.set(JobId, { JobId, kind, ActionType, JobStatus: 'Processing', readyAt: Date.now() + fs.faults.jobDelayMs, Details });
    return ok({ JobId: String(JobId) });
  };
  const jobStatus = (c: Context<Env>, kind: BmsJob['kind']): Reply => {
    integration(c);
    const id = intParam(c.req.param('jobId'), 'jobId', { min: 0 });
    const job = S().bms.jobs.get(id);
    if (!job || job.kind !== kind) throw new HttpError(404, `Job ${id} was not found.`);
    const done = Date.now() >= job.readyAt;
    const status = !done ? 'Processing' : job.Details.some((d) => d.StatusCode !== '200') ? 'CompletedWithErrors' : 'Completed';
    const Details = done
      ? job.Details.map((d) => kind === 'assets'
        ? { StatusCode: d.StatusCode, StatusMessage: d.StatusMessage, TransactionId: d.TransactionId, AssetId: d.AssetId ?? null, PsaAssetId: d.PsaAssetId ?? null }
        : { StatusCode: d.StatusCode, StatusMessage: d.StatusMessage, ExternalId: d.ExternalId ?? null, PsaId: d.PsaId ?? null })
      : [];
    return ok({ JobId: job.JobId, JobStatus: status, ActionType: job.ActionType, Details });
  };

  // mappings: the integration's own record of which org is which account
  r('GET', '/rmm/:integrationType/mappings/:entityType', (c) => {
    const t = integration(c);
    const q = c.req.query();
    const ext = idList(q['Filter.ExternalIds'], 'Filter.ExternalIds');
    const psa = idList(q['Filter.PsaIds'], 'Filter.PsaIds')?.map(Number);
    let rows = [...mappingStore(S(), t, c.req.param('entityType') ?? '').values()].filter(
      (m) => (!ext || ext.includes(m.ExternalId)) && (!psa || psa.includes(m.PsaId)),
    );
    const sort = sorter(q.Sort, ['ExternalId', 'PsaId', 'CreatedOn']);
    if (sort) rows = rows.sort(sort as never);
    return paged(pageOf(c)(rows).map((m) => ({ ...m })), rows.length);
  });
  r('POST', '/rmm/:integrationType/mappings/:entityType', async (c) => {
    const t = integration(c);
    const entity = c.req.param('entityType') ?? '';
    const body = await jsonBody(c);
    validate('ImportEntityMappingInputDto', body, true);
    const s = S();
    const store = mappingStore(s, t, entity);
    const details: BmsJobDetail[] = [];
    let changed = 0;
    for (const item of body as { ExternalId?: string | null; PsaId?: number }[]) {
      const d = (code: string, msg: string): BmsJobDetail => ({ StatusCode: code, StatusMessage: msg, TransactionId: null, ExternalId: item.ExternalId ?? null, PsaId: item.PsaId ?? null });
      if (!item.ExternalId) { details.push(d('400', 'ExternalId is required.')); continue; }
      if (entity.toLowerCase() === 'account') {
        const acc = item.PsaId !== undefined ? s.bms.accounts.get(item.PsaId) : undefined;
        if (!acc) { details.push(d('404', `Account ${item.PsaId ?? '(none)'} was not found.`)); continue; }
        if (!acc.IsActive) { details.push(d('400', `Account ${acc.Id} is inactive.`)); continue; }
        if (t === 'vsa' && !s.vsa.orgs.has(item.ExternalId)) { details.push(d('404', `VSA organization ${item.ExternalId} was not found.`)); continue; }
      }
      const other = [...store.values()].find((m) => m.PsaId === item.PsaId && m.ExternalId !== item.ExternalId);
      if (other) { details.push(d('409', `Account ${item.PsaId} is already mapped to ${other.ExternalId}.`)); continue; }
      const cur = store.get(item.ExternalId);
      if (!cur || cur.PsaId !== item.PsaId) {
        store.set(item.ExternalId, { ExternalId: item.ExternalId, PsaId: item.PsaId!, CreatedOn: nowIso() });
        changed++;
      }
      details.push(d('200', cur && cur.PsaId === item.PsaId ? 'Unchanged.' : 'Mapped.'));
    }
    if (changed) fs.write(changed);
    return newJob('mappings', 1, details);
  });
  r('DELETE', '/rmm/:integrationType/mappings/:entityType', async (c) => {
    const t = integration(c);
    const body = await jsonBody(c);
    validate('DeleteEntityMappingInputDto', body, true);
    const store = mappingStore(S(), t, c.req.param('entityType') ?? '');
    const details: BmsJobDetail[] = [];
    let changed = 0;
    for (const item of body as { ExternalId?: string | null }[]) {
      const cur = item.ExternalId ? store.get(item.ExternalId) : undefined;
      if (cur) { store.delete(cur.ExternalId); changed++; }
      details.push({ StatusCode: cur ? '200' : '404', StatusMessage: cur ? 'Deleted.' : `No mapping for ${item.ExternalId ?? '(none)'}.`, TransactionId: null, ExternalId: item.ExternalId ?? null, PsaId: cur?.PsaId ?? null });
    }
    if (changed) fs.write(changed);
    return newJob('mappings', 3, details);
  });
  r('GET', '/rmm/:integrationType/mappings/status/:jobId', (c) => jobStatus(c, 'mappings'));

  // assets pushed by the integration, in bulk: upsert by AgentId
  const pushAssets = async (c: Context<Env>, mode: 'create' | 'update'): Promise<Reply> => {
    const t = integration(c);
    const body = await jsonBody(c);
    validate('IntegrationtAssetInputDto', body, true);
    const s = S();
    const byAgent = new Map<string, BmsAsset>();
    for (const a of s.bms.assets.values()) if (a.AgentId && a.IntegrationTypeId === VSA_INTEGRATION_TYPE_ID) byAgent.set(a.AgentId, a);
    const mappings = mappingStore(s, t, 'account');
    const details: BmsJobDetail[] = [];
    let writes = 0;
    for (const item of body as IntegrationAssetInput[]) {
      const d = (code: string, msg: string, psa: number | null = null): BmsJobDetail => ({ StatusCode: code, StatusMessage: msg, TransactionId: item.TransactionId ?? null, AssetId: item.AssetId ?? item.AgentId ?? null, PsaAssetId: psa });
      try {
        if (!item.AgentId) { details.push(d('400', 'AgentId is required.')); continue; }
        const existing = byAgent.get(item.AgentId);
        if (mode === 'update' && !existing) { details.push(d('404', `No asset is linked to agent ${item.AgentId}.`)); continue; }
        // account: the org's mapping, else an account with the org's exact name, else a new account (F1)
        const orgId = item.Organization?.Id ?? null;
        const orgName = (item.Organization?.Name ?? '').trim();
        let acc = orgId ? s.bms.accounts.get(mappings.get(orgId)?.PsaId ?? -1) : undefined;
        if (!acc && orgName) acc = [...s.bms.accounts.values()].find((a) => a.IsActive && a.AccountName.toLowerCase() === orgName.toLowerCase());
        if (!acc) {
          if (!orgName) { details.push(d('400', 'Organization.Name is required when the organization has no mapping.')); continue; }
          const Id = nextBmsId(s);
          const tt = nowIso();
          acc = { Id, AccountCode: `ACC${String(Id).padStart(5, '0')}`, AccountName: orgName, AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1, ParentId: null, Website: null, Description: 'Created by the VSA integration', IsActive: true, CreatedOn: tt, ModifiedOn: tt };
          s.bms.accounts.set(Id, acc);
          const lid = nextBmsId(s);
          s.bms.locations.set(lid, { Id: lid, AccountId: Id, LocationName: 'Main', IsMain: true, IsActive: true, CreatedOn: tt, ModifiedOn: tt, Address1: null, City: null });
          index.dirty();
          if (orgId) mappings.set(orgId, { ExternalId: orgId, PsaId: Id, CreatedOn: tt });
          writes++;
        }
        const locs = index.locations(acc.Id);
        const loc = item.LocationId ? locs.find((l) => String(l.Id) === String(item.LocationId)) : locs.find((l) => l.IsMain);
        if (!loc) { details.push(d('400', `Location ${item.LocationId ?? '(Main)'} does not belong to account ${acc.Id}.`)); continue; }
        if (!loc.IsActive) { details.push(d('400', `Location ${loc.Id} is inactive.`)); continue; }
        let depId: number | null = existing?.DepartmentId ?? null;
        if (item.DepartmentId !== undefined) {
          depId = item.DepartmentId === null || item.DepartmentId === '' ? null : Number(item.DepartmentId);
          if (depId !== null) {
            const dep = s.bms.departments.get(depId);
            if (!dep || dep.AccountId !== acc.Id) { details.push(d('400', `Department ${item.DepartmentId} does not belong to account ${acc.Id}.`)); continue; }
          }
        }
        const det = item.AssetDetails ?? {};
        const net = item.AssetNetworkDetails ?? {};
        const cat = s.bms.categories.find((x) => x.Name.toLowerCase() === (item.Type ?? '').toLowerCase())?.Id ?? existing?.CategoryId ?? 1;
        const tt = nowIso();
        const next: BmsAsset = {
          Id: existing?.Id ?? nextBmsId(s), Name: item.Name ?? existing?.Name ?? item.AgentId, AccountId: acc.Id, AccountLocationId: loc.Id,
          CategoryId: cat, DepartmentId: depId, SerialNumber: pick(det.SerialNumber, existing?.SerialNumber), MachineGroupId: item.MachineGroupId ?? existing?.MachineGroupId ?? null,
          ComputerName: item.Name ?? existing?.ComputerName ?? null, IpAddress: pick(net.IpAddress, existing?.IpAddress), MacAddress: pick(net.MacAddress, existing?.MacAddress),
          OsType: pick(det.OsType, existing?.OsType), OsInfo: pick(det.OsInfo, existing?.OsInfo), IsActive: true, AgentId: item.AgentId,
          IntegrationTypeId: VSA_INTEGRATION_TYPE_ID, FirstCheckIn: pick(det.FirstCheckIn, existing?.FirstCheckIn), LastCheckIn: pick(det.LastCheckIn, existing?.LastCheckIn),
          LastReboot: pick(det.LastReboot, existing?.LastReboot), Description: item.Description ?? existing?.Description ?? null,
          CreatedOn: existing?.CreatedOn ?? tt, ModifiedOn: tt,
        };
        const changed = !existing || JSON.stringify({ ...existing, ModifiedOn: '' }) !== JSON.stringify({ ...next, ModifiedOn: '' });
        if (changed) {
          s.bms.assets.set(next.Id, next);
          byAgent.set(item.AgentId, next);
          writes++;
        }
        details.push(d('200', existing ? (changed ? 'Updated.' : 'Unchanged.') : 'Created.', next.Id));
      } catch (e) {
        details.push(d('400', e instanceof Error ? e.message : String(e)));
      }
    }
    if (writes) fs.write(writes);
    return newJob('assets', mode === 'create' ? 1 : 2, details);
  };
  r('POST', '/rmm/:integrationType/assets', (c) => pushAssets(c, 'create'));
  r('PUT', '/rmm/:integrationType/assets', (c) => pushAssets(c, 'update'));
  r('PUT', '/rmm/:integrationType/assets/deactivate', async (c) => {
    integration(c);
    const body = await jsonBody(c);
    validate('IntegrationDeactivateAssetInputDto', body, true);
    const s = S();
    const details: BmsJobDetail[] = [];
    let writes = 0;
    for (const item of body as { TransactionId?: string | null; AssetId?: string | null }[]) {
      const a = [...s.bms.assets.values()].find((x) => x.AgentId !== null && x.AgentId === item.AssetId);
      if (a && a.IsActive) { a.IsActive = false; a.ModifiedOn = nowIso(); writes++; }
      details.push({ StatusCode: a ? '200' : '404', StatusMessage: a ? 'Deactivated.' : `No asset is linked to agent ${item.AssetId ?? '(none)'}.`, TransactionId: item.TransactionId ?? null, AssetId: item.AssetId ?? null, PsaAssetId: a?.Id ?? null });
    }
    if (writes) fs.write(writes);
    return newJob('assets', 3, details);
  });
  r('GET', '/rmm/:integrationType/assets/status/:jobId', (c) => jobStatus(c, 'assets'));

  app.notFound((c) => c.json(hooks.shape(bmsError(404, `No such endpoint: ${c.req.method} ${c.req.path}`).body) as object, 404));
  return { app, invalidate: () => index.dirty(), tokens };
}

/** the keys as BMS tenants send them: first letter lower-cased (`Result.AccessToken` → `result.accessToken`) */
export function camelKeys(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(camelKeys);
  if (body === null || typeof body !== 'object') return body;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) out[k ? k[0].toLowerCase() + k.slice(1) : k] = camelKeys(v);
  return out;
}

const pick = <T>(v: T | null | undefined, fallback: T | null | undefined): T | null => (v === undefined ? (fallback ?? null) : v);

interface IntegrationAssetInput {
  TransactionId?: string | null;
  AssetId?: string | null;
  AgentId?: string | null;
  Organization?: { Id?: string | null; Name?: string | null };
  Name?: string | null;
  Description?: string | null;
  MachineGroupId?: string | null;
  Type?: string | null;
  LocationId?: string | null;
  DepartmentId?: string | null;
  AssetDetails?: { SerialNumber?: string | null; OsType?: string | null; OsInfo?: string | null; FirstCheckIn?: string | null; LastCheckIn?: string | null; LastReboot?: string | null };
  AssetNetworkDetails?: { IpAddress?: string | null; MacAddress?: string | null };
}
