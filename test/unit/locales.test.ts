import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OWNED_FIELDS } from '../../lib/mapping/ownership';

const dir = new URL('../../public/_locales/', import.meta.url);
const load = (lang: string) => JSON.parse(readFileSync(new URL(`${lang}/messages.json`, dir), 'utf8')) as Record<string, { message: string; placeholders?: object }>;

describe('UI languages', () => {
  const langs = readdirSync(dir);
  it('has English and German', () => {
    expect(langs.sort()).toEqual(['de', 'en']);
  });
  it('every key exists in every language, with the same placeholders and a non-empty text', () => {
    const en = load('en');
    for (const lang of langs) {
      const other = load(lang);
      expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(other)) {
        expect(v.message.trim(), `${lang}.${k}`).not.toBe('');
        expect(Object.keys(v.placeholders ?? {}), `${lang}.${k}`).toEqual(Object.keys(en[k].placeholders ?? {}));
      }
    }
  });
  it('no two keys differ only in case (browsers look message names up case-insensitively, and Firefox refuses such a file)', () => {
    for (const lang of langs) {
      const seen = new Map<string, string>();
      for (const k of Object.keys(load(lang))) {
        const low = k.toLowerCase();
        expect(seen.get(low), `${lang}: ${k} and ${seen.get(low)}`).toBeUndefined();
        seen.set(low, k);
      }
    }
  });
  it('every key used in the code exists', () => {
    const en = load('en');
    const files = [
      ...readdirSync(new URL('../../components/', import.meta.url), { recursive: true }).map(String).filter((f) => /\.tsx?$/.test(f)).map((f) => `components/${f}`),
      'entrypoints/options/main.tsx',
    ];
    for (const f of files) {
      const src = readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');
      for (const m of src.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) expect(en, `${f} uses ${m[1]}`).toHaveProperty(m[1]);
    }
    // keys built from a value: every value has its text
    const dynamic: Record<string, string[]> = {
      status_: ['linked', 'suggested', 'conflict', 'unlinked', 'never'],
      job_: ['import', 'export', 'push', 'assets', 'undo'],
      state_: ['planned', 'running', 'done', 'failed', 'cancelled'],
      rule_: ['main', 'groupId', 'custom'],
      tab_: ['import', 'export', 'history'],
      att_after_: ['import', 'export', 'push', 'assets', 'undo'],
      att_stopped_: ['import', 'export', 'push', 'assets', 'undo'],
      att_: ['failed', 'unplaced', 'moved', 'conflicts'],
      note_: ['cancelled', 'failed', 'stopped', 'paused', 'not_started', 'quota'],
      field_: ['Name', 'AccountName', 'AccountLocation', 'Department', 'Category', 'SerialNumber', 'IpAddress', 'MacAddress', 'MachineGroupId', 'OsType', 'OsInfo', 'LastCheckIn', 'LastReboot', 'IsActive'],
      ownField_: [...OWNED_FIELDS],
      sum_: ['link', 'create', 'unchanged', 'skipped', 'conflict', 'createOrg', 'push', 'createLocation', 'newAccount', 'deactivate', 'unplaced', 'moved', 'rules', 'unlink', 'kept'],
    };
    for (const [prefix, values] of Object.entries(dynamic)) for (const v of values) expect(en, `${prefix}${v}`).toHaveProperty(`${prefix}${v}`);
  });
});
