/**
 * Deterministic data for both systems: orgs with nested machine groups and agents in VSA; accounts
 * in BMS of which some match org names exactly, some with real-world variations and some not at all;
 * locations (one Main), departments, existing mappings and already-synced assets.
 */
import type { BmsAccount, SandboxState, VsaAgent, VsaMachineGroup, VsaOrg } from './model';
import { emptyState, mappingStore, nextBmsId, nextVsaId } from './model';
import { VSA_INTEGRATION_TYPE_ID } from './capabilities';
import { addTenantCases } from './tenant-cases';

export interface SeedOptions {
  orgs: number;
  agents: number;
  seed: number;
  names?: NamesFile;
  /** the VSA org custom field "BMS Account Id" exists (default: yes) */
  vsaLinkField?: boolean;
  /** add VSA's built-in orgs and a lab machine group (tenant-cases.ts), after the generated data */
  tenantCases?: boolean;
}

/** the VSA org custom field a team keeps links in when BMS's mapping store does not answer */
export const VSA_LINK_FIELD = 'BMS Account Id';

export interface NamesFile {
  orgs?: string[];
  accounts?: string[];
  machineGroups?: string[];
  agents?: string[];
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  'Smith', 'Johnson', 'Johnston', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Garcia', 'Rodriguez', 'Wilson',
  'Martinez', 'Anderson', 'Taylor', 'Thomas', 'Hernandez', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Lopez',
  'Lee', 'Gonzalez', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Perez', 'Hall', 'Young', 'Allen', 'Sanchez',
  'Wright', 'King', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Ramirez', 'Campbell', 'Mitchell', 'Roberts',
  'Carter', 'Phillips', 'Evans', 'Turner', 'Torres', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Flores', 'Morris',
  'Nguyen', 'Murphy', 'Rivera', 'Cook', 'Rogers', 'Morgan', 'Peterson', 'Cooper', 'Reed', 'Bailey', 'Bell', 'Gomez',
  'Kelly', 'Howard', 'Ward', 'Cox', 'Diaz', 'Richardson', 'Wood', 'Watson', 'Brooks', 'Bennett', 'Gray', 'James',
  'Reyes', 'Cruz', 'Hughes', 'Price', 'Myers', 'Long', 'Foster', 'Sanders', 'Ross', 'Morales', 'Powell', 'Sullivan',
  'Russell', 'Ortiz', 'Jenkins', 'Gutierrez', 'Perry', 'Butler', 'Barnes', 'Fisher', 'Henderson', 'Coleman', 'Simmons',
  'Patterson', 'Jordan', 'Reynolds', 'Hamilton', 'Graham', 'Kim', 'Gonzales', 'Alexander', 'Ramos', 'Wallace',
  'Müller', 'Schröder', 'Weiß', 'Köhler', 'Jäger', 'Groß', 'Søndergaard', 'Ødegård', 'Åberg', 'Nuñez', 'Ibáñez',
  'Dubois', 'Lefèvre', 'Moreau', 'Rossi', 'Bianchi', 'Kowalski', 'Novák', 'Janssen', 'De Vries', "O'Brien", "O'Neill",
  'McDonald', 'MacLeod', 'Fitzgerald', 'Okafor', 'Adeyemi', 'Tanaka', 'Sato', 'Patel', 'Shah', 'Singh', 'Chen', 'Wang',
];
const PLACES = [
  'Riverside', 'Lakeside', 'Hillcrest', 'Oakwood', 'Maple', 'Cedar', 'Pine Valley', 'Summit', 'Harbor', 'Bayview',
  'Northgate', 'Southpoint', 'Westfield', 'Eastside', 'Mountain View', 'Sunset', 'Greenfield', 'Fairview', 'Brookside',
  'Silver Creek', 'Golden Gate', 'Red Rock', 'Blue Ridge', 'Clearwater', 'Stonebridge', 'Kingsway', 'Meadowbrook',
  'Springfield', 'Franklin', 'Lincoln', 'Madison', 'Jefferson', 'Georgetown', 'Ashford', 'Bramley', 'Chester', 'Dover',
  'Elmhurst', 'Foxborough', 'Glendale', 'Hampton', 'Ironwood', 'Juniper', 'Kensington', 'Lexington', 'Marlborough',
  'München', 'Zürich', 'Düsseldorf', 'Malmö', 'Tromsø', 'Århus', 'Köln', 'Göteborg',
];
const INDUSTRIES = [
  'Dental', 'Dental Lab', 'Medical', 'Family Medicine', 'Pediatrics', 'Law', 'Legal Services', 'Accounting', 'Tax Services',
  'Construction', 'Plumbing', 'Electric', 'Roofing', 'Landscaping', 'Logistics', 'Trucking', 'Bakery', 'Cafe',
  'Restaurant Group', 'Realty', 'Insurance', 'Financial Advisors', 'Wealth Management', 'Veterinary Clinic',
  'Animal Hospital', 'Chiropractic', 'Physical Therapy', 'Orthodontics', 'Eye Care', 'Pharmacy', 'Auto Repair',
  'Motors', 'Manufacturing', 'Machine Works', 'Engineering', 'Architects', 'Design Studio', 'Marketing', 'Consulting',
  'IT Services', 'Staffing', 'Printing', 'Church', 'Academy', 'Montessori School', 'Hotel', 'Storage', 'Foods',
  'Brewing', 'Winery', 'Farms', 'Nursery', 'Flooring', 'HVAC', 'Solar', 'Energy', 'Labs', 'Imaging', 'Surgery Center',
];
const CONNECT = [' & ', ' and ', ' + '];
const SUFFIXES = [
  'Inc', 'Inc.', 'LLC', 'L.L.C.', 'Ltd', 'Ltd.', 'Limited', 'Corp', 'Corp.', 'Corporation', 'Co', 'Co.', 'Company',
  'LLP', 'PLLC', 'P.C.', 'GmbH', 'AG', 'KG', 'GmbH & Co. KG', 'S.A.', 'SARL', 'S.L.', 'B.V.', 'N.V.', 'Pty Ltd', 'Oy',
  'AB', 'AS', 'A/S', 'ApS', 'S.r.l.', 'SpA', 'Sp. z o.o.', 'PC', 'PA', 'LP',
];
const ABBREV: [RegExp, string][] = [
  [/\bInternational\b/, 'Intl'],
  [/\bServices\b/, 'Svcs'],
  [/\bManufacturing\b/, 'Mfg'],
  [/\bAssociates\b/, 'Assoc'],
  [/\bGroup\b/, 'Grp'],
  [/\bManagement\b/, 'Mgmt'],
  [/\bBrothers\b/, 'Bros'],
  [/\bDepartment\b/, 'Dept'],
  [/\bCompany\b/, 'Co'],
  [/\bMountain\b/, 'Mtn'],
  [/\bSaint\b/, 'St'],
];
const EXTRA_WORDS = ['International', 'Services', 'Associates', 'Group', 'Management', 'Brothers', 'Partners', 'Solutions'];
const GROUP_NAMES = ['servers', 'workstations', 'laptops', 'frontdesk', 'warehouse', 'lab', 'branch', 'remote', 'kiosk', 'finance'];
const SUB_GROUPS = ['dc', 'sql', 'hyperv', 'floor1', 'floor2', 'north', 'south'];
const LOCATION_NAMES = ['Branch Office', 'Warehouse', 'Downtown', 'North Campus', 'Satellite Clinic', 'Annex'];
const DEPARTMENT_NAMES = ['Front Office', 'Accounting', 'Operations', 'Sales', 'Clinical', 'IT', 'Warehouse'];
const OS = [
  { OSType: 'Windows 11', OSInfo: 'Professional x64 Edition Build 22631', cat: 1 },
  { OSType: 'Windows 10', OSInfo: 'Professional x64 Edition Build 19045', cat: 1 },
  { OSType: 'Server 2022', OSInfo: 'Standard x64 Edition Build 20348', cat: 2 },
  { OSType: 'Server 2019', OSInfo: 'Standard x64 Edition Build 17763', cat: 2 },
  { OSType: 'Mac OS X', OSInfo: 'macOS 14.5', cat: 3 },
  { OSType: 'Linux', OSInfo: 'Ubuntu 22.04.4 LTS', cat: 2 },
];

