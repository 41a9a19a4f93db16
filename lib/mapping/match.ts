/**
 * Suggests, for every VSA org, the BMS account it most likely is, with a confidence in [0,1], a
 * decision — `auto` (safe to link without review), `review` (show to the admin) or `none` (the best
 * candidate is shown, but weak) — and the reason as a code with arguments that the UI words.
 *
 * Candidates come from an inverted index of name tokens, never from all pairs (`candidates.ts`:
 * exact keys, shared words rarest first, words one slip away, shortened forms); this file adds what
 * the index needs of the accounts' words (joined words split against them, site words) and scores
 * the few best with `score.ts`; `decide.ts` turns scores and second signals into
 * decisions. Pure: no I/O.
 */
import { CandidateIndex } from './candidates';
import { decide, type MatchOptions, type Suggestion } from './decide';
import { normalizeName } from './normalize';
import { prepareName, variant } from './prepare';
import { comparePrepared, WeightPool, type Prepared, type ScoreContext, type Scored } from './score';
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
const SITE_NOUNS: ReadonlySet<string> = new Set(['branch', 'site', 'campus', 'location', 'office', 'hq', 'headquarters', 'filiale', 'standort', 'niederlassung', 'succursale', 'bureau']);

/** words that name a part of town or a building of a business, not the business */
const PLACE_WORDS = ['downtown', 'uptown', 'midtown', 'warehouse', 'annex', 'depot'];

/** An index of account names that answers "which accounts is this org most likely?" */
export class AccountIndex extends CandidateIndex {
  readonly accounts: NamedRecord[];
  private topK = new Float64Array(8);
  /** the scored candidates (scratch of rankPrepared) */
  private out: Scored[] = [];
  private surface = new Set<string>();
  private prefixes = new Set<string>();
  /** every start of a word that splitting joined words may use (the account's words, their prefixes, connectors) */
  private starts = new Set<string>();
  /** words that name a site (seen after a separator on either side, numbers, site nouns) */
  readonly siteWords = new Set<string>([...SITE_NOUNS, ...PLACE_WORDS]);
  /** the texts `learnSite` has read */
  private sitesRead = new Set<string>();
  /** how many org names hold a token (given by matchAll, so a slip is told from a second real word) */
  orgFreq: Map<string, number> = new Map();
  readonly ctx: ScoreContext;

  constructor(accounts: NamedRecord[]) {
    super(accounts.map((a) => prepareName(a.name)));
    this.accounts = accounts;
    for (const p of this.prep) {
      for (const v of p.variants) if (v.kind === 'site') this.learnSite(v.dropped);
      for (const t of p.variants[0].n.surface) this.surface.add(t);
    }
    for (const t of this.vocabList) this.surface.add(t);
    for (const t of this.surface) {
      for (let l = 3; l < t.length; l++) this.prefixes.add(t.slice(0, l));
      for (let l = 1; l <= t.length; l++) this.starts.add(t.slice(0, l));
    }
    for (const t of CONNECTOR_WORDS) for (let l = 1; l <= t.length; l++) this.starts.add(t.slice(0, l));
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
      siteNoun: (t) => this.siteNoun(t),
      pool: new WeightPool(),
    };
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

  /** a word that says "a site of" and names no place ("office", "branch") */
  siteNoun(t: string): boolean {
    return SITE_NOUNS.has(t);
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
    this.gather(p, exact, extraCandidates);
    let orgWeight = 0;
    for (let y = 0; y < full.n.tokens.length; y++) orgWeight += this.ctx.weight(full.n.tokens[y]);
    const keep = Math.max(10, k * 2);
    // the best few by shared weight
    const n = this.preselect(keep, exclude);
    const preI = this.preI;
    const preW = this.preW;
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
}

const NO_EXTRA: readonly number[] = [];
const byScore = (a: Scored, b: Scored) => b.score - a.score || a.acc - b.acc;

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
