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
import { comparePrepared, type PairScore, type Prepared, type ScoreContext, type Variant } from './score';
import { closeWords, isShortening, segment } from './tokens';
import { nameParts } from './variants';

export type { Decision, Hold, MatchOptions, Suggestion } from './decide';
export type { NameReason } from './score';

export interface NamedRecord {
  id: string;
  name: string;
  /** VSA OrgRef / BMS AccountCode, when known */
  ref?: string | null;
  /** the org's website domain / the account's email domains (and website), when known */
  domains?: readonly string[];
}

const variant = (kind: Variant['kind'], text: string, dropped = ''): Variant => {
  const n = normalizeName(text, 'translit');
  // the accent-stripped reading only when there is something to strip
  const altN = /[\u0080-\uffff]/.test(text) ? normalizeName(text, 'strip') : null;
  const alt = altN && altN.key !== n.key ? altN : null;
  return { kind, n, alt, sorted: n.tokens.length > 1 ? [...n.tokens].sort().join(' ') : n.key, plain: text.trim().replace(/\s+/g, ' ').toLowerCase(), dropped };
};

export function prepareName(name: string): Prepared {
  const raw = name ?? '';
  const variants = [variant('full', raw)];
  for (const p of nameParts(raw)) variants.push(variant(p.kind, p.text, p.dropped));
  return { raw, variants };
}

const CONNECTOR_WORDS: ReadonlySet<string> = new Set(['and', 'the', 'n', 'of', 'und']);
/**
 * words that say "a site of" in any tenant, beside the ones the data itself shows after a separator;
 * directions are not among them: "Acme West" is as often another business as a branch
 */
const SITE_NOUNS = new Set(['branch', 'site', 'campus', 'location', 'hq', 'headquarters', 'filiale', 'standort', 'niederlassung']);

export interface Scored extends PairScore {
  acc: number;
}

/** An index of account names that answers "which accounts is this org most likely?" */
export class AccountIndex {
  readonly accounts: NamedRecord[];
  readonly prep: Prepared[];
  private vocab = new Map<string, number>();
  private df: number[] = [];
  private postings: number[][] = [];
  private byKey = new Map<string, number[]>();
  private scratch: Float64Array;
  private preI = new Int32Array(64);
  private preW = new Float64Array(64);
  private deletionIndex = new Map<string, number[]>();
  private vocabList: string[] = [];
  private byFirst = new Map<string, number[]>();
  private surface = new Set<string>();
  private prefixes = new Set<string>();
  private maxWeight: number;
  private weights: number[];
  /** words that name a site (seen after a separator on either side, numbers, site nouns) */
  readonly siteWords = new Set<string>(SITE_NOUNS);
  /** how many org names hold a token (given by matchAll, so a slip is told from a second real word) */
  orgFreq: Map<string, number> = new Map();
  private cacheFuzzy = new Map<string, number[]>();
  private cacheShort = new Map<string, { longer: { ids: number[]; total: number }; shorter: number[] }>();
  readonly ctx: ScoreContext;

