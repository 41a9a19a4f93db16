import { describe, expect, it } from 'vitest';
import { matchAll } from '@/lib/mapping/match';
import { normalizeName } from '@/lib/mapping/normalize';
import { readMappingsCsv } from '@/lib/mapping/csv';

describe('names that are also JavaScript property names', () => {
  it('are plain words: constructor, toString, __proto__, hasOwnProperty', () => {
    const n = normalizeName('Constructor toString __proto__ hasOwnProperty Ltd');
    expect(typeof n.key).toBe('string');
    expect(n.key).toContain('constructor');
    expect(n.key).toContain('tostring');
    expect(normalizeName('{{constructor.constructor("x")()}}').key).toContain('constructor');
  });
});

describe('matching and CSV with such names', () => {
  it('matches orgs and accounts named like object properties', () => {
    const s = matchAll([{ id: '1', name: 'Constructor GmbH' }, { id: '2', name: '__proto__' }], [{ id: 'a', name: 'Constructor' }, { id: 'b', name: 'toString Ltd' }]);
    expect(s.find((x) => x.orgId === '1')?.accountId).toBe('a');
    expect(s.find((x) => x.orgId === '2')?.decision).toBe('none');
  });
  it('keeps an org id "__proto__" in a CSV as data', () => {
    const { choices } = readMappingsCsv('org_id,account_id\n__proto__,5\nconstructor,6\n');
    expect(Object.getPrototypeOf(choices)).toBe(Object.prototype);
    expect(Object.keys(choices).sort()).toEqual(['__proto__', 'constructor']);
  });
});
