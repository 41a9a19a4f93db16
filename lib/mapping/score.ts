/**
 * How alike one org name and one account name are, as a confidence in [0,1] and the one technique
 * that explains it (a reason code with its arguments). A pair starts near certainty and loses a
 * little for each difference that had to be bridged (a typing slip, a shortened word, a site on one
 * side only, …); words that one name has and the other has not cost much more, unless they name a
 * site. Names that share words but differ otherwise get a blend of weighted word overlap and edit
 * similarity, capped below what could link without review. Pure.
 */
import { fastSimilarity } from './distance';
import { LEGAL_WORDS, MARK_BIT, type Mark, type NormalizedName } from './normalize';
import { samePlain } from './plain';
import { PLURAL_PEN, pluralDiff, pluralOnly, withoutS } from './plural';
import { closeWords, isShortening, slip, vowelCount, type Slip } from './tokens';

export type NameReason =
  | 'same-name' | 'case' | 'initials' | 'number' | 'saint' | 'possessive' | 'and' | 'abbrev' | 'legal' | 'the' | 'accents' | 'ref' | 'typography'
  | 'order' | 'joined' | 'site' | 'dba' | 'shortened'
  | 'typo-swap' | 'typo-key' | 'typo-double' | 'typo-drop' | 'typo-space' | 'typo'
  | 'plural' | 'extra-word' | 'similar';

export type VariantKind = 'full' | 'joined' | 'site' | 'dba';

export interface Variant {
  kind: VariantKind;
  n: NormalizedName;
  /** the accent-stripped reading, when it differs */
  alt: NormalizedName | null;
  sorted: string;
  /** the name as written, in lower case with single spaces (`plainOf`: made when first needed) */
  plain: string | null;
  /** what a site or dba variant set aside, as written */
  dropped: string;
  /** where the tokens' weights under `wFor` start in its `pool` (computed once per variant and index), their sum after them; -1 before */
  w: number;
  wFor: ScoreContext | null;
}

export interface Prepared {
  raw: string;
  variants: Variant[];
}

export interface ScoreContext {
  /** IDF weight of a token among the accounts */
  weight(t: string): number;
  /** in how many names (both sides) a token occurs: a slip only explains a word that is rare */
  freq(t: string): number;
  /** how likely `long` is what `short` stands for, among all words it could shorten (0..1) */
  shortening(short: string, long: string): number;
  /** a word that names a branch, site or city */
  siteWord(t: string): boolean;
  /** a word that says "a site of" and names no place ("office", "branch") */
  siteNoun(t: string): boolean;
  /** where the weights of the variants scored under this context are kept */
  readonly pool: WeightPool;
}

/**
 * The token weights of the variants scored under one context, in one growing array of doubles
 * (outside the heap the collector copies): one array per variant would be thousands of objects to keep.
 */
export class WeightPool {
  buf = new Float64Array(4096);
  private n = 0;

  /** room for `k` more weights: where they start */
  take(k: number): number {
    if (this.n + k > this.buf.length) {
      const b = new Float64Array(Math.max(this.buf.length * 2, this.n + k));
      b.set(this.buf.subarray(0, this.n));
      this.buf = b;
    }
    const at = this.n;
    this.n += k;
    return at;
  }
}

export interface PairScore {
  score: number;
  reason: NameReason;
  args: string[];
}

/** a pair's score with the account's index in its AccountIndex */
export interface Scored extends PairScore {
  acc: number;
}

const VARIANT_COST: Record<VariantKind, number> = { full: 0, joined: 0.015, site: 0.035, dba: 0.03 };
/** the marks that explain a same-name pair, most telling first */
const MARK_ORDER: Mark[] = ['ref', 'initials', 'number', 'saint', 'possessive', 'abbrev', 'and', 'typography', 'accents', 'plural', 'the', 'legal'];

const slipReason: Record<Slip, NameReason> = { swap: 'typo-swap', key: 'typo-key', double: 'typo-double', drop: 'typo-drop', other: 'typo' };

/**
 * `floor`: a score the caller no longer needs exactly (cheap estimates below it are fine).
 * `keyHit`: false when the caller knows that no key of one name (as written or accents stripped,
 * its words in order or sorted, or joined) is a key of the other (AccountIndex: the account was not
 * found by key), so those comparisons are skipped; the two accent-stripped readings are still
 * compared, as both may be empty.
 */
