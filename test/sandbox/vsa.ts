/**
 * Fake Kaseya VSA REST API (/api/v1.0), per ../shared/api-contract.md:
 * envelope { TotalRecords?, Result, ResponseCode, Status, Error }, OData $top/$skip/$filter/$orderby,
 * GET /auth with the hashed Basic credential string or a personal access token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { HttpError, intParam, jsonBody, route, type Env, type Reply } from './api';
import type { FaultState } from './faults';
import { nextVsaId, type SandboxState, type VsaAgent, type VsaMachineGroup, type VsaOrg } from './model';
import { parseFilter, parseOrderBy } from './odata';

export interface Credentials {
  user: string;
  password: string;
  tenant: string;
  vsaToken: string;
}

const PREFIX = '/api/v1.0';
/** [assumed] VSA's rule for OrgRef: short, unique, no spaces or dots (dots separate machine ids). */
export const ORG_REF_RULE = /^[a-z0-9][a-z0-9_-]{0,99}$/;

const ok = (Result: unknown, extra: Record<string, unknown> = {}): Reply => ({
  status: 200,
  body: { ...extra, Result, ResponseCode: 0, Status: 'OK', Error: 'None' },
});
const vsaError = (status: number, message: string): Reply => ({
  status,
  body: { Result: null, ResponseCode: status, Status: 'Error', Error: message },
});

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

const ORG_FIELDS = new Set(['OrgId', 'OrgName', 'OrgRef', 'OrgType', 'ParentOrgId', 'DefaultMachineGroupName', 'DefaultDepartmentName', 'Website']);
const GROUP_FIELDS = new Set(['MachineGroupId', 'MachineGroupName', 'OrgId', 'ParentMachineGroupId']);
const AGENT_FIELDS = new Set(['AgentId', 'AgentName', 'ComputerName', 'OrgId', 'MachineGroupId', 'MachineGroup', 'OSType', 'OSInfo', 'IPAddress', 'LastCheckInTime', 'Online']);