  constructor(accounts: NamedRecord[]) {
    this.accounts = accounts;
    this.prep = accounts.map((a) => prepareName(a.name));
    this.prep.forEach((p, i) => {
      const ids = new Set<number>();
      for (const v of p.variants) {
        for (const n of v.alt ? [v.n, v.alt] : [v.n]) {
          for (const t of n.tokens) ids.add(this.tokenId(t));
          if (n.key) for (const k of new Set([n.key, n.compact, v.sorted])) push(this.byKey, k, i);
        }
        if (v.kind === 'site') this.learnSite(v.dropped);
      }
      for (const id of ids) {
        this.postings[id].push(i);
        this.df[id]++;
      }
      for (const t of p.variants[0].n.surface) this.surface.add(t);
    });
    const N = Math.max(1, accounts.length);
    this.weights = this.df.map((d) => Math.log(1 + N / d));
    this.maxWeight = Math.log(1 + N);
    this.scratch = new Float64Array(accounts.length);
    for (const t of this.vocabList) this.surface.add(t);
    for (const t of this.surface) for (let l = 3; l < t.length; l++) this.prefixes.add(t.slice(0, l));
    this.vocabList.forEach((t, id) => {
      push(this.byFirst, t[0], id);
      if (t.length >= 4) for (const d of deletions(t)) push(this.deletionIndex, d, id);
    });
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
        const e = this.shortenings(short);
        const id = this.vocab.get(long);
        if (id === undefined || !e.total) return 1;
        return this.df[id] / e.total;
      },
      siteWord: (t) => this.siteWords.has(t) || /^\d+$/.test(t),
    };
  }

  /** a separated qualifier ("– Denver", "(Denver)") teaches that its words name a site */
  learnSite(text: string): void {
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
    }
    return id;
  }

  /** vocabulary words one typing slip from t (two for long words) */
  private fuzzy(t: string): number[] {
    let hit = this.cacheFuzzy.get(t);
    if (hit) return hit;
    const found = new Set<number>();
    if (t.length >= 4) {
      for (const d of [t, ...deletions(t)]) {
        for (const id of this.deletionIndex.get(d) ?? []) found.add(id);
        const exact = this.vocab.get(d);
        if (exact !== undefined && d.length >= 4) found.add(exact);
      }
    }
    hit = [...found].filter((id) => this.vocabList[id] !== t && closeWords(this.vocabList[id], t));
    this.cacheFuzzy.set(t, hit);
    return hit;
  }

  /** vocabulary words that t is a shortened form of, and their total document frequency */
  shortenings(t: string): { ids: number[]; total: number } {
    return this.related(t).longer;
  }

  /** vocabulary words t shortens (longer) and words that shorten t (shorter), by one scan of the words with t's first letter */
  private related(t: string): { longer: { ids: number[]; total: number }; shorter: number[] } {
    let hit = this.cacheShort.get(t);
    if (hit) return hit;
    const longer: number[] = [];
    const shorter: number[] = [];
    let total = 0;
    if (t.length >= 2) {
      for (const id of this.byFirst.get(t[0]) ?? []) {
        const w = this.vocabList[id];
        if (w.length > t.length ? isShortening(t, w) : isShortening(w, t)) {
          if (w.length > t.length) {
            longer.push(id);
            total += this.df[id];
          } else shorter.push(id);
        }
      }
    }
    hit = { longer: { ids: longer, total }, shorter };
    this.cacheShort.set(t, hit);
    return hit;
  }

  /** org variants: the name, its parts, and its joined words split against the accounts' words */
  prepareOrg(name: string): Prepared {
    return this.withJoined(prepareName(name));
  }

  withJoined(p: Prepared): Prepared {
    const words = p.variants[0].n.surface;
    const known = (w: string) => this.surface.has(w) || this.vocab.has(w);
    if (!words.some((w) => !known(w) && w.length >= 3)) return p;
    // words typed joined, or a space moved into a word: split an unknown word, with its neighbours, against the accounts' words
    const out = [...words];
    let changed = false;
    for (let i = 0; i < out.length; i++) {
      if (known(out[i]) || out[i].length < 3) continue;
      for (const [from, to] of [[i, i + 1], [i, i + 2], [i - 1, i + 1], [i - 1, i + 2]]) {
        if (from < 0 || to > out.length) continue;
        const run = out.slice(from, to).join('');
        const seg = run.length >= 5 ? segment(run, this.surface, this.prefixes, CONNECTOR_WORDS) : null;
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
  rankPrepared(p: Prepared, k: number, exclude?: (accIndex: number) => boolean, extraCandidates: number[] = [], fast = false): Scored[] {
    const full = p.variants[0];
    // fast path: exactly one account has this very name (no other account shares its key, words or letters)
    if (fast && p.variants.length === 1 && !full.alt && !extraCandidates.length && full.n.key) {
      const exact = this.byKey.get(full.n.key);
      if (exact?.length === 1 && !exclude?.(exact[0]) && this.prep[exact[0]].variants.length === 1) {
        const s = comparePrepared(p, this.prep[exact[0]], this.ctx) as Scored;
        s.acc = exact[0];
        if (s.score >= 0.99) return [s];
      }
    }
    const acc = this.scratch;
    const touched: number[] = [];
    const add = (i: number, w: number) => {
      if (acc[i] === 0) touched.push(i);
      acc[i] += w;
    };
    const tokens = new Set<string>();
    const hit = (key: string) => {
      const l = this.byKey.get(key);
      if (l) for (const i of l) add(i, 1e6);
    };
    for (const v of p.variants) {
      for (const n of v.alt ? [v.n, v.alt] : [v.n]) {
        if (n.key) {
          hit(n.key);
          if (n.compact !== n.key) hit(n.compact);
          if (v.sorted !== n.key) hit(v.sorted);
        }
        for (const t of n.tokens) tokens.add(t);
      }
    }
    let orgWeight = 0;
    for (const t of full.n.tokens) orgWeight += this.ctx.weight(t);
    // rare words carry the search: words are read rarest first, and common ones ("dental") only while
    // the candidates found are few (a name always reads its rarest word)
    const list = [...tokens].map((t) => ({ t, id: this.vocab.get(t) }));
    list.sort((x, y) => (x.id === undefined ? 0 : this.postings[x.id].length) - (y.id === undefined ? 0 : this.postings[y.id].length));
    let read = 0;
    for (const { t, id } of list) {
      const w = id === undefined ? this.maxWeight : this.weights[id];
      if (id !== undefined) {
        const posting = this.postings[id];
        if (read === 0 || read + posting.length <= BUDGET) {
          for (const i of posting) add(i, w);
          read += posting.length;
        } else if (posting.length <= 20 * BUDGET) {
          // a common word finds no new candidates, but still ranks the ones the rarer words found
          for (const i of posting) if (acc[i] !== 0) acc[i] += w;
        }
      }
      for (const fid of this.fuzzy(t)) if (this.postings[fid].length <= COMMON) for (const i of this.postings[fid]) add(i, Math.min(w, this.weights[fid]) * 0.8);
      const rel = this.related(t);
      if (rel.longer.ids.length <= 8) for (const fid of rel.longer.ids) if (this.postings[fid].length <= COMMON) for (const i of this.postings[fid]) add(i, this.weights[fid] * 0.5);
      if (rel.shorter.length <= 8) for (const fid of rel.shorter) if (this.postings[fid].length <= COMMON) for (const i of this.postings[fid]) add(i, Math.min(w, this.weights[fid]) * 0.5);
    }
    for (const i of extraCandidates) add(i, 1e5);
    const keep = Math.max(10, k * 2);
    if (keep > this.preI.length) {
      this.preI = new Int32Array(keep);
      this.preW = new Float64Array(keep);
    }
    // the best few by shared weight, in two small parallel arrays (no allocation per candidate)
    const preI = this.preI;
    const preW = this.preW;
    let n = 0;
    for (const i of touched) {
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
    const out: Scored[] = [];
    let best = 0;
    for (let c = 0; c < n; c++) {
      const i = preI[c];
      const shared = preW[c];
      // once an auto-grade candidate is known, only one sharing most of the name could be a close runner-up
      if (fast && best >= 0.95 && shared < 1e5 && shared < 0.6 * orgWeight) continue;
      const s = comparePrepared(p, this.prep[i], this.ctx, best >= 0.95 ? best - 0.05 : 0) as Scored;
      if (s.score > best) best = s.score;
      if (s.score > 0) {
        s.acc = i;
        out.push(s);
      }
    }
    out.sort((a, b) => b.score - a.score || a.acc - b.acc);
    return out.slice(0, k);
  }
}

/** a word in more account names than this narrows nothing down on its own */
const COMMON = 600;
/** how many postings a name reads before it stops adding common words */
const BUDGET = 250;

function deletions(t: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) out.push(t.slice(0, i) + t.slice(i + 1));
  return out;
}

export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** One suggestion per org, in the order given. */
export function matchAll(orgs: NamedRecord[], accounts: NamedRecord[], opts: MatchOptions = {}): Suggestion[] {
  const index = new AccountIndex(accounts);
  const prepared = orgs.map((o) => prepareName(o.name));
  for (const p of prepared) for (const v of p.variants) if (v.kind === 'site') index.learnSite(v.dropped);
  for (const p of prepared) {
    for (const t of new Set(p.variants[0].n.tokens)) index.orgFreq.set(t, (index.orgFreq.get(t) ?? 0) + 1);
  }
  for (const p of prepared) index.withJoined(p);
  return decide(orgs, prepared, index, opts);
}
