/** The VSA REST client: orgs, machine groups and agents, streamed page by page. */
import type { z } from 'zod';
import { createOnce } from '../http/create-once';
import { HttpClient, defaultSleep, type AuthProvider } from '../http/client';
import type { FetchFn } from '../http/fetch';
import { withLoginRetry } from '../http/login-retry';
import { paginate } from '../http/paging';
import { checkInput, InvalidInputError, NotFoundError, RejectedError } from '../http/errors';
import { VSA_API_PREFIX, vsaLogin } from './auth';
import { AUDIT_PATH, DEFAULT_AUDIT_KEYS, type AuditKeys } from './assumed';
import { envelope, listOf, VsaAgent, VsaAuditRow, VsaCreated, VsaMachineGroup, VsaOrg, VsaOrgInput, VsaOrgReplace, vsaBodyStatus, vsaErrorMessage } from './schemas';

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

const sleep = defaultSleep;

/** the create was refused because it had been made already: createOnce looks it up and adopts it */
class AdoptAfterLag extends Error {}

/** waits between reads while a new org is not readable yet (§3: poll GET 1, 2, 4, 8 s) */
export const VSA_LAG_DELAYS_MS = [1000, 2000, 4000, 8000];

export interface VsaClientOptions {
  fetch: FetchFn;
  credentials: VsaCredentials;
  cache?: TokenCache;
  concurrency?: number;
  rps?: number;
  timeoutMs?: number;
  retries?: number;
  minBackoffMs?: number;
  /** the waits of the read-after-write polling (tests shorten them) */
  lagDelaysMs?: number[];
}

export class VsaClient {
  readonly http: HttpClient;
  readonly session: VsaSession;
  private lagDelaysMs: number[];

