/**
 * Page patterns: how the extension writes down where a BMS page lives and where its record id sits.
 * One syntax for the built-in candidates (lib/host/routes.ts) and the ones an admin teaches (W2):
 *
 *   /CRM/AccountEdit.aspx?ID={id}        the id in a query parameter (legacy WebForms)
 *   /react/crm/accounts/{id}/{tab}       the id (and the tab) as path segments (React)
 *   /react/servicedesk/assets/hardware   a page without a record id
 *
 * `*` stands for one path segment. Paths compare case-insensitively (IIS does), query keys too.
 * A malformed pattern is refused with a sentence that names what is wrong; it never matches "all".
 */
export type BmsPage = 'account' | 'asset-list' | 'asset' | 'rmm-settings';
export const BMS_PAGES: BmsPage[] = ['account', 'asset-list', 'asset', 'rmm-settings'];
/** the pages whose address carries a record number */
export const PAGE_HAS_ID: Record<BmsPage, boolean> = { account: true, 'asset-list': false, asset: true, 'rmm-settings': false };

export interface CompiledPattern {
  page: BmsPage;
  pattern: string;
  path: RegExp;
  /** the query key (lower case) holding the id, when the id is in the query */
  idKey: string | null;
  /** the path group holding the id / the tab, 1-based, 0 when none */
  idGroup: number;
  tabGroup: number;
  /** query keys (lower case) that must be present with this exact value */
  literals: [string, string][];
}

export interface PatternMatch {
  /** the record id, null when the pattern's id is in the query and the query has none (the form action may) */
  id: number | null;
  tab: string | null;
}

const MAX_ID = 2 ** 31 - 1;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const idOf = (s: string | null | undefined): number | null => {
  if (!s || !/^\d{1,10}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= MAX_ID ? n : null;
};

export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

/** compiles a pattern for one page type, or throws a PatternError saying what is wrong with it */
export function compilePattern(page: BmsPage, raw: string): CompiledPattern {
  const pattern = raw.trim();
  if (!pattern) throw new PatternError('The pattern is empty: enter the path of the page, e.g. /CRM/AccountEdit.aspx?ID={id}.');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pattern)) throw new PatternError(`"${pattern}" is a full address: enter only the path after the BMS address, starting with /.`);
  if (!pattern.startsWith('/')) throw new PatternError(`"${pattern}" does not start with /: a pattern is the path after the BMS address.`);
  if (pattern.includes('#')) throw new PatternError(`"${pattern}" has a # part: BMS pages are told apart by path and query only.`);
  if (/\s/.test(pattern)) throw new PatternError(`"${pattern}" contains a space.`);
  const [pathPart, query = '', ...rest] = pattern.split('?');
  if (rest.length) throw new PatternError(`"${pattern}" has more than one "?".`);
  const unknown = [...pattern.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((n) => n !== 'id' && n !== 'tab');
  if (unknown.length) throw new PatternError(`"${pattern}" uses {${unknown[0]}}: only {id} and {tab} are known.`);
  if (/[{}]/.test(pattern.replace(/\{(id|tab)\}/g, ''))) throw new PatternError(`"${pattern}" has an unmatched { or }.`);
  const ids = (pattern.match(/\{id\}/g) ?? []).length;
  if (ids > 1) throw new PatternError(`"${pattern}" has {id} ${ids} times: the record number sits in one place.`);
  if (PAGE_HAS_ID[page] && !ids) throw new PatternError(`"${pattern}" has no {id}: mark where the ${page === 'account' ? 'account' : 'asset'} number sits, e.g. ?ID={id} or /{id}.`);
  if (!PAGE_HAS_ID[page] && ids) throw new PatternError(`"${pattern}" has {id}, but this page shows no single record.`);
  if ((pattern.match(/\{tab\}/g) ?? []).length > 1) throw new PatternError(`"${pattern}" has {tab} more than once.`);

  let idGroup = 0;
  let tabGroup = 0;
  let group = 0;
  const segments = pathPart.replace(/\/+$/, '').split('/').slice(1);
  const re = segments.map((seg) => {
    if (seg === '{id}') {
      idGroup = ++group;
      return '(\\d{1,10})';
    }
    if (seg === '{tab}') {
      tabGroup = ++group;
      return '([A-Za-z0-9_-]+)';
    }
    if (seg === '*') return '[^/]+';
    if (/\{(id|tab)\}/.test(seg)) throw new PatternError(`"${pattern}": {id} and {tab} must fill a whole path segment (between two /).`);
    if (!seg) throw new PatternError(`"${pattern}" has an empty path segment (//).`);
    return escapeRe(seg);
  });
  const path = new RegExp(`^/${re.join('/')}/?$`, 'i');

  let idKey: string | null = null;
  const literals: [string, string][] = [];
  if (query) {
    for (const pair of query.split('&')) {
      const [k, v, ...more] = pair.split('=');
      if (!k || v === undefined || more.length) throw new PatternError(`"${pattern}": the query part "${pair}" is not key=value.`);
      if (v === '{id}') idKey = k.toLowerCase();
      else if (/\{tab\}/.test(v)) throw new PatternError(`"${pattern}": {tab} belongs in the path.`);
      else literals.push([k.toLowerCase(), v]);
    }
  }
  return { page, pattern, path, idKey, idGroup, tabGroup, literals };
}

/** lower-cased query keys → first value */
function queryOf(url: URL): Map<string, string> {
  const q = new Map<string, string>();
  for (const [k, v] of url.searchParams) if (!q.has(k.toLowerCase())) q.set(k.toLowerCase(), v);
  return q;
}

/** matches a parsed URL against one pattern: null when it is not that page */
export function matchPattern(p: CompiledPattern, url: URL): PatternMatch | null {
  const m = p.path.exec(url.pathname.replace(/\/{2,}/g, '/'));
  if (!m) return null;
  const q = queryOf(url);
  for (const [k, v] of p.literals) if ((q.get(k) ?? '').toLowerCase() !== v.toLowerCase()) return null;
  let id: number | null = null;
  if (p.idGroup) {
    id = idOf(m[p.idGroup]);
    if (id === null) return null;
  } else if (p.idKey) {
    const v = q.get(p.idKey);
    if (v !== undefined && v !== '') {
      id = idOf(v);
      if (id === null) return null; // ?ID=abc is not this page
    }
  }
  return { id, tab: p.tabGroup ? m[p.tabGroup].toLowerCase() : null };
}

/**
 * W2: the pattern of a page the admin says is of `page`, derived from its address: the id is the query
 * parameter whose name ends in "id" with a number in it, else the last path segment that is a number.
 * Throws a PatternError when a page that needs an id has none in its address.
 */
export function derivePattern(page: BmsPage, href: string): string {
  const url = new URL(href);
  const path = url.pathname.replace(/\/{2,}/g, '/').replace(/\/+$/, '') || '/';
  const bare = path.split('/').map((s) => s.replace(/[{}*]/g, '')).join('/');
  if (!PAGE_HAS_ID[page]) return bare;
  for (const [k, v] of url.searchParams) {
    if (/id$/i.test(k) && idOf(v) !== null) return `${bare}?${k}={id}`;
  }
  const segs = bare.split('/');
  for (let i = segs.length - 1; i > 0; i--) {
    if (idOf(segs[i]) !== null) {
      segs[i] = '{id}';
      return segs.join('/');
    }
  }
  throw new PatternError(`This address has no record number (${path}${url.search}): open one ${page === 'account' ? 'account' : 'asset'} and teach from there.`);
}
