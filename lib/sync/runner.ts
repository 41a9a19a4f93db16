/**
 * Runs (or resumes) a job from its journal, a chunk of items at a time. Items are marked `started`
 * before their writes and `done`/`failed` after; the step function is told which items were already
 * `started` when the worker stopped, so it looks them up before it writes anything again.
 */
import { isUnchangedDetail } from '../bms/assumed';
import { CapabilityError } from '../capabilities/types';
import { ApiError, AuthError } from '../http/errors';
import { jobNote, NO_NOTE, type ItemRecord, type JobRecord, type Journal } from './journal';
import type { LinkWriteResult } from './link-store';

export interface RunHooks {
  signal?: AbortSignal;
  /**
   * the process is asked to stop (Ctrl-C on the command line): the job ends after the items in hand,
   * stays `running` in the journal, and the next run resumes it
   */
  stop?: () => boolean;
  onProgress?: (job: JobRecord, current: string | null) => void;
  batch?: number;
}

export class JobStopped extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

/**
 * processes one chunk: sets each item's state to done or failed (items left `started` are retried).
 * `cancelled()` says whether the admin asked to stop: a step that writes item by item checks it
 * between items and puts the items it did not touch back to `pending`.
 */
export type ChunkStep<A> = (chunk: ItemRecord<A>[], resumed: Set<number>, save: (items: ItemRecord<A>[]) => Promise<void>, cancelled: () => Promise<boolean>) => Promise<void>;

/** creates records a few at a time, stopping between groups when the admin cancels (the rest go back to pending) */
export async function createInGroups<A>(items: ItemRecord<A>[], size: number, create: (it: ItemRecord<A>) => Promise<void>, save: (items: ItemRecord<A>[]) => Promise<void>, cancelled: () => Promise<boolean>): Promise<void> {
  for (let k = 0; k < items.length; k += size) {
    if (await cancelled()) {
      const rest = items.slice(k);
      for (const it of rest) {
        it.state = 'pending';
        it.attempts = Math.max(0, it.attempts - 1);
      }
      await save(rest);
      return;
    }
    const group = items.slice(k, k + size);
    await Promise.all(group.map(create));
    await save(group);
  }
}

export async function runJob<A>(journal: Journal, jobId: string, step: ChunkStep<A>, hooks: RunHooks = {}): Promise<JobRecord> {
  const started = await journal.updateJob(jobId, { state: 'running', ...NO_NOTE });
  if (!started.startedAt) await journal.updateJob(jobId, { startedAt: Date.now() });
  const batch = hooks.batch ?? 100;
  let job: JobRecord;
  for (;;) {
    hooks.signal?.throwIfAborted();
    job = (await journal.job(jobId))!;
    if (hooks.stop?.() && !job.cancelRequested) {
      const why = 'interrupted before it finished; run the same command again to resume where it stopped.';
      await journal.updateJob(jobId, jobNote('note_stopped', [why], `Stopped: ${why}`));
      throw new JobStopped(`Stopped: ${why}`, true);
    }
    if (job.cancelRequested) return journal.updateJob(jobId, { state: 'cancelled', ...jobNote('note_cancelled', [], 'Cancelled by the admin; finished items stay done.') });
    const chunk = await journal.unfinished<A>(jobId, batch);
    if (!chunk.length) {
      const c = await journal.counts(jobId);
      return journal.updateJob(jobId, { state: 'done', ...(c.failed ? jobNote('note_failed', [String(c.failed)], `${c.failed} item(s) failed; they can be retried.`) : NO_NOTE) });
    }
    const resumed = new Set(chunk.filter((i) => i.state === 'started').map((i) => i.seq));
    for (const it of chunk) {
      it.state = 'started';
      it.attempts++;
    }
    await journal.putItems(chunk);
    hooks.onProgress?.(job, chunk[0].label);
    try {
      await step(chunk, resumed, (items) => journal.putItems(items), async () => hooks.stop?.() === true || (await journal.job(jobId))?.cancelRequested === true);
      await journal.putItems(chunk);
    } catch (e) {
      // the chunk's items stay `started`: on resume they are looked up before anything is written again
      // a login refused, or a write the tenant's capability record does not allow (it names the capability): retrying cannot help
      if (e instanceof AuthError || e instanceof CapabilityError) {
        await journal.updateJob(jobId, jobNote('note_stopped', [e.message], e.message));
        throw new JobStopped(e.message, false);
      }
      // a full browser storage: the same write would fail again and again; stop with the reason (LOW-4)
      if ((e as Error).name === 'QuotaExceededError') {
        const msg = 'The browser\'s storage for this extension is full, so the job\'s progress cannot be saved. Free space (History › Export audit log, then lower how long jobs and the audit log are kept in the settings) and run it again.';
        await journal.updateJob(jobId, jobNote('note_storage_full', [], msg));
        throw new JobStopped(msg, false);
      }
      if (e instanceof ApiError || (e as Error).name === 'AbortError') {
        await journal.updateJob(jobId, jobNote('note_paused', [(e as Error).message], `Paused: ${(e as Error).message} It resumes by itself.`));
        throw new JobStopped((e as Error).message, true);
      }
      throw e;
    }
    hooks.onProgress?.((await journal.job(jobId))!, null);
  }
}

