/**
 * BMS login per the vendor's OpenAPI document: POST /v2/security/authenticate with form fields
 * GrantType=password, UserName, Password, Tenant → TokenOutputDto.
 */
import { z } from 'zod';
import { AuthError, ForbiddenError, InvalidPayloadError, RateLimitedError, ServerError } from '../http/errors';
import { retryAfterMs } from '../http/retry-after';
import { fetchRaw, parseJson, type FetchFn } from '../http/fetch';
import { normalizeBaseUrl } from '../http/url';

export function bmsBaseUrl(input: string): string {
  return normalizeBaseUrl(input, [/\/v2$/i, /\/api$/i]);
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
  const body = parseJson(res.text);
  const err = ErrorResponse.safeParse(body);
  const message = err.success ? err.data.Error?.Message : undefined;
  const why = message ?? `HTTP ${res.status}`;
  if (res.status === 429) throw new RateLimitedError(`Kaseya BMS is limiting logins (${why}).`, ctx, retryAfterMs(res.headers.get('retry-after')));
  if (res.status === 401 || res.status === 400) {
    throw new AuthError(`Kaseya BMS refused the login: ${message ?? 'the company, user name or password is wrong'}. Check the Kaseya BMS connection in the settings.`, ctx);
  }
  if (res.status === 403) throw new ForbiddenError(`Kaseya BMS accepted the login but the user has no API access (${why}): give it a role with "Has API Access".`, ctx);
  if (res.status >= 400) throw new ServerError(`Kaseya BMS failed the login (${why}).`, ctx, res.status);
  const parsed = TokenResponse.safeParse(body);
  if (!parsed.success) {
    throw new InvalidPayloadError(body === undefined ? 'the answer is not JSON' : 'the login answer has no access token', ctx, parsed.error.issues[0]?.path.join('.') ?? null);
  }
  const exp = Date.parse(parsed.data.Result.AccessTokenExpireOn);
  return { accessToken: parsed.data.Result.AccessToken, refreshToken: parsed.data.Result.RefreshToken ?? null, expiresAt: Number.isNaN(exp) ? Date.now() + 30 * 60_000 : exp };
}
