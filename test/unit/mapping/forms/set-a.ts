/**
 * Templates of the `tune` part of the forms dev set (seed 101 by default). The `held-out` part
 * (set-b.ts) is written independently, with other word lists and other ways of writing each form.
 */
import { build, type Biz, type Builder, type FormsSet, type Writer } from './core';

const OWNERS = [
  'Smith', 'Johnson', 'Johnston', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Garcia', 'Wilson', 'Anderson', 'Taylor', 'Thomas',
  'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King',
  'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans',
  'Turner', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Morgan', 'Peterson', 'Cooper', 'Reed',
  'Bailey', 'Bell', 'Kelly', 'Howard', 'Ward', 'Cox', 'Richardson', 'Wood', 'Watson', 'Brooks', 'Bennett', 'Gray', 'Hughes', 'Price',
  'Myers', 'Foster', 'Sanders', 'Ross', 'Powell', 'Sullivan', 'Russell', 'Jenkins', 'Perry', 'Butler', 'Barnes', 'Fisher', 'Henderson',
  'Coleman', 'Patterson', 'Jordan', 'Reynolds', 'Hamilton', 'Graham', 'Wallace', "O'Brien", "O'Neill", 'McDonald', 'Müller', 'Schröder',
  'Riverside', 'Lakeside', 'Hillcrest', 'Oakwood', 'Maple Grove', 'Cedar Park', 'Pine Valley', 'Summit', 'Harbor', 'Bayview', 'Northgate',
  'Westfield', 'Greenfield', 'Fairview', 'Brookside', 'Silver Creek', 'Red Rock', 'Blue Ridge', 'Clearwater', 'Stonebridge', 'Kingsway',
  'Meadowbrook', 'Ashford', 'Bramley', 'Elmhurst', 'Foxborough', 'Glendale', 'Ironwood', 'Juniper', 'Kensington', 'Lexington',
];
const TRADES = [
  'Dental', 'Medical', 'Family Medicine', 'Pediatrics', 'Law', 'Legal Services', 'Accounting', 'Tax Services', 'Construction', 'Plumbing',
  'Electric', 'Roofing', 'Landscaping', 'Logistics', 'Trucking', 'Bakery', 'Cafe', 'Realty', 'Insurance', 'Financial Advisors',
  'Veterinary Clinic', 'Animal Hospital', 'Chiropractic', 'Physical Therapy', 'Orthodontics', 'Eye Care', 'Pharmacy', 'Auto Repair',
  'Manufacturing', 'Machine Works', 'Engineering', 'Architects', 'Design Studio', 'Marketing', 'Consulting', 'IT Services', 'Staffing',
  'Printing', 'Academy', 'Hotel', 'Storage', 'Foods', 'Brewing', 'Winery', 'Farms', 'Flooring', 'Heating', 'Solar', 'Surgery Center',
];
const CITIES = ['Denver', 'Boulder', 'Austin', 'Dallas', 'Houston', 'Phoenix', 'Tucson', 'Portland', 'Seattle', 'Tacoma', 'Omaha', 'Boise', 'Reno', 'Fresno', 'Tampa', 'Orlando', 'Miami', 'Atlanta', 'Raleigh', 'Durham'];
const LEGAL = ['Inc', 'Inc.', 'LLC', 'L.L.C.', 'Ltd', 'Corp.', 'Co.', 'PLLC', 'P.C.', 'GmbH', 'LLP'];
const HOLDINGS = ['Holdings', 'Group', 'Ventures', 'Enterprises', 'Partners'];
const NUMBER_NAMES: [string, string][] = [['First', '1st'], ['Second', '2nd'], ['Third', '3rd'], ['Three', '3'], ['Five', '5'], ['Seven', '7'], ['Twenty One', '21'], ['Fourth', '4th']];
const NUMBER_NOUNS = ['Street', 'Avenue', 'Rivers', 'Oaks', 'Pines', 'Corners', 'Star', 'Hills'];
const SAINTS: [string, string][] = [['Saint', 'St.'], ['Mount', 'Mt.'], ['Fort', 'Ft.'], ['Saint', 'St']];
const SAINT_NAMES = ['Mary', 'Joseph', 'Vernon', 'Collins', 'Worth', 'Lucas', 'Helena', 'Pleasant', 'Myers', 'Charles'];

