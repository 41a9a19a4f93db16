/**
 * A name made ready for matching: its variants (the name, and the parts it stands for: the trading
 * name, the business without its site), each normalized as written and, when it has accents, with
 * them stripped, with its words sorted for word-order matches. Pure.
 */
import { normalizeName } from './normalize';
import type { Prepared, Variant } from './score';
import { nameParts } from './variants';

const NON_ASCII = /[\u0080-\uffff]/;

export function variant(kind: Variant['kind'], text: string, dropped = ''): Variant {
  const n = normalizeName(text, 'translit');
  // the accent-stripped reading only when there is something to strip
  const altN = NON_ASCII.test(text) ? normalizeName(text, 'strip') : null;
  const alt = altN && altN.key !== n.key ? altN : null;
  return { kind, n, alt, sorted: sortedKey(n.tokens, n.key), plain: null, dropped, w: -1, wFor: null };
}

/** the tokens in sorted order, joined (the key itself when they already are) */
function sortedKey(tokens: readonly string[], key: string): string {
  let i = 1;
  while (i < tokens.length && tokens[i - 1] <= tokens[i]) i++;
  if (i >= tokens.length) return key;
  // an insertion sort: names have a few words
  const out = tokens.slice();
  for (; i < out.length; i++) {
    const t = out[i];
    let j = i;
    while (j > 0 && out[j - 1] > t) {
      out[j] = out[j - 1];
      j--;
    }
    out[j] = t;
  }
  return out.join(' ');
}

export function prepareName(name: string): Prepared {
  const raw = name ?? '';
  const parts = nameParts(raw);
  const full = variant('full', raw);
  // an array of its own size (one grown by push keeps room for 17): most names have no parts
  const variants = parts.length ? [full].concat(parts.map((p) => variant(p.kind, p.text, p.dropped))) : [full];
  return { raw, variants };
}
