/**
 * Fault knobs and observability shared by the fake APIs. Faults apply to the two API origins only,
 * never to the replica pages or to /__sandbox/*.
 */
import { defaultCapabilities, parseCapabilitiesPatch, type TenantCapabilities } from './capabilities';
import { rng } from './seed';

export type System = 'vsa' | 'bms';
export type MalformedKind = 'wrongType' | 'nullField' | 'missingField' | 'truncated' | 'html';
export const MALFORMED_KINDS: MalformedKind[] = ['wrongType', 'nullField', 'missingField', 'truncated', 'html'];

export interface Faults {
  /** fixed latency added to every API response, in ms */
  latencyMs: number;
  /** random extra latency in [0, jitterMs) */
  jitterMs: number;
  /** share of requests answered 500/502/503 before anything is done */
  errorRate: number;
  /** chance per request that a 429 burst starts; during a burst every request gets 429 + Retry-After */
  burst429Rate: number;
  burst429Ms: number;
  /** requests per second allowed per system; above it 429 with Retry-After (0 = no limit) */
  rateLimitRps: number;
  /** calls per hour per endpoint (BMS: 1,500 in real life; 0 = no quota) */
  quotaPerHour: number;
  /** the quota's hour passes this many times faster (so tests can hit it in seconds) */
  quotaTimeScale: number;
  /** share of responses made malformed (wrong types, nulls, missing fields, truncated JSON, HTML with 200) */
  malformedRate: number;
  malformedKinds: MalformedKind[];
  /** share of requests that are carried out but whose response is lost (the connection is cut) */
  dropResponseRate: number;
  /** lifetime of issued access tokens, in seconds */
  tokenTtlSec: number;
  /** largest page the server hands out, whatever the client asks */
  maxPageSize: number;
  /** how long a bulk job (asset push, mapping import) stays "Processing", in ms */
  jobDelayMs: number;
  /** when set, faults apply only to requests whose path matches this regular expression */
  routes: string | null;
  /** what the tenant supports (../shared/api-contract.md §9); BMS only, see capabilities.ts */
  capabilities: TenantCapabilities;
  // ---- how the wire looks (../shared/api-contract.md v3; defaults = what the evidence says) ----
  /** BMS answer keys: camelCase as tenants answer, or the document's PascalCase */
  bmsCasing: 'camel' | 'pascal';
  /** failures inside an HTTP 200 (BMS `success:false`, VSA `ResponseCode`) instead of HTTP 4xx */
  errorsIn200: boolean;
  /** VSA: minutes to add to SessionExpiration (server wall time, no zone) to get UTC */
  vsaOffsetMinutes: number;
  /** VSA: ids as bare JSON numbers (beyond 2^53) instead of strings */
  vsaIdsAsNumbers: boolean;
  /** VSA: a new org is readable (and PUT-able) only this long after its POST */
  vsaCreateLagMs: number;
}

export type FaultPatch = Partial<Omit<Faults, 'capabilities'>> & { capabilities?: Partial<TenantCapabilities> };

export const WIRE_KNOBS = ['bmsCasing', 'errorsIn200', 'vsaOffsetMinutes', 'vsaIdsAsNumbers', 'vsaCreateLagMs'] as const;

export function defaultFaults(system: System): Faults {
  return {
    latencyMs: 0,
    jitterMs: 0,
    errorRate: 0,
    burst429Rate: 0,
    burst429Ms: 2000,
    rateLimitRps: 0,
    quotaPerHour: system === 'bms' ? 1500 : 0,
    quotaTimeScale: 1,
    malformedRate: 0,
    malformedKinds: [...MALFORMED_KINDS],
    dropResponseRate: 0,
    tokenTtlSec: system === 'bms' ? 3600 : 1800,
    maxPageSize: 100,
    jobDelayMs: 150,
    routes: null,
    capabilities: defaultCapabilities(),
    bmsCasing: 'camel',
    errorsIn200: true,
    vsaOffsetMinutes: 120,
    vsaIdsAsNumbers: false,
    vsaCreateLagMs: 1500,
  };
}

