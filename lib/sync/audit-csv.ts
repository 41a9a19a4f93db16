/** The audit log (B4) as CSV (time, job, system, record, action, before → after, channel) and as JSON lines. */
import Papa from 'papaparse';
import type { AuditEntry } from './journal';

export const AUDIT_COLUMNS = ['time', 'job', 'system', 'record', 'action', 'before', 'after', 'channel'] as const;

/** an entry from before the command line existed was made by the extension */
const channelOf = (e: AuditEntry) => e.channel ?? 'extension';

export function auditCsv(entries: AuditEntry[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    // names are data: a spreadsheet must not run a cell as a formula
    return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  };
  const rows = entries.map((e) => [new Date(e.time).toISOString(), e.jobId ?? '', e.system, e.record, e.action, e.before, e.after, channelOf(e)].map(cell));
  return `${Papa.unparse({ fields: [...AUDIT_COLUMNS], data: rows }, { newline: '\r\n' })}\r\n`;
}

/** one JSON object a line, before and after as the values they were (for scripts and log shippers) */
export function auditJsonl(entries: AuditEntry[]): string {
  return entries.map((e) => `${JSON.stringify({ time: new Date(e.time).toISOString(), job: e.jobId, system: e.system, record: e.record, action: e.action, before: e.before ?? null, after: e.after ?? null, channel: channelOf(e) })}\n`).join('');
}
