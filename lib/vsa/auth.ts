/**
 * VSA login per ../shared/api-contract.md: GET /api/v1.0/auth with a Basic credential. With a
 * password, the hashed credential string the VSA clients use; with a personal access token,
 * Basic base64(user:token) [assumed wire format].
 */
import { z } from 'zod';
import { AuthError, InvalidPayloadError, RateLimitedError, ServerError } from '../http/errors';
import { retryAfterMs } from '../http/retry-after';
import { fetchRaw, parseJson, type FetchFn } from '../http/fetch';
import { normalizeBaseUrl } from '../http/url';

export const VSA_API_PREFIX = '/api/v1.0';

export function vsaBaseUrl(input: string): string {
  return normalizeBaseUrl(input, [/\/api\/v1\.0$/i, /\/api$/i]);
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
  Result: z.looseObject({ Token: z.string().optional(), ApiToken: z.string().optional(), SessionExpiration: z.string().optional() }).nullable(),
  Error: z.string().optional(),
  Status: z.string().optional(),
});

export interface VsaSession {
  token: string;
  expiresAt: number | null;
}

export async function vsaLogin(fetchFn: FetchFn, baseUrl: string, user: string, secret: string, method: 'password' | 'token'): Promise<VsaSession> {
  const ctx = { system: 'vsa' as const, endpoint: 'GET /auth' };
  const res = await fetchRaw(fetchFn, `${baseUrl}${VSA_API_PREFIX}/auth`, { headers: { Authorization: await vsaBasicCredential(user, secret, method), Accept: 'application/json' } }, ctx, { timeoutMs: 20_000 });
  const body = parseJson(res.text);
  const env = AuthEnvelope.safeParse(body);
  const why = env.success && env.data.Error && env.data.Error !== 'None' ? env.data.Error : `HTTP ${res.status}`;
  if (res.status === 429) throw new RateLimitedError(`Kaseya VSA is limiting logins (${why}).`, ctx, retryAfterMs(res.headers.get('retry-after')));
  if (res.status === 401 || res.status === 403 || (res.status === 200 && env.success && env.data.Error && env.data.Error !== 'None')) {
    throw new AuthError(`Kaseya VSA refused the login: the user name, ${method === 'token' ? 'access token' : 'password'} or its rights are wrong (${why}). Check the Kaseya VSA connection in the settings.`, ctx);
  }
  if (res.status >= 400) throw new ServerError(`Kaseya VSA failed the login (${why}).`, ctx, res.status);
  if (!env.success) throw new InvalidPayloadError(body === undefined ? 'the answer is not JSON' : 'the answer has no Result', ctx, env.success ? null : (env.error.issues[0]?.path.join('.') ?? null));
  // [assumed] which of Token / ApiToken is the Bearer token: prefer ApiToken, as public clients do
  const token = env.data.Result?.ApiToken ?? env.data.Result?.Token;
  if (!token) throw new InvalidPayloadError('the login answer carries no token', ctx, 'Result.Token');
  const exp = env.data.Result?.SessionExpiration ? Date.parse(env.data.Result.SessionExpiration) : NaN;
  return { token, expiresAt: Number.isNaN(exp) ? null : exp };
}
