/**
 * The BMS REST v2 client: accounts, locations, departments, hardware assets, the integration's
 * mapping store and bulk asset push. Schemas come from the vendor's OpenAPI document
 * (schemas.gen.ts) and the few assumptions in assumed.ts. Bulk endpoints are preferred: BMS allows
 * 1,500 calls per hour per endpoint, and the client tracks and paces its own use.
 */
import { z } from 'zod';
import { createOnce } from '../http/create-once';
import { HttpClient, type AuthProvider } from '../http/client';
import { checkInput, InvalidPayloadError, ServerError } from '../http/errors';
import { fetchRaw, parseJson, type FetchFn } from '../http/fetch';
import { withLoginRetry } from '../http/login-retry';
import { paginate } from '../http/paging';
import { QuotaTracker } from '../http/quota';
import { bmsLogin, parseBmsExpiry, type BmsSession } from './auth';
import { BmsLegacyClient } from './legacy';
import { bmsBodyStatus, bmsErrorMessage, casingOf, schemaKeys, type Casing } from './wire';
import {
  AccountDepartmentListResponse, AccountDepartmentResponse, ACCOUNT_ENTITY, BMS_PAGE_SIZE, HardwareAsset, INTEGRATION_TYPE,
  HardwareAssetInput, IntegrationAssetInput, type AccountDepartment, type LocationUpdate, AccountContactListResponse, accountContactsPath, type AccountContact,
} from './assumed';
import {
  AccountLocationLookupOutputDtoListResponse, AccountPostInputDto, AccountPutInputDto, ImportEntityMappingInputDto, AccountLocationOutputDtoResponse, AccountLookupOutputDtoListResponse,
  AccountSummaryOutputDto, AccountSummaryOutputDtoIEnumerablePagedResponse, AccountSummaryOutputDtoResponse, DepartmentLookupOutputDtoListResponse,
  EntityMappingOutputDtoIEnumerablePagedResponse, HardwareAssetsListSearchSelectOutputDtoIEnumerableResponse, IntegrationAssetJobStatusOutputDtoResponse,
  IntegrationJobOutputDtoResponse, IntegrationMappingJobStatusOutputDtoResponse, TokenOutputDtoResponse,
  CustomFieldDataOutputDtoIEnumerableResponse, CustomFieldDataPutInputDto, CustomFieldOutputDtoIEnumerableResponse,
  type AccountLocationLookupOutputDto, type AccountLookupOutputDto,
  type EntityMappingOutputDto, type HardwareAssetsListSearchSelectOutputDto, type IntegrationAssetJobStatusOutputDto,
  type IntegrationMappingJobStatusOutputDto,
} from './schemas.gen';

export interface BmsCredentials {
  baseUrl: string;
  tenant: string;
  user: string;
  password: string;
}

export interface BmsTokenCache {
  get(key: string): Promise<BmsSession | null>;
  set(key: string, value: BmsSession | null): Promise<void>;
}

export { bmsErrorMessage } from './wire';

/** Access token with refresh: refreshes before expiry or after a 401, logs in again when refresh fails. */
export class BmsAuth implements AuthProvider {
  private s: (BmsSession & { lifetimeMs?: number }) | null = null;
  private inflight: Promise<string> | null = null;
  logins = 0;
  refreshes = 0;
  constructor(private fetchFn: FetchFn, private creds: BmsCredentials, private cache?: BmsTokenCache, private retry: { retries?: number; minBackoffMs?: number } = {}) {}

  private key(): string {
    return `bms:${this.creds.baseUrl}:${this.creds.tenant}:${this.creds.user}`;
  }

  private async refresh(old: BmsSession): Promise<BmsSession | null> {
    if (!old.refreshToken) return null;
    const ctx = { system: 'bms' as const, endpoint: 'POST /v2/security/refreshtoken' };
    try {
      const res = await fetchRaw(this.fetchFn, `${this.creds.baseUrl}/v2/security/refreshtoken`, {
        method: 'POST', body: new URLSearchParams({ AccessToken: old.accessToken, RefreshToken: old.refreshToken }), headers: { Accept: 'application/json' },
      }, ctx, { timeoutMs: 20_000 });
      if (res.status !== 200) return null;
      const body = schemaKeys(parseJson(res.text), TokenOutputDtoResponse);
      if (bmsBodyStatus(res.status, body) !== 200) return null;
      const parsed = TokenOutputDtoResponse.safeParse(body);
      if (!parsed.success) return null;
      this.refreshes++;
      return { accessToken: parsed.data.Result.AccessToken, refreshToken: parsed.data.Result.RefreshToken ?? null, expiresAt: parseBmsExpiry(parsed.data.Result.AccessTokenExpireOn) };
    } catch {
      return null;
    }
  }

