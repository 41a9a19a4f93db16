/**
 * Templates of the `held-out` part of the forms dev set (seed 202 by default). Written apart from
 * set-a.ts on purpose — other owners, trades and cities (multi-word ones too), other separators,
 * other ways of shortening, mistyping and abbreviating — and never used to tune the matcher.
 */
import { build, type Biz, type Builder, type FormsSet, type Writer } from './core';

const FAMILY = [
  'Alvarez', 'Becker', 'Castillo', 'Delgado', 'Eriksen', 'Fischer', 'Guzman', 'Hoffmann', 'Iverson', 'Jansen', 'Kowalczyk', 'Lindqvist',
  'Moreno', 'Nakamura', 'Olsen', 'Petrov', 'Quinn', 'Romero', 'Schneider', 'Tran', 'Ulrich', 'Vasquez', 'Weber', 'Xu', 'Yamamoto',
  'Zimmerman', 'Abbott', 'Barrett', 'Chandler', 'Donovan', 'Ellison', 'Fleming', 'Gallagher', 'Hensley', 'Ingram', 'Jennings', 'Keller',
  'Lawson', 'Maddox', 'Norris', 'Osborne', 'Pruitt', 'Ramsey', 'Sheridan', 'Tucker', 'Underwood', 'Vaughn', 'Whitaker', 'Yates',
  'Kaplan', 'Brennan', 'Callahan', 'Doyle', 'Fitzpatrick', 'Hanley', 'Kavanagh', 'Lynch', 'McCarthy', 'Nolan', 'Regan', 'Sweeney',
  'Bauer', 'Krüger', 'Lehmann', 'Wagner', 'Böhm', 'Hernández', 'Peña', 'Muñoz', 'Nguyen', 'Park', 'Cho', 'Singh', 'Gupta', 'Rao',
  'Copper Canyon', 'Twin Lakes', 'Harborview', 'Prairie Wind', 'Eagle Crest', 'Timberline', 'Sandstone', 'Willow Bend', 'Aspen Grove',
  'Granite Peak', 'Crystal Springs', 'Highland', 'Lakeshore', 'Magnolia', 'Northwind', 'Orchard Hill', 'Pinecrest', 'Redwood', 'Sagebrush',
];
const LINES = [
  'Orthopedics', 'Dermatology', 'Podiatry', 'Optometry', 'Audiology', 'Counseling', 'Title Agency', 'Mortgage', 'Excavating', 'Paving',
  'Masonry', 'Welding', 'Fabrication', 'Cabinetry', 'Upholstery', 'Kennels', 'Grooming', 'Florist', 'Catering', 'Bistro', 'Brewery',
  'Distillery', 'Greenhouses', 'Irrigation', 'Pest Control', 'Janitorial', 'Security', 'Locksmith', 'Towing', 'Collision Center',
  'Tire', 'Marine', 'Aviation', 'Freight', 'Moving', 'Courier', 'Laboratories', 'Diagnostics', 'Radiology', 'Hospice', 'Home Health',
  'Senior Living', 'Preschool', 'Tutoring', 'Publishing', 'Media', 'Software', 'Networks', 'Telecom', 'Payroll', 'Bookkeeping',
  'Law Offices', 'Attorneys', 'Realtors', 'Property Management', 'Apartments', 'Builders', 'Remodeling', 'Mechanical', 'Refrigeration',
  'Appliance Repair', 'Veterinary Hospital', 'Pet Clinic', 'Sports Medicine', 'Wellness Center', 'Bridal', 'Jewelers', 'Optical',
];
const TOWNS = [
  'San Diego', 'Salt Lake City', 'Colorado Springs', 'Green Bay', 'Ann Arbor', 'Baton Rouge', 'Des Moines', 'Santa Fe', 'El Paso', 'Spokane',
  'Lansing', 'Toledo', 'Akron', 'Dayton', 'Savannah', 'Charleston', 'Knoxville', 'Wichita', 'Billings', 'Fargo', 'Duluth', 'Erie',
];
const FORMS = ['Incorporated', 'Co., Ltd.', 'LLC.', 'L.P.', 'P.A.', 'S.C.', 'Limited', 'Pty Ltd', 'AG', 'GmbH & Co. KG', 'B.V.', 'Inc'];
const GROUP_WORDS = ['Capital', 'Holding Co.', 'Investments', 'Management Group', 'Family Trust'];
const SHORT_WORDS: Record<string, string[]> = {
  Management: ['Mgmt', 'Mgt.'], Property: ['Prop.', 'Prpty'], Laboratories: ['Labs', 'Lab.'], Excavating: ['Excav.', 'Exc'], Orthopedics: ['Ortho', 'Orth.'],
  Dermatology: ['Derm.', 'Derm'], Diagnostics: ['Diag.', 'Dx'], Refrigeration: ['Refrig.', 'Rfrg'], Fabrication: ['Fab.', 'Fabr'], Publishing: ['Pub.', 'Publ'],
  Mechanical: ['Mech.', 'Mech'], Counseling: ['Counsel.', 'Cnslng'], Bookkeeping: ['Bkkpng', 'Bookkpg'], Appliance: ['Appl.', 'Applnc'],
};

