/**
 * Text changes for forms set C: how a name is retyped as a short reference, shortened, mistyped or
 * re-punctuated. Each takes the random source so a seed gives the same set.
 */
import { ABBR, NEIGHBOURS } from './set-c-words';

type R = () => number;
const pick = <T>(r: R, a: readonly T[]): T => a[Math.floor(r() * a.length)];

const NUMW: Record<string, string> = {
  first: '1', '1st': '1', second: '2', '2nd': '2', third: '3', '3rd': '3', fourth: '4', '4th': '4', fifth: '5', '5th': '5',
  sixth: '6', '6th': '6', seventh: '7', '7th': '7', eighth: '8', '8th': '8', ninth: '9', '9th': '9', tenth: '10', '10th': '10',
  one: '1', two: '2', three: '3', four: '4', five: '5', seven: '7', nine: '9', twelve: '12', saint: 'st', mount: 'mt', fort: 'ft',
};
const STOP = new Set(['inc', 'llc', 'ltd', 'limited', 'corp', 'co', 'the', 'and', 'n', 'gmbh', 'pty', 'pc', 'pllc', 'llp', 'kg', 'of', 'de', 'dr']);

/**
 * The generator's loose idea of one business name (accents and umlaut spellings folded, numbers and
 * Saint/Mount/Fort folded, legal words and spaces dropped): two businesses never share it, so no
 * retyped name can fairly point at two accounts.
 */
export function loose(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').toLowerCase().replace(/['’]s\b/g, 's')
    .split(/[^a-z0-9]+/).filter(Boolean).map((x) => NUMW[x] ?? x).filter((x) => !STOP.has(x))
    .map((x) => x.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u').replace(/s$/, '')).join('');
}