const strip = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
function translit(s: string): string {
  return s
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss').replace(/ø/g, 'o').replace(/Ø/g, 'O').replace(/å/g, 'aa').replace(/Å/g, 'Aa');
}

/** The kinds of real-world difference between an org name and its account's name. */
export type VariationKind =
  | 'suffix' | 'case' | 'ampersand' | 'accents' | 'translit' | 'the' | 'abbrev' | 'punctuation' | 'typo' | 'spacing' | 'order';

export function vary(name: string, kind: VariationKind, r: () => number): string {
  const base = name.replace(new RegExp(`,?\\s+(${SUFFIXES.map((x) => x.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`), '');
  switch (kind) {
    case 'suffix': {
      const suf = SUFFIXES[Math.floor(r() * SUFFIXES.length)];
      return base === name ? `${name}, ${suf}` : r() < 0.5 ? base : `${base} ${suf}`;
    }
    case 'case':
      return r() < 0.5 ? name.toUpperCase() : name.toLowerCase();
    case 'ampersand':
      return / & /.test(name) ? name.replace(/ & /g, ' and ') : / and /.test(name) ? name.replace(/ and /g, ' & ') : `${name.replace(/ (\S+)$/, ' & $1')}`;
    case 'accents':
      return strip(name) === name ? `${name}` : strip(name);
    case 'translit':
      return translit(name) === name ? strip(name) : translit(name);
    case 'the':
      return /^The /.test(name) ? name.slice(4) : `The ${name}`;
    case 'abbrev': {
      for (const [re, ab] of ABBREV) if (re.test(name)) return name.replace(re, ab);
      return `${base}, ${SUFFIXES[Math.floor(r() * SUFFIXES.length)]}`;
    }
    case 'punctuation':
      return name.replace(/[.,']/g, '').replace(/-/g, ' ');
    case 'typo': {
      const letters = [...base];
      const i = 1 + Math.floor(r() * Math.max(1, letters.length - 3));
      if (letters[i] && letters[i + 1] && letters[i] !== ' ' && letters[i + 1] !== ' ') {
        [letters[i], letters[i + 1]] = [letters[i + 1], letters[i]];
      }
      return letters.join('') + name.slice(base.length);
    }
    case 'spacing':
      return `  ${name.replace(/ /g, '  ')} `;
    case 'order': {
      const parts = base.split(CONNECT.find((c) => base.includes(c)) ?? ' & ');
      return parts.length === 2 ? `${parts[1]} & ${parts[0]}` : name.toUpperCase();
    }
  }
}
const VARIATIONS: VariationKind[] = ['suffix', 'case', 'ampersand', 'accents', 'translit', 'the', 'abbrev', 'punctuation', 'typo', 'spacing', 'order'];

/** the generator's own rough notion of "the same name", so distinct businesses never collide */
const SUFFIX_TOKENS = new Set(SUFFIXES.flatMap((x) => x.toLowerCase().replace(/\./g, '').replace(/[^a-z& ]/g, ' ').split(/\s+/)).concat(['and', 'the', '&']));
function roughKey(name: string): string {
  const toks = translit(strip(name)).toLowerCase().replace(/['.]/g, '').replace(/[^a-z0-9& ]+/g, ' ').split(/\s+/).filter(Boolean);
  const kept = toks.filter((t) => !SUFFIX_TOKENS.has(t));
  return kept.map((t) => ({ intl: 'international', svcs: 'services', mfg: 'manufacturing', assoc: 'associates', grp: 'group', mgmt: 'management', bros: 'brothers' } as Record<string, string>)[t] ?? t).sort().join(' ');
}
const UNRELATED = ['Yoga Studio', 'Florist', 'Jewelers', 'Tailors', 'Car Wash', 'Kennels', 'Optics', 'Daycare', 'Photography', 'Catering', 'Bike Shop', 'Barbers'];

function orgName(r: () => number): string {
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const shape = r();
  let name: string;
  if (shape < 0.3) name = `${pick(SURNAMES)} ${pick(INDUSTRIES)}`;
  else if (shape < 0.5) name = `${pick(SURNAMES)}${pick(CONNECT)}${pick(SURNAMES)} ${pick(INDUSTRIES)}`;
  else if (shape < 0.75) name = `${pick(PLACES)} ${pick(INDUSTRIES)}`;
  else if (shape < 0.9) name = `${pick(PLACES)} ${pick(EXTRA_WORDS)}`;
  else name = `${pick(SURNAMES)} ${pick(EXTRA_WORDS)}`;
  if (r() < 0.55) name += `${r() < 0.3 ? ',' : ''} ${pick(SUFFIXES)}`;
  return name;
}

function orgRefFrom(name: string, taken: Set<string>): string {
  const base = strip(translit(name)).toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 24) || 'org';
  let ref = base;
  for (let n = 2; taken.has(ref); n++) ref = `${base}${n}`;
  taken.add(ref);
  return ref;
}

const ISO_BASE = Date.UTC(2025, 0, 1);
const iso = (r: () => number, spanDays = 600) => new Date(ISO_BASE + Math.floor(r() * spanDays * 86400000)).toISOString();

export function generate(opts: SeedOptions): SandboxState {
  const s = emptyState();
  const r = rng(opts.seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const names = opts.names ?? {};

  // --- VSA orgs and machine groups ---
  const usedNames = new Set<string>();
  const usedKeys = new Set<string>();
  const refs = new Set<string>();
  const orgs: VsaOrg[] = [];
  const groupsByOrg = new Map<string, VsaMachineGroup[]>();
  /** each group's own name (the last segment of its dotted path) */
  const leaf = new Map<string, string>();
  let hostileGroup = 0;
  for (let i = 0; i < opts.orgs; i++) {
    let name: string;
    if (names.orgs && i < names.orgs.length) name = names.orgs[i];
    else {
      name = orgName(r);
      for (let n = 2; usedNames.has(name) || usedKeys.has(roughKey(name)); n++) name = `${orgName(r)}${n > 4 ? ` ${n}` : ''}`;
    }
    usedNames.add(name);
    usedKeys.add(roughKey(name));
    const OrgId = nextVsaId(s, 'org');
    const ref = orgRefFrom(name, refs);
    const org: VsaOrg = {
      OrgId,
      OrgName: name,
      OrgRef: ref,
      OrgType: 'Customer',
      DefaultDepartmentName: 'root',
      DefaultMachineGroupName: 'root',
      ParentOrgId: null,
      Website: r() < 0.6 ? `https://www.${ref}.example` : null,
      NoOfEmployees: r() < 0.7 ? 1 + Math.floor(r() * 400) : null,
      AnnualRevenue: null,
      ContactInfo: { PreferredContactMethod: 'Email', PrimaryPhone: null, PrimaryEmail: `it@${ref}.example`, Country: null, City: null },
      // an admin created the org field that holds the BMS account id of a link (B9's fallback to the mapping store)
      CustomFields: opts.vsaLinkField === false ? [] : [{ FieldName: VSA_LINK_FIELD, FieldValue: '' }],
    };
    s.vsa.orgs.set(OrgId, org);
    orgs.push(org);
    const groups: VsaMachineGroup[] = [];
    const root: VsaMachineGroup = { MachineGroupId: nextVsaId(s, 'group'), MachineGroupName: `${ref}.root`, OrgId, ParentMachineGroupId: null };
    leaf.set(root.MachineGroupId, 'root');
    groups.push(root);
    const children = Math.floor(r() * 4);
    const usedGroupNames = new Set<string>();
    for (let c = 0; c < children; c++) {
      let gname: string;
      if (names.machineGroups && hostileGroup < names.machineGroups.length) gname = names.machineGroups[hostileGroup++];
      else gname = pick(GROUP_NAMES);
      if (usedGroupNames.has(gname)) continue;
      usedGroupNames.add(gname);
      const g: VsaMachineGroup = { MachineGroupId: nextVsaId(s, 'group'), MachineGroupName: `${root.MachineGroupName}.${gname}`, OrgId, ParentMachineGroupId: root.MachineGroupId };
      leaf.set(g.MachineGroupId, gname);
      groups.push(g);
      if (r() < 0.3) {
        const sub = pick(SUB_GROUPS);
        const sg: VsaMachineGroup = { MachineGroupId: nextVsaId(s, 'group'), MachineGroupName: `${g.MachineGroupName}.${sub}`, OrgId, ParentMachineGroupId: g.MachineGroupId };
        leaf.set(sg.MachineGroupId, sub);
        groups.push(sg);
      }
    }
    for (const g of groups) s.vsa.groups.set(g.MachineGroupId, g);
    groupsByOrg.set(OrgId, groups);
  }

  // --- agents: skewed over orgs (a few large customers, many small) ---
  const groupPath = (g: VsaMachineGroup): string => {
    const parts: string[] = [];
    let cur: VsaMachineGroup | undefined = g;
    while (cur) {
      parts.push(leaf.get(cur.MachineGroupId) ?? cur.MachineGroupName);
      cur = cur.ParentMachineGroupId ? s.vsa.groups.get(cur.ParentMachineGroupId) : undefined;
    }
    return parts.join('.');
  };
  const agentsOfOrg = new Map<string, VsaAgent[]>();
  for (let i = 0; i < opts.agents && orgs.length > 0; i++) {
    const org = i < orgs.length ? orgs[i] : orgs[Math.floor(Math.pow(r(), 2) * orgs.length)];
    const groups = groupsByOrg.get(org.OrgId)!;
    const g = groups[Math.floor(r() * groups.length)];
    const os = pick(OS);
    const computer =
      names.agents && i < names.agents.length
        ? names.agents[i]
        : `${org.OrgRef.slice(0, 6).toUpperCase()}-${os.cat === 2 ? 'SRV' : os.cat === 3 ? 'MAC' : 'WS'}-${String(i).padStart(5, '0')}`;
    const AgentId = nextVsaId(s, 'agent');
    const machineGroup = `${groupPath(g)}.${org.OrgRef}`;
    const agent: VsaAgent = {
      AgentId,
      AgentName: `${computer.toLowerCase()}.${machineGroup}`,
      ComputerName: computer,
      OrgId: org.OrgId,
      MachineGroupId: g.MachineGroupId,
      MachineGroup: machineGroup,
      OSType: os.OSType,
      OSInfo: os.OSInfo,
      IPAddress: `10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${1 + Math.floor(r() * 253)}`,
      LastCheckInTime: iso(r),
      FirstCheckIn: iso(r, 200),
      LastRebootTime: iso(r),
      Online: pick([0, 1, 2, 11, 12, 199]),
      Attributes: {
        SerialNumber: r() < 0.1 ? '' : `SN${Math.floor(r() * 1e10).toString(36).toUpperCase()}`,
        MacAddress: Array.from({ length: 6 }, () => Math.floor(r() * 256).toString(16).padStart(2, '0')).join(':').toUpperCase(),
      },
    };
    s.vsa.agents.set(AgentId, agent);
    let list = agentsOfOrg.get(org.OrgId);
    if (!list) agentsOfOrg.set(org.OrgId, (list = []));
    list.push(agent);
  }

  // --- BMS accounts ---
  const accountNames = new Set<string>();
  const addAccount = (name: string, active = true): BmsAccount => {
    const Id = nextBmsId(s);
    const created = iso(r);
    const a: BmsAccount = {
      Id,
      AccountCode: `ACC${String(Id).padStart(5, '0')}`,
      AccountName: name,
      AccountTypeId: 1,
      BusinessTypeId: 1,
      AccountManagerId: 1,
      ParentId: null,
      Website: null,
      Description: null,
      IsActive: active,
      CreatedOn: created,
      ModifiedOn: created,
    };
    s.bms.accounts.set(Id, a);
    accountNames.add(name);
    const mainId = nextBmsId(s);
    s.bms.locations.set(mainId, { Id: mainId, AccountId: Id, LocationName: 'Main', IsMain: true, IsActive: true, CreatedOn: created, ModifiedOn: created, Address1: null, City: null });
    const extra = Math.floor(r() * 3);
    for (let k = 0; k < extra; k++) {
      const lid = nextBmsId(s);
      s.bms.locations.set(lid, { Id: lid, AccountId: Id, LocationName: LOCATION_NAMES[(Id + k) % LOCATION_NAMES.length], IsMain: false, IsActive: r() > 0.1, CreatedOn: created, ModifiedOn: created, Address1: null, City: null });
    }
    const deps = Math.floor(r() * 3);
    for (let k = 0; k < deps; k++) {
      const did = nextBmsId(s);
      s.bms.departments.set(did, { Id: did, AccountId: Id, Name: DEPARTMENT_NAMES[(Id + k) % DEPARTMENT_NAMES.length], IsActive: true });
    }
    return a;
  };

  if (names.accounts) for (const n of names.accounts) addAccount(n);

  const mappings = mappingStore(s, 'vsa', 'account');
  for (const org of orgs) {
    const roll = r();
    let account: BmsAccount | null = null;
    if (roll < 0.35) {
      account = accountNames.has(org.OrgName) ? null : addAccount(org.OrgName, r() > 0.03);
    } else if (roll < 0.7) {
      let v = vary(org.OrgName, pick(VARIATIONS), r);
      if (r() < 0.25) v = vary(v, pick(VARIATIONS), r);
      if (!accountNames.has(v)) account = addAccount(v, r() > 0.03);
    } else if (roll < 0.78) {
      // a near-identical but different business: a decoy that must not be auto-linked
      const decoy = `${org.OrgName.replace(/,?\s+\S+\.?$/, '')} ${pick(['Lab', 'Holdings', 'Foundation', 'West', 'Supply'])}`;
      if (!accountNames.has(decoy) && !usedKeys.has(roughKey(decoy))) {
        usedKeys.add(roughKey(decoy));
        addAccount(decoy);
      }
    }
    s.truth.set(org.OrgId, account ? account.Id : null);
    // ~12% of orgs that have their account are already linked in BMS, with their agents synced
    if (account && r() < 0.12) {
      mappings.set(String(org.OrgId), { ExternalId: String(org.OrgId), PsaId: account.Id, CreatedOn: iso(r) });
      const main = [...s.bms.locations.values()].find((l) => l.AccountId === account!.Id && l.IsMain)!;
      for (const ag of agentsOfOrg.get(org.OrgId) ?? []) {
        const Id = nextBmsId(s);
        s.bms.assets.set(Id, {
          Id,
          Name: ag.ComputerName,
          AccountId: account.Id,
          AccountLocationId: main.Id,
          CategoryId: /Server|Linux/.test(ag.OSType) ? 2 : /Mac/.test(ag.OSType) ? 3 : 1,
          DepartmentId: null,
          SerialNumber: ag.Attributes.SerialNumber || null,
          MachineGroupId: String(ag.MachineGroupId),
          ComputerName: ag.ComputerName,
          IpAddress: ag.IPAddress,
          MacAddress: ag.Attributes.MacAddress,
          OsType: ag.OSType,
          OsInfo: ag.OSInfo,
          IsActive: true,
          AgentId: String(ag.AgentId),
          IntegrationTypeId: VSA_INTEGRATION_TYPE_ID,
          FirstCheckIn: ag.FirstCheckIn,
          LastCheckIn: ag.LastCheckInTime,
          LastReboot: ag.LastRebootTime,
          Description: null,
          CreatedOn: ag.FirstCheckIn,
          ModifiedOn: ag.FirstCheckIn,
        });
      }
    }
  }
  // accounts that have no org at all (most MSPs have more CRM accounts than managed orgs)
  const unrelated = Math.floor(opts.orgs * 0.15);
  for (let i = 0; i < unrelated; i++) {
    const make = () => `${pick(r() < 0.5 ? SURNAMES : PLACES)} ${pick(UNRELATED)}${r() < 0.5 ? ` ${pick(SUFFIXES)}` : ''}`;
    let n = make();
    for (let k = 2; accountNames.has(n) || usedKeys.has(roughKey(n)); k++) n = k > 5 ? `${make()} ${k}` : make();
    usedKeys.add(roughKey(n));
    addAccount(n, r() > 0.05);
  }
  // a few assets entered by hand in BMS (no agent): the sync must leave them alone
  const accountIds = [...s.bms.accounts.keys()];
  for (let i = 0; i < Math.min(50, Math.floor(opts.orgs / 10)); i++) {
    const accId = accountIds[Math.floor(r() * accountIds.length)];
    const main = [...s.bms.locations.values()].find((l) => l.AccountId === accId && l.IsMain)!;
    const Id = nextBmsId(s);
    const t = iso(r);
    s.bms.assets.set(Id, {
      Id, Name: `Printer ${i + 1}`, AccountId: accId, AccountLocationId: main.Id, CategoryId: 4, DepartmentId: null,
      SerialNumber: `PRN${i}`, MachineGroupId: null, ComputerName: null, IpAddress: null, MacAddress: null, OsType: null,
      OsInfo: null, IsActive: true, AgentId: null, IntegrationTypeId: null, FirstCheckIn: null, LastCheckIn: null,
      LastReboot: null, Description: 'entered by hand', CreatedOn: t, ModifiedOn: t,
    });
  }

  // contracts: about a third of the accounts have one (a few of them expired), some two
  const NOW = Date.UTC(2026, 11, 1);
  for (const a of s.bms.accounts.values()) {
    const roll = r();
    if (roll > 0.35) continue;
    const n = roll < 0.08 ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const Id = nextBmsId(s);
      const expired = r() < 0.2;
      s.bms.contracts.set(Id, {
        Id, AccountId: a.Id, Name: `${pick(['Managed Services', 'Backup', 'Helpdesk', 'Security'])} ${k + 1}`, IsDefault: k === 0, SLAName: r() < 0.25 ? null : pick(['Gold', 'Silver', 'Bronze']),
        IsActive: !expired || r() < 0.5, EndDate: expired ? new Date(NOW - (1 + Math.floor(r() * 300)) * 86400000).toISOString() : r() < 0.5 ? null : new Date(NOW + (30 + Math.floor(r() * 700)) * 86400000).toISOString(),
      });
    }
  }
  // tickets on the assets of about one synced agent in six
  for (const asset of s.bms.assets.values()) {
    if (!asset.AgentId || r() > 0.16) continue;
    const n = 1 + Math.floor(r() * 3);
    for (let k = 0; k < n; k++) {
      const Id = nextBmsId(s);
      s.bms.tickets.set(Id, { Id, TicketNumber: `T${String(Id).padStart(8, '0')}`, Title: pick(['Printer offline', 'Slow login', 'Disk almost full', 'VPN drops', 'Outlook crashes']), StatusName: pick(['New', 'In Progress', 'Waiting', 'Completed']), AccountId: asset.AccountId, AgentId: asset.AgentId, CreatedOn: iso(r) });
    }
  }

  // the custom field the product may use to store location rules for the team (assumed API)
  s.bms.customFields.set(1, { Id: 1, ModuleId: 1, Name: 'Account Number', DataType: 1, IsRequired: false, IsActive: true });
  // a tenant where an admin created the text field the product keeps location rules in (B9)
  s.bms.customFields.set(2, { Id: 2, ModuleId: 1, Name: 'VSA Location Rule', DataType: 1, IsRequired: false, IsActive: true });
  if (opts.tenantCases) addTenantCases(s);
  return s;
}
