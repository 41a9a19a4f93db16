/**
 * How alike one org name and one account name are, as a confidence in [0,1] and the one technique
 * that explains it (a reason code with its arguments). A pair starts near certainty and loses a
 * little for each difference that had to be bridged (a typing slip, a shortened word, a site on one
 * side only, …); words that one name has and the other has not cost much more, unless they name a
 * site. Names that share words but differ otherwise get a blend of weighted word overlap and edit
 * similarity, capped below what could link without review. Pure.
 */
import { fastSimilarity } from './distance';
import type { Mark, NormalizedName } from './normalize';
import { closeWords, isShortening, slip, type Slip } from './tokens';

export type NameReason =
  | 'same-name' | 'case' | 'initials' | 'number' | 'saint' | 'possessive' | 'and' | 'abbrev' | 'legal' | 'the' | 'accents' | 'ref' | 'typography'
  | 'order' | 'joined' | 'site' | 'dba' | 'shortened'
  | 'typo-swap' | 'typo-key' | 'typo-double' | 'typo-drop' | 'typo-space' | 'typo'
  | 'extra-word' | 'similar';

export type VariantKind = 'full' | 'joined' | 'site' | 'dba';

export interface Variant {
  kind: VariantKind;
  n: NormalizedName;
  /** the accent-stripped reading, when it differs */
  alt: NormalizedName | null;
  sorted: string;
  /** the name as written, in lower case with single spaces */
  plain: string;
  /** what a site or dba variant set aside, as written */
  dropped: string;
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
}

export interface PairScore {
  score: number;
  reason: NameReason;
  args: string[];
}

const VARIANT_COST: Record<VariantKind, number> = { full: 0, joined: 0.015, site: 0.035, dba: 0.03 };
/** the marks that explain a same-name pair, most telling first */
const MARK_ORDER: Mark[] = ['ref', 'initials', 'number', 'saint', 'possessive', 'abbrev', 'and', 'typography', 'accents', 'plural', 'the', 'legal'];

const slipReason: Record<Slip, NameReason> = { swap: 'typo-swap', key: 'typo-key', double: 'typo-double', drop: 'typo-drop', other: 'typo' };

/** `floor`: a score the caller no longer needs exactly (cheap estimates below it are fine) */
export function comparePrepared(o: Prepared, a: Prepared, ctx: ScoreContext, floor = 0): PairScore {
  let best: PairScore = { score: 0, reason: 'similar', args: [] };
  for (const ov of o.variants) {
    for (const av of a.variants) {
      const oPart = ov.kind === 'site' || ov.kind === 'dba';
      const aPart = av.kind === 'site' || av.kind === 'dba';
      if (oPart && aPart) continue;
      const cost = VARIANT_COST[ov.kind] + VARIANT_COST[av.kind];
      if (best.score >= 0.99 - cost) continue;
      const r = compareNames(ov, av, ctx, oPart || aPart, floor);
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
        reason = o.variants[0].n.marks.includes('ref') ? 'ref' : o.variants[0].n.tokens.length === ov.n.tokens.length ? 'typo-space' : 'joined';
        args = [o.raw];
      }
      if (score > best.score) best = { score, reason, args };
    }
  }
  return { ...best, score: Math.max(0, Math.min(0.995, best.score)) };
}

const keysEqual = (x: Variant, y: Variant) =>
  x.n.key === y.n.key || (x.alt !== null && x.alt.key === y.n.key) || (y.alt !== null && x.n.key === y.alt.key) || (x.alt !== null && y.alt !== null && x.alt.key === y.alt.key);

