/**
 * The other names one name stands for: a trading name after "dba" (or a holding company's name
 * before it), and the business without the branch, site or city that one side adds after a
 * separator ("X – Denver", "X (Denver)", "X / Denver", "X, Denver"). Pure.
 */
import { LEGAL_TOKENS, LEGAL_WORDS, normalizeName, surfaceTokens } from './normalize';

export type PartKind = 'site' | 'dba';

export interface NamePart {
  kind: PartKind;
  /** the name this part stands for */
  text: string;
  /** what was set aside (the site, or the other name), as written */
  dropped: string;
}

const DBA = /\s+(?:d\s*\/\s*b\s*\/\s*a|d\.\s?b\.\s?a\.?|dba|t\s*\/\s*as?|trading as|doing business as|a\s*\/\s*k\s*\/\s*a|aka)[.:]?\s+/i;
/** separators that set a qualifier apart: dashes with spaces, slash, bar, colon, "@", a final parenthesis, a comma */
const SEPARATOR = /\s+[-–—|/@]\s+|\s*:\s+/;

/**
 * words that name a holding or the company that owns a business ("Smith Ventures", "Keller
 * Beteiligungs", "Gestion Morin"), as written once case and accents are folded
 */
const HOLDING_WORDS: ReadonlySet<string> = new Set([
  'holding', 'holdings', 'ventures', 'enterprises', 'capital', 'investments', 'trust', 'verwaltungs', 'verwaltung', 'beteiligungs',
  'beteiligungen', 'vermoegensverwaltung', 'unternehmensgruppe', 'gestion', 'placements',
]);

/** a legal-form or holding word followed by more words (a cheap first test) */
const MID_LEGAL = new RegExp(`\\b(?:${[...LEGAL_WORDS, ...HOLDING_WORDS, 'vermögensverwaltung'].join('|')})\\b\\.?,?\\s+\\S`, 'i');
/** a word as written, with where it stands */
const WORD_G = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** a qualifier in brackets after a legal form ("UG (haftungsbeschränkt)"), or its end when its words were read as legal forms */
const QUALIFIER = /^\s*(?:\([^()]*\)|\))/;

/** a character a separator needs (a cheap first test) */
const SEPARATOR_CHAR = /[-–—|/:@]/;
const NO_SPLIT: readonly string[] = [];

