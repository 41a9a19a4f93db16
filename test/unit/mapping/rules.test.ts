import { describe, expect, it } from 'vitest';
import {
  assertValidMapping, diffAsset, findConflicts, groupLeaf, groupLocationName, linkWarnings, placeAsset, validateMapping,
  type AccountState, type AssetFields, type Mapping, type OrgState,
} from '@/lib/mapping/rules';

const org: OrgState = {
  id: '900', name: 'Acme Dental',
  machineGroups: [
    { id: 'g-root', name: 'root', parentId: null },
    { id: 'g-srv', name: 'servers', parentId: 'g-root' },
    { id: 'g-dc', name: 'dc', parentId: 'g-srv' },
    { id: 'g-ws', name: 'workstations', parentId: 'g-root' },
  ],
};
const account: AccountState = {
  id: 5, name: 'Acme Dental LLC', active: true,
  locations: [
    { id: 50, name: 'Main', isMain: true, isActive: true },
    { id: 51, name: 'Branch', isMain: false, isActive: true },
    { id: 52, name: 'servers.root', isMain: false, isActive: false },
  ],
  departments: [{ id: 70, name: 'Front Office', isActive: true }, { id: 71, name: 'Lab', isActive: true }],
};
const agent = (g: string) => ({ agentId: 'ag1', orgId: '900', machineGroupId: g });
const map = (rule: Mapping['rule']): Mapping => ({ orgId: '900', accountId: 5, rule });

describe('mapping invariants', () => {
  it('one-to-one, existing and active targets', () => {
    expect(validateMapping(map({ kind: 'main' }), { account, org, mappings: [] })).toEqual([]);
    const codes = (m: Mapping, ctx: Partial<Parameters<typeof validateMapping>[1]>) => validateMapping(m, { account, org, mappings: [], ...ctx }).map((v) => v.code);
    expect(codes(map({ kind: 'main' }), { mappings: [{ orgId: '901', accountId: 5, rule: { kind: 'main' } }] })).toEqual(['account-linked']);
    expect(codes(map({ kind: 'main' }), { mappings: [{ orgId: '900', accountId: 6, rule: { kind: 'main' } }] })).toEqual(['org-linked']);
    expect(codes(map({ kind: 'main' }), { account: { ...account, active: false } })).toEqual(['account-inactive']);
    expect(codes(map({ kind: 'main' }), { account: null })).toEqual(['account-missing']);
    expect(codes(map({ kind: 'custom', groups: [
      { machineGroupId: 'g-srv', locationId: 52, departmentId: null },
      { machineGroupId: 'g-srv', locationId: 51, departmentId: 99 },
      { machineGroupId: 'nope', locationId: 51, departmentId: null },
    ] }), {})).toEqual(['location-invalid', 'group-twice', 'department-invalid', 'group-unknown']);
    expect(() => assertValidMapping(map({ kind: 'main' }), { account: null, org, mappings: [] })).toThrow(/Account 5 does not exist/);
  });
});

