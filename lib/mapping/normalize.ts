/**
 * Name normalization for matching VSA org names to BMS account names: Unicode NFKC, case,
 * German/Nordic transliteration and diacritics, typographic punctuation (curly quotes, dashes, NBSP),
 * "&"/"and"/"+"/"n'", a leading "The", legal-form suffixes of many countries (with and without dots),
 * initials (A.B.C. / A B C / ABC), numbers as digits or words (3 / three, 1st / first), Saint/St.,
 * Mount/Mt., Fort/Ft., possessives and plurals, and common business abbreviations. Each change that
 * was made is recorded as a mark, so the matcher can say in one sentence why two names are one.
 * Pure: no I/O, no browser APIs.
 */

import { asciiFlags, asciiWords, F_AND, F_DOT, F_QUOTE, F_REF_JOIN, F_SPACE_INSIDE, F_WORD } from './ascii';

const TRANSLIT: Record<string, string> = {
  ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss', æ: 'ae', ø: 'o', å: 'aa', œ: 'oe', ð: 'd', þ: 'th', ł: 'l', đ: 'd', ı: 'i',
};

/** legal forms as token sequences (after punctuation is removed), longest first */
const LEGAL_FORMS: string[][] = [
  'gmbh and co kg', 'gmbh co kg', 'sp z o o', 'sp z oo', 'spzoo', 'pty ltd', 'pty limited', 'pvt ltd', 'private limited', 'co ltd', 'co inc', 'l l c', 'l l p',
  'p l l c', 's a r l', 's a', 's l', 'b v', 'n v', 'p c', 'p a', 'l p', 's r l', 's p a', 'a s', 'a b', 'k k', 'o y',
  'incorporated', 'inc', 'llc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'llp', 'pllc', 'pc', 'pa', 'lp', 'plc',
  'gmbh', 'ag', 'kg', 'ug', 'ohg', 'ev', 'sa', 'sas', 'sarl', 'sl', 'slu', 'bv', 'nv', 'pty', 'oy', 'oyj', 'ab', 'as', 'asa', 'aps',
  'srl', 'spa', 'sro', 'kft', 'se', 'kk', 'bhd', 'sdn bhd', 'ltda', 'cv', 'sc', 'gmbhcokg', 'ptyltd',
  // German partnerships and sole traders, Quebec partnerships and "Ltée", Australian "P/L", UK charities, Canadian professional corporations
  'gbr', 'ek', 'e k', 'ug haftungsbeschraenkt', 'ug haftungsbeschrankt', 'partg', 'senc', 'sencrl', 'ltee', 'p l', 'pl', 'cio', 'professional corporation', 'prof corp',
].map((f) => f.split(' ')).sort((a, b) => b.length - a.length);

/** legal forms by their last word, longest first: a name's last word says which could end it */
const LEGAL_BY_LAST = new Map<string, string[][]>();
for (const f of LEGAL_FORMS) {
  const last = f[f.length - 1];
  const l = LEGAL_BY_LAST.get(last);
  if (l) l.push(f);
  else LEGAL_BY_LAST.set(last, [f]);
}

/** every word that is part of a legal form ("gmbh", "co", "kg", "l", …) */
export const LEGAL_TOKENS: ReadonlySet<string> = new Set(LEGAL_FORMS.flat());

const LEGAL_ONE: ReadonlySet<string> = new Set(LEGAL_FORMS.filter((f) => f.length === 1).map((f) => f[0]));

/** single-token legal forms, for finding a legal form in the middle of a name ("Acme Holdings LLC Riverside Dental") */
export const LEGAL_WORDS: ReadonlySet<string> = new Set(LEGAL_FORMS.filter((f) => f.length === 1 && f[0].length >= 3).map((f) => f[0]));

