/**
 * Runs the journal's jobs: one job at a time per kind (a second request joins the running job),
 * resume of unfinished jobs when the worker starts or an alarm fires, cancel, retry of failed items.
 * The map of running jobs lives here only, so `resume()` and `start()` cannot both run one kind.
 */
import { runAssetSync } from './assets';
import { runExport } from './export';
import { confirmNote } from './guard';
import { MessageError } from '../messages';
import { JobStopped, runImport } from './import';
import { jobNote, NO_NOTE, type JobKind, type JobRecord, type Journal } from './journal';
import { readProgress } from './progress';
import type { TeamRules } from './team-rules';
import type { JobProgress, SyncContext } from './types';
import { runUndo } from './undo';
import { linksOf } from './link-store';

export interface StartOptions {
  /** an admin said yes to what the run waits for (the popup's confirmation, the command line's --yes) */
  confirmed?: boolean;
  /** nobody watches (a schedule, an alarm, the command line): a run that needs a yes stops instead */
  unattended?: boolean;
}

export interface SchedulerDeps {
  journal: Journal;
  context: () => Promise<SyncContext>;
  teamRules: (ctx: Pick<SyncContext, 'bms' | 'caps'>) => TeamRules;
  emit: (p: JobProgress) => void;
  onIdleChange: (busy: boolean) => void;
  /** a job finished (done, stopped or cancelled by the admin): keep what is cached true */
  onFinished: (jobId: string, kind: JobKind) => Promise<void>;
  /** true once the process is asked to stop (the command line's Ctrl-C): jobs end between items, resumable */
  stopping?: () => boolean;
  /** a job's run in this process ended (finished, paused or stopped): what waits for it may go (follow-ups.ts) */
  onEnded?: (jobId: string, kind: JobKind) => void;
}

export class Scheduler {
  private running = new Map<JobKind, { jobId: string; promise: Promise<void> }>();
  private current = new Map<string, string | null>();
  private gate: Promise<unknown> = Promise.resolve();

  constructor(private d: SchedulerDeps) {}

  /** the job's progress; without an id, the newest job */
  progress(jobId?: string): Promise<JobProgress | null> {
    return readProgress(this.d.journal, jobId, this.current);
  }

  /**
   * starts a planned job; when a job of the kind is already running, joins it instead. A job that
   * waits for an admin's yes (a mass deactivation) starts only with `confirmed`; an unattended start
   * stops it before anything is written, and says why (the badge and a notification show it).
   */
  start(jobId: string, opts: StartOptions = {}): Promise<JobProgress> {
    // one start at a time (LOW-5): the check for a running job and the mark "running" are not interleaved
    const run = this.gate.then(() => this.startNow(jobId, opts));
    this.gate = run.catch(() => undefined);
    return run;
  }

  private async startNow(jobId: string, opts: StartOptions): Promise<JobProgress> {
    const { journal } = this.d;
    const job = await journal.job(jobId);
    if (!job) throw new Error(`Job ${jobId} is not in the journal.`);
    const active = await this.activeJob(job.kind);
    if (active && active.id !== jobId) return (await this.progress(active.id))!;
    if (job.state === 'planned' && job.confirm && !opts.confirmed) {
      if (!opts.unattended) throw new MessageError(job.note ?? 'This run needs an admin\'s confirmation before it writes.', 'needs-confirm');
      await journal.updateJob(jobId, { state: 'failed', ...confirmNote(job.confirm, true) });
      const p = (await this.progress(jobId))!;
      this.d.emit(p);
      return p;
    }
    if (job.state === 'planned' || job.state === 'running') {
      await journal.updateJob(jobId, { state: 'running' });
      this.kick(jobId, job.kind);
    }
    return (await this.progress(jobId))!;
  }

  /** the running job of a kind, from the journal */
  async activeJob(kind: JobKind): Promise<JobRecord | null> {
    return (await this.d.journal.jobs(kind)).find((j) => j.state === 'running') ?? null;
  }

