/**
 * Suggests, for every VSA org, the BMS account it most likely is, with a confidence in [0,1], a
 * decision — `auto` (safe to link without review), `review` (show to the admin) or `none` (the best
 * candidate is shown, but weak) — and the reason as a code with arguments that the UI words.
 *
 * Candidates come from an inverted index of name tokens, never from all pairs: exact keys of a name
 * and of its parts (trading name, name without the site), words typed joined split against the
 * accounts' vocabulary, words one typing slip away (a deletion index), and words that are shortened
 * forms of account words (prefix or consonant skeleton, weighted by how many words they could
 * shorten). `score.ts` scores the few best; `decide.ts` turns scores and second signals into
 * decisions. Pure: no I/O.
 */
import { decide, type MatchOptions, type Suggestion } from './decide';
import { normalizeName } from './normalize';
import { prepareName, variant } from './prepare';
import { comparePrepared, WeightPool, type Prepared, type ScoreContext, type Scored } from './score';
import { WordRelations } from './relations';
import { segment } from './tokens';

export type { Decision, Hold, MatchOptions, Suggestion } from './decide';
export type { NameReason, Scored } from './score';
export { prepareName } from './prepare';

export interface NamedRecord {
  id: string;
  name: string;
  /** VSA OrgRef / BMS AccountCode, when known */
  ref?: string | null;
  /** the org's website domain / the account's email domains (and website), when known */
  domains?: readonly string[];
}

const DIGITS = /^\d+$/;

const CONNECTOR_WORDS: ReadonlySet<string> = new Set(['and', 'the', 'n', 'of', 'und']);
/**
 * words that say "a site of" in any tenant, beside the ones the data itself shows after a separator;
 * directions are not among them: "Acme West" is as often another business as a branch
 */
const SITE_NOUNS = new Set(['branch', 'site', 'campus', 'location', 'hq', 'headquarters', 'filiale', 'standort', 'niederlassung']);

/** An index of account names that answers "which accounts is this org most likely?" */
export class AccountIndex {
  readonly accounts: NamedRecord[];
  readonly prep: Prepared[];
  private vocab = new Map<string, number>();
  private df: number[] = [];
  private postings: number[][] = [];
  /** accounts by key: one account's index, or the list when several share it */
  private byKey = new Map<string, number | number[]>();
  private scratch: Float64Array;
  /** the accounts `scratch` holds a weight for, in the order found */
  private touched: Int32Array;
  private nTouched = 0;
  /** each account's token ids (from accTokStart[i] to accTokStart[i + 1]) */
  private accTok: Int32Array;
  private accTokStart: Int32Array;
  /** per token id: the last account (+1) its postings were given */
  private stamp: number[] = [];
  /** the org's search words (scratch of rankPrepared) */
  private words: string[] = [];
  private wordIds: number[] = [];
  private wordLens: number[] = [];
  private preI = new Int32Array(64);
  private preW = new Float64Array(64);
  private topK = new Float64Array(8);
  /** the scored candidates (scratch of rankPrepared) */
  private out: Scored[] = [];
  private vocabList: string[] = [];
  private surface = new Set<string>();
  private prefixes = new Set<string>();
  /** every start of a word that splitting joined words may use (the account's words, their prefixes, connectors) */
  private starts = new Set<string>();
  private maxWeight: number;
  private weights: number[];
  /** words that name a site (seen after a separator on either side, numbers, site nouns) */
  readonly siteWords = new Set<string>(SITE_NOUNS);
  /** the texts `learnSite` has read */
  private sitesRead = new Set<string>();
  /** how many org names hold a token (given by matchAll, so a slip is told from a second real word) */
  orgFreq: Map<string, number> = new Map();
  /** words one slip away, words that shorten or are shortened (built once the vocabulary is complete) */
  private relations: WordRelations;
  readonly ctx: ScoreContext;

