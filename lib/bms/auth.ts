/**
 * BMS login per the vendor's OpenAPI document: POST /v2/security/authenticate with form fields
 * GrantType=password, UserName, Password, Tenant → TokenOutputDto.
 */
import { z } from 'zod';
import { AuthError, ForbiddenError, InvalidPayloadError, RateLimitedError, ServerError } from '../http/errors';
import { retryAfterMs } from '../http/retry-after';
import { fetchRaw, parseJson, type FetchFn } from '../http/fetch';
import { normalizeBaseUrl } from '../http/url';
import { bmsBodyStatus, bmsErrorMessage, schemaKeys } from './wire';

export function bmsBaseUrl(input: string): string {
  return normalizeBaseUrl(input, [/\/v2$/i, /\/api$/i]);
}

/**
 * An expiry time of BMS's: with a zone it is taken as is; without one [assumed: the zone is
 * unknown] the token is refreshed within 15 minutes at the latest (../shared/api-contract.md §5).
 */
export function parseBmsExpiry(value: string | null | undefined, now = Date.now()): number {
  const fallback = now + 15 * 60_000;
  if (!value) return fallback;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim());
  const t = Date.parse(zoned ? value : `${value.trim()}Z`);
  if (Number.isNaN(t)) return fallback;
  // a zone-less time in the past or within a minute is most likely another zone's: trust the 401 instead
  return zoned ? t : t > now + 60_000 ? Math.min(t, fallback) : fallback;
}

const TokenResponse = z.looseObject({
  Success: z.boolean().optional(),
  Result: z.looseObject({
    AccessToken: z.string().min(1),
    RefreshToken: z.string().nullable().optional(),
    AccessTokenExpireOn: z.string(),
    RefreshTokenExpireOn: z.string().optional(),
  }),
});
const ErrorResponse = z.looseObject({ Error: z.looseObject({ Message: z.string().nullable().optional() }).nullable().optional() });

export interface BmsSession {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: number;
}

export async function bmsLogin(fetchFn: FetchFn, baseUrl: string, tenant: string, user: string, password: string): Promise<BmsSession> {
  const ctx = { system: 'bms' as const, endpoint: 'POST /v2/security/authenticate' };
  const form = new URLSearchParams({ GrantType: 'password', UserName: user, Password: password, Tenant: tenant });
  const res = await fetchRaw(fetchFn, `${baseUrl}/v2/security/authenticate`, { method: 'POST', body: form, headers: { Accept: 'application/json' } }, ctx, { timeoutMs: 20_000 });
  // tenants answer camelCase, the document PascalCase: read both (../shared/api-contract.md §5)
  const body = schemaKeys(parseJson(res.text), TokenResponse);
  const err = ErrorResponse.safeParse(body);
  const said = bmsErrorMessage(body);
  const message = said?.message ?? (err.success ? err.data.Error?.Message : undefined) ?? undefined;
  const why = message ?? `HTTP ${res.status}`;
  // a refusal can come as success:false inside an HTTP 200
  const status = bmsBodyStatus(res.status, body);
  if (status === 429) throw new RateLimitedError(`Kaseya BMS is limiting logins (${why}).`, ctx, retryAfterMs(res.headers.get('retry-after')));
  if (status === 401 || status === 400) {
    throw new AuthError(`Kaseya BMS refused the login: ${message ?? 'the company, user name or password is wrong'}. Check the Kaseya BMS connection in the settings.`, ctx);
  }
  if (status === 403) throw new ForbiddenError(`Kaseya BMS accepted the login but the user has no API access (${why}): give it a role with "Has API Access".`, ctx);
  if (status >= 400) throw new ServerError(`Kaseya BMS failed the login (${why}).`, ctx, status);
  const parsed = TokenResponse.safeParse(body);
  if (!parsed.success) {
    throw new InvalidPayloadError(body === undefined ? 'the answer is not JSON' : 'the login answer has no access token', ctx, parsed.error.issues[0]?.path.join('.') ?? null);
  }
  return { accessToken: parsed.data.Result.AccessToken, refreshToken: parsed.data.Result.RefreshToken ?? null, expiresAt: parseBmsExpiry(parsed.data.Result.AccessTokenExpireOn) };
}