  /** resumes every job the journal says is running (after a worker restart, or on the alarm) */
  async resume(): Promise<void> {
    for (const j of await this.d.journal.jobs()) if (j.state === 'running') this.kick(j.id, j.kind);
    this.d.onIdleChange(this.running.size > 0);
  }

  private kick(jobId: string, kind: JobKind): void {
    if (this.running.has(kind)) return;
    const { journal, emit } = this.d;
    const promise = (async () => {
      try {
        const ctx = await this.d.context();
        const hooks = {
          stop: this.d.stopping,
          onProgress: (_job: JobRecord, cur: string | null) => {
            if (cur !== null) this.current.set(jobId, cur);
            void this.progress(jobId).then((p) => p && emit(p));
          },
        };
        const final = kind === 'undo'
          ? await runUndo(journal, jobId, ctx.bms, hooks, linksOf(ctx))
          : kind === 'export' || kind === 'push'
            ? await runExport(journal, jobId, ctx.vsa, ctx.bms, hooks, linksOf(ctx))
            : kind === 'assets'
              ? await runAssetSync(journal, jobId, ctx.bms, hooks, linksOf(ctx), ctx.categories, ctx.caps)
              : await runImport(journal, jobId, ctx.bms, ctx.defaults, hooks, this.d.teamRules(ctx), linksOf(ctx));
        this.current.delete(jobId);
        if (kind !== 'assets') await this.d.onFinished(jobId, kind);
        emit((await this.progress(final.id))!);
      } catch (e) {
        if ((e as Error).name === 'QuotaExceededError') {
          // the browser's storage is full: retrying the same write would never end (LOW-4)
          await journal.updateJob(jobId, { state: 'failed', ...jobNote('note_storage_full', [], 'The browser\'s storage for this extension is full, so the job\'s progress cannot be saved. Free space (History › Export audit log, then lower how long jobs and the audit log are kept in the settings) and run it again.') }).catch(() => undefined);
        } else if (e instanceof JobStopped && !e.retryable) {
          await journal.updateJob(jobId, { state: 'failed', ...jobNote('note_stopped', [e.message], e.message) });
        } else if (!(e instanceof JobStopped)) {
          await journal.updateJob(jobId, jobNote('note_paused', [(e as Error).message], `Paused: ${(e as Error).message} It resumes by itself.`));
        }
        const p = await this.progress(jobId);
        if (p) emit(p);
      } finally {
        this.running.delete(kind);
        this.d.onEnded?.(jobId, kind);
        this.d.onIdleChange(this.running.size > 0 || (await journal.jobs()).some((j) => j.state === 'running'));
      }
    })();
    this.running.set(kind, { jobId, promise });
    this.d.onIdleChange(true);
  }

  async cancel(jobId: string): Promise<JobProgress> {
    const { journal } = this.d;
    const job = await journal.job(jobId);
    if (!job) throw new Error(`Job ${jobId} is not in the journal.`);
    if (job.state === 'planned') await journal.updateJob(jobId, { state: 'cancelled', ...jobNote('note_not_started', [], 'Not started.') });
    else if (job.state === 'running') await journal.updateJob(jobId, { cancelRequested: true });
    return (await this.progress(jobId))!;
  }

  /** puts the failed items of a finished job back in line and runs it again */
  async retryFailed(jobId: string): Promise<JobProgress> {
    const { journal } = this.d;
    const job = await journal.job(jobId);
    if (!job) throw new Error(`Job ${jobId} is not in the journal.`);
    const failed = await journal.items(jobId, 'failed');
    if (failed.length) {
      await journal.putItems(failed.map((i) => ({ ...i, state: 'pending', reason: null })));
      await journal.updateJob(jobId, { state: 'running', cancelRequested: false, ...NO_NOTE });
      this.kick(jobId, job.kind);
    }
    return (await this.progress(jobId))!;
  }

  /** resolves when this job's run in this worker has ended (at once when it is not running here) */
  async whenDone(jobId: string): Promise<void> {
    for (const r of this.running.values()) if (r.jobId === jobId) await r.promise;
  }

  /** a job is running */
  busy(): boolean {
    return this.running.size > 0;
  }

  async waitIdle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()].map((r) => r.promise));
  }
}
