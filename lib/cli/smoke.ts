/**
 * Read-only smoke check for admins with real tenants: do the real payloads match our schemas?
 *
 *   VSA_USER=… VSA_SECRET=… BMS_TENANT=… BMS_USER=… BMS_PASSWORD=… npm run smoke -- --vsa https://vsa.example.com --bms https://api.bms.kaseya.com
 *
 * For each endpoint the product reads it prints whether the payloads match and lists every mismatch
 * (endpoint, record, field). Exit 0: all match; 1: any mismatch; 2: cannot connect or log in.
 * It never writes.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AccountDepartment, ACCOUNT_CUSTOM_FIELD_MODULE, BMS_PAGE_SIZE, RULE_FIELD_NAME } from '../bms/assumed';
import { bmsBaseUrl } from '../bms/auth';
import { BmsClient } from '../bms/client';
import {
  AccountLocationLookupOutputDto, AccountLocationOutputDto, AccountLookupOutputDto, AccountSummaryOutputDto, DepartmentLookupOutputDto,
  CustomFieldOutputDto, EntityMappingOutputDto, HardwareAssetOutputDto, HardwareAssetsListSearchSelectOutputDto,
} from '../bms/schemas.gen';
import { ApiError, AuthError, ForbiddenError, NetworkError } from '../http/errors';
import type { FetchFn } from '../http/fetch';
import { vsaBaseUrl } from '../vsa/auth';
import { VsaClient } from '../vsa/client';
import { VsaAgent, VsaMachineGroup, VsaOrg } from '../vsa/schemas';

export interface Mismatch {
  endpoint: string;
  record: string | null;
  field: string;
  problem: string;
}
export interface EndpointResult {
  system: 'VSA' | 'BMS';
  endpoint: string;
  records: number;
  mismatches: Mismatch[];
  error?: string;
}

const Any = z.unknown();

/** checks a list (or one record) against an item schema, listing every bad field of every record */
export function checkRecords(endpoint: string, rows: unknown, item: z.ZodType, idKeys: string[]): { count: number; mismatches: Mismatch[] } {
  const list = Array.isArray(rows) ? rows : [rows];
  const mismatches: Mismatch[] = [];
  for (const row of list) {
    const r = item.safeParse(row);
    if (r.success) continue;
    const rec = row && typeof row === 'object' ? idKeys.map((k) => (row as Record<string, unknown>)[k]).find((v) => v !== undefined && v !== null) : undefined;
    for (const issue of r.error.issues) {
      mismatches.push({ endpoint, record: rec === undefined ? null : String(rec), field: issue.path.map(String).join('.') || '(record)', problem: issue.message });
    }
  }
  return { count: list.length, mismatches };
}