  constructor(accounts: NamedRecord[]) {
    this.accounts = accounts;
    this.prep = accounts.map((a) => prepareName(a.name));
    const accTok: number[] = [];
    this.accTokStart = new Int32Array(accounts.length + 1);
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
        if (v.kind === 'site') this.learnSite(v.dropped);
      }
      for (const t of p.variants[0].n.surface) this.surface.add(t);
    }
    this.accTokStart[accounts.length] = accTok.length;
    this.accTok = Int32Array.from(accTok);
    const N = Math.max(1, accounts.length);
    this.weights = this.df.map((d) => Math.log(1 + N / d));
    this.maxWeight = Math.log(1 + N);
    this.scratch = new Float64Array(accounts.length);
    this.touched = new Int32Array(accounts.length);
    for (const t of this.vocabList) this.surface.add(t);
    for (const t of this.surface) {
      for (let l = 3; l < t.length; l++) this.prefixes.add(t.slice(0, l));
      for (let l = 1; l <= t.length; l++) this.starts.add(t.slice(0, l));
    }
    for (const t of CONNECTOR_WORDS) for (let l = 1; l <= t.length; l++) this.starts.add(t.slice(0, l));
    this.relations = new WordRelations(this.vocab, this.vocabList, this.df);
    this.ctx = {
      weight: (t) => {
        const id = this.vocab.get(t);
        return id === undefined ? this.maxWeight : this.weights[id];
      },
      freq: (t) => {
        const id = this.vocab.get(t);
        return (id === undefined ? 0 : this.df[id]) + (this.orgFreq.get(t) ?? 0);
      },
      shortening: (short, long) => {
        const e = this.relations.related(short).longer;
        const id = this.vocab.get(long);
        if (id === undefined || !e.total) return 1;
        return this.df[id] / e.total;
      },
      siteWord: (t) => this.siteWords.has(t) || DIGITS.test(t),
      pool: new WeightPool(),
    };
  }

  /** most keys are one account's: a number, not a list of one (fewer objects to keep) */
  private addKey(key: string, i: number): void {
    const l = this.byKey.get(key);
    if (l === undefined) this.byKey.set(key, i);
    else if (typeof l === 'number') this.byKey.set(key, [l, i]);
    else l.push(i);
  }

  /** a separated qualifier ("– Denver", "(Denver)") teaches that its words name a site */
  learnSite(text: string): void {
    // the same sites come back in many names: each text is read once
    if (this.sitesRead.has(text)) return;
    this.sitesRead.add(text);
    // one word only: "– Jones Academy" after "Smith" is more likely half of a name than a site
    const n = normalizeName(`x ${text}`);
    if (n.tokens.length === 2) this.siteWords.add(n.tokens[1]);
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

  /** vocabulary words that t is a shortened form of, and their total document frequency */
  shortenings(t: string): { ids: number[]; total: number } {
    return this.relations.related(t).longer;
  }

  /** org variants: the name, its parts, and its joined words split against the accounts' words */
  prepareOrg(name: string): Prepared {
    return this.withJoined(prepareName(name));
  }

  /** a word of the accounts (their words as written and as normalized: the vocabulary is in `surface` too) */
  private known(w: string): boolean {
    return this.surface.has(w);
  }

  withJoined(p: Prepared): Prepared {
    const words = p.variants[0].n.surface;
    let unknown = false;
    for (const w of words) if (w.length >= 3 && !this.known(w)) unknown = true;
    if (!unknown) return p;
    // words typed joined, or a space moved into a word: split an unknown word, with its neighbours, against the accounts' words
    const out = [...words];
    let changed = false;
    for (let i = 0; i < out.length; i++) {
      if (this.known(out[i]) || out[i].length < 3) continue;
      for (const [from, to] of [[i, i + 1], [i, i + 2], [i - 1, i + 1], [i - 1, i + 2]]) {
        if (from < 0 || to > out.length) continue;
        const run = out.slice(from, to).join('');
        const seg = run.length >= 5 ? segment(run, this.surface, this.prefixes, CONNECTOR_WORDS, this.starts) : null;
        if (seg && seg.join('') === run && !(to - from === seg.length && seg.every((w, k) => w === out[from + k]))) {
          out.splice(from, to - from, ...seg);
          changed = true;
          i = from + seg.length - 1;
          break;
        }
      }
    }
    if (changed) p.variants.push(variant('joined', out.join(' ')));
    return p;
  }

  /** the best accounts for a name, best first (at most k), skipping `exclude`d account indexes */
  rank(name: string, k = 5, exclude?: (accIndex: number) => boolean, extraCandidates: number[] = []): Scored[] {
    return this.rankPrepared(this.prepareOrg(name), k, exclude, extraCandidates);
  }

  /** `fast`: bulk matching, where an account with this very name (and no other sharing its key) is all that is needed */
  rankPrepared(p: Prepared, k: number, exclude?: (accIndex: number) => boolean, extraCandidates: readonly number[] = NO_EXTRA, fast = false): Scored[] {
    const full = p.variants[0];
    // the accounts with the name's very key, once looked up
    let exact: number | number[] | undefined | null = null;
    // fast path: exactly one account has this very name (no other account shares its key, words or letters)
    if (fast && p.variants.length === 1 && !full.alt && !extraCandidates.length && full.n.key) {
      exact = this.byKey.get(full.n.key);
      if (typeof exact === 'number' && !exclude?.(exact) && this.prep[exact].variants.length === 1) {
        const s = comparePrepared(p, this.prep[exact], this.ctx);
        s.acc = exact;
        if (s.score >= 0.99) return [s];
      }
    }
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
    let orgWeight = 0;
    for (let y = 0; y < full.n.tokens.length; y++) orgWeight += this.ctx.weight(full.n.tokens[y]);
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
    const keep = Math.max(10, k * 2);
    if (keep > this.preI.length) {
      this.preI = new Int32Array(keep);
      this.preW = new Float64Array(keep);
    }
    // the best few by shared weight, in two small parallel arrays (no allocation per candidate)
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
    const out = this.out;
    out.length = 0;
    let best = 0;
    // the k best scores so far, best first: a candidate that cannot reach the k-th is not returned,
    // so its score may be a cheap estimate below it (`floor`)
    if (k > this.topK.length) this.topK = new Float64Array(k);
    const topK = this.topK;
    let m = 0;
    for (let c = 0; c < n; c++) {
      const i = preI[c];
      const shared = preW[c];
      // once an auto-grade candidate is known, only one sharing most of the name could be a close runner-up
      if (fast && best >= 0.95 && shared < 1e5 && shared < 0.6 * orgWeight) continue;
      const floor = best >= 0.95 ? best - 0.05 : 0;
      // an account not found by any key (each adds 1e6) has none of the org's keys: those comparisons are skipped
      const s = comparePrepared(p, this.prep[i], this.ctx, m === k && topK[k - 1] > floor ? topK[k - 1] : floor, shared >= 1e6);
      if (s.score > best) best = s.score;
      if (s.score > 0) {
        s.acc = i;
        out.push(s);
        if (m < k || s.score > topK[k - 1]) {
          let j = m < k ? m++ : k - 1;
          while (j > 0 && topK[j - 1] < s.score) {
            topK[j] = topK[j - 1];
            j--;
          }
          topK[j] = s.score;
        }
      }
    }
    // an insertion sort: a few candidates
    for (let x = 1; x < out.length; x++) {
      const s = out[x];
      let y = x;
      while (y > 0 && byScore(out[y - 1], s) > 0) {
        out[y] = out[y - 1];
        y--;
      }
      out[y] = s;
    }
    // a copy of its own size: the scratch has room for `keep`
    const ranked = out.slice(0, k);
    out.length = 0;
    return ranked;
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

const NO_EXTRA: readonly number[] = [];
const byScore = (a: Scored, b: Scored) => b.score - a.score || a.acc - b.acc;

/** a word in more account names than this narrows nothing down on its own */
const COMMON = 600;
/** how many postings a name reads before it stops adding common words */
const BUDGET = 250;

/** One suggestion per org, in the order given. */
export function matchAll(orgs: NamedRecord[], accounts: NamedRecord[], opts: MatchOptions = {}): Suggestion[] {
  const index = new AccountIndex(accounts);
  const prepared = orgs.map((o) => prepareName(o.name));
  for (const p of prepared) for (const v of p.variants) if (v.kind === 'site') index.learnSite(v.dropped);
  for (const p of prepared) {
    const tokens = p.variants[0].n.tokens;
    // each word once per name
    for (let i = 0; i < tokens.length; i++) if (tokens.indexOf(tokens[i]) === i) index.orgFreq.set(tokens[i], (index.orgFreq.get(tokens[i]) ?? 0) + 1);
  }
  for (const p of prepared) index.withJoined(p);
  return decide(orgs, prepared, index, opts);
}
