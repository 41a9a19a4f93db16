/**
 * Keeps shortened names of forms set C fair: a shortened or cut name ("Smith Cons", "valley-view-com")
 * must not read as a second business of the same owner ("Smith Construction" / "Smith Consulting"),
 * neither one made before nor one made after.
 */
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').toLowerCase();
const STOP = new Set(['and', 'of', 'the', 'dr', 'n', 'de']);
const toks = (s: string) => fold(s).replace(/['’]/g, '').split(/[^a-z0-9]+/).filter((x) => x && !STOP.has(x));

/** `a` could be written for `f`: same first letter and a's letters in f's order */
function abbreviates(a: string, f: string): boolean {
  if (!a || !f || a[0] !== f[0]) return false;
  let j = 0;
  for (const c of f) if (c === a[j]) j++;
  return j >= a.length;
}

interface Short { words: string[]; joined: string }

export class ShortGuard {
  private names = new Map<string, string[][]>();
  private shorts = new Map<string, Short[]>();

  private static reads(s: Short, full: string[]): boolean {
    if (s.words.length === full.length && s.words.every((w, i) => abbreviates(w, full[i]))) return true;
    return abbreviates(s.joined, full.join(''));
  }

  /** a new business name of `owner`: false when a shortened name kept before would read as it too */
  clashes(owner: string, name: string): boolean {
    const t = toks(name);
    return (this.shorts.get(fold(owner)) ?? []).some((s) => ShortGuard.reads(s, t));
  }

  add(owner: string, name: string): void {
    const k = fold(owner);
    const list = this.names.get(k) ?? [];
    list.push(toks(name));
    this.names.set(k, list);
  }

  /** true (and kept) when `short` reads as no business of `owner` but `own` */
  keep(owner: string, short: string, own: string): boolean {
    const k = fold(owner);
    const w = toks(short);
    const s: Short = { words: w, joined: w.join('') };
    const mine = toks(own).join(' ');
    if ((this.names.get(k) ?? []).some((n) => n.join(' ') !== mine && ShortGuard.reads(s, n))) return false;
    const list = this.shorts.get(k) ?? [];
    list.push(s);
    this.shorts.set(k, list);
    return true;
  }
}
