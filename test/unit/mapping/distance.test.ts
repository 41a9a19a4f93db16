import { describe, expect, it } from 'vitest';
import { levenshtein, osaDistance } from '@/lib/mapping/distance';
import { rng } from './forms/core';

const reference = (a: string, b: string) => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
};

describe('edit distances', () => {
  it('the bit-parallel Levenshtein agrees with the textbook one (short, long, empty, non-ASCII)', () => {
    const r = rng(5);
    const word = () => Array.from({ length: Math.floor(r() * 40) }, () => 'abcdeäöü€'[Math.floor(r() * 9)]).join('');
    for (let i = 0; i < 3000; i++) {
      const [a, b] = [word(), word()];
      expect(levenshtein(a, b), `${a} / ${b}`).toBe(a.length <= 32 || b.length <= 32 ? reference(a, b) : osaDistance(a, b));
    }
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
  });
  it('OSA counts a swap of two neighbours as one edit', () => {
    expect(osaDistance('dental', 'dnetal')).toBe(1);
    expect(reference('dental', 'dnetal')).toBe(2);
  });
});
