/** The VSA REST client: orgs, machine groups and agents, streamed page by page. */
import type { z } from 'zod';
import { createOnce } from '../http/create-once';
import { HttpClient, type AuthProvider } from '../http/client';
import type { FetchFn } from '../http/fetch';
import { withLoginRetry } from '../http/login-retry';
import { paginate } from '../http/paging';
import { checkInput, InvalidInputError } from '../http/errors';
import { VSA_API_PREFIX, vsaLogin } from './auth';
import { envelope, listOf, VsaAgent, VsaMachineGroup, VsaOrg, VsaOrgInput, vsaBodyStatus, vsaErrorMessage } from './schemas';

/** the server caps $top at 100 (../shared/api-contract.md §2) */
export const VSA_PAGE_SIZE = 100;
/** VSA SaaS cuts sessions short: a long scan logs in again every this many records (§1) */
export const VSA_RENEW_EVERY = 25_000;

/** an id from outside (a message, storage, BMS) checked before it goes into a path (LOW-3) */
export function vsaIdOrThrow(id: string, what = 'id'): string {
  if (typeof id !== 'string' || !/^\d{1,30}$/.test(id)) throw new InvalidInputError(`Not sent to Kaseya VSA: the ${what} ${JSON.stringify(id)} is not a VSA id (digits only).`, { system: 'vsa', endpoint: what }, null);
  return id;
}

const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface VsaCredentials {
  baseUrl: string;
  user: string;
  secret: string;
  method: 'password' | 'token';
}

export interface TokenCache {
  get(key: string): Promise<{ token: string; expiresAt: number | null } | null>;
  set(key: string, value: { token: string; expiresAt: number | null } | null): Promise<void>;
}

/** Logs in on first use, keeps the token (memory + optional cache), logs in again after a 401. */
export class VsaSession implements AuthProvider {
  private token: { token: string; expiresAt: number | null } | null = null;
  private inflight: Promise<string> | null = null;
  logins = 0;
  constructor(private fetchFn: FetchFn, private creds: VsaCredentials, private cache?: TokenCache, private retry: { retries?: number; minBackoffMs?: number } = {}) {}

  private key(): string {
    return `vsa:${this.creds.baseUrl}:${this.creds.user}`;
  }

