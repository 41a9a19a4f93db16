/**
 * CSV in and out of the matcher (RFC 4180, UTF-8, BOM tolerated), with papaparse. Pure: takes and
 * returns text, so the CLI and the popup's CSV import/export share it.
 */
import Papa from 'papaparse';
import type { NamedRecord, Suggestion } from './match';
import { parseRule, type LocationRule } from './rules';

export class CsvError extends Error {}

/**
 * reads `id,name` rows; refuses a missing header, blank or duplicate ids. Optional second signals:
 * `ref` / `orgref` / `code` / `accountcode` (OrgRef or AccountCode) and `website` / `domain` /
 * `domains` / `email_domains` (several separated by ";" or spaces). Other columns are ignored.
 */
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
    const ref = ['ref', 'orgref', 'code', 'accountcode'].map((c) => row[c]).find((v) => v?.trim());
    const domains = ['website', 'domain', 'domains', 'email_domains'].flatMap((c) => (row[c] ?? '').split(/[;,\s]+/)).filter(Boolean);
    return { id, name: row.name ?? '', ...(ref ? { ref: ref.trim() } : {}), ...(domains.length ? { domains } : {}) };
  });
}

export const MATCH_COLUMNS = ['org_id', 'org_name', 'account_id', 'account_name', 'confidence', 'decision', 'why'] as const;

/** one row per org: the best candidate (also when it is only `none`: the admin may still take it), its confidence, decision and why */
export function writeMatchCsv(orgs: NamedRecord[], accounts: NamedRecord[], suggestions: Suggestion[], why: (s: Suggestion) => string = (s) => s.reason): string {
  const accName = new Map(accounts.map((a) => [a.id, a.name]));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const rows = suggestions.map((s) => [
    s.orgId, orgName.get(s.orgId) ?? '', s.accountId ?? '', s.accountId ? (accName.get(s.accountId) ?? '') : '',
    s.confidence.toFixed(3), s.decision, why(s),
  ]);
  // names are data: a leading = + - @ would be a formula in a spreadsheet, so such cells get a quote mark
  const safe = rows.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
  return Papa.unparse({ fields: [...MATCH_COLUMNS], data: safe }, { newline: '\r\n' }) + '\r\n';
}

export const MAPPING_COLUMNS = ['org_id', 'org_name', 'account_id', 'account_name', 'status', 'rule'] as const;

const formulaSafe = (c: string) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c);

/** the sync list's links as CSV (B6): one line per org, account columns empty when unlinked */
export function writeMappingsCsv(rows: { orgId: string; orgName: string; accountId: number | null; accountName: string | null; status: string }[], rules: Map<string, LocationRule> = new Map()): string {
  const data = rows.map((r) => {
    const linked = r.status === 'linked' || r.status === 'conflict';
    const rule = linked ? rules.get(r.orgId) : undefined;
    // the rule is JSON ({"kind":"main"|"groupId"} or custom groups): it starts with "{", never a formula
    return [...[r.orgId, r.orgName, linked ? String(r.accountId ?? '') : '', linked ? (r.accountName ?? '') : '', r.status].map(formulaSafe), rule ? JSON.stringify(rule) : ''];
  });
  return Papa.unparse({ fields: [...MAPPING_COLUMNS], data }, { newline: '\r\n' }) + '\r\n';
}

/**
 * Reads links to make from CSV (B6): the columns org_id and account_id (names are ignored, ids are the
 * truth); account_id "new" creates an account from the org; lines without an account id are skipped.
 * A bad line is refused with its number, before anything is written.
 */
export function readMappingsCsv(text: string): { choices: Record<string, number | 'new'>; rules: Record<string, LocationRule>; skipped: number } {
  const { choices, rules, skipped } = readMappingsCsvLines(text);
  return { choices, rules, skipped };
}

/** readMappingsCsv, plus the line each org was given on (to name the line when a row is refused later) */
export function readMappingsCsvLines(text: string): { choices: Record<string, number | 'new'>; rules: Record<string, LocationRule>; skipped: number; lines: Record<string, number> } {
  const clean = text.replace(/^\uFEFF/, '');
  const res = Papa.parse<Record<string, string>>(clean, { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim().toLowerCase() });
  const fatal = res.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new CsvError(`Line ${(fatal.row ?? 0) + 2}: ${fatal.message}`);
  const fields = res.meta.fields ?? [];
  if (!fields.includes('org_id') || !fields.includes('account_id')) {
    throw new CsvError(`The first line must be a header with the columns org_id and account_id (found: ${fields.length ? fields.join(',') : 'nothing'}).`);
  }
  const chosen = new Map<string, number | 'new'>();
  const rules = new Map<string, LocationRule>();
  const line = new Map<string, number>();
  const accountLine = new Map<number, number>();
  let skipped = 0;
  res.data.forEach((row, i) => {
    const n = i + 2;
    const org = (row.org_id ?? '').trim().replace(/^'/, '');
    const acc = (row.account_id ?? '').trim().replace(/^'/, '');
    if (!org) throw new CsvError(`Line ${n}: org_id is empty.`);
    if (line.has(org)) throw new CsvError(`Line ${n}: org ${org} was already given on line ${line.get(org)}.`);
    line.set(org, n);
    const ruleCell = (row.rule ?? '').trim();
    if (ruleCell) {
      let parsed: LocationRule | null;
      try {
        parsed = parseRule(JSON.parse(ruleCell));
      } catch {
        parsed = null;
      }
      if (!parsed) throw new CsvError(`Line ${n}: the rule of org ${org} is not a location rule (expected {"kind":"main"}, {"kind":"groupId"} or {"kind":"custom","groups":[…]}).`);
      rules.set(org, parsed);
    }
    if (!acc) {
      skipped++;
      return;
    }
    if (acc.toLowerCase() === 'new') {
      chosen.set(org, 'new');
      return;
    }
    if (!/^\d{1,10}$/.test(acc) || Number(acc) < 1) throw new CsvError(`Line ${n}: account_id "${acc}" is not an account number (or "new").`);
    const id = Number(acc);
    if (accountLine.has(id)) throw new CsvError(`Line ${n}: account ${id} is already linked on line ${accountLine.get(id)}; an account takes one org.`);
    accountLine.set(id, n);
    chosen.set(org, id);
  });
  // own properties only (an org id of "__proto__" stays data)
  return { choices: Object.fromEntries(chosen), rules: Object.fromEntries(rules), skipped, lines: Object.fromEntries(line) };
}
