/** Shared by the sync tests: clients for a sandbox, its capability record, a job manager on it, and a job run that is killed again and again. */
import { BmsClient } from '@/lib/bms/client';
import { probeConnections } from '@/lib/capabilities';
import type { TenantSettings } from '@/lib/mapping/tenant-settings';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import type { Journal as JournalApi, JobRecord } from '@/lib/sync/journal';
import { JobManager } from '@/lib/sync/manager';
import { JobStopped } from '@/lib/sync/runner';
import type { SyncContext } from '@/lib/sync/types';
import { VsaClient } from '@/lib/vsa/client';
import type { Sandbox } from '../../sandbox/server';

export function clientsFor(sb: () => Sandbox, fetchFn: (i: string, init?: RequestInit) => Promise<Response> = fetch) {
  const f = (i: string, init?: RequestInit) => fetchFn(i, init);
  return {
    bms: () => new BmsClient({ fetch: f, credentials: { baseUrl: sb().bmsApiUrl, tenant: 'sandbox', user: 'admin', password: 'sandbox' }, jobPollMs: 20, minBackoffMs: 10, rps: 1000 }),
    vsa: () => new VsaClient({ fetch: f, credentials: { baseUrl: sb().vsaUrl, user: 'admin', secret: 'sandbox-token', method: 'token' }, minBackoffMs: 10, rps: 1000 }),
    faults: async (body: Record<string, unknown>) => void (await fetch(`${sb().vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(body) })),
  };
}

/** the account defaults every sync test creates accounts with */
export const TEST_DEFAULTS = { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 };

export type ManagerOptions = Partial<Omit<SyncContext, 'vsa' | 'bms' | 'tenant'>> & {
  /** the tenant rules; a function is asked on every job, for a test that changes them between jobs */
  tenant?: TenantSettings | (() => TenantSettings);
  /** the clients' fetch (a test's stopped worker) */
  fetch?: (i: string, init?: RequestInit) => Promise<Response>;
};

/**
 * The job manager the sync tests drive: fresh clients for the sandbox, the test account defaults, no
 * automatic account creation unless asked, and whatever else of the context a test gives (tenant rules,
 * link store, categories). Progress reports go nowhere.
 */
export function managerFor(sb: Sandbox, journal: JournalApi, opts: ManagerOptions = {}): JobManager {
  const { tenant, fetch: fetchFn, ...rest } = opts;
  const { vsa, bms } = clientsFor(() => sb, fetchFn);
  const ctx: SyncContext = { vsa: vsa(), bms: bms(), defaults: TEST_DEFAULTS, autoCreate: false, ...rest };
  return new JobManager(journal, async () => (tenant === undefined ? ctx : { ...ctx, tenant: typeof tenant === 'function' ? tenant() : tenant }), () => undefined);
}

/** the sandbox tenant's capability record, probed as Test connection does (read only) */
export function probeFor(sb: Sandbox) {
  return probeConnections((i, init) => fetch(i, init), {
    vsa: { url: sb.vsaUrl, user: 'admin', secret: 'sandbox-token', method: 'token' },
    bms: { url: sb.bmsApiUrl, tenant: 'sandbox', user: 'admin', password: 'sandbox' },
  }, { retries: 0 });
}

/**
 * Runs a job the way a browser that keeps killing its worker would: each round is aborted after a
 * growing delay, then the job resumes from the journal. Returns how many times it was stopped.
 */
export async function runWithStops(run: (signal: AbortSignal) => Promise<JobRecord>, opts: { rounds?: number; firstMs?: number; stepMs?: number } = {}): Promise<number> {
  let stops = 0;
  for (let round = 0; round < (opts.rounds ?? 40); round++) {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(new Error('worker stopped')), (opts.firstMs ?? 40) + round * (opts.stepMs ?? 10));
    try {
      const r = await run(ctrl.signal);
      clearTimeout(timer);
      if (r.state === 'done') break;
    } catch (e) {
      clearTimeout(timer);
      if (!(e instanceof JobStopped) && (e as Error).message !== 'worker stopped') throw e;
      stops++;
    }
  }
  return stops;
}

/** before each test: the sandbox's data and faults as seeded, and a journal of its own (the old one closed) */
export async function freshStart(sb: Sandbox, old: Journal | undefined, jobDelayMs: number): Promise<Journal> {
  const { faults } = clientsFor(() => sb);
  sb.reset();
  await faults({ reset: true });
  await faults({ target: 'bms', jobDelayMs });
  await old?.close();
  return new Journal(`journal-${Math.random()}`);
}
