/**
 * The capability probe of ../shared/api-contract.md §9: read-only calls that tell what this
 * tenant supports. Each row ends present, absent (the tenant answered that it has none) or unknown
 * (the probe failed: unreachable, refused, or an answer of the wrong shape). A failed probe never
 * reads as supported. The only call that is not a GET is the legacy v1 token request, a login.
 */
import { z } from 'zod';
import { AccountContactListResponse, accountContactsPath, AccountDepartmentListResponse, ACCOUNT_ENTITY, BMS_LINK_FIELD, INTEGRATION_TYPE, RULE_FIELD_NAME } from '../bms/assumed';
import { VSA_LINK_FIELD } from '../vsa/assumed';
import {
  AccountSummaryOutputDtoIEnumerablePagedResponse, CustomFieldOutputDtoIEnumerableResponse, EntityMappingOutputDtoIEnumerablePagedResponse,
  HardwareAssetsListSearchSelectOutputDtoIEnumerableResponse,
} from '../bms/schemas.gen';
import { ApiError, ForbiddenError, InvalidPayloadError, NotFoundError, RejectedError } from '../http/errors';
import { ACCOUNT_MODULE_CANDIDATES, CATEGORY_TABLE_CANDIDATES, LookupResponse, RmmIntegrationsResponse, RmmStatusResponse, VSA_FIELD_PROBE_ORGS, VSA_INTEGRATION_TYPE_IDS } from './assumed';
import { EMPTY_DETAIL, probeKey, type Capability, type CapabilityDetail, type CapabilityName, type CapabilityRecord } from './types';

/** a read against BMS v2 (path below /v2), answer checked against `schema` */
export type BmsGet = <T extends z.ZodType>(path: string, endpoint: string, schema: T, query?: Record<string, string | number>) => Promise<z.infer<T>>;

/** what the probe needs from the clients; built from real ones in run.ts, so the probe itself holds no credentials */
export interface ProbeTarget {
  vsaUrl: string | null;
  bmsUrl: string | null;
  tenant: string | null;
  bms?: {
    /** signs in to v2; a failure here makes every BMS row unknown */
    login(): Promise<void>;
    get: BmsGet;
    /** the legacy v1 token request with the same credentials: resolves when a token came back */
    legacyLogin(): Promise<void>;
  };
  vsa?: {
    method: 'token' | 'password';
    /** signs in with the configured method only (never tries the other) */
    login(): Promise<void>;
    /** the first orgs of the list (up to `max`), for the custom fields they carry */
    orgs(max: number): Promise<{ CustomFields?: { FieldName: string }[] | null }[]>;
  };
  now?: () => number;
}

const msg = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** the state a failed probe leaves: the tenant said no (absent) or we could not tell (unknown, mismatch flagged) */
export function fromError(probe: string, e: unknown, absentReason?: string): Capability {
  if (e instanceof InvalidPayloadError) return { state: 'unknown', reason: `the answer does not have the expected shape (${msg(e)})`, probe, mismatch: true };
  if (e instanceof NotFoundError || e instanceof RejectedError) return { state: 'absent', reason: absentReason ? `${absentReason}: ${msg(e)}` : msg(e), probe };
  if (e instanceof ForbiddenError) return { state: 'absent', reason: `the API user may not read it (${msg(e)})`, probe };
  if (e instanceof ApiError) return { state: 'unknown', reason: msg(e), probe };
  return { state: 'unknown', reason: msg(e), probe };
}

const notProbed = (probe: string, reason: string): Capability => ({ state: 'unknown', reason, probe });

