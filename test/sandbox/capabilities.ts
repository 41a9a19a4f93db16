/**
 * What the fake BMS tenant supports (../shared/api-contract.md §9), each switchable by a flag
 * (cli.ts --with / --without), a server option (faults.capabilities) and POST /__sandbox/faults
 * {"capabilities": {...}}. A switched-off capability answers as a tenant without it would: the
 * path is not there (404 with BMS's envelope), the integration is listed but off, the account field
 * was never created, no lookup table answers.
 *
 * Defaults follow the evidence: departments absent, legacy v1 locations present. The deprecated
 * mapping store stays present by default for now.
 */
import type { Context } from 'hono';
import type { Env, Reply } from './api';

export interface TenantCapabilities {
  /** deprecated GET/POST/DELETE /v2/rmm/{t}/mappings/{e} (+ status) */
  mappingStore: boolean;
  /** the VSA integration is set up and on: /v2/rmm/integrations lists it Enabled, /v2/rmm/{t}/status IsEnabled, bulk pushes accepted */
  integration: boolean;
  /** GET/POST /v2/crm/accounts/{id}/departments and DepartmentId on assets */
  departments: boolean;
  /** legacy v1 POST /api/token and /api/crm/locations */
  legacyLocations: boolean;
  /** the accounts module lists the admin-created field "VSA Location Rule" */
  customFieldModule: boolean;
  /** GET /v2/system/lookup/{CATEGORY_TABLE} answers the asset categories */
  categoryTable: boolean;
  /** [assumed] GET /v2/crm/accounts/{id}/contacts lists an account's contacts */
  accountContacts: boolean;
}

export const CAPABILITY_KEYS = ['mappingStore', 'integration', 'departments', 'legacyLocations', 'customFieldModule', 'categoryTable', 'accountContacts'] as const;
export type CapabilityKey = (typeof CAPABILITY_KEYS)[number];

/** flag spelling of each capability (--without mapping-store,legacy-locations) */
export const CAPABILITY_FLAGS: Record<string, CapabilityKey> = {
  'mapping-store': 'mappingStore', integration: 'integration', departments: 'departments', 'legacy-locations': 'legacyLocations',
  'custom-field-module': 'customFieldModule', 'category-table': 'categoryTable', 'account-contacts': 'accountContacts',
};

export function defaultCapabilities(): TenantCapabilities {
  return { mappingStore: false, integration: true, departments: false, legacyLocations: true, customFieldModule: true, categoryTable: true, accountContacts: true };
}

/** the numeric Type of the VSA integration in GET /v2/rmm/integrations (the vendor document's VSA default is 2) */
export const VSA_INTEGRATION_TYPE_ID = 2;

/** the category lookup table's name on this fake tenant (one of the names a client may try) */
export const CATEGORY_TABLE = 'AssetHardwareCategory';
/** the account field the team's location rules live in */
export const RULE_FIELD = 'VSA Location Rule';

/** validates {"capabilities": {...}} of a faults patch; throws naming the bad key */
export function parseCapabilitiesPatch(v: unknown): Partial<TenantCapabilities> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`faults: capabilities must be an object of ${CAPABILITY_KEYS.join(', ')} → true/false`);
  const out: Partial<TenantCapabilities> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (!(CAPABILITY_KEYS as readonly string[]).includes(k)) throw new Error(`faults: unknown capability "${k}" (known: ${CAPABILITY_KEYS.join(', ')})`);
    if (typeof x !== 'boolean') throw new Error(`faults: capabilities.${k} must be true or false`);
    out[k as CapabilityKey] = x;
  }
  return out;
}

