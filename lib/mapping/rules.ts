/**
 * The mapping model: one org ↔ one account, with a location rule (F7, F10–F15), the invariants
 * enforced in one place, where each agent's asset lands (placeAsset), what changes on an asset
 * (diffAsset), warnings before a risky link (F18) and conflicts (B8). Pure: no I/O.
 */
import { normalizeName } from './normalize';

export interface CustomGroupRule {
  machineGroupId: string;
  locationId: number;
  departmentId: number | null;
}
export type LocationRule = { kind: 'main' } | { kind: 'groupId' } | { kind: 'custom'; groups: CustomGroupRule[] };

/** a location rule from outside (a CSV cell, a BMS field), checked for shape; null when it is not one */
export function parseRule(v: unknown): LocationRule | null {
  const r = v as { kind?: unknown; groups?: unknown } | null;
  if (!r || typeof r !== 'object') return null;
  if (r.kind === 'main' || r.kind === 'groupId') return { kind: r.kind };
  if (r.kind !== 'custom' || !Array.isArray(r.groups) || !r.groups.length) return null;
  const groups: CustomGroupRule[] = [];
  for (const g of r.groups as { machineGroupId?: unknown; locationId?: unknown; departmentId?: unknown }[]) {
    if (typeof g?.machineGroupId !== 'string' || !Number.isInteger(g.locationId) || !(g.departmentId === null || g.departmentId === undefined || Number.isInteger(g.departmentId))) return null;
    groups.push({ machineGroupId: g.machineGroupId, locationId: g.locationId as number, departmentId: (g.departmentId as number | null | undefined) ?? null });
  }
  return { kind: 'custom', groups };
}

export interface Mapping {
  orgId: string;
  accountId: number;
  rule: LocationRule;
  /** names when linked, to notice renames later (B8) */
  orgNameAtLink?: string;
  accountNameAtLink?: string;
}

export interface LocationState { id: number; name: string; isMain: boolean; isActive: boolean }
export interface DepartmentState { id: number; name: string; isActive: boolean }
export interface AccountState { id: number; name: string; active: boolean; locations: LocationState[]; departments: DepartmentState[] }
export interface MachineGroupState { id: string; name: string; parentId: string | null }
export interface OrgState { id: string; name: string; machineGroups: MachineGroupState[]; /** VSA's OrgRef (built-in orgs are told by it, B17) */ ref?: string | null }

export interface Violation {
  code: 'org-linked' | 'account-linked' | 'account-missing' | 'account-inactive' | 'group-unknown' | 'group-twice' | 'location-invalid' | 'department-invalid';
  message: string;
}

/** Every invariant of one mapping, against the account, the org and all other mappings. */
export function validateMapping(m: Mapping, ctx: { account: AccountState | null; org: OrgState; mappings: Mapping[] }): Violation[] {
  const out: Violation[] = [];
  const a = ctx.account;
  for (const other of ctx.mappings) {
    if (other.orgId === m.orgId && other.accountId !== m.accountId) out.push({ code: 'org-linked', message: `Org "${ctx.org.name}" is already linked to account ${other.accountId}.` });
    if (other.accountId === m.accountId && other.orgId !== m.orgId) out.push({ code: 'account-linked', message: `Account ${a ? `"${a.name}"` : m.accountId} is already linked to org ${other.orgId}.` });
  }
  if (!a) return [...out, { code: 'account-missing', message: `Account ${m.accountId} does not exist.` }];
  if (!a.active) out.push({ code: 'account-inactive', message: `Account "${a.name}" is inactive: activate it in BMS before linking.` });
  if (m.rule.kind === 'custom') {
    const groups = new Map(ctx.org.machineGroups.map((g) => [g.id, g]));
    const seen = new Set<string>();
    for (const g of m.rule.groups) {
      const group = groups.get(g.machineGroupId);
      if (!group) out.push({ code: 'group-unknown', message: `Machine group ${g.machineGroupId} is not a group of org "${ctx.org.name}".` });
      if (seen.has(g.machineGroupId)) out.push({ code: 'group-twice', message: `Machine group "${group?.name ?? g.machineGroupId}" has two rules.` });
      seen.add(g.machineGroupId);
      const loc = a.locations.find((l) => l.id === g.locationId);
      if (!loc || !loc.isActive) out.push({ code: 'location-invalid', message: `Location ${g.locationId} is not an active location of "${a.name}".` });
      if (g.departmentId !== null) {
        const d = a.departments.find((x) => x.id === g.departmentId);
        if (!d || !d.isActive) out.push({ code: 'department-invalid', message: `Department ${g.departmentId} is not an active department of "${a.name}".` });
      }
    }
  }
  return out;
}