const makeBiz = (r: () => number): Biz => {
  const one = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const owner = r() < 0.2 ? `${one(FAMILY)} and ${one(FAMILY)}` : r() < 0.1 ? `${one(FAMILY)} Brothers` : one(FAMILY);
  const trade = one(LINES);
  return { owner, trade, name: `${owner} ${trade}` };
};
const form = (b: Builder, p = 0.4) => (b.r() < p ? ` ${b.pick(FORMS)}` : '');
const plainWords = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9 ]/g, '').split(' ').filter((w) => w && w.toLowerCase() !== 'and');

const written: Writer = (b) => {
  const z = b.biz();
  const acc = b.account(`${z.name}${form(b)}`);
  const n = b.r();
  b.org(n < 0.3 ? z.name.toUpperCase() : n < 0.6 ? `${z.name}${form(b, 1)}` : n < 0.8 ? z.name.replace(' and ', ' & ') : `the ${z.name.toLowerCase()}`, acc, 'plain');
};

const reference: Writer = (b) => {
  const z = b.biz();
  const acc = b.account(`${z.name}${form(b)}`);
  const w = plainWords(z.name);
  const n = b.r();
  let ref: string;
  if (n < 0.2) ref = w.map((x) => x[0].toUpperCase() + x.slice(1).toLowerCase()).join('');
  else if (n < 0.4) ref = w.join('-').toLowerCase();
  else if (n < 0.55) ref = w.join('_').toLowerCase();
  else if (n < 0.7) ref = w.join('.').toUpperCase();
  else if (n < 0.85) ref = w.join('').toLowerCase().slice(0, 20);
  else ref = w.join('').toUpperCase();
  b.org(ref, acc, 'shortref');
};

const siteOnOneSide: Writer = (b) => {
  const z = b.biz();
  const town = b.pick(TOWNS);
  const n = b.r();
  const site = n < 0.25 ? `${z.name}, ${town}` : n < 0.45 ? `${z.name} @ ${town}` : n < 0.6 ? `${z.name} / ${town}` : n < 0.8 ? `${z.name} — ${town}` : `${z.name} ${town}`;
  if (b.r() < 0.6) b.org(site, b.account(z.name), 'branch');
  else b.org(`${z.name}${form(b)}`, b.account(site), 'branch');
};

const branches: Writer = (b) => {
  const z = b.biz();
  const towns = [...TOWNS].sort(() => b.r() - 0.5).slice(0, 3);
  const accs = towns.slice(0, 2).map((t) => b.account(`${z.name} (${t})`));
  const pickOrg = (t: string) => (b.r() < 0.5 ? `${z.name} ${t}` : `${z.name}, ${t}`);
  b.org(pickOrg(towns[0]), accs[0], 'branch-decoy', { forbidden: [accs[1]] });
  if (b.r() < 0.6) b.org(pickOrg(towns[2]), null, 'branch-decoy', { forbidden: accs });
};

