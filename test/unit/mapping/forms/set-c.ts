/**
 * Forms set C: a third forms set, written apart from sets A and B from how small and medium
 * businesses (practices, firms, contractors, schools, churches, councils, shops, manufacturers in
 * the US, UK, Germany, Canada and Australia) are named in a PSA (the account, as sales or the
 * accounting import typed it) and in an RMM (the org, often a technician's short reference or one
 * site). Never tuned on. Forms are labelled like sets A and B so per-form scores line up.
 */
import { build, type Biz, type Builder, type FormsSet, type Writer } from './core';
import { ascii, loose, shortRef, shorten, titleCase, typo, typographic } from './set-c-text';
import { CITIES, COUNTRY_WEIGHTS, type Country, LEGAL, NONPROFIT_LEGAL, OWNERS, SITES, STREETS, TRADES } from './set-c-words';
import { ShortGuard } from './set-c-guard';
import { numberName, initialsName, siblingPair, twoTrades, holdingName } from './set-c-names';

interface Meta { bare: string; country: Country; owner: string; trade: string; nonprofit: boolean; flags: string }

export function setC(orgCount: number, seed = 303, accountCount?: number): FormsSet {
  const claimed = new Set<string>();
  const reserved = new Set<string>();
  const meta = new Map<string, Meta>();
  const made: Meta[] = [];
  const codes = new Set<string>();
  const domains = new Set<string>();
  let want: Country | null = null;
  const guard = new ShortGuard();

  const pickW = <T>(r: () => number, a: [T, number][]) => {
    let x = r() * a.reduce((s, [, n]) => s + n, 0);
    return a.find(([, n]) => (x -= n) < 0)?.[0] ?? a[0][0];
  };
  const pick = <T>(r: () => number, a: readonly T[]): T => a[Math.floor(r() * a.length)];
  /** one owner's trades that a person could take for one another share a family key */
  const FAMILIES: [RegExp, string][] = [[/dent|ortho|oral/, 'dent'], [/medic|clinic|surgery|practice|praxis dr/, 'med'], [/vet|animal|tierarzt/, 'vet'],
    [/law|legal|solicitor|avocat|kanzlei|rechtsanw|notaire/, 'law'], [/account|cpa|tax|steuer|comptab/, 'acc'], [/plumb|heating|sanit|plomb|haustechnik/, 'plu'],
    [/electr|elektr|électr/, 'ele'], [/construct|builder|bau|contract/, 'bui'], [/realty|real estate|estate agent|immobil|propert/, 'rea'],
    [/insur|versich|assur/, 'ins'], [/physio|physical therapy/, 'phy'], [/pharm|apothek/, 'pha'], [/auto|motor|garage|collision/, 'aut'],
    [/school|academy|schule|école/, 'sch'], [/church/, 'chu']];
  const resKey = (owner: string, tmpl: string) => {
    const t = tmpl.replace('{O}', '').toLowerCase();
    return `${loose(owner)}|${FAMILIES.find(([re]) => re.test(t))?.[1] ?? loose(t).slice(0, 3)}`;
  };

  /** a business name never made before (loosely), and no second business of one owner whose trade starts alike */
  const makeBiz = (r: () => number): Biz => {
    for (;;) {
      const country = want ?? pickW(r, COUNTRY_WEIGHTS);
      const [flags, tmpl] = pick(r, TRADES[country]).split('|');
      const kinds = [...flags].filter((c) => 'sptb'.includes(c)) as ('s' | 'p' | 't' | 'b')[];
      const owner = pick(r, OWNERS[country][pick(r, kinds)]);
      const bare = tmpl.replace('{O}', owner);
      const rk = resKey(owner, tmpl);
      if (claimed.has(loose(bare)) || reserved.has(rk) || guard.clashes(owner, bare)) continue;
      guard.add(owner, bare);
      claimed.add(loose(bare));
      reserved.add(rk);
      const m: Meta = { bare, country, owner, trade: tmpl, nonprofit: flags.includes('n'), flags };
      const name = r() < 0.35 ? bare + legalOf(r, m) : bare;
      meta.set(name, m);
      made.push(m);
      return { owner, trade: tmpl.replace('{O}', '').trim(), name };
    }
  };
  const legalOf = (r: () => number, m: Meta) => (m.nonprofit ? (r() < 0.3 ? pick(r, NONPROFIT_LEGAL[m.country]) : '') : pick(r, LEGAL[m.country]));
  const biz = (b: Builder, country?: Country): Meta => {
    want = country ?? null;
    const z = b.biz();
    want = null;
    return meta.get(z.name)!;
  };
  /** claims a name made by hand (a decoy, a retyped form) so no later business gets it */
  const take = (b: Builder, name: string) => {
    const k = loose(name);
    if (!k || claimed.has(k) || !b.fresh(name)) return false;
    claimed.add(k);
    return true;
  };
  const code = (r: () => number, bare: string) => {
    const ws = ascii(bare, r).toUpperCase().split(/[^A-Z0-9]+/).filter((x) => x && !['OF', 'THE', 'DR', 'AND'].includes(x));
    const style = r();
    let c = style < 0.4 ? ws[0].slice(0, 5) + (ws[1] ?? '').slice(0, 3) : style < 0.7 ? ws.map((x) => x[0]).join('') + String(1 + Math.floor(r() * 20)).padStart(2, '0') : `C${1000 + Math.floor(r() * 9000)}`;
    while (codes.has(c)) c += String(Math.floor(r() * 10));
    codes.add(c);
    return c;
  };
  const TLD: Record<Country, string[]> = { US: ['.com', '.com', '.net', '.org', '.us'], UK: ['.co.uk', '.co.uk', '.uk', '.org.uk'], DE: ['.de'], CA: ['.ca', '.com'], FR: ['.ca', '.qc.ca', '.com'], AU: ['.com.au', '.com.au', '.net.au', '.org.au'] };
  const FREE: Record<Country, string[]> = { US: ['gmail.com', 'outlook.com', 'yahoo.com'], UK: ['btinternet.com', 'gmail.com'], DE: ['t-online.de', 'gmx.de', 'web.de'], CA: ['shaw.ca', 'gmail.com'], FR: ['videotron.ca', 'gmail.com'], AU: ['bigpond.com', 'gmail.com'] };
  const domain = (r: () => number, bare: string, country: Country) => {
    const slug = ascii(bare, r).toLowerCase().replace(/&/g, 'and').split(/[^a-z0-9]+/).filter((x) => x && !['of', 'the', 'dr'].includes(x));
    let d = (r() < 0.3 && slug.length > 2 ? slug.slice(0, 2) : slug).join(r() < 0.2 ? '-' : '') + pick(r, TLD[country]);
    while (domains.has(d)) d = d.replace('.', `${Math.floor(r() * 10)}.`);
    domains.add(d);
    return d;
  };
  /** an account; most carry an AccountCode or email domains of their own (BMS tenants do), which no org of these forms shares */
  const account = (b: Builder, name: string, m: Pick<Meta, 'bare' | 'country'>) => {
    const extra: { ref?: string; domains?: string[] } = {};
    if (b.r() < 0.35) extra.ref = code(b.r, m.bare);
    if (b.r() < 0.3) extra.domains = b.r() < 0.3 ? [domain(b.r, m.bare, m.country), pick(b.r, FREE[m.country])] : [domain(b.r, m.bare, m.country)];
    return b.account(name, extra);
  };
  const withLegal = (b: Builder, m: Meta, p = 0.65) => (b.r() < p ? m.bare + legalOf(b.r, m) : m.bare);
  /** the same name as a person retypes it: case, legal form written or not, & for and, spacing */
  const retype = (b: Builder, m: Meta, s: string) => {
    const r = b.r;
    let out = s;
    const k = r();
    if (k < 0.25) out = out.toUpperCase();
    else if (k < 0.35) out = out.toLowerCase();
    else if (k < 0.45) out = titleCase(out);
    if (r() < 0.2 && out.includes(' & ')) out = out.replace(' & ', ' and ');
    else if (r() < 0.2 && / and /i.test(out)) out = out.replace(/ and /i, ' & ');
    if (r() < 0.1) out = out.replace(' ', '  ');
    if (r() < 0.25 && !m.nonprofit) out += legalOf(r, m);
    if (r() < 0.05 && m.country !== 'DE' && m.country !== 'FR' && !/^(city|town|village) /i.test(out)) out = `The ${out}`;
    return out;
  };
  const branchFmt = (r: () => number) => pick(r, [' – {c}', ' - {c}', ' - {c}', ' ({c})', ' ({c})', ' {c}', ', {c}', ' - {c} Office', ' – {c} Branch', ' / {c}']);
  const branchPlace = (r: () => number, m: Meta) => (r() < 0.7 ? pick(r, CITIES[m.country]) : r() < 0.6 ? pick(r, STREETS) : pick(r, SITES));

  const plain: Writer = (b) => {
    const m = biz(b);
    const acct = withLegal(b, m);
    let org = b.r() < 0.2 ? acct : retype(b, m, m.bare);
    // trade-first German names are often typed owner-first ("Müller Steuerberatung")
    if (m.country === 'DE' && !m.trade.startsWith('{O}') && b.r() < 0.25) org = `${m.owner} ${m.trade.replace('{O}', '').replace('Dr.', '').trim()}`;
    b.org(org, account(b, acct, m), 'plain');
  };

  const shortref: Writer = (b) => {
    const m = biz(b);
    const id = account(b, withLegal(b, m), m);
    const full = shortRef(m.bare, b.r);
    const ownerLen = ascii(m.owner, b.r).replace(/[^A-Za-z0-9]/g, '').length;
    // cut at a field limit only where the cut keeps the owner and four letters of the trade
    const limit = b.r() < 0.35 && m.trade.startsWith('{O}') ? pick(b.r, [8, 10, 12, 15, 16, 20]) : undefined;
    const cut = limit && limit >= ownerLen + 5 ? shortRef(m.bare, b.r, limit) : full;
    const name = cut !== full && !guard.keep(m.owner, cut, m.bare) ? full : cut;
    b.org(name, id, 'shortref');
  };

  /** a business that can have sites (not a town, council or school district) */
  const sited = (b: Builder) => {
    for (;;) {
      const m = biz(b);
      if (!m.flags.includes('t')) return m;
      account(b, withLegal(b, m), m);
    }
  };
  /** a business, not a body without a legal form */
  const company = (b: Builder) => {
    for (;;) {
      const m = biz(b);
      if (!m.nonprofit) return m;
      account(b, withLegal(b, m), m);
    }
  };
  const branch: Writer = (b) => {
    const m = sited(b);
    const place = branchPlace(b.r, m);
    if (!take(b, `${m.bare} ${place}`)) return;
    const fmt = branchFmt(b.r).replace('{c}', place);
    if (b.r() < 0.7) {
      const id = account(b, withLegal(b, m), m);
      b.org(b.r() < 0.12 ? shortRef(`${m.bare} ${place}`, b.r) : m.bare + fmt, id, 'branch');
    } else {
      const id = account(b, withLegal(b, m, 0.4) + fmt, m);
      b.org(retype(b, m, m.bare), id, 'branch');
    }
  };

  const branchDecoy: Writer = (b) => {
    const m = sited(b);
    const n = b.r() < 0.7 ? 2 : 3;
    const places = new Set<string>();
    while (places.size < n) places.add(pick(b.r, CITIES[m.country]));
    const ps = [...places];
    if (!ps.every((p) => take(b, `${m.bare} ${p}`))) return;
    const fmt = branchFmt(b.r);
    const legal = b.r() < 0.4 ? legalOf(b.r, m) : '';
    const ids = ps.map((p) => account(b, m.bare + legal + fmt.replace('{c}', p), m));
    const parent = b.r() < 0.3 ? account(b, m.bare + legalOf(b.r, m), m) : null;
    const all = parent ? [...ids, parent] : ids;
    ps.forEach((p, i) => {
      if (i > 0 && b.r() < 0.5) return;
      const k = b.r();
      const name = k < 0.2 ? shortRef(`${m.bare} ${p}`, b.r) : k < 0.3 ? `${p} - ${m.bare}` : m.bare + branchFmt(b.r).replace('{c}', p);
      b.org(name, ids[i], 'branch-decoy', { forbidden: all.filter((x) => x !== ids[i]) });
    });
    if (parent && b.r() < 0.4) b.org(retype(b, m, m.bare), parent, 'branch-decoy', { forbidden: ids });
  };

  const dba: Writer = (b) => {
    const m = company(b);
    let hold = '';
    for (let i = 0; i < 5 && !hold; i++) {
      const h = holdingName(b.r, m.owner, m.country);
      if (take(b, h)) hold = h;
    }
    if (!hold) return;
    const holdL = hold + (/(Trust|Partners)$/.test(hold) || !/ /.test(hold) || /^[A-Z][a-z]+ [A-Z][a-z']+$/.test(hold) && !/(Holdings|Enterprises|Ventures|Capital|Investments|Group)$/.test(hold) ? '' : pick(b.r, LEGAL[m.country]));
    const conn = m.country === 'UK' || m.country === 'AU' ? pick(b.r, [' t/a ', ' T/A ', ' trading as ', ' t/as ']) : m.country === 'DE' ? pick(b.r, [' - ', ' / ', ' – ']) : pick(b.r, [' dba ', ' DBA ', ' d/b/a ', ' D/B/A ', ' d.b.a. ', ', dba ', ' DBA: ']);
    const k = b.r();
    const trading = b.r() < 0.1 ? typo(m.bare, b.r) : m.bare;
    if (k < 0.5) b.org(retype(b, m, trading), account(b, holdL + conn + m.bare, m), 'dba');
    else if (k < 0.7) b.org(retype(b, m, trading), account(b, holdL + pick(b.r, [' - ', ': ', ' ', ' – ']) + m.bare, m), 'dba');
    else if (k < 0.9) b.org(hold + conn + m.bare, account(b, withLegal(b, m), m), 'dba');
    else b.org(hold, account(b, holdL + conn + m.bare, m), 'dba');
  };

  const numbers: Writer = (b) => {
    for (let i = 0; i < 8; i++) {
      const x = numberName(b.r, pick(b.r, ['US', 'US', 'UK', 'CA', 'AU'] as Country[]));
      if (!take(b, x.a)) continue;
      const m: Meta = { bare: x.a, country: x.country, owner: x.a, trade: '', nonprofit: x.nonprofit, flags: '' };
      b.org(b.r() < 0.2 ? x.b.toUpperCase() : x.b, account(b, withLegal(b, m, 0.4), m), 'numbers');
      return;
    }
  };

  const initials: Writer = (b) => {
    for (let i = 0; i < 8; i++) {
      const x = initialsName(b.r, pick(b.r, ['US', 'US', 'UK', 'CA', 'AU'] as Country[]));
      if ((x.also ?? []).some((n) => claimed.has(loose(n))) || !take(b, x.a)) continue;
      for (const n of x.also ?? []) take(b, n);
      const m: Meta = { bare: x.a, country: x.country, owner: x.a, trade: '', nonprofit: false, flags: '' };
      b.org(b.r() < 0.15 ? x.b.toUpperCase() : x.b, account(b, withLegal(b, m, 0.5), m), 'initials');
      return;
    }
  };

  const shortened: Writer = (b) => {
    for (let i = 0; i < 6; i++) {
      const m = biz(b);
      const s = shorten(m.bare, m.owner, b.r);
      if (!s || !guard.keep(m.owner, s, m.bare) || !take(b, s)) {
        account(b, withLegal(b, m), m);
        continue;
      }
      if (b.r() < 0.75) b.org(b.r() < 0.2 ? s.toUpperCase() : s, account(b, withLegal(b, m), m), 'shortened');
      else b.org(retype(b, m, m.bare), account(b, s + legalOf(b.r, m), m), 'shortened');
      return;
    }
  };

  const typoW: Writer = (b) => {
    const m = biz(b);
    const t = typo(m.bare, b.r);
    if (t === m.bare || !take(b, t)) {
      account(b, withLegal(b, m), m);
      return;
    }
    if (b.r() < 0.8) b.org(b.r() < 0.15 ? t.toUpperCase() : t, account(b, withLegal(b, m), m), 'typo');
    else b.org(m.bare, account(b, t + legalOf(b.r, m), m), 'typo');
  };

  const typography: Writer = (b) => {
    const k = b.r();
    let m: Meta;
    if (k < 0.45) {
      m = biz(b, pick(b.r, ['DE', 'DE', 'FR'] as Country[]));
      if (ascii(m.bare, () => 0) === m.bare && ascii(m.bare, () => 0.9) === m.bare) {
        account(b, withLegal(b, m), m);
        return;
      }
      const plainSide = b.r() < 0.5 ? ascii(m.bare, b.r) : ascii(m.bare, b.r).toUpperCase();
      if (b.r() < 0.6) b.org(plainSide, account(b, withLegal(b, m), m), 'typography');
      else b.org(m.bare, account(b, plainSide + legalOf(b.r, m), m), 'typography');
      return;
    }
    // apostrophes, hyphens and spaces set in type
    const m2 = biz(b, pick(b.r, ['US', 'UK', 'CA', 'AU'] as Country[]));
    let bare = m2.bare;
    if (!/['-]/.test(bare) && b.r() < 0.3) {
      const nb = `${pick(b.r, APOS)} ${pick(b.r, ['Plumbing', 'Dental', 'Law Group', 'Accounting', 'Roofing', 'Auto Repair', 'Pharmacy', 'Insurance Agency', 'Funeral Home', 'Electric', 'Solicitors', 'Builders', 'Physiotherapy'])}`;
      account(b, withLegal(b, m2), m2);
      if (!take(b, nb)) return;
      bare = nb;
    } else if (!/['-]/.test(bare) && OWNERS[m2.country].s.includes(m2.owner) && !m2.nonprofit && b.r() < 0.7) {
      const other = pick(b.r, OWNERS[m2.country].s.filter((x) => x !== m2.owner));
      const dbl = b.r() < 0.5 ? `${m2.owner}-${other}` : `${m2.owner} - ${other}`;
      const nb = m2.bare.replace(m2.owner, dbl);
      if (!m2.trade.includes('{O}') || nb === m2.bare || !take(b, nb)) {
        account(b, withLegal(b, m2), m2);
        return;
      }
      bare = nb;
    }
    m = { ...m2, bare };
    const fancy = typographic(bare, b.r);
    if (b.r() < 0.5) b.org(fancy, account(b, withLegal(b, m), m), 'typography');
    else b.org(bare, account(b, fancy + legalOf(b.r, m), m), 'typography');
  };

  const APOS = ["O'Brien", "O'Connor", "O'Neill", "D'Angelo", "O'Reilly", "O'Hara", "O'Sullivan", "D'Souza", "O'Malley", "O'Donnell", "D'Arcy", "O'Keefe"];
  const signals: Writer = (b) => {
    const m = biz(b);
    const byRef = b.r() < 0.55;
    const byDomain = !byRef || b.r() < 0.2;
    const c = code(b.r, m.bare);
    const d = domain(b.r, m.bare, m.country);
    const id = b.account(withLegal(b, m), { ref: byRef ? c : b.r() < 0.3 ? code(b.r, m.bare) : null, domains: byDomain ? (b.r() < 0.4 ? [d, pick(b.r, FREE[m.country])] : [d]) : [] });
    const initialsOf = ascii(m.bare, b.r).split(/[^A-Za-z]+/).filter((x) => x.length > 2 || /^[A-Z]/.test(x)).map((x) => x[0].toUpperCase()).join('');
    const k = b.r();
    const name = k < 0.3 ? (b.r() < 0.5 ? m.owner : m.owner.toUpperCase()) : k < 0.55 && initialsOf.length >= 2 ? initialsOf : k < 0.8 && byRef ? c : `${m.owner} ${pick(b.r, ['Office', 'Main', 'Clients', 'Managed', 'Site'])}`;
    b.org(name, id, 'signals', { ref: byRef ? c : null, domains: byDomain ? [d] : [] });
  };

  const signalsDecoy: Writer = (b) => {
    const m = biz(b);
    if (!m.nonprofit && b.r() < 0.55) {
      // the org's OrgRef or website is the other account's, whose name is the business's legal one
      let alt = '';
      for (let i = 0; i < 5 && !alt; i++) {
        const h = holdingName(b.r, m.owner, m.country, true);
        if (take(b, h)) alt = h;
      }
      const sib = `${m.bare} ${pick(b.r, ['Lab', 'Supply', 'Billing', 'Foundation', 'Properties', 'Training', 'Staffing'])}`;
      if (!alt || !take(b, sib)) return;
      const byRef = b.r() < 0.5;
      const c = code(b.r, alt);
      const d = domain(b.r, alt, m.country);
      const alike = b.account(sib + legalOf(b.r, m), byRef ? { ref: code(b.r, sib) } : { domains: [domain(b.r, sib, m.country)] });
      const truth = b.account(alt + pick(b.r, LEGAL[m.country]), byRef ? { ref: c } : { domains: [d] });
      b.org(retype(b, m, m.bare), truth, 'signals-decoy', { forbidden: [alike], ...(byRef ? { ref: c } : { domains: [d] }) });
    } else {
      // a business of almost the same name whose website and code are another's: not this org's
      const alikeName = b.r() < 0.5 ? `${m.bare} ${pick(b.r, ['Group', 'Care', 'Services', 'Partners', 'Centre'])}` : m.bare;
      if (alikeName !== m.bare && !take(b, alikeName)) return;
      const other = pick(b.r, (['US', 'UK', 'CA', 'AU', 'DE'] as Country[]).filter((x) => x !== m.country));
      const alike = b.account(alikeName + pick(b.r, LEGAL[other]), { ref: code(b.r, alikeName), domains: [domain(b.r, alikeName, other)] });
      b.org(retype(b, m, m.bare), null, 'signals-decoy', { forbidden: [alike], ref: code(b.r, m.bare), domains: [domain(b.r, m.bare, m.country)] });
    }
  };

  const sibling: Writer = (b) => {
    const x = siblingPair(b.r, pick(b.r, ['US', 'US', 'UK', 'CA', 'AU', 'DE'] as Country[]));
    if (reserved.has(resKey(x.owner, x.tmplA)) || reserved.has(resKey(x.owner, x.tmplB)) || !take(b, x.a) || !take(b, x.b)) return;
    guard.add(x.owner, x.a);
    guard.add(x.owner, x.b);
    reserved.add(resKey(x.owner, x.tmplA));
    reserved.add(resKey(x.owner, x.tmplB));
    const ma: Meta = { bare: x.a, country: x.country, owner: x.owner, trade: x.tmplA, nonprofit: x.nonprofit, flags: '' };
    const mb: Meta = { ...ma, bare: x.b, trade: x.tmplB };
    const ia = account(b, withLegal(b, ma, 0.5), ma);
    const ib = account(b, withLegal(b, mb, 0.5), mb);
    const first = b.r() < 0.5;
    const one = (mm: Meta, id: string, other: string) => b.org(b.r() < 0.2 ? shortRef(mm.bare, b.r) : retype(b, mm, mm.bare), id, 'sibling', { forbidden: [other] });
    if (first || b.r() < 0.3) one(ma, ia, ib);
    if (!first || b.r() < 0.3) one(mb, ib, ia);
  };

  const twoTradesW: Writer = (b) => {
    const x = twoTrades(b.r, pick(b.r, ['US', 'US', 'UK', 'CA', 'AU', 'DE'] as Country[]));
    const keys = x.tmpls.map((t) => resKey(x.owner, t));
    if (new Set(keys).size < keys.length || keys.some((k) => reserved.has(k)) || !x.names.every((n) => take(b, n))) return;
    x.tmpls.forEach((t) => reserved.add(resKey(x.owner, t)));
    x.names.forEach((n) => guard.add(x.owner, n));
    const ms: Meta[] = x.names.map((n, i) => ({ bare: n, country: x.country, owner: x.owner, trade: x.tmpls[i], nonprofit: false, flags: '' }));
    const ids = ms.map((mm) => account(b, withLegal(b, mm, 0.5), mm));
    ms.forEach((mm, i) => {
      if (i > 0 && b.r() < 0.7) return;
      b.org(b.r() < 0.2 ? shortRef(mm.bare, b.r) : retype(b, mm, mm.bare), ids[i], 'two-trades', { forbidden: ids.filter((y) => y !== ids[i]) });
    });
  };

  const none: Writer = (b) => {
    const k = b.r();
    if (k < 0.6 && made.length) {
      // an owner or town the PSA knows, in a trade it has no account for
      const src = made[Math.floor(b.r() * made.length)];
      const kinds = (s: string) => [...s.split('|')[0]].filter((c) => 'sptb'.includes(c));
      const ownerKind = (Object.keys(OWNERS[src.country]) as ('s' | 'p' | 't' | 'b')[]).find((kk) => OWNERS[src.country][kk].includes(src.owner));
      for (let i = 0; i < 6; i++) {
        const t = pick(b.r, TRADES[src.country]);
        if (ownerKind && !kinds(t).includes(ownerKind)) continue;
        const tmpl = t.split('|')[1];
        const name = tmpl.replace('{O}', src.owner);
        if (reserved.has(resKey(src.owner, tmpl)) || guard.clashes(src.owner, name) || !take(b, name)) continue;
        guard.add(src.owner, name);
        reserved.add(resKey(src.owner, tmpl));
        b.org(b.r() < 0.2 ? shortRef(name, b.r) : name, null, 'none');
        return;
      }
    }
    if (k < 0.9) {
      const m = biz(b);
      b.org(b.r() < 0.2 ? shortRef(m.bare, b.r) : m.bare, null, 'none');
      return;
    }
    b.org(`${pick(b.r, ['Internal IT', 'MSP Lab', 'Test Org', 'Onboarding', 'Spare Pool', 'Decommissioned', 'Loaners', 'Staging', 'Template', 'New Agents'])} ${1 + Math.floor(b.r() * 9)}`, null, 'none');
  };

  const writers: [Writer, number][] = [
    [plain, 15], [shortref, 7], [branch, 7], [dba, 6], [numbers, 6], [initials, 6], [shortened, 7], [typoW, 7],
    [typography, 6], [signals, 6], [none, 8], [branchDecoy, 2.6], [sibling, 3], [twoTradesW, 3], [signalsDecoy, 3.5],
  ];
  const d = build(seed, orgCount, writers, makeBiz, Math.round(orgCount * 0.25), accountCount);
  // a writer may add two orgs at once: keep exactly orgCount
  for (const o of d.orgs.splice(orgCount)) {
    d.truth.delete(o.id);
    d.form.delete(o.id);
    d.forbidden.delete(o.id);
  }
  // the writers' own accounts may pass `accountCount`: drop ones no org belongs to or must avoid
  if (accountCount !== undefined && d.accounts.length > accountCount) {
    const used = new Set<string>([...d.truth.values()].filter((x): x is string => x !== null));
    for (const f of d.forbidden.values()) for (const x of f) used.add(x);
    let over = d.accounts.length - accountCount;
    d.accounts = d.accounts.filter((a) => used.has(a.id) || over-- <= 0);
  }
  return d;
}