function compareNames(ov: Variant, av: Variant, ctx: ScoreContext, strict: boolean, floor: number): PairScore {
  const o = ov.n;
  const a = av.n;
  if (o.key === '' || a.key === '') return { score: 0, reason: 'similar', args: [] };
  if (keysEqual(ov, av)) {
    const sameRaw = ov.plain === av.plain;
    const score = sameRaw ? 0.995 : o.legal.join(' ') === a.legal.join(' ') ? 0.992 : 0.99;
    const oM = new Set(o.marks);
    const aM = new Set(a.marks);
    const mark = MARK_ORDER.find((m) => oM.has(m) !== aM.has(m)) ?? MARK_ORDER.find((m) => oM.has(m) && m !== 'legal' && m !== 'the' && m !== 'plural');
    if (sameRaw) return { score, reason: 'same-name', args: [] };
    if (!mark) return { score, reason: 'case', args: [] };
    const args = mark === 'legal' ? [[...o.legal, ...a.legal].join(' / ') || '—'] : mark === 'ref' ? [oM.has('ref') ? o.raw : a.raw] : [];
    return { score, reason: mark === 'plural' ? 'possessive' : mark, args };
  }
  if (ov.sorted === av.sorted) return { score: 0.975, reason: 'order', args: [] };
  if (o.compact === a.compact || (ov.alt && av.alt && ov.alt.compact === av.alt.compact)) {
    return o.tokens.length === a.tokens.length ? { score: 0.96, reason: 'typo-space', args: [o.raw] } : { score: 0.975, reason: 'joined', args: [o.tokens.length < a.tokens.length ? o.raw : a.raw] };
  }
  // a reference cut at a length limit ("thomasandanderso"): the start of the account's name, long enough to say something
  if (o.compact.length >= 10 && (ov.kind === 'joined' || o.tokens.length === 1) && a.compact.startsWith(o.compact) && cutInsideWord(a.tokens, o.compact.length)) return { score: 0.975, reason: 'ref', args: [o.raw] };
  return align(o.tokens, a.tokens, o.compact, a.compact, ctx, strict, o.dotted.length || a.dotted.length ? new Set([...o.dotted, ...a.dotted]) : NO_WORDS, floor);
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
/** scratch marks for `align` (names have far fewer than 64 words) */
const USED_B = new Uint8Array(64);
const DONE_A = new Uint8Array(64);

interface Bridge {
  pen: number;
  reason: NameReason;
  args: string[];
}

function align(A: string[], B: string[], aCompact: string, bCompact: string, ctx: ScoreContext, strict: boolean, dotted: ReadonlySet<string>, floor: number): PairScore {
  if (A.length > 64 || B.length > 64) return { score: 0, reason: 'similar', args: [] };
  const usedB = USED_B.fill(0, 0, B.length);
  const doneA = DONE_A.fill(0, 0, A.length);
  let matchedW = 0;
  for (let i = 0; i < A.length; i++) {
    for (let j = 0; j < B.length; j++) {
      if (usedB[j] || B[j] !== A[i]) continue;
      usedB[j] = 1;
      doneA[i] = 1;
      matchedW += ctx.weight(A[i]);
      break;
    }
  }
  const bridges: Bridge[] = [];
  for (let i = 0; i < A.length; i++) {
    if (doneA[i]) continue;
    const t = A[i];
    let found: { j: number; bridge: Bridge; q: number } | null = null;
    for (let j = 0; j < B.length; j++) {
      if (usedB[j]) continue;
      const b = B[j];
      const s = slip(t, b);
      if (s) {
        // a slip explains a word that is rare beside the other (two common words one letter apart are two names: Johnson, Johnston)
        const [ft, fb] = [ctx.freq(t), ctx.freq(b)];
        const rare = Math.min(ft, fb) <= 1 || Math.min(ft, fb) * 4 <= Math.max(ft, fb);
        const short = Math.min(t.length, b.length);
        const strong = rare && short >= 4 && (s === 'swap' || s === 'key' || s === 'double' || (s === 'drop' && short >= 5));
        const pen = strong ? (s === 'drop' ? 0.045 : 0.04) : 0.1;
        const bridge = { pen, reason: strong ? slipReason[s] : 'typo' as NameReason, args: [t, b] };
        if (!found || found.bridge.pen > pen) found = { j, bridge, q: 0.9 };
        continue;
      }
      const [sh, lo] = t.length < b.length ? [t, b] : [b, t];
      if (isShortening(sh, lo)) {
        const p = ctx.shortening(sh, lo);
        // the more words it could stand for, the less it says; three letters say little
        // a cut that is itself a name ("Hill" / "Hillcrest") is likely that name, unless written with a dot
        const word = !dotted.has(sh) && (sh.match(/[aeiouy]/g) ?? []).length > 0 && ctx.freq(sh) >= 2 && ctx.freq(sh) * 2 >= ctx.freq(lo);
        const pen = 0.035 + (sh.length <= 3 ? 0.08 : 0.04) * (1 - p) + (word ? 0.08 : 0);
        if (!found || found.bridge.pen > pen) found = { j, bridge: { pen, reason: 'shortened', args: [sh, lo] }, q: 0.6 + 0.3 * p };
        continue;
      }
      if (t.length >= 6 && b.length >= 6 && Math.abs(t.length - b.length) <= 2 && (t[0] === b[0] || t[1] === b[1]) && closeWords(t, b) && (!found || found.bridge.pen > 0.12)) found = { j, bridge: { pen: 0.12, reason: 'typo', args: [t, b] }, q: 0.7 };
    }
    if (found) {
      usedB[found.j] = 1;
      doneA[i] = 1;
      bridges.push(found.bridge);
      matchedW += Math.min(ctx.weight(t), ctx.weight(B[found.j])) * found.q;
    }
  }
  const extraA: string[] = [];
  const extraB: string[] = [];
  for (let i = 0; i < A.length; i++) if (!doneA[i]) extraA.push(A[i]);
  for (let j = 0; j < B.length; j++) if (!usedB[j]) extraB.push(B[j]);
  let main: Bridge | null = null;
  let sumPen = 0;
  for (const b of bridges) {
    sumPen += b.pen;
    if (!main || b.pen > main.pen) main = b;
  }
  const weightOf = (ts: string[]) => {
    let w = 0;
    for (const t of ts) w += ctx.weight(t);
    return w;
  };
  if (!extraA.length && !extraB.length && main) return { score: 0.995 - sumPen, reason: main.reason, args: main.args };
  const oneSided = (extraA.length === 0) !== (extraB.length === 0);
  if (oneSided && !strict && matchedW > 0) {
    const extras = extraA.length ? extraA : extraB;
    const total = weightOf(extraA.length ? A : B);
    if (extras.every((t) => ctx.siteWord(t))) return { score: 0.995 - 0.04 - sumPen, reason: main && main.pen > 0.04 ? main.reason : 'site', args: main && main.pen > 0.04 ? main.args : [extras.join(' ')] };
    const share = total > 0 ? weightOf(extras) / total : 1;
    return { score: 0.995 - 0.12 - 0.25 * share - sumPen, reason: 'extra-word', args: [extras.join(' ')] };
  }
  // a part of a name (site or trading name set aside) explains a pair only when the rest is near-identical
  if (strict) return { score: 0, reason: 'similar', args: [] };
  const wA = weightOf(A);
  const wB = weightOf(B);
  const dice = wA + wB > 0 ? (2 * matchedW) / (wA + wB) : 0;
  // names that share little are not worth an edit distance: they stay far below review either way
  const edit = dice >= 0.25 && 0.55 * Math.min(1, dice) + 0.45 >= floor ? fastSimilarity(aCompact, bCompact) : 0.3;
  const score = Math.min(0.9, 0.55 * Math.min(1, dice) + 0.45 * edit);
  return { score, reason: 'similar', args: [] };
}
