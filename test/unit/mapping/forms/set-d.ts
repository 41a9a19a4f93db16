/**
 * Forms set D: a fourth forms set, written apart from sets A and B from the ways PSA account names
 * (typed by sales or imported from accounting) and RMM org names (typed by a technician as a short
 * reference, or naming one site) of an MSP's customers really differ, and never tuned on. Each case is
 * one form; decoys carry the accounts an org must never be auto-linked to. Checks in set-d-check.ts write
 * out in full any org whose name another account explains as well as its truth.
 */
import { build, type Biz, type Builder, type FormsSet, type Writer } from './core';
import { applyChecks, claim, explains, explainsLoosely, nearTypo, toks, type Check } from './set-d-check';
import {
  CITIES, FORTS, INITIAL_TRADES, LEGAL, LEGAL_ALT, MOUNTS, N_PHRASES, N_TRADES, NUMBER_PHRASES, NUMBER_WORDS, POSSESSIVE_TRADES, POSSESSORS,
  SAINT_TRADES, SAINTS, SECTORS, STREETS, bizOf, branchWritings, compose, countryOf, foldAccents, makeBiz, ownerOf, shortenWord, typo, type Country,
} from './set-d-words';
import { signalWriters } from './set-d-signals';
import { branchDecoy, none, pair, SIBLINGS, TWO_TRADES } from './set-d-decoys';

const PUBLIC = /\b(City|Town|Village|County|Township|Council|District|Department|Library|Gemeinde|Stadtwerke|Grundschule|School|Society|Church|Club|Food Bank|Foundation|Association|Trust|Academy|Center for)\b/;

const PROF_FORM = /^(PLLC|P\.C\.|PC|LLP|Professional Corporation)$/;
const PROFESSION = /Dent|Ortho|Medic|Pediatric|Therap|Chiro|Eye|Dermat|Veterin|Animal|Law|Legal|Attorney|Solicitor|Barrister|CPA|Account|Bookkeep|Wealth|Financ|Architect|Engineer|DDS|Hearing|Urgent|Clinic|Associates/;
const NONPROFIT = /\b(Society|Club|Foundation|Association|Food Bank|Church|Academy|Services|Center)\b/;
/** names an English speaker puts "The" before */
const THE = /\b(Group|Company|Foundation|Society|Center|Centre|Clinic|Academy|Church|Club|Hospital|Practice|Surgery|Trust|Association|Agency)$/;

export interface Kit {
  b: Builder;
  checks: Check[];
  legalName(z: Biz, name?: string): string;
  variant(name: string): string;
  shortRef(name: string, cut: boolean): { ref: string; full: string; cutAt?: string };
  holding(z: Biz): string;
  /** an AccountCode / OrgRef, and a domain, no other business has */
  code(z: Biz): string;
  domain(z: Biz, extra?: string): string;
}

const ALL_LEGAL = [...new Set(Object.values(LEGAL).flat())].sort((x, y) => y.length - x.length);
const TLD: Record<Country, string> = { us: 'com', uk: 'co.uk', de: 'de', ca: 'ca', au: 'com.au' };

