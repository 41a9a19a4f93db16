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
    expect(Object.keys(rows[0])).toEqual(['org_id', 'org_name', 'account_id', 'account_name', 'confidence', 'decision']);
    expect(rows.map((x) => [x.org_id, x.account_id, x.decision])).toEqual([['1', 'a1', 'auto'], ['2', '', 'none'], ['3', '', 'none'], ['4', 'a2', 'auto']]);
    expect(rows[0].org_name).toBe('Smith & Jones Dental, LLC');
    expect(rows[2].org_name.startsWith("'=")).toBe(true); // no formula reaches a spreadsheet
    expect(r.stderr).toMatch(/4 orgs, 3 accounts .*: 2 auto, 0 review, 2 none/);
  });

  it('writes to --out', async () => {
    const out = join(dir, 'out.csv');
    expect((await run('--orgs', orgs, '--accounts', accounts, '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe('org_id,org_name,account_id,account_name,confidence,decision');
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