const tradingAs: Writer = (b) => {
  const z = b.biz();
  const holder = `${b.pick(FAMILY)} ${b.pick(GROUP_WORDS)}`;
  const n = b.r();
  const full = n < 0.3 ? `${holder}, LLC d.b.a. ${z.name}` : n < 0.55 ? `${holder} Inc. doing business as ${z.name}` : n < 0.8 ? `${holder.toUpperCase()} T/A ${z.name.toUpperCase()}` : `${holder} Ltd ${z.name}`;
  if (b.r() < 0.5) b.org(full, b.account(z.name), 'dba');
  else b.org(z.name, b.account(full), 'dba');
};

const numerals: Writer = (b) => {
  const z = b.biz();
  const n = b.r();
  let x: string, y: string;
  if (n < 0.3) {
    const [w, d] = b.pick([['Seventh', '7th'], ['Twenty-Two', '22'], ['Ninth', '9th'], ['Eleven', '11'], ['Second', '2nd'], ['Four', '4']]);
    const thing = b.pick(['Avenue', 'Bridge', 'Lakes', 'Gables', 'Mile']);
    [x, y] = [`${w} ${thing} ${z.trade}`, `${d} ${thing} ${z.trade}`];
  } else if (n < 0.6) {
    const [w, s] = b.pick([['Fort', 'Ft'], ['Mount', 'Mt'], ['Saint', 'St.'], ['Mount', 'Mt.']]);
    const place = b.pick(['Rainier', 'Hood', 'Augustine', 'Lauderdale', 'Wayne', 'Francis', 'Clemens', 'Shasta', 'Paul']);
    [x, y] = [`${w} ${place} ${z.trade}`, `${s} ${place} ${z.trade}`];
  } else {
    const who = plainWords(z.owner)[0];
    [x, y] = b.r() < 0.5 ? [`${who}’s ${z.trade}`, `${who}s ${z.trade}`] : [`${who}s' ${z.trade}`, `${who}s ${z.trade}`];
  }
  if (!b.fresh(y)) return;
  if (b.r() < 0.5) [x, y] = [y, x];
  b.org(x, b.account(y), 'numbers');
};

const letters: Writer = (b) => {
  const z = b.biz();
  const ls = Array.from({ length: 2 + Math.floor(b.r() * 2) }, () => 'ABDEFGJKMPRTVW'[Math.floor(b.r() * 14)]);
  const surname = plainWords(z.owner)[0];
  const n = b.r();
  if (n < 0.4) b.org(`${ls.join('.')}. ${surname} ${z.trade}`, b.account(`${ls.join('')} ${surname} ${z.trade}${form(b)}`), 'initials');
  else if (n < 0.7) b.org(`${ls.join(' & ')} ${z.trade}`, b.account(`${ls.join('&')} ${z.trade}`), 'initials');
  else b.org(`${surname} + ${b.pick(FAMILY)} ${z.trade}`.replace(' + ', b.pick([' + ', " 'n' ", ' n '])), null, 'initials-none');
};

/** vowels after the first letter dropped, the last letter kept; or the word cut to 4–6 letters */
function abbreviate(word: string, r: () => number): string {
  if (SHORT_WORDS[word] && r() < 0.5) return SHORT_WORDS[word][Math.floor(r() * SHORT_WORDS[word].length)];
  if (r() < 0.5) return word[0] + word.slice(1, -1).replace(/[aeiou]/g, '') + word.slice(-1);
  return `${word.slice(0, 4 + Math.floor(r() * 3))}.`;
}

const abbreviated: Writer = (b) => {
  const z = b.biz();
  const parts = z.trade.split(' ');
  const i = parts.findIndex((w) => w.length >= 7);
  if (i < 0) return;
  const short = [...parts];
  short[i] = abbreviate(parts[i], b.r);
  if (b.r() < 0.5) b.org(`${z.owner} ${short.join(' ')}`, b.account(`${z.name}${form(b)}`), 'shortened');
  else b.org(`${z.name}`, b.account(`${z.owner} ${short.join(' ')}`), 'shortened');
};