export function comparePrepared(o: Prepared, a: Prepared, ctx: ScoreContext, floor = 0, keyHit = true): Scored {
  let bestScore = 0;
  let bestReason: NameReason = 'similar';
  let bestArgs: string[] = NO_ARGS;
  for (let x = 0; x < o.variants.length; x++) {
    const ov = o.variants[x];
    for (let y = 0; y < a.variants.length; y++) {
      const av = a.variants[y];
      const oPart = ov.kind === 'site' || ov.kind === 'dba';
      const aPart = av.kind === 'site' || av.kind === 'dba';
      if (oPart && aPart) continue;
      const cost = VARIANT_COST[ov.kind] + VARIANT_COST[av.kind];
      if (bestScore >= 0.99 - cost) continue;
      const r = compareNames(ov, av, ctx, oPart || aPart, floor, keyHit, bestScore, cost);
      let score = r.score - cost;
      let reason = r.reason;
      let args = r.args;
      if (oPart || aPart) {
        // the rest must be the same business: a set-aside part explains the pair when the rest is near-identical
        const part = oPart ? ov : av;
        if (r.score >= 0.95) {
          reason = part.kind as 'site' | 'dba';
          args = part.kind === 'site' ? [part.dropped] : [part.dropped, oPart ? ov.n.raw : av.n.raw];
        } else score = Math.min(score, 0.9);
      } else if (ov.kind === 'joined' && r.score >= 0.95 && (r.reason === 'same-name' || r.reason === 'case' || r.reason === 'possessive' || MARK_ORDER.includes(r.reason as Mark))) {
        // as many words as before, only split elsewhere: a space moved into a word
        reason = o.variants[0].n.markBits & MARK_BIT.ref ? 'ref' : o.variants[0].n.tokens.length === ov.n.tokens.length ? 'typo-space' : 'joined';
        args = [o.raw];
      }
      if (score > bestScore) {
        bestScore = score;
        bestReason = reason;
        bestArgs = args;
      }
    }
  }
  return { score: Math.max(0, Math.min(0.995, bestScore)), reason: bestReason, args: bestArgs === NO_ARGS ? [] : bestArgs, acc: -1 };
}

const NO_ARGS: string[] = [];

/** the readings (as written, or accents stripped) under which two variants have one key, or null */
function sameKey(x: Variant, y: Variant): [NormalizedName, NormalizedName] | null {
  if (x.n.key === y.n.key) return [x.n, y.n];
  if (x.alt !== null && x.alt.key === y.n.key) return [x.alt, y.n];
  if (y.alt !== null && x.n.key === y.alt.key) return [x.n, y.alt];
  if (x.alt !== null && y.alt !== null && x.alt.key === y.alt.key) return [x.alt, y.alt];
  return null;
}

/** a short reference, or words split out of one: its end may be cut at a length limit */
const mayBeCut = (v: Variant) => v.kind === 'joined' || (v.n.markBits & MARK_BIT.ref) !== 0;


/** `best`, `cost`: a pair whose score less `cost` is not above `best` is not taken, so the words its reason would name are not written out */
function compareNames(ov: Variant, av: Variant, ctx: ScoreContext, strict: boolean, floor: number, keyHit: boolean, best: number, cost: number): PairScore {
  const o = ov.n;
  const a = av.n;
  // (an empty key is a name without words: the word lists are at hand, the keys may not be)
  if (o.tokens.length === 0 || a.tokens.length === 0) return { score: 0, reason: 'similar', args: NO_ARGS };
  const same = keyHit ? sameKey(ov, av) : ov.alt !== null && av.alt !== null && ov.alt.key === av.alt.key ? ([ov.alt, av.alt] as [NormalizedName, NormalizedName]) : null;
  if (same) {
    const sameRaw = samePlain(ov, av);
    const score = sameRaw ? 0.995 : sameList(o.legal, a.legal) ? 0.992 : 0.99;
    if (sameRaw) return { score, reason: 'same-name', args: NO_ARGS };
    const plural = pluralDiff(same[0], same[1], mayBeCut(ov), mayBeCut(av));
    if (plural !== null) return { score: score - PLURAL_PEN, reason: 'plural', args: [`${plural}s`, plural] };
    const mark = explainingMark(o.markBits, a.markBits);
    if (!mark) return { score, reason: 'case', args: NO_ARGS };
    const args = mark === 'legal' ? [[...o.legal, ...a.legal].join(' / ') || '—'] : mark === 'ref' ? [o.markBits & MARK_BIT.ref ? o.raw : a.raw] : [];
    if (mark === 'plural') {
      // "Kennel." / "Kennels": a word shortened on purpose, not a plural
      const cut = same[0].tokens.find((t) => withoutS(same[0], same[1], t)?.dotted.includes(t));
      return cut ? { score, reason: 'shortened', args: [cut, `${cut}s`] } : { score, reason: 'possessive', args };
    }
    return { score, reason: mark, args };
  }
  if (keyHit && ov.sorted === av.sorted) {
    const plural = pluralDiff(o, a, mayBeCut(ov), mayBeCut(av));
    return plural === null ? { score: 0.975, reason: 'order', args: NO_ARGS } : { score: 0.975 - PLURAL_PEN, reason: 'plural', args: [`${plural}s`, plural] };
  }
  if ((keyHit && o.compact === a.compact) || (ov.alt && av.alt && ov.alt.compact === av.alt.compact)) {
    return o.tokens.length === a.tokens.length ? { score: 0.96, reason: 'typo-space', args: [o.raw] } : { score: 0.975, reason: 'joined', args: [o.tokens.length < a.tokens.length ? o.raw : a.raw] };
  }
  // a reference cut at a length limit ("thomasandanderso"): the start of the account's name, long enough to say something
  if (o.compact.length >= 10 && (ov.kind === 'joined' || o.tokens.length === 1) && a.compact.startsWith(o.compact) && cutInsideWord(a.tokens, o.compact.length)) return { score: 0.975, reason: 'ref', args: [o.raw] };
  const aAt = weights(ov, ctx);
  const bAt = weights(av, ctx);
  const W = ctx.pool.buf;
  return align(o, a, mayBeCut(ov), mayBeCut(av), W, aAt, bAt, W[aAt + o.tokens.length], W[bAt + a.tokens.length], o.compact, a.compact, ctx, strict, o.dotted.length || a.dotted.length ? new Set([...o.dotted, ...a.dotted]) : NO_WORDS, floor, best, cost);
}

