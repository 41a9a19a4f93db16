/**
 * Name normalization for matching VSA org names to BMS account names: Unicode NFKC, case,
 * German/Nordic transliteration and diacritics, punctuation, "&"/"and"/"+", a leading "The",
 * legal-form suffixes of many countries (with and without dots), and common business abbreviations.
 * Pure: no I/O, no browser APIs.
 */

const TRANSLIT: Record<string, string> = {
  ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss', æ: 'ae', ø: 'o', å: 'aa', œ: 'oe', ð: 'd', þ: 'th', ł: 'l', đ: 'd', ı: 'i',
};

/** legal forms as token sequences (after punctuation is removed), longest first */
const LEGAL_FORMS: string[][] = [
  'gmbh and co kg', 'gmbh co kg', 'sp z o o', 'sp z oo', 'pty ltd', 'pty limited', 'pvt ltd', 'private limited', 'co ltd', 'co inc', 'l l c', 'l l p',
  'p l l c', 's a r l', 's a', 's l', 'b v', 'n v', 'p c', 'p a', 'l p', 's r l', 's p a', 'a s', 'a b', 'k k', 'o y',
  'incorporated', 'inc', 'llc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'llp', 'pllc', 'pc', 'pa', 'lp', 'plc',
  'gmbh', 'ag', 'kg', 'ug', 'ohg', 'ev', 'sa', 'sas', 'sarl', 'sl', 'slu', 'bv', 'nv', 'pty', 'oy', 'oyj', 'ab', 'as', 'asa', 'aps',
  'srl', 'spa', 'sro', 'kft', 'se', 'kk', 'bhd', 'sdn bhd', 'ltda', 'cv', 'sc',
].map((f) => f.split(' ')).sort((a, b) => b.length - a.length);

const ABBREVIATIONS: Record<string, string> = {
  intl: 'international', int: 'international', svcs: 'services', svc: 'services', srvcs: 'services', mfg: 'manufacturing', mfrs: 'manufacturers',
  assoc: 'associates', assocs: 'associates', assn: 'association', grp: 'group', mgmt: 'management', mgt: 'management', dept: 'department',
  bros: 'brothers', ctr: 'center', centre: 'center', tech: 'technology', techs: 'technologies', natl: 'national', med: 'medical',
  mtn: 'mountain', univ: 'university', inst: 'institute', hosp: 'hospital', dist: 'district', sys: 'systems', sol: 'solutions',
  eng: 'engineering', engg: 'engineering', dev: 'development', fin: 'financial', ins: 'insurance', prop: 'properties', props: 'properties',
  '1st': 'first', '2nd': 'second', '3rd': 'third',
};

/** connectors that say nothing about which business it is */
const CONNECTORS = new Set(['and', 'und', 'et', 'y', 'og', 'och', 'en']);

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
}

/**
 * Folds case and accents. 'translit' writes German/Nordic letters the way they are typed without
 * them (ü→ue, ß→ss, ø→o, å→aa); 'strip' drops the accent (ü→u, å→a), as a careless export does.
 * Names are compared in both forms, so "Müller", "Mueller" and "Muller" are one name.
 */
export function foldCharacters(s: string, mode: 'translit' | 'strip' = 'translit'): string {
  let out = s.normalize('NFKC').toLowerCase();
  if (mode === 'translit') out = out.replace(/[äöüßẞæøåœðþłđı]/g, (c) => TRANSLIT[c] ?? c);
  else out = out.replace(/[ßẞæøœðþłđı]/g, (c) => TRANSLIT[c] ?? c);
  return out.normalize('NFD').replace(/\p{M}+/gu, '');
}

export function normalizeName(raw: string, mode: 'translit' | 'strip' = 'translit'): NormalizedName {
  let s = foldCharacters(raw ?? '', mode);
  s = s.replace(/[&+]/g, ' and ');
  // dotted abbreviations: "l.l.c." → "llc", "s.a." → "sa" (single letters joined by dots)
  s = s.replace(/\b((?:\p{L}\.){2,})/gu, (m) => m.replace(/\./g, ''));
  s = s.replace(/['’`´]/g, '');
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  let tokens = s ? s.split(' ') : [];
  // own keys only: a name may well contain "constructor" or "__proto__"
  tokens = tokens.map((t) => (Object.hasOwn(ABBREVIATIONS, t) ? ABBREVIATIONS[t] : t)).filter((t) => !CONNECTORS.has(t));
  if (tokens[0] === 'the' && tokens.length > 1) tokens = tokens.slice(1);
  const legal: string[] = [];
  // strip legal forms at the end, repeatedly ("GmbH & Co. KG", "Co., Ltd."), never to nothing
  for (let changed = true; changed && tokens.length > 1; ) {
    changed = false;
    for (const form of LEGAL_FORMS) {
      if (form.length < tokens.length && form.every((t, i) => tokens[tokens.length - form.length + i] === t)) {
        legal.unshift(form.join(''));
        tokens = tokens.slice(0, tokens.length - form.length);
        changed = true;
        break;
      }
    }
  }
  const key = tokens.join(' ');
  return { raw, tokens, key, compact: tokens.join(''), legal };
}
