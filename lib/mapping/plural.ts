/**
 * A plural on one side only ("Lab" / "Labs": often another business), told from a possessive
 * typed without its apostrophe, a word shortened on purpose and a reference cut at a length limit. Pure.
 */
import type { NormalizedName } from './normalize';

/** a plural on one side only costs enough to keep the pair below auto */
export const PLURAL_PEN = 0.07;

/**
 * How a word's final "s" was written: 0 none, 1 typed without an apostrophe (a plural, or a
 * possessive without its apostrophe), 2 either (a possessive with its apostrophe, an abbreviation).
 */
function sForm(n: NormalizedName, t: string): number {
  return n.sEither.length && n.sEither.includes(t) ? 2 : n.bareS.length && n.bareS.includes(t) ? 1 : 0;
}

/**
 * The name whose word `t` lacks the plural "s" the other name has ("Lab" / "Labs": often another
 * business, so never linked without review), or null. A possessive with its apostrophe on one side
 * ("Joe's" / "Joes", "Joe's" / "Joe") is the same word.
 */
export function withoutS(o: NormalizedName, a: NormalizedName, t: string): NormalizedName | null {
  if (!o.bareS.length && !a.bareS.length) return null;
  const fo = sForm(o, t);
  const fa = sForm(a, t);
  return fo + fa !== 1 ? null : fo === 0 ? o : a;
}

/**
 * A plural on one side only, unless the name without the "s" may have lost it otherwise: a word
 * shortened on purpose ("Kennel."), the last word of a short reference (cut at a length limit), or
 * (`apart`) the "s" typed apart ("Robert sConstruction", "Thoma s& Moore").
 */
export function pluralOnly(o: NormalizedName, a: NormalizedName, t: string, oCut: boolean, aCut: boolean, apart: boolean): boolean {
  const lacking = withoutS(o, a, t);
  if (!lacking) return false;
  if (lacking.dotted.length && lacking.dotted.includes(t)) return false;
  if ((lacking === o ? oCut : aCut) && lacking.tokens[lacking.tokens.length - 1] === t) return false;
  return !(apart && lacking.compact.includes(`${t}s`));
}

/** the word that is a plural in one name only, or null */
export function pluralDiff(o: NormalizedName, a: NormalizedName, oCut: boolean, aCut: boolean): string | null {
  if (!o.bareS.length && !a.bareS.length) return null;
  for (const t of o.tokens) if (pluralOnly(o, a, t, oCut, aCut, false)) return t;
  return null;
}