const MARK_BITS = MARK_ORDER.map((m) => MARK_BIT[m]);
/** the marks that may explain a same-name pair on their own (not legal, the, plural) */
const TELLING = MARK_ORDER.map((m) => m !== 'legal' && m !== 'the' && m !== 'plural');

/** the mark one name has and the other has not (most telling first), else the most telling mark of the org's name */
function explainingMark(o: number, a: number): Mark | undefined {
  const diff = o ^ a;
  for (let i = 0; i < MARK_BITS.length; i++) if (diff & MARK_BITS[i]) return MARK_ORDER[i];
  for (let i = 0; i < MARK_BITS.length; i++) if (o & MARK_BITS[i] && TELLING[i]) return MARK_ORDER[i];
  return undefined;
}

function sameList(x: readonly string[], y: readonly string[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** where a variant's token weights under `ctx` start in its pool, computed once, their sum after them */
function weights(v: Variant, ctx: ScoreContext): number {
  if (v.wFor === ctx) return v.w;
  const t = v.n.tokens;
  const pool = ctx.pool;
  const at = pool.take(t.length + 1);
  const W = pool.buf;
  let sum = 0;
  for (let i = 0; i < t.length; i++) sum += W[at + i] = ctx.weight(t[i]);
  W[at + t.length] = sum;
  v.w = at;
  v.wFor = ctx;
  return at;
}

/** true when the first `n` letters of the joined tokens end inside a word (a cut, not a whole word less) */
function cutInsideWord(tokens: string[], n: number): boolean {
  let at = 0;
  for (const t of tokens) {
    at += t.length;
    if (at === n) return false;
    if (at > n) return true;
  }
  return false;
}

const NO_WORDS: ReadonlySet<string> = new Set();
/** what a second or later shortened word of one name adds to the first one's cost */
const SHORT_AGAIN = 0.01;
/** legal forms that may stand inside a name (not "spa": a day spa is a trade) */
const INNER_LEGAL: ReadonlySet<string> = new Set([...[...LEGAL_WORDS].filter((w) => w !== 'spa'), 'co', 'kg', 'ug', 'ek', 'pc', 'pa', 'lp']);
/** scratch marks for `align` (names have far fewer than 64 words) */
const USED_B = new Uint8Array(64);
const DONE_A = new Uint8Array(64);

function align(o: NormalizedName, a: NormalizedName, oCut: boolean, aCut: boolean, W: Float64Array, aAt: number, bAt: number, sumA: number, sumB: number, aCompact: string, bCompact: string, ctx: ScoreContext, strict: boolean, dotted: ReadonlySet<string>, floor: number, best: number, cost: number): PairScore {
  const A = o.tokens;
  const B = a.tokens;
  if (A.length > 64 || B.length > 64) return { score: 0, reason: 'similar', args: NO_ARGS };
  const usedB = USED_B.fill(0, 0, B.length);
  const doneA = DONE_A.fill(0, 0, A.length);
  let matchedW = 0;
  // the bridges (a plural on one side, slips, shortenings): their penalties summed, and the largest one, which explains the pair
  let sumPen = 0;
  let nShort = 0;
  let mainPen = -1;
  let mainReason: NameReason = 'similar';
  let mainT = '';
  let mainB = '';
  for (let i = 0; i < A.length; i++) {
    for (let j = 0; j < B.length; j++) {
      if (usedB[j] || B[j] !== A[i]) continue;
      usedB[j] = 1;
      doneA[i] = 1;
      matchedW += W[aAt + i];
      if (pluralOnly(o, a, A[i], oCut, aCut, true)) {
        sumPen += PLURAL_PEN;
        if (PLURAL_PEN > mainPen) {
          mainPen = PLURAL_PEN;
          mainReason = 'plural';
          mainT = `${A[i]}s`;
          mainB = A[i];
        }
      }
      break;
    }
  }
  for (let i = 0; i < A.length; i++) {
    if (doneA[i]) continue;
    const t = A[i];
    let fj = -1;
    let fPen = 0;
    let fReason: NameReason = 'similar';
    let fQ = 0;
    for (let j = 0; j < B.length; j++) {
      if (usedB[j]) continue;
      const b = B[j];
      const s = slip(t, b);
      if (s) {
        // a slip explains a word that is rare beside the other (two common words one letter apart are two names: Johnson, Johnston)
        const ft = ctx.freq(t);
        const fb = ctx.freq(b);
        const rare = Math.min(ft, fb) <= 1 || Math.min(ft, fb) * 4 <= Math.max(ft, fb);
        const short = Math.min(t.length, b.length);
        const strong = rare && short >= 4 && (s === 'swap' || s === 'key' || s === 'double' || (s === 'drop' && short >= 5));
        const pen = strong ? (s === 'drop' ? 0.045 : 0.04) : 0.1;
        if (fj < 0 || fPen > pen) {
          fj = j;
          fPen = pen;
          fReason = strong ? slipReason[s] : 'typo';
          fQ = 0.9;
        }
        continue;
      }
      const tShort = t.length < b.length;
      const sh = tShort ? t : b;
      const lo = tShort ? b : t;
      if (isShortening(sh, lo)) {
        const p = ctx.shortening(sh, lo);
        // the more words it could stand for, the less it says; three letters say little
        // a cut that is itself a name ("Hill" / "Hillcrest") is likely that name, unless written with a dot
        const word = !dotted.has(sh) && vowelCount(sh, 0) > 0 && ctx.freq(sh) >= 2 && ctx.freq(sh) * 2 >= ctx.freq(lo);
        const pen = 0.03 + (sh.length <= 3 ? 0.08 : 0.025) * (1 - p) + (word ? 0.08 : 0);
        if (fj < 0 || fPen > pen) {
          fj = j;
          fPen = pen;
          fReason = 'shortened';
          fQ = 0.6 + 0.3 * p;
        }
        continue;
      }
      if (t.length >= 6 && b.length >= 6 && Math.abs(t.length - b.length) <= 2 && (t[0] === b[0] || t[1] === b[1]) && (fj < 0 || fPen > 0.12) && closeWords(t, b)) {
        fj = j;
        fPen = 0.12;
        fReason = 'typo';
        fQ = 0.7;
      }
    }
    if (fj >= 0) {
      usedB[fj] = 1;
      doneA[i] = 1;
      // a name shortened once is often shortened throughout ("Anchor Wlth Mngmnt"): each further short word costs little more
      sumPen += fReason === 'shortened' && nShort++ > 0 ? Math.min(fPen, SHORT_AGAIN) : fPen;
      if (fPen > mainPen) {
        mainPen = fPen;
        mainReason = fReason;
        // a shortening's arguments are the short word, then the long one
        mainT = fReason === 'shortened' && B[fj].length < t.length ? B[fj] : t;
        mainB = fReason === 'shortened' && B[fj].length < t.length ? t : B[fj];
      }
      matchedW += Math.min(W[aAt + i], W[bAt + fj]) * fQ;
    }
  }
  // a legal form inside a name ("Acme Inc – Denver", "Allied Capital Pty Ltd Allied Cabinets") says nothing of which business it is
  let nExtraA = 0;
  let nExtraB = 0;
  let legalW = '';
  for (let i = 0; i < A.length; i++) {
    if (doneA[i]) continue;
    if (INNER_LEGAL.has(A[i])) legalW ||= A[i];
    else nExtraA++;
  }
  for (let j = 0; j < B.length; j++) {
    if (usedB[j]) continue;
    if (INNER_LEGAL.has(B[j])) legalW ||= B[j];
    else nExtraB++;
  }
  if (!nExtraA && !nExtraB && (mainPen >= 0 || legalW)) {
    const score = 0.995 - (legalW ? 0.003 : 0) - sumPen;
    return mainPen >= 0 ? { score, reason: mainReason, args: [mainT, mainB] } : { score, reason: 'legal', args: [legalW] };
  }
  // "– Guelph Branch" / "– Guelph Office": the same site, named by another word for a site
  if (nExtraA && nExtraB && !strict && matchedW > 0 && onlyNouns(A, doneA, ctx) && onlyNouns(B, usedB, ctx)) {
    const score = 0.995 - 0.005 - sumPen;
    return { score, reason: mainPen > 0.04 ? mainReason : 'site', args: mainPen > 0.04 ? [mainT, mainB] : namedExtras(A, doneA, score - cost > best) };
  }
  const oneSided = (nExtraA === 0) !== (nExtraB === 0);
  if (oneSided && !strict && matchedW > 0) {
    // the words only one name has
    const onA = nExtraA > 0;
    const words = onA ? A : B;
    const wAt = onA ? aAt : bAt;
    const done = onA ? doneA : usedB;
    let extraW = 0;
    let allSites = true;
    for (let i = 0; i < words.length; i++) {
      if (done[i] || INNER_LEGAL.has(words[i])) continue;
      extraW += W[wAt + i];
      if (allSites && !ctx.siteWord(words[i]) && !streetPart(words, done, i)) allSites = false;
    }
    const total = onA ? sumA : sumB;
    const extras = (score: number) => namedExtras(words, done, score - cost > best);
    if (allSites) {
      // "Office", "Branch" alone name no other place: the same site, said once more
      const score = 0.995 - (onlyNouns(words, done, ctx) ? 0.005 : 0.04) - sumPen;
      return { score, reason: mainPen > 0.04 ? mainReason : 'site', args: mainPen > 0.04 ? [mainT, mainB] : extras(score) };
    }
    const share = total > 0 ? extraW / total : 1;
    const score = 0.995 - 0.12 - 0.25 * share - sumPen;
    return { score, reason: 'extra-word', args: extras(score) };
  }
  // a part of a name (site or trading name set aside) explains a pair only when the rest is near-identical
  if (strict) return { score: 0, reason: 'similar', args: NO_ARGS };
  const dice = sumA + sumB > 0 ? (2 * matchedW) / (sumA + sumB) : 0;
  // names that share little are not worth an edit distance: they stay far below review either way
  const edit = dice >= 0.25 && 0.55 * Math.min(1, dice) + 0.45 >= floor ? fastSimilarity(aCompact, bCompact) : 0.3;
  const score = Math.min(0.9, 0.55 * Math.min(1, dice) + 0.45 * edit);
  return { score, reason: 'similar', args: NO_ARGS };
}

/** words that end a street's name ("Main Street", "Mill Rd", "Lindenstraße") */
const STREET_TYPES: ReadonlySet<string> = new Set([
  'street', 'st', 'road', 'rd', 'avenue', 'ave', 'lane', 'ln', 'boulevard', 'blvd', 'way', 'place', 'court', 'ct', 'highway', 'hwy', 'parkway',
  'pkwy', 'square', 'sq', 'strasse', 'str', 'weg', 'platz', 'allee', 'rue', 'chemin',
]);

/** an extra word that is part of a street's name: a street type after another extra word, or the word before it */
function streetPart(words: readonly string[], done: Uint8Array, i: number): boolean {
  if (STREET_TYPES.has(words[i])) return i > 0 && !done[i - 1];
  return i + 1 < words.length && !done[i + 1] && STREET_TYPES.has(words[i + 1]);
}

/** the words not `done` (legal forms aside) all say "a site of" */
function onlyNouns(words: readonly string[], done: Uint8Array, ctx: ScoreContext): boolean {
  for (let i = 0; i < words.length; i++) if (!done[i] && !INNER_LEGAL.has(words[i]) && !ctx.siteNoun(words[i])) return false;
  return true;
}

/**
 * the words not `done`, in order, joined by spaces, as a reason's one argument; written out only for a
 * pair that may be taken (`taken`), so a pair that loses does not build its string
 */
function namedExtras(words: readonly string[], done: Uint8Array, taken: boolean): string[] {
  if (!taken) return NO_ARGS;
  let out = '';
  for (let i = 0; i < words.length; i++) if (!done[i]) out = out ? `${out} ${words[i]}` : words[i];
  return [out];
}

