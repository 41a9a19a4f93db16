/** The VSA REST client: orgs, machine groups and agents, streamed page by page. */
import type { z } from 'zod';
import { createOnce } from '../http/create-once';
import { HttpClient, type AuthProvider } from '../http/client';
import type { FetchFn } from '../http/fetch';
import { withLoginRetry } from '../http/login-retry';
import { paginate } from '../http/paging';
import { checkInput } from '../http/errors';
import { VSA_API_PREFIX, vsaLogin } from './auth';
import { envelope, listOf, VsaAgent, VsaMachineGroup, VsaOrg, VsaOrgInput, vsaErrorMessage } from './schemas';

/** [assumed] the server caps $top at 100 (../shared/api-contract.md) */
export const VSA_PAGE_SIZE = 100;

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
      system: 'vsa', baseUrl: o.credentials.baseUrl + VSA_API_PREFIX, fetch: o.fetch, auth: this.session, errorMessage: vsaErrorMessage,
      concurrency: o.concurrency, rps: o.rps, timeoutMs: o.timeoutMs, retries: o.retries, minBackoffMs: o.minBackoffMs,
    });
  }

  private list<T extends z.ZodType>(path: string, endpoint: string, item: T, filter?: string, signal?: AbortSignal): AsyncGenerator<z.infer<T>> {
    return paginate(async (offset) => {
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
    const res = await this.http.request({ method: 'GET', path: `/system/orgs/${encodeURIComponent(orgId)}`, endpoint: 'GET /system/orgs/{orgId}', schema: envelope(VsaOrg), recordId: orgId, signal });
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
    const res = await this.http.request({ method: 'PUT', path: `/system/orgs/${encodeURIComponent(orgId)}`, endpoint: 'PUT /system/orgs/{orgId}', body, schema: envelope(VsaOrg), recordId: orgId, idempotent: true, signal });
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
    return this.list(`/system/orgs/${encodeURIComponent(orgId)}/machinegroups`, 'GET /system/orgs/{orgId}/machinegroups', VsaMachineGroup, undefined, signal);
  }

  allMachineGroups(signal?: AbortSignal): AsyncGenerator<VsaMachineGroup> {
    return this.list('/system/machinegroups', 'GET /system/machinegroups', VsaMachineGroup, undefined, signal);
  }

  agents(opts: { orgId?: string; machineGroupId?: string; signal?: AbortSignal } = {}): AsyncGenerator<VsaAgent> {
    const parts = [opts.orgId ? `OrgId eq ${opts.orgId}` : '', opts.machineGroupId ? `MachineGroupId eq ${opts.machineGroupId}` : ''].filter(Boolean);
    return this.list('/assetmgmt/agents', 'GET /assetmgmt/agents', VsaAgent, parts.join(' and ') || undefined, opts.signal);
  }

  async agent(agentId: string, signal?: AbortSignal): Promise<VsaAgent> {
    const res = await this.http.request({ method: 'GET', path: `/assetmgmt/agents/${encodeURIComponent(agentId)}`, endpoint: 'GET /assetmgmt/agents/{agentId}', schema: envelope(VsaAgent), recordId: agentId, signal });
    return res.Result;
  }
}
