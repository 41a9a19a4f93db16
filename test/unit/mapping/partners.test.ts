import { describe, expect, it } from 'vitest';
import { matchAll } from '@/lib/mapping/match';
import { nameParts } from '@/lib/mapping/variants';

const one = (org: string, accounts: string[]) => matchAll([{ id: 'o', name: org }], accounts.map((name, i) => ({ id: `a${i}`, name })))[0];

describe('a list of partners after a comma is not a site', () => {
  it.each([
    ['Ruecker, Wilderman & Gleichner', ['Ruecker', 'Ruecker Dental']],
    ['Ruecker, Wilderman and Gleichner', ['Ruecker LLC', 'Ruecker Dental']],
    ['Müller, Schmidt und Partner', ['Müller', 'Müller Bau']],
  ])('%s is not linked to the first partner alone', (org, accounts) => {
    expect(one(org, accounts).decision).not.toBe('auto');
    expect(nameParts(org).filter((p) => p.kind === 'site')).toEqual([]);
  });

  it('a city after a comma still is', () => {
    expect(one('Acme Dental, Denver', ['Acme Dental', 'Acme Plumbing'])).toMatchObject({ accountId: 'a0', decision: 'auto', reason: 'site' });
    expect(one('Smith, Jones and Brown CPAs', ['Smith, Jones & Brown CPAs', 'Smith CPAs'])).toMatchObject({ accountId: 'a0', decision: 'auto' });
  });
});
