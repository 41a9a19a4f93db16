/**
 * How the words of a vocabulary relate to a word: the words one typing slip away (found through a
 * deletion index, two slips for long words), the words it is a shortened form of and the words that
 * shorten it (by one scan of the words with its first letter). Each answer is kept. Pure.
 */
import { closeWords, isShorteningAs, shortForm } from './tokens';

export class WordRelations {
  private deletionIndex = new Map<string, number[]>();
  private byFirst = new Map<string, number[]>();
  private cacheFuzzy = new Map<string, number[]>();
  /** per vocabulary word: the last `fuzzy` call that found it */
  private seen: Int32Array;
  private serial = 0;
  /** each vocabulary word's `shortForm` */
  private forms: Uint8Array;
  private cacheShort = new Map<string, { longer: { ids: number[]; total: number }; shorter: number[] }>();

  /** the vocabulary by word, by id, and each word's document frequency */
  constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    private readonly vocabList: readonly string[],
    private readonly df: readonly number[],
  ) {
    this.forms = new Uint8Array(vocabList.length);
    this.seen = new Int32Array(vocabList.length);
    vocabList.forEach((t, id) => {
      this.forms[id] = shortForm(t);
      push(this.byFirst, t[0], id);
      if (t.length >= 4) for (const d of deletions(t)) push(this.deletionIndex, d, id);
    });
  }

  /** vocabulary words one typing slip from t (two for long words) */
  fuzzy(t: string): number[] {
    let hit = this.cacheFuzzy.get(t);
    if (hit) return hit;
    hit = [];
    if (t.length >= 4) {
      // each word once, in the order first found (a stamp per word instead of a set)
      const stamp = ++this.serial;
      const seen = this.seen;
      const add = (id: number) => {
        if (seen[id] === stamp) return;
        seen[id] = stamp;
        const w = this.vocabList[id];
        if (w !== t && closeWords(w, t)) hit!.push(id);
      };
      for (let i = -1; i < t.length; i++) {
        // t itself, then t without its i-th letter
        const d = i < 0 ? t : t.slice(0, i) + t.slice(i + 1);
        const ids = this.deletionIndex.get(d);
        if (ids) for (let x = 0; x < ids.length; x++) add(ids[x]);
        // (t itself is not one slip from t)
        const exact = i < 0 ? undefined : this.vocab.get(d);
        if (exact !== undefined && d.length >= 4) add(exact);
      }
    }
    this.cacheFuzzy.set(t, hit);
    return hit;
  }

  /** vocabulary words t shortens (longer) and words that shorten t (shorter), by one scan of the words with t's first letter */
  related(t: string): { longer: { ids: number[]; total: number }; shorter: number[] } {
    let hit = this.cacheShort.get(t);
    if (hit) return hit;
    const longer: number[] = [];
    const shorter: number[] = [];
    let total = 0;
    if (t.length >= 2) {
      // what t is as a short word, once, not once per word it is tried against
      const form = shortForm(t);
      for (const id of this.byFirst.get(t[0]) ?? []) {
        const w = this.vocabList[id];
        if (w.length > t.length ? isShorteningAs(t, w, form) : isShorteningAs(w, t, this.forms[id])) {
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