/**
 * marks what the team's link store confirmed on the items (by org id); the rest fail with the
 * store's reason. A link counts as made by the job only when it was not there already ("unchanged"),
 * unless the item was resumed (the job may have written it before the worker stopped).
 */
export function applyLinkResults<A>(
  items: ItemRecord<A>[], r: LinkWriteResult, orgOf: (it: ItemRecord<A>) => string, describe: (it: ItemRecord<A>) => string,
  accountOf: (it: ItemRecord<A>) => number | undefined = () => undefined, resumed: ReadonlySet<number> = new Set(),
): ItemRecord<A>[] {
  const done = new Set(r.done);
  const unchanged = new Set(r.unchanged ?? []);
  const linked: ItemRecord<A>[] = [];
  for (const it of items) {
    if (done.has(orgOf(it))) {
      it.state = 'done';
      it.reason = null;
      if (unchanged.has(orgOf(it)) && !resumed.has(it.seq)) continue;
      const accountId = accountOf(it);
      it.created.push({ system: 'bms', kind: 'mapping', id: orgOf(it), ...(accountId === undefined ? {} : { accountId }) });
      linked.push(it);
    } else {
      it.state = 'failed';
      it.reason = `${describe(it)}: ${r.failed.get(orgOf(it)) ?? 'no answer for this org'}`;
    }
  }
  return linked;
}

/**
 * marks link results of a bulk mapping job on the items (by org id). A link counts as made by the
 * job only when BMS says it mapped it; "Unchanged" (the pair was there already) is done but not
 * created, unless the item was resumed (the job may have written it before the worker stopped).
 */
export function applyMappingResults<A extends { orgId?: string }>(
  items: ItemRecord<A>[],
  details: { ExternalId?: string | null; StatusCode?: string | null; StatusMessage?: string | null; PsaId?: number | null }[] | null | undefined,
  orgOf: (it: ItemRecord<A>) => string,
  describe: (it: ItemRecord<A>) => string,
  accountOf: (it: ItemRecord<A>) => number | undefined = () => undefined,
  resumed: ReadonlySet<number> = new Set(),
): ItemRecord<A>[] {
  const byOrg = new Map((details ?? []).map((d) => [d.ExternalId ?? '', d]));
  const linked: ItemRecord<A>[] = [];
  for (const it of items) {
    const d = byOrg.get(orgOf(it));
    if (d && d.StatusCode === '200') {
      it.state = 'done';
      it.reason = null;
      if (isUnchangedDetail(d) && !resumed.has(it.seq)) continue;
      const accountId = accountOf(it) ?? d.PsaId ?? undefined;
      it.created.push({ system: 'bms', kind: 'mapping', id: orgOf(it), ...(accountId === undefined ? {} : { accountId }) });
      linked.push(it);
    } else {
      it.state = 'failed';
      it.reason = `${describe(it)}: ${d?.StatusMessage ?? 'no answer for this org in the job result'}`;
    }
  }
  return linked;
}