export class MappingError extends Error {
  constructor(readonly violations: Violation[]) {
    super(violations.map((v) => v.message).join(' '));
  }
}
export function assertValidMapping(m: Mapping, ctx: Parameters<typeof validateMapping>[1]): void {
  const v = validateMapping(m, ctx);
  if (v.length) throw new MappingError(v);
}

/**
 * How the Group Id rule names a location after a machine group (F13; the exact form BMS's own
 * integration uses is [assumed], ../shared/api-contract.md §3): `path` = the group's path without
 * the org ref (`root.servers`, the default), `leaf` = its own name (`servers`), `full` = VSA's whole
 * dotted name (`acme.root.servers`).
 */
export type GroupLocationForm = 'path' | 'leaf' | 'full';

/** a machine group's own name: the last segment of VSA's dotted path */
export function groupLeaf(name: string): string {
  const i = name.lastIndexOf('.');
  return i >= 0 ? name.slice(i + 1) : name;
}

/**
 * The location name the Group Id rule gives a machine group. VSA names a group by its full dotted
 * path, org ref first (`acme.root.servers`); a name without dots is a leaf, and the path is built
 * from its parents (root first).
 */
export function groupLocationName(groupId: string, org: OrgState, form: GroupLocationForm = 'path'): string | null {
  const byId = new Map(org.machineGroups.map((g) => [g.id, g]));
  const g = byId.get(groupId);
  if (!g) return null;
  let segments: string[];
  let hasOrgRef: boolean;
  if (g.name.includes('.')) {
    segments = g.name.split('.');
    hasOrgRef = segments.length > 1;
  } else {
    segments = [];
    for (let x: MachineGroupState | undefined = g; x; x = x.parentId ? byId.get(x.parentId) : undefined) {
      segments.unshift(groupLeaf(x.name));
      if (segments.length > 50) break;
    }
    hasOrgRef = false;
  }
  if (form === 'leaf') return segments[segments.length - 1] || null;
  if (form === 'full' || !hasOrgRef) return segments.join('.');
  return segments.slice(1).join('.');
}

export interface AgentRef { agentId: string; orgId: string; machineGroupId: string }

export type Placement =
  | { status: 'placed'; accountId: number; locationId: number | null; createLocation: string | null; departmentId: number | null; via: 'mapping' | 'name-match' }
  | { status: 'new-account'; accountName: string; via: 'auto-create' }
  | { status: 'unplaced'; reason: string };

/**
 * Where an agent's asset belongs. `account` is the mapped (or name-matched) account's state;
 * `currentDepartmentId` is the department set on the asset today (kept unless a custom rule sets one).
 */
