/**
 * Suggests, for every VSA org, the BMS account it most likely is, with a confidence in [0,1] and a
 * decision: `auto` (safe to link without review), `review` (show to the admin) or `none`.
 *
 * Candidates come from an inverted index of name tokens (plus fuzzy token look-up through a trigram
 * index of the vocabulary), never from all pairs. Scores combine IDF-weighted token-set similarity
 * with an edit distance (with transpositions). `auto` needs the same name after normalization (or the
 * same words in another order, or one swapped pair of letters), a clear lead over the runner-up, and
 * that no other org claims the same account: one-to-one, mutual best. Pure: no I/O.
 */
import { editSimilarity, isTransposition, osaDistance } from './distance';
import { normalizeName, type NormalizedName } from './normalize';

export interface NamedRecord {
  id: string;
  name: string;
}

export type Decision = 'auto' | 'review' | 'none';

export interface Suggestion {
  orgId: string;
  /** the suggested account, null when the decision is `none` */
  accountId: string | null;
  confidence: number;
  decision: Decision;
  /** why, in words (for the admin and for tests) */
  reason: 'same name' | 'same words' | 'typo' | 'similar' | 'ambiguous' | 'claimed by another org' | 'no match';
  /** the next best account, when there is one */
  runnerUp: { accountId: string; confidence: number } | null;
}

export interface MatchOptions {
  /** pairs the admin rejected ("never map"): [orgId, accountId] */
  neverMap?: Iterable<readonly [string, string]>;
  /** below this a candidate is not suggested at all */
  reviewThreshold?: number;
  /** how far ahead of the runner-up an `auto` pair must be */
  autoMargin?: number;
}

interface Prepared {
  n: NormalizedName;
  alt: NormalizedName;
  sortedKey: string;
}

const prepare = (name: string): Prepared => {
  const n = normalizeName(name, 'translit');
  const alt = normalizeName(name, 'strip');
  return { n, alt, sortedKey: [...n.tokens].sort().join(' ') };
};

