/**
 * How an org's candidate accounts are found before any is scored: an inverted index of the accounts'
 * name tokens, never all pairs. Exact keys of a name and of its parts (trading name, name without the
 * site) put an account far ahead; then the org's words, rarest first, add weight to the accounts that
 * share them (common words only while the candidates found are few), and so do words one typing slip
 * away (a deletion index) and words that are shortened forms of account words (prefix or consonant
 * skeleton). The best few by shared weight are handed to `match.ts` to score. Pure: no I/O.
 */
import type { Prepared } from './score';
import { WordRelations } from './relations';

/** a word in more account names than this narrows nothing down on its own */
const COMMON = 600;
/** how many postings a name reads before it stops adding common words */
const BUDGET = 250;

/** The accounts' words and keys, and the scratch that gathers one org's candidates with their shared weight. */
export class CandidateIndex {
  readonly prep: Prepared[];
  protected vocab = new Map<string, number>();
  protected df: number[] = [];
  private postings: number[][] = [];
  /** accounts by key: one account's index, or the list when several share it */
  protected byKey = new Map<string, number | number[]>();
  private scratch: Float64Array;
  /** the accounts `scratch` holds a weight for, in the order found */
  private touched: Int32Array;
  private nTouched = 0;
  /** each account's token ids (from accTokStart[i] to accTokStart[i + 1]) */
  private accTok: Int32Array;
  private accTokStart: Int32Array;
  /** per token id: the last account (+1) its postings were given */
  private stamp: number[] = [];
  /** the org's search words (scratch of gather) */
  private words: string[] = [];
  private wordIds: number[] = [];
  private wordLens: number[] = [];
  /** the best few candidates found by `preselect` (account index, shared weight), best first */
  protected preI = new Int32Array(64);
  protected preW = new Float64Array(64);
  protected vocabList: string[] = [];
  protected maxWeight: number;
  protected weights: number[];
  /** words one slip away, words that shorten or are shortened (built once the vocabulary is complete) */
  protected relations: WordRelations;

  constructor(prep: Prepared[]) {
    this.prep = prep;
    const accTok: number[] = [];
    this.accTokStart = new Int32Array(prep.length + 1);
    for (let i = 0; i < this.prep.length; i++) {
      this.accTokStart[i] = accTok.length;
      const p = this.prep[i];
      for (const v of p.variants) {
        for (let r = 0; r < 2; r++) {
          const n = r === 0 ? v.n : v.alt;
          if (!n) continue;
          // each account once in a token's postings
          const toks = n.tokens;
          for (let q = 0; q < toks.length; q++) {
            const id = this.tokenId(toks[q]);
            // one string per word in the whole index (the same letters): the others are not kept
            toks[q] = this.vocabList[id];
            if (this.stamp[id] === i + 1) continue;
            this.stamp[id] = i + 1;
            this.postings[id].push(i);
            this.df[id]++;
            accTok.push(id);
          }
          if (n.key) {
            this.addKey(n.key, i);
            if (n.compact !== n.key) this.addKey(n.compact, i);
            if (v.sorted !== n.key && v.sorted !== n.compact) this.addKey(v.sorted, i);
          }
        }
      }
    }
    this.accTokStart[prep.length] = accTok.length;
    this.accTok = Int32Array.from(accTok);
    const N = Math.max(1, prep.length);
    this.weights = this.df.map((d) => Math.log(1 + N / d));
    this.maxWeight = Math.log(1 + N);
    this.scratch = new Float64Array(prep.length);
    this.touched = new Int32Array(prep.length);
    this.relations = new WordRelations(this.vocab, this.vocabList, this.df);
  }

  /** most keys are one account's: a number, not a list of one (fewer objects to keep) */
  private addKey(key: string, i: number): void {
    const l = this.byKey.get(key);
    if (l === undefined) this.byKey.set(key, i);
    else if (typeof l === 'number') this.byKey.set(key, [l, i]);
    else l.push(i);
  }

  private tokenId(t: string): number {
    let id = this.vocab.get(t);
    if (id === undefined) {
      id = this.vocabList.length;
      this.vocab.set(t, id);
      this.vocabList.push(t);
      this.postings.push([]);
      this.df.push(0);
      this.stamp.push(0);
    }
    return id;
  }

