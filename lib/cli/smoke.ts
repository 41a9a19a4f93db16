/**
 * Read-only smoke check for admins with real tenants: do the real payloads match our schemas, and
 * what does this tenant support?
 *
 *   VSA_USER=… VSA_SECRET=… BMS_TENANT=… BMS_USER=… BMS_PASSWORD=… npm run smoke -- --vsa https://vsa.example.com --bms https://api.bms.kaseya.com [--vsa-method pat|password]
 *
 * For each endpoint the product reads it prints whether the payloads match and lists every mismatch
 * (endpoint, record, field) with a one-line hint naming the one place in the code that holds that
 * assumption; then the capability probe (contract §9), one line per capability.
 * Exit 0: all match (capabilities the tenant lacks are reported, not failures); 1: any schema
 * mismatch; 2: cannot connect or log in. It never writes. The VSA secret is sent one way only:
 * as a personal access token (the default) or, with --vsa-method password, as the on-premises password.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { BMS_PAGE_SIZE } from '../bms/assumed';
import { bmsBaseUrl } from '../bms/auth';
import { BmsClient } from '../bms/client';
import {
  AccountLocationLookupOutputDto, AccountLocationOutputDto, AccountLookupOutputDto, AccountSummaryOutputDto, DepartmentLookupOutputDto,
  HardwareAssetOutputDto, HardwareAssetsListSearchSelectOutputDto,
} from '../bms/schemas.gen';
import { capabilityReport, probeConnections, type CapabilityRecord } from '../capabilities';
import { ApiError, AuthError, ForbiddenError, NetworkError } from '../http/errors';
import type { FetchFn } from '../http/fetch';
import { AGENT_CONTACT_KEYS, agentContact } from '../vsa/assumed';
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
  /** the one place in the code that holds the assumption this endpoint was checked against */
  hint: string;
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

/** where each checked assumption lives: a mismatch names this place */
const VSA_SCHEMAS = 'lib/vsa/schemas.ts';
const BMS_SCHEMAS = 'lib/bms/schemas.gen.ts (generated from the vendor document lib/bms/bms-openapi-subset.json: npm run gen:bms-schemas)';

export interface SmokeResult {
  exit: 0 | 1 | 2;
  results: EndpointResult[];
  capabilities?: CapabilityRecord;
  /** capabilities the tenant lacks (reported, not failures) */
  off: string[];
  fatal?: string;
}

