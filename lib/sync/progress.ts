/**
 * Reads a job's progress from the journal (read-only): done/total, what is left, rate, ETA, errors.
 * "pending" is pending + started, in this one place, so popup, panels and CLI agree.
 */
import type { Journal } from './journal';
import type { JobProgress } from './types';

export async function readProgress(journal: Journal, jobId: string | undefined, current: ReadonlyMap<string, string | null>): Promise<JobProgress | null> {
  const job = jobId ? await journal.job(jobId) : (await journal.jobs())[0] ?? null;
  if (!job) return null;
  const c = await journal.counts(job.id);
  const failedItems = c.failed ? await journal.items(job.id, 'failed') : [];
  const elapsed = job.startedAt ? (Date.now() - job.startedAt) / 1000 : 0;
  const finished = c.done + c.failed;
  const rate = elapsed > 1 && finished > 0 ? finished / elapsed : null;
  const left = c.pending + c.started;
  return {
    jobId: job.id, kind: job.kind, state: job.state, total: job.total, done: c.done, failed: c.failed, pending: left,
    current: current.get(job.id) ?? null, ratePerSec: rate === null ? null : Math.round(rate * 10) / 10,
    etaSec: rate && job.state === 'running' ? Math.round(left / rate) : null, note: job.note, noteKey: job.noteKey ?? null, noteArgs: job.noteArgs ?? [], summary: job.summary,
    errors: failedItems.slice(-20).map((i) => ({ label: i.label, reason: i.reason ?? '' })),
    confirm: job.state === 'planned' || job.state === 'failed' ? job.confirm ?? null : null,
  };
}