const QWERTY: Record<string, string> = { a: 's', s: 'd', d: 'f', e: 'r', r: 't', t: 'y', i: 'o', o: 'p', n: 'm', l: 'k', c: 'v', h: 'j', u: 'i', g: 'h', m: 'n' };
function mistype(name: string, r: () => number): string {
  const ws = name.split(' ');
  const long = ws.map((w, i) => i).filter((i) => ws[i].length >= 7 && /^[a-z]+$/i.test(ws[i]));
  if (!long.length) return name;
  const i = long[Math.floor(r() * long.length)];
  const w = ws[i];
  const at = 1 + Math.floor(r() * (w.length - 2));
  const n = r();
  if (n < 0.25 && QWERTY[w[at]]) ws[i] = w.slice(0, at) + QWERTY[w[at]] + w.slice(at + 1);
  else if (n < 0.45) ws[i] = w.slice(0, at) + w.slice(at + 1);
  else if (n < 0.65) ws[i] = w.slice(0, at + 1) + w[at] + w.slice(at + 1);
  else if (n < 0.85) ws[i] = w.slice(0, at - 1) + w[at] + w[at - 1] + w.slice(at + 1);
  else if (i > 0) return [...ws.slice(0, i - 1), ws[i - 1] + w[0], w.slice(1), ...ws.slice(i + 1)].join(' ');
  return ws.join(' ');
}

const slips: Writer = (b) => {
  const z = b.biz();
  if (b.r() < 0.5) b.org(mistype(z.name, b.r), b.account(`${z.name}${form(b)}`), 'typo');
  else b.org(`${z.name}`, b.account(mistype(z.name, b.r)), 'typo');
};

const typographic: Writer = (b) => {
  const z = b.biz();
  const n = b.r();
  const fancy = n < 0.3 ? z.name.replace(/ /g, '\u00a0') : n < 0.55 ? `${z.name.replace(' and ', ' ＆ ')}` : n < 0.8 ? `“${z.name}”` : z.name.replace(/ /, '\u202f');
  b.org(fancy, b.account(`${z.name}${form(b)}`), 'typography');
};

const siblings: Writer = (b) => {
  const z = b.biz();
  const other = `${z.name} ${b.pick(['Institute', 'Foundation', 'Supply', 'Outlet', 'School', 'Lab'])}`;
  if (!b.fresh(other)) return;
  const n = b.r();
  if (n < 0.35) {
    const [a1, a2] = [b.account(z.name), b.account(other)];
    b.org(other, a2, 'sibling', { forbidden: [a1] });
  } else if (n < 0.7) b.org(other, null, 'sibling', { forbidden: [b.account(`${z.name}${form(b)}`)] });
  else b.org(z.name, null, 'sibling', { forbidden: [b.account(other)] });
};

const trades: Writer = (b) => {
  const z = b.biz();
  const second = `${z.owner} ${b.pick(LINES.filter((l) => l !== z.trade))}`;
  if (!b.fresh(second)) return;
  const [a1, a2] = [b.account(z.name), b.account(second)];
  b.org(b.r() < 0.5 ? mistype(z.name, b.r) : z.name.toUpperCase(), a1, 'two-trades', { forbidden: [a2] });
};

const missing: Writer = (b) => {
  b.org(b.biz().name, null, 'none');
};

const secondSignals: Writer = (b) => {
  const z = b.biz();
  const ref = plainWords(z.name).join('-').toLowerCase();
  const site = `${plainWords(z.name).join('').toLowerCase()}.com`;
  const n = b.r();
  if (n < 0.35) b.org(z.name.replace(/\s\S+$/, ''), b.account(`${z.name}`, { ref: ref.toUpperCase().replace(/-/g, '') }), 'signals', { ref });
  else if (n < 0.7) b.org(mistype(z.name, b.r), b.account(z.name, { domains: [site, `mail.${site}`] }), 'signals', { domains: [`http://${site}`] });
  else b.org(z.name, null, 'signals-decoy', { forbidden: [b.account(z.name, { domains: [`${plainWords(z.owner)[0].toLowerCase()}-other.com`] })], domains: [site] });
};

export function setB(orgs = 3000, seed = 202, accounts?: number): FormsSet {
  return build(seed, orgs, [
    [written, 9], [reference, 10], [siteOnOneSide, 8], [branches, 5], [tradingAs, 6], [numerals, 7], [letters, 6], [abbreviated, 8],
    [slips, 9], [typographic, 5], [siblings, 6], [trades, 4], [missing, 9], [secondSignals, 5],
  ], makeBiz, Math.round(orgs * 0.25), accounts);
}