const ABBREVIATIONS = new Map<string, string>(Object.entries({
  intl: 'international', int: 'international', svcs: 'services', svc: 'services', srvcs: 'services', mfg: 'manufacturing', mfrs: 'manufacturers',
  assoc: 'associates', assocs: 'associates', assn: 'association', grp: 'group', mgmt: 'management', mgt: 'management', dept: 'department',
  bros: 'brothers', ctr: 'center', centre: 'center', tech: 'technology', techs: 'technologies', natl: 'national', med: 'medical',
  mtn: 'mountain', univ: 'university', inst: 'institute', hosp: 'hospital', dist: 'district', sys: 'systems', sol: 'solutions',
  eng: 'engineering', engg: 'engineering', dev: 'development', fin: 'financial', ins: 'insurance', prop: 'properties', props: 'properties',
  // one written form for the words that have a standard short form (Saint Louis / St. Louis, Mount / Mt., Fort / Ft.)
  saint: 'st', sankt: 'st', mount: 'mt', fort: 'ft',
}));
const SHORT_FORMS = new Set(['st', 'mt', 'ft']);

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINALS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const TENS_ORD = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];
const NUMBER_WORDS = new Map<string, { n: number; ord: boolean; tens: boolean }>();
UNITS.forEach((w, n) => NUMBER_WORDS.set(w, { n, ord: false, tens: false }));
TENS.forEach((w, i) => w && NUMBER_WORDS.set(w, { n: i * 10, ord: false, tens: true }));
ORDINALS.forEach((w, n) => w && NUMBER_WORDS.set(w, { n, ord: true, tens: false }));
TENS_ORD.forEach((w, i) => w && NUMBER_WORDS.set(w, { n: i * 10, ord: true, tens: true }));
NUMBER_WORDS.set('hundred', { n: 100, ord: false, tens: false });
const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;

/** connectors that say nothing about which business it is */
const CONNECTORS = new Set(['and', 'und', 'et', 'y', 'og', 'och', 'en']);

/** words that make a name need the slower, meaning-level steps (abbreviations, number words, connectors) */
const SPECIAL: ReadonlySet<string> = new Set([...ABBREVIATIONS.keys(), ...NUMBER_WORDS.keys(), ...CONNECTORS]);

/** the first letters and lengths of the SPECIAL words: a word of another shape is not looked up */
const SPECIAL_SHAPE = new Uint8Array(26 * 32);
for (const w of SPECIAL) if (w.length < 32 && w.charCodeAt(0) >= 97 && w.charCodeAt(0) <= 122) SPECIAL_SHAPE[(w.charCodeAt(0) - 97) * 32 + w.length] = 1;
const maybeSpecial = (t: string) => {
  const c = t.charCodeAt(0) - 97;
  return c >= 0 && c < 26 && t.length < 32 && SPECIAL_SHAPE[c * 32 + t.length] === 1;
};

/** what normalization changed in a name (the matcher explains a match by the marks the two names do not share) */
export type Mark = 'initials' | 'number' | 'saint' | 'possessive' | 'plural' | 'and' | 'abbrev' | 'legal' | 'the' | 'accents' | 'ref' | 'typography';

/** every mark, with its bit in `NormalizedName.markBits` */
export const MARKS: readonly Mark[] = ['initials', 'number', 'saint', 'possessive', 'plural', 'and', 'abbrev', 'legal', 'the', 'accents', 'ref', 'typography'];
export const MARK_BIT: Readonly<Record<Mark, number>> = Object.fromEntries(MARKS.map((m, i) => [m, 1 << i])) as Record<Mark, number>;
/** the marks of a set of bits, as one shared read-only array per combination */
const MARK_LISTS = new Map<number, readonly Mark[]>();
function markList(bits: number): readonly Mark[] {
  let l = MARK_LISTS.get(bits);
  if (!l) MARK_LISTS.set(bits, (l = Object.freeze(MARKS.filter((m) => bits & MARK_BIT[m]))));
  return l;
}
const NONE: readonly string[] = Object.freeze([]);

/** the marks a name collects while it is normalized */
class MarkBits {
  bits = 0;
  add(m: Mark): void {
    this.bits |= MARK_BIT[m];
  }
}

