import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'match-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const run = (...args: string[]) => promisify(execFile)('npx', ['tsx', 'lib/cli/match.ts', ...args]).then((r) => ({ code: 0, ...r }), (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }));

describe('npm run match', () => {
  const orgs = file('orgs.csv', '\uFEFFid,name,extra\r\n1,"Smith & Jones Dental, LLC",x\r\n2,Blue Ridge Solar,y\r\n3,"=cmd|\' /C calc\'!A0",z\r\n4,"Müller GmbH",\r\n');
  const accounts = file('accounts.csv', 'name,id\nSMITH AND JONES DENTAL,a1\nMueller G.m.b.H.,a2\nOakwood Bakery,a3\n');

  it('writes one row per org with the suggestion, confidence and decision, and a summary on stderr', async () => {
    const r = await run('--orgs', orgs, '--accounts', accounts);
    expect(r.code).toBe(0);
    const rows = Papa.parse<Record<string, string>>(r.stdout, { header: true, skipEmptyLines: true }).data;
    expect(Object.keys(rows[0])).toEqual(['org_id', 'org_name', 'account_id', 'account_name', 'confidence', 'decision', 'why']);
    expect(rows.map((x) => [x.org_id, x.account_id, x.decision])).toEqual([['1', 'a1', 'auto'], ['2', '', 'none'], ['3', '', 'none'], ['4', 'a2', 'auto']]);
    // every row says why, in the extension's English
    expect(rows[0].why).toBe('The same name: “&”, “+”, “n\'” and “and” read alike.');
    expect(rows[1].why).toBe('No account shares a word with this org.');
    expect(rows[3].why).toMatch(/accents or umlauts/);
    expect(rows[0].org_name).toBe('Smith & Jones Dental, LLC');
    expect(rows[2].org_name.startsWith("'=")).toBe(true); // no formula reaches a spreadsheet
    expect(r.stderr).toMatch(/4 orgs, 3 accounts .*: 2 auto, 0 review, 2 none/);
  });

  it('gives the best candidate of an org that has no good one, with its confidence and the reason it was held back', async () => {
    const o = file('weak-orgs.csv', 'id,name,ref\n1,Oakwood Bakery & Cafe,oakwood\n2,Smith Dental Lab,smith-lab\n3,Kensington Law,kens\n');
    const a = file('weak-accounts.csv', 'id,name,code\nx1,Oakwood Bakery,OAKWOOD\nx2,Smith Dental,SMDENT\nx3,Kensington Law,KL-01\n');
    const r = await run('--orgs', o, '--accounts', a);
    expect(r.code).toBe(0);
    const rows = Papa.parse<Record<string, string>>(r.stdout, { header: true, skipEmptyLines: true }).data;
    expect(rows[0]).toMatchObject({ account_id: 'x1', account_name: 'Oakwood Bakery' });
    expect(rows[0].why).toMatch(/OrgRef and account code agree/);
    expect(rows[1].account_id).toBe('x2');
    expect(rows[1].decision).not.toBe('auto');
    expect(rows[1].why).toBe('“lab” is in one name only, so it may be another business. Not linked automatically: OrgRef “smith-lab” differs from the account code “SMDENT”.');
    // the same name, but the tenant's codes say another business
    expect(rows[2]).toMatchObject({ account_id: 'x3', decision: 'review' });
    expect(rows[2].why).toMatch(/OrgRef “kens” differs from the account code “KL-01”/);
  });

  it('writes to --out', async () => {
    const out = join(dir, 'out.csv');
    expect((await run('--orgs', orgs, '--accounts', accounts, '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe('org_id,org_name,account_id,account_name,confidence,decision,why');
  });

  it.each([
    ['a missing header', () => [file('nohdr.csv', '1,Acme\n2,Beta\n'), accounts], /must be a header with the columns id,name/],
    ['duplicate ids', () => [file('dup.csv', 'id,name\n1,A\n1,B\n'), accounts], /line 3: id "1" was already used on line 2/],
    ['an unreadable file', () => [join(dir, 'missing.csv'), accounts], /cannot read .*missing\.csv: no such file/],
  ])('%s: a clear message and exit 2', async (_what, files, message) => {
    const [o, a] = files();
    const r = await run('--orgs', o, '--accounts', a);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