const NUMBER_KEYS: (keyof Faults)[] = [
  'latencyMs', 'jitterMs', 'errorRate', 'burst429Rate', 'burst429Ms', 'rateLimitRps', 'quotaPerHour', 'quotaTimeScale',
  'malformedRate', 'dropResponseRate', 'tokenTtlSec', 'maxPageSize', 'jobDelayMs', 'vsaCreateLagMs',
];
const RATE_KEYS = new Set<keyof Faults>(['errorRate', 'burst429Rate', 'malformedRate', 'dropResponseRate']);

/** Validates a partial update; throws an Error naming the bad knob. */
export function parseFaultPatch(input: unknown): { target: System[]; patch: FaultPatch } {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new Error('faults: expected a JSON object');
  const obj = input as Record<string, unknown>;
  const patch: FaultPatch = {};
  let target: System[] = ['vsa', 'bms'];
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'target') {
      if (v === 'vsa' || v === 'bms') target = [v];
      else if (v !== 'both') throw new Error(`faults: target must be "vsa", "bms" or "both", not ${JSON.stringify(v)}`);
      continue;
    }
    if (k === 'reset') continue;
    if ((NUMBER_KEYS as string[]).includes(k)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`faults: ${k} must be a number ≥ 0`);
      if (RATE_KEYS.has(k as keyof Faults) && v > 1) throw new Error(`faults: ${k} is a share between 0 and 1`);
      if (k === 'maxPageSize' && v < 1) throw new Error('faults: maxPageSize must be at least 1');
      if (k === 'quotaTimeScale' && v === 0) throw new Error('faults: quotaTimeScale must be > 0');
      (patch as Record<string, unknown>)[k] = v;
    } else if (k === 'malformedKinds') {
      if (!Array.isArray(v) || v.some((x) => !MALFORMED_KINDS.includes(x as MalformedKind)))
        throw new Error(`faults: malformedKinds must be a list of ${MALFORMED_KINDS.join(', ')}`);
      patch.malformedKinds = v as MalformedKind[];
    } else if (k === 'capabilities') {
      patch.capabilities = parseCapabilitiesPatch(v);
    } else if (k === 'bmsCasing') {
      if (v !== 'camel' && v !== 'pascal') throw new Error('faults: bmsCasing must be "camel" or "pascal"');
      patch.bmsCasing = v;
    } else if (k === 'errorsIn200' || k === 'vsaIdsAsNumbers') {
      if (typeof v !== 'boolean') throw new Error(`faults: ${k} must be true or false`);
      patch[k] = v;
    } else if (k === 'vsaOffsetMinutes') {
      if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > 14 * 60) throw new Error('faults: vsaOffsetMinutes must be whole minutes between -840 and 840');
      patch.vsaOffsetMinutes = v;
    } else if (k === 'routes') {
      if (v !== null && typeof v !== 'string') throw new Error('faults: routes must be a regular expression string or null');
      if (typeof v === 'string') new RegExp(v);
      patch.routes = v as string | null;
    } else {
      throw new Error(`faults: unknown knob "${k}"`);
    }
  }
  return { target, patch };
}

export interface RouteStats {
  requests: Record<string, number>;
  faults: Record<string, number>;
  writes: number;
}

/** Mutable fault + stats state of one system. */
export class FaultState {
  faults: Faults;
  stats: RouteStats = { requests: {}, faults: {}, writes: 0 };
  private burstUntil = 0;
  private rpsWindow: number[] = [];
  private quota = new Map<string, number[]>();
  readonly random: () => number;
  /** the tenant's capabilities a reset returns to (the sandbox's --with / --without) */
  capabilityBase: TenantCapabilities = defaultCapabilities();

  constructor(readonly system: System, seed: number) {
    this.faults = defaultFaults(system);
    this.random = rng(seed ^ (system === 'vsa' ? 0x5a5a : 0xa5a5));
  }