export async function smoke(opts: {
  fetch: FetchFn;
  vsa?: { url: string; user: string; secret: string; method?: 'token' | 'password' };
  bms?: { url: string; tenant: string; user: string; password: string };
  log?: (line: string) => void;
}): Promise<SmokeResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const results: EndpointResult[] = [];
  const run = async (system: 'VSA' | 'BMS', endpoint: string, get: () => Promise<unknown>, item: z.ZodType, pick: (body: unknown) => unknown, idKeys: string[], hint: string) => {
    try {
      const body = await get();
      const { count, mismatches } = checkRecords(endpoint, pick(body), item, idKeys);
      results.push({ system, endpoint, records: count, mismatches, hint });
      log(`${mismatches.length ? 'MISMATCH' : 'ok      '} ${system} ${endpoint} (${count} record${count === 1 ? '' : 's'} checked)`);
      for (const m of mismatches) log(`           record ${m.record ?? '?'}: field "${m.field}": ${m.problem}`);
      if (mismatches.length) log(`           hint: the expected shape is ${hint}`);
      return body;
    } catch (e) {
      if (e instanceof AuthError || e instanceof NetworkError || e instanceof ForbiddenError) throw e;
      const msg = e instanceof ApiError ? e.message : String(e);
      results.push({ system, endpoint, records: 0, mismatches: [{ endpoint, record: null, field: '(response)', problem: msg }], error: msg, hint });
      log(`MISMATCH ${system} ${endpoint}: ${msg}`);
      log(`           hint: the expected shape is ${hint}`);
      return null;
    }
  };
  const Result = (b: unknown) => (b as { Result?: unknown } | null)?.Result;
  const method = opts.vsa?.method ?? 'token';
  try {
    if (opts.vsa) {
      // one way only: a password is never sent where a token was meant, nor the other way round
      const v = new VsaClient({ fetch: opts.fetch, credentials: { baseUrl: vsaBaseUrl(opts.vsa.url), user: opts.vsa.user, secret: opts.vsa.secret, method }, retries: 2 });
      await v.session.header();
      log(`ok       VSA sign-in with ${method === 'token' ? 'a personal access token' : 'a password (on-premises legacy method)'}`);
      const http = v.http;
      const get = (path: string, endpoint: string, query?: Record<string, string | number>) => () => http.request({ method: 'GET', path, endpoint, schema: Any, query });
      const orgs = await run('VSA', 'GET /system/orgs', get('/system/orgs', 'GET /system/orgs', { $top: 100 }), VsaOrg, Result, ['OrgId'], `${VSA_SCHEMAS} VsaOrg`);
      const firstOrg = (Result(orgs) as { OrgId?: unknown }[] | undefined)?.[0]?.OrgId;
      if (firstOrg !== undefined) {
        await run('VSA', 'GET /system/orgs/{orgId}', get(`/system/orgs/${firstOrg}`, 'GET /system/orgs/{orgId}'), VsaOrg, Result, ['OrgId'], `${VSA_SCHEMAS} VsaOrg`);
        await run('VSA', 'GET /system/orgs/{orgId}/machinegroups', get(`/system/orgs/${firstOrg}/machinegroups`, 'GET /system/orgs/{orgId}/machinegroups', { $top: 100 }), VsaMachineGroup, Result, ['MachineGroupId'], `${VSA_SCHEMAS} VsaMachineGroup`);
      }
      await run('VSA', 'GET /system/machinegroups', get('/system/machinegroups', 'GET /system/machinegroups', { $top: 100 }), VsaMachineGroup, Result, ['MachineGroupId'], `${VSA_SCHEMAS} VsaMachineGroup`);
      const agents = await run('VSA', 'GET /assetmgmt/agents', get('/assetmgmt/agents', 'GET /assetmgmt/agents', { $top: 100 }), VsaAgent, Result, ['AgentId'], `${VSA_SCHEMAS} VsaAgent`);
      const firstAgent = (Result(agents) as { AgentId?: unknown }[] | undefined)?.[0]?.AgentId;
      if (firstAgent !== undefined) await run('VSA', 'GET /assetmgmt/agents/{agentId}', get(`/assetmgmt/agents/${firstAgent}`, 'GET /assetmgmt/agents/{agentId}'), VsaAgent, Result, ['AgentId'], `${VSA_SCHEMAS} VsaAgent`);
      // [assumed] the agent's contact keys (lib/vsa/assumed.ts): how many agents carry one, and the contact-like keys a real agent has
      const rows = (Result(agents) as Record<string, unknown>[] | undefined) ?? [];
      if (rows.length) {
        const seen = [...new Set(rows.flatMap((r) => Object.keys(r)).filter((k) => /contact|mail/i.test(k)))];
        log(`note     VSA agent contact (assumed keys ${[...AGENT_CONTACT_KEYS.name, ...AGENT_CONTACT_KEYS.email].join('/')}): ${rows.filter((r) => agentContact(r)).length} of ${rows.length} agents carry one; contact-like keys seen: ${seen.join(', ') || 'none'}`);
      }
    }
    if (opts.bms) {
      const b = new BmsClient({ fetch: opts.fetch, credentials: { baseUrl: bmsBaseUrl(opts.bms.url), tenant: opts.bms.tenant, user: opts.bms.user, password: opts.bms.password }, retries: 2 });
      await b.auth.header();
      const http = b.http;
      const get = (path: string, endpoint: string, query?: Record<string, string | number>) => () => http.request({ method: 'GET', path, endpoint, schema: Any, query });
      const page = { PageSize: BMS_PAGE_SIZE, PageNumber: 1 };
      const S = (dto: string) => `${BMS_SCHEMAS} ${dto}`;
      const accounts = await run('BMS', 'GET /crm/accounts/summary', get('/crm/accounts/summary', 'GET /crm/accounts/summary', page), AccountSummaryOutputDto, Result, ['Id'], S('AccountSummaryOutputDto'));
      await run('BMS', 'GET /crm/accounts/lookup', get('/crm/accounts/lookup', 'GET /crm/accounts/lookup', page), AccountLookupOutputDto, Result, ['Id'], S('AccountLookupOutputDto'));
      const acc = (Result(accounts) as { Id?: unknown }[] | undefined)?.[0]?.Id;
      if (acc !== undefined) {
        await run('BMS', 'GET /crm/accounts/summary/{id}', get(`/crm/accounts/summary/${acc}`, 'GET /crm/accounts/summary/{id}'), AccountSummaryOutputDto, (x) => x, ['Id'], S('AccountSummaryOutputDto'));
        const locs = await run('BMS', 'GET /crm/accounts/{accountId}/locations/lookup', get(`/crm/accounts/${acc}/locations/lookup`, 'GET /crm/accounts/{accountId}/locations/lookup'), AccountLocationLookupOutputDto, Result, ['Id'], S('AccountLocationLookupOutputDto'));
        const loc = (Result(locs) as { Id?: unknown }[] | undefined)?.[0]?.Id;
        if (loc !== undefined) await run('BMS', 'GET /crm/accounts/{accountId}/locations/{locationId}', get(`/crm/accounts/${acc}/locations/${loc}`, 'GET /crm/accounts/{accountId}/locations/{locationId}'), AccountLocationOutputDto, Result, ['Id'], S('AccountLocationOutputDto'));
      }
      await run('BMS', 'GET /admin/hr/departments/lookup', get('/admin/hr/departments/lookup', 'GET /admin/hr/departments/lookup'), DepartmentLookupOutputDto, Result, ['Id'], S('DepartmentLookupOutputDto'));
      const assets = await run('BMS', 'GET /servicedesk/hardwareasset/searchselect', get('/servicedesk/hardwareasset/searchselect', 'GET /servicedesk/hardwareasset/searchselect', page), HardwareAssetsListSearchSelectOutputDto, Result, ['Id'], S('HardwareAssetsListSearchSelectOutputDto'));
      const asset = (Result(assets) as { Id?: unknown }[] | undefined)?.[0]?.Id;
      if (asset !== undefined) await run('BMS', 'GET /servicedesk/hardwareasset/{assetId}', get(`/servicedesk/hardwareasset/${asset}`, 'GET /servicedesk/hardwareasset/{assetId}'), HardwareAssetOutputDto, Result, ['Id'], S('HardwareAssetOutputDto'));
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    log(`cannot connect or log in: ${msg}`);
    return { exit: 2, results, off: [], fatal: msg };
  }

  // what the tenant supports (contract §9): a capability it lacks is reported, a malformed answer is a mismatch
  const rec = await probeConnections(opts.fetch, {
    vsa: opts.vsa ? { url: vsaBaseUrl(opts.vsa.url), user: opts.vsa.user, secret: opts.vsa.secret, method } : null,
    bms: opts.bms ? { url: bmsBaseUrl(opts.bms.url), tenant: opts.bms.tenant, user: opts.bms.user, password: opts.bms.password } : null,
  });
  const report = capabilityReport(rec, { vsa: !!opts.vsa, bms: !!opts.bms });
  log('');
  log(`capabilities of this tenant (contract §9, probed ${new Date(rec.probedAt).toISOString()}):`);
  for (const l of report.lines) log(l);
  for (const m of report.mismatches) {
    results.push({ system: m.system, endpoint: m.probe, records: 0, mismatches: [{ endpoint: m.probe, record: null, field: '(response)', problem: m.reason }], error: m.reason, hint: m.hint });
  }
  log(report.off.length ? `off on this tenant: ${report.off.join(', ')} (reported, not a failure)` : 'every capability the product uses is on.');
  if (report.unreachable.length) {
    log(`cannot tell: ${report.unreachable.join('; ')}`);
    return { exit: 2, results, capabilities: rec, off: report.off, fatal: report.unreachable.join('; ') };
  }
  const bad = results.filter((r) => r.mismatches.length);
  log(bad.length ? `${bad.length} of ${results.length} checks do not match the expected shapes.` : `all ${results.length} endpoints match the schemas.`);
  return { exit: bad.length ? 1 : 0, results, capabilities: rec, off: report.off };
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
  // how the VSA secret is meant: a personal access token (pat, the default) or the on-premises password; never both
  const methodArg = (values['vsa-method'] ?? 'pat').toLowerCase();
  const method = ({ pat: 'token', token: 'token', password: 'password' } as const)[methodArg as 'pat'];
  if (!method) missing.push('--vsa-method pat|password (pat: a personal access token, the default; password: the on-premises legacy sign-in)');
  if (missing.length) {
    console.error(`smoke: needs ${missing.join('; ')}.`);
    process.exit(2);
  }
  const r = await smoke({
    fetch: (i, init) => fetch(i, init),
    vsa: values.vsa ? { url: values.vsa, user: env.VSA_USER!, secret: env.VSA_SECRET!, method } : undefined,
    bms: values.bms ? { url: values.bms, tenant: env.BMS_TENANT!, user: env.BMS_USER!, password: env.BMS_PASSWORD! } : undefined,
  });
  process.exit(r.exit);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) void main();
