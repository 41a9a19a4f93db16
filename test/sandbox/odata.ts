/**
 * The OData subset VSA's REST API accepts in $filter and $orderby: comparisons (eq ne gt ge lt le),
 * and/or/not, parentheses, substringof/contains/startswith/endswith, tolower/toupper.
 */
import { HttpError, RawHttpError } from './api';

type Value = string | number | boolean | null;
type Row = Record<string, unknown>;
export type Predicate = (row: Row) => boolean;

interface Tok { t: 'str' | 'num' | 'id' | 'op' | '(' | ')' | ','; v: string }

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '(' || ch === ')' || ch === ',') { out.push({ t: ch, v: ch }); i++; continue; }
    if (ch === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new HttpError(400, `$filter: unterminated string in "${src}"`);
        if (src[i] === "'") {
          if (src[i + 1] === "'") { s += "'"; i += 2; continue; }
          i++;
          break;
        }
        s += src[i++];
      }
      out.push({ t: 'str', v: s });
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num) { out.push({ t: 'num', v: num[0] }); i += num[0].length; continue; }
    const id = /^[A-Za-z_][A-Za-z0-9_./]*/.exec(src.slice(i));
    if (id) {
      const w = id[0];
      out.push({ t: ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'and', 'or', 'not'].includes(w.toLowerCase()) ? 'op' : 'id', v: w });
      i += w.length;
      continue;
    }
    throw new HttpError(400, `$filter: unexpected "${ch}" in "${src}"`);
  }
  return out;
}

type Expr = (row: Row) => Value;

/**
 * Real VSA types id fields as Edm.Int32 inside $filter, so an id filter on a real (15–26 digit) id
 * "fails with HTTP 400" (../shared/api-contract.md §2): the sandbox refuses every id field there.
 */
export const ID_FIELDS = new Set(['OrgId', 'ParentOrgId', 'MachineGroupId', 'ParentMachineGroupId', 'AgentId']);

export function parseFilter(src: string, fields: Set<string>): Predicate {
  const toks = lex(src);
  let p = 0;
  const peek = () => toks[p];
  const take = (t?: Tok['t'], v?: string): Tok => {
    const tok = toks[p];
    if (!tok || (t && tok.t !== t) || (v && tok.v.toLowerCase() !== v)) throw new HttpError(400, `$filter: syntax error near "${tok?.v ?? 'end'}" in "${src}"`);
    p++;
    return tok;
  };
  const field = (name: string): Expr => {
    if (!fields.has(name)) throw new HttpError(400, `$filter: "${name}" is not a filterable field`);
    if (ID_FIELDS.has(name)) throw new RawHttpError(400, `$filter: the value for ${name} is not a valid Edm.Int32 (ids cannot be filtered here; read /system/orgs/{id} or filter the list yourself)`);
    return (row) => (row[name] as Value) ?? null;
  };
  const operand = (): Expr => {
    const tok = take();
    if (tok.t === 'str') return () => tok.v;
    if (tok.t === 'num') return () => Number(tok.v);
    if (tok.t === 'id') {
      const low = tok.v.toLowerCase();
      if (low === 'true' || low === 'false') return () => low === 'true';
      if (low === 'null') return () => null;
      if ((low === 'tolower' || low === 'toupper') && peek()?.t === '(') {
        take('(');
        const inner = operand();
        take(')');
        return (row) => {
          const v = inner(row);
          return typeof v === 'string' ? (low === 'tolower' ? v.toLowerCase() : v.toUpperCase()) : v;
        };
      }
      return field(tok.v);
    }
    throw new HttpError(400, `$filter: unexpected "${tok.v}" in "${src}"`);
  };
  const primary = (): Predicate => {
    const tok = peek();
    if (!tok) throw new HttpError(400, `$filter: incomplete expression "${src}"`);
    if (tok.t === '(') {
      take('(');
      const e = orExpr();
      take(')');
      return e;
    }
    if (tok.t === 'op' && tok.v.toLowerCase() === 'not') {
      take();
      const e = primary();
      return (r) => !e(r);
    }
    if (tok.t === 'id' && toks[p + 1]?.t === '(' && ['substringof', 'contains', 'startswith', 'endswith'].includes(tok.v.toLowerCase())) {
      const fn = take().v.toLowerCase();
      take('(');
      const a = operand();
      take(',');
      const b = operand();
      take(')');
      return (r) => {
        // substringof(needle, haystack); the others take (haystack, needle)
        const [hay, needle] = fn === 'substringof' ? [b(r), a(r)] : [a(r), b(r)];
        if (typeof hay !== 'string' || typeof needle !== 'string') return false;
        const h = hay.toLowerCase();
        const n = needle.toLowerCase();
        return fn === 'startswith' ? h.startsWith(n) : fn === 'endswith' ? h.endsWith(n) : h.includes(n);
      };
    }
    const left = operand();
    const op = take('op').v.toLowerCase();
    const right = operand();
    return (r) => compare(left(r), op, right(r));
  };
  const andExpr = (): Predicate => {
    let e = primary();
    while (peek()?.t === 'op' && peek().v.toLowerCase() === 'and') {
      take();
      const l = e;
      const rr = primary();
      e = (r) => l(r) && rr(r);
    }
    return e;
  };
  const orExpr = (): Predicate => {
    let e = andExpr();
    while (peek()?.t === 'op' && peek().v.toLowerCase() === 'or') {
      take();
      const l = e;
      const rr = andExpr();
      e = (r) => l(r) || rr(r);
    }
    return e;
  };
  const pred = orExpr();
  if (p !== toks.length) throw new HttpError(400, `$filter: unexpected "${toks[p].v}" in "${src}"`);
  return pred;
}

function compare(a: Value, op: string, b: Value): boolean {
  // ids travel as numbers or strings; compare numerically when both sides look numeric
  if (typeof a === 'number' && typeof b === 'string' && /^-?\d+(\.\d+)?$/.test(b)) b = Number(b);
  if (typeof b === 'number' && typeof a === 'string' && /^-?\d+(\.\d+)?$/.test(a)) a = Number(a);
  switch (op) {
    case 'eq': return a === b;
    case 'ne': return a !== b;
    case 'gt': return a !== null && b !== null && a > b;
    case 'ge': return a !== null && b !== null && a >= b;
    case 'lt': return a !== null && b !== null && a < b;
    case 'le': return a !== null && b !== null && a <= b;
  }
  return false;
}

export function parseOrderBy(src: string, fields: Set<string>): (a: Row, b: Row) => number {
  const parts = src.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const [name, dir = 'asc'] = s.split(/\s+/);
    if (!fields.has(name)) throw new HttpError(400, `$orderby: "${name}" is not a sortable field`);
    if (!/^(asc|desc)$/i.test(dir)) throw new HttpError(400, `$orderby: direction must be asc or desc, not "${dir}"`);
    return { name, sign: dir.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { name, sign } of parts) {
      const x = a[name] as Value;
      const y = b[name] as Value;
      if (x === y) continue;
      if (x === null) return -sign;
      if (y === null) return sign;
      return (x < y ? -1 : 1) * sign;
    }
    return 0;
  };
}