  /**
   * the org's candidates gain their shared weight in the scratch: `exact` is the accounts with the
   * full name's very key when already looked up (null when not), `extraCandidates` are always candidates
   */
  protected gather(p: Prepared, exact: number | number[] | undefined | null, extraCandidates: readonly number[]): void {
    const acc = this.scratch;
    this.nTouched = 0;
    // the org's words, each once, in the order first met
    const words = this.words;
    words.length = 0;
    for (let x = 0; x < p.variants.length; x++) {
      const v = p.variants[x];
      for (let r = 0; r < 2; r++) {
        const n = r === 0 ? v.n : v.alt;
        if (!n) continue;
        if (n.key) {
          this.hitKeyList(x === 0 && r === 0 && exact !== null ? exact : this.byKey.get(n.key));
          if (n.compact !== n.key) this.hitKey(n.compact);
          if (v.sorted !== n.key) this.hitKey(v.sorted);
        }
        for (let y = 0; y < n.tokens.length; y++) if (!words.includes(n.tokens[y])) words.push(n.tokens[y]);
      }
    }
    // rare words carry the search: words are read rarest first (a stable sort by postings), and common
    // ones ("dental") only while the candidates found are few (a name always reads its rarest word)
    const ids = this.wordIds;
    const lens = this.wordLens;
    ids.length = 0;
    lens.length = 0;
    for (let x = 0; x < words.length; x++) {
      const word = words[x];
      const id = this.vocab.get(word) ?? -1;
      const len = id < 0 ? 0 : this.postings[id].length;
      let y = x;
      while (y > 0 && lens[y - 1] > len) {
        words[y] = words[y - 1];
        ids[y] = ids[y - 1];
        lens[y] = lens[y - 1];
        y--;
      }
      words[y] = word;
      ids[y] = id;
      lens[y] = len;
    }
    let read = 0;
    for (let x = 0; x < words.length; x++) {
      const t = words[x];
      const id = ids[x];
      const w = id < 0 ? this.maxWeight : this.weights[id];
      if (id >= 0) {
        const posting = this.postings[id];
        if (read === 0 || read + posting.length <= BUDGET) {
          this.bumpList(posting, w);
          read += posting.length;
        } else if (posting.length <= 20 * BUDGET) {
          // a common word finds no new candidates, but still ranks the ones the rarer words found
          // (read from the candidates' side when they are far fewer than the word's accounts)
          if (posting.length > 4 * this.nTouched) this.rankKnown(id, w);
          else for (let y = 0; y < posting.length; y++) if (acc[posting[y]] !== 0) acc[posting[y]] += w;
        }
      }
      // words one slip away, words it shortens, words that shorten it: each narrows down only if not common
      const fuzzy = this.relations.fuzzy(t);
      for (let f = 0; f < fuzzy.length; f++) this.bumpAll(fuzzy[f], Math.min(w, this.weights[fuzzy[f]]) * 0.8);
      const rel = this.relations.related(t);
      const longer = rel.longer.ids;
      if (longer.length <= 8) for (let f = 0; f < longer.length; f++) this.bumpAll(longer[f], this.weights[longer[f]] * 0.5);
      const shorter = rel.shorter;
      if (shorter.length <= 8) for (let f = 0; f < shorter.length; f++) this.bumpAll(shorter[f], Math.min(w, this.weights[shorter[f]]) * 0.5);
    }
    this.bumpList(extraCandidates, 1e5);
  }

  /**
   * the best `keep` candidates gathered by shared weight, skipping `exclude`d ones, into `preI`/`preW`
   * (two small parallel arrays: no allocation per candidate); returns how many; clears the scratch
   */
  protected preselect(keep: number, exclude?: (accIndex: number) => boolean): number {
    if (keep > this.preI.length) {
      this.preI = new Int32Array(keep);
      this.preW = new Float64Array(keep);
    }
    const acc = this.scratch;
    const preI = this.preI;
    const preW = this.preW;
    const touched = this.touched;
    let n = 0;
    for (let c = 0; c < this.nTouched; c++) {
      const i = touched[c];
      const w = acc[i];
      acc[i] = 0;
      if (exclude?.(i)) continue;
      if (n < keep || w > preW[n - 1]) {
        let j = n < keep ? n++ : keep - 1;
        while (j > 0 && preW[j - 1] < w) {
          preI[j] = preI[j - 1];
          preW[j] = preW[j - 1];
          j--;
        }
        preI[j] = i;
        preW[j] = w;
      }
    }
    return n;
  }

  /** candidates gain weight (and are remembered the first time); one call per list, so a weight is not boxed per candidate */
  private bumpList(list: readonly number[], w: number): void {
    const acc = this.scratch;
    const touched = this.touched;
    let n = this.nTouched;
    for (let y = 0; y < list.length; y++) {
      const i = list[y];
      if (acc[i] === 0) touched[n++] = i;
      acc[i] += w;
    }
    this.nTouched = n;
  }

  /** the candidates found so far that have token `id` gain weight */
  private rankKnown(id: number, w: number): void {
    const acc = this.scratch;
    const touched = this.touched;
    const tok = this.accTok;
    const start = this.accTokStart;
    for (let c = 0; c < this.nTouched; c++) {
      const i = touched[c];
      for (let x = start[i], end = start[i + 1]; x < end; x++) {
        if (tok[x] === id) {
          acc[i] += w;
          break;
        }
      }
    }
  }

  /** every account with this very key is a candidate, far ahead of any that only shares words */
  private hitKey(key: string): void {
    this.hitKeyList(this.byKey.get(key));
  }

  private hitKeyList(l: number | number[] | undefined): void {
    if (l === undefined) return;
    if (typeof l !== 'number') this.bumpList(l, 1e6);
    else {
      if (this.scratch[l] === 0) this.touched[this.nTouched++] = l;
      this.scratch[l] += 1e6;
    }
  }

  /** every account with a word that is not common gains weight */
  private bumpAll(id: number, w: number): void {
    const posting = this.postings[id];
    if (posting.length <= COMMON) this.bumpList(posting, w);
  }
}
