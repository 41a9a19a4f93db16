/**
 * Fake Kaseya BMS REST API v2, from the vendor's OpenAPI document (validated request bodies,
 * responses shaped by its DTOs) plus the few endpoints ../shared/api-contract.md marks as assumed.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { HttpError, intParam, route, type Env, type Method, type Reply } from './api';
import { capabilityHooks, RULE_FIELD, VSA_INTEGRATION_TYPE_ID } from './capabilities';
import type { Credentials } from './vsa';
import type { FaultState } from './faults';
import type { SandboxState } from './model';
import { arrayValidator, describeErrors, validator } from './openapi';
import { riskRoutes } from './bms-risk';
import { bmsError, Index, ok, type BmsCtx } from './bms-shared';
import { crmRoutes } from './bms-crm';
import { legacyV1Routes } from './bms-legacy-v1';
import { assetRoutes } from './bms-assets';
import { rmmRoutes } from './bms-rmm';

export { bmsError };
/** the integration type id BMS stores on assets pushed by the VSA integration [assumed] */
export { VSA_INTEGRATION_TYPE_ID };

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

  // the route groups, in the order their paths must be tried
  const ctx: BmsCtx = {
    r, v1: (method, path, h) => route(app, fs, legacyHooks, method, path, h), fs, S, index, validate, pageOf, idParam, account,
  };
  crmRoutes(ctx);
  legacyV1Routes(ctx);
  // ---------- contracts and tickets (F18) ----------
  riskRoutes((m, p, h) => r(m, p, h), S, () => fs.faults.maxPageSize);
  assetRoutes(ctx);
  rmmRoutes(ctx);

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

