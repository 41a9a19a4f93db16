/**
 * The request pipeline of both fake APIs: stats, latency, quota, rate limit, 429 bursts, 5xx,
 * auth, the handler, then lost responses and malformed payloads. Handlers return a Reply so the
 * pipeline can still damage the payload the way a broken proxy would.
 */
import type { Context, Hono } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { corrupt, type FaultState } from './faults';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** send this status as is, never folded into an HTTP 200 by `finish` */
  raw?: boolean;
}

export type Env = { Bindings: HttpBindings };
export type Handler = (c: Context<Env>) => Reply | Promise<Reply>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface PipelineHooks {
  /** answers an auth failure, or null when the request may pass */
  authenticate: (c: Context<Env>) => Reply | null;
  /** the system's error envelope */
  error: (status: number, message: string) => Reply;
  /** whether the per-endpoint quota applies */
  quota: boolean;
  /** the tenant's capability switches (capabilities.ts): an answer for a capability that is off, or null */
  before?: (c: Context<Env>, key: string) => Promise<Reply | null>;
  /** adjusts a handler's answer to the tenant's capabilities */
  after?: (key: string, r: Reply) => Reply;
  /** last word on an answer of the handler or of authentication (v3: failures inside an HTTP 200) */
  finish?: (r: Reply) => Reply;
  /** the body as it goes on the wire (BMS: camelCase keys) */
  shape?: (body: unknown) => unknown;
  /** JSON text of a body (VSA: ids as bare numbers) */
  serialize?: (body: unknown) => string;
}

export class HttpError extends Error {
  /** true: answered with this HTTP status even where failures usually come inside an HTTP 200 */
  raw = false;
  constructor(readonly status: number, message: string, readonly details: string[] = []) {
    super(message);
  }
}
/** an error the server answers with a real HTTP status (VSA: an id inside $filter is HTTP 400) */
export class RawHttpError extends HttpError {
  override raw = true;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function route(
  app: Hono<Env>,
  fs: FaultState,
  hooks: PipelineHooks,
  method: Method,
  pattern: string,
  handler: Handler,
  opts: { auth?: boolean } = {},
): void {
  const key = `${method} ${pattern}`;
  app.on(method, pattern, async (c) => {
    fs.count(key);
    const now = Date.now();
    const faulty = fs.applies(c.req.path);
    const f = fs.faults;
    if (faulty) {
      const d = fs.delay();
      if (d > 0) await sleep(d);
    }
    const send = (r: Reply) => respond(c, r, hooks);
    const finish = (r: Reply) => (hooks.finish && !r.raw ? hooks.finish(r) : r);
    if (hooks.quota && fs.overQuota(key, now)) {
      fs.fault('quota');
      return send(hooks.error(429, `API call limit of ${f.quotaPerHour} calls per hour reached for ${key}.`));
    }
    if (faulty && fs.overRate(now)) {
      fs.fault('rateLimit');
      return send({ ...hooks.error(429, 'Too many requests.'), headers: { 'Retry-After': '1' } });
    }
    if (faulty) {
      const wait = fs.burst(now);
      if (wait > 0) {
        fs.fault('burst429');
        return send({ ...hooks.error(429, 'Too many requests.'), headers: { 'Retry-After': String(wait) } });
      }
      if (fs.chance(f.errorRate)) {
        const status = [500, 502, 503][Math.floor(fs.random() * 3)];
        fs.fault(`http${status}`);
        if (status === 502) {
          return c.body('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>', 502, { 'content-type': 'text/html' });
        }
        return send(hooks.error(status, status === 503 ? 'Service temporarily unavailable.' : 'An unexpected error occurred.'));
      }
    }
    if (opts.auth !== false) {
      const denied = hooks.authenticate(c);
      if (denied) return send(finish(denied));
    }
    let reply: Reply;
    try {
      reply = (await hooks.before?.(c, key)) ?? (await handler(c));
      if (hooks.after) reply = hooks.after(key, reply);
    } catch (e) {
      if (e instanceof HttpError) reply = { ...withDetails(hooks.error(e.status, e.message), e.details), raw: e.raw };
      else {
        console.error(`[sandbox] ${key} failed:`, e);
        reply = hooks.error(500, 'An unexpected error occurred.');
      }
    }
    reply = finish(reply);
    if (faulty && fs.chance(f.dropResponseRate)) {
      fs.fault('dropResponse');
      c.env.incoming.socket.destroy();
      return c.body(null, 500);
    }
    if (faulty && reply.body !== undefined && reply.status < 300 && fs.chance(f.malformedRate)) {
      const kind = f.malformedKinds[Math.floor(fs.random() * f.malformedKinds.length)];
      if (kind) {
        fs.fault(`malformed.${kind}`);
        const bad = corrupt(hooks.shape ? hooks.shape(reply.body) : reply.body, kind, fs.random);
        return c.body(bad.text, 200, { 'content-type': bad.type });
      }
    }
    return send(reply);
  });
}

function withDetails(r: Reply, details: string[]): Reply {
  if (!details.length || !r.body || typeof r.body !== 'object') return r;
  const b = r.body as Record<string, unknown>;
  if (b.Error && typeof b.Error === 'object') (b.Error as Record<string, unknown>).SubErrors = details;
  return r;
}

export function respond(c: Context<Env>, r: Reply, hooks?: Pick<PipelineHooks, 'shape' | 'serialize'>): Response {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  if (r.body === undefined) return c.body(null, r.status as 200, headers);
  headers['content-type'] = 'application/json; charset=utf-8';
  const body = hooks?.shape ? hooks.shape(r.body) : r.body;
  return c.body(hooks?.serialize ? hooks.serialize(body) : JSON.stringify(body), r.status as 200, headers);
}

/** Reads a JSON body; a body that is not JSON is a 400. */
export async function jsonBody(c: Context<Env>): Promise<unknown> {
  const text = await c.req.text();
  if (!text) throw new HttpError(400, 'A request body is required.');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

export function intParam(v: string | undefined, name: string, opts: { min?: number; def?: number } = {}): number {
  if (v === undefined || v === '') {
    if (opts.def !== undefined) return opts.def;
    throw new HttpError(400, `${name} is required.`);
  }
  if (!/^-?\d+$/.test(v)) throw new HttpError(400, `${name} must be a whole number, not "${v}".`);
  const n = Number(v);
  if (opts.min !== undefined && n < opts.min) throw new HttpError(400, `${name} must be at least ${opts.min}.`);
  return n;
}
