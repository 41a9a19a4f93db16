/** The HTTP layer on its own: Retry-After, idempotency, cancellation, quota pacing, token caching. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { HttpClient } from '@/lib/http/client';
import { RateLimitedError, ServerError } from '@/lib/http/errors';
import { QuotaTracker } from '@/lib/http/quota';
import { retryAfterMs } from '@/lib/http/retry-after';
import { sessionCache } from '@/lib/store/tokens';
import { DOC_PATH, OUT_PATH, generate } from '@/lib/cli/gen-bms-schemas';

type Step = { status: number; body?: unknown; headers?: Record<string, string> };
function scripted(steps: Step[]) {
  const calls: { url: string; method: string }[] = [];
  const fetchFn = async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method ?? 'GET' });
    const s = steps.shift() ?? { status: 200, body: { ok: true } };
    return new Response(s.body === undefined ? null : JSON.stringify(s.body), { status: s.status, headers: s.headers });
  };
  return { fetchFn, calls };
}
const sleeps: number[] = [];
const client = (fetchFn: (u: string, i?: RequestInit) => Promise<Response>, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
  new HttpClient({ system: 'bms', baseUrl: 'https://api.example.com', fetch: fetchFn, auth: null, minBackoffMs: 1, maxBackoffMs: 2, retries: 3, sleep: async (ms) => void sleeps.push(ms), ...extra });
const Ok = z.object({ ok: z.literal(true) });

beforeEach(() => {
  sleeps.length = 0;
});

describe('HTTP layer', () => {
  it('waits as long as Retry-After says, then succeeds', async () => {
    const { fetchFn, calls } = scripted([{ status: 429, headers: { 'Retry-After': '3' } }, { status: 200, body: { ok: true } }]);
    expect(await client(fetchFn).request({ method: 'GET', path: '/x', endpoint: 'GET /x', schema: Ok })).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    expect(sleeps).toContain(3000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:58 GMT'))).toBe(2000);
  });

  it('gives up on 429 with a RateLimitedError carrying the wait, after the retries', async () => {
    const { fetchFn } = scripted(Array.from({ length: 5 }, () => ({ status: 429, headers: { 'Retry-After': '1' } })));
    const e = await client(fetchFn).request({ method: 'GET', path: '/x', endpoint: 'GET /x', schema: Ok }).catch((x) => x);
    expect(e).toBeInstanceOf(RateLimitedError);
    expect(e.retryAfterMs).toBe(1000);
  });

  it('retries a GET on 5xx but never repeats a POST that may have been carried out', async () => {
    const get = scripted([{ status: 503 }, { status: 200, body: { ok: true } }]);
    await client(get.fetchFn).request({ method: 'GET', path: '/x', endpoint: 'GET /x', schema: Ok });
    expect(get.calls).toHaveLength(2);
    const post = scripted([{ status: 503 }, { status: 200, body: { ok: true } }]);
    await expect(client(post.fetchFn).request({ method: 'POST', path: '/x', endpoint: 'POST /x', schema: Ok, body: {} })).rejects.toThrow(ServerError);
    expect(post.calls).toHaveLength(1);
  });

  it('stops when the caller cancels', async () => {
    const ctrl = new AbortController();
    const fetchFn = (_u: string, init?: RequestInit) => new Promise<Response>((_r, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    const p = client(fetchFn).request({ method: 'GET', path: '/x', endpoint: 'GET /x', schema: Ok, signal: ctrl.signal });
    ctrl.abort(new Error('cancelled by the admin'));
    await expect(p).rejects.toThrow('cancelled by the admin');
  });

  it('names the record and the field of a bad payload', async () => {
    const { fetchFn } = scripted([{ status: 200, body: { Result: [{ Id: 1, Name: 'a' }, { Id: 7, Name: 5 }] } }]);
    const schema = z.object({ Result: z.array(z.object({ Id: z.number(), Name: z.string() })) });
    const e = await client(fetchFn).request({ method: 'GET', path: '/x', endpoint: 'GET /x', schema }).catch((x) => x);
    expect(e.fieldPath).toBe('Result.1.Name');
    expect(e.ctx.recordId).toBe(7);
    expect(e.message).toMatch(/GET \/x \(record 7\).*"Result\.1\.Name"/);
  });
});

describe('quota tracking', () => {
  it('counts per endpoint, paces from 80%, and waits for the window when spent', () => {
    let now = 0;
    const q = new QuotaTracker({ limit: 10, windowMs: 1000, now: () => now });
    for (let i = 0; i < 7; i++) q.record('GET /a');
    expect(q.delayFor('GET /a')).toBe(0);
    expect(q.budget('GET /b').remaining).toBe(10);
    q.record('GET /a');
    expect(q.delayFor('GET /a')).toBeGreaterThan(0);
    q.record('GET /a');
    q.record('GET /a');
    now = 500;
    expect(q.budget('GET /a').remaining).toBe(0);
    expect(q.delayFor('GET /a')).toBe(501);
    now = 1001;
    expect(q.budget('GET /a').remaining).toBe(10);
  });
});

describe('token cache', () => {
  beforeEach(() => fakeBrowser.reset());
  it('keeps tokens in storage.session, not in local storage', async () => {
    const c = sessionCache<{ token: string; expiresAt: number | null }>();
    await c.set('vsa:x', { token: 't', expiresAt: 5 });
    expect(await c.get('vsa:x')).toEqual({ token: 't', expiresAt: 5 });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    await c.set('vsa:x', null);
    expect(await c.get('vsa:x')).toBeNull();
  });
});

describe('generated BMS schemas', () => {
  it('are up to date with the vendor document (npm run gen:bms)', () => {
    expect(readFileSync(OUT_PATH, 'utf8')).toBe(generate(readFileSync(DOC_PATH, 'utf8')));
  });
  it('the copy of the vendor document matches ../shared when it is there', () => {
    const shared = new URL('../../../shared/bms-openapi-subset.json', import.meta.url);
    let text: string | null;
    try {
      text = readFileSync(shared, 'utf8');
    } catch {
      text = null; // a clone without ../shared beside it
    }
    if (text !== null) expect(JSON.parse(readFileSync(DOC_PATH, 'utf8'))).toEqual(JSON.parse(text));
  });
});
