/**
 * Name patterns an admin types (exclusions, category rules): glob-style, case-insensitive, whole
 * name. `*` is any run of characters, `?` one character, `\` takes the next character literally.
 * No regular expression is built from admin input: matching is a linear-time wildcard walk, so a
 * pattern cannot hang the sync. A malformed pattern gets a precise error and matches nothing.
 * Pure: no I/O.
 */

export const MAX_PATTERN_LENGTH = 200;

type Token = { kind: 'star' } | { kind: 'any' } | { kind: 'char'; c: string };

export interface CompiledPattern {
  /** the pattern as typed */
  source: string;
  /** null when the pattern is usable; else why not (the pattern then matches nothing) */
  error: string | null;
  test(name: string | null | undefined): boolean;
}

const fold = (s: string) => s.normalize('NFC').toLowerCase();

function tokenize(p: string): Token[] | string {
  const out: Token[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (i === p.length - 1) return `ends with a lone "\\" (write "\\\\" for a backslash)`;
      out.push({ kind: 'char', c: p[++i] });
    } else if (c === '*') {
      // "**" is the same as "*"
      if (out[out.length - 1]?.kind !== 'star') out.push({ kind: 'star' });
    } else if (c === '?') out.push({ kind: 'any' });
    else out.push({ kind: 'char', c });
  }
  return out;
}

/** wildcard matching with a single backtrack point per star: O(name × pattern) at worst */
function matches(tokens: Token[], name: string): boolean {
  let t = 0;
  let n = 0;
  let starT = -1;
  let starN = 0;
  while (n < name.length) {
    const tok = tokens[t];
    if (tok && (tok.kind === 'any' || (tok.kind === 'char' && tok.c === name[n]))) {
      t++;
      n++;
    } else if (tok?.kind === 'star') {
      starT = t++;
      starN = n;
    } else if (starT >= 0) {
      t = starT + 1;
      n = ++starN;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

export function compilePattern(source: string): CompiledPattern {
  const never = (error: string): CompiledPattern => ({ source, error, test: () => false });
  if (typeof source !== 'string') return never('the pattern is not text');
  const trimmed = source.trim();
  if (!trimmed) return never('the pattern is empty');
  if (trimmed.length > MAX_PATTERN_LENGTH) return never(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return never('the pattern contains a control character (a tab or line break)');
  const tokens = tokenize(fold(trimmed));
  if (typeof tokens === 'string') return never(`the pattern ${tokens}`);
  return { source, error: null, test: (name) => typeof name === 'string' && matches(tokens, fold(name.trim())) };
}

/** the message for a rule whose pattern is malformed, naming the rule and the cause */
export const patternError = (what: string, p: CompiledPattern): string | null =>
  p.error === null ? null : `${what}: "${p.source}" is not a usable pattern: ${p.error}. It matches nothing until it is fixed.`;