const EDGES = /^[\s,;:–—-]+|[\s,;:–—-]+$/g;
const NBSP_G = /\u00a0/g;
/** a separator, a dba word or three words: the first test of whether a name has parts at all */
const MAY_SPLIT = /[-–—|/:@(,]|\b(?:dba|d\.b\.a|t\/a|trading|doing|aka)\b/i;
const THREE_WORDS = /\S\s+\S+\s+\S/;
const FINAL_PAREN = /^(.*\S)\s*\(([^()]+)\)\s*$/;
const clean = (s: string) => s.replace(EDGES, '');
/** words that join the names of partners ("Smith, Jones and Brown", "Müller, Schmidt und Partner") */
const PARTNERS: ReadonlySet<string> = new Set(['and', 'und', 'et', 'y', 'en', 'og', 'och']);
const AND_SIGN = /[&+]/;
/** true when `s` holds more than legal forms and connectors */
const hasWords = (s: string) => surfaceTokens(s).some((t) => !LEGAL_TOKENS.has(t) && t !== 'and' && t !== 'the');

const NO_PARTS: readonly NamePart[] = Object.freeze([]);

/** a part, once, when both it and what it sets aside hold words */
function addPart(out: NamePart[], kind: PartKind, text: string, dropped: string): void {
  const t = clean(text);
  const d = clean(dropped);
  if (!t || !d || !hasWords(t) || !hasWords(d)) return;
  for (const p of out) if (p.text === t) return;
  out.push({ kind, text: t, dropped: d });
}

export function nameParts(raw: string): readonly NamePart[] {
  const name = (raw ?? '').replace(NBSP_G, ' ').trim();
  // most names have no separator, no dba and no legal form inside: nothing to split
  if (name.length < 3 || !MAY_SPLIT.test(name) && !THREE_WORDS.test(name)) return NO_PARTS;
  const out: NamePart[] = [];
  const dba = name.split(DBA);
  if (dba.length === 2) {
    addPart(out, 'dba', dba[1], dba[0]);
    addPart(out, 'dba', dba[0], dba[1]);
    return out;
  }
  // "X (Denver)": a final parenthesis
  // (the name is trimmed: a final parenthesis is its last character)
  const paren = name.charCodeAt(name.length - 1) === 41 ? FINAL_PAREN.exec(name) : null;
  if (paren) addPart(out, 'site', paren[1], paren[2]);
  const sep = SEPARATOR_CHAR.test(name) ? name.split(SEPARATOR) : NO_SPLIT;
  if (sep.length === 2) {
    addPart(out, 'site', sep[0], sep[1]);
    // a holding company's name before the trading name ("Smith Holdings LLC – Riverside Dental", "Keller Beteiligungs:
    // Dachdeckerei Keller"): a company (a legal form, a holding word) or one that shares the owner's name with it
    if (holdingFirst(sep[0], sep[1])) addPart(out, 'dba', sep[1], sep[0]);
  }
  const comma = name.lastIndexOf(',');
  // "X, Denver" — but not "X, Sp. z o.o." or "X, GmbH & Co. KG": a tail with legal-form words is the legal form;
  // nor "Smith, Jones and Brown": a tail that joins names is the rest of a list of partners
  if (comma > 0 && !paren) {
    const tail = surfaceTokens(name.slice(comma + 1));
    if (!tail.some((t) => LEGAL_TOKENS.has(t) || PARTNERS.has(t)) && !AND_SIGN.test(name.slice(comma + 1))) addPart(out, 'site', name.slice(0, comma), name.slice(comma + 1));
  }
  // a legal form or a holding word in the middle: the holding company's name, then the trading name
  if (!MID_LEGAL.test(name)) return out;
  const split = holdingSplit(name);
  if (split) addPart(out, 'dba', split[1], split[0]);
  return out;
}

/** "A – B" where A reads as the company behind the business B: a legal form or holding word in A, or a name word the two share */
function holdingFirst(a: string, b: string): boolean {
  if (normalizeName(a).legal.length) return true;
  const wa = surfaceTokens(a);
  if (wa.some((w) => HOLDING_WORDS.has(w))) return true;
  const wb = surfaceTokens(b);
  // (a trading name of two words or more: "– Denver" and "– Main Street" are sites, whatever they share)
  return wb.length >= 2 && wa.some((w) => w.length >= 3 && !LEGAL_TOKENS.has(w) && !PARTNERS.has(w) && wb.includes(w));
}

/**
 * A name that runs on after a legal form or a holding word ("Allied Capital Pty Ltd Allied Cabinets",
 * "Krämer Beteiligungs UG (haftungsbeschränkt) Dachdeckerei Krämer"): the holding company's name with
 * its legal forms and qualifier, and the rest; null when there is no such word inside the name.
 */
function holdingSplit(name: string): [string, string] | null {
  const spans = [...name.matchAll(WORD_G)].map((m) => ({ w: surfaceTokens(m[0]).join(''), end: (m.index ?? 0) + m[0].length }));
  const at = spans.findIndex((x, i) => i > 0 && i < spans.length - 1 && (LEGAL_WORDS.has(x.w) || HOLDING_WORDS.has(x.w)));
  if (at < 0) return null;
  // the legal forms that follow ("Pty Ltd", "UG", "GmbH & Co. KG"), and a qualifier in brackets
  let j = at;
  while (j + 1 < spans.length - 1 && LEGAL_TOKENS.has(spans[j + 1].w)) j++;
  let end = spans[j].end;
  const q = QUALIFIER.exec(name.slice(end));
  if (q) end += q[0].length;
  const head = name.slice(0, end);
  const rest = name.slice(end);
  const restWords = surfaceTokens(rest);
  if (!restWords.length) return null;
  // a holding word needs a trading name of its own after it (not "First Capital Bank")
  if (!LEGAL_WORDS.has(spans[at].w) && restWords.length < 2) return null;
  return [head, rest];
}
