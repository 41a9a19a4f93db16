/**
 * Names with a form of their own for forms set C: numbers and saints, initials and "and",
 * sibling businesses, one owner in several trades, holding companies. Each returns the account's
 * spelling (`a`) and, where it has one, the org's other spelling (`b`) of the same business.
 */
import { type Country, OWNERS, TOWNS } from './set-c-words';

type R = () => number;
const pick = <T>(r: R, a: readonly T[]): T => a[Math.floor(r() * a.length)];
/** two different spellings from one list of equivalents */
const two = (r: R, vs: readonly string[]): [string, string] => {
  const i = Math.floor(r() * vs.length);
  let j = Math.floor(r() * (vs.length - 1));
  if (j >= i) j++;
  return [vs[i], vs[j]];
};

const TR = ['Dental', 'Family Dentistry', 'Animal Hospital', 'Family Medicine', 'Auto Repair', 'Plumbing', 'Roofing', 'Insurance Agency',
  'Realty', 'Veterinary Clinic', 'Law Group', 'Accounting', 'Pharmacy', 'Bakery', 'Pediatrics', 'Orthopedics', 'Title Company',
  'Landscaping', 'Construction', 'Chiropractic', 'Physical Therapy', 'Motors', 'Builders', 'Electric', 'Heating & Cooling', 'Printing'];
const FIRST_NAMES = ['Bob', 'Joe', 'Mike', 'Dave', 'Tony', 'Rosa', 'Maria', 'Sam', 'Ray', 'Pete', 'Eddie', 'Frank', 'Larry', 'Sally',
  'Hank', 'Vinny', 'Lou', 'Mel', 'Dot', 'Earl', 'Bud', 'Jimmy', 'Rick', 'Stan', 'Wally'];
const PERSON = ['James', 'Mary', 'John', 'Linda', 'Robert', 'Susan', 'David', 'Karen', 'Paul', 'Helen', 'Mark', 'Sarah', 'Peter', 'Anna', 'Thomas', 'Claire'];
const poss = (n: string) => [`${n}'s`, `${n}s`, `${n}’s`];

