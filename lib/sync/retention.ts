/**
 * What the journal keeps (LOW-4), decided in one place for both backends:
 * - a running job (also one paused, waiting to resume) is never removed, however old;
 * - any other job whose last change is older than `keepJobsDays` is removed with its items;
 * - within those days, at most `keepJobsCount` jobs are kept (newest first), except the ones an admin
 *   may still act on: a plan not started yet (or waiting for a yes), a bulk import/export/push that
 *   ran or an accepted relink (their items are what Undo takes back), a failed job (Retry); these stay
 *   for their days;
 * - audit rows older than `keepAuditDays` are removed.
 * Asset fingerprints, location rules, names and never-map pairs are not history: they are kept.
 */
import type { JobRecord } from './journal';

export interface RetentionPolicy {
  keepJobsDays: number;
  keepJobsCount: number;
  keepAuditDays: number;
}

export interface PruneResult {
  jobs: number;
  items: number;
  audit: number;
}

export const DAY_MS = 86_400_000;

/** the default retention, the same as the extension's settings (lib/store/settings.ts) */
export const DEFAULT_RETENTION: RetentionPolicy = { keepJobsDays: 30, keepJobsCount: 200, keepAuditDays: 365 };

/** true: Undo or Retry may still need the job (or it waits to be started): the count alone does not remove it */
export function stillNeeded(j: JobRecord): boolean {
  if (j.state === 'running' || j.state === 'planned' || j.state === 'failed') return true;
  if (j.state !== 'done' || j.startedAt === null) return false;
  // an accepted relink (B16) is an asset job Undo takes back
  return j.kind === 'import' || j.kind === 'export' || j.kind === 'push' || (j.kind === 'assets' && (j.summary.relinked ?? 0) > 0);
}

/** the jobs to remove now, given all of them */
export function jobsToPrune(jobs: JobRecord[], p: RetentionPolicy, now: number): JobRecord[] {
  const cutoff = now - p.keepJobsDays * DAY_MS;
  const out: JobRecord[] = [];
  let kept = 0;
  for (const j of [...jobs].sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt)) {
    if (j.state === 'running') continue;
    if (j.updatedAt < cutoff) out.push(j);
    else if (kept < p.keepJobsCount || stillNeeded(j)) kept++;
    else out.push(j);
  }
  return out;
}

/** audit rows older than this time (ms) are removed */
export const auditCutoff = (p: RetentionPolicy, now: number): number => now - p.keepAuditDays * DAY_MS;
