/**
 * Re-placements that wait for a running asset job (F10). A location rule saved (or a link changed) while
 * an asset sync runs joins that job, which was planned before the change and places the org's assets by
 * the old rule, so the org is planned again once that job ends. What waits is kept on the job's record in
 * the journal (`replaceAfter`), not in memory: a stopped service worker or a killed command loses nothing.
 * The job resumes in the next worker, and when it ends there its orgs are re-placed; a job that ended
 * before its re-placements were started is picked up when the manager resumes. Nothing starts while the
 * process is stopping (the command line's Ctrl-C): the next run does it.
 */
import type { JobRecord, Journal } from './journal';

export interface FollowUpDeps {
  journal: Journal;
  /** re-places one org's assets (plans and starts its asset job) */
  replace: (orgId: string) => Promise<unknown>;
  stopping?: () => boolean;
}

const ended = (j: JobRecord) => j.state !== 'running' && j.state !== 'planned';

export class FollowUps {
  /** read-modify-writes of a job's list, one at a time */
  private edits: Promise<unknown> = Promise.resolve();
  /** re-placements, one job's list at a time */
  private applying: Promise<unknown> = Promise.resolve();
  private pending = new Set<Promise<void>>();

  constructor(private d: FollowUpDeps) {}

  /** the org is placed again once this running job ends */
  async add(jobId: string, orgId: string): Promise<void> {
    const job = await this.edit(jobId, (l) => (l.includes(orgId) ? l : [...l, orgId]));
    // the job ended before this was written (its end found nothing waiting): now, then
    if (job && ended(job)) this.jobEnded(jobId);
  }

  /** an asset job's run ended in this process: re-place what waits on it, once it has really finished */
  jobEnded(jobId: string): void {
    const run: Promise<void> = this.applying
      .then(() => this.apply(jobId))
      .catch((e: unknown) => console.warn(`[bms-vsa-sync] the re-placements waiting for job ${jobId} did not start: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => this.pending.delete(run));
    this.applying = run;
    this.pending.add(run);
  }

  /** when the manager resumes: finished asset jobs whose re-placements were not started (the worker stopped in between) */
  async resume(): Promise<void> {
    for (const j of await this.d.journal.jobs('assets')) if (j.replaceAfter?.length && ended(j)) this.jobEnded(j.id);
  }

  /** resolves when no re-placement waits to start */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private async apply(jobId: string): Promise<void> {
    const job = await this.d.journal.job(jobId);
    // still running (paused, or resumed elsewhere): its end does it
    if (!job || !ended(job)) return;
    for (const orgId of job.replaceAfter ?? []) {
      if (this.d.stopping?.()) return;
      try {
        await this.d.replace(orgId);
      } catch (e) {
        console.warn(`[bms-vsa-sync] org ${orgId}: its assets were not placed again after the change: ${e instanceof Error ? e.message : String(e)}`);
      }
      // only once its own job is started (and so in the journal) does the org leave the list
      await this.edit(jobId, (l) => l.filter((o) => o !== orgId));
    }
  }

  private edit(jobId: string, change: (orgs: string[]) => string[]): Promise<JobRecord | null> {
    const run = this.edits.then(async () => {
      const job = await this.d.journal.job(jobId);
      return job ? this.d.journal.updateJob(jobId, { replaceAfter: change(job.replaceAfter ?? []) }) : null;
    });
    this.edits = run.catch(() => undefined);
    return run;
  }
}
