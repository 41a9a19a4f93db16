/**
 * Words for forms set D: how small and medium businesses an MSP serves (practices, firms, trades,
 * schools, nonprofits, councils, shops, plants) in the US, UK, Germany, Canada and Australia are named,
 * and the ways people shorten and mistype those names. Set D was written apart from sets A and B and is
 * never tuned on.
 */
import type { Biz } from './core';

export type Country = 'us' | 'uk' | 'de' | 'ca' | 'au';

const SURNAMES: Record<Country, string[]> = {
  us: ['Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Taylor', 'Moore', 'Jackson', 'Thompson', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'Wright', 'Hill', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Parker', 'Evans', 'Collins', 'Stewart', 'Morris', 'Murphy', 'Rogers', 'Peterson', 'Cooper', 'Reed', 'Bailey', 'Kelly', 'Howard', 'Ward', 'Richardson', 'Watson', 'Brooks', 'Bennett', 'Hughes', 'Sanders', 'Patel', 'Nguyen', 'Kim', 'Chen', 'Sullivan', "O'Brien", "O'Connor", 'McDonald', 'Fitzgerald', 'Delgado', 'Kowalski', 'Novak', 'Schultz', 'Hansen', 'Larsen', 'Okafor', 'Haddad', 'Russo', 'Romano', 'Whitaker', 'Hollister', 'Ashford', 'Pemberton', 'Castillo', 'Vasquez', 'Nakamura', 'Goldberg', 'Jablonski', 'Ramirez', 'Ferguson', 'Holloway', 'Kincaid', 'Dempsey', 'Abernathy', 'Galloway'],
  uk: ['Jones', 'Evans', 'Davies', 'Hughes', 'Walsh', 'Patel', 'Khan', 'Wood', 'Hall', 'Clarke', 'Wright', 'Roberts', 'Edwards', 'Lloyd', 'Morgan', 'Price', 'Griffiths', 'Barker', 'Atkinson', 'Fletcher', 'Whitfield', 'Holt', 'Marsh', 'Pritchard', 'Bradshaw', 'Ashworth', 'Cartwright', 'Hargreaves', 'Sutcliffe', "O'Neill", 'Macintyre', 'Ferguson', 'Gallagher', 'Thornton', 'Pearce', 'Chambers', 'Blackwood'],
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Lehmann', 'Köhler', 'Weiß', 'Groß', 'Jäger', 'Böhm', 'Vogel', 'Günther', 'Lorenz', 'Baumann', 'Albrecht', 'Schuster', 'Böttcher', 'Seidel', 'Fröhlich', 'Kößler', 'Dörfler'],
  ca: ['Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lévesque', 'Bélanger', 'Pelletier', 'Bergeron', 'Leblanc', 'Girard', 'MacLeod', 'MacDonald', 'Campbell', 'Fraser', 'Singh', 'Wong', 'Lam', 'Sharma', 'Doucet', 'Thibodeau', 'Paquette', 'Ouellet'],
  au: ['Smith', 'Jones', 'Williams', 'Brown', 'Wilson', 'Nguyen', 'Kelly', 'Ryan', 'Walsh', 'Murray', 'Papadopoulos', 'Russo', 'Tran', 'Quinn', 'Doyle', 'Byrne', 'Kennedy', 'Hogan', 'Fitzpatrick', 'Donnelly', 'McKenzie', 'Pearson', 'Costa'],
};

const FIRST = ['John', 'Mary', 'David', 'Sarah', 'Michael', 'Linda', 'James', 'Karen', 'Robert', 'Susan', 'Anna', 'Thomas', 'Peter', 'Laura', 'Daniel', 'Emma', 'Mark', 'Julia', 'Paul', 'Claire', 'Stefan', 'Katrin', 'Priya', 'Wei', 'Omar', 'Fatima'];

const PLACES: Record<Country, string[]> = {
  us: ['Riverside', 'Lakeview', 'Cedar Creek', 'Harbor View', 'Summit', 'Oak Ridge', 'Pine Crest', 'Westfield', 'Northgate', 'Maple Grove', 'Bayside', 'Highland', 'Prairie', 'Redwood', 'Stonebridge', 'Willow Creek', 'Brookside', 'Granite', 'Silver Lake', 'Eastwood', 'Blue Ridge', 'Clearwater', 'Fairview', 'Greenfield', 'Hillcrest', 'Ironwood', 'Meadowbrook', 'Parkside', 'Rosewood', 'Timberline', 'Valley View', 'Wildwood', 'Avondale', 'Elmhurst', 'Glenwood', 'Liberty', 'Pioneer', 'Evergreen', 'Cornerstone', 'Keystone', 'Magnolia', 'Sequoia', 'Tidewater', 'Westbrook', 'Copper Canyon', 'Desert Springs', 'Golden Valley', 'Sandy Hook', 'Bear Creek', 'Aspen'],
  uk: ['Thornbury', 'Ashby', 'Harrogate', 'Kingswood', 'Oakham', 'Fernhill', 'Highgate', 'Millbrook', 'Redhill', 'Westbury', 'Abbey', 'Castle', 'Bridgewater', 'Holmfirth', 'Ashdown', 'Stratton', 'Pennine', 'Cotswold', 'Thames Valley', 'Severn'],
  de: ['Lindenhof', 'Rosenthal', 'Eichwald', 'Bergheim', 'Ettlingen', 'Bruchsal', 'Waldkirch', 'Neustadt', 'Oberursel', 'Freising', 'Erding', 'Ludwigsburg', 'Göppingen', 'Tübingen', 'Lörrach', 'Fürth', 'Würzburg', 'Überlingen', 'Rheintal', 'Schwarzwald', 'Isartal'],
  ca: ['Maple Leaf', 'Northern Lights', 'Lakehead', 'Bow Valley', 'Rideau', 'Muskoka', 'Fundy', 'Okanagan', 'Laurentian', 'Prairie Sky', 'Pacific Rim', 'Georgian Bay', 'Beaver Creek', 'Caribou'],
  au: ['Ashgrove', 'Wattle Park', 'Bondi', 'Coral Coast', 'Sunshine Coast', 'Red Gum', 'Southern Cross', 'Blue Mountains', 'Ironbark', 'Kookaburra', 'Barossa', 'Hunter Valley', 'Banksia', 'Eucalypt', 'Murray River'],
};

export const CITIES: Record<Country, string[]> = {
  us: ['Denver', 'Boulder', 'Aurora', 'Austin', 'Tampa', 'Orlando', 'Reno', 'Boise', 'Tucson', 'Omaha', 'Raleigh', 'Durham', 'Spokane', 'Fresno', 'Dayton', 'Madison', 'Albany', 'Sacramento', 'Lubbock', 'Savannah'],
  uk: ['Leeds', 'Bristol', 'Manchester', 'York', 'Bath', 'Reading', 'Croydon', 'Norwich', 'Leicester', 'Swindon', 'Cardiff', 'Glasgow'],
  de: ['München', 'Hamburg', 'Köln', 'Frankfurt', 'Stuttgart', 'Düsseldorf', 'Nürnberg', 'Leipzig', 'Dresden', 'Hannover', 'Bremen', 'Mannheim'],
  ca: ['Toronto', 'Calgary', 'Ottawa', 'Mississauga', 'Halifax', 'Kelowna', 'Winnipeg', 'Saskatoon', 'Victoria', 'Moncton', 'Québec'],
  au: ['Brisbane', 'Perth', 'Adelaide', 'Parramatta', 'Geelong', 'Hobart', 'Darwin', 'Cairns', 'Ballarat', 'Newcastle', 'Wollongong'],
};

/** a business and one of its sites, the ways a PSA or RMM writes them */
export function branchWritings(name: string, place: string): string[] {
  return [`${name} - ${place}`, `${name} – ${place}`, `${name} (${place})`, `${name} ${place}`, `${name}, ${place}`, `${name}: ${place}`, `${name} / ${place}`];
}

export const STREETS = ['Main St', 'Main Street', 'Oak Ave', 'Elm Street', 'Route 9', 'High Street', 'Market St', 'Broadway', '5th Ave', 'Church Rd', 'Station Road', 'Hauptstraße', 'King St W', 'George St'];

/** legal forms as a PSA holds them, by country */
export const LEGAL: Record<Country, string[]> = {
  us: ['Inc.', 'Inc', 'LLC', 'L.L.C.', 'PLLC', 'P.C.', 'PC', 'LLP', 'Corp.', 'Co.', 'Incorporated', 'Corporation', 'Company'],
  uk: ['Ltd', 'Ltd.', 'Limited', 'LLP', 'plc'],
  de: ['GmbH', 'GmbH & Co. KG', 'e.K.', 'KG', 'AG', 'OHG', 'UG (haftungsbeschränkt)', 'GbR'],
  ca: ['Inc.', 'Ltd.', 'Corp.', 'Limited', 'Professional Corporation', 'Ltée'],
  au: ['Pty Ltd', 'Pty. Ltd.', 'Pty Limited', 'P/L'],
};

/** how one legal form is written otherwise */
export const LEGAL_ALT: Record<string, string[]> = {
  'Inc.': ['Inc', 'Incorporated', 'INC'], Inc: ['Inc.', 'Incorporated'], LLC: ['L.L.C.', 'llc', 'Llc'], 'L.L.C.': ['LLC'], 'P.C.': ['PC'], PC: ['P.C.'], 'Corp.': ['Corp', 'Corporation'],
  'Co.': ['Co', 'Company'], Ltd: ['Ltd.', 'Limited', 'LTD'], 'Ltd.': ['Ltd', 'Limited'], Limited: ['Ltd', 'Ltd.'], 'GmbH & Co. KG': ['GmbH & Co KG', 'GmbH u. Co. KG'], 'Pty Ltd': ['Pty. Ltd.', 'P/L', 'PTY LTD'], 'Pty. Ltd.': ['Pty Ltd'],
};

/** sectors: [owner kind, trade words, trade before the owner?] — owner kinds: S surname, P place, F first + surname, SS two surnames */
type Tpl = [string, string, boolean?];
const SECTORS_EN: Tpl[] = [
  ['S', 'Family Dentistry'], ['P', 'Dental Care'], ['S', 'Dental Group'], ['P', 'Orthodontics'], ['P', 'Pediatric Dentistry'], ['SS', 'Dental Associates'], ['F', 'DDS'],
  ['P', 'Family Medicine'], ['P', 'Pediatrics'], ['S', 'Medical Clinic'], ['P', 'Physical Therapy'], ['S', 'Chiropractic'], ['P', 'Eye Care'], ['P', 'Dermatology Associates'], ['P', 'Animal Hospital'], ['P', 'Veterinary Clinic'], ['P', 'Urgent Care'], ['P', 'Hearing Center'],
  ['SS', 'Law Group'], ['F', 'Law Offices of', true], ['S', 'Legal Services'], ['SS', 'Attorneys at Law'], ['SS', 'Solicitors'], ['SS', 'Barristers & Solicitors'],
  ['SS', 'CPAs'], ['S', 'Accounting Services'], ['S', 'Tax & Accounting'], ['SS', 'Chartered Accountants'], ['P', 'Bookkeeping'], ['P', 'Wealth Management'], ['S', 'Financial Advisors'],
  ['S', 'Plumbing & Heating'], ['S', 'Electric'], ['S', 'Electrical Contractors'], ['P', 'Roofing'], ['S', 'Construction'], ['P', 'Landscaping'], ['S', 'Heating & Cooling'], ['P', 'HVAC Services'], ['S', 'Painting & Decorating'], ['S', 'Builders'], ['S', 'Excavating'], ['P', 'Concrete'], ['S', 'Flooring'], ['P', 'Mechanical Services'], ['P', 'Fire Protection'], ['S', 'Plumbing'],
  ['P', 'Elementary School'], ['P', 'Montessori School'], ['P', 'Christian Academy'], ['P', 'Primary School'], ['P', 'Preparatory School'], ['P', 'Learning Center'], ['P', 'High School'], ['P', 'Charter School'],
  ['P', 'Food Bank'], ['P', 'Community Foundation'], ['P', 'Humane Society'], ['P', 'Historical Society'], ['P', 'Community Church'], ['P', 'Rotary Club'], ['P', 'Family Services'], ['P', 'Senior Center'], ['P', 'Youth Soccer Association'],
  ['P', 'City of', true], ['P', 'Town of', true], ['P', 'Village of', true], ['P', 'Township'], ['P', 'Public Library'], ['P', 'Fire District'], ['P', 'Water District'], ['P', 'School District'], ['P', 'Public Works Department'], ['P', 'Police Department'], ['P', 'Parks & Recreation Department'],
  ['P', 'Hardware'], ['S', 'Furniture'], ['S', 'Jewelers'], ['P', 'Pharmacy'], ['P', 'Florist'], ['P', 'Garden Center'], ['P', 'Bike Shop'], ['P', 'Auto Parts'], ['S', 'Appliance Center'], ['P', 'Wine & Spirits'], ['P', 'Pet Supply'],
  ['S', 'Manufacturing'], ['S', 'Precision Machining'], ['P', 'Plastics'], ['P', 'Metal Fabrication'], ['S', 'Tool & Die'], ['S', 'Industries'], ['P', 'Packaging'], ['S', 'Engineering'], ['S', 'Cabinetry'], ['P', 'Foods'], ['P', 'Printing'],
  ['S', 'Insurance Agency'], ['P', 'Property Management'], ['S', 'Realty'], ['P', 'Travel'], ['S', 'Auto Repair'], ['P', 'Auto Body'], ['S', 'Trucking'], ['P', 'Logistics'], ['P', 'Staffing'], ['SS', 'Architects'], ['P', 'Consulting Group'], ['P', 'Title Company'], ['S', 'Funeral Home'], ['P', 'Distribution'], ['P', 'Equipment Rentals'], ['S', 'Associates'],
];
const SECTORS_UK: Tpl[] = [['P', 'Parish Council'], ['P', 'Borough Council'], ['P', 'Surgery'], ['P', 'Medical Practice'], ['S', 'Estate Agents'], ['P', 'Garden Centre'], ['S', 'Joinery'], ['P', 'Veterinary Centre'], ['P', 'Academy Trust'], ['P', 'Housing Association']];
const SECTORS_AU: Tpl[] = [['P', 'Shire Council'], ['P', 'Medical Centre'], ['S', 'Electrical'], ['P', 'Physiotherapy'], ['S', 'Earthmoving'], ['P', 'Sports Club']];
const SECTORS_CA: Tpl[] = [['P', 'Medical Centre'], ['P', 'Credit Union'], ['S', 'Notaires', false], ['P', 'Dental Centre'], ['P', 'Township']];
const SECTORS_DE: Tpl[] = [
  ['S', 'Zahnarztpraxis Dr.', true], ['S', 'Praxis Dr. med.', true], ['SS', 'Kanzlei', true], ['S', 'Steuerberatung', true], ['S', 'Steuerberatungsgesellschaft'], ['S', 'Autohaus', true], ['S', 'Bäckerei', true], ['S', 'Elektro', true], ['S', 'Sanitär', true],
  ['S', 'Haustechnik'], ['S', 'Maschinenbau'], ['S', 'Metallbau'], ['P', 'Gemeinde', true], ['P', 'Stadtwerke', true], ['P', 'Grundschule', true], ['S', 'Immobilien'], ['S', 'Bau'], ['S', 'Tischlerei', true], ['S', 'Malerbetrieb', true], ['S', 'Logistik'], ['S', 'Physiotherapie', true], ['S', 'Tierarztpraxis', true], ['P', 'Apotheke', false], ['S', 'Ingenieurbüro', true],
];

export const SECTORS: Record<Country, Tpl[]> = { us: SECTORS_EN, uk: [...SECTORS_EN, ...SECTORS_UK], de: SECTORS_DE, ca: [...SECTORS_EN, ...SECTORS_CA], au: [...SECTORS_EN, ...SECTORS_AU] };

const country = new WeakMap<Biz, Country>();
/** the country a business of set D was made in */
export const countryOf = (z: Biz): Country => country.get(z) ?? 'us';

const pickR = <T>(r: () => number, a: readonly T[]): T => a[Math.floor(r() * a.length)];

export function pickCountry(r: () => number): Country {
  const x = r();
  return x < 0.5 ? 'us' : x < 0.65 ? 'uk' : x < 0.77 ? 'de' : x < 0.89 ? 'ca' : 'au';
}

export function ownerOf(r: () => number, c: Country, kind: string): string {
  const s = () => pickR(r, SURNAMES[c]);
  if (kind === 'P') return r() < 0.8 ? pickR(r, PLACES[c]) : s();
  if (kind === 'F') return `${pickR(r, FIRST)} ${s()}`;
  if (kind === 'SS') {
    const a = s();
    let b = s();
    for (let i = 0; b === a && i < 5; i++) b = s();
    return r() < 0.3 ? `${a}, ${b} & ${pickR(r, SURNAMES[c])}` : r() < 0.5 ? `${a} & ${b}` : `${a} ${b}`;
  }
  // a surname, sometimes a place
  return r() < 0.85 ? s() : pickR(r, PLACES[c]);
}

export function compose(owner: string, trade: string, pre?: boolean): string {
  return pre ? `${trade} ${owner}` : `${owner} ${trade}`;
}

export function makeBiz(r: () => number): Biz {
  const c = pickCountry(r);
  const [kind, trade, pre] = pickR(r, SECTORS[c]);
  const owner = ownerOf(r, c, kind);
  const z: Biz = { owner, trade, name: compose(owner, trade, pre) };
  country.set(z, c);
  return z;
}

/** a business of a given country and trade (for decoys: another trade of one owner) */
export function bizOf(c: Country, owner: string, trade: string, pre?: boolean): Biz {
  const z: Biz = { owner, trade, name: compose(owner, trade, pre) };
  country.set(z, c);
  return z;
}

/** abbreviations people use for trade and place words (one kind of shortening among several) */
export const ABBR: Record<string, string[]> = {
  services: ['Svcs', 'Svc', 'Srvcs', 'Servs'], service: ['Svc', 'Serv'], management: ['Mgmt', 'Mgt', 'Mngmt'], associates: ['Assoc', 'Assocs', 'Assoc.', 'Asso'], association: ['Assn', 'Assoc', 'Assn.'],
  international: ['Intl', "Int'l", 'Intl.'], manufacturing: ['Mfg', 'Mfg.', 'Manuf'], department: ['Dept', 'Dept.', 'Dpt'], center: ['Ctr', 'Cntr', 'Ctr.'], centre: ['Ctr', 'Cntr'], company: ['Co', 'Co.'],
  construction: ['Constr', 'Const', 'Constr.', 'Cnstr'], engineering: ['Eng', 'Engrg', 'Engg', 'Eng.'], accounting: ['Acctg', 'Acct', 'Accting'], insurance: ['Ins', 'Ins.', 'Insur'], medical: ['Med', 'Med.', 'Mdcl'],
  properties: ['Props', 'Prop'], property: ['Prop', 'Prop.', 'Ppty'], distribution: ['Dist', 'Distrib', 'Distr'], equipment: ['Equip', 'Eqpt', 'Equip.'], supply: ['Sply', 'Supp'], group: ['Grp', 'Grp.'], physiotherapy: ['Physio'],
  veterinary: ['Vet', 'Vet.'], pharmacy: ['Pharm', 'Phcy'], orthodontics: ['Ortho'], foundation: ['Fdn', 'Found.'], industries: ['Inds', 'Ind', 'Indus'], electrical: ['Elec', 'Elect', 'Elec.'], electric: ['Elec', 'Elect'],
  mechanical: ['Mech', 'Mech.'], heating: ['Htg', 'Heat'], cooling: ['Clg'], hospital: ['Hosp', 'Hosp.'], elementary: ['Elem', 'Elem.'], academy: ['Acad', 'Acad.'], community: ['Comm', 'Cmty', 'Commty'],
  township: ['Twp', 'Twp.'], district: ['Dist', 'Dist.'], library: ['Lib', 'Libr'], recreation: ['Rec'], school: ['Sch', 'Schl'], plumbing: ['Plbg', 'Plmbg', 'Plumb'], landscaping: ['Lndscpg', 'Landscp'], dentistry: ['Dent'],
  dental: ['Dntl', 'Dent'], family: ['Fam', 'Fmly'], clinic: ['Clin', 'Clnc'], pediatrics: ['Peds', 'Ped'], pediatric: ['Ped', 'Peds'], fabrication: ['Fab', 'Fabr'], machining: ['Mach'], precision: ['Prec'], packaging: ['Pkg', 'Pkgng'],
  architects: ['Arch', 'Archs'], consulting: ['Cnsltg', 'Consult'], logistics: ['Logist'], realty: ['Rlty'], rentals: ['Rntls', 'Rent'], automotive: ['Auto'], transportation: ['Transp', 'Trans'], financial: ['Fin', 'Finl'],
  steuerberatung: ['StB', 'Steuerber.'], steuerberatungsgesellschaft: ['StBG', 'Stbg.'], rechtsanwälte: ['RAe'], ingenieurbüro: ['Ing.-Büro', 'IB'], gemeinde: ['Gem.'], haustechnik: ['Haustechn.'], maschinenbau: ['Masch.-Bau', 'Maschbau'],
  brothers: ['Bros', 'Bros.'], chartered: ['Chtd'], solicitors: ['Sols'], accountants: ['Accts', 'Accs'], council: ['Cncl', 'Cl'], children: ['Childrens'], humane: ['Hum'], society: ['Soc', 'Soc.'], historical: ['Hist', 'Hist.'], christian: ['Chr', 'Christ.'], preparatory: ['Prep'], montessori: ['Montes'],
};

const VOWELS = /[aeiouäöüy]/i;
/** a word cut after a few letters, or kept as its consonant skeleton ("Plumbing" -> "Plumb", "Plmbng") */
export function shortenWord(r: () => number, w: string): string {
  const low = w.toLowerCase();
  const table = ABBR[low];
  const x = r();
  if (table && x < 0.5) return pickR(r, table);
  if (w.length >= 7 && w.length <= 10 && x < 0.75) {
    // consonant skeleton: first letter, then the consonants, doubled letters once
    let s = w[0];
    for (const ch of w.slice(1)) if (!VOWELS.test(ch) && ch.toLowerCase() !== s[s.length - 1].toLowerCase()) s += ch;
    if (s.length >= 3 && s.length < w.length) return s;
  }
  const n = Math.min(w.length - 2, Math.max(3, Math.ceil(w.length * 0.4)) + Math.floor(r() * 2));
  return n >= 3 ? w.slice(0, n) + (r() < 0.35 ? '.' : '') : w;
}

const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function neighbour(r: () => number, ch: string): string {
  const lower = ch.toLowerCase();
  for (let y = 0; y < ROWS.length; y++) {
    const x = ROWS[y].indexOf(lower);
    if (x < 0) continue;
    const near = [ROWS[y][x - 1], ROWS[y][x + 1], ROWS[y - 1]?.[x], ROWS[y + 1]?.[x]].filter(Boolean) as string[];
    const n = pickR(r, near);
    return ch === lower ? n : n.toUpperCase();
  }
  return ch;
}

/** one typing slip in a word of five or more letters (never its first letter): index of the word, kind and result */
export function typo(r: () => number, name: string): { name: string; word: number } | null {
  const words = name.split(' ');
  const cand = words.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-z]{5,}$/.test(w));
  if (!cand.length) return null;
  const [w, i] = pickR(r, cand);
  const p = 1 + Math.floor(r() * (w.length - 1));
  const k = r();
  let out: string;
  if (k < 0.3) out = w.slice(0, p) + neighbour(r, w[p]) + w.slice(p + 1);
  else if (k < 0.5) out = w.slice(0, p) + w.slice(p + 1);
  else if (k < 0.65) out = w.slice(0, p) + w[p] + w.slice(p);
  else if (k < 0.85 && p < w.length - 1) out = w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2);
  else out = w.slice(0, Math.max(2, p)) + ' ' + w.slice(Math.max(2, p));
  if (out === w || out.endsWith(' ')) out = w.slice(0, 2) + w.slice(3);
  words[i] = out;
  return { name: words.join(' '), word: i };
}

