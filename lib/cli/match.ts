/**
 * npm run match -- --orgs orgs.csv --accounts accounts.csv [--out result.csv]
 *
 * For admins planning a migration: suggests the BMS account for every VSA org, one output row per
 * org (org_id,org_name,account_id,account_name,confidence,decision,why): the best candidate for every
 * org that has one (a `none` row too, with its low confidence) and, in one sentence or two, why.
 * Optional columns give second signals: orgs.csv `ref` (OrgRef) and `website`; accounts.csv `code`
 * (AccountCode) and `email_domains`. Summary on stderr.
 * Bad input (missing header, duplicate ids, unreadable file) → a clear message and exit code 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CsvError, readIdNameCsv, writeMatchCsv } from '../mapping/csv';
import { matchAll } from '../mapping/match';
import { explain, render } from '../mapping/reasons';

// the English texts of the extension, so the CLI words reasons as the popup does
const messages = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Record<string, { message: string }>;

function fail(msg: string): never {
  console.error(`match: ${msg}`);
  process.exit(2);
}

function main() {
  let values: { orgs?: string; accounts?: string; out?: string };
  try {
    ({ values } = parseArgs({ options: { orgs: { type: 'string' }, accounts: { type: 'string' }, out: { type: 'string' } }, strict: true }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (!values.orgs || !values.accounts) fail('usage: npm run match -- --orgs orgs.csv --accounts accounts.csv [--out result.csv]');
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      fail(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
  };
  let orgs, accounts;
  try {
    orgs = readIdNameCsv(read(values.orgs), values.orgs);
    accounts = readIdNameCsv(read(values.accounts), values.accounts);
  } catch (e) {
    if (e instanceof CsvError) fail(e.message);
    throw e;
  }
  const t0 = performance.now();
  const suggestions = matchAll(orgs, accounts);
  const ms = performance.now() - t0;
  const csv = writeMatchCsv(orgs, accounts, suggestions, (s) => render(explain(s), messages));
  if (values.out) {
    try {
      writeFileSync(values.out, csv);
    } catch (e) {
      fail(`cannot write ${values.out}: ${(e as Error).message}`);
    }
  } else process.stdout.write(csv);
  const count = (d: string) => suggestions.filter((s) => s.decision === d).length;
  console.error(`match: ${orgs.length} orgs, ${accounts.length} accounts in ${Math.round(ms)} ms: ${count('auto')} auto, ${count('review')} review, ${count('none')} none${values.out ? ` → ${values.out}` : ''}`);
}

main();