export function placeAsset(
  agent: AgentRef,
  mapping: Mapping | null,
  ctx: { account: AccountState | null; org: OrgState; currentDepartmentId?: number | null; nameMatchAccount?: AccountState | null; autoCreate: boolean },
): Placement {
  const keepDept = ctx.currentDepartmentId ?? null;
  const main = (a: AccountState) => a.locations.find((l) => l.isMain && l.isActive) ?? null;
  if (!mapping) {
    const m = ctx.nameMatchAccount;
    if (m) {
      if (!m.active) return { status: 'unplaced', reason: `Account "${m.name}" that matches org "${ctx.org.name}" is inactive.` };
      const loc = main(m);
      if (!loc) return { status: 'unplaced', reason: `Account "${m.name}" has no active Main location.` };
      return { status: 'placed', accountId: m.id, locationId: loc.id, createLocation: null, departmentId: keepDept && m.departments.some((d) => d.id === keepDept) ? keepDept : null, via: 'name-match' };
    }
    if (ctx.autoCreate) return { status: 'new-account', accountName: ctx.org.name.trim() || `VSA org ${ctx.org.id}`, via: 'auto-create' };
    return { status: 'unplaced', reason: `Org "${ctx.org.name}" has no linked account, none matches its name, and creating accounts automatically is off.` };
  }
  const a = ctx.account;
  if (!a) return { status: 'unplaced', reason: `Account ${mapping.accountId} linked to org "${ctx.org.name}" no longer exists.` };
  if (!a.active) return { status: 'unplaced', reason: `Account "${a.name}" linked to org "${ctx.org.name}" is inactive.` };
  const dept = (d: number | null) => (d !== null && a.departments.some((x) => x.id === d && x.isActive) ? d : null);
  const mainLoc = main(a);
  const onMain = (): Placement => mainLoc
    ? { status: 'placed', accountId: a.id, locationId: mainLoc.id, createLocation: null, departmentId: dept(keepDept), via: 'mapping' }
    : { status: 'unplaced', reason: `Account "${a.name}" has no active Main location.` };
  const rule = mapping.rule;
  if (rule.kind === 'main') return onMain();
  if (rule.kind === 'groupId') {
    const name = groupLocationName(agent.machineGroupId, ctx.org);
    if (!name) return { status: 'unplaced', reason: `Machine group ${agent.machineGroupId} of agent ${agent.agentId} is not known in org "${ctx.org.name}".` };
    const loc = a.locations.find((l) => l.isActive && l.name.trim().toLowerCase() === name.toLowerCase());
    // F13: the location is (re-)created when it is missing, renamed or deactivated
    return { status: 'placed', accountId: a.id, locationId: loc?.id ?? null, createLocation: loc ? null : name, departmentId: dept(keepDept), via: 'mapping' };
  }
  // custom: the agent's group, else the nearest parent group with a rule, else Main
  const byId = new Map(ctx.org.machineGroups.map((g) => [g.id, g]));
  for (let g: string | null = agent.machineGroupId; g; g = byId.get(g)?.parentId ?? null) {
    const r = rule.groups.find((x) => x.machineGroupId === g);
    if (r) {
      const loc = a.locations.find((l) => l.id === r.locationId && l.isActive);
      if (!loc) return { status: 'unplaced', reason: `The custom rule of org "${ctx.org.name}" points at location ${r.locationId}, which is not active in "${a.name}".` };
      // F14: a custom department overwrites a manual one
      return { status: 'placed', accountId: a.id, locationId: loc.id, createLocation: null, departmentId: r.departmentId !== null ? dept(r.departmentId) : dept(keepDept), via: 'mapping' };
    }
  }
  return onMain();
}

/** the asset fields the sync owns */
export interface AssetFields {
  name: string;
  accountId: number;
  locationId: number;
  departmentId: number | null;
  machineGroupId: string | null;
  serialNumber: string | null;
  ipAddress: string | null;
  macAddress: string | null;
  osType: string | null;
  osInfo: string | null;
  lastCheckIn: string | null;
  category: string | null;
  isActive: boolean;
}

const same = (a: unknown, b: unknown): boolean => {
  const norm = (v: unknown) => (typeof v === 'string' ? v.trim() : v) ?? null;
  const x = norm(a);
  const y = norm(b);
  if ((x === null || x === '') && (y === null || y === '')) return true;
  if (typeof x === 'string' && typeof y === 'string' && /^\d{4}-\d\d-\d\dT/.test(x) && /^\d{4}-\d\d-\d\dT/.test(y)) return Date.parse(x) === Date.parse(y);
  return x === y;
};

/** Only the fields that change (all fields for a new asset): an unchanged asset costs no write. */
export function diffAsset(current: AssetFields | null, wanted: AssetFields): Partial<AssetFields> {
  if (!current) return { ...wanted };
  const out: Partial<AssetFields> = {};
  for (const k of Object.keys(wanted) as (keyof AssetFields)[]) {
    if (!same(current[k], wanted[k])) (out as Record<string, unknown>)[k] = wanted[k];
  }
  return out;
}

export interface Warning {
  code: 'low-confidence' | 'name-mismatch' | 'org-linked' | 'account-linked' | 'account-inactive' | 'foreign-assets' | 'open-contracts' | 'asset-tickets';
  message: string;
}