describe('placeAsset', () => {
  it('main: the account Main location, keeping a manual department (F12, F15)', () => {
    expect(placeAsset(agent('g-ws'), map({ kind: 'main' }), { account, org, currentDepartmentId: 71, autoCreate: true }))
      .toEqual({ status: 'placed', accountId: 5, locationId: 50, createLocation: null, departmentId: 71, via: 'mapping' });
  });

  it('groupId: a location named after the machine group, created (again) when missing or deactivated (F13)', () => {
    expect(groupLocationName('g-dc', org)).toBe('root.servers.dc');
    expect(placeAsset(agent('g-srv'), map({ kind: 'groupId' }), { account, org, autoCreate: true })).toMatchObject({ locationId: null, createLocation: 'root.servers' });
    const withLoc = { ...account, locations: [...account.locations, { id: 53, name: 'root.workstations', isMain: false, isActive: true }] };
    expect(placeAsset(agent('g-ws'), map({ kind: 'groupId' }), { account: withLoc, org, autoCreate: true })).toMatchObject({ locationId: 53, createLocation: null });
  });

  it('groupId with VSA\'s dotted names (org ref first): the path without the org ref, never the org twice', () => {
    const dotted: OrgState = { id: 'o1', name: 'Acme', machineGroups: [
      { id: 'r', name: 'acme.root', parentId: null },
      { id: 's', name: 'acme.root.servers', parentId: 'r' },
      { id: 'd', name: 'acme.root.servers.dc', parentId: 's' },
    ] };
    expect(groupLocationName('s', dotted)).toBe('root.servers');
    expect(groupLocationName('d', dotted)).toBe('root.servers.dc');
    expect(groupLocationName('d', dotted, 'leaf')).toBe('dc');
    expect(groupLocationName('d', dotted, 'full')).toBe('acme.root.servers.dc');
    expect(groupLocationName('s', dotted)).not.toBe('acme.root.servers.acme.root');
    expect(groupLeaf('acme.root.servers')).toBe('servers');
  });

  it('custom: per machine group, nested groups inherit, the custom department overwrites (F14)', () => {
    const rule: Mapping['rule'] = { kind: 'custom', groups: [{ machineGroupId: 'g-srv', locationId: 51, departmentId: 71 }] };
    expect(placeAsset(agent('g-dc'), map(rule), { account, org, currentDepartmentId: 70, autoCreate: true })).toMatchObject({ locationId: 51, departmentId: 71 });
    expect(placeAsset(agent('g-ws'), map(rule), { account, org, currentDepartmentId: 70, autoCreate: true })).toMatchObject({ locationId: 50, departmentId: 70 });
  });

  it('unmapped org: the name-matched account at Main, else a new account (F1), else unplaced with the reason', () => {
    expect(placeAsset(agent('g-ws'), null, { account: null, org, nameMatchAccount: account, autoCreate: true })).toMatchObject({ status: 'placed', accountId: 5, locationId: 50, via: 'name-match' });
    expect(placeAsset(agent('g-ws'), null, { account: null, org, autoCreate: true })).toEqual({ status: 'new-account', accountName: 'Acme Dental', via: 'auto-create' });
    const u = placeAsset(agent('g-ws'), null, { account: null, org, autoCreate: false });
    expect(u).toMatchObject({ status: 'unplaced' });
    expect(u.status === 'unplaced' && u.reason).toMatch(/creating accounts automatically is off/);
    expect(placeAsset(agent('g-ws'), map({ kind: 'main' }), { account: { ...account, active: false }, org, autoCreate: true })).toMatchObject({ status: 'unplaced' });
  });
});

describe('diffAsset', () => {
  const base: AssetFields = { name: 'PC1', accountId: 5, locationId: 50, departmentId: null, machineGroupId: 'g-ws', serialNumber: 'S1', ipAddress: '10.0.0.1', macAddress: null, osType: 'Windows 11', osInfo: null, lastCheckIn: '2026-01-01T10:00:00Z', category: 'Workstation', isActive: true };
  it('returns nothing for an unchanged asset (blank equals null, equal instants are equal)', () => {
    expect(diffAsset(base, { ...base, macAddress: '', lastCheckIn: '2026-01-01T10:00:00.000Z', name: ' PC1 ' })).toEqual({});
  });
  it('returns only what changed, and everything for a new asset', () => {
    expect(diffAsset(base, { ...base, locationId: 51, ipAddress: '10.0.0.2' })).toEqual({ locationId: 51, ipAddress: '10.0.0.2' });
    expect(diffAsset(null, base)).toEqual(base);
  });
});

describe('warnings and conflicts', () => {
  it('warns before a risky link (F18)', () => {
    const w = linkWarnings({ org, account: { ...account, active: false }, confidence: 0.62 }, { mappings: [{ orgId: '77', accountId: 5, rule: { kind: 'main' } }], assetsFromOtherOrgs: 3 });
    expect(w.map((x) => x.code)).toEqual(['low-confidence', 'account-linked', 'account-inactive', 'foreign-assets']);
    expect(linkWarnings({ org, account, confidence: null }, { mappings: [], assetsFromOtherOrgs: 0 }).map((x) => x.code)).toEqual([]);
    expect(linkWarnings({ org, account: { ...account, name: 'Zenith' }, confidence: null }, { mappings: [], assetsFromOtherOrgs: 0 }).map((x) => x.code)).toEqual(['name-mismatch']);
  });

  it('finds renames, deactivations, moved agents and duplicate names (B8)', () => {
    const c = findConflicts({
      mappings: [{ orgId: '900', accountId: 5, rule: { kind: 'main' }, orgNameAtLink: 'Acme', accountNameAtLink: 'Acme Dental LLC' }],
      orgs: [{ id: '900', name: 'Acme Dental' }, { id: '901', name: 'ACME DENTAL, Inc.' }],
      accounts: [{ id: 5, name: 'Acme Dental Group', active: false }],
      assets: [{ agentId: 'ag1', machineGroupId: 'g-ws' }],
      agents: [{ agentId: 'ag1', machineGroupId: 'g-srv' }],
    });
    expect(c.map((x) => x.code)).toEqual(['org-renamed', 'account-renamed', 'account-inactive', 'agent-moved', 'duplicate-org-name', 'duplicate-org-name']);
  });
});
