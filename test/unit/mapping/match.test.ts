import { describe, expect, it } from 'vitest';
import { matchAll, AccountIndex } from '@/lib/mapping/match';
import { normalizeName } from '@/lib/mapping/normalize';
import { devSet, score } from './devset';

const recs = (names: string[], prefix: string) => names.map((name, i) => ({ id: `${prefix}${i}`, name }));
const one = (org: string, accounts: string[]) => matchAll([{ id: 'o', name: org }], recs(accounts, 'a'))[0];

describe('normalization', () => {
  it.each([
    ['Smith & Jones Dental, LLC', 'SMITH AND JONES DENTAL'],
    ['Müller GmbH', 'Mueller G.m.b.H.'],
    ['Acme Intl', 'ACME International Inc.'],
    ['The Riverside Clinic', 'Riverside Clinic, L.L.C.'],
    ['Schröder Bau GmbH & Co. KG', 'Schroeder Bau'],
    ['Søndergaard A/S', 'Sondergaard'],
    ["O'Brien Svcs Ltd.", 'OBrien Services Limited'],
    ['Nordic Foods Pty Ltd', 'nordic   foods'],
    ['Café Crème S.A.R.L.', 'CAFE CREME'],
  ])('%s ≡ %s', (a, b) => {
    expect(normalizeName(a).key).toBe(normalizeName(b).key);
  });

  it('keeps the business words and drops only legal forms at the end', () => {
    // tokens are canonical: plural and possessive s dropped (Solutions, Solution's, Solution)
    expect(normalizeName('Company Solutions Inc').tokens).toEqual(['company', 'solution']);
    expect(normalizeName('Co').tokens).toEqual(['co']);
    expect(normalizeName('').key).toBe('');
    expect(normalizeName('<img src=x onerror=alert(1)>').key).toBe('img src x onerror alert 1');
  });
});

describe('decisions', () => {
  it('links the same business written differently without review', () => {
    expect(one('Smith & Jones Dental, LLC', ['SMITH AND JONES DENTAL', 'Smith Dental'])).toMatchObject({ accountId: 'a0', decision: 'auto' });
    expect(one('Müller GmbH', ['Muller', 'Miller GmbH'])).toMatchObject({ accountId: 'a0', decision: 'auto' });
    expect(one('Jones & Smith Law', ['Smith and Jones Law'])).toMatchObject({ decision: 'auto', reason: 'order' });
    expect(one('Riverside Dnetal Group', ['Riverside Dental Group'])).toMatchObject({ decision: 'auto', reason: 'typo-swap' });
  });

  it.each([
    ['Smith Dental', ['Smith Dental Lab']],
    ['Riverside Dental', ['Riverside Medical']],
  ])('does not auto-link the near-identical but different %s / %s', (org, accounts) => {
    expect(one(org, accounts).decision).not.toBe('auto');
  });

  it('reads two names in use one letter apart as two businesses, not as a typing slip', () => {
    // Johnson and Johnston both occur in the tenant: neither is a slip of the other
    const r = matchAll(recs(['Johnson Plumbing', 'Johnson Dental'], 'o'), recs(['Johnston Plumbing', 'Johnston Roofing', 'Johnson Electric'], 'a'));
    expect(r[0]).toMatchObject({ accountId: 'a0', reason: 'typo' });
    expect(r[0].decision).not.toBe('auto');
  });

  it('suggests typos and other close variants for review', () => {
    expect(one('Jonhson Plumbing Services', ['Johnson Plumbing Svcs', 'Johnston Roofing'])).toMatchObject({ accountId: 'a0', decision: 'auto' });
    // a dropped letter in a long word no other name has: a slip, safe to link
    expect(one('Hillcrest Vetrinary Clinic', ['Hillcrest Veterinary Clinic', 'Hillcrest Dental'])).toMatchObject({ accountId: 'a0', decision: 'auto' });
    // two slips in one name: shown, but for review
    expect(one('Hillcrest Vetrinary Clinc', ['Hillcrest Veterinary Clinic', 'Hillcrest Dental'])).toMatchObject({ accountId: 'a0', decision: 'review' });
  });

  it('gives `none` when nothing is close, and still names the best candidate with its confidence', () => {
    expect(one('Blue Ridge Solar', ['Oakwood Bakery', 'Kensington Law'])).toMatchObject({ accountId: null, decision: 'none', reason: 'no-match' });
    expect(one('', ['Oakwood Bakery']).decision).toBe('none');
    const weak = one('Blue Ridge Solar', ['Blue Ridge Bakery', 'Kensington Law']);
    expect(weak).toMatchObject({ accountId: 'a0', decision: 'none', hold: 'weak' });
    expect(weak.confidence).toBeGreaterThan(0.3);
    expect(weak.confidence).toBeLessThan(0.8);
  });

  it('is one-to-one: an account two orgs claim is auto-linked to neither', () => {
    const r = matchAll(recs(['Acme Corp', 'ACME Corporation'], 'o'), recs(['Acme'], 'a'));
    expect(r.map((s) => s.decision)).toEqual(['review', 'review']);
    expect(r[0]).toMatchObject({ hold: 'claimed', holdArgs: ['ACME Corporation'] });
  });

  it('does not auto-link when two accounts are equally good (duplicates in BMS)', () => {
    expect(one('Acme', ['Acme Inc', 'ACME LLC'])).toMatchObject({ decision: 'review', hold: 'ambiguous' });
  });

  it('never suggests a pair the admin rejected', () => {
    const r = matchAll([{ id: 'o', name: 'Acme' }], recs(['Acme Inc', 'Acme Holdings'], 'a'), { neverMap: [['o', 'a0']] });
    expect(r[0].accountId).not.toBe('a0');
  });

  it('ranks accounts for a search box', () => {
    const idx = new AccountIndex(recs(['Oakwood Bakery', 'Oakwood Dental', 'Kensington Law'], 'a'));
    expect(idx.rank('oakwood dental llc', 2).map((r) => r.acc)).toEqual([1, 0]);
  });
});

describe('accuracy on the sandbox dev set', () => {
  it.each([[3000, 11], [3000, 12]])('%i orgs, seed %i: auto precision ≥ 0.98, top-1 recall ≥ 0.95', (n, seed) => {
    const d = devSet(n, seed);
    const s = score(d, matchAll(d.orgs, d.accounts));
    console.log(`dev set ${n}/${seed}: auto precision ${s.autoPrecision.toFixed(4)}, top-1 recall ${s.top1Recall.toFixed(4)}, auto share ${s.autoShare.toFixed(3)}, no-account orgs not auto-linked ${s.noneCorrect.toFixed(4)}, counts ${JSON.stringify(s.counts)}`);
    expect(s.autoPrecision).toBeGreaterThanOrEqual(0.98);
    expect(s.top1Recall).toBeGreaterThanOrEqual(0.95);
    expect(s.autoShare).toBeGreaterThan(0.4);
  });
});