/** parses "--with a,b" / "--without c" of the sandbox command into a capabilities patch */
export function capabilitiesFromFlags(withList: string | undefined, withoutList: string | undefined): Partial<TenantCapabilities> {
  const out: Partial<TenantCapabilities> = {};
  const add = (list: string | undefined, on: boolean, flag: string) => {
    for (const raw of (list ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      const k = CAPABILITY_FLAGS[raw];
      if (!k) throw new Error(`--${flag} ${raw}: unknown capability (known: ${Object.keys(CAPABILITY_FLAGS).join(', ')})`);
      out[k] = on;
    }
  };
  add(withList, true, 'with');
  add(withoutList, false, 'without');
  return out;
}

// a path the tenant does not have is a real HTTP 404, never folded into a 200 (raw)
const missing = (error: (status: number, message: string) => Reply, what: string): Reply => ({ ...error(404, `${what} was not found.`), raw: true });
/** the envelope's result, in either casing the fake may be serving */
const resultKey = (body: Record<string, unknown>) => ('Result' in body ? 'Result' : 'result' in body ? 'result' : null);
const nameOf = (f: Record<string, unknown>) => f.Name ?? f.name;

export interface CapabilityHookDeps {
  caps: () => TenantCapabilities;
  /** the system's error envelope */
  error: (status: number, message: string) => Reply;
  /** counts an observation in the stats (faults.capability.*) */
  note: (kind: string) => void;
  /** ids of the custom fields named RULE_FIELD */
  ruleFieldIds: () => number[];
}

/**
 * The hooks in front of and behind every fake BMS route. `before` answers for a capability that is
 * off (or null to let the route answer); `after` adjusts answers that change with a capability
 * without the route going away. `key` is "METHOD /pattern" of the route.
 */
export function capabilityHooks(d: CapabilityHookDeps) {
  const before = async (c: Context<Env>, key: string): Promise<Reply | null> => {
    const k = d.caps();
    const method = key.slice(0, key.indexOf(' '));
    const pattern = key.slice(key.indexOf(' ') + 1);
    if (!k.mappingStore && /^\/v2\/rmm\/:integrationType\/mappings\//.test(pattern)) return missing(d.error, `The resource ${c.req.path}`);
    if (!k.departments && /^\/v2\/crm\/accounts\/:accountId\/departments/.test(pattern)) return missing(d.error, `The resource ${c.req.path}`);
    if (!k.accountContacts && pattern === '/v2/crm/accounts/:accountId/contacts') return missing(d.error, `The resource ${c.req.path}`);
    if (!k.legacyLocations && (pattern === '/api/token' || pattern.startsWith('/api/crm/locations'))) {
      return { status: 404, body: { Message: `No HTTP resource was found that matches the request URI '${c.req.path}'.` } };
    }
    if (!k.categoryTable && pattern === '/v2/system/lookup/:tableName') return missing(d.error, `Lookup table "${c.req.param('tableName') ?? ''}"`);
    if (!k.integration && /^\/v2\/rmm\/:integrationType\/assets/.test(pattern) && method !== 'GET') return d.error(400, 'The VSA integration is not enabled for this tenant.');
    if (!k.customFieldModule && pattern === '/v2/system/customFields/data/:moduleId/:entityId/:customFieldId' && d.ruleFieldIds().includes(Number(c.req.param('customFieldId')))) {
      return missing(d.error, `Custom field ${c.req.param('customFieldId') ?? ''}`);
    }
    if (!k.departments && (method === 'POST' || method === 'PUT') && (pattern.startsWith('/v2/servicedesk/hardwareasset') || /^\/v2\/rmm\/:integrationType\/assets$/.test(pattern))) {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        body = null;
      }
      if (sendsDepartmentId(body)) d.note('capability.departmentIdSent');
    }
    return null;
  };
  const after = (key: string, r: Reply): Reply => {
    const k = d.caps();
    const body = r.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body) || r.status >= 300) return r;
    const rk = resultKey(body);
    if (!rk) return r;
    const res = body[rk];
    if (!k.integration && key === 'GET /v2/rmm/integrations' && Array.isArray(res)) {
      return { ...r, body: { ...body, [rk]: res.map((x: Record<string, unknown>) => ('enabled' in x ? { ...x, enabled: false } : { ...x, Enabled: false })) } };
    }
    if (!k.integration && key === 'GET /v2/rmm/:integrationType/status' && res && typeof res === 'object') {
      return { ...r, body: { ...body, [rk]: 'isEnabled' in res ? { ...res, isEnabled: false } : { ...res, IsEnabled: false } } };
    }
    // a tenant without departments shows no department on its assets (contract §6: "no path, no field")
    if (!k.departments && /^GET \/v2\/servicedesk\/hardwareasset/.test(key) && res && typeof res === 'object') {
      const strip = (x: Record<string, unknown>) => {
        const { DepartmentId: _d, Department: _n, departmentId: _cd, department: _cn, ...rest } = x;
        return rest;
      };
      return { ...r, body: { ...body, [rk]: Array.isArray(res) ? res.map((x: Record<string, unknown>) => (x && typeof x === 'object' ? strip(x) : x)) : strip(res as Record<string, unknown>) } };
    }
    if (!k.customFieldModule && /^GET \/v2\/system\/customFields\/:moduleId/.test(key) && Array.isArray(res)) {
      return { ...r, body: { ...body, [rk]: res.filter((f: Record<string, unknown>) => nameOf(f) !== RULE_FIELD) } };
    }
    return r;
  };
  return { before, after };
}

/** true when a hardware-asset or push body carries DepartmentId (counted: with departments absent nothing may send it) */
export function sendsDepartmentId(body: unknown): boolean {
  const items = Array.isArray(body) ? body : [body];
  return items.some((x) => x && typeof x === 'object' && 'DepartmentId' in x && (x as { DepartmentId?: unknown }).DepartmentId !== undefined);
}