  async header(): Promise<string> {
    if (!this.s && this.cache) this.s = await this.cache.get(this.key());
    // refresh shortly before expiry: 15 s, or a fifth of a short lifetime
    if (this.s && this.s.expiresAt > Date.now() + Math.min(15_000, (this.s.lifetimeMs ?? 60_000) / 5)) return `Bearer ${this.s.accessToken}`;
    this.inflight ??= (async () => {
      try {
        let next = this.s ? await this.refresh(this.s) : null;
        if (!next) {
          this.logins++;
          next = await withLoginRetry(() => bmsLogin(this.fetchFn, this.creds.baseUrl, this.creds.tenant, this.creds.user, this.creds.password), this.retry);
        }
        this.s = { ...next, lifetimeMs: Math.max(1000, next.expiresAt - Date.now()) };
        await this.cache?.set(this.key(), this.s);
        return `Bearer ${next.accessToken}`;
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }

  async invalidate(header: string): Promise<boolean> {
    // force the next header() through refresh (or login)
    if (this.s && header === `Bearer ${this.s.accessToken}`) {
      this.s = { ...this.s, expiresAt: 0 };
      return true;
    }
    return false;
  }
}

export interface BmsClientOptions {
  fetch: FetchFn;
  credentials: BmsCredentials;
  cache?: BmsTokenCache;
  concurrency?: number;
  rps?: number;
  timeoutMs?: number;
  retries?: number;
  minBackoffMs?: number;
  /** BMS's quota: 1,500 calls per hour per endpoint */
  quota?: { limit: number; windowMs: number };
  /** how often and how long to poll a bulk job */
  jobPollMs?: number;
  jobTimeoutMs?: number;
}

const MAPPINGS = `/rmm/${INTEGRATION_TYPE}/mappings/${ACCOUNT_ENTITY}`;
/** the hardware asset envelope, with the assumed DepartmentId */
/** the answer to a custom field PUT: only success matters (the document's output type is not generated) */
const CustomFieldPutResponse = z.looseObject({ Success: z.boolean().optional(), Result: z.unknown().optional() });
const HardwareAssetResponse = z.looseObject({ Success: z.boolean().optional(), Result: HardwareAsset });

export class BmsClient {
  readonly http: HttpClient;
  readonly auth: BmsAuth;
  readonly quota: QuotaTracker;
  private jobPollMs: number;
  private jobTimeoutMs: number;
  /** BMS's legacy v1 API, for location writes v2 does not have */
  readonly legacy: BmsLegacyClient;
  /** the key casing of the last answer (camel on real tenants, Pascal in the vendor's document) */
  casing: Casing | null = null;

  constructor(o: BmsClientOptions) {
    this.auth = new BmsAuth(o.fetch, o.credentials, o.cache, { retries: o.retries, minBackoffMs: o.minBackoffMs });
    this.quota = new QuotaTracker({ limit: o.quota?.limit ?? 1500, windowMs: o.quota?.windowMs ?? 3_600_000 });
    this.jobPollMs = o.jobPollMs ?? 500;
    this.legacy = new BmsLegacyClient({ fetch: o.fetch, credentials: o.credentials, quota: this.quota, retries: o.retries, minBackoffMs: o.minBackoffMs, timeoutMs: o.timeoutMs });
    this.jobTimeoutMs = o.jobTimeoutMs ?? 10 * 60_000;
    this.http = new HttpClient({
      system: 'bms', baseUrl: `${o.credentials.baseUrl}/v2`, fetch: o.fetch, auth: this.auth, errorMessage: bmsErrorMessage, quota: this.quota,
      normalize: (body, schema) => {
        const c = casingOf(body);
        if (c !== 'none' && c !== this.casing) {
          if (this.casing !== null) console.info(`[bms-vsa-sync] Kaseya BMS answers with ${c} keys (before: ${this.casing})`);
          else console.info(`[bms-vsa-sync] Kaseya BMS answers with ${c} keys`);
          this.casing = c;
        }
        return schemaKeys(body, schema);
      },
      bodyStatus: bmsBodyStatus,
      concurrency: o.concurrency, rps: o.rps, timeoutMs: o.timeoutMs, retries: o.retries, minBackoffMs: o.minBackoffMs,
    });
  }

  /** calls left this hour per endpoint, for jobs that plan */
  budget() {
    return this.quota.budgets();
  }

  // ---------- accounts ----------
  accounts(opts: { nameContains?: string; active?: boolean; modifiedFrom?: string; createdFrom?: string; signal?: AbortSignal } = {}): AsyncGenerator<AccountSummaryOutputDto> {
    return paginate(async (_offset, index) => {
      const res = await this.http.request({
        method: 'GET', path: '/crm/accounts/summary', endpoint: 'GET /crm/accounts/summary', schema: AccountSummaryOutputDtoIEnumerablePagedResponse, signal: opts.signal,
        query: { PageSize: BMS_PAGE_SIZE, PageNumber: index + 1, 'Filter.AccountName': opts.nameContains, 'Filter.IsActive': opts.active, 'Filter.ModifiedOnFrom': opts.modifiedFrom, 'Filter.CreatedOnFrom': opts.createdFrom },
      });
      return { rows: res.Result ?? [], total: res.TotalRecords ?? null };
    }, opts.signal);
  }

  async account(id: number, signal?: AbortSignal): Promise<AccountSummaryOutputDto> {
    return this.http.request({ method: 'GET', path: `/crm/accounts/summary/${id}`, endpoint: 'GET /crm/accounts/summary/{id}', schema: AccountSummaryOutputDto, recordId: id, signal });
  }

  lookupAccounts(opts: { ids?: number[]; name?: string; withInactive?: boolean; signal?: AbortSignal } = {}): AsyncGenerator<AccountLookupOutputDto> {
    return paginate(async (_offset, index) => {
      const res = await this.http.request({
        method: 'GET', path: '/crm/accounts/lookup', endpoint: 'GET /crm/accounts/lookup', schema: AccountLookupOutputDtoListResponse, signal: opts.signal,
        query: { PageSize: BMS_PAGE_SIZE, PageNumber: index + 1, 'Filter.Ids': opts.ids, 'Filter.Name': opts.name, 'Filter.WithInactiveAccounts': opts.withInactive },
      });
      return { rows: res.Result ?? [] };
    }, opts.signal);
  }

  /** the account with exactly this name (BMS filters by "contains"), or null */
  async findAccountByName(name: string, signal?: AbortSignal): Promise<AccountSummaryOutputDto | null> {
    for await (const a of this.accounts({ nameContains: name, signal })) if (a.AccountName === name) return a;
    return null;
  }

  /** creates an account; one whose answer was lost is found by name and adopted, never made twice */
  async createAccount(input: z.input<typeof AccountPostInputDto>, signal?: AbortSignal): Promise<{ account: AccountSummaryOutputDto; adopted: boolean }> {
    checkInput(AccountPostInputDto, input, { system: 'bms', endpoint: 'POST /crm/accounts', recordId: input.AccountName });
    const { record, adopted } = await createOnce({
      create: async () => (await this.http.request({ method: 'POST', path: '/crm/accounts', endpoint: 'POST /crm/accounts', body: input, schema: AccountSummaryOutputDtoResponse, recordId: input.AccountName, signal })).Result,
      find: () => this.findAccountByName(input.AccountName, signal),
    });
    return { account: record, adopted };
  }

  async updateAccount(id: number, input: z.input<typeof AccountPutInputDto>, signal?: AbortSignal): Promise<AccountSummaryOutputDto> {
    checkInput(AccountPutInputDto, input, { system: 'bms', endpoint: 'PUT /crm/accounts/{id}', recordId: id });
    return (await this.http.request({ method: 'PUT', path: `/crm/accounts/${id}`, endpoint: 'PUT /crm/accounts/{id}', body: input, schema: AccountSummaryOutputDtoResponse, recordId: id, signal })).Result;
  }

  // ---------- locations and departments ----------
  async locations(accountId: number, signal?: AbortSignal): Promise<AccountLocationLookupOutputDto[]> {
    const res = await this.http.request({ method: 'GET', path: `/crm/accounts/${accountId}/locations/lookup`, endpoint: 'GET /crm/accounts/{accountId}/locations/lookup', schema: AccountLocationLookupOutputDtoListResponse, recordId: accountId, signal });
    return res.Result ?? [];
  }

  async location(accountId: number, locationId: number, signal?: AbortSignal) {
    return (await this.http.request({ method: 'GET', path: `/crm/accounts/${accountId}/locations/${locationId}`, endpoint: 'GET /crm/accounts/{accountId}/locations/{locationId}', schema: AccountLocationOutputDtoResponse, recordId: locationId, signal })).Result;
  }

  /**
   * Adds a location to an existing account (Group Id rule, F13). v2 has no such call: it goes
   * through the legacy v1 `crm/locations` (lib/bms/legacy.ts). One with the same name is adopted;
   * a create whose answer was lost is found in the v2 lookup and never made twice.
   */
  async createLocation(accountId: number, name: string, signal?: AbortSignal): Promise<{ id: number; adopted: boolean }> {
    const find = async () => {
      const l = (await this.locations(accountId, signal)).find((x) => (x.Name ?? '').trim().toLowerCase() === name.trim().toLowerCase());
      return l ? l.Id : null;
    };
    const existing = await find();
    if (existing !== null) return { id: existing, adopted: true };
    const { record, adopted } = await createOnce({ create: async () => (await this.legacy.addLocation(accountId, name, signal)).Id, find });
    return { id: record, adopted };
  }

  /** rename, (de)activate or "Convert to Main" (F12), through the legacy v1 API */
  async updateLocation(accountId: number, locationId: number, update: LocationUpdate, signal?: AbortSignal) {
    return this.legacy.updateLocation(locationId, update, signal);
  }

  /** [assumed] the account's own departments */
  async departments(accountId: number, signal?: AbortSignal): Promise<AccountDepartment[]> {
    return (await this.http.request({ method: 'GET', path: `/crm/accounts/${accountId}/departments`, endpoint: 'GET /crm/accounts/{accountId}/departments', schema: AccountDepartmentListResponse, recordId: accountId, signal })).Result ?? [];
  }

  /** [assumed] the account's contacts (accountContactsPath, lib/bms/assumed.ts) */
  async contacts(accountId: number, signal?: AbortSignal): Promise<AccountContact[]> {
    return (await this.http.request({ method: 'GET', path: accountContactsPath(accountId), endpoint: 'GET /crm/accounts/{accountId}/contacts', schema: AccountContactListResponse, recordId: accountId, signal })).Result ?? [];
  }

  async createDepartment(accountId: number, name: string, signal?: AbortSignal): Promise<AccountDepartment> {
    const { record } = await createOnce({
      create: async () => (await this.http.request({ method: 'POST', path: `/crm/accounts/${accountId}/departments`, endpoint: 'POST /crm/accounts/{accountId}/departments', body: { Name: name }, schema: AccountDepartmentResponse, recordId: accountId, signal })).Result,
      find: async () => (await this.departments(accountId, signal)).find((d) => d.Name === name) ?? null,
    });
    return record;
  }

  // ---------- custom fields (location rules for the team, B9) ----------
  async customFields(moduleId: number, signal?: AbortSignal) {
    return (await this.http.request({ method: 'GET', path: `/system/customFields/${moduleId}`, endpoint: 'GET /system/customFields/{moduleId}', schema: CustomFieldOutputDtoIEnumerableResponse, signal })).Result ?? [];
  }

  async customFieldData(moduleId: number, objectId: number, signal?: AbortSignal) {
    return (await this.http.request({ method: 'GET', path: `/system/customFields/${moduleId}/${objectId}`, endpoint: 'GET /system/customFields/{moduleId}/{objectId}', schema: CustomFieldDataOutputDtoIEnumerableResponse, signal, recordId: String(objectId) })).Result ?? [];
  }

  /** writes one custom field value (a PUT of the whole value: idempotent, so retried) */
  async setCustomFieldData(moduleId: number, entityId: number, fieldId: number, value: string, signal?: AbortSignal) {
    const endpoint = 'PUT /system/customFields/data/{moduleId}/{entityId}/{customFieldId}';
    checkInput(CustomFieldDataPutInputDto, { Value: value }, { system: 'bms', endpoint, recordId: String(entityId) });
    return (await this.http.request({ method: 'PUT', path: `/system/customFields/data/${moduleId}/${entityId}/${fieldId}`, endpoint, body: { Value: value }, schema: CustomFieldPutResponse, idempotent: true, signal, recordId: String(entityId) })).Result;
  }

  async hrDepartments(signal?: AbortSignal) {
    return (await this.http.request({ method: 'GET', path: '/admin/hr/departments/lookup', endpoint: 'GET /admin/hr/departments/lookup', schema: DepartmentLookupOutputDtoListResponse, signal })).Result ?? [];
  }

  // ---------- hardware assets ----------
  assets(opts: { accountId?: number; name?: string; active?: boolean; machineGroupId?: string; signal?: AbortSignal } = {}): AsyncGenerator<HardwareAssetsListSearchSelectOutputDto> {
    return paginate(async (_offset, index) => {
      const res = await this.http.request({
        method: 'GET', path: '/servicedesk/hardwareasset/searchselect', endpoint: 'GET /servicedesk/hardwareasset/searchselect', schema: HardwareAssetsListSearchSelectOutputDtoIEnumerableResponse, signal: opts.signal,
        query: { PageSize: BMS_PAGE_SIZE, PageNumber: index + 1, 'Filter.AccountId': opts.accountId, 'Filter.AssetName': opts.name, 'Filter.IsActive': opts.active, 'Filter.MachineGroupId': opts.machineGroupId },
      });
      return { rows: res.Result ?? [] };
    }, opts.signal);
  }

  async asset(id: number, signal?: AbortSignal): Promise<HardwareAsset> {
    return (await this.http.request({ method: 'GET', path: `/servicedesk/hardwareasset/${id}`, endpoint: 'GET /servicedesk/hardwareasset/{assetId}', schema: HardwareAssetResponse, recordId: id, signal })).Result;
  }

  async updateAsset(id: number, input: z.input<typeof HardwareAssetInput>, signal?: AbortSignal): Promise<HardwareAsset> {
    checkInput(HardwareAssetInput, input, { system: 'bms', endpoint: 'PUT /servicedesk/hardwareasset/{assetId}', recordId: id });
    return (await this.http.request({ method: 'PUT', path: `/servicedesk/hardwareasset/${id}`, endpoint: 'PUT /servicedesk/hardwareasset/{assetId}', body: input, schema: HardwareAssetResponse, recordId: id, signal })).Result;
  }

  async deleteAsset(id: number, signal?: AbortSignal): Promise<void> {
    await this.http.request({ method: 'DELETE', path: `/servicedesk/hardwareasset/${id}`, endpoint: 'DELETE /servicedesk/hardwareasset/{Id}', schema: null, recordId: id, signal });
  }

  // ---------- the integration: mappings and bulk asset push ----------
  mappings(opts: { externalIds?: string[]; psaIds?: number[]; signal?: AbortSignal } = {}): AsyncGenerator<EntityMappingOutputDto> {
    return paginate(async (_offset, index) => {
      const res = await this.http.request({
        method: 'GET', path: MAPPINGS, endpoint: 'GET /rmm/{integrationType}/mappings/{entityType}', schema: EntityMappingOutputDtoIEnumerablePagedResponse, signal: opts.signal,
        query: { PageSize: BMS_PAGE_SIZE, PageNumber: index + 1, 'Filter.ExternalIds': opts.externalIds?.join(','), 'Filter.PsaIds': opts.psaIds?.join(',') },
      });
      return { rows: res.Result ?? [], total: res.TotalRecords ?? null };
    }, opts.signal);
  }

  /** links orgs to accounts in bulk (idempotent: the same pair again is "Unchanged"); returns the finished job */
  async importMappings(items: { ExternalId: string; PsaId: number }[], signal?: AbortSignal): Promise<IntegrationMappingJobStatusOutputDto> {
    checkInput(z.array(ImportEntityMappingInputDto), items, { system: 'bms', endpoint: 'POST /rmm/{integrationType}/mappings/{entityType}' });
    const job = await this.http.request({ method: 'POST', path: MAPPINGS, endpoint: 'POST /rmm/{integrationType}/mappings/{entityType}', body: items, schema: IntegrationJobOutputDtoResponse, idempotent: true, signal });
    return this.waitForMappingJob(this.jobId(job.Result.JobId, 'POST /rmm/{integrationType}/mappings/{entityType}'), signal);
  }

  async deleteMappings(externalIds: string[], signal?: AbortSignal): Promise<IntegrationMappingJobStatusOutputDto> {
    const job = await this.http.request({ method: 'DELETE', path: MAPPINGS, endpoint: 'DELETE /rmm/{integrationType}/mappings/{entityType}', body: externalIds.map((ExternalId) => ({ ExternalId })), schema: IntegrationJobOutputDtoResponse, signal });
    return this.waitForMappingJob(this.jobId(job.Result.JobId, 'DELETE /rmm/{integrationType}/mappings/{entityType}'), signal);
  }

  /** creates or updates assets in bulk, keyed by AgentId (idempotent); returns the finished job */
  async pushAssets(items: z.input<typeof IntegrationAssetInput>[], mode: 'create' | 'update' = 'create', signal?: AbortSignal): Promise<IntegrationAssetJobStatusOutputDto> {
    const endpoint = `${mode === 'create' ? 'POST' : 'PUT'} /rmm/{integrationType}/assets`;
    checkInput(z.array(IntegrationAssetInput), items, { system: 'bms', endpoint });
    const job = await this.http.request({ method: mode === 'create' ? 'POST' : 'PUT', path: `/rmm/${INTEGRATION_TYPE}/assets`, endpoint, body: items, schema: IntegrationJobOutputDtoResponse, idempotent: true, signal });
    return this.waitForAssetJob(this.jobId(job.Result.JobId, endpoint), signal);
  }

  async deactivateAssets(agentIds: string[], signal?: AbortSignal): Promise<IntegrationAssetJobStatusOutputDto> {
    const endpoint = 'PUT /rmm/{integrationType}/assets/deactivate';
    const job = await this.http.request({ method: 'PUT', path: `/rmm/${INTEGRATION_TYPE}/assets/deactivate`, endpoint, body: agentIds.map((a) => ({ TransactionId: a, AssetId: a })), schema: IntegrationJobOutputDtoResponse, signal });
    return this.waitForAssetJob(this.jobId(job.Result.JobId, endpoint), signal);
  }

  private jobId(id: string | null | undefined, endpoint: string): string {
    if (!id || !/^\d+$/.test(id)) throw new InvalidPayloadError(`Kaseya BMS answered ${endpoint} without a usable job id (${JSON.stringify(id)}).`, { system: 'bms', endpoint }, 'Result.JobId');
    return id;
  }

  private async poll<T extends { JobStatus: string | null }>(get: () => Promise<T>, endpoint: string, signal?: AbortSignal): Promise<T> {
    const t0 = Date.now();
    for (;;) {
      const st = await get();
      if (st.JobStatus && !/^(queued|processing|inprogress|pending|running)$/i.test(st.JobStatus)) return st;
      if (Date.now() - t0 > this.jobTimeoutMs) throw new ServerError(`Kaseya BMS did not finish the job of ${endpoint} within ${Math.round(this.jobTimeoutMs / 1000)} s.`, { system: 'bms', endpoint }, 504);
      await new Promise((r) => setTimeout(r, this.jobPollMs));
      signal?.throwIfAborted();
    }
  }

  async waitForAssetJob(jobId: string, signal?: AbortSignal): Promise<IntegrationAssetJobStatusOutputDto> {
    const endpoint = 'GET /rmm/{integrationType}/assets/status/{jobId}';
    return this.poll(async () => (await this.http.request({ method: 'GET', path: `/rmm/${INTEGRATION_TYPE}/assets/status/${jobId}`, endpoint, schema: IntegrationAssetJobStatusOutputDtoResponse, recordId: jobId, signal })).Result, endpoint, signal);
  }

  async waitForMappingJob(jobId: string, signal?: AbortSignal): Promise<IntegrationMappingJobStatusOutputDto> {
    const endpoint = 'GET /rmm/{integrationType}/mappings/status/{jobId}';
    return this.poll(async () => (await this.http.request({ method: 'GET', path: `/rmm/${INTEGRATION_TYPE}/mappings/status/${jobId}`, endpoint, schema: IntegrationMappingJobStatusOutputDtoResponse, recordId: jobId, signal })).Result, endpoint, signal);
  }
}