export async function probeTenant(t: ProbeTarget): Promise<CapabilityRecord> {
  const now = t.now ?? Date.now;
  const detail: CapabilityDetail = { ...EMPTY_DETAIL, categories: [] };
  const caps = {} as Record<CapabilityName, Capability>;
  caps.sameOriginSession = notProbed('PSAAuthToken cookie, /api2/v2', 'not used: the product signs in with the stored API user');

  // VSA: the configured method only
  if (!t.vsa) caps.vsaMethod = notProbed('GET /api/v1.0/auth', 'VSA is not connected');
  else {
    try {
      await t.vsa.login();
      detail.vsaMethod = t.vsa.method;
      caps.vsaMethod = t.vsa.method === 'token'
        ? { state: 'present', reason: 'signed in with a personal access token', probe: 'GET /api/v1.0/auth' }
        : { state: 'present', reason: 'signed in with the on-premises legacy password (deprecated; switched off on SaaS)', probe: 'GET /api/v1.0/auth' };
      detail.vsaLinkField = await probeVsaLinkField(t.vsa);
    } catch (e) {
      caps.vsaMethod = /VSA 10|vsax/i.test(msg(e)) ? { state: 'absent', reason: msg(e), probe: 'GET /api/v1.0/auth' } : fromError('GET /api/v1.0/auth', e);
    }
  }

  const bmsRows: CapabilityName[] = ['integration', 'mappingStore', 'departments', 'legacyLocations', 'customFieldModule', 'categoryTable', 'accountContacts'];
  const b = t.bms;
  let loginError: string | null = b ? null : 'BMS is not connected';
  if (b) {
    try {
      await b.login();
    } catch (e) {
      loginError = `cannot sign in to BMS: ${msg(e)}`;
    }
  }
  if (!b || loginError) {
    for (const n of bmsRows) caps[n] = notProbed('', loginError!);
  } else {
    caps.integration = await probeIntegration(b.get, t.vsaUrl, detail);
    caps.mappingStore = await probeMappingStore(b.get, detail);
    caps.departments = await probeDepartments(b.get);
    caps.accountContacts = await probeContacts(b.get);
    caps.legacyLocations = await probeLegacy(b.legacyLogin);
    caps.customFieldModule = await probeModule(b.get, detail);
    caps.categoryTable = await probeCategories(b.get, detail);
  }
  return { version: 1, key: probeKey(t.vsaUrl, t.bmsUrl, t.tenant), vsaUrl: t.vsaUrl, bmsUrl: t.bmsUrl, tenant: t.tenant, probedAt: now(), caps, detail };
}