export async function smoke(opts: {
  fetch: FetchFn;
  vsa?: { url: string; user: string; secret: string; method?: 'token' | 'password' };
  bms?: { url: string; tenant: string; user: string; password: string };
  log?: (line: string) => void;
}): Promise<{ exit: 0 | 1 | 2; results: EndpointResult[]; fatal?: string }> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const results: EndpointResult[] = [];
  const run = async (system: 'VSA' | 'BMS', endpoint: string, get: () => Promise<unknown>, item: z.ZodType, pick: (body: unknown) => unknown, idKeys: string[]) => {
    try {
      const body = await get();
      const { count, mismatches } = checkRecords(endpoint, pick(body), item, idKeys);
      results.push({ system, endpoint, records: count, mismatches });
      log(`${mismatches.length ? 'MISMATCH' : 'ok      '} ${system} ${endpoint} (${count} record${count === 1 ? '' : 's'} checked)`);
      for (const m of mismatches) log(`           record ${m.record ?? '?'}: field "${m.field}": ${m.problem}`);
      return body;
    } catch (e) {
      if (e instanceof AuthError || e instanceof NetworkError || e instanceof ForbiddenError) throw e;
      const msg = e instanceof ApiError ? e.message : String(e);
      results.push({ system, endpoint, records: 0, mismatches: [{ endpoint, record: null, field: '(response)', problem: msg }], error: msg });
      log(`MISMATCH ${system} ${endpoint}: ${msg}`);
      return null;
    }
  };
  const Result = (b: unknown) => (b as { Result?: unknown } | null)?.Result;
  try {
    if (opts.vsa) {
      const methods: ('token' | 'password')[] = opts.vsa.method ? [opts.vsa.method] : ['token', 'password'];
      let v: VsaClient | null = null;
      let lastErr: unknown;
      for (const method of methods) {
        const c = new VsaClient({ fetch: opts.fetch, credentials: { baseUrl: vsaBaseUrl(opts.vsa.url), user: opts.vsa.user, secret: opts.vsa.secret, method }, retries: 2 });
        try {
          await c.session.header();
          v = c;
          break;
        } catch (e) {
          lastErr = e;
        }
      }
      if (!v) throw lastErr;
      const http = v.http;
      const get = (path: string, endpoint: string, query?: Record<string, string | number>) => () => http.request({ method: 'GET', path, endpoint, schema: Any, query });
      const orgs = await run('VSA', 'GET /system/orgs', get('/system/orgs', 'GET /system/orgs', { $top: 100 }), VsaOrg, Result, ['OrgId']);
      const firstOrg = (Result(orgs) as { OrgId?: unknown }[] | undefined)?.[0]?.OrgId;
      if (firstOrg !== undefined) {
        await run('VSA', 'GET /system/orgs/{orgId}', get(`/system/orgs/${firstOrg}`, 'GET /system/orgs/{orgId}'), VsaOrg, Result, ['OrgId']);
        await run('VSA', 'GET /system/orgs/{orgId}/machinegroups', get(`/system/orgs/${firstOrg}/machinegroups`, 'GET /system/orgs/{orgId}/machinegroups', { $top: 100 }), VsaMachineGroup, Result, ['MachineGroupId']);
      }
      await run('VSA', 'GET /system/machinegroups', get('/system/machinegroups', 'GET /system/machinegroups', { $top: 100 }), VsaMachineGroup, Result, ['MachineGroupId']);
      const agents = await run('VSA', 'GET /assetmgmt/agents', get('/assetmgmt/agents', 'GET /assetmgmt/agents', { $top: 100 }), VsaAgent, Result, ['AgentId']);
      const firstAgent = (Result(agents) as { AgentId?: unknown }[] | undefined)?.[0]?.AgentId;
      if (firstAgent !== undefined) await run('VSA', 'GET /assetmgmt/agents/{agentId}', get(`/assetmgmt/agents/${firstAgent}`, 'GET /assetmgmt/agents/{agentId}'), VsaAgent, Result, ['AgentId']);
    }
    if (opts.bms) {
      const b = new BmsClient({ fetch: opts.fetch, credentials: { baseUrl: bmsBaseUrl(opts.bms.url), tenant: opts.bms.tenant, user: opts.bms.user, password: opts.bms.password }, retries: 2 });
      await b.auth.header();
      const http = b.http;
      const get = (path: string, endpoint: string, query?: Record<string, string | number>) => () => http.request({ method: 'GET', path, endpoint, schema: Any, query });
      const page = { PageSize: BMS_PAGE_SIZE, PageNumber: 1 };
      const accounts = await run('BMS', 'GET /crm/accounts/summary', get('/crm/accounts/summary', 'GET /crm/accounts/summary', page), AccountSummaryOutputDto, Result, ['Id']);
      await run('BMS', 'GET /crm/accounts/lookup', get('/crm/accounts/lookup', 'GET /crm/accounts/lookup', page), AccountLookupOutputDto, Result, ['Id']);
      const acc = (Result(accounts) as { Id?: unknown }[] | undefined)?.[0]?.Id;
      if (acc !== undefined) {
        await run('BMS', 'GET /crm/accounts/summary/{id}', get(`/crm/accounts/summary/${acc}`, 'GET /crm/accounts/summary/{id}'), AccountSummaryOutputDto, (x) => x, ['Id']);
        const locs = await run('BMS', 'GET /crm/accounts/{accountId}/locations/lookup', get(`/crm/accounts/${acc}/locations/lookup`, 'GET /crm/accounts/{accountId}/locations/lookup'), AccountLocationLookupOutputDto, Result, ['Id']);
        const loc = (Result(locs) as { Id?: unknown }[] | undefined)?.[0]?.Id;
        if (loc !== undefined) await run('BMS', 'GET /crm/accounts/{accountId}/locations/{locationId}', get(`/crm/accounts/${acc}/locations/${loc}`, 'GET /crm/accounts/{accountId}/locations/{locationId}'), AccountLocationOutputDto, Result, ['Id']);
        await run('BMS', 'GET /crm/accounts/{accountId}/departments [assumed]', get(`/crm/accounts/${acc}/departments`, 'GET /crm/accounts/{accountId}/departments'), AccountDepartment, Result, ['Id']);
      }
      await run('BMS', 'GET /admin/hr/departments/lookup', get('/admin/hr/departments/lookup', 'GET /admin/hr/departments/lookup'), DepartmentLookupOutputDto, Result, ['Id']);
      const assets = await run('BMS', 'GET /servicedesk/hardwareasset/searchselect', get('/servicedesk/hardwareasset/searchselect', 'GET /servicedesk/hardwareasset/searchselect', page), HardwareAssetsListSearchSelectOutputDto, Result, ['Id']);
      const asset = (Result(assets) as { Id?: unknown }[] | undefined)?.[0]?.Id;
      if (asset !== undefined) await run('BMS', 'GET /servicedesk/hardwareasset/{assetId}', get(`/servicedesk/hardwareasset/${asset}`, 'GET /servicedesk/hardwareasset/{assetId}'), HardwareAssetOutputDto, Result, ['Id']);
      await run('BMS', 'GET /rmm/vsa/mappings/account', get('/rmm/vsa/mappings/account', 'GET /rmm/{integrationType}/mappings/{entityType}', page), EntityMappingOutputDto, Result, ['ExternalId']);
      // where the team's location rules are kept (B9): the accounts module's custom fields [module id assumed]
      const fields = await run('BMS', `GET /system/customFields/${ACCOUNT_CUSTOM_FIELD_MODULE} [assumed module]`, get(`/system/customFields/${ACCOUNT_CUSTOM_FIELD_MODULE}`, 'GET /system/customFields/{moduleId}'), CustomFieldOutputDto, Result, ['Id']);
      const list = (Result(fields) as { Name?: unknown }[] | undefined) ?? [];
      log(list.some((f) => typeof f.Name === 'string' && f.Name.trim().toLowerCase() === RULE_FIELD_NAME.toLowerCase())
        ? `ok       BMS has the account field "${RULE_FIELD_NAME}": location rules are shared by the team`
        : `note     BMS has no account field "${RULE_FIELD_NAME}" (module ${ACCOUNT_CUSTOM_FIELD_MODULE}): location rules will stay in each browser until an admin creates it`);
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    log(`cannot connect or log in: ${msg}`);
    return { exit: 2, results, fatal: msg };
  }
  const bad = results.filter((r) => r.mismatches.length);
  log(bad.length ? `${bad.length} of ${results.length} endpoints do not match the schemas.` : `all ${results.length} endpoints match the schemas.`);
  return { exit: bad.length ? 1 : 0, results };
}

