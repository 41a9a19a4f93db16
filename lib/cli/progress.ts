/**
 * What the command line tells while it works. Progress goes to stderr: a bar with counts, rate and
 * ETA in a terminal, a plain line now and then otherwise (logs, cron mail). Results go to stdout; with
 * --json every event is one JSON object on its own stdout line, and stderr stays quiet.
 */
import type { JobProgress } from '../sync/types';

export interface Out {
  write(s: string): void;
  isTTY?: boolean;
  columns?: number;
}

export type CliEvent = { event: string } & Record<string, unknown>;

/** "1:05:09", "4:09", "9 s" */
export function duration(sec: number): string {
  const s = Math.max(0, Math.round(sec));
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

export class Reporter {
  private first: { t: number; finished: number } | null = null;
  private lastDraw = -Infinity;
  private lastLine = -Infinity;
  private barShown = false;
  private lastCounts = '';

  constructor(private stdout: Out, private stderr: Out, readonly json: boolean, private now: () => number = Date.now, private plainEveryMs = 5000) {}

  /** a result or an event: JSON on stdout with --json, else the text */
  event(e: CliEvent, text?: string | null): void {
    if (this.json) this.stdout.write(`${JSON.stringify(e)}\n`);
    else if (text) {
      this.clearBar();
      this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    }
  }

  /** a word for the admin while working (stderr; JSON on stdout with --json) */
  info(text: string, e?: CliEvent): void {
    if (this.json) {
      if (e) this.stdout.write(`${JSON.stringify(e)}\n`);
      return;
    }
    this.clearBar();
    this.stderr.write(`${text}\n`);
  }

  /** rate and ETA from this run's own pace (a resumed job's earlier runs do not count) */
  pace(p: JobProgress): { rate: number | null; eta: number | null } {
    const finished = p.done + p.failed;
    const t = this.now();
    if (!this.first) this.first = { t, finished };
    const secs = (t - this.first.t) / 1000;
    const rate = secs >= 1 && finished > this.first.finished ? (finished - this.first.finished) / secs : null;
    return { rate, eta: rate ? p.pending / rate : null };
  }

  progress(p: JobProgress): void {
    const { rate, eta } = this.pace(p);
    const t = this.now();
    if (this.json) {
      if (t - this.lastLine < 1000 && p.pending > 0) return;
      this.lastLine = t;
      this.stdout.write(`${JSON.stringify({ event: 'progress', jobId: p.jobId, kind: p.kind, state: p.state, total: p.total, done: p.done, failed: p.failed, pending: p.pending, ratePerSec: rate === null ? null : Math.round(rate * 10) / 10, etaSec: eta === null ? null : Math.round(eta), current: p.current })}\n`);
      return;
    }
    const counts = `${p.done + p.failed}/${p.total}${p.failed ? ` (${p.failed} failed)` : ''}`;
    const paceText = `${rate === null ? '' : `${rate.toFixed(1)}/s`}${eta === null ? '' : `, about ${duration(eta)} left`}`;
    if (this.stderr.isTTY) {
      if (t - this.lastDraw < 100 && p.pending > 0) return;
      this.lastDraw = t;
      const width = Math.max(10, Math.min(40, (this.stderr.columns ?? 80) - 60));
      const filled = p.total ? Math.round(((p.done + p.failed) / p.total) * width) : width;
      const line = `${p.kind} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${counts} ${paceText}${p.current ? `  ${p.current}` : ''}`;
      this.stderr.write(`\r\x1b[2K${line.slice(0, (this.stderr.columns ?? 80) - 1)}`);
      this.barShown = true;
      return;
    }
    const line = `${p.kind}: ${counts} done${paceText ? `, ${paceText}` : ''}`;
    if ((t - this.lastLine < this.plainEveryMs && p.pending > 0) || counts === this.lastCounts) return;
    this.lastLine = t;
    this.lastCounts = counts;
    this.stderr.write(`${line}\n`);
  }

  clearBar(): void {
    if (!this.barShown) return;
    this.stderr.write('\r\x1b[2K');
    this.barShown = false;
  }
}
