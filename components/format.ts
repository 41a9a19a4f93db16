/** Numbers, times and plan summaries in the admin's language. */
import { t } from '@/lib/i18n';

const lang = () => (typeof navigator !== 'undefined' ? navigator.language : 'en');
let nf: Intl.NumberFormat | null = null;
export const num = (n: number) => (nf ??= new Intl.NumberFormat(lang())).format(n);
export const pct = (x: number) => `${Math.round(x * 100)}%`;
export const when = (ms: number | null) => (ms === null ? t('never') : new Date(ms).toLocaleString(lang(), { dateStyle: 'medium', timeStyle: 'short' }));

export function duration(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return '–';
  if (sec < 60) return `${Math.max(1, Math.round(sec))} s`;
  if (sec < 3600) return `${Math.round(sec / 60)} min`;
  return `${Math.floor(sec / 3600)} h ${Math.round((sec % 3600) / 60)} min`;
}

/** "create 312 accounts, link 1,204, change 0": each count of a plan's summary in words */
export function summarize(summary: Record<string, number>): string {
  const parts = Object.entries(summary)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => {
      const s = t(`sum_${k}`, num(n));
      return s === `sum_${k}` ? `${k}: ${num(n)}` : s;
    });
  return parts.length ? parts.join(', ') : t('sumNothing');
}

/** a job's note in the admin's language when it has a key (numbers formatted), else as the background wrote it */
export function noteText(p: { note: string | null; noteKey: string | null; noteArgs: string[] }): string | null {
  if (!p.noteKey) return p.note;
  const args = p.noteArgs.map((a) => (/^\d+$/.test(a) ? num(Number(a)) : a));
  const s = t(p.noteKey, args);
  return s === p.noteKey ? p.note : s;
}