  reset(): void {
    this.faults = { ...defaultFaults(this.system), capabilities: { ...this.capabilityBase } };
    this.resetStats();
    this.burstUntil = 0;
    this.rpsWindow = [];
  }
  resetStats(): void {
    this.stats = { requests: {}, faults: {}, writes: 0 };
    this.quota.clear();
  }
  count(key: string): void {
    this.stats.requests[key] = (this.stats.requests[key] ?? 0) + 1;
  }
  fault(kind: string): void {
    this.stats.faults[kind] = (this.stats.faults[kind] ?? 0) + 1;
  }
  write(n = 1): void {
    this.stats.writes += n;
  }
  applies(path: string): boolean {
    return !this.faults.routes || new RegExp(this.faults.routes).test(path);
  }
  delay(): number {
    const f = this.faults;
    return f.latencyMs + (f.jitterMs > 0 ? this.random() * f.jitterMs : 0);
  }
  /** seconds to wait when a 429 burst is on, else 0 */
  burst(now: number): number {
    const f = this.faults;
    if (now < this.burstUntil) return Math.max(1, Math.ceil((this.burstUntil - now) / 1000));
    if (f.burst429Rate > 0 && this.random() < f.burst429Rate) {
      this.burstUntil = now + f.burst429Ms;
      return Math.max(1, Math.ceil(f.burst429Ms / 1000));
    }
    return 0;
  }
  /** true when this request is over the per-second limit */
  overRate(now: number): boolean {
    const rps = this.faults.rateLimitRps;
    if (!rps) return false;
    while (this.rpsWindow.length && this.rpsWindow[0] <= now - 1000) this.rpsWindow.shift();
    if (this.rpsWindow.length >= rps) return true;
    this.rpsWindow.push(now);
    return false;
  }
  /** counts the call against the endpoint's hourly quota; true when the quota is spent */
  overQuota(endpoint: string, now: number): boolean {
    const f = this.faults;
    if (!f.quotaPerHour) return false;
    const windowMs = 3_600_000 / f.quotaTimeScale;
    let calls = this.quota.get(endpoint);
    if (!calls) this.quota.set(endpoint, (calls = []));
    while (calls.length && calls[0] <= now - windowMs) calls.shift();
    if (calls.length >= f.quotaPerHour) return true;
    calls.push(now);
    return false;
  }
  quotaUse(): Record<string, number> {
    const out: Record<string, number> = {};
    const windowMs = 3_600_000 / this.faults.quotaTimeScale;
    const now = Date.now();
    for (const [k, calls] of this.quota) out[k] = calls.filter((t) => t > now - windowMs).length;
    return out;
  }
  chance(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }
}

/** Corrupts a JSON body in one of the configured ways. Returns the text to send and its content type. */
export function corrupt(body: unknown, kind: MalformedKind, random: () => number): { text: string; type: string } {
  if (kind === 'html') {
    return { text: '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The server is temporarily busy.</p></body></html>', type: 'text/html; charset=utf-8' };
  }
  const json = JSON.stringify(body);
  if (kind === 'truncated' || body === null || typeof body !== 'object') {
    return { text: json.slice(0, Math.max(1, Math.floor(json.length * (0.3 + random() * 0.4)))), type: 'application/json; charset=utf-8' };
  }
  const copy = JSON.parse(json) as Record<string, unknown>;
  // pick the record to damage: the first item of Result when it is a list, else Result, else the body
  let target: Record<string, unknown> = copy;
  // the envelope's list is `Result`, or `result` on the camelCase wire
  const resultKey = 'Result' in copy ? 'Result' : 'result' in copy ? 'result' : null;
  const res = resultKey ? copy[resultKey] : undefined;
  if (Array.isArray(res) && res.length && res[0] && typeof res[0] === 'object') target = res[Math.floor(random() * res.length)] as Record<string, unknown>;
  else if (res && typeof res === 'object' && !Array.isArray(res)) target = res as Record<string, unknown>;
  const keys = Object.keys(target);
  // an envelope whose list is empty: damage the list itself
  const idKey = target === copy && resultKey
    ? resultKey
    : (keys.find((k) => /(^i|I)d$/.test(k) && typeof target[k] === 'number') ?? keys.find((k) => /(^i|I)d$/.test(k)) ?? keys[0]);
  if (idKey === undefined) return { text: json.slice(0, Math.floor(json.length / 2)), type: 'application/json; charset=utf-8' };
  if (kind === 'wrongType') {
    const v = target[idKey];
    // an id string of digits would still be an id as a number: it gets a "#" instead
    target[idKey] = typeof v === 'number' ? `#${v}` : typeof v === 'string' ? (/^\d+$/.test(v) ? `#${v}` : 12345) : typeof v === 'boolean' ? 'yes' : [v];
  } else if (kind === 'nullField') {
    target[idKey] = null;
  } else {
    delete target[idKey];
  }
  return { text: JSON.stringify(copy), type: 'application/json; charset=utf-8' };
}
