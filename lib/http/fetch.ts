/**
 * The smallest safe way to call a server: a timeout, cancellation from the caller, no redirects
 * followed (a credential must never be re-sent to another address), a cap on the size of an answer,
 * and network failures turned into NetworkError. Retries, pacing and quotas build on this (lib/http).
 */
import { isInteger, isSafeNumber, parse as parseLossless } from 'lossless-json';
import { InsecureUrlError, NetworkError, RedirectError, TooLargeError, type ErrorContext } from './errors';
import { insecureUrlProblem } from './url';

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** the largest answer we read (LOW-10): a page of 100 records is far below it */
export const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

export async function fetchRaw(
  fetchFn: FetchFn,
  url: string,
  init: RequestInit,
  ctx: ErrorContext,
  opts: { timeoutMs?: number; signal?: AbortSignal; maxBytes?: number } = {},
): Promise<RawResponse> {
  const insecure = insecureUrlProblem(url);
  if (insecure) throw new InsecureUrlError(`Not sent to ${where(ctx)}: ${insecure}.`, ctx);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const maxBytes = opts.maxBytes ?? MAX_RESPONSE_BYTES;
  let res: Response;
  try {
    // 'manual': a redirect comes back as an answer we refuse, instead of re-sending the body elsewhere (LOW-1)
    res = await fetchFn(url, { ...init, redirect: 'manual', signal });
  } catch (e) {
    throw failure(e, opts.signal, timeout, timeoutMs, ctx);
  }
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400 && res.status !== 304)) {
    void res.body?.cancel().catch(() => undefined);
    const to = res.headers.get('location');
    const target = to ? new URL(to, url).toString() : null;
    throw new RedirectError(
      `${where(ctx)} answered with a redirect${target ? ` to ${target}` : ''}; API calls never follow redirects. Check the server address in the settings${target ? ' (use the new address if you trust it)' : ''}.`,
      ctx,
      target,
    );
  }
  const declared = Number(res.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    void res.body?.cancel().catch(() => undefined);
    throw tooLarge(ctx, maxBytes);
  }
  try {
    const text = await readCapped(res, maxBytes, ctx);
    return { status: res.status, headers: res.headers, text };
  } catch (e) {
    if (e instanceof TooLargeError) throw e;
    throw failure(e, opts.signal, timeout, timeoutMs, ctx);
  }
}

const where = (ctx: ErrorContext) => `${ctx.system === 'vsa' ? 'Kaseya VSA' : 'Kaseya BMS'} ${ctx.endpoint}`;
const tooLarge = (ctx: ErrorContext, maxBytes: number) =>
  new TooLargeError(`${where(ctx)} answered with more than ${Math.round(maxBytes / 1024 / 1024)} MB; the answer was refused.`, ctx, maxBytes);

function failure(e: unknown, caller: AbortSignal | undefined, timeout: AbortSignal, timeoutMs: number, ctx: ErrorContext): unknown {
  if (caller?.aborted) return caller.reason ?? e;
  if (timeout.aborted) return new NetworkError(`no answer within ${Math.round(timeoutMs / 1000)} s`, ctx);
  return new NetworkError((e as Error)?.message || 'connection failed', ctx);
}

/** reads the body as text, stopping (and cancelling the stream) once it passes maxBytes */
async function readCapped(res: Response, maxBytes: number, ctx: ErrorContext): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(ctx, maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** a bare integer literal of 16 or more digits: the only kind JSON.parse may round */
const LONG_INTEGER = /[:[,]\s*-?\d{16,}\s*[,}\]]/;

/**
 * Parses a JSON body; returns undefined when the body is not JSON. Ids of 15–26 digits arrive as
 * bare JSON numbers on some servers (../shared/api-contract.md §2): an integer literal that a
 * double cannot hold exactly is kept as its digit string (lossless-json), never rounded.
 */
export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    if (!LONG_INTEGER.test(text)) return JSON.parse(text);
    return parseLossless(text, null, (s: string) => (isInteger(s) && !isSafeNumber(s) ? s : Number(s)));
  } catch {
    return undefined;
  }
}