/** What the admin should know before linking (F18). */
export function linkWarnings(link: { org: OrgState; account: AccountState; confidence: number | null }, ctx: { mappings: Mapping[]; assetsFromOtherOrgs: number }): Warning[] {
  const out: Warning[] = [];
  const { org, account } = link;
  if (link.confidence !== null && link.confidence < 0.8) out.push({ code: 'low-confidence', message: `The names match only ${Math.round(link.confidence * 100)}%: check that "${org.name}" really is "${account.name}".` });
  else if (link.confidence === null && normalizeName(org.name).key !== normalizeName(account.name).key) out.push({ code: 'name-mismatch', message: `"${org.name}" and "${account.name}" are different names.` });
  const orgLink = ctx.mappings.find((m) => m.orgId === org.id && m.accountId !== account.id);
  if (orgLink) out.push({ code: 'org-linked', message: `Org "${org.name}" is already linked to account ${orgLink.accountId}; linking moves it.` });
  const accLink = ctx.mappings.find((m) => m.accountId === account.id && m.orgId !== org.id);
  if (accLink) out.push({ code: 'account-linked', message: `Account "${account.name}" is already linked to org ${accLink.orgId}.` });
  if (!account.active) out.push({ code: 'account-inactive', message: `Account "${account.name}" is inactive.` });
  if (ctx.assetsFromOtherOrgs > 0) out.push({ code: 'foreign-assets', message: `Account "${account.name}" already has ${ctx.assetsFromOtherOrgs} asset(s) from another org: contracts and tickets may be mixed up.` });
  return out;
}

export interface Conflict {
  code: 'org-renamed' | 'account-renamed' | 'account-inactive' | 'agent-moved' | 'duplicate-org-name' | 'duplicate-account-name';
  orgId?: string;
  accountId?: number;
  agentId?: string;
  message: string;
}

/** What has drifted since the links were made, and names that are ambiguous on either side (B8). */
export function findConflicts(input: {
  mappings: Mapping[];
  orgs: { id: string; name: string }[];
  accounts: { id: number; name: string; active: boolean }[];
  assets?: { agentId: string; machineGroupId: string | null }[];
  agents?: { agentId: string; machineGroupId: string }[];
}): Conflict[] {
  const out: Conflict[] = [];
  const orgs = new Map(input.orgs.map((o) => [o.id, o]));
  const accounts = new Map(input.accounts.map((a) => [a.id, a]));
  for (const m of input.mappings) {
    const o = orgs.get(m.orgId);
    const a = accounts.get(m.accountId);
    if (o && m.orgNameAtLink !== undefined && o.name !== m.orgNameAtLink) out.push({ code: 'org-renamed', orgId: m.orgId, accountId: m.accountId, message: `Org "${m.orgNameAtLink}" was renamed to "${o.name}" in VSA.` });
    if (a && m.accountNameAtLink !== undefined && a.name !== m.accountNameAtLink) out.push({ code: 'account-renamed', orgId: m.orgId, accountId: m.accountId, message: `Account "${m.accountNameAtLink}" was renamed to "${a.name}" in BMS.` });
    if (a && !a.active) out.push({ code: 'account-inactive', orgId: m.orgId, accountId: m.accountId, message: `Account "${a.name}" linked to org "${o?.name ?? m.orgId}" was deactivated in BMS.` });
  }
  if (input.assets && input.agents) {
    const agents = new Map(input.agents.map((a) => [a.agentId, a]));
    for (const asset of input.assets) {
      const ag = agents.get(asset.agentId);
      if (ag && asset.machineGroupId !== null && asset.machineGroupId !== ag.machineGroupId) {
        out.push({ code: 'agent-moved', agentId: asset.agentId, message: `Agent ${asset.agentId} moved from machine group ${asset.machineGroupId} to ${ag.machineGroupId}.` });
      }
    }
  }
  const dupes = <T extends { name: string }>(list: T[], code: Conflict['code'], what: string, idOf: (t: T) => Partial<Conflict>) => {
    const byKey = new Map<string, T[]>();
    for (const x of list) {
      const k = normalizeName(x.name).key;
      if (!k) continue;
      const l = byKey.get(k);
      if (l) l.push(x);
      else byKey.set(k, [x]);
    }
    for (const group of byKey.values()) {
      if (group.length < 2) continue;
      for (const x of group) out.push({ code, ...idOf(x), message: `${group.length} ${what} are named like "${x.name}": ${group.map((g) => `"${g.name}"`).join(', ')}.` });
    }
  };
  dupes(input.orgs, 'duplicate-org-name', 'VSA orgs', (o) => ({ orgId: o.id }));
  dupes(input.accounts.filter((a) => a.active), 'duplicate-account-name', 'BMS accounts', (a) => ({ accountId: a.id }));
  return out;
}