  async header(): Promise<string> {
    if (!this.token && this.cache) this.token = await this.cache.get(this.key());
    if (this.token && (this.token.expiresAt === null || this.token.expiresAt > Date.now() + 2_000)) return `Bearer ${this.token.token}`;
    this.inflight ??= (async () => {
      try {
        this.logins++;
        const s = await withLoginRetry(() => vsaLogin(this.fetchFn, this.creds.baseUrl, this.creds.user, this.creds.secret, this.creds.method), this.retry);
        this.token = s;
        await this.cache?.set(this.key(), s);
        return `Bearer ${s.token}`;
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }

  /** drops the session so the next call logs in afresh (long scans, §1) */
  async renew(): Promise<void> {
    if (this.inflight) return;
    this.token = null;
    await this.cache?.set(this.key(), null);
  }

  async invalidate(header: string): Promise<boolean> {
    if (this.token && header === `Bearer ${this.token.token}`) {
      this.token = null;
      await this.cache?.set(this.key(), null);
      return true;
    }
    // no token: a login is under way or just failed; the header that failed was the last one issued
    return this.token === null && !this.inflight;
  }
}

export interface VsaClientOptions {
  fetch: FetchFn;
  credentials: VsaCredentials;
  cache?: TokenCache;
  concurrency?: number;
  rps?: number;
  timeoutMs?: number;
  retries?: number;
  minBackoffMs?: number;
}

export class VsaClient {
  readonly http: HttpClient;
  readonly session: VsaSession;

  constructor(o: VsaClientOptions) {
    this.session = new VsaSession(o.fetch, o.credentials, o.cache, { retries: o.retries, minBackoffMs: o.minBackoffMs });
    this.http = new HttpClient({
      system: 'vsa', baseUrl: o.credentials.baseUrl + VSA_API_PREFIX, fetch: o.fetch, auth: this.session, errorMessage: vsaErrorMessage, bodyStatus: vsaBodyStatus,
      concurrency: o.concurrency, rps: o.rps, timeoutMs: o.timeoutMs, retries: o.retries, minBackoffMs: o.minBackoffMs,
    });
  }

  private list<T extends z.ZodType>(path: string, endpoint: string, item: T, filter?: string, signal?: AbortSignal): AsyncGenerator<z.infer<T>> {
    let nextRenew = VSA_RENEW_EVERY;
    return paginate(async (offset) => {
      if (offset >= nextRenew) {
        nextRenew += VSA_RENEW_EVERY;
        await this.session.renew();
      }
      const res = await this.http.request({
        method: 'GET', path, endpoint, schema: listOf(item), signal,
        query: { $top: VSA_PAGE_SIZE, $skip: offset, $filter: filter, $orderby: undefined },
      });
      return { rows: res.Result as z.infer<T>[], total: res.TotalRecords ?? null };
    }, signal);
  }

  /** every org; `nameContains` filters on the server */
  orgs(opts: { nameContains?: string; signal?: AbortSignal } = {}): AsyncGenerator<VsaOrg> {
    const f = opts.nameContains ? `substringof(${odataString(opts.nameContains)}, OrgName)` : undefined;
    return this.list('/system/orgs', 'GET /system/orgs', VsaOrg, f, opts.signal);
  }

  async org(orgId: string, signal?: AbortSignal): Promise<VsaOrg> {
    const res = await this.http.request({ method: 'GET', path: `/system/orgs/${vsaIdOrThrow(orgId, 'org id')}`, endpoint: 'GET /system/orgs/{orgId}', schema: envelope(VsaOrg), recordId: orgId, signal });
    return res.Result;
  }

  async findOrgByRef(orgRef: string, signal?: AbortSignal): Promise<VsaOrg | null> {
    for await (const o of this.list('/system/orgs', 'GET /system/orgs', VsaOrg, `OrgRef eq ${odataString(orgRef)}`, signal)) if (o.OrgRef === orgRef) return o;
    return null;
  }

  /** creates an org; a create whose answer was lost is found by its OrgRef and adopted, never made twice */
  /**
   * Sets one custom field of an org to `value(the org as read)`, keeping the others [assumed: PUT takes the org's fields as POST does,
   * so the whole org is sent back with the one field changed]. Idempotent.
   */
  async setOrgCustomField(orgId: string, fieldName: string, value: (org: VsaOrg) => string, signal?: AbortSignal): Promise<VsaOrg> {
    const org = await this.org(orgId, signal);
    const fields = (org.CustomFields ?? []).filter((f) => f.FieldName !== fieldName).map((f) => ({ FieldName: f.FieldName, FieldValue: f.FieldValue ?? '' }));
    const body: VsaOrgInput = { OrgName: org.OrgName, OrgRef: org.OrgRef, CustomFields: [...fields, { FieldName: fieldName, FieldValue: value(org) }] };
    checkInput(VsaOrgInput, body, { system: 'vsa', endpoint: 'PUT /system/orgs/{orgId}', recordId: orgId });
    const res = await this.http.request({ method: 'PUT', path: `/system/orgs/${vsaIdOrThrow(orgId, 'org id')}`, endpoint: 'PUT /system/orgs/{orgId}', body, schema: envelope(VsaOrg), recordId: orgId, idempotent: true, signal });
    return res.Result;
  }

  async createOrg(input: VsaOrgInput, signal?: AbortSignal): Promise<{ org: VsaOrg; adopted: boolean }> {
    checkInput(VsaOrgInput, input, { system: 'vsa', endpoint: 'POST /system/orgs', recordId: input.OrgRef });
    const { record, adopted } = await createOnce({
      create: async () => (await this.http.request({ method: 'POST', path: '/system/orgs', endpoint: 'POST /system/orgs', body: input, schema: envelope(VsaOrg), recordId: input.OrgRef, signal })).Result,
      find: () => this.findOrgByRef(input.OrgRef, signal),
    });
    return { org: record, adopted };
  }

  machineGroups(orgId: string, signal?: AbortSignal): AsyncGenerator<VsaMachineGroup> {
    return this.list(`/system/orgs/${vsaIdOrThrow(orgId, 'org id')}/machinegroups`, 'GET /system/orgs/{orgId}/machinegroups', VsaMachineGroup, undefined, signal);
  }

  allMachineGroups(signal?: AbortSignal): AsyncGenerator<VsaMachineGroup> {
    return this.list('/system/machinegroups', 'GET /system/machinegroups', VsaMachineGroup, undefined, signal);
  }

  /**
   * Agents, all or of one org / machine group. VSA refuses ids inside $filter (HTTP 400, ids typed
   * Int32; ../shared/api-contract.md §2) and has no per-org agent path [assumed], so every agent is
   * paged and the rest is filtered here, comparing ids as strings.
   */
  async *agents(opts: { orgId?: string; machineGroupId?: string; signal?: AbortSignal } = {}): AsyncGenerator<VsaAgent> {
    const orgId = opts.orgId !== undefined ? vsaIdOrThrow(opts.orgId, 'org id') : undefined;
    const groupId = opts.machineGroupId !== undefined ? vsaIdOrThrow(opts.machineGroupId, 'machine group id') : undefined;
    for await (const a of this.list('/assetmgmt/agents', 'GET /assetmgmt/agents', VsaAgent, undefined, opts.signal)) {
      if (orgId !== undefined && a.OrgId !== orgId) continue;
      if (groupId !== undefined && a.MachineGroupId !== groupId) continue;
      yield a;
    }
  }

  async agent(agentId: string, signal?: AbortSignal): Promise<VsaAgent> {
    const res = await this.http.request({ method: 'GET', path: `/assetmgmt/agents/${vsaIdOrThrow(agentId, 'agent id')}`, endpoint: 'GET /assetmgmt/agents/{agentId}', schema: envelope(VsaAgent), recordId: agentId, signal });
    return res.Result;
  }
}
