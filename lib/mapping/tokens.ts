/**
 * Word-level comparisons: what kind of typing slip turns one word into another (a neighbouring key,
 * two letters swapped, a letter doubled or dropped), whether one word is a shortened form of another
 * (cut after a few letters, or kept as its consonant skeleton), and splitting words that were typed
 * joined ("smithjonesdental") against a vocabulary. Pure.
 */
import { osaDistance } from './distance';

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** QWERTY and QWERTZ neighbours (y/z swap places between the two) */
const NEIGHBOURS = new Map<string, Set<string>>();
for (const layout of [ROWS, ROWS.map((r) => r.replace('y', '#').replace('z', 'y').replace('#', 'z'))]) {
  layout.forEach((row, ri) => {
    [...row].forEach((c, ci) => {
      let s = NEIGHBOURS.get(c);
      if (!s) NEIGHBOURS.set(c, (s = new Set()));
      for (const [dr, dc] of [[0, -1], [0, 1], [-1, 0], [-1, 1], [1, 0], [1, -1]]) {
        const n = layout[ri + dr]?.[ci + dc];
        if (n) s.add(n);
      }
    });
  });
}
export const isNeighbourKey = (a: string, b: string) => NEIGHBOURS.get(a)?.has(b) ?? false;

export type Slip = 'swap' | 'key' | 'double' | 'drop' | 'other';

/** true when x from i on equals y from j on (without cutting either) */
function sameTail(x: string, i: number, y: string, j: number): boolean {
  if (x.length - i !== y.length - j) return false;
  for (; i < x.length; i++, j++) if (x.charCodeAt(i) !== y.charCodeAt(j)) return false;
  return true;
}

/** the kind of single typing slip between two words, or null when they are further apart */
export function slip(a: string, b: string): Slip | null {
  if (a === b || Math.abs(a.length - b.length) > 1) return null;
  if (a.length === b.length) {
    let i = 0;
    while (a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (sameTail(a, i + 1, b, i + 1)) return isNeighbourKey(a[i], b[i]) ? 'key' : 'other';
    if (i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && sameTail(a, i + 2, b, i + 2)) return 'swap';
    return null;
  }
  const s = a.length < b.length ? a : b;
  const l = a.length < b.length ? b : a;
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  if (!sameTail(s, i, l, i + 1)) return null;
  // the extra letter repeats its neighbour (dentall, hilllcrest / hilcrest) or sits next to it on the keyboard
  if (l[i] === l[i - 1] || l[i] === l[i + 1]) return 'double';
  if ((l[i - 1] && isNeighbourKey(l[i], l[i - 1])) || (l[i + 1] && isNeighbourKey(l[i], l[i + 1]))) return 'key';
  return 'drop';
}

/** at most two edits for long words: the classes of slip are left to `slip`; this says only "close" */
export const closeWords = (a: string, b: string) => osaDistance(a, b, 2) <= (Math.min(a.length, b.length) >= 9 ? 2 : 1);

// a e i o u y
const isVowel = (c: number) => c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;

/** how many of `w`'s letters from `from` on are vowels */
export function vowelCount(w: string, from: number): number {
  let n = 0;
  for (let i = from; i < w.length; i++) if (isVowel(w.charCodeAt(i))) n++;
  return n;
}

function hasDigit(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * true when `short` is a shortened `long`: its first letters ("dent" → dental, at least three), or
 * its consonant skeleton ("dntl" → dental, "mgmt" → management, "plmbg" → plumbing): the same first
 * letter, then letters of `long` in order, hardly any vowels.
 */
export function isShortening(short: string, long: string): boolean {
  // the cheap tests first: most pairs of words fail them
  if (short.length >= long.length || short.charCodeAt(0) !== long.charCodeAt(0)) return false;
  return isShorteningAs(short, long, shortForm(short));
}

/**
 * What `isShortening` needs to know of the short word alone (to be worked out once for a word that
 * is tried against many): 0 it shortens nothing (fewer than three letters, or a digit), 1 only as
 * its first letters, 2 also as a consonant skeleton.
 */
export function shortForm(short: string): number {
  if (short.length < 3 || hasDigit(short)) return 0;
  const vowels = vowelCount(short, 1);
  return vowels > 1 || short.length - vowels < 3 ? 1 : 2;
}

/** `isShortening` with the short word's `shortForm` given */
export function isShorteningAs(short: string, long: string, form: number): boolean {
  if (form === 0 || short.length >= long.length || short.charCodeAt(0) !== long.charCodeAt(0)) return false;
  if (long.length - short.length >= 2 && long.startsWith(short)) return true;
  if (form === 1) return false;
  let j = 1;
  for (let i = 1; i < short.length; i++) {
    while (j < long.length && long[j] !== short[i]) j++;
    if (j === long.length) return false;
    j++;
  }
  // the skeleton keeps most of the word's consonants (strg is storage, not stonebridge) up to its last part
  const consonants = long.length - vowelCount(long, 0) + (isVowel(long.charCodeAt(0)) ? 1 : 0);
  return j >= Math.ceil(long.length * 0.6) && short.length >= 0.6 * consonants;
}

/**
 * Splits `s` into words of `vocab` (fewest words; connectors and legal forms allowed; the last word
 * may be cut short, as a reference truncated at a length limit is). Null when it cannot. `starts`,
 * when given, holds every start (prefix) of every word of `vocab`, `prefixes` and `extra`: a
 * substring that is none of them is not read any further.
 */
export function segment(s: string, vocab: { has(w: string): boolean }, prefixes: { has(w: string): boolean }, extra: ReadonlySet<string>, starts?: { has(w: string): boolean }): string[] | null {
  const n = s.length;
  if (n < 4 || n > 80) return null;
  const cost = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<number>(n + 1).fill(-1);
  cost[0] = 0;
  for (let i = 0; i < n; i++) {
    if (cost[i] === Infinity) continue;
    for (let j = i + 1; j <= Math.min(n, i + 24); j++) {
      const w = s.slice(i, j);
      // no word of the three sets starts with w: nor with anything longer that starts with it
      if (starts && !starts.has(w)) break;
      let c: number;
      if (vocab.has(w)) c = w.length === 1 ? 3 : 1;
      else if (extra.has(w)) c = 1.2;
      else if (j === n && w.length >= 3 && prefixes.has(w)) c = 1.6;
      else continue;
      if (cost[i] + c < cost[j]) {
        cost[j] = cost[i] + c;
        from[j] = i;
      }
    }
  }
  if (cost[n] === Infinity) return null;
  const out: string[] = [];
  for (let j = n; j > 0; j = from[j]) out.unshift(s.slice(from[j], j));
  return out.length > 1 ? out : null;
}
