/**
 * How the words of a vocabulary relate to a word: the words one typing slip away (found through a
 * deletion index, two slips for long words), the words it is a shortened form of and the words that
 * shorten it (by one scan of the words with its first letter). Each answer is kept. Pure.
 */
import { closeWords, isShortening } from './tokens';

export class WordRelations {
  private deletionIndex = new Map<string, number[]>();
  private byFirst = new Map<string, number[]>();
  private cacheFuzzy = new Map<string, number[]>();
  private cacheShort = new Map<string, { longer: { ids: number[]; total: number }; shorter: number[] }>();

  /** the vocabulary by word, by id, and each word's document frequency */
  constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    private readonly vocabList: readonly string[],
    private readonly df: readonly number[],
  ) {
    vocabList.forEach((t, id) => {
      push(this.byFirst, t[0], id);
      if (t.length >= 4) for (const d of deletions(t)) push(this.deletionIndex, d, id);
    });
  }

  /** vocabulary words one typing slip from t (two for long words) */
  fuzzy(t: string): number[] {
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

  /** vocabulary words t shortens (longer) and words that shorten t (shorter), by one scan of the words with t's first letter */
  related(t: string): { longer: { ids: number[]; total: number }; shorter: number[] } {
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