/** a name with a number, Saint, Mount, Fort or possessive, in two spellings */
export function numberName(r: R, country: Country): { a: string; b: string; country: Country; nonprofit: boolean } {
  const town = pick(r, TOWNS[country]);
  const k = Math.floor(r() * 7);
  if (k === 0) {
    const church = r() < 0.5;
    const rest = church ? `${pick(r, ['Baptist Church', 'Presbyterian Church', 'Methodist Church', 'Congregational Church'])} of ${town}` : pick(r, ['Choice Plumbing', 'Class Auto Body', 'Step Daycare', 'Call Electric', 'Response Restoration', 'Rate Roofing', 'Coast Realty', 'Light Pediatrics']);
    const [x, y] = two(r, ['First', '1st']);
    return { a: `${x} ${rest}`, b: `${y} ${rest}`, country, nonprofit: church };
  }
  if (k === 1) {
    const ord = pick(r, [['Second', '2nd'], ['Third', '3rd'], ['Fourth', '4th'], ['Fifth', '5th'], ['Sixth', '6th'], ['Seventh', '7th'], ['Eighth', '8th'], ['Ninth', '9th'], ['Tenth', '10th']]);
    const [x, y] = two(r, ord);
    const rest = `${pick(r, ['Street', 'Avenue'])} ${pick(r, TR)}`;
    return { a: `${x} ${rest}`, b: `${y} ${rest}`, country, nonprofit: false };
  }
  if (k === 2) {
    const pair = pick(r, [['Three Rivers', '3 Rivers'], ['Four Seasons', '4 Seasons'], ['Five Star', '5 Star'], ['Seven Hills', '7 Hills'], ['Two Rivers', '2 Rivers'], ['Twelve Oaks', '12 Oaks'], ['Nine Mile', '9 Mile'], ['One Source', '1 Source'], ['Five Points', '5 Points']]);
    const [x, y] = two(r, pair);
    const rest = pick(r, TR);
    return { a: `${x} ${rest}`, b: `${y} ${rest}`, country, nonprofit: false };
  }
  if (k === 3) {
    const saint = pick(r, ['Mary', 'Joseph', 'John', 'Luke', 'Andrew', 'Paul', 'Michael', 'Anne', 'Patrick', 'Vincent', 'Jude', 'Catherine', 'Peter', 'Margaret', 'Francis', 'Thomas', 'Elizabeth', 'Bernard']);
    const rest = pick(r, ['Catholic School', 'Episcopal Church', 'Medical Center', 'Parish', 'Academy', 'Hospice', 'Primary School', 'Catholic Church', 'Hospital Foundation', 'Orthodox Church', 'Day Nursery', 'Lutheran Church']);
    const ps = saint.endsWith('s') ? [saint] : poss(saint);
    const [x, y] = two(r, ['Saint', 'St.', 'St']);
    const [p, q] = ps.length > 1 && r() < 0.4 ? two(r, ps) : [ps[0], ps[0]];
    return { a: `${x} ${p} ${rest}`, b: `${y} ${q} ${rest}`, country, nonprofit: !/Medical|Foundation/.test(rest) };
  }
  if (k === 4 || k === 5) {
    const [word, names] = k === 4 ? [['Mount', 'Mt.', 'Mt'], ['Pleasant', 'Vernon', 'Hope', 'Olive', 'Zion', 'Carmel', 'Airy', 'Royal', 'Holly', 'Washington', 'Laurel', 'Tabor']] : [['Fort', 'Ft.', 'Ft'], ['Collins', 'Worth', 'Wayne', 'Myers', 'Lauderdale', 'Mill', 'Erie', 'Dodge', 'Pierce', 'Walton']];
    const [x, y] = two(r, word);
    const place = pick(r, names);
    const rest = pick(r, TR);
    return { a: `${x} ${place} ${rest}`, b: `${y} ${place} ${rest}`, country, nonprofit: false };
  }
  const who = r() < 0.7 ? pick(r, FIRST_NAMES) : pick(r, OWNERS[country].s.filter((s) => !/['s]$/.test(s)));
  const [x, y] = two(r, poss(who));
  const rest = pick(r, ['Auto Repair', 'Plumbing', 'Towing', 'Pizza', 'Hardware', 'Diner', 'Bakery', 'Garage', 'Appliance Repair', 'Lawn Care', 'Body Shop', 'Tire Service', 'Pharmacy', 'Deli', 'Florist', 'Heating & Air']);
  return { a: `${x} ${rest}`, b: `${y} ${rest}`, country, nonprofit: false };
}

const LETTERS = 'ABCDEFGHJKLMNPRSTW';
const letters = (r: R, n: number) => Array.from({ length: n }, () => LETTERS[Math.floor(r() * LETTERS.length)]);

/** initials (A.B.C. / ABC / A B C) and "and" written as &, +, n' — two spellings of one name */
export function initialsName(r: R, country: Country): { a: string; b: string; country: Country; also?: string[] } {
  const k = Math.floor(r() * 5);
  const trade = pick(r, TR);
  if (k === 0) {
    const ls = letters(r, r() < 0.6 ? 3 : r() < 0.7 ? 2 : 4);
    const [x, y] = two(r, [ls.join(''), ls.join('.') + '.', ls.join('. ') + '.', ls.join(' '), ls.join('.')]);
    return { a: `${x} ${trade}`, b: `${y} ${trade}`, country };
  }
  if (k === 1) {
    const [p, q] = letters(r, 2);
    const [x, y] = two(r, [`${p}&${q}`, `${p} & ${q}`, `${p} and ${q}`, `${p}+${q}`, `${p} + ${q}`, `${p} 'n' ${q}`]);
    return { a: `${x} ${trade}`, b: `${y} ${trade}`, country };
  }
  if (k === 2) {
    const s = OWNERS[country].s;
    const p = pick(r, s);
    let q = pick(r, s);
    if (q === p) q = s[(s.indexOf(p) + 1) % s.length];
    const rest = pick(r, ['Law Group', 'Accounting', 'Engineering', 'Architects', 'Insurance', 'Dental', 'Builders', 'Funeral Home', 'Veterinary Clinic', 'Consulting']);
    const [x, y] = two(r, [' & ', ' and ', ' + ']);
    return { a: `${p}${x}${q} ${rest}`, b: `${p}${y}${q} ${rest}`, country, also: [`${q} & ${p} ${rest}`] };
  }
  if (k === 3) {
    const [p, q] = pick(r, [['Pack', 'Ship'], ['Wash', 'Fold'], ['Rock', 'Roll'], ['Cut', 'Curl'], ['Bits', 'Bytes'], ['Nuts', 'Bolts'], ['Rise', 'Shine'], ['Surf', 'Turf'], ['Stop', 'Shop'], ['Mix', 'Match'], ['Lock', 'Key'], ['Pots', 'Pans'], ['Scrub', 'Shine'], ['Paws', 'Claws']]);
    const rest = pick(r, ['Laundromat', 'Daycare', 'Salon', 'Computer Repair', 'Hardware', 'Bakery', 'Grill', 'Storage', 'Shipping Center', 'Pet Grooming', 'Cleaning', 'Kitchen Supply']);
    const [x, y] = two(r, [` n' `, ` 'n' `, ' n ', ' and ', ' & ', ' N ', ' + ']);
    return { a: `${p}${x}${q} ${rest}`, b: `${p}${y}${q} ${rest}`, country };
  }
  const [p, q] = letters(r, 2);
  const sur = pick(r, OWNERS[country].s);
  const [x, y] = two(r, [`${p}.${q}.`, `${p}${q}`, `${p} ${q}`, `${p}. ${q}.`]);
  // "J.R. Miller Construction" could be "Miller Construction": neither may be another business
  return { a: `${x} ${sur} ${trade}`, b: `${y} ${sur} ${trade}`, country, also: [`${sur} ${trade}`] };
}

const PAIRS: Record<string, string[]> = {
  EN: ['sp|{O} Dental|{O} Dental Lab', 'sp|{O} Dental|{O} Dental Supply', 'spb|{O} Auto Sales|{O} Auto Body', 'spb|{O} Realty|{O} Property Management',
    's|{O} Law Group|{O} Title Company', 'p|{O} Medical Group|{O} Medical Billing', 'pb|{O} Veterinary Clinic|{O} Pet Resort',
    'sp|{O} Construction|{O} Construction Supply', 'tn|{O} Elementary School|{O} Middle School', 'pn|{O} Community Church|{O} Christian Academy',
    'spb|{O} Insurance Agency|{O} Financial Planning', 'sp|{O} Plumbing|{O} Plumbing Supply', 'sp|{O} Electric|{O} Electric Supply',
    'spb|{O} Accounting|{O} Payroll Services', 'spb|{O} Family Dentistry|{O} Orthodontics', 's|{O} Farms|{O} Farm Equipment',
    'tn|City of {O}|{O} School District', 's|{O} Ford|{O} Toyota', 'spb|{O} Chiropractic|{O} Massage Therapy', 'p|{O} Brewing Company|{O} Distillery',
    'tn|{O} High School|{O} Middle School', 'spb|{O} Physical Therapy|{O} Sports Medicine', 'tn|{O} Public Library|{O} Library Foundation'],
  UK: ['sp|{O} Dental Practice|{O} Dental Laboratory', 'tn|{O} Primary School|{O} Secondary School', 'sp|{O} Motors|{O} Motor Body Repairs',
    'spb|{O} Estate Agents|{O} Mortgage Services', 's|{O} Solicitors|{O} Wealth Management', 'tn|{O} Town Council|{O} Leisure Centre'],
  DE: ['s|Zahnarztpraxis {O}|Dentallabor {O}', 's|Autohaus {O}|{O} Autovermietung', 'sp|{O} Bau|{O} Baustoffhandel',
    's|Steuerberatung {O}|{O} Unternehmensberatung', 's|{O} Elektrotechnik|{O} Elektrogroßhandel', 'tn|Gemeinde {O}|Stadtwerke {O}'],
};

/** two businesses under one brand a human keeps apart ("X Dental" / "X Dental Lab") */
export function siblingPair(r: R, country: Country) {
  const list = country === 'UK' ? [...PAIRS.UK, ...PAIRS.EN] : country === 'DE' ? PAIRS.DE : PAIRS.EN;
  const [flags, tmplA, tmplB] = pick(r, list).split('|');
  const kinds = [...flags].filter((c) => 'sptb'.includes(c)) as ('s' | 'p' | 't' | 'b')[];
  const owner = pick(r, OWNERS[country][pick(r, kinds)]);
  return { owner, tmplA, tmplB, a: tmplA.replace('{O}', owner), b: tmplB.replace('{O}', owner), country, nonprofit: flags.includes('n') };
}

const GROUPS: Record<string, string[][]> = {
  EN: [['{O} Plumbing', '{O} Electric', '{O} Roofing', '{O} Heating & Cooling', '{O} Landscaping', '{O} Excavating', '{O} Painting', '{O} Concrete', '{O} Fencing', '{O} Pools'],
    ['{O} Accounting', '{O} Insurance Agency', '{O} Realty', '{O} Mortgage', '{O} Wealth Management', '{O} Law Group'],
    ['{O} Auto Repair', '{O} Towing', '{O} Tire Center', '{O} Car Wash'], ['{O} Dental', '{O} Chiropractic', '{O} Physical Therapy', '{O} Pharmacy', '{O} Eye Care'],
    ['{O} Farms', '{O} Feed & Seed', '{O} Equipment Rental', '{O} Trucking']],
  UK: [['{O} Plumbing & Heating', '{O} Electrical', '{O} Roofing', '{O} Joinery', '{O} Builders', '{O} Landscapes'], ['{O} Solicitors', '{O} Accountants', '{O} Estate Agents', '{O} Financial Planning']],
  DE: [['{O} Bau', '{O} Elektrotechnik', 'Dachdeckerei {O}', '{O} Haustechnik', '{O} Immobilien', '{O} Logistik', 'Autohaus {O}', '{O} Metallbau']],
  AU: [['{O} Plumbing', '{O} Electrical', '{O} Earthmoving', '{O} Landscaping', '{O} Transport', '{O} Real Estate', '{O} Accountants']],
};

/** one owner in two or three trades ("Smith Plumbing" / "Smith Electric") */
export function twoTrades(r: R, country: Country) {
  const g = pick(r, GROUPS[country] ?? GROUPS.EN);
  const n = r() < 0.75 ? 2 : 3;
  const tmpls: string[] = [];
  while (tmpls.length < n) {
    const t = pick(r, g);
    if (!tmpls.includes(t)) tmpls.push(t);
  }
  const owner = pick(r, OWNERS[country][r() < 0.8 ? 's' : 'p']);
  return { owner, tmpls, names: tmpls.map((t) => t.replace('{O}', owner)), country };
}

/** a holding company or owner that trades under another name */
export function holdingName(r: R, owner: string, country: Country, ownerOnly = false): string {
  if (country === 'DE') return `${owner} ${pick(r, ['Holding', 'Verwaltungs', 'Beteiligungs', 'Unternehmensgruppe', 'Vermögensverwaltung'])}`;
  const k = r();
  if (k < 0.55 || ownerOnly) return `${owner} ${pick(r, ['Enterprises', 'Holdings', 'Ventures', 'Investments', 'Capital', '& Sons', 'Family Trust', 'Partners'])}`;
  if (k < 0.75) return `${letters(r, 3).join('')} ${pick(r, ['Holdings', 'Enterprises', 'Group', 'Ventures'])}`;
  const sur = pick(r, OWNERS[country].s);
  return `${pick(r, PERSON)} ${sur}`;
}
