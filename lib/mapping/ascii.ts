/**
 * The fast path of normalization for the names most tenants have: printable ASCII. One pass says
 * what the general patterns would find; words are cut out without an intermediate string. Pure.
 */

/** what `asciiFlags` found: a non-space character, a space between two, - _ . before a letter, a quote, & or +, a dot */
export const F_WORD = 1;
export const F_SPACE_INSIDE = 2;
export const F_REF_JOIN = 4;
export const F_QUOTE = 8;
export const F_AND = 16;
export const F_DOT = 32;

/**
 * One pass over a name: -1 when it is not printable ASCII (the general path), else the F_ bits,
 * each what its pattern finds in a printable ASCII name (where the only white space is " ", the only
 * letters a-z and A-Z, and the only quotes ' and `)
 */
export function asciiFlags(s: string): number {
  let f = 0;
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return -1;
    if (c === 32) {
      space = true;
      continue;
    }
    if (space && f & F_WORD) f |= F_SPACE_INSIDE;
    space = false;
    f |= F_WORD;
    if (c === 0x2d || c === 0x5f || c === 0x2e) {
      // - _ . before a letter
      const d = s.charCodeAt(i + 1) | 0x20;
      if (d >= 97 && d <= 122) f |= F_REF_JOIN;
      if (c === 0x2e) f |= F_DOT;
    } else if (c === 0x27 || c === 0x60) f |= F_QUOTE;
    else if (c === 0x26 || c === 0x2b) f |= F_AND;
  }
  return f;
}

/** scratch of `asciiWords` (a name's words are kept in an array of their own size: an array grown by push keeps room for 17) */
const WORDS: string[] = [];

/** the runs of a-z and 0-9 in a lower-case ASCII string (one pass, no intermediate string) */
export function asciiWords(s: string): string[] {
  const out = WORDS;
  let n = 0;
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out[n++] = s.slice(start, i);
      start = -1;
    }
  }
  const words = out.slice(0, n);
  out.length = 0;
  return words;
}
