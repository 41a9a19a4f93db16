/**
 * BMS's legacy v1 sign-in (../shared/api-contract.md §5): POST https://<host>/api/token with form
 * grant_type=password, username, password, tenant → {access_token, expires_in} [confirmed: RUBY].
 * Used by the capability probe and by the legacy location calls.
 */
import { LEGACY_TOKEN_PATH, LegacyTokenResponse } from '../capabilities/assumed';
import { InvalidPayloadError, NotFoundError, RateLimitedError, RejectedError, ServerError } from '../http/errors';
import { fetchRaw, parseJson, type FetchFn } from '../http/fetch';
import { retryAfterMs } from '../http/retry-after';

export interface LegacySession {
  accessToken: string;
  expiresAt: number | null;
}

export async function bmsLegacyLogin(fetchFn: FetchFn, baseUrl: string, tenant: string, user: string, password: string): Promise<LegacySession> {
  const ctx = { system: 'bms' as const, endpoint: `POST ${LEGACY_TOKEN_PATH} (legacy v1)` };
  const form = new URLSearchParams({ grant_type: 'password', username: user, password, tenant });
  const res = await fetchRaw(fetchFn, `${baseUrl}${LEGACY_TOKEN_PATH}`, { method: 'POST', body: form, headers: { Accept: 'application/json' } }, ctx, { timeoutMs: 20_000 });
  const body = parseJson(res.text) as { error?: unknown; error_description?: unknown } | undefined;
  const why = typeof body?.error_description === 'string' ? body.error_description : typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`;
  if (res.status === 404 || res.status === 405 || res.status === 410) throw new NotFoundError(`Kaseya BMS has no legacy API at ${LEGACY_TOKEN_PATH} (HTTP ${res.status})`, ctx);
  if (res.status === 429) throw new RateLimitedError(`Kaseya BMS is limiting legacy logins (${why})`, ctx, retryAfterMs(res.headers.get('retry-after')));
  if (res.status >= 500) throw new ServerError(`Kaseya BMS's legacy API failed (${why})`, ctx, res.status);
  if (res.status >= 400) throw new RejectedError(`Kaseya BMS's legacy API refused the sign-in (${why})`, ctx, res.status);
  if (body === undefined) throw new NotFoundError(`Kaseya BMS answers ${LEGACY_TOKEN_PATH} without JSON: no legacy API there`, ctx);
  const r = LegacyTokenResponse.safeParse(body);
  if (!r.success) throw new InvalidPayloadError('the legacy token answer has no access_token', ctx, 'access_token');
  return { accessToken: r.data.access_token, expiresAt: r.data.expires_in ? Date.now() + r.data.expires_in * 1000 : null };
}
