/** What the admin takes away: the audit log (B4) as a list or CSV, and the links as a mappings CSV (B6). */
import { writeMappingsCsv } from '../mapping/csv';
import type { LocationRule } from '../mapping/rules';
import { auditCsv } from './audit-csv';
import type { Journal } from './journal';
import type { OverviewCache } from './overview-cache';

export class Records {
  constructor(private journal: Journal, private cache: OverviewCache) {}

  /** the sync list's links as CSV (B6) */
  async mappingsCsv(): Promise<{ csv: string; rows: number }> {
    const ov = await this.cache.overview(true);
    return { csv: writeMappingsCsv(ov.rows, (await this.journal.rules()) as Map<string, LocationRule>), rows: ov.rows.length };
  }

  /** the newest audit entries, before and after as text, for the audit view (B4) */
  async auditList(limit = 500) {
    const txt = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
    return { entries: (await this.journal.auditLog(limit)).map((e) => ({ time: e.time, jobId: e.jobId, system: e.system, record: e.record, action: e.action, before: txt(e.before), after: txt(e.after) })) };
  }

  /** the audit log of every write, newest first, as CSV (B4) */
  async auditCsv(limit = 100_000): Promise<{ csv: string; entries: number }> {
    const entries = await this.journal.auditLog(limit);
    return { csv: auditCsv(entries), entries: entries.length };
  }
}