  constructor(o: VsaClientOptions) {
    this.session = new VsaSession(o.fetch, o.credentials, o.cache, { retries: o.retries, minBackoffMs: o.minBackoffMs });
    this.lagDelaysMs = o.lagDelaysMs ?? VSA_LAG_DELAYS_MS;
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

  /**
   * The org with this OrgRef (a string filter: VSA accepts those), or null. With `lag`, a miss is
   * read again after 1, 2, 4 and 8 s: an org made a moment ago may not be listed yet (§3).
   */
  async findOrgByRef(orgRef: string, signal?: AbortSignal, opts: { lag?: boolean } = {}): Promise<VsaOrg | null> {
    const once = async () => {
      for await (const o of this.list('/system/orgs', 'GET /system/orgs', VsaOrg, `OrgRef eq ${odataString(orgRef)}`, signal)) if (o.OrgRef === orgRef) return o;
      return null;
    };
    return opts.lag ? this.afterLag(once, signal) : once();
  }

  /**
   * Waits out VSA's read-after-write lag (a new org "is not immediately queryable … roughly a second
   * or two", §3): tries at once, then after 1, 2, 4 and 8 s. Not found is null; other errors throw.
   */
  private async afterLag<T>(read: () => Promise<T | null>, signal?: AbortSignal): Promise<T | null> {
    for (let i = 0; ; i++) {
      try {
        const v = await read();
        if (v !== null) return v;
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
      }
      if (i >= this.lagDelaysMs.length) return null;
      await sleep(this.lagDelaysMs[i], signal);
    }
  }

  /**
   * Sets one custom field of an org to `value(the org as read)`. VSA's PUT replaces the org, so the
   * whole org goes back (putOrgField). The answer (204 or status only) carries no org: the org is read
   * again and the write counts only when VSA kept the value. Idempotent.
   */
  async setOrgCustomField(orgId: string, fieldName: string, value: (org: VsaOrg) => string, signal?: AbortSignal): Promise<VsaOrg> {
    const org = await this.org(orgId, signal);
    const want = value(org);
    await this.putOrgField(org, fieldName, want, signal);
    const after = await this.org(orgId, signal);
    const kept = after.CustomFields?.find((f) => f.FieldName === fieldName)?.FieldValue ?? null;
    if (kept !== want) {
      throw new RejectedError(`Kaseya VSA accepted PUT /system/orgs/{orgId} for record ${orgId} but did not keep the custom field "${fieldName}" (it reads ${JSON.stringify(kept)}): the field may not exist on organizations yet; create it in VSA.`, { system: 'vsa', endpoint: 'PUT /system/orgs/{orgId}', recordId: orgId }, 200);
    }
    return after;
  }

  /**
   * Writes `org` back with one custom field set to `value`. VSA's PUT replaces the org, so the body is
   * the whole org as read: every writable field, ParentOrgId as a string, every custom field with this
   * one changed (safety review MEDIUM-4). `org` must be a fresh read (the caller decides how fresh);
   * nothing is read back here: the caller confirms by reading.
   */
  async putOrgField(org: VsaOrg, fieldName: string, value: string, signal?: AbortSignal): Promise<void> {
    const endpoint = 'PUT /system/orgs/{orgId}';
    const orgId = org.OrgId;
    const { OrgId: _id, CustomFields: read, ...writable } = org;
    const fields = (read ?? []).filter((f) => f.FieldName !== fieldName).map((f) => ({ FieldName: f.FieldName, FieldValue: f.FieldValue ?? '' }));
    const body = { ...writable, ParentOrgId: org.ParentOrgId ?? null, CustomFields: [...fields, { FieldName: fieldName, FieldValue: value }] };
    checkInput(VsaOrgReplace, body, { system: 'vsa', endpoint, recordId: orgId });
    await this.http.request({ method: 'PUT', path: `/system/orgs/${vsaIdOrThrow(orgId, 'org id')}`, endpoint, body, schema: null, recordId: orgId, idempotent: true, signal });
  }

  /**
   * Creates an org. VSA answers with the new id alone and makes the org readable a second or two
   * later; the org is read back once it is. A create whose answer was lost is looked up by its OrgRef
   * (with the same patience) and adopted, never made twice.
   */
  async createOrg(input: VsaOrgInput, signal?: AbortSignal, opts: { maybeMade?: boolean } = {}): Promise<{ org: VsaOrg; adopted: boolean }> {
    const endpoint = 'POST /system/orgs';
    const body = { DefaultMachineGroupName: 'root', DefaultDepartmentName: 'root', ...input };
    checkInput(VsaOrgInput, body, { system: 'vsa', endpoint, recordId: input.OrgRef });
    let lagFound: VsaOrg | null = null;
    const { record, adopted } = await createOnce({
      create: async () => {
        let res;
        try {
          res = await this.http.request({ method: 'POST', path: '/system/orgs', endpoint, body, schema: envelope(VsaCreated), recordId: input.OrgRef, signal });
        } catch (e) {
          // a job resumed after a stop may have made it a moment ago: the refusal of a taken OrgRef
          // then means "made, not listed yet" (the lag, §3), so look once more with patience and adopt it
          if (opts.maybeMade && e instanceof RejectedError && (lagFound = await this.findOrgByRef(input.OrgRef, signal, { lag: true }))) throw new AdoptAfterLag();
          throw e;
        }
        const id = res.Result;
        const org = await this.afterLag(() => this.org(id, signal), signal);
        if (!org) throw new NotFoundError(`Kaseya VSA answered ${endpoint} with the new id ${id}, but the org could not be read within ${Math.round(this.lagDelaysMs.reduce((a, b) => a + b, 0) / 1000)} s.`, { system: 'vsa', endpoint, recordId: input.OrgRef });
        return org;
      },
      find: async () => lagFound ?? this.findOrgByRef(input.OrgRef, signal, { lag: true }),
      retryOn: (e) => e instanceof AdoptAfterLag,
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

  /**
   * Serial number and MAC of every agent, from the audit in one paged read (not a call per agent).
   * Key names are [assumed] (lib/vsa/assumed.ts): the first candidate a row has wins.
   */
  async *audit(opts: { keys?: Partial<AuditKeys>; signal?: AbortSignal } = {}): AsyncGenerator<{ agentId: string; serialNumber: string | null; macAddress: string | null; keys: string[] }> {
    const keys = { ...DEFAULT_AUDIT_KEYS, ...opts.keys };
    const pick = (row: Record<string, unknown>, names: string[]) => {
      for (const k of names) {
        const v = row[k];
        if (typeof v === 'string' && v.trim()) return v.trim();
      }
      return null;
    };
    for await (const row of this.list(AUDIT_PATH, `GET ${AUDIT_PATH}`, VsaAuditRow, undefined, opts.signal)) {
      yield { agentId: row.AgentId, serialNumber: pick(row, keys.serial), macAddress: pick(row, keys.mac), keys: Object.keys(row) };
    }
  }

  async agent(agentId: string, signal?: AbortSignal): Promise<VsaAgent> {
    const res = await this.http.request({ method: 'GET', path: `/assetmgmt/agents/${vsaIdOrThrow(agentId, 'agent id')}`, endpoint: 'GET /assetmgmt/agents/{agentId}', schema: envelope(VsaAgent), recordId: agentId, signal });
    return res.Result;
  }
}