function kit(b: Builder, checks: Check[]): Kit {
  const { r, pick } = b;
  const legalName = (z: Biz, name = z.name) => {
    const c = countryOf(z);
    if (PUBLIC.test(name)) return c === 'us' && NONPROFIT.test(name) && r() < 0.3 ? `${name}, Inc.` : name;
    if (/Company$/.test(name)) return name;
    let legal = pick(LEGAL[c]);
    // professional forms only for professions
    if (PROF_FORM.test(legal) && !PROFESSION.test(name)) legal = c === 'us' ? pick(['Inc.', 'LLC', 'Inc']) : LEGAL[c][0];
    return r() < 0.6 ? `${name}${r() < 0.3 && c === 'us' ? ',' : ''} ${legal}` : name;
  };
  /** the same name as a technician may type it: case, spacing, legal form dropped or written otherwise */
  const variant = (name: string) => {
    const legal = ALL_LEGAL.find((l) => name.endsWith(` ${l}`));
    const x = r();
    const bare = legal ? name.slice(0, name.length - legal.length).replace(/[,\s]+$/, '') : name;
    if (legal && x < 0.45) return bare;
    if (legal && LEGAL_ALT[legal] && x < 0.6) return `${bare} ${pick(LEGAL_ALT[legal])}`;
    const y = r();
    if (y < 0.25) return name.toUpperCase();
    if (y < 0.35) return name.toLowerCase();
    if (y < 0.45) return name.replace(' ', '  ');
    if (y < 0.55 && !name.startsWith('The ') && THE.test(bare)) return `The ${name}`;
    return name;
  };
  const shortRef = (name: string, cut: boolean) => {
    const words = foldAccents(name, r() < 0.7).replace(/['’]/g, '').split(/[^A-Za-z0-9]+/).filter((w) => w && !/^(and|und|n)$/i.test(w));
    const cas = r();
    const kase = (w: string) => (cas < 0.35 ? w.toLowerCase() : cas < 0.7 ? w.toUpperCase() : w);
    const sep = pick(['', '', '', '-', '_', '.']);
    const full = words.map(kase).join(sep);
    if (!cut) return { ref: full, full };
    const limit = pick([8, 10, 12, 15, 16, 20]);
    if (full.length <= limit || limit < words[0].length + 3) return { ref: full, full };
    const ref = full.slice(0, limit).replace(/[-_.]+$/, '');
    return { ref, full, cutAt: ref.toLowerCase().replace(/[^a-z0-9]/g, '') };
  };
  const codes = new Set<string>();
  const unique = (s0: string) => {
    let s1 = s0;
    for (let i = 2; codes.has(s1); i++) s1 = `${s0}${i}`;
    codes.add(s1);
    return s1;
  };
  const code = (z: Biz) => {
    const w = foldAccents(z.name, true).toUpperCase().replace(/['’]/g, '').split(/[^A-Z0-9]+/).filter(Boolean);
    const n = String(1 + Math.floor(r() * 999)).padStart(3, '0');
    const x = r();
    if (x < 0.3) return unique(w.join('').slice(0, 8) + n.slice(1));
    if (x < 0.55) return unique(`C${10000 + Math.floor(r() * 89999)}`);
    if (x < 0.8) return unique(w.map((q) => q[0]).join('') + n);
    return unique(`${w[0].slice(0, 8)}-${w.slice(1).map((q) => q[0]).join('')}`);
  };
  const domain = (z: Biz, extra = '') => {
    const w = foldAccents(z.name, true).toLowerCase().replace(/['’&]/g, '').split(/[^a-z0-9]+/).filter((q) => q && q !== 'and');
    const stem = r() < 0.6 ? w.join('') : r() < 0.5 ? `${w[0]}${w.slice(1).map((q) => q[0]).join('')}` : w.join('-');
    return unique(`${stem}${extra && stem.includes('-') ? '-' : ''}${extra}.${TLD[countryOf(z)]}`);
  };
  return { b, checks, legalName, variant, shortRef, holding: (z) => holdingName(b, z), code, domain };
}

const plain = (k: Kit): Writer => (b) => {
  const z = b.biz();
  if (b.r() < 0.2) {
    // the org carries the full legal name, the account was entered without it
    const a = b.account(z.name);
    b.org(k.legalName(z), a, 'plain');
    return;
  }
  const name = k.legalName(z);
  b.org(k.variant(name), b.account(name), 'plain');
};

const shortref = (k: Kit): Writer => (b) => {
  const z = b.biz();
  const name = k.legalName(z);
  const a = b.account(name);
  const s = k.shortRef(z.name, b.r() < 0.3);
  const o = b.org(s.ref, a, 'shortref');
  if (s.cutAt) {
    const p = s.cutAt;
    // another name that starts with the cut ref, or that the cut ref starts with, makes it a guess
    // a ref cut between separators is read word by word, like a shortened name
    const st = /[-_.]/.test(s.ref) ? toks(s.ref.replace(/[-_.]/g, ' ')) : [];
    const kept = new Set(st.slice(0, -1));
    k.checks.push({
      org: o, truth: a, fallback: s.full,
      rival: (x) => x.joined.some((j) => j.startsWith(p) || (j.length >= 6 && p.startsWith(j))) || (st.length > 1 && explainsLoosely(st, kept, x.toks)),
    });
  }
};

const sitePlace = (b: Builder, c: Country) => {
  const x = b.r();
  if (x < 0.65) return b.pick(CITIES[c]);
  if (x < 0.85) return b.pick(STREETS);
  return c === 'de' ? b.pick(['Hauptsitz', 'Zentrale', 'Werk 2', 'Lager']) : b.pick(['Head Office', 'HQ', 'Main Office', 'Warehouse', 'Clinic 2', 'North Campus']);
};

const branch = (k: Kit): Writer => (b) => {
  const z = b.biz();
  const c = countryOf(z);
  const place = sitePlace(b, c);
  if (z.name.includes(place)) return;
  if (c === 'de' && b.r() < 0.3 && !/^Haupt|^Zentrale/.test(place)) {
    const a = b.account(k.legalName(z));
    b.org(`${z.name} ${b.pick(['Filiale', 'Niederlassung', 'Standort'])} ${place}`, a, 'branch');
    return;
  }
  const written = b.pick(branchWritings(z.name, place));
  if (b.r() < 0.6) {
    // the org names a site; the PSA holds the business once
    const a = b.account(k.legalName(z));
    b.org(b.r() < 0.1 ? k.shortRef(written, false).ref : written, a, 'branch');
  } else {
    // the PSA account carries the site (the business's only one there); the org the bare name
    const a = b.account(written);
    b.org(k.variant(z.name), a, 'branch');
  }
};

const holdingName = (b: Builder, z: Biz): string => {
  const c = countryOf(z);
  for (let i = 0; i < 20; i++) {
    const s = ownerOf(b.r, c, 'S');
    const ini = () => String.fromCharCode(65 + Math.floor(b.r() * 26));
    const h = b.pick([`${s} Holdings`, `${s} Enterprises`, `${s} Ventures`, `${s} Family Partners`, `${ini()}${ini()}${ini()} Enterprises`, `${s} Group`, `${ownerOf(b.r, c, 'P')} Capital`, `${s} Investments`]);
    if (!z.name.includes(h.split(" ")[0]) && claim(b.r, h) && b.fresh(h)) return h;
  }
  return `${z.owner} Holdings`;
};

const dba = (k: Kit): Writer => (b) => {
  const z = b.biz();
  // councils, schools and clubs trade under their own name
  if (PUBLIC.test(z.name)) return;
  const c = countryOf(z);
  const h = holdingName(b, z);
  const leg = b.pick(LEGAL[c]);
  const x = b.r();
  let trading = z.name;
  const slip = b.r() < 0.1 ? typo(b.r, trading) : null;
  if (slip) trading = slip.name;
  if (x < 0.1 && (c === 'uk' || c === 'au')) {
    const a = b.account(c === 'uk' ? `${h} ${leg} t/a ${z.name}` : `${h} ${leg} ATF ${z.owner.split(' ')[0]} Family Trust T/A ${z.name}`);
    b.org(trading, a, 'dba');
  } else if (x < 0.15 && c === 'de') {
    const a = b.account(`${z.name}, Inh. ${ownerOf(b.r, c, 'F')} e.K.`);
    b.org(trading, a, 'dba');
  } else if (x < 0.5) {
    const a = b.account(`${h} ${leg} ${b.pick(['dba', 'DBA', 'd/b/a', 'D/B/A', 'd.b.a.'])} ${z.name}`);
    b.org(k.variant(trading), a, 'dba');
  } else if (x < 0.7) {
    const a = b.account(k.legalName(z));
    b.org(`${h} ${b.pick(['dba', 'DBA', 'd/b/a'])} ${trading}`, a, 'dba');
  } else if (x < 0.85) {
    const a = b.account(`${z.name} (${h} ${leg})`);
    b.org(trading, a, 'dba');
  } else {
    const a = b.account(`${h} ${b.pick(['-', '–', ':', '/'])} ${z.name}`);
    b.org(trading, a, 'dba');
  }
};

/** a business trade (never one written before the owner) for names built around a number or a saint */
const tradeOf = (b: Builder, c: Country) => {
  for (;;) {
    const [, t, pre] = b.pick(SECTORS[c === 'de' ? 'us' : c]);
    if (!pre) return t;
  }
};
const numbers = (k: Kit): Writer => (b) => {
  const c0 = countryOf(makeBiz(b.r));
  const c = c0 === 'de' ? 'us' : c0;
  const x = b.r();
  let one: string;
  let two: string;
  if (x < 0.35) {
    const [word, digit] = b.pick(NUMBER_WORDS);
    const rest = `${b.pick(NUMBER_PHRASES[word])} ${tradeOf(b, c)}`;
    [one, two] = [`${word} ${rest}`, `${digit} ${rest}`];
  } else if (x < 0.55) {
    const s = b.pick(SAINTS);
    const rest = `${s} ${b.pick(SAINT_TRADES)}`;
    const plainS = s.replace("'s", b.r() < 0.5 ? 's' : "'s");
    [one, two] = [`Saint ${rest}`, `${b.pick(['St.', 'St'])} ${rest.replace(s, plainS)}`];
  } else if (x < 0.7) {
    const [full, abbr, list] = b.r() < 0.5 ? ['Mount', 'Mt.', MOUNTS] : ['Fort', 'Ft.', FORTS];
    const rest = `${b.pick(list)} ${tradeOf(b, c)}`;
    [one, two] = [`${full} ${rest}`, `${b.r() < 0.7 ? abbr : abbr.replace('.', '')} ${rest}`];
  } else {
    const who = b.r() < 0.6 ? b.pick(POSSESSORS) : ownerOf(b.r, c, 'S').replace(/'/g, '');
    const rest = b.pick(POSSESSIVE_TRADES);
    [one, two] = [`${who}'s ${rest}`, `${who}${b.pick(['s', 's', '’s', 'S'])} ${rest}`];
    if (b.r() < 0.3) [one, two] = [two, one];
  }
  if (!(claim(b.r, two) && b.fresh(two))) return;
  const z = bizOf(c, one, '');
  const flip = b.r() < 0.5;
  const a = b.account(k.legalName(z, flip ? two : one));
  b.org(flip ? one : two, a, 'numbers');
};

const initials = (_k: Kit): Writer => (b) => {
  const x = b.r();
  let ways: string[];
  let key: string;
  if (x < 0.5) {
    const n = b.r() < 0.5 ? 2 : 3;
    const L = Array.from({ length: n }, () => String.fromCharCode(65 + Math.floor(b.r() * 26)));
    const trade = b.pick(INITIAL_TRADES);
    key = `${L.join('')} ${trade}`;
    ways = [L.join(''), L.join('.') + '.', L.join(' '), L.join('. ') + '.'];
    if (n === 2) ways.push(`${L[0]}&${L[1]}`, `${L[0]} & ${L[1]}`, `${L[0]} and ${L[1]}`, `${L[0]}+${L[1]}`, `${L[0]} + ${L[1]}`, `${L[0]} n' ${L[1]}`);
    ways = ways.map((w) => `${w} ${trade}`);
  } else if (x < 0.75) {
    const ph = b.pick(N_PHRASES);
    const [p, q] = ph.split(' n ');
    const trade = b.r() < 0.5 ? '' : ` ${b.pick(N_TRADES)}`;
    key = `${p} ${q}${trade}`;
    ways = [`${p} n' ${q}`, `${p} 'n' ${q}`, `${p} N ${q}`, `${p} and ${q}`, `${p} & ${q}`, `${p}-n-${q}`, `${p} + ${q}`].map((w) => w + trade);
  } else {
    const z = b.biz();
    const c = countryOf(z);
    const s1 = ownerOf(b.r, c, 'S');
    let s2 = ownerOf(b.r, c, 'S');
    if (s2 === s1) s2 = ownerOf(b.r, c, 'S');
    const trade = b.pick(['Law Group', 'CPAs', 'Construction', 'Insurance', 'Architects', 'Engineering', 'Dental', 'Realty', 'Accounting', 'Landscaping']);
    key = `${s1} ${s2} ${trade}`;
    ways = [`${s1} & ${s2} ${trade}`, `${s1} and ${s2} ${trade}`, `${s1} + ${s2} ${trade}`, `${s1}&${s2} ${trade}`];
  }
  if (!(claim(b.r, key) && b.fresh(key))) return;
  const i = Math.floor(b.r() * ways.length);
  let j = Math.floor(b.r() * (ways.length - 1));
  if (j >= i) j++;
  const a = b.account(b.r() < 0.5 ? `${ways[i]} ${b.pick(LEGAL.us)}` : ways[i]);
  b.org(ways[j], a, 'initials');
};

const shortened = (k: Kit): Writer => (b) => {
  const z = b.biz();
  const words = z.trade.split(' ');
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-zäöüÄÖÜß]{5,}$/.test(w));
  if (!long.length) return;
  const out = [...words];
  for (const [w, i] of long) if (b.r() < 0.6) out[i] = shortenWord(b.r, w);
  if (out.every((w, i) => w === words[i])) out[long[0][1]] = shortenWord(b.r, long[0][0]);
  if (out.every((w, i) => w === words[i])) return;
  const pre = z.name.startsWith(z.trade);
  const short = compose(z.owner, out.join(' '), pre);
  if (b.r() < 0.7) {
    const a = b.account(k.legalName(z));
    const o = b.org(b.r() < 0.2 ? short.toUpperCase() : short, a, 'shortened');
    const st = toks(short);
    const kept = new Set(toks(z.name).filter((w) => st.includes(w)));
    k.checks.push({ org: o, truth: a, fallback: z.name, fallbackForm: 'plain', rival: (x) => explainsLoosely(st, kept, x.toks) });
  } else {
    const a = b.account(k.legalName(z, short));
    const o = b.org(k.variant(z.name), a, 'shortened');
    const ft = toks(z.name);
    k.checks.push({ org: o, truth: a, fallback: short, fallbackForm: 'plain', rival: (x) => explains(x.toks, ft) });
  }
};

const typoW = (k: Kit): Writer => (b) => {
  const z = b.biz();
  const slip = typo(b.r, z.name);
  if (!slip) return;
  const onOrg = b.r() < 0.7;
  const a = b.account(onOrg ? k.legalName(z) : k.legalName(z, slip.name));
  const o = b.org(onOrg ? slip.name : k.variant(z.name), a, 'typo');
  const j = toks(slip.name).join('');
  k.checks.push({ org: o, truth: a, fallback: z.name, fallbackForm: 'plain', rival: (x) => nearTypo(j, x.joined[0]) });
};

const APOS = ["O'Brien", "O'Connor", "O'Neill", "D'Angelo", "O'Reilly", "O'Hara", "D'Souza", "McKenna's", "Murphy's", "Women's", "Children's"];
const ACCENTED = ['Müller', 'Schröder', 'Köhler', 'Jäger', 'Weiß', 'Groß', 'Krüger', 'Fröhlich', 'Dörfler', 'Côté', 'Lévesque', 'Bélanger', 'Gagné', 'Núñez', 'Peña', 'Ibáñez', 'Dvořák', 'Søndergaard', 'François', 'Brûlé'];
const typography = (k: Kit): Writer => (b) => {
  const z0 = b.biz();
  const c = countryOf(z0);
  const kind = b.r();
  let z = z0;
  let other: string;
  if (kind < 0.3) {
    const who = b.pick(APOS);
    z = bizOf(c, who, z0.trade);
    if (z0.name.startsWith(z0.trade) || !(claim(b.r, z.name) && b.fresh(z.name))) return;
    other = z.name.replace(/'/g, '’');
  } else if (kind < 0.5) {
    const [s1, s2] = [ownerOf(b.r, c, 'S').replace(/'/g, ''), ownerOf(b.r, c, 'S').replace(/'/g, '')];
    if (s1 === s2 || z0.name.startsWith(z0.trade)) return;
    z = bizOf(c, `${s1}-${s2}`, z0.trade);
    if (!(claim(b.r, z.name) && b.fresh(z.name))) return;
    other = z.name.replace('-', b.pick(['–', '—', ' – ', ' — ', '‐']));
  } else if (kind < 0.7) {
    other = z.name.replace(/ /g, () => (b.r() < 0.7 ? '\u00a0' : ' '));
    if (!other.includes('\u00a0')) other = z.name.replace(' ', '\u00a0');
  } else {
    if (!/[\u0080-\uffff]/.test(z.name)) {
      const who = b.pick(ACCENTED);
      z = bizOf(c, who, z0.trade, z0.name.startsWith(z0.trade));
      if (!(claim(b.r, z.name) && b.fresh(z.name))) return;
    }
    other = foldAccents(z.name, /[äöüÄÖÜß]/.test(z.name) && b.r() < 0.6);
  }
  const flip = b.r() < 0.4;
  const a = b.account(k.legalName(z, flip ? other : z.name));
  b.org(flip ? z.name : other, a, 'typography');
};

export function setD(orgCount: number, seed = 404, accountCount?: number): FormsSet {
  const checks: Check[] = [];
  let k: Kit | undefined;
  const lazy = (f: (k: Kit) => Writer): Writer => (b) => f((k ??= kit(b, checks)))(b);
  const writers: [Writer, number][] = [
    [lazy(plain), 15], [lazy(shortref), 7], [lazy(branch), 7], [lazy(dba), 6], [lazy(numbers), 6], [lazy(initials), 6], [lazy(shortened), 7],
    [lazy(typoW), 7], [lazy(typography), 6], ...signalWriters(lazy, 6, 3),
    [lazy(none), 8], [lazy(branchDecoy), 4], [lazy((kk) => pair(kk, 'sibling', SIBLINGS)), 4], [lazy((kk) => pair(kk, 'two-trades', TWO_TRADES)), 4],
  ];
  // distinct businesses get names a person would not take for one another (Centre/Center, Logistik/Logistics)
  const uniqueBiz = (r: () => number) => {
    for (let i = 0; ; i++) {
      const z = makeBiz(r);
      if (claim(r, z.name) || i > 50) return z;
    }
  };
  const d = build(seed, orgCount, writers, uniqueBiz, Math.round(orgCount * 0.35), accountCount);
  applyChecks(d, checks);
  return d;
}
