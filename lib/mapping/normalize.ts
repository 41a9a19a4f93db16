/**
 * Name normalization for matching VSA org names to BMS account names: Unicode NFKC, case,
 * German/Nordic transliteration and diacritics, typographic punctuation (curly quotes, dashes, NBSP),
 * "&"/"and"/"+"/"n'", a leading "The", legal-form suffixes of many countries (with and without dots),
 * initials (A.B.C. / A B C / ABC), numbers as digits or words (3 / three, 1st / first), Saint/St.,
 * Mount/Mt., Fort/Ft., possessives and plurals, and common business abbreviations. Each change that
 * was made is recorded as a mark, so the matcher can say in one sentence why two names are one.
 * Pure: no I/O, no browser APIs.
 */

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

const ABBREVIATIONS: Record<string, string> = {
  intl: 'international', int: 'international', svcs: 'services', svc: 'services', srvcs: 'services', mfg: 'manufacturing', mfrs: 'manufacturers',
  assoc: 'associates', assocs: 'associates', assn: 'association', grp: 'group', mgmt: 'management', mgt: 'management', dept: 'department',
  bros: 'brothers', ctr: 'center', centre: 'center', tech: 'technology', techs: 'technologies', natl: 'national', med: 'medical',
  mtn: 'mountain', univ: 'university', inst: 'institute', hosp: 'hospital', dist: 'district', sys: 'systems', sol: 'solutions',
  eng: 'engineering', engg: 'engineering', dev: 'development', fin: 'financial', ins: 'insurance', prop: 'properties', props: 'properties',
  // one written form for the words that have a standard short form (Saint Louis / St. Louis, Mount / Mt., Fort / Ft.)
  saint: 'st', sankt: 'st', mount: 'mt', fort: 'ft',
};
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

/** what normalization changed in a name (the matcher explains a match by the marks the two names do not share) */
export type Mark = 'initials' | 'number' | 'saint' | 'possessive' | 'plural' | 'and' | 'abbrev' | 'legal' | 'the' | 'accents' | 'ref' | 'typography';

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
  legal: string[];
  /** the changes normalization made */
  marks: Mark[];
  /** words written with a final dot ("Dent.", "Mfg."): shortened on purpose */
  dotted: string[];
  /** the words as written (folded, before any meaning-level change) */
  surface: string[];
}

/**
 * Folds case and accents. 'translit' writes German/Nordic letters the way they are typed without
 * them (ü→ue, ß→ss, ø→o, å→aa); 'strip' drops the accent (ü→u, å→a), as a careless export does.
 * Names are compared in both forms, so "Müller", "Mueller" and "Muller" are one name.
 */
export function foldCharacters(s: string, mode: 'translit' | 'strip' = 'translit'): string {
  if (ASCII.test(s)) return s.toLowerCase();
  // zero-width characters are invisible in a name and must not split a word
  let out = s.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').normalize('NFKC').toLowerCase();
  if (mode === 'translit') out = out.replace(/[äöüßẞæøåœðþłđı]/g, (c) => TRANSLIT[c] ?? c);
  else out = out.replace(/[ßẞæøœðþłđı]/g, (c) => TRANSLIT[c] ?? c);
  return out.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** a token's plural/possessive "s" dropped (smiths, smith's → smith); "ss", "us", "is" endings are kept */
const STEMS = new Map<string, string>();
export function stem(t: string): string {
  return t.length >= 4 && t.endsWith('s') && !/(?:ss|us|is)$/.test(t) && !/\d/.test(t) ? t.slice(0, -1) : t;
}