/** plain ASCII the way a technician types it: umlauts as ue (or dropped), accents dropped */
export function ascii(s: string, r: R): string {
  const uml = r() < 0.6;
  return s.replace(/ä/g, uml ? 'ae' : 'a').replace(/ö/g, uml ? 'oe' : 'o').replace(/ü/g, uml ? 'ue' : 'u')
    .replace(/Ä/g, uml ? 'Ae' : 'A').replace(/Ö/g, uml ? 'Oe' : 'O').replace(/Ü/g, uml ? 'Ue' : 'U').replace(/ß/g, 'ss')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

const words = (s: string) => s.replace(/[’']/g, '').split(/[^A-Za-z0-9\u00c0-\u024f]+/).filter(Boolean);

/**
 * An org name typed like a short reference: lower or upper case, words joined or joined with
 * `-`, `_` or `.`, or CamelCase; with `limit`, cut at that many characters.
 */
export function shortRef(name: string, r: R, limit?: number): string {
  const all = words(ascii(name, r));
  const kept = all.filter((x) => !STOP.has(x.toLowerCase()));
  const ws = kept.length ? kept : all;
  const sep = pick(r, ['', '', '', '-', '_', '.', '-']);
  const kase = pick(r, ['lower', 'lower', 'upper', 'upper', 'camel']);
  let s = kase === 'camel' ? ws.map((x) => x[0].toUpperCase() + x.slice(1).toLowerCase()).join(sep) : ws.join(sep);
  if (kase === 'lower') s = s.toLowerCase();
  if (kase === 'upper') s = s.toUpperCase();
  return limit && s.length > limit ? s.slice(0, limit).replace(/[-_.]$/, '') : s;
}

/** consonant skeleton: first letter kept, later vowels dropped, doubled letters once ("Plumbing" → "Plmbng") */
export function skeleton(word: string): string {
  const out = word[0] + word.slice(1).replace(/[aeiouäöüéèy]/gi, '');
  return out.replace(/(.)\1+/g, '$1');
}

const cap = (like: string, s: string) => (like === like.toUpperCase() && like.length > 1 ? s.toUpperCase() : s);

/**
 * Shortens one or two trade words of `name` (never the owner) the ways people do: the usual
 * abbreviation, the word cut after 3–5 letters (maybe with a dot), or its consonant skeleton.
 * `owner` words are left alone. Returns null when nothing in the name can be shortened.
 */
export function shorten(name: string, owner: string, r: R): string | null {
  const ownerWords = new Set(words(owner).map((x) => x.toLowerCase()));
  const parts = name.split(/(\s+)/);
  const idx = parts.map((p, i) => [p, i] as const).filter(([p]) => /^[A-Za-zÀ-ɏ]{5,}[.,]?$/.test(p) && !ownerWords.has(p.replace(/[.,]$/, '').toLowerCase())).map(([, i]) => i);
  if (!idx.length) return null;
  const n = idx.length > 1 && r() < 0.35 ? 2 : 1;
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(pick(r, idx));
  const kind = pick(r, ['abbr', 'abbr', 'cut', 'skeleton']);
  for (const i of chosen) {
    const wd = parts[i].replace(/[.,]$/, '');
    const tail = parts[i].slice(wd.length);
    const conv = ABBR[wd.toLowerCase()];
    let s: string;
    if ((kind === 'abbr' || wd.length < 6) && conv) s = pick(r, conv);
    else if (kind === 'skeleton' && wd.length >= 6) s = skeleton(wd);
    else {
      const k = Math.min(wd.length - 2, 3 + Math.floor(r() * 3));
      s = wd.slice(0, Math.max(3, k)) + (r() < 0.4 ? '.' : '');
    }
    parts[i] = cap(wd, s) + tail;
  }
  const out = parts.join('');
  return out === name ? null : out;
}

/** one keyboard slip in a word of 4+ letters: a neighbouring key, a letter dropped or doubled, two letters swapped, a space moved */
export function typo(name: string, r: R): string {
  const parts = name.split(' ');
  const long = parts.map((p, i) => [p, i] as const).filter(([p]) => /^[A-Za-z]{4,}$/.test(p)).map(([, i]) => i);
  if (!long.length) return name;
  const i = pick(r, long);
  const wd = parts[i];
  // not the first letter: people rarely miss it
  const j = 1 + Math.floor(r() * (wd.length - 1));
  const kind = pick(r, ['neighbour', 'neighbour', 'drop', 'double', 'swap', 'space', ...(parts.length > 1 ? ['moved'] : [])]);
  let out: string;
  if (kind === 'neighbour') {
    const c = wd[j].toLowerCase();
    const nb = NEIGHBOURS[c];
    if (nb) {
      const x = pick(r, [...nb]);
      out = wd.slice(0, j) + (wd[j] === c ? x : x.toUpperCase()) + wd.slice(j + 1);
    } else out = wd.slice(0, j) + wd.slice(j + 1);
  } else if (kind === 'drop') out = wd.slice(0, j) + wd.slice(j + 1);
  else if (kind === 'double') out = wd.slice(0, j) + wd[j] + wd.slice(j);
  else if (kind === 'swap') {
    const k = Math.min(j, wd.length - 2);
    out = wd[k] === wd[k + 1] ? wd.slice(0, k) + wd.slice(k + 1) : wd.slice(0, k) + wd[k + 1] + wd[k] + wd.slice(k + 2);
  } else if (kind === 'space') out = wd.slice(0, Math.max(2, Math.min(j, wd.length - 2))) + ' ' + wd.slice(Math.max(2, Math.min(j, wd.length - 2)));
  else {
    // the space between this word and its neighbour slips one or two letters along
    const left = i > 0 && r() < 0.5;
    const a = left ? parts[i - 1] : wd;
    const b = left ? wd : parts[i + 1] ?? '';
    if (!b) return name.replace(wd, wd.slice(0, 2) + ' ' + wd.slice(2));
    const k = Math.min(2, a.length - 1);
    const joined = r() < 0.5 ? `${a.slice(0, a.length - k)} ${a.slice(a.length - k)}${b}` : `${a}${b.slice(0, 1)} ${b.slice(1)}`;
    const at = left ? i - 1 : i;
    return [...parts.slice(0, at), joined, ...parts.slice(at + 2)].join(' ');
  }
  parts[i] = out;
  return parts.join(' ');
}

/** typographic punctuation: curly apostrophes, en/em dashes, non-breaking spaces */
export function typographic(name: string, r: R): string {
  let s = name.replace(/'/g, '’').replace(/ - /g, pick(r, [' – ', ' — ', '\u00a0–\u00a0']));
  s = s.replace(/(\w)-(\w)/g, (_m, a, b) => `${a}${pick(r, ['–', '‐', '-'])}${b}`);
  if (r() < 0.6 || s === name) s = s.replace(/ /g, () => (r() < 0.6 ? '\u00a0' : ' '));
  if (s === name) s = name.replace(' ', '\u00a0');
  return s;
}

export function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s\-(/&.])(\p{L})/gu, (_m, a, b) => a + b.toUpperCase());
}
