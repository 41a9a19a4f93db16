/**
 * The smallest safe way to call a server: a timeout, cancellation from the caller, and network
 * failures turned into NetworkError. Retries, pacing and quotas build on this (lib/http).
 */
import { NetworkError, type ErrorContext } from './errors';

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

export async function fetchRaw(
  fetchFn: FetchFn,
  url: string,
  init: RequestInit,
  ctx: ErrorContext,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<RawResponse> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  try {
    const res = await fetchFn(url, { ...init, signal });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text };
  } catch (e) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? e;
    if (timeout.aborted) throw new NetworkError(`no answer within ${Math.round(timeoutMs / 1000)} s`, ctx);
    throw new NetworkError((e as Error)?.message || 'connection failed', ctx);
  }
}

/** Parses a JSON body; returns undefined when the body is not JSON. */
export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
