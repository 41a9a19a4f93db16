/**
 * Fairness checks of forms set D: after the set is built, an org whose name another account explains as
 * well as its truth (a cut short ref that is the start of two names, a shortening two names allow, a typo
 * one or two letters from another name, a "none" org that shares owner and trade with an account) is
 * written out in full instead, so every truth is one a careful admin would confirm.
 */
import type { NamedRecord } from '@/lib/mapping/match';
import type { FormsSet } from './core';
import { ABBR, foldAccents } from './set-d-words';

const LEGAL_WORDS = new Set(['inc', 'llc', 'ltd', 'limited', 'corp', 'co', 'company', 'gmbh', 'kg', 'pty', 'pc', 'pllc', 'llp', 'plc', 'ek', 'ag', 'the', 'incorporated', 'corporation', 'ug', 'haftungsbeschrankt', 'ohg', 'gbr', 'ltee', 'professional', 'and', 'und']);
/** dotted legal forms and "n'" for "and", taken out before the words are split */
const DOTTED = /\b(l\.l\.c|p\.c|e\.k|e\.v|u\.)(\.|\b)|\bp\/l\b|\s'?n'\s/gi;

/** lower-case words without accents, punctuation, "&"/"and" or legal forms */
export function toks(s: string, german = false): string[] {
  return foldAccents(s, german).toLowerCase().replace(DOTTED, ' ').replace(/['’]/g, '').split(/[^a-z0-9]+/).filter((w) => w && !LEGAL_WORDS.has(w));
}

export interface Info {
  id: string;
  toks: string[];
  joined: string[];
}
export function infoOf(a: NamedRecord): Info {
  const t = toks(a.name);
  return { id: a.id, toks: t, joined: [t.join(''), toks(a.name, true).join('')] };
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
function subseq(o: string, a: string): boolean {
  if (o[0] !== a[0]) return false;
  let i = 0;
  for (const ch of a) if (ch === o[i]) i++;
  return i === o.length;
}
/** a short word that people could have written for a long one */
export function couldShorten(o: string, a: string): boolean {
  if (o === a) return true;
  if (o.length >= 2 && a.startsWith(o)) return true;
  if (o.length >= 3 && subseq(o, a)) return true;
  return (ABBR[a] ?? []).some((x) => norm(x) === o);
}
export function explains(short: string[], full: string[]): boolean {
  return short.length === full.length && short.every((w, i) => couldShorten(w, full[i]));
}
/**
 * another name a shortened one could stand for, even with a word more: it holds every word kept in
 * full and, for each shortened word, a word that could have been shortened so ("Bondi Dist" beside
 * "Bondi Fire District")
 */
export function explainsLoosely(short: string[], kept: ReadonlySet<string>, full: string[]): boolean {
  if (explains(short, full)) return true;
  if (![...kept].every((w) => full.includes(w))) return false;
  const rest = full.filter((w) => !kept.has(w));
  return short.filter((w) => !kept.has(w)).every((w) => rest.some((f) => f !== w && couldShorten(w, f)));
}

export function lev(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length];
}
/** within two typing slips of a name (spaces ignored) */
export function nearTypo(org: string, acc: string): boolean {
  if (Math.abs(org.length - acc.length) > 2) return false;
  if (org.slice(0, 2) !== acc.slice(0, 2) && org.slice(-2) !== acc.slice(-2)) return false;
  return lev(org, acc) <= 2;
}

const GENERIC = new Set(['of', 'the', 'services', 'service', 'group', 'center', 'centre', 'company', 'family', 'care', 'associates', 'st', 'saint', 'mount', 'mt', 'fort', 'ft', 'dr', 'med']);
/** an account a careful admin would take for the business an org with no account names */
export function sameOwnerSameTrade(owner: string[], trade: string[], acc: string[]): boolean {
  if (!owner.every((w) => acc.includes(w))) return false;
  const stems = new Set(acc.filter((w) => !GENERIC.has(w) && !owner.includes(w)).map((w) => w.slice(0, 4)));
  return trade.some((w) => !GENERIC.has(w) && stems.has(w.slice(0, 4)));
}

export interface Check {
  org: string;
  /** the org's truth (never counted against itself) */
  truth: string | null;
  /** true when this other account explains the org as well as its truth */
  rival: (a: Info) => boolean;
  /** the org's name written out in full */
  fallback: string;
  /** the form of the name written out in full, when not the same */
  fallbackForm?: string;
}

/** writes out in full every org whose name a rival account explains as well as its truth; returns how many */
export function applyChecks(d: FormsSet, checks: Check[]): number {
  if (!checks.length) return 0;
  const infos = d.accounts.map(infoOf);
  const byId = new Map(d.orgs.map((o) => [o.id, o]));
  let fixed = 0;
  for (const c of checks) {
    const o = byId.get(c.org);
    if (o && infos.some((a) => a.id !== c.truth && c.rival(a))) {
      o.name = c.fallback;
      if (c.fallbackForm) d.form.set(o.id, c.fallbackForm);
      fixed++;
    }
  }
  return fixed;
}

/** words that name one trade in two spellings or languages */
const SAME: Record<string, string> = { centre: 'center', logistik: 'logistic', electrical: 'electric', steuerberatungsgesellschaft: 'steuerberatung', theatre: 'theater', jewellers: 'jeweler', organisation: 'organization' };
/** a business name as a person compares two: legal form, accents, plural, spelling and word order aside */
export function canon(name: string): string {
  return toks(name).map((w) => (w.length > 3 ? w.replace(/s$/, '') : w)).map((w) => SAME[w] ?? SAME[`${w}s`] ?? w).sort().join(' ');
}
const claimed = new WeakMap<() => number, Set<string>>();
/** true (and taken) when no business of this set's run has a name a person would take for this one */
export function claim(r: () => number, name: string): boolean {
  let s = claimed.get(r);
  if (!s) claimed.set(r, (s = new Set()));
  const c = canon(name);
  if (s.has(c)) return false;
  s.add(c);
  return true;
}
