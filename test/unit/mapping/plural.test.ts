import { describe, expect, it } from 'vitest';
import { matchAll, type NamedRecord } from '@/lib/mapping/match';
import { normalizeName } from '@/lib/mapping/normalize';
import { devSet } from './devset';

const recs = (names: string[], prefix: string): NamedRecord[] => names.map((name, i) => ({ id: `${prefix}${i}`, name }));
const one = (org: string, accounts: string[]) => matchAll([{ id: 'o', name: org }], recs(accounts, 'a'))[0];

describe('a plural is not a possessive', () => {
  it.each([
    ['Acme Labs', ['Acme Lab', 'Acme Dental']],
    ['Acme Lab', ['Acme Labs', 'Acme Dental']],
    ['Riverside Lab Inc', ['Riverside Labs LLC', 'Riverside Dental']],
    // in another word order, and with a site set aside
    ['Labs Riverside', ['Riverside Lab', 'Riverside Dental']],
    ['Acme Labs – Denver', ['Acme Lab', 'Acme Dental']],
    // an "s" typed without an apostrophe may be a plural as well as a possessive
    ['Joes Pizza', ['Joe Pizza', 'Joe Dental']],
  ])('%s / %s: shown for review with the plural as the reason, never linked without review', (org, accounts) => {
    const s = one(org, accounts);
    expect(s).toMatchObject({ accountId: 'a0', decision: 'review', reason: 'plural' });
    expect(s.args).toHaveLength(2);
    expect(s.confidence).toBeLessThan(0.95);
    expect(s.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it.each([
    ["Joe's Pizza", ['Joes Pizza', 'Joe Dental']],
    ['Joes Pizza', ["Joe's Pizza", 'Joe Dental']],
    ['Joe’s Pizza', ['Joes Pizza', 'Joe Dental']],
    ["Joe's Pizza", ['Joe Pizza', 'Joe Dental']],
    ["Smiths' Bakery", ['Smiths Bakery', 'Smith Dental']],
  ])('%s / %s: a possessive with its apostrophe on one side, linked', (org, accounts) => {
    expect(one(org, accounts)).toMatchObject({ accountId: 'a0', decision: 'auto', reason: 'possessive' });
  });

  it('still links when the "s" was lost another way: a word shortened with a dot, a short reference cut at its end, an "s" typed apart', () => {
    expect(one('Gupta Kennels', ['Gupta Kennel.', 'Gupta Dental'])).toMatchObject({ accountId: 'a0', decision: 'auto', reason: 'shortened', args: ['kennel', 'kennels'] });
    expect(one('cookandallenfood', ['Cook & Allen Foods, LLC', 'Cook Dental'])).toMatchObject({ accountId: 'a0', decision: 'auto' });
    expect(one('Robert sConstruction', ['Roberts Construction', 'Robert Dental'])).toMatchObject({ accountId: 'a0', decision: 'auto', reason: 'typo-space' });
  });

  it('an exact name wins over its plural twin, which is then no rival', () => {
    expect(one('Acme Labs', ['Acme Lab', 'Acme Labs', 'Acme Dental'])).toMatchObject({ accountId: 'a1', decision: 'auto', reason: 'same-name' });
    expect(one('Acme Lab', ['Acme Lab', 'Acme Labs', 'Acme Dental'])).toMatchObject({ accountId: 'a0', decision: 'auto', reason: 'same-name' });
  });

  it('records how each final "s" was written', () => {
    expect(normalizeName('Acme Labs')).toMatchObject({ tokens: ['acme', 'lab'], bareS: ['lab'], sEither: [] });
    expect(normalizeName("Joe's Pizza")).toMatchObject({ tokens: ['joe', 'pizza'], bareS: [], sEither: ['joe'] });
    // an abbreviation's long form: its "s" was never typed
    expect(normalizeName('Smith Svcs')).toMatchObject({ tokens: ['smith', 'service'], sEither: ['service'] });
  });

  it.each([11, 12])('on the sandbox seed (seed %i), no org is linked without review to its "X Lab" / "X Labs" decoy', (seed) => {
    const d = devSet(3000, seed);
    const name = new Map(d.accounts.map((a) => [a.id, a.name]));
    const plain = (s: string) => normalizeName(s).surface.join(' ');
    const suggestions = matchAll(d.orgs, d.accounts);
    // decoys: an account that is the org's name with "Lab" for "Labs" (or back), and not the org's account
    const decoyPairs = suggestions.filter((s, i) => {
      if (!s.accountId || d.truth.get(s.orgId) === s.accountId) return false;
      const [o, a] = [plain(d.orgs[i].name), plain(name.get(s.accountId)!)];
      return o !== a && o.replace(/\blabs\b/g, 'lab') === a.replace(/\blabs\b/g, 'lab');
    });
    expect(decoyPairs.length).toBeGreaterThan(0);
    expect(decoyPairs.filter((s) => s.decision === 'auto')).toEqual([]);
  });
});
