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
const AUDIT_FIELDS = new Set(['AgentId', 'MachineName', 'SystemSerialNumber', 'MacAddr']);
const AGENT_FIELDS = new Set(['AgentId', 'AgentName', 'ComputerName', 'OrgId', 'MachineGroupId', 'MachineGroup', 'OSType', 'OSInfo', 'IPAddress', 'LastCheckInTime', 'Online']);

const ID_KEY = /(^|[a-z])Id$/;
/** JSON text with every id field (`OrgId`, `ParentMachineGroupId`, a create's scalar `Result`…) as a bare number */
export function idsAsNumbers(body: unknown): string {
  const mark = '\u0000id:';
  const scalarResult = body && typeof body === 'object' && typeof (body as { Result?: unknown }).Result === 'string' && /^\d{12,30}$/.test((body as { Result: string }).Result);
  const text = JSON.stringify(body, (k, v) => (typeof v === 'string' && /^\d{1,30}$/.test(v) && (ID_KEY.test(k) || (k === 'Result' && scalarResult)) ? mark + v : v));
  return text.replace(/"\\u0000id:(\d+)"/g, '$1');
}

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
    // knob: ids as bare JSON numbers, as the model's `decimal` would be serialised (beyond 2^53: only a lossless parse keeps them)
    serialize: (body: unknown) => (fs.faults.vsaIdsAsNumbers ? idsAsNumbers(body) : JSON.stringify(body)),
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
  const idParam = (c: Context<Env>, name: string): string => {
    const v = c.req.param(name) ?? '';
    if (!/^\d{1,30}$/.test(v)) throw new HttpError(400, `${name} must be a numeric id, not "${v}".`);
    return v;
  };

  const st = () => getState().vsa;
  /** orgs made by POST that are not readable yet: id → when they become readable (KAT: "a second or two") */
  const lagging = new Map<string, number>();
  const visible = (id: string) => {
    const until = lagging.get(id);
    if (until === undefined) return true;
    if (until <= Date.now()) {
      lagging.delete(id);
      return true;
    }
    return false;
  };
  const orgOr404 = (id: string) => {
    const org = st().orgs.get(id);
    // real VSA: "Org does not exist" (404) while a new org is not yet queryable
    if (!org || !visible(id)) throw new HttpError(404, `Org does not exist: ${id}.`);
    return org;
  };
  let puts = 0;

  r('GET', '/system/orgs', (c) => page(c, [...st().orgs.values()].filter((o) => visible(o.OrgId)), ORG_FIELDS));
  r('GET', '/system/orgs/:orgId', (c) => ok(orgOr404(idParam(c, 'orgId'))));
  r('POST', '/system/orgs', async (c) => {
    const body = (await jsonBody(c)) as Partial<VsaOrg>;
    const org = validateOrg(body, null);
    const s = getState();
    const OrgId = nextVsaId(s, 'org');
    const created: VsaOrg = { ...org, OrgId };
    s.vsa.orgs.set(OrgId, created);
    const root: VsaMachineGroup = { MachineGroupId: nextVsaId(s, 'group'), MachineGroupName: `${created.OrgRef}.${created.DefaultMachineGroupName || 'root'}`, OrgId, ParentMachineGroupId: null };
    s.vsa.groups.set(root.MachineGroupId, root);
    if (fs.faults.vsaCreateLagMs > 0) lagging.set(OrgId, Date.now() + fs.faults.vsaCreateLagMs);
    fs.write();
    // the answer is the new id alone (KAT: New-VSAOrganization reads Result as the id)
    return ok(OrgId);
  });
  r('PUT', '/system/orgs/:orgId', async (c) => {
    const id = idParam(c, 'orgId');
    orgOr404(id);
    const body = (await jsonBody(c)) as Partial<VsaOrg>;
    if (typeof body?.OrgRef !== 'string') throw new HttpError(400, 'OrgRef is required.');
    // a replacement: what the body leaves out is gone afterwards [assumed: the safe reading of §3]
    const org = validateOrg(body, id);
    st().orgs.set(id, { ...org, OrgId: id });
    fs.write();
    // 204 without a body, or a status-only answer ("True if … successful"), in turn
    return puts++ % 2 === 0 ? { status: 204 } : ok(true);
  });

  function validateOrg(body: Partial<VsaOrg>, selfId: string | null): Omit<VsaOrg, 'OrgId'> {
    if (!body || typeof body !== 'object') throw new HttpError(400, 'The organization must be a JSON object.');
    if (typeof body.OrgName !== 'string' || body.OrgName.trim() === '') throw new HttpError(400, 'OrgName is required.');
    if (typeof body.OrgRef !== 'string' || !ORG_REF_RULE.test(body.OrgRef))
      throw new HttpError(400, `OrgRef "${String(body.OrgRef)}" is invalid: use 1–100 lower-case letters, digits, "-" or "_".`);
    for (const o of st().orgs.values()) {
      if (o.OrgId !== selfId && o.OrgRef === body.OrgRef) throw new HttpError(400, `OrgRef "${body.OrgRef}" is already used by organization ${o.OrgId}.`);
    }
    if (body.CustomFields !== undefined && body.CustomFields !== null && !Array.isArray(body.CustomFields)) throw new HttpError(400, 'CustomFields must be an array of {FieldName, FieldValue}.');
    // KAT: ParentOrgId "must travel as a string"; a number such as 7.0 is refused
    if (body.ParentOrgId !== undefined && body.ParentOrgId !== null && (typeof body.ParentOrgId !== 'string' || !/^\d{1,30}$/.test(body.ParentOrgId)))
      throw new HttpError(400, `ParentOrgId must be the parent's id as a string, not ${JSON.stringify(body.ParentOrgId)}.`);
    if (body.ParentOrgId && (body.ParentOrgId === selfId || !st().orgs.has(body.ParentOrgId))) throw new HttpError(400, `ParentOrgId ${body.ParentOrgId} is not another organization.`);
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

  r('POST', '/system/orgs/:orgId/machinegroups', async (c) => {
    const org = orgOr404(idParam(c, 'orgId'));
    const body = (await jsonBody(c)) as { MachineGroupName?: unknown; ParentMachineGroupId?: unknown };
    const leafName = body?.MachineGroupName;
    if (typeof leafName !== 'string' || !leafName.trim()) throw new HttpError(400, 'MachineGroupName is required.');
    if (leafName.includes('.')) throw new HttpError(400, 'MachineGroupName may not contain "." (send the group\'s own name; its parent goes in ParentMachineGroupId).');
    const s = getState();
    const parentId = body.ParentMachineGroupId === undefined || body.ParentMachineGroupId === null ? null : String(body.ParentMachineGroupId);
    const parent = parentId ? s.vsa.groups.get(parentId) : [...s.vsa.groups.values()].find((g) => g.OrgId === org.OrgId && g.ParentMachineGroupId === null);
    if (!parent || parent.OrgId !== org.OrgId) throw new HttpError(400, `ParentMachineGroupId ${parentId ?? '(none)'} is not a group of organization ${org.OrgId}.`);
    const full = `${parent.MachineGroupName}.${leafName}`;
    if ([...s.vsa.groups.values()].some((g) => g.MachineGroupName === full)) throw new HttpError(400, `Machine group "${full}" already exists.`);
    const g: VsaMachineGroup = { MachineGroupId: nextVsaId(s, 'group'), MachineGroupName: full, OrgId: org.OrgId, ParentMachineGroupId: parent.MachineGroupId };
    s.vsa.groups.set(g.MachineGroupId, g);
    fs.write();
    return ok(g.MachineGroupId);
  });
  r('GET', '/system/orgs/:orgId/machinegroups', (c) => {
    const id = orgOr404(idParam(c, 'orgId')).OrgId;
    return page(c, [...st().groups.values()].filter((g) => g.OrgId === id), GROUP_FIELDS);
  });
  r('GET', '/system/orgs/:orgId/departments', (c) => {
    const id = idParam(c, 'orgId');
    const org = orgOr404(id);
    return ok([{ DepartmentId: `${id}1`, DepartmentName: org.DefaultDepartmentName, OrgId: id, ParentDepartmentId: null }], { TotalRecords: 1 });
  });
  r('GET', '/system/machinegroups', (c) => page(c, [...st().groups.values()], GROUP_FIELDS));
  r('GET', '/system/machinegroups/:id', (c) => {
    const g = st().groups.get(idParam(c, 'id'));
    if (!g) throw new HttpError(404, `Machine group ${c.req.param('id')} was not found.`);
    return ok(g);
  });
  // Get Agent has no serial and no MAC (H-AGENT): those live in the audit
  const agentOut = ({ Attributes: _a, ...rest }: VsaAgent) => rest;
  r('GET', '/assetmgmt/agents', (c) => {
    const reply = page(c, [...st().agents.values()], AGENT_FIELDS);
    const b = reply.body as { Result: VsaAgent[] };
    return { ...reply, body: { ...b, Result: b.Result.map(agentOut) } };
  });
  /**
   * All agents' audit summaries, paged (KAT: GET /assetmgmt/audit). The summary's key names for
   * serial number and MAC are [assumed]: "SystemSerialNumber" and "MacAddr" here.
   */
  r('GET', '/assetmgmt/audit', (c) => page(c, [...st().agents.values()].map((a) => ({
    AgentId: a.AgentId, MachineName: a.ComputerName, OsName: a.OSType, IpAddress: a.IPAddress,
    SystemSerialNumber: a.Attributes.SerialNumber ?? '', MacAddr: a.Attributes.MacAddress ?? '',
  })), AUDIT_FIELDS));
  r('GET', '/assetmgmt/agents/:agentId', (c) => {
    const a: VsaAgent | undefined = st().agents.get(idParam(c, 'agentId'));
    if (!a) throw new HttpError(404, `Agent ${c.req.param('agentId')} was not found.`);
    return ok(agentOut(a));
  });

  app.notFound((c) => c.json({ Result: null, ResponseCode: 404, Status: 'Error', Error: `No such resource: ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
