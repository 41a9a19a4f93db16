/**
 * The HTTP layer both API clients stand on: per-host concurrency and requests-per-second limits
 * (p-queue), retries with exponential backoff and jitter for network errors and 5xx on idempotent
 * requests (p-retry), Retry-After honoured for 429, one token refresh on 401, BMS's per-endpoint
 * quota paced, timeouts and caller cancellation, and every answer checked against its zod schema.
 * Failures are typed errors that name the system, the endpoint and the record.
 */
import PQueue from 'p-queue';
import pRetry, { AbortError } from 'p-retry';
import type { z } from 'zod';
import {
  AuthError, ForbiddenError, InvalidPayloadError, NetworkError, NotFoundError, RateLimitedError, RejectedError,
  ServerError, SYSTEM_NAME, type ErrorContext, type System,
} from './errors';
import { fetchRaw, parseJson, type FetchFn } from './fetch';
import type { QuotaTracker } from './quota';
import { retryAfterMs } from './retry-after';

export interface AuthProvider {
  /** the Authorization header value; logs in when there is no valid token */
  header(signal?: AbortSignal): Promise<string>;
  /**
   * the token in `header` was refused: refresh or log in again on the next call. Returns false when
   * that token had already been replaced (another request refreshed it meanwhile).
   */
  invalidate(header: string): Promise<boolean>;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestSpec<S extends z.ZodType | null> {
  method: Method;
  /** path with parameters filled in, from the base URL */
  path: string;
  /** the endpoint's template, e.g. "GET /v2/crm/accounts/summary": quota key and error context */
  endpoint: string;
  query?: Record<string, string | number | boolean | undefined | null | readonly (string | number)[]>;
  body?: unknown;
  /** schema of the JSON answer; null when no body is expected */
  schema: S;
  recordId?: string | number;
  /** safe to repeat after a network error or 5xx (default: GET, PUT, DELETE) */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface HttpOptions {
  system: System;
  baseUrl: string;
  fetch: FetchFn;
  auth: AuthProvider | null;
  concurrency?: number;
  /** requests per second to this host */
  rps?: number;
  timeoutMs?: number;
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** longest Retry-After we wait for inside one request, in ms; longer waits surface as RateLimitedError */
  maxRetryAfterMs?: number;
  quota?: QuotaTracker;
  /** reads the server's own error message from an error body */
  errorMessage?: (body: unknown) => { message?: string; details?: string[] } | undefined;
  /** rewrites a parsed answer before anything reads it, knowing the schema it is read with (BMS: key casing) */
  normalize?: (body: unknown, schema: z.ZodType | null) => unknown;
  /**
   * the status the answer really means: servers that report failures inside an HTTP 200
   * (VSA `ResponseCode`, BMS `Success:false`) map them to the HTTP status they stand for
   */
  bodyStatus?: (httpStatus: number, body: unknown) => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface HttpStats {
  requests: number;
  retries: number;
  refreshes: number;
  rateLimited: number;
}

/** a sleep that ends early, rejecting with the signal's reason, when the signal aborts */
export const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    }, { once: true });
  });


class TransientPayload extends InvalidPayloadError {}

export class HttpClient {
  readonly queue: PQueue;
  readonly stats: HttpStats = { requests: 0, retries: 0, refreshes: 0, rateLimited: 0 };
  private o: Required<Omit<HttpOptions, 'quota' | 'errorMessage' | 'auth' | 'normalize' | 'bodyStatus'>> & Pick<HttpOptions, 'quota' | 'errorMessage' | 'auth' | 'normalize' | 'bodyStatus'>;