const hostOf = (u: string | null | undefined) => {
  try {
    return u ? new URL(/^[a-z]+:\/\//i.test(u) ? u : `https://${u}`).host.toLowerCase() : '';
  } catch {
    return '';
  }
};

async function probeIntegration(get: BmsGet, vsaUrl: string | null, detail: CapabilityDetail): Promise<Capability> {
  const p = 'GET /v2/rmm/integrations';
  let list: z.infer<typeof RmmIntegrationsResponse>['Result'];
  try {
    list = (await get('/rmm/integrations', 'GET /rmm/integrations', RmmIntegrationsResponse)).Result;
  } catch (e) {
    return fromError(p, e, 'BMS does not list its RMM integrations');
  }
  const rows = list ?? [];
  const vsaHost = hostOf(vsaUrl);
  const entry = rows.find((r) => vsaHost && hostOf(r.Target) === vsaHost) ?? rows.find((r) => VSA_INTEGRATION_TYPE_IDS.includes(r.Type));
  if (!entry) return { state: 'absent', reason: `BMS lists no VSA integration (${rows.length ? `types ${rows.map((r) => r.Type).join(', ')}` : 'none at all'})`, probe: p };
  detail.integrationTypeId = entry.Type;
  detail.integrationTarget = entry.Target ?? null;
  // {t} is a free string: the product's name first, then the listed numeric type
  const sp = 'GET /v2/rmm/{t}/status';
  let last: Capability | null = null;
  for (const t of [INTEGRATION_TYPE, String(entry.Type)]) {
    try {
      const s = (await get(`/rmm/${encodeURIComponent(t)}/status`, 'GET /rmm/{integrationType}/status', RmmStatusResponse)).Result;
      detail.integrationType = t;
      detail.integrationEnabled = s.IsEnabled && entry.Enabled !== false;
      return detail.integrationEnabled
        ? { state: 'present', reason: `VSA integration "${t}" (type ${entry.Type}${entry.Target ? `, ${entry.Target}` : ''}) is on`, probe: sp }
        : { state: 'absent', reason: `the VSA integration "${t}" is switched off in BMS`, probe: sp };
    } catch (e) {
      last = fromError(sp, e);
      if (last.state === 'unknown') return last;
    }
  }
  return { state: 'absent', reason: `BMS lists a VSA integration (type ${entry.Type}) but ${sp} answers for neither "${INTEGRATION_TYPE}" nor "${entry.Type}" (${last?.reason ?? ''})`, probe: sp };
}

async function probeMappingStore(get: BmsGet, detail: CapabilityDetail): Promise<Capability> {
  const p = 'GET /v2/rmm/{t}/mappings/{e}';
  const t = detail.integrationType ?? INTEGRATION_TYPE;
  try {
    await get(`/rmm/${encodeURIComponent(t)}/mappings/${encodeURIComponent(ACCOUNT_ENTITY)}`, 'GET /rmm/{integrationType}/mappings/{entityType}', EntityMappingOutputDtoIEnumerablePagedResponse, { PageSize: 1, PageNumber: 1 });
    detail.entityType = ACCOUNT_ENTITY;
    if (!detail.integrationType) detail.integrationType = t;
    return { state: 'present', reason: `BMS answers /v2/rmm/${t}/mappings/${ACCOUNT_ENTITY} (deprecated by the vendor)`, probe: p };
  } catch (e) {
    return fromError(p, e, 'the deprecated mapping store does not answer');
  }
}

/**
 * One account's sub-list (its departments, its contacts): present when BMS answers it with a list for the
 * first account it lists.
 */
async function probeAccountList(get: BmsGet, o: { probe: string; what: string; path: (id: number) => string; endpoint: string; schema: z.ZodType<{ Result?: unknown }>; absent: string }): Promise<Capability> {
  let id: number | undefined;
  try {
    id = (await get('/crm/accounts/summary', 'GET /crm/accounts/summary', AccountSummaryOutputDtoIEnumerablePagedResponse, { PageSize: 1, PageNumber: 1 })).Result?.[0]?.Id;
  } catch (e) {
    return fromError('GET /v2/crm/accounts/summary', e);
  }
  if (id === undefined) return { state: 'unknown', reason: `BMS has no account to read ${o.what} from`, probe: o.probe };
  try {
    const r = await get(o.path(id), o.endpoint, o.schema);
    if (!Array.isArray(r.Result)) return { state: 'unknown', reason: 'the answer carries no list', probe: o.probe, mismatch: true };
    return { state: 'present', reason: `BMS answered the ${o.what} of account ${id}`, probe: o.probe };
  } catch (e) {
    return fromError(o.probe, e, o.absent);
  }
}

const probeDepartments = (get: BmsGet) => probeAccountList(get, {
  probe: 'GET /v2/crm/accounts/{id}/departments', what: 'departments', path: (id) => `/crm/accounts/${id}/departments`,
  endpoint: 'GET /crm/accounts/{accountId}/departments', schema: AccountDepartmentListResponse, absent: "BMS's API has no account departments",
});

/** B19: the account contacts read (the asset's contact is matched against it); without it the contact is left as BMS has it */
const probeContacts = (get: BmsGet) => probeAccountList(get, {
  probe: 'GET /v2/crm/accounts/{id}/contacts', what: 'contacts', path: accountContactsPath,
  endpoint: 'GET /crm/accounts/{accountId}/contacts', schema: AccountContactListResponse, absent: "BMS's API does not list an account's contacts",
});

async function probeLegacy(login: () => Promise<void>): Promise<Capability> {
  const p = 'POST /api/token (legacy v1)';
  try {
    await login();
    return { state: 'present', reason: "BMS's legacy API signs in with the same credentials", probe: p };
  } catch (e) {
    return fromError(p, e, "BMS's legacy API does not answer or refuses these credentials");
  }
}

/** the VSA org field holding links: listed on the first orgs (read only), else absent; unknown when the list did not answer */
async function probeVsaLinkField(vsa: NonNullable<ProbeTarget['vsa']>): Promise<CapabilityDetail['vsaLinkField']> {
  try {
    return (await vsa.orgs(VSA_FIELD_PROBE_ORGS)).some((o) => o.CustomFields?.some((f) => f.FieldName === VSA_LINK_FIELD)) ? 'present' : 'absent';
  } catch {
    return 'unknown';
  }
}

/**
 * The accounts' custom-field module: the first candidate that lists the team's rule field or the link
 * field (both are account fields an admin creates). It tells where location rules live (the
 * capability) and whether links can live in the BMS account field (detail.bmsLinkField).
 */
async function probeModule(get: BmsGet, detail: CapabilityDetail): Promise<Capability> {
  const p = 'GET /v2/system/customFields/{moduleId}';
  const active = (fields: { Name?: string | null; IsActive?: boolean | null; Id: number }[], name: string) => fields.find((x) => (x.Name ?? '').trim().toLowerCase() === name.toLowerCase() && x.IsActive !== false);
  let failures = 0;
  let lastUnknown: Capability | null = null;
  for (const m of ACCOUNT_MODULE_CANDIDATES) {
    try {
      const fields = (await get(`/system/customFields/${m}`, 'GET /system/customFields/{moduleId}', CustomFieldOutputDtoIEnumerableResponse)).Result ?? [];
      const rule = active(fields, RULE_FIELD_NAME);
      const link = active(fields, BMS_LINK_FIELD);
      if (!rule && !link) continue;
      detail.accountsModuleId = m;
      detail.bmsLinkField = link ? 'present' : 'absent';
      detail.linkFieldId = link?.Id ?? null;
      if (!rule) return { state: 'absent', reason: `module ${m} lists the account field "${BMS_LINK_FIELD}" but not "${RULE_FIELD_NAME}"`, probe: p };
      detail.ruleFieldId = rule.Id;
      return { state: 'present', reason: `module ${m} lists the account field "${RULE_FIELD_NAME}"`, probe: p };
    } catch (e) {
      failures++;
      const c = fromError(p, e);
      if (c.state === 'unknown') lastUnknown = c;
    }
  }
  if (lastUnknown && failures === ACCOUNT_MODULE_CANDIDATES.length) return lastUnknown;
  // a module that did not answer may be the one: only a clean sweep says the link field is absent
  detail.bmsLinkField = lastUnknown ? 'unknown' : 'absent';
  return { state: 'absent', reason: `no custom-field module (${ACCOUNT_MODULE_CANDIDATES[0]}–${ACCOUNT_MODULE_CANDIDATES.at(-1)}) lists the account field "${RULE_FIELD_NAME}"`, probe: p };
}

async function probeCategories(get: BmsGet, detail: CapabilityDetail): Promise<Capability> {
  const p = 'GET /v2/system/lookup/{tableName}';
  let result: Capability | null = null;
  let lastUnknown: Capability | null = null;
  for (const name of CATEGORY_TABLE_CANDIDATES) {
    try {
      const rows = (await get(`/system/lookup/${encodeURIComponent(name)}`, 'GET /system/lookup/{tableName}', LookupResponse)).Result ?? [];
      if (!rows.length) continue;
      detail.categoryTable = name;
      detail.categories = [...new Set(rows.map((r) => r.Name ?? '').filter(Boolean))];
      result = { state: 'present', reason: `lookup table "${name}" lists ${rows.length} categories`, probe: p };
      break;
    } catch (e) {
      const c = fromError(p, e);
      if (c.state === 'unknown') lastUnknown = c;
    }
  }
  if (!result) {
    // the fallback: categories seen on existing assets
    try {
      const seen = (await get('/servicedesk/hardwareasset/searchselect', 'GET /servicedesk/hardwareasset/searchselect', HardwareAssetsListSearchSelectOutputDtoIEnumerableResponse, { PageSize: 100, PageNumber: 1 })).Result ?? [];
      detail.categories = [...new Set(seen.map((a) => a.CategoryName ?? '').filter(Boolean))].sort();
    } catch {
      // nothing seen: the admin chooses defaults
    }
    result = lastUnknown ?? { state: 'absent', reason: `no lookup table answers (${CATEGORY_TABLE_CANDIDATES.join(', ')}); categories come from existing assets${detail.categories.length ? ` (${detail.categories.join(', ')})` : ''}`, probe: p };
  }
  return result;
}