const trigrams = (t: string): string[] => {
  const s = ` ${t} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= s.length; i++) out.push(s.slice(i, i + 3));
  return out;
};

interface Scored {
  acc: number;
  score: number;
  kind: Suggestion['reason'];
}

/** An index of account names that answers "which accounts is this org most likely?" */
export class AccountIndex {
  readonly accounts: NamedRecord[];
  private prep: Prepared[];
  private vocab = new Map<string, number>();
  private weight: number[] = [];
  private postings: number[][] = [];
  private accTokens: number[][] = [];
  private accWeight: Float64Array;
  /** scratch accumulator of shared weight per account, reset after each query */
  private scratch: Float64Array;
  private byKey = new Map<string, number[]>();
  private bySorted = new Map<string, number[]>();
  private gramIndex = new Map<string, number[]>();
  /** every vocabulary token under each of its one-letter deletions (finds any single edit or swap) */
  private deletionIndex = new Map<string, number[]>();
  private vocabList: string[] = [];
  private maxWeight: number;

  constructor(accounts: NamedRecord[]) {
    this.accounts = accounts;
    this.prep = accounts.map((a) => prepare(a.name));
    const df: number[] = [];
    this.prep.forEach((p, i) => {
      const ids = new Set<number>();
      for (const t of new Set([...p.n.tokens, ...p.alt.tokens])) {
        let id = this.vocab.get(t);
        if (id === undefined) {
          id = this.vocabList.length;
          this.vocab.set(t, id);
          this.vocabList.push(t);
          this.postings.push([]);
          df.push(0);
        }
        ids.add(id);
      }
      for (const id of ids) {
        this.postings[id].push(i);
        df[id]++;
      }
      this.accTokens.push([...new Set(p.n.tokens.map((t) => this.vocab.get(t)!))]);
      for (const key of new Set([p.n.key, p.alt.key])) push(this.byKey, key, i);
      push(this.bySorted, p.sortedKey, i);
    });
    const N = Math.max(1, accounts.length);
    this.weight = df.map((d) => Math.log(1 + N / d));
    this.maxWeight = Math.log(1 + N);
    this.accWeight = new Float64Array(accounts.length);
    this.scratch = new Float64Array(accounts.length);
    this.accTokens.forEach((ids, i) => {
      let w = 0;
      for (const id of ids) w += this.weight[id];
      this.accWeight[i] = w;
    });
    this.vocabList.forEach((t, id) => {
      if (t.length < 4) return;
      for (const d of deletions(t)) push(this.deletionIndex, d, id);
      if (t.length >= 9) for (const g of new Set(trigrams(t))) push(this.gramIndex, g, id);
    });
  }

  /** vocabulary tokens within one edit of t (two for long tokens), t itself excluded */
  private fuzzyTokens(t: string): number[] {
    if (t.length < 4) return [];
    const found = new Set<number>();
    const self = this.vocab.get(t);
    for (const d of [t, ...deletions(t)]) {
      for (const id of this.deletionIndex.get(d) ?? []) if (id !== self) found.add(id);
      const exact = this.vocab.get(d);
      if (exact !== undefined && exact !== self && this.vocabList[exact].length >= 4) found.add(exact);
    }
    if (t.length >= 9) {
      const counts = new Map<number, number>();
      for (const g of new Set(trigrams(t))) for (const id of this.gramIndex.get(g) ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
      for (const [id, c] of counts) {
        if (c < 3 || id === self || found.has(id)) continue;
        const v = this.vocabList[id];
        if (Math.abs(v.length - t.length) <= 2 && osaDistance(v, t, 2) <= 2) found.add(id);
      }
    }
    return [...found].filter((id) => osaDistance(this.vocabList[id], t, 2) <= (t.length >= 9 ? 2 : 1));
  }

  /** the best accounts for a name, best first (at most k), skipping `exclude`d account indexes */
  rank(name: string, k = 5, exclude?: (accIndex: number) => boolean, fastExact = false): Scored[] {
    const p = prepare(name);
    // fast path (bulk matching): exactly one account has this very name, and nothing is excluded
    if (fastExact && !exclude && p.n.key !== '') {
      const exact = this.byKey.get(p.n.key);
      const alt = p.alt.key !== p.n.key ? this.byKey.get(p.alt.key) : undefined;
      if (exact?.length === 1 && (!alt || (alt.length === 1 && alt[0] === exact[0]))) {
        const sorted = (this.bySorted.get(p.sortedKey) ?? []).filter((i) => i !== exact[0]);
        if (!sorted.length) return this.score(p, [[exact[0], 0]], 0, k);
      }
    }
    const acc = this.scratch;
    const touched: number[] = [];
    const orgTokens = [...new Set(p.n.tokens)];
    let orgWeight = 0;
    const add = (i: number, w: number) => {
      if (acc[i] === 0) touched.push(i);
      acc[i] += w;
    };
    // rare tokens first; very common ones only when nothing rarer is shared
    const weighted = orgTokens.map((t) => ({ t, id: this.vocab.get(t) ?? this.vocab.get(normalizeName(t, 'strip').key) }));
    for (const { t, id } of weighted) {
      const w = id !== undefined ? this.weight[id] : this.maxWeight;
      orgWeight += w;
      if (id !== undefined) {
        const list = this.postings[id];
        if (list.length <= 2000 || weighted.every((x) => x.id === undefined || this.postings[x.id].length > 2000)) for (const i of list) add(i, w);
      }
      // a typo on either side: accounts whose token is one edit away share most of its weight
      for (const fid of this.fuzzyTokens(t)) {
        const fw = Math.min(this.weight[fid], w) * 0.8;
        if (this.postings[fid].length <= 2000) for (const i of this.postings[fid]) add(i, fw);
      }
    }
    for (const key of new Set([p.n.key, p.alt.key])) for (const i of this.byKey.get(key) ?? []) add(i, 1e6);
    for (const i of this.bySorted.get(p.sortedKey) ?? []) add(i, 1e5);

    // cheap pre-ranking by shared weight (top few kept in a small sorted list), then full scores
    const keep = Math.max(10, k * 3);
    const pre: [number, number][] = [];
    for (const i of touched) {
      const w = acc[i];
      acc[i] = 0;
      if (exclude?.(i)) continue;
      if (pre.length < keep || w > pre[pre.length - 1][1]) {
        let j = pre.length < keep ? pre.length : keep - 1;
        if (pre.length < keep) pre.push([i, w]);
        while (j > 0 && pre[j - 1][1] < w) {
          pre[j] = pre[j - 1];
          j--;
        }
        pre[j] = [i, w];
      }
    }
    return this.score(p, pre, orgWeight, k);
  }

  private score(p: Prepared, pre: [number, number][], orgWeight: number, k: number): Scored[] {
    const rawOrg = p.n.raw.trim().replace(/\s+/g, ' ').toLowerCase();
    const legalOrg = p.n.legal.join(' ');
    const out: Scored[] = [];
    for (const [i, shared] of pre) {
      const a = this.prep[i];
      let score: number;
      let kind: Suggestion['reason'];
      if (a.n.key === p.n.key || a.alt.key === p.alt.key || a.n.key === p.alt.key || a.alt.key === p.n.key) {
        // the same name; among several such accounts, the one written the same way (or with the same legal form) first
        const sameRaw = a.n.raw.trim().replace(/\s+/g, ' ').toLowerCase() === rawOrg;
        score = p.n.key === '' ? 0 : sameRaw ? 0.995 : a.n.legal.join(' ') === legalOrg ? 0.992 : 0.99;
        kind = 'same name';
      } else if (a.sortedKey === p.sortedKey && p.sortedKey !== '') {
        score = 0.97;
        kind = 'same words';
      } else if (p.n.tokens.length === a.n.tokens.length && p.n.compact.length >= 5 && (isTransposition(p.n.compact, a.n.compact) || isTransposition(p.alt.compact, a.alt.compact))) {
        score = 0.95;
        kind = 'typo';
      } else {
        const common = Math.min(shared % 1e5, orgWeight);
        const dice = orgWeight + this.accWeight[i] > 0 ? (2 * common) / (orgWeight + this.accWeight[i]) : 0;
        let edit = editSimilarity(p.n.compact, a.n.compact);
        if (p.alt.compact !== p.n.compact || a.alt.compact !== a.n.compact) edit = Math.max(edit, editSimilarity(p.alt.compact, a.alt.compact));
        score = Math.min(0.94, 0.55 * Math.min(1, dice) + 0.45 * edit);
        // one name is the other plus a word ("Smith Dental" / "Smith Dental Lab"): usually another business
        if (extraWord(p.n.tokens, a.n.tokens)) score *= 0.85;
        kind = 'similar';
      }
      out.push({ acc: i, score, kind });
    }
    out.sort((a, b) => b.score - a.score || a.acc - b.acc);
    return out.slice(0, k);
  }
}

/** true when one token list holds every token of the other and at least one more */
function extraWord(a: string[], b: string[]): boolean {
  if (a.length === b.length) return false;
  const [small, big] = a.length < b.length ? [a, b] : [b, a];
  const set = new Set(big);
  return small.every((t) => set.has(t));
}

function deletions(t: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) out.push(t.slice(0, i) + t.slice(i + 1));
  return out;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** One suggestion per org, in the order given. */
export function matchAll(orgs: NamedRecord[], accounts: NamedRecord[], opts: MatchOptions = {}): Suggestion[] {
  const reviewThreshold = opts.reviewThreshold ?? 0.8;
  const autoMargin = opts.autoMargin ?? 0.05;
  const index = new AccountIndex(accounts);
  const accIndex = new Map(accounts.map((a, i) => [a.id, i]));
  const never = new Map<string, Set<number>>();
  for (const [o, a] of opts.neverMap ?? []) {
    const i = accIndex.get(a);
    if (i === undefined) continue;
    let s = never.get(o);
    if (!s) never.set(o, (s = new Set()));
    s.add(i);
  }
  const ranked = orgs.map((o) => index.rank(o.name, 3, never.has(o.id) ? (i) => never.get(o.id)!.has(i) : undefined, true));

  // one-to-one: an account claimed with an auto-grade score by more than one org is auto for none of them
  const claims = new Map<number, number>();
  ranked.forEach((r) => {
    const best = r[0];
    if (best && best.score >= 0.95) claims.set(best.acc, (claims.get(best.acc) ?? 0) + 1);
  });

  return orgs.map((o, idx) => {
    const [best, second] = ranked[idx];
    const runnerUp = second ? { accountId: accounts[second.acc].id, confidence: round(second.score) } : null;
    if (!best || best.score < reviewThreshold) {
      return { orgId: o.id, accountId: null, confidence: round(best?.score ?? 0), decision: 'none', reason: 'no match', runnerUp: null };
    }
    const base = { orgId: o.id, accountId: accounts[best.acc].id, confidence: round(best.score), runnerUp };
    if (best.score >= 0.95) {
      if (second && best.score - second.score < autoMargin) return { ...base, decision: 'review', reason: 'ambiguous' };
      if ((claims.get(best.acc) ?? 0) > 1) return { ...base, decision: 'review', reason: 'claimed by another org' };
      return { ...base, decision: 'auto', reason: best.kind };
    }
    return { ...base, decision: 'review', reason: best.kind };
  });
}