/** words as they are written (case, accents, punctuation folded), before any meaning-level change */
export function surfaceTokens(raw: string, mode: 'translit' | 'strip' = 'translit'): string[] {
  const s = foldCharacters(raw ?? '', mode).replace(/['’‘ʼ′`´]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return s ? s.split(' ') : [];
}

const ASCII = /^[\x20-\x7e]*$/;

export function normalizeName(raw: string, mode: 'translit' | 'strip' = 'translit'): NormalizedName {
  const marks = new Set<Mark>();
  const src = raw ?? '';
  if (!ASCII.test(src)) {
    if (/[\u00a0\u2000-\u200b\u202f\u2010-\u2015\u2018-\u201f\u2032]/.test(src)) marks.add('typography');
    if (/[\u0080-\uffff]/.test(src.replace(/[\u00a0\u2000-\u206f]/g, ''))) marks.add('accents');
  }
  let s = foldCharacters(src, mode);
  const trimmed = src.trim();
  // a short reference: one "word" with - _ . between its parts (acme-dental, ACME_DENTAL, acme.dental)
  if (trimmed && !/\s/.test(trimmed) && /[-_.]\p{L}/u.test(trimmed)) marks.add('ref');
  const quote = /['’‘ʼ′`´]/.test(s);
  if (/[&+]/.test(s) || (quote && /\bn['’]|['’]n['’]?\s/.test(s))) {
    marks.add('and');
    s = s.replace(/[&+]/g, ' and ').replace(/(^|\s)['’]?n['’](?=\s|$)/g, '$1 and ');
  }
  const hasDot = s.includes('.');
  // dotted initials: "a.b.c." / "a.b.c" → "abc" (single letters joined by dots)
  if (hasDot) s = s.replace(/(^|[^\p{L}\p{N}])(\p{L}(?:\.\p{L})+)\.?(?=$|[^\p{L}\p{N}])/gu, (_m, pre: string, init: string) => {
    if (init.length > 3 && !LEGAL_ONE.has(init.replace(/\./g, ''))) marks.add('initials');
    return `${pre}${init.replace(/\./g, '')}`;
  });
  const dotted = !hasDot ? [] : [...s.matchAll(/(\p{L}{2,})\.(?=\s|$|,)/gu)].map((m) => m[1]);
  if (quote) {
    if (/\p{L}['’‘ʼ]s\b|\p{L}s['’‘ʼ](?=\s|$)/u.test(s)) marks.add('possessive');
    // possessives: "Thomas's" → "thomas", "Smiths'" → "smiths" (then read like "Thomas", "Smiths")
    s = s.replace(/(\p{L})['’‘ʼ]s\b/gu, '$1').replace(/(\p{L}s)['’‘ʼ](?=\s|$)/gu, '$1');
    s = s.replace(/['’‘ʼ′`´]/g, '');
  }
  s = (ASCII.test(s) ? s.replace(/[^a-z0-9]+/g, ' ') : s.replace(/[^\p{L}\p{N}]+/gu, ' ')).trim();
  let tokens = s ? s.split(' ') : [];
  const surface = tokens;
  // own keys only: a name may well contain "constructor" or "__proto__"
  let special = false;
  for (const t of tokens) if (t.length === 1 || Object.hasOwn(ABBREVIATIONS, t) || NUMBER_WORDS.has(t) || CONNECTORS.has(t)) special = true;
  if (special) {
    tokens = tokens.map((t) => {
      if (!Object.hasOwn(ABBREVIATIONS, t)) return t;
      const to = ABBREVIATIONS[t];
      marks.add(SHORT_FORMS.has(to) ? 'saint' : 'abbrev');
      return to;
    });
    tokens = numbers(tokens, marks);
    // "n" between two words is "and" ("Rock n Roll"); other connectors always
    const isN = (t: string, i: number) => t === 'n' && i > 0 && i < tokens.length - 1 && tokens[i - 1].length > 1 && tokens[i + 1].length > 1;
    if (tokens.some(isN)) marks.add('and');
    tokens = tokens.filter((t, i) => !CONNECTORS.has(t) && !isN(t, i));
  }
  if (tokens[0] === 'the' && tokens.length > 1) {
    tokens = tokens.slice(1);
    marks.add('the');
  }
  if (special) tokens = initials(tokens, marks);
  const legal: string[] = [];
  // strip legal forms at the end, repeatedly ("GmbH & Co. KG", "Co., Ltd."), never to nothing
  for (let changed = true; changed && tokens.length > 1; ) {
    changed = false;
    for (const form of LEGAL_BY_LAST.get(tokens[tokens.length - 1]) ?? []) {
      if (form.length < tokens.length && form.every((t, i) => tokens[tokens.length - form.length + i] === t)) {
        legal.unshift(form.join(''));
        tokens = tokens.slice(0, tokens.length - form.length);
        changed = true;
        break;
      }
    }
  }
  if (legal.length) marks.add('legal');
  let plural = false;
  const stemmed = tokens.map((t) => {
    let st = STEMS.get(t);
    if (st === undefined) {
      if (STEMS.size > 100_000) STEMS.clear();
      STEMS.set(t, (st = stem(t)));
    }
    if (st !== t) plural = true;
    return st;
  });
  if (plural) marks.add('plural');
  tokens = stemmed;
  const key = tokens.join(' ');
  return { raw, tokens, key, compact: tokens.join(''), legal, marks: [...marks], dotted, surface };
}

/** number words as digits: "three" → 3, "twenty one" → 21, "first" → 1st; "1st" stays */
function numbers(tokens: string[], marks: Set<Mark>): string[] {
  if (!tokens.some((t) => NUMBER_WORDS.has(t))) return tokens;
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
function initials(tokens: string[], marks: Set<Mark>): string[] {
  if (tokens.length < 2) return tokens;
  const out: string[] = [];
  let run = '';
  for (const t of tokens) {
    if (t.length === 1 && /\p{L}/u.test(t)) {
      run += t;
      continue;
    }
    if (run) out.push(run);
    if (run.length > 1) marks.add('initials');
    run = '';
    out.push(t);
  }
  if (run) out.push(run);
  if (run.length > 1) marks.add('initials');
  return out;
}