export interface NormalizedName {
  /** the original, verbatim */
  raw: string;
  /** significant tokens, in order */
  tokens: string[];
  /** tokens joined by one space: equal keys = the same name for matching purposes */
  key: string;
  /** the key without spaces (for edit distance) */
  compact: string;
  /** legal forms that were removed */
  legal: readonly string[];
  /** the changes normalization made */
  marks: readonly Mark[];
  /** the same, as bits (`MARK_BIT`) */
  markBits: number;
  /** words written with a final dot ("Dent.", "Mfg."): shortened on purpose */
  dotted: readonly string[];
  /** the words as written (folded, before any meaning-level change) */
  surface: readonly string[];
  /** tokens that lost a final "s" written without an apostrophe ("labs" → lab, "joes" → joe): a plural, or a possessive typed without its apostrophe */
  bareS: readonly string[];
  /** tokens whose final "s" says nothing either way: a possessive with its apostrophe ("joe's", "smiths'"), an abbreviation's long form ("svcs", "srvcs" → services) */
  sEither: readonly string[];
}

/** the patterns normalization uses, compiled once (a literal in a function is a new object on every call) */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const TRANSLIT_CHARS = /[äöüßẞæøåœðþłđı]/g;
const STRIP_CHARS = /[ßẞæøœðþłđı]/g;
const COMBINING = /\p{M}+/gu;
const QUOTES_G = /['’‘ʼ′`´]/g;
const NON_WORD_G = /[^\p{L}\p{N}]+/gu;
const TYPOGRAPHY = /[\u00a0\u2000-\u200b\u202f\u2010-\u2015\u2018-\u201f\u2032]/;
const NON_ASCII = /[\u0080-\uffff]/;
const SPACES_PUNCT_G = /[\u00a0\u2000-\u206f]/g;
const WHITE = /\s/;
const REF_JOIN = /[-_.]\p{L}/u;
const QUOTE = /['’‘ʼ′`´]/;
const AND_SIGN = /[&+]/;
const N_QUOTED = /\bn['’]|['’]n['’]?\s/;
const AND_SIGN_G = /[&+]/g;
const N_QUOTED_G = /(^|\s)['’]?n['’](?=\s|$)/g;
const DOTTED_INITIALS_G = /(^|[^\p{L}\p{N}])(\p{L}(?:\.\p{L})+)\.?(?=$|[^\p{L}\p{N}])/gu;
const DOT_G = /\./g;
const DOTTED_WORD_G = /(\p{L}{2,})\.(?=\s|$|,)/gu;
const POSSESSIVE = /\p{L}['’‘ʼ]s\b|\p{L}s['’‘ʼ](?=\s|$)/u;
const POSSESSIVE_WORDS_G = /(\p{L}+)['’‘ʼ]s\b|(\p{L}+s)['’‘ʼ](?=\s|$)/gu;
const APOSTROPHE_S_G = /(\p{L})['’‘ʼ]s\b/gu;
const S_APOSTROPHE_G = /(\p{L}s)['’‘ʼ](?=\s|$)/gu;
const LETTER = /\p{L}/u;

/**
 * Folds case and accents. 'translit' writes German/Nordic letters the way they are typed without
 * them (ü→ue, ß→ss, ø→o, å→aa); 'strip' drops the accent (ü→u, å→a), as a careless export does.
 * Names are compared in both forms, so "Müller", "Mueller" and "Muller" are one name.
 */
export function foldCharacters(s: string, mode: 'translit' | 'strip' = 'translit'): string {
  if (ASCII.test(s)) return s.toLowerCase();
  // zero-width characters are invisible in a name and must not split a word
  let out = s.replace(ZERO_WIDTH, '').normalize('NFKC').toLowerCase();
  if (mode === 'translit') out = out.replace(TRANSLIT_CHARS, (c) => TRANSLIT[c] ?? c);
  else out = out.replace(STRIP_CHARS, (c) => TRANSLIT[c] ?? c);
  return out.normalize('NFD').replace(COMBINING, '');
}

/** a token's plural/possessive "s" dropped (smiths, smith's → smith); "ss", "us", "is" endings are kept */
export function stem(t: string): string {
  const n = t.length;
  if (n < 4 || t.charCodeAt(n - 1) !== 115) return t;
  const before = t.charCodeAt(n - 2);
  // s, u, i
  if (before === 115 || before === 117 || before === 105) return t;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) return t;
  }
  return t.slice(0, -1);
}

/** words as they are written (case, accents, punctuation folded), before any meaning-level change */
export function surfaceTokens(raw: string, mode: 'translit' | 'strip' = 'translit'): string[] {
  const s = foldCharacters(raw ?? '', mode).replace(QUOTES_G, '').replace(NON_WORD_G, ' ').trim();
  return s ? s.split(' ') : [];
}

const ASCII = /^[\x20-\x7e]*$/;

export function normalizeName(raw: string, mode: 'translit' | 'strip' = 'translit'): NormalizedName {
  const marks = new MarkBits();
  let sEither: string[] | readonly string[] = NONE;
  const src = raw ?? '';
  // most names are printable ASCII: one pass says what the patterns below would find
  const flags = asciiFlags(src);
  const ascii = flags >= 0;
  if (!ascii) {
    if (TYPOGRAPHY.test(src)) marks.add('typography');
    if (NON_ASCII.test(src.replace(SPACES_PUNCT_G, ''))) marks.add('accents');
  }
  let s = ascii ? src.toLowerCase() : foldCharacters(src, mode);
  // a short reference: one "word" with - _ . between its parts (acme-dental, ACME_DENTAL, acme.dental)
  if (ascii ? (flags & (F_WORD | F_SPACE_INSIDE | F_REF_JOIN)) === (F_WORD | F_REF_JOIN) : isRef(src.trim())) marks.add('ref');
  const quote = ascii ? (flags & F_QUOTE) !== 0 : QUOTE.test(s);
  if ((ascii ? (flags & F_AND) !== 0 : AND_SIGN.test(s)) || (quote && N_QUOTED.test(s))) {
    marks.add('and');
    s = s.replace(AND_SIGN_G, ' and ');
    // ("n'" needs a quote)
    if (quote) s = s.replace(N_QUOTED_G, '$1 and ');
  }
  const hasDot = ascii ? (flags & F_DOT) !== 0 : s.includes('.');
  // dotted initials: "a.b.c." / "a.b.c" → "abc" (single letters joined by dots)
  if (hasDot) s = s.replace(DOTTED_INITIALS_G, (_m, pre: string, init: string) => {
    if (init.length > 3 && !LEGAL_ONE.has(init.replace(DOT_G, ''))) marks.add('initials');
    return `${pre}${init.replace(DOT_G, '')}`;
  });
  const dotted = !hasDot ? NONE : [...s.matchAll(DOTTED_WORD_G)].map((m) => m[1]);
  if (quote) {
    if (POSSESSIVE.test(s)) {
      marks.add('possessive');
      // the words written as possessives, as they will read once their "s" is dropped
      sEither = [...s.matchAll(POSSESSIVE_WORDS_G)].map((m) => stem(m[1] ?? m[2]));
    }
    // possessives: "Thomas's" → "thomas", "Smiths'" → "smiths" (then read like "Thomas", "Smiths")
    s = s.replace(APOSTROPHE_S_G, '$1').replace(S_APOSTROPHE_G, '$1');
    s = s.replace(QUOTES_G, '');
  }
  let tokens: string[];
  if (ascii || ASCII.test(s)) tokens = asciiWords(s);
  else {
    s = s.replace(NON_WORD_G, ' ').trim();
    tokens = s ? s.split(' ') : [];
  }
  const surface = tokens;
  // own keys only: a name may well contain "constructor" or "__proto__"
  let special = false;
  for (let i = 0; i < tokens.length; i++) if (tokens[i].length === 1 || (maybeSpecial(tokens[i]) && SPECIAL.has(tokens[i]))) special = true;
  if (special) {
    const expanded: string[] = [];
    for (const t of tokens) {
      const to = ABBREVIATIONS.get(t);
      if (to === undefined) expanded.push(t);
      else {
        marks.add(SHORT_FORMS.has(to) ? 'saint' : 'abbrev');
        sEither = [...sEither, stem(to)];
        expanded.push(to);
      }
    }
    tokens = numbers(expanded, marks);
    // "n" between two words is "and" ("Rock n Roll"); other connectors always
    const kept: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (isN(tokens, i)) marks.add('and');
      else if (!CONNECTORS.has(t)) kept.push(t);
    }
    tokens = kept;
  }
  if (tokens[0] === 'the' && tokens.length > 1) {
    tokens = tokens.slice(1);
    marks.add('the');
  }
  if (special) tokens = initials(tokens, marks);
  let legal: string[] | readonly string[] = NONE;
  // strip legal forms at the end, repeatedly ("GmbH & Co. KG", "Co., Ltd."), never to nothing
  for (let changed = true; changed && tokens.length > 1; ) {
    changed = false;
    const forms = LEGAL_BY_LAST.get(tokens[tokens.length - 1]);
    if (!forms) break;
    for (let f = 0; f < forms.length; f++) {
      const form = forms[f];
      if (form.length < tokens.length && endsWith(tokens, form)) {
        legal = [form.join(''), ...legal];
        tokens = tokens.slice(0, tokens.length - form.length);
        changed = true;
        break;
      }
    }
  }
  if (legal.length) marks.add('legal');
  let bareS: string[] | readonly string[] = NONE;
  let plural = false;
  for (let i = 0; i < tokens.length; i++) {
    const st = stem(tokens[i]);
    if (st === tokens[i]) continue;
    if (!plural) {
      plural = true;
      bareS = [];
      // a new array: `surface` may be this one
      if (tokens === surface) tokens = tokens.slice();
    }
    (bareS as string[]).push(st);
    tokens[i] = st;
  }
  if (plural) {
    marks.add('plural');
    bareS = bareS.slice();
  }
  // the words built by push keep room for more: kept long, they are copied to their own size
  if (special && tokens !== surface) tokens = tokens.slice();
  const key = tokens.join(' ');
  const markBits = marks.bits;
  return { raw, tokens, key, compact: tokens.length === 1 ? key : tokens.join(''), legal, marks: markList(markBits), markBits, dotted, surface, bareS, sEither };
}

const isRef = (trimmed: string) => trimmed !== '' && !WHITE.test(trimmed) && REF_JOIN.test(trimmed);

/** an "n" between two words: "and" ("Rock n Roll") */
const isN = (tokens: readonly string[], i: number) => tokens[i] === 'n' && i > 0 && i < tokens.length - 1 && tokens[i - 1].length > 1 && tokens[i + 1].length > 1;

/** true when the last words of `tokens` are `tail` */
function endsWith(tokens: readonly string[], tail: readonly string[]): boolean {
  const at = tokens.length - tail.length;
  for (let i = 0; i < tail.length; i++) if (tokens[at + i] !== tail[i]) return false;
  return true;
}

/** number words as digits: "three" → 3, "twenty one" → 21, "first" → 1st; "1st" stays */
function numbers(tokens: string[], marks: MarkBits): string[] {
  let any = false;
  for (const t of tokens) if (NUMBER_WORDS.has(t)) any = true;
  if (!any) return tokens;
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = NUMBER_WORDS.get(tokens[i]);
    if (!w) {
      out.push(tokens[i]);
      continue;
    }
    let n = w.n;
    let ord = w.ord;
    const next = NUMBER_WORDS.get(tokens[i + 1] ?? '');
    if (w.tens && !w.ord && next && !next.tens && next.n > 0 && next.n < 10) {
      n += next.n;
      ord = next.ord;
      i++;
    }
    marks.add('number');
    out.push(ord ? ordinal(n) : String(n));
  }
  return out;
}

/** runs of single letters are one word of initials: "a b c" → "abc" */
function initials(tokens: string[], marks: MarkBits): string[] {
  if (tokens.length < 2) return tokens;
  const out: string[] = [];
  let run = '';
  for (const t of tokens) {
    if (t.length === 1 && LETTER.test(t)) {
      run += t;
      continue;
    }
    if (run) out.push(run);
    // ("P L", "L L C": a legal form spelt out, not initials)
    if (run.length > 1 && !LEGAL_ONE.has(run)) marks.add('initials');
    run = '';
    out.push(t);
  }
  if (run) out.push(run);
  if (run.length > 1 && !LEGAL_ONE.has(run)) marks.add('initials');
  return out;
}
