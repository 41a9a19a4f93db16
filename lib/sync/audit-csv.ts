/** The audit log (B4) as CSV: time, job, system, record, action, before → after. */
import Papa from 'papaparse';
import type { AuditEntry } from './journal';

export const AUDIT_COLUMNS = ['time', 'job', 'system', 'record', 'action', 'before', 'after'] as const;

export function auditCsv(entries: AuditEntry[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    // names are data: a spreadsheet must not run a cell as a formula
    return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  };
  const rows = entries.map((e) => [new Date(e.time).toISOString(), e.jobId ?? '', e.system, e.record, e.action, e.before, e.after].map(cell));
  return `${Papa.unparse({ fields: [...AUDIT_COLUMNS], data: rows }, { newline: '\r\n' })}\r\n`;
}