export function vsaApp(getState: () => SandboxState, fs: FaultState, creds: () => Credentials): Hono<Env> {
  const app = new Hono<Env>();
  const tokens = new Map<string, number>();

  const hooks = {
    quota: false,
    error: vsaError,
    // v3: failures come as ResponseCode inside an HTTP 200 (../shared/api-contract.md §2), a refused
    // login even as `"ResponseCode": 401, "Status": "OK", "Error": "None"`; throttling and 5xx stay HTTP
    finish: (r: Reply): Reply => {
      if (!fs.faults.errorsIn200 || r.status < 400 || r.status >= 500 || r.status === 429) return r;
      const b = (r.body ?? {}) as Record<string, unknown>;
      if (r.status === 401) return { ...r, status: 200, body: { ...b, Result: null, ResponseCode: 401, Status: 'OK', Error: 'None' } };
      return { ...r, status: 200, body: { ...b, ResponseCode: r.status } };
    },
    authenticate: (c: Context<Env>): Reply | null => {
      const h = c.req.header('authorization') ?? '';
      const m = /^Bearer\s+(\S+)$/i.exec(h);
      if (!m) return vsaError(401, 'Authorization required: send "Authorization: Bearer <token>" from GET /api/v1.0/auth.');
      const exp = tokens.get(m[1]);
      if (exp === undefined || exp < Date.now()) {
        tokens.delete(m[1]);
        return vsaError(401, 'Session has expired or the token is invalid. Log in again.');
      }
      return null;
    },
  };
  const r = (method: 'GET' | 'POST' | 'PUT', path: string, h: (c: Context<Env>) => Reply | Promise<Reply>, opts?: { auth?: boolean }) =>
    route(app, fs, hooks, method, PREFIX + path, h, opts);

  r('GET', '/auth', (c) => {
    const h = c.req.header('authorization') ?? '';
    const m = /^Basic\s+(\S+)$/i.exec(h);
    if (!m) return vsaError(401, 'Basic authorization header required.');
    const raw = Buffer.from(m[1], 'base64').toString('utf8');
    const cr = creds();
    let valid = false;
    let user = '';
    if (raw.startsWith('user=')) {
      const parts = Object.fromEntries(raw.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
      user = parts.user ?? '';
      const nonce = parts.rand2 ?? '';
      valid =
        user === cr.user &&
        nonce !== '' &&
        parts.pass2 === sha256(sha256(cr.password + cr.user) + nonce) &&
        (parts.pass1 === undefined || parts.pass1 === sha1(sha1(cr.password + cr.user) + nonce));
    } else if (raw.includes(':')) {
      // [assumed] personal access token: Basic base64(username:token)
      user = raw.slice(0, raw.indexOf(':'));
      valid = user === cr.user && raw.slice(raw.indexOf(':') + 1) === cr.vsaToken;
    }
    if (!valid) return vsaError(401, 'Invalid credentials: the user name, password or access token is wrong.');
    const token = randomBytes(24).toString('hex');
    const ttl = fs.faults.tokenTtlSec;
    tokens.set(token, Date.now() + ttl * 1000);
    return ok({
      Token: token,
      ApiToken: token,
      UserName: user,
      AdminId: 73519,
      RoleId: 2,
      ScopeId: 2,
      TenantId: 1,
      // the server's wall time without a zone; UTC = it + OffSetInMinutes (H-AUTH, KAT)
      SessionExpiration: new Date(Date.now() + ttl * 1000 - fs.faults.vsaOffsetMinutes * 60_000).toISOString().replace(/Z$/, ''),
      OffSetInMinutes: fs.faults.vsaOffsetMinutes,
    });
  }, { auth: false });

  const page = <T extends object>(c: Context<Env>, rows: T[], fields: Set<string>): Reply => {
    const q = c.req.query();
    let list = rows as unknown as Record<string, unknown>[];
    if (q.$filter) {
      const pred = parseFilter(q.$filter, fields);
      list = list.filter(pred);
    }
    if (q.$orderby) list = [...list].sort(parseOrderBy(q.$orderby, fields));
    const top = Math.min(intParam(q.$top, '$top', { min: 0, def: fs.faults.maxPageSize }), fs.faults.maxPageSize);
    const skip = intParam(q.$skip, '$skip', { min: 0, def: 0 });
    return ok(list.slice(skip, skip + top), { TotalRecords: list.length });
  };
  const idParam = (c: Context<Env>, name: string) => intParam(c.req.param(name), name, { min: 0 });

  const st = () => getState().vsa;

  r('GET', '/system/orgs', (c) => page(c, [...st().orgs.values()], ORG_FIELDS));
  r('GET', '/system/orgs/:orgId', (c) => {
    const org = st().orgs.get(idParam(c, 'orgId'));
    if (!org) throw new HttpError(404, `Organization ${c.req.param('orgId')} was not found.`);
    return ok(org);
  });
  r('POST', '/system/orgs', async (c) => {
    const body = (await jsonBody(c)) as Partial<VsaOrg>;
    const org = validateOrg(body, null);
    const s = getState();
    const OrgId = nextVsaId(s);
    const created: VsaOrg = { ...org, OrgId };
    s.vsa.orgs.set(OrgId, created);
    const root: VsaMachineGroup = { MachineGroupId: nextVsaId(s), MachineGroupName: created.DefaultMachineGroupName || 'root', OrgId, ParentMachineGroupId: null };
    s.vsa.groups.set(root.MachineGroupId, root);
    fs.write();
    return ok(created);
  });
  r('PUT', '/system/orgs/:orgId', async (c) => {
    const id = idParam(c, 'orgId');
    const existing = st().orgs.get(id);
    if (!existing) throw new HttpError(404, `Organization ${id} was not found.`);
    const body = (await jsonBody(c)) as Partial<VsaOrg>;
    const org = validateOrg({ ...existing, ...body }, id);
    const updated = { ...org, OrgId: id };
    st().orgs.set(id, updated);
    fs.write();
    return ok(updated);
  });

  function validateOrg(body: Partial<VsaOrg>, selfId: number | null): Omit<VsaOrg, 'OrgId'> {
    if (!body || typeof body !== 'object') throw new HttpError(400, 'The organization must be a JSON object.');
    if (typeof body.OrgName !== 'string' || body.OrgName.trim() === '') throw new HttpError(400, 'OrgName is required.');
    if (typeof body.OrgRef !== 'string' || !ORG_REF_RULE.test(body.OrgRef))
      throw new HttpError(400, `OrgRef "${String(body.OrgRef)}" is invalid: use 1–100 lower-case letters, digits, "-" or "_".`);
    for (const o of st().orgs.values()) {
      if (o.OrgId !== selfId && o.OrgRef === body.OrgRef) throw new HttpError(400, `OrgRef "${body.OrgRef}" is already used by organization ${o.OrgId}.`);
    }
    if (body.CustomFields !== undefined && !Array.isArray(body.CustomFields)) throw new HttpError(400, 'CustomFields must be an array of {FieldName, FieldValue}.');
    return {
      OrgName: body.OrgName,
      OrgRef: body.OrgRef,
      OrgType: body.OrgType ?? 'Customer',
      DefaultDepartmentName: body.DefaultDepartmentName ?? 'root',
      DefaultMachineGroupName: body.DefaultMachineGroupName ?? 'root',
      ParentOrgId: body.ParentOrgId ?? null,
      Website: body.Website ?? null,
      NoOfEmployees: body.NoOfEmployees ?? null,
      AnnualRevenue: body.AnnualRevenue ?? null,
      ContactInfo: body.ContactInfo ?? { PreferredContactMethod: null, PrimaryPhone: null, PrimaryEmail: null, Country: null, City: null },
      CustomFields: body.CustomFields ?? [],
    };
  }

  r('GET', '/system/orgs/:orgId/machinegroups', (c) => {
    const id = idParam(c, 'orgId');
    if (!st().orgs.has(id)) throw new HttpError(404, `Organization ${id} was not found.`);
    return page(c, [...st().groups.values()].filter((g) => g.OrgId === id), GROUP_FIELDS);
  });
  r('GET', '/system/orgs/:orgId/departments', (c) => {
    const id = idParam(c, 'orgId');
    const org = st().orgs.get(id);
    if (!org) throw new HttpError(404, `Organization ${id} was not found.`);
    return ok([{ DepartmentId: id + 1, DepartmentName: org.DefaultDepartmentName, OrgId: id, ParentDepartmentId: null }], { TotalRecords: 1 });
  });
  r('GET', '/system/machinegroups', (c) => page(c, [...st().groups.values()], GROUP_FIELDS));
  r('GET', '/system/machinegroups/:id', (c) => {
    const g = st().groups.get(idParam(c, 'id'));
    if (!g) throw new HttpError(404, `Machine group ${c.req.param('id')} was not found.`);
    return ok(g);
  });
  r('GET', '/assetmgmt/agents', (c) => page(c, [...st().agents.values()], AGENT_FIELDS));
  r('GET', '/assetmgmt/agents/:agentId', (c) => {
    const a: VsaAgent | undefined = st().agents.get(idParam(c, 'agentId'));
    if (!a) throw new HttpError(404, `Agent ${c.req.param('agentId')} was not found.`);
    return ok(a);
  });

  app.notFound((c) => c.json({ Result: null, ResponseCode: 404, Status: 'Error', Error: `No such resource: ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
