/**
 * Whether two names read the same as written, ignoring case and runs of white space only (the
 * strongest "same name" there is). Two printable ASCII names are compared in place; other names
 * through their plain reading, made once per variant. Pure.
 */
import type { Variant } from './score';

/** the name as written, in lower case with single spaces (without a regular expression when it already has them) */
export function plainText(text: string): string {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // anything that may be white space other than a single inner space: the general way
    if (c < 32 || c === 0xa0 || c >= 0x1680 || (c === 32 && (i === 0 || i === n - 1 || text.charCodeAt(i - 1) === 32))) return text.trim().replace(/\s+/g, ' ').toLowerCase();
  }
  return text.toLowerCase();
}

const plainOf = (v: Variant) => (v.plain ??= plainText(v.n.raw));

/** true when two variants read the same in lower case with single spaces (two printable ASCII names compared in place, making neither string) */
export function samePlain(x: Variant, y: Variant): boolean {
  if ((x.plain === null || y.plain === null) && printable(x.n.raw) && printable(y.n.raw)) return plainEqual(x.n.raw, y.n.raw);
  return plainOf(x) === plainOf(y);
}

function printable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** `plainText(a) === plainText(b)` for printable ASCII, where the only white space is " " and the only capitals A-Z */
function plainEqual(a: string, b: string): boolean {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  while (i < n && a.charCodeAt(i) === 32) i++;
  while (j < m && b.charCodeAt(j) === 32) j++;
  for (;;) {
    // each side's next character: a run of spaces is one (none at the end), a capital in lower case, -1 at the end
    let ca = -1;
    if (i < n) {
      ca = a.charCodeAt(i);
      if (ca === 32) {
        while (i < n && a.charCodeAt(i) === 32) i++;
        if (i >= n) ca = -1;
      } else {
        i++;
        if (ca >= 65 && ca <= 90) ca += 32;
      }
    }
    let cb = -1;
    if (j < m) {
      cb = b.charCodeAt(j);
      if (cb === 32) {
        while (j < m && b.charCodeAt(j) === 32) j++;
        if (j >= m) cb = -1;
      } else {
        j++;
        if (cb >= 65 && cb <= 90) cb += 32;
      }
    }
    if (ca !== cb) return false;
    if (ca === -1) return true;
  }
}