const makeBiz = (r: () => number): Biz => {
  const p = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const owner = r() < 0.25 ? `${p(OWNERS)} & ${p(OWNERS)}` : p(OWNERS);
  const trade = p(TRADES);
  return { owner, trade, name: `${owner} ${trade}` };
};
const legal = (b: Builder, p = 0.5) => (b.r() < p ? `${b.r() < 0.3 ? ',' : ''} ${b.pick(LEGAL)}` : '');
const words = (s: string) => s.replace(/&/g, 'and').replace(/['’]/g, '').split(/\s+/).filter(Boolean);

const plain: Writer = (b) => {
  const z = b.biz();
  const a = b.account(`${z.name}${legal(b)}`);
  const ways = [() => z.name.toUpperCase(), () => z.name.toLowerCase(), () => `The ${z.name}`, () => `${z.name}${legal(b, 1)}`, () => z.name.replace(' & ', ' and ')];
  b.org(b.pick(ways)(), a, 'plain');
};

const shortref: Writer = (b) => {
  const z = b.biz();
  const a = b.account(`${z.name}${legal(b)}`);
  const w = words(z.name);
  const ways = [
    () => w.join('').toLowerCase(), () => w.join('-').toLowerCase(), () => w.join('_').toUpperCase(), () => w.join('.').toLowerCase(),
    () => w.join(''), () => w.join('').toUpperCase(), () => w.join('').toLowerCase().slice(0, 16),
  ];
  b.org(b.pick(ways)(), a, 'shortref');
};

const branchOneSide: Writer = (b) => {
  const z = b.biz();
  const city = b.pick(CITIES);
  const site = b.pick([`${z.name} – ${city}`, `${z.name} (${city})`, `${z.name} - ${city}`, `${z.name} ${city}`]);
  if (b.r() < 0.5) b.org(site, b.account(`${z.name}${legal(b)}`), 'branch');
  else b.org(z.name, b.account(site), 'branch');
};

const branchDecoy: Writer = (b) => {
  const z = b.biz();
  const [c1, c2, c3] = [b.pick(CITIES), b.pick(CITIES), b.pick(CITIES)];
  if (c1 === c2 || c2 === c3 || c1 === c3) return;
  const style = b.pick([(c: string) => `${z.name} – ${c}`, (c: string) => `${z.name} (${c})`, (c: string) => `${z.name} - ${c}`]);
  const a1 = b.account(style(c1));
  const a2 = b.account(style(c2));
  b.org(b.pick([`${z.name} ${c1}`, style(c1), `${z.name} (${c1})`]), a1, 'branch-decoy', { forbidden: [a2] });
  if (b.r() < 0.5) b.org(b.pick([`${z.name} ${c2}`, style(c2)]), a2, 'branch-decoy', { forbidden: [a1] });
  if (b.r() < 0.5) b.org(`${z.name} ${c3}`, null, 'branch-decoy', { forbidden: [a1, a2] });
};

const dba: Writer = (b) => {
  const z = b.biz();
  const holding = `${words(b.biz().owner)[0]} ${b.pick(HOLDINGS)}${legal(b, 0.8)}`;
  const ways = [`${holding} dba ${z.name}`, `${holding} d/b/a ${z.name}`, `${holding} DBA ${z.name}`, `${holding.replace(/,? \S+$/, ' LLC')} ${z.name}`];
  if (b.r() < 0.5) b.org(b.pick(ways), b.account(`${z.name}${legal(b)}`), 'dba');
  else b.org(z.name, b.account(b.pick(ways)), 'dba');
};

const numbers: Writer = (b) => {
  const z = b.biz();
  const kind = b.r();
  let x: string, y: string;
  if (kind < 0.35) {
    const [w, d] = b.pick(NUMBER_NAMES);
    const noun = b.pick(NUMBER_NOUNS);
    x = `${w} ${noun} ${z.trade}`;
    y = `${d} ${noun} ${z.trade}`;
  } else if (kind < 0.65) {
    const [w, s] = b.pick(SAINTS);
    const n = b.pick(SAINT_NAMES);
    x = `${w} ${n} ${z.trade}`;
    y = `${s} ${n} ${z.trade}`;
  } else {
    const owner = words(z.owner)[0];
    x = `${owner}'s ${z.trade}`;
    y = b.pick([`${owner}s ${z.trade}`, `${owner}’s ${z.trade}`, `${owner} ${z.trade}`]);
  }
  if (b.r() < 0.5) [x, y] = [y, x];
  if (!b.fresh(y)) return;
  b.org(x, b.account(`${y}${legal(b, 0.3)}`), 'numbers');
};

const initials: Writer = (b) => {
  const z = b.biz();
  const letters = Array.from({ length: 2 + Math.floor(b.r() * 3) }, () => 'ABCDEFGHJKLMNPRSTW'[Math.floor(b.r() * 18)]);
  if (b.r() < 0.7) {
    const ways = [letters.join('.') + '.', letters.join(''), letters.join(' '), letters.join('.')];
    const x = b.pick(ways);
    const y = b.pick(ways.filter((w) => w !== x));
    b.org(`${x} ${z.trade}`, b.account(`${y} ${z.trade}${legal(b, 0.4)}`), 'initials');
  } else {
    const [p, q] = [words(z.owner)[0], b.pick(OWNERS.filter((o) => !o.includes(' ')))];
    const ways = [`${p} & ${q}`, `${p} + ${q}`, `${p} n' ${q}`, `${p} and ${q}`, `${p} 'n' ${q}`];
    const x = b.pick(ways);
    b.org(`${x} ${z.trade}`, b.account(`${b.pick(ways.filter((w) => w !== x))} ${z.trade}`), 'initials');
  }
};

/** a trade word cut after a few letters, or as its consonant skeleton */
export function shorten(word: string, r: () => number): string {
  if (r() < 0.5) return word.slice(0, 3 + Math.floor(r() * 2)) + (r() < 0.5 ? '.' : '');
  return (word[0] + word.slice(1).replace(/[aeiou]/gi, '')).replace(/(.)\1/g, '$1');
}

const shortened: Writer = (b) => {
  const z = b.biz();
  const tw = z.trade.split(' ');
  const i = tw.findIndex((w) => w.length >= 6);
  if (i < 0) return;
  tw[i] = shorten(tw[i], b.r);
  const x = `${z.owner} ${tw.join(' ')}`;
  if (b.r() < 0.7) b.org(x, b.account(`${z.name}${legal(b)}`), 'shortened');
  else b.org(z.name, b.account(x), 'shortened');
};

const KEYS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const neighbour = (c: string, r: () => number) => {
  const row = KEYS.find((k) => k.includes(c.toLowerCase()));
  if (!row) return c;
  const i = row.indexOf(c.toLowerCase());
  const n = row[i + (r() < 0.5 && i > 0 ? -1 : i < row.length - 1 ? 1 : -1)];
  return c === c.toUpperCase() ? n.toUpperCase() : n;
};
export function typo(name: string, r: () => number): string {
  const ws = name.split(' ');
  const idx = ws.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-z]{6,}$/.test(w));
  if (!idx.length) return name;
  const [w, i] = idx[Math.floor(r() * idx.length)];
  const p = 2 + Math.floor(r() * (w.length - 3));
  const k = r();
  if (k < 0.2) ws[i] = w.slice(0, p) + neighbour(w[p], r) + w.slice(p + 1);
  else if (k < 0.4) ws[i] = w.slice(0, p) + w.slice(p + 1);
  else if (k < 0.6) ws[i] = w.slice(0, p) + w[p] + w.slice(p);
  else if (k < 0.8) ws[i] = w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2);
  else if (i < ws.length - 1) return [...ws.slice(0, i), w.slice(0, -1), w.slice(-1) + ws[i + 1], ...ws.slice(i + 2)].join(' ');
  else ws[i] = w.slice(0, p) + w[p] + w.slice(p);
  return ws.join(' ');
}

