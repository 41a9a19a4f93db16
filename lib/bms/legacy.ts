/**
 * BMS's legacy v1 API, for the one thing v2 cannot do: add or change a location of an existing
 * account (../shared/api-contract.md §5, §7: v2 has no such call; v1 `crm/locations` has).
 * Signed in with the v1 token (`POST /api/token`, OAuth password grant) and the same credentials;
 * failures are HTTP statuses. Bodies and answers beyond the documented fields are [assumed].
 */
import { z } from 'zod';
import { HttpClient, type AuthProvider } from '../http/client';
import { AuthError, ForbiddenError, InvalidPayloadError, RateLimitedError, ServerError } from '../http/errors';
import { fetchRaw, parseJson, type FetchFn } from '../http/fetch';
import { withLoginRetry } from '../http/login-retry';
import { retryAfterMs } from '../http/retry-after';
import type { QuotaTracker } from '../http/quota';

export interface LegacyCredentials {
  baseUrl: string;
  tenant: string;
  user: string;
  password: string;
}

const TokenAnswer = z.looseObject({ access_token: z.string().min(1), expires_in: z.union([z.number(), z.string()]).optional() });

/** the v1 token: `POST /api/token` with grant_type=password, username, password, tenant (RUBY) */
export async function bmsLegacyLogin(fetchFn: FetchFn, creds: LegacyCredentials): Promise<{ token: string; expiresAt: number }> {
  const ctx = { system: 'bms' as const, endpoint: 'POST /api/token' };
  const form = new URLSearchParams({ grant_type: 'password', username: creds.user, password: creds.password, tenant: creds.tenant });
  const res = await fetchRaw(fetchFn, `${creds.baseUrl}/api/token`, { method: 'POST', body: form, headers: { Accept: 'application/json' } }, ctx, { timeoutMs: 20_000 });
  const body = parseJson(res.text) as { error?: unknown; error_description?: unknown } | undefined;
  const said = typeof body?.error_description === 'string' ? body.error_description : typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`;
  if (res.status === 429) throw new RateLimitedError(`Kaseya BMS is limiting logins to its legacy API (${said}).`, ctx, retryAfterMs(res.headers.get('retry-after')));
  if (res.status === 400 || res.status === 401) throw new AuthError(`Kaseya BMS's legacy API refused the login (${said}). Check the Kaseya BMS connection in the settings.`, ctx);
  if (res.status === 403) throw new ForbiddenError(`Kaseya BMS's legacy API does not allow this user (${said}).`, ctx);
  if (res.status === 404) throw new ServerError(`Kaseya BMS has no legacy API at ${creds.baseUrl}/api (HTTP 404): locations of existing accounts cannot be added or changed from here.`, ctx, 404);
  if (res.status >= 400) throw new ServerError(`Kaseya BMS's legacy API failed the login (${said}).`, ctx, res.status);
  const parsed = TokenAnswer.safeParse(body);
  if (!parsed.success) throw new InvalidPayloadError('the legacy login answer has no access_token', ctx, 'access_token');
  const ttl = Number(parsed.data.expires_in);
  return { token: parsed.data.access_token, expiresAt: Date.now() + (Number.isFinite(ttl) && ttl > 60 ? ttl * 1000 : 15 * 60_000) };
}

class LegacyAuth implements AuthProvider {
  private s: { token: string; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;
  logins = 0;
  constructor(private fetchFn: FetchFn, private creds: LegacyCredentials, private retry: { retries?: number; minBackoffMs?: number }) {}

  async header(): Promise<string> {
    if (this.s && this.s.expiresAt > Date.now() + 15_000) return `Bearer ${this.s.token}`;
    this.inflight ??= (async () => {
      try {
        this.logins++;
        this.s = await withLoginRetry(() => bmsLegacyLogin(this.fetchFn, this.creds), this.retry);
        return `Bearer ${this.s.token}`;
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }

  async invalidate(header: string): Promise<boolean> {
    if (this.s && header === `Bearer ${this.s.token}`) {
      this.s = null;
      return true;
    }
    return false;
  }
}

/** a location as v1 answers it [assumed: the fields beyond Id, AccountId, LocationName] */
export const LegacyLocation = z.looseObject({
  Id: z.number().int(),
  AccountId: z.number().int().optional(),
  LocationName: z.string().nullable().optional(),
  IsMain: z.boolean().optional(),
  IsActive: z.boolean().optional(),
});
export type LegacyLocation = z.infer<typeof LegacyLocation>;

export interface LegacyLocationUpdate {
  LocationName?: string;
  /** "Convert to Main" [assumed: v1 takes IsMain] */
  IsMain?: boolean;
  IsActive?: boolean;
}

export class BmsLegacyClient {
  readonly http: HttpClient;
  readonly auth: LegacyAuth;

  constructor(o: { fetch: FetchFn; credentials: LegacyCredentials; quota?: QuotaTracker; retries?: number; minBackoffMs?: number; timeoutMs?: number }) {
    this.auth = new LegacyAuth(o.fetch, o.credentials, { retries: o.retries, minBackoffMs: o.minBackoffMs });
    this.http = new HttpClient({
      system: 'bms', baseUrl: `${o.credentials.baseUrl}/api`, fetch: o.fetch, auth: this.auth, quota: o.quota,
      retries: o.retries, minBackoffMs: o.minBackoffMs, timeoutMs: o.timeoutMs, concurrency: 2, rps: 5,
      errorMessage: (b) => {
        const m = (b as { Message?: unknown; message?: unknown } | null);
        const text = typeof m?.Message === 'string' ? m.Message : typeof m?.message === 'string' ? m.message : undefined;
        return text ? { message: text } : undefined;
      },
    });
  }

  /** adds a location to an existing account (not idempotent: callers look it up first) */
  async addLocation(accountId: number, name: string, signal?: AbortSignal): Promise<LegacyLocation> {
    return this.http.request({ method: 'POST', path: '/crm/locations', endpoint: 'POST /api/crm/locations', body: { AccountId: accountId, LocationName: name, Addresses: [] }, schema: LegacyLocation, recordId: accountId, signal });
  }

  /** rename, (de)activate or "Convert to Main" */
  async updateLocation(locationId: number, update: LegacyLocationUpdate, signal?: AbortSignal): Promise<LegacyLocation> {
    return this.http.request({ method: 'PUT', path: `/crm/locations/${locationId}`, endpoint: 'PUT /api/crm/locations/{id}', body: update, schema: LegacyLocation, recordId: locationId, idempotent: true, signal });
  }

  async deleteLocation(locationId: number, signal?: AbortSignal): Promise<void> {
    await this.http.request({ method: 'DELETE', path: `/crm/locations/${locationId}`, endpoint: 'DELETE /api/crm/locations/{id}', schema: null, recordId: locationId, signal });
  }
}
