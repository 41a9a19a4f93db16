/**
 * VSA 9 login per ../shared/api-contract.md §1: GET /api/v1.0/auth with a Basic credential.
 * A personal access token (the default, and the only method VSA SaaS still accepts) is
 * Basic base64(user:token); the hashed password string is the on-premises legacy method.
 * Bearer = `Token` (fallback `ApiToken`); the session ends at SessionExpiration (server wall time)
 * + OffSetInMinutes. VSA 10 (ex VSA X) speaks another API and is recognised and refused.
 */
import { z } from 'zod';
import { AuthError, InvalidPayloadError, NotFoundError, RateLimitedError, ServerError, UnsupportedError } from '../http/errors';
import { retryAfterMs } from '../http/retry-after';
import { fetchRaw, parseJson, type FetchFn } from '../http/fetch';
import { normalizeBaseUrl } from '../http/url';
import { VSA10_HOST } from './assumed';
import { vsaBodyStatus } from './schemas';

export const VSA_API_PREFIX = '/api/v1.0';

export function vsaBaseUrl(input: string): string {
  return normalizeBaseUrl(input, [/\/api\/v1\.0$/i, /\/api$/i]);
}

export const VSA10_MESSAGE = 'This looks like Kaseya VSA 10 (VSA X), which speaks a different API: bms-vsa-sync works with Kaseya VSA 9 only.';

/** a VSA 10 address (lib/vsa/assumed.ts) */
export function looksLikeVsa10(baseUrl: string): boolean {
  try {
    return VSA10_HOST.test(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}

async function hex(algo: 'SHA-256' | 'SHA-1', s: string): Promise<string> {
  const buf = await crypto.subtle.digest(algo, new TextEncoder().encode(s));
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function b64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export async function vsaBasicCredential(user: string, secret: string, method: 'password' | 'token', nonce?: string): Promise<string> {
  if (method === 'token') return `Basic ${b64(`${user}:${secret}`)}`;
  const rand = nonce ?? String(crypto.getRandomValues(new Uint32Array(1))[0] % 65536);
  const pass2 = await hex('SHA-256', (await hex('SHA-256', secret + user)) + rand);
  const pass1 = await hex('SHA-1', (await hex('SHA-1', secret + user)) + rand);
  const rpass2 = await hex('SHA-256', secret);
  const rpass1 = await hex('SHA-1', secret);
  return `Basic ${b64(`user=${user},pass2=${pass2},pass1=${pass1},rpass2=${rpass2},rpass1=${rpass1},rand2=${rand}`)}`;
}

const AuthEnvelope = z.looseObject({
  Result: z.looseObject({
    Token: z.string().nullable().optional(),
    ApiToken: z.string().nullable().optional(),
    SessionExpiration: z.string().nullable().optional(),
    OffSetInMinutes: z.union([z.number(), z.string()]).nullable().optional(),
  }).nullable(),
  ResponseCode: z.number().int().optional(),
  Error: z.string().nullable().optional(),
  Status: z.string().nullable().optional(),
});

export interface VsaSession {
  token: string;
  expiresAt: number | null;
}

/**
 * When the session ends, in ms since epoch, or null when unknown: SessionExpiration is the
 * server's wall time (any zone suffix ignored) and UTC = it + OffSetInMinutes. A result outside
 * now + 60 s … now + 24 h is not believed (null: the session is used until VSA refuses it).
 */
export function vsaSessionExpiry(expiration: string | null | undefined, offsetMinutes: number | string | null | undefined, now = Date.now()): number | null {
  if (!expiration) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?/.exec(expiration.trim());
  if (!m) return null;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms);
  const offset = offsetMinutes === null || offsetMinutes === undefined || offsetMinutes === '' ? 0 : Number(offsetMinutes);
  if (!Number.isFinite(offset)) return null;
  const t = wall + offset * 60_000;
  return t >= now + 60_000 && t <= now + 24 * 3_600_000 ? t : null;
}

export async function vsaLogin(fetchFn: FetchFn, baseUrl: string, user: string, secret: string, method: 'password' | 'token'): Promise<VsaSession> {
  const ctx = { system: 'vsa' as const, endpoint: 'GET /auth' };
  if (looksLikeVsa10(baseUrl)) throw new UnsupportedError(VSA10_MESSAGE, ctx);
  const res = await fetchRaw(fetchFn, `${baseUrl}${VSA_API_PREFIX}/auth`, { headers: { Authorization: await vsaBasicCredential(user, secret, method), Accept: 'application/json' } }, ctx, { timeoutMs: 20_000 });
  const body = parseJson(res.text);
  // a VSA 9 server always has /api/v1.0/auth and answers it with JSON
  if (res.status === 404 || (body === undefined && res.status < 500 && res.status !== 429 && !/^\s*[{[]/.test(res.text))) {
    throw new UnsupportedError(`${baseUrl} has no Kaseya VSA 9 login (${res.status === 404 ? 'HTTP 404' : 'the answer is not JSON'}). ${VSA10_MESSAGE} If this is VSA 9, check the address.`, ctx);
  }
  const env = AuthEnvelope.safeParse(body);
  // failures can come as ResponseCode 4xx inside an HTTP 200 (../shared/api-contract.md §2)
  const status = body !== undefined ? vsaBodyStatus(res.status, body) : res.status;
  const said = env.success && env.data.Error && env.data.Error !== 'None' ? env.data.Error : null;
  const why = said ?? `${status === res.status ? 'HTTP' : 'ResponseCode'} ${status}`;
  if (status === 429) throw new RateLimitedError(`Kaseya VSA is limiting logins (${why}).`, ctx, retryAfterMs(res.headers.get('retry-after')));
  const wrong = method === 'token' ? 'the user name or access token is wrong, expired, or not for the REST API' : 'the user name or password is wrong (password sign-in works only on-premises)';
  if (status === 401 || status === 403 || (status < 300 && said)) {
    throw new AuthError(`Kaseya VSA refused the login: ${wrong} (${why}). Check the Kaseya VSA connection in the settings.`, ctx);
  }
  if (status === 404) throw new NotFoundError(`Kaseya VSA has no login at ${baseUrl}${VSA_API_PREFIX}/auth (${why}).`, ctx);
  if (status >= 400) throw new ServerError(`Kaseya VSA failed the login (${why}).`, ctx, status);
  if (!env.success) throw new InvalidPayloadError('the answer has no Result', ctx, env.error.issues[0]?.path.join('.') ?? null);
  // "requests use the returned TenantId and Token" (H-AUTH); ApiToken only when Token is missing [assumed]
  const token = env.data.Result?.Token || env.data.Result?.ApiToken;
  if (!token) throw new InvalidPayloadError('the login answer carries no token', ctx, 'Result.Token');
  return { token, expiresAt: vsaSessionExpiry(env.data.Result?.SessionExpiration, env.data.Result?.OffSetInMinutes) };
}