const typos: Writer = (b) => {
  const z = b.biz();
  const x = typo(z.name, b.r);
  if (b.r() < 0.6) b.org(x, b.account(`${z.name}${legal(b)}`), 'typo');
  else b.org(z.name, b.account(x), 'typo');
};

const typography: Writer = (b) => {
  const z = b.biz();
  const owner = b.pick([`O'${words(z.owner)[0]}`, `${words(z.owner)[0]}-${b.pick(OWNERS)}`, z.owner]);
  const name = `${owner} ${z.trade}`;
  if (!b.fresh(name)) return;
  const fancy = name.replace(/'/g, '’').replace(/ /g, b.r() < 0.5 ? '\u00a0' : ' ').replace('-', ' – ').replace(' & ', ' ＆ ');
  b.org(fancy, b.account(`${name}${legal(b)}`), 'typography');
};

const sibling: Writer = (b) => {
  const z = b.biz();
  const base = `${z.owner} ${z.trade}`;
  const sib = `${base} ${b.pick(['Lab', 'Supply', 'Studio', 'Rentals', 'Outlet', 'Wholesale'])}`;
  if (!b.fresh(sib)) return;
  const k = b.r();
  if (k < 0.5) {
    const a1 = b.account(base);
    const a2 = b.account(`${sib}${legal(b)}`);
    if (b.r() < 0.5) b.org(base, a1, 'sibling', { forbidden: [a2] });
    else b.org(sib, a2, 'sibling', { forbidden: [a1] });
  } else if (k < 0.75) b.org(sib, null, 'sibling', { forbidden: [b.account(base)] });
  else b.org(base, null, 'sibling', { forbidden: [b.account(sib)] });
};

const twoTrades: Writer = (b) => {
  const z = b.biz();
  const other = b.pick(TRADES.filter((t) => t !== z.trade));
  if (!b.fresh(`${z.owner} ${other}`)) return;
  const a1 = b.account(`${z.owner} ${z.trade}${legal(b)}`);
  const a2 = b.account(`${z.owner} ${other}${legal(b)}`);
  const tw = z.trade.split(' ');
  const x = b.r() < 0.5 && tw[0].length >= 6 ? `${z.owner} ${[shorten(tw[0], b.r), ...tw.slice(1)].join(' ')}` : z.name;
  b.org(x, a1, 'two-trades', { forbidden: [a2] });
};

const none: Writer = (b) => {
  b.org(b.biz().name, null, 'none');
};

const signals: Writer = (b) => {
  const z = b.biz();
  const ref = words(z.name).join('').toLowerCase();
  const domain = `${ref}.example`;
  const k = b.r();
  if (k < 0.4) b.org(typo(z.name, b.r), b.account(`${z.name}${legal(b)}`, { ref: ref.toUpperCase() }), 'signals', { ref });
  else if (k < 0.7) b.org(z.name, b.account(`${z.name}${legal(b)}`, { domains: [domain] }), 'signals', { domains: [`https://www.${domain}/`] });
  else if (k < 0.85) b.org(z.name, null, 'signals-decoy', { forbidden: [b.account(z.name, { domains: [`${ref}-group.example`] })], domains: [`https://${domain}`] });
  else b.org(z.name, null, 'signals-decoy', { forbidden: [b.account(z.name, { ref: `${ref}2` })], ref });
};

/** `accounts`: the number of accounts wanted (the accounts no org belongs to fill up to it) */
export function setA(orgs = 3000, seed = 101, accounts?: number): FormsSet {
  return build(seed, orgs, [
    [plain, 10], [shortref, 10], [branchOneSide, 8], [branchDecoy, 5], [dba, 6], [numbers, 8], [initials, 6], [shortened, 8], [typos, 8],
    [typography, 5], [sibling, 5], [twoTrades, 4], [none, 8], [signals, 5],
  ], makeBiz, Math.round(orgs * 0.3), accounts);
}