async function main() {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ options: { vsa: { type: 'string' }, bms: { type: 'string' }, 'vsa-method': { type: 'string' } }, strict: true }) as { values: Record<string, string | undefined> });
  } catch (e) {
    console.error(`smoke: ${(e as Error).message}`);
    process.exit(2);
  }
  const env = process.env;
  const missing: string[] = [];
  if (!values.vsa && !values.bms) missing.push('--vsa URL and/or --bms URL');
  if (values.vsa && (!env.VSA_USER || !env.VSA_SECRET)) missing.push('VSA_USER and VSA_SECRET');
  if (values.bms && (!env.BMS_USER || !env.BMS_PASSWORD || !env.BMS_TENANT)) missing.push('BMS_USER, BMS_PASSWORD and BMS_TENANT');
  if (values['vsa-method'] && !['token', 'password'].includes(values['vsa-method'])) missing.push('--vsa-method token|password');
  if (missing.length) {
    console.error(`smoke: needs ${missing.join('; ')}.`);
    process.exit(2);
  }
  const r = await smoke({
    fetch: (i, init) => fetch(i, init),
    vsa: values.vsa ? { url: values.vsa, user: env.VSA_USER!, secret: env.VSA_SECRET!, method: values['vsa-method'] as 'token' | 'password' | undefined } : undefined,
    bms: values.bms ? { url: values.bms, tenant: env.BMS_TENANT!, user: env.BMS_USER!, password: env.BMS_PASSWORD! } : undefined,
  });
  process.exit(r.exit);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) void main();