  constructor(opts: HttpOptions) {
    this.o = {
      concurrency: 4, rps: 10, timeoutMs: 30_000, retries: 6, minBackoffMs: 300, maxBackoffMs: 20_000, maxRetryAfterMs: 120_000,
      sleep: defaultSleep,
      // an option passed as undefined keeps its default
      ...(Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) as HttpOptions),
    };
    this.queue = new PQueue({ concurrency: this.o.concurrency, intervalCap: this.o.rps, interval: 1000, strict: true } as ConstructorParameters<typeof PQueue>[0]);
  }

  get system(): System {
    return this.o.system;
  }

  url(path: string, query?: RequestSpec<null>['query']): string {
    const u = new URL(this.o.baseUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined || v === null || v === '') continue;
      // a list is sent as repeated keys (BMS `Filter.Ids=1&Filter.Ids=2`, ../shared/api-contract.md §6)
      if (Array.isArray(v)) for (const x of v) u.searchParams.append(k, String(x));
      else u.searchParams.set(k, String(v));
    }
    return u.toString();
  }

  async request<S extends z.ZodType | null>(spec: RequestSpec<S>): Promise<S extends z.ZodType ? z.infer<S> : undefined> {
    const idempotent = spec.idempotent ?? (spec.method === 'GET' || spec.method === 'PUT' || spec.method === 'DELETE');
    const ctx: ErrorContext = { system: this.o.system, endpoint: spec.endpoint, recordId: spec.recordId };
    let refreshed = false;
    let staleRetries = 0;
    const attempt = async (): Promise<unknown> => {
      for (;;) {
        if (this.o.quota) {
          const wait = this.o.quota.delayFor(spec.endpoint);
          if (wait > 0) await this.o.sleep(wait, spec.signal);
        }
        const auth = this.o.auth ? await this.o.auth.header(spec.signal) : null;
        const headers: Record<string, string> = { Accept: 'application/json' };
        if (auth) headers.Authorization = auth;
        if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
        const res = await this.queue.add(() => {
          this.stats.requests++;
          this.o.quota?.record(spec.endpoint);
          return fetchRaw(this.o.fetch, this.url(spec.path, spec.query), {
            method: spec.method,
            headers,
            body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          }, ctx, { timeoutMs: this.o.timeoutMs, signal: spec.signal });
        }, { signal: spec.signal });
        if (!res) throw new NetworkError('the request was dropped', ctx);
        const raw = parseJson(res.text);
        const body = raw !== undefined && this.o.normalize ? this.o.normalize(raw, spec.schema) : raw;
        const status = body !== undefined && this.o.bodyStatus ? this.o.bodyStatus(res.status, body) : res.status;
        if (status === 401 && this.o.auth && auth) {
          // a token another request already replaced is simply retried with the new one
          const wasCurrent = await this.o.auth.invalidate(auth);
          if (!wasCurrent && staleRetries++ < 5) continue;
          if (refreshed) throw new AuthError(`${SYSTEM_NAME[this.o.system]} refused the saved credentials twice. Check the ${SYSTEM_NAME[this.o.system]} connection in the settings.`, ctx);
          refreshed = true;
          this.stats.refreshes++;
          continue;
        }
        return this.interpret({ status, headers: res.headers, text: res.text, body }, spec, ctx);
      }
    };
    try {
      return (await pRetry(attempt, {
        retries: this.o.retries,
        factor: 2,
        minTimeout: this.o.minBackoffMs,
        maxTimeout: this.o.maxBackoffMs,
        randomize: true,
        signal: spec.signal,
        shouldRetry: ({ error }) => {
          if (error instanceof RateLimitedError) return error.retryAfterMs === null || error.retryAfterMs <= this.o.maxRetryAfterMs;
          if (error instanceof TransientPayload) return idempotent;
          if (error instanceof NetworkError || error instanceof ServerError) return idempotent;
          return false;
        },
        onFailedAttempt: async ({ error, retriesLeft }) => {
          if (retriesLeft <= 0) return;
          if (error instanceof RateLimitedError) {
            this.stats.rateLimited++;
            if (error.retryAfterMs) await this.o.sleep(Math.min(error.retryAfterMs, this.o.maxRetryAfterMs), spec.signal);
          }
          this.stats.retries++;
        },
      })) as never;
    } catch (e) {
      if (e instanceof TransientPayload) throw new InvalidPayloadError(e.message, e.ctx, e.fieldPath);
      if (e instanceof AbortError) throw e.cause ?? e;
      throw e;
    }
  }

  private interpret(res: { status: number; headers: Headers; text: string; body: unknown }, spec: RequestSpec<z.ZodType | null>, ctx: ErrorContext): unknown {
    const body = res.body;
    const server = body !== undefined ? this.o.errorMessage?.(body) : undefined;
    const name = SYSTEM_NAME[this.o.system];
    const said = server?.message ? `: ${server.message.replace(/[.\s]+$/, '')}` : '';
    const rec = spec.recordId !== undefined ? ` for record ${spec.recordId}` : '';
    if (res.status === 401) throw new AuthError(`${name} refused the login${said}. Check the ${name} connection in the settings.`, ctx);
    if (res.status === 403) throw new ForbiddenError(`${name} does not allow ${spec.endpoint}${rec} for this user${said}.`, ctx);
    if (res.status === 404) throw new NotFoundError(`${name} has no such record${rec} (${spec.endpoint})${said}.`, ctx);
    if (res.status === 429) {
      const after = retryAfterMs(res.headers.get('retry-after'));
      throw new RateLimitedError(`${name} is limiting requests to ${spec.endpoint}${said}.`, ctx, after);
    }
    if (res.status >= 500) throw new ServerError(`${name} failed on ${spec.endpoint}${rec} (HTTP ${res.status})${said}.`, ctx, res.status);
    if (res.status >= 400) throw new RejectedError(`${name} refused ${spec.endpoint}${rec}${said || ` (HTTP ${res.status})`}.`, ctx, res.status, server?.details ?? []);
    if (spec.schema === null) return undefined;
    if (body === undefined) {
      const what = /^\s*</.test(res.text) ? 'an HTML page' : res.text ? 'text that is not valid JSON' : 'an empty body';
      throw new TransientPayload(`${name} answered ${spec.endpoint}${rec} with ${what} instead of JSON.`, ctx, null);
    }
    const parsed = spec.schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue.path.map(String).join('.');
      const recordHint = recordOf(body, issue.path);
      const ctx2 = recordHint !== undefined && spec.recordId === undefined ? { ...ctx, recordId: recordHint } : ctx;
      throw new InvalidPayloadError(
        `${name} answered ${spec.endpoint}${ctx2.recordId !== undefined ? ` (record ${ctx2.recordId})` : ''} with data we cannot use: field "${path || '(root)'}" ${issue.message.toLowerCase()}.`,
        ctx2,
        path || null,
      );
    }
    return parsed.data;
  }
}

/** the id of the record that holds the bad field, when the answer is a list of records */
function recordOf(body: unknown, path: PropertyKey[]): string | number | undefined {
  let cur: unknown = body;
  let rec: unknown;
  for (const key of path) {
    if (cur && typeof cur === 'object') {
      if (Array.isArray(cur)) rec = (cur as unknown[])[key as number];
      cur = (cur as Record<PropertyKey, unknown>)[key];
    }
  }
  if (rec && typeof rec === 'object') {
    const r = rec as Record<string, unknown>;
    const id = r.Id ?? r.OrgId ?? r.AgentId ?? r.MachineGroupId ?? r.ExternalId;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return undefined;
}

