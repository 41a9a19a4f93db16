/**
 * CSV in and out of the matcher (RFC 4180, UTF-8, BOM tolerated), with papaparse. Pure: takes and
 * returns text, so the CLI and the popup's CSV import/export share it.
 */
import Papa from 'papaparse';
import type { NamedRecord, Suggestion } from './match';

export class CsvError extends Error {}

/** reads `id,name` rows (extra columns ignored); refuses a missing header, blank or duplicate ids */
export function readIdNameCsv(text: string, label: string): NamedRecord[] {
  const clean = text.replace(/^\uFEFF/, '');
  const res = Papa.parse<Record<string, string>>(clean, { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim().toLowerCase() });
  const fatal = res.errors.find((e) => e.type === 'Quotes' || e.code === 'UndetectableDelimiter' && clean.includes('\n'));
  if (fatal) throw new CsvError(`${label}: line ${(fatal.row ?? 0) + 2}: ${fatal.message}`);
  const fields = res.meta.fields ?? [];
  if (!fields.includes('id') || !fields.includes('name')) {
    throw new CsvError(`${label}: the first line must be a header with the columns id,name (found: ${fields.length ? fields.join(',') : 'nothing'})`);
  }
  const seen = new Map<string, number>();
  return res.data.map((row, i) => {
    const id = (row.id ?? '').trim();
    const line = i + 2;
    if (!id) throw new CsvError(`${label}: line ${line}: the id is empty`);
    const first = seen.get(id);
    if (first !== undefined) throw new CsvError(`${label}: line ${line}: id "${id}" was already used on line ${first}`);
    seen.set(id, line);
    return { id, name: row.name ?? '' };
  });
}

export const MATCH_COLUMNS = ['org_id', 'org_name', 'account_id', 'account_name', 'confidence', 'decision'] as const;

export function writeMatchCsv(orgs: NamedRecord[], accounts: NamedRecord[], suggestions: Suggestion[]): string {
  const accName = new Map(accounts.map((a) => [a.id, a.name]));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const rows = suggestions.map((s) => [
    s.orgId, orgName.get(s.orgId) ?? '', s.decision === 'none' ? '' : (s.accountId ?? ''), s.decision === 'none' || !s.accountId ? '' : (accName.get(s.accountId) ?? ''),
    s.confidence.toFixed(3), s.decision,
  ]);
  // names are data: a leading = + - @ would be a formula in a spreadsheet, so such cells get a quote mark
  const safe = rows.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
  return Papa.unparse({ fields: [...MATCH_COLUMNS], data: safe }, { newline: '\r\n', quotes: false }) + '\r\n';
}