/** German and French letters written plainly, the German way (ü -> ue) or dropped (ü -> u) */
export function foldAccents(s: string, german: boolean): string {
  const g: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };
  const t = german ? s.replace(/[äöüÄÖÜß]/g, (c) => g[c]) : s.replace(/ß/g, 'ss');
  return t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

export const NUMBER_WORDS: [string, string][] = [['First', '1st'], ['Second', '2nd'], ['Third', '3rd'], ['Fourth', '4th'], ['Fifth', '5th'], ['Two', '2'], ['Three', '3'], ['Four', '4'], ['Five', '5'], ['Seven', '7'], ['Ten', '10'], ['Twelve', '12'], ['Twenty-First', '21st']];
export const NUMBER_PHRASES: Record<string, string[]> = {
  First: ['Choice', 'Class', 'Street', 'Call', 'Avenue'], Second: ['Street', 'Chance', 'Avenue'], Third: ['Street', 'Coast', 'Avenue'], Fourth: ['Street', 'Avenue'], Fifth: ['Avenue', 'Street'],
  Two: ['Rivers', 'Bridges', 'Pines'], Three: ['Rivers', 'Oaks', 'Lakes', 'Pines', 'Forks'], Four: ['Seasons', 'Corners', 'Winds'], Five: ['Star', 'Points', 'Oaks'], Seven: ['Hills', 'Oaks', 'Springs'], Ten: ['Mile', 'Oaks'], Twelve: ['Oaks', 'Bridges'], 'Twenty-First': ['Century'],
};
export const SAINTS = ["Mary's", 'Joseph', "Andrew's", "Luke's", 'Francis', "Paul's", "Michael's", 'Anne', "Patrick's", "John's", 'Thomas More', "Brigid's", "Jude's", 'Vincent de Paul', "Catherine's"];
export const SAINT_TRADES = ['Catholic School', 'Parish', 'Episcopal Church', 'Hospital', 'Medical Center', 'Academy', 'Lutheran Church', 'Nursing Home', 'Primary School', 'Hospice'];
export const MOUNTS = ['Pleasant', 'Vernon', 'Hope', 'Olive', 'Zion', 'Carmel', 'Airy', 'Laurel', 'Washington', 'Gambier'];
export const FORTS = ['Collins', 'Myers', 'Worth', 'Wayne', 'Lauderdale', 'McMurray', 'Smith', 'Erie', 'Pierce', 'Saskatchewan'];
export const POSSESSORS = ['Joe', 'Mike', 'Dave', 'Tony', 'Sam', 'Hannah', 'Grandma', 'Rosie', 'Bob', 'Lou', 'Murphy', 'Kelly', 'Walt', 'Ernie', 'Benny', 'Maggie', 'Frank', 'Charlie', 'Nick', 'Ollie', 'Sully', 'Gus', 'Marty', 'Vinnie'];
export const POSSESSIVE_TRADES = ['Pizza', 'Auto Repair', 'Hardware', 'Towing', 'Barbershop', 'Bakery', 'Deli', 'Garage', 'Tire & Lube', 'Diner', 'Pub', 'Landscaping', 'Appliance Repair', 'Plumbing', 'Pharmacy', 'Flowers', 'Bike Shop', 'Liquor Store'];
export const N_PHRASES = ['Mow n Go', 'Wash n Fold', 'Cut n Style', 'Bits n Bytes', 'Nuts n Bolts', 'Paws n Claws', 'Rise n Shine', 'Pick n Save', 'Rock n Roll', 'Surf n Turf', 'Spic n Span', 'Pack n Ship', 'Stitch n Sew', 'Sip n Paint', 'Brew n Bean', 'Dip n Dots', 'Shear n Shine', 'Lock n Key', 'Park n Fly', 'Tan n Tone'];
export const N_TRADES = ['Landscaping', 'Laundromat', 'Salon', 'Computer Repair', 'Hardware', 'Pet Grooming', 'Cafe', 'Grocery', 'Music', 'Restaurant', 'Cleaning Services', 'Shipping', 'Tailoring', 'Studio', 'Coffee', 'Locksmiths', 'Parking'];
export const INITIAL_TRADES = ['Plumbing', 'Electric', 'Auto Body', 'Trucking', 'Construction', 'Landscaping', 'Machine Works', 'Roofing', 'Welding', 'Heating & Air', 'Glass', 'Tire', 'Paving', 'Fencing', 'Insurance', 'Towing', 'Electrical Services', 'Pest Control', 'Cleaning', 'Signs', 'Steel', 'Tool Supply', 'Drywall', 'Movers', 'Printing', 'Staffing', 'Engineering', 'Waste Services', 'Controls', 'Metal Works'];
