/**
 * BMS allows 1,500 calls per hour per endpoint. The tracker counts our own calls per endpoint in a
 * sliding window, paces calls once 80% of an endpoint's quota is used (spreading what is left over
 * the rest of the window instead of failing), and tells jobs the remaining budget so they can plan.
 */
export interface QuotaOptions {
  limit: number;
  windowMs: number;
  /** share of the quota after which calls are paced */
  paceFrom?: number;
  now?: () => number;
}

export interface EndpointBudget {
  used: number;
  remaining: number;
  limit: number;
  /** when the oldest counted call leaves the window (ms since epoch), or null */
  resetsAt: number | null;
}

export class QuotaTracker {
  private calls = new Map<string, number[]>();
  readonly limit: number;
  readonly windowMs: number;
  private paceFrom: number;
  private now: () => number;

  constructor(opts: QuotaOptions) {
    this.limit = opts.limit;
    this.windowMs = opts.windowMs;
    this.paceFrom = opts.paceFrom ?? 0.8;
    this.now = opts.now ?? Date.now;
  }

  private window(endpoint: string): number[] {
    let list = this.calls.get(endpoint);
    if (!list) this.calls.set(endpoint, (list = []));
    const cutoff = this.now() - this.windowMs;
    while (list.length && list[0] <= cutoff) list.shift();
    return list;
  }

  record(endpoint: string): void {
    this.window(endpoint).push(this.now());
  }

  budget(endpoint: string): EndpointBudget {
    const list = this.window(endpoint);
    return { used: list.length, remaining: Math.max(0, this.limit - list.length), limit: this.limit, resetsAt: list.length ? list[0] + this.windowMs : null };
  }

  budgets(): Record<string, EndpointBudget> {
    const out: Record<string, EndpointBudget> = {};
    for (const k of this.calls.keys()) out[k] = this.budget(k);
    return out;
  }

  /** how long to wait before the next call to this endpoint, in ms (0 = go) */
  delayFor(endpoint: string): number {
    const b = this.budget(endpoint);
    if (b.used < this.limit * this.paceFrom || b.resetsAt === null) return 0;
    const untilReset = Math.max(0, b.resetsAt - this.now());
    if (b.remaining <= 0) return untilReset + 1;
    return Math.floor(untilReset / (b.remaining + 1));
  }
}
