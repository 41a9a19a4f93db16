import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { billingCheck, writeBillingCsv } from '@/lib/mapping/billing';
import { countFieldChanges, DEFAULT_OWNERSHIP, describeChange, resolveFields } from '@/lib/mapping/ownership';
import { DEFAULT_TENANT_SETTINGS, migrateTenantSettings, TenantSettingsSchema, tenantSettingsProblems } from '@/lib/mapping/tenant-settings';

describe('field ownership (B19)', () => {
  const bms = { name: 'PC-1', serialNumber: 'SN1', ipAddress: '10.0.0.1', osInfo: 'Win 10', contact: 'Ann (front desk)', description: null };
  const vsa = { name: 'PC-1-NEW', serialNumber: 'SN1', ipAddress: '10.0.0.9', osInfo: 'Win 11', contact: 'vsa-user', description: 'Reception PC' };

  it('defaults: VSA wins machine data, hand-edited fields are only filled when empty', () => {
    const r = resolveFields(bms, vsa);
    expect(r.changes).toEqual([
      { field: 'name', before: 'PC-1', after: 'PC-1-NEW' },
      { field: 'ipAddress', before: '10.0.0.1', after: '10.0.0.9' },
      { field: 'osInfo', before: 'Win 10', after: 'Win 11' },
      { field: 'description', before: null, after: 'Reception PC' },
    ]);
    expect(r.kept).toEqual([{ field: 'contact', value: 'Ann (front desk)', vsa: 'vsa-user', why: 'fillEmpty' }]);
    expect(r.write).toEqual({ name: 'PC-1-NEW', ipAddress: '10.0.0.9', osInfo: 'Win 11', description: 'Reception PC' });
  });

  it('BMS wins keeps a value; VSA wins on contact overwrites it; an empty VSA value never blanks BMS', () => {
    const r = resolveFields(bms, { ...vsa, ipAddress: null }, { ...DEFAULT_OWNERSHIP, name: 'bms', contact: 'vsa' });
    expect(r.changes.map((c) => c.field)).toEqual(['osInfo', 'contact', 'description']);
    expect(r.kept).toEqual([{ field: 'name', value: 'PC-1', vsa: 'PC-1-NEW', why: 'bms' }]);
    expect(r.write.ipAddress).toBeUndefined();
  });

  it('a new asset gets every VSA value; an unchanged one nothing; counts per field', () => {
    expect(resolveFields(null, { name: 'A', contact: 'x', description: '' }).changes).toEqual([{ field: 'name', before: null, after: 'A' }, { field: 'contact', before: null, after: 'x' }]);
    expect(resolveFields(bms, { name: ' PC-1 ', serialNumber: 'SN1' })).toEqual({ write: {}, changes: [], kept: [] });
    const rows = [resolveFields(bms, vsa), resolveFields(bms, { ...vsa, name: 'PC-1' }), resolveFields(null, vsa)];
    expect(countFieldChanges(rows)).toEqual([
      { field: 'name', changes: 2, kept: 0 }, { field: 'serialNumber', changes: 1, kept: 0 }, { field: 'ipAddress', changes: 3, kept: 0 },
      { field: 'osInfo', changes: 3, kept: 0 }, { field: 'contact', changes: 1, kept: 2 }, { field: 'description', changes: 3, kept: 0 },
    ]);
    expect(describeChange({ field: 'contact', before: null, after: 'Bob' })).toBe('contact: (empty) → “Bob”');
  });
});

describe('billing check (B20)', () => {
  const now = Date.UTC(2026, 11, 1);
  it('agents by category beside active contracts, flagged both ways', () => {
    const rows = billingCheck(
      [{ id: 1, name: 'Acme' }, { id: 2, name: 'Bravo' }, { id: 3, name: 'Charlie' }, { id: 4, name: 'Delta' }],
      [{ accountId: 1, category: 'Server' }, { accountId: 1, category: 'Workstation' }, { accountId: 1, category: 'Workstation' }, { accountId: 2, category: 'Workstation' }, { accountId: 4, category: 'Server' }],
      new Map([
        [1, [{ id: 10, name: 'Managed Services', isActive: true }]],
        [2, [{ id: 20, name: 'Old', isActive: true, endDate: '2025-01-01T00:00:00Z' }, { id: 21, name: 'Off', isActive: false }]],
        [3, [{ id: 30, name: 'Backup only', isActive: true, endDate: '2027-01-01' }]],
      ]),
      now,
    );
    expect(rows.map((r) => [r.accountName, r.agents, r.byCategory, r.contracts.map((c) => c.id), r.flag])).toEqual([
      ['Bravo', 1, { Workstation: 1 }, [], 'agents-no-contract'],
      ['Charlie', 0, {}, [30], 'contract-no-agents'],
      ['Acme', 3, { Server: 1, Workstation: 2 }, [10], null],
      // no answer for Delta's contracts: not flagged on a guess
      ['Delta', 1, { Server: 1 }, [], null],
    ]);
  });

  it('CSV: a column per category, formula-safe names', () => {
    const rows = billingCheck([{ id: 7, name: '=HYPERLINK("x")' }], [{ accountId: 7, category: 'Server' }], new Map([[7, [{ id: 1, name: '+1 plan', isActive: true }]]]), now);
    const csv = writeBillingCsv(rows);
    const parsed = Papa.parse<string[]>(csv.trim()).data;
    expect(parsed[0]).toEqual(['account_id', 'account_name', 'agents', 'agents_Server', 'active_contracts', 'contract_names', 'flag']);
    expect(parsed[1]).toEqual(['7', '\'=HYPERLINK("x")', '1', '1', '1', "'+1 plan", '']);
  });
});

describe('tenant settings', () => {
  it('defaults parse, and migration keeps what is valid per field', () => {
    expect(TenantSettingsSchema.parse(DEFAULT_TENANT_SETTINGS)).toEqual(DEFAULT_TENANT_SETTINGS);
    expect(migrateTenantSettings(undefined)).toEqual(DEFAULT_TENANT_SETTINGS);
    const m = migrateTenantSettings({
      ownership: { contact: 'vsa', name: 'nonsense' }, lifecycle: { graceDays: 14 },
      exclusions: [{ target: 'org', pattern: 'Lab*' }], categories: { defaultCategory: 'Desktop' }, assetsOffOrgs: 'not a list',
    });
    expect(m.ownership).toEqual({ ...DEFAULT_OWNERSHIP, contact: 'vsa' });
    expect(m.lifecycle).toEqual({ graceDays: 14, reinstallWindowDays: 30 });
    expect(m.exclusions).toEqual([{ target: 'org', pattern: 'Lab*' }]);
    expect(m.categories).toEqual({ ...DEFAULT_TENANT_SETTINGS.categories, defaultCategory: 'Desktop' });
    expect(m.assetsOffOrgs).toEqual([]);
  });

  it('names every rule that cannot work', () => {
    expect(tenantSettingsProblems(DEFAULT_TENANT_SETTINGS)).toEqual([]);
    expect(tenantSettingsProblems({ ...DEFAULT_TENANT_SETTINGS, exclusions: [{ target: 'agent', pattern: 'x\\' }], categories: { ...DEFAULT_TENANT_SETTINGS.categories, rules: [{ category: 'A' }] } })).toEqual([
      'Category rule 1: it has no condition (give an OS type, a machine group or an agent name pattern). It is skipped.',
      'Exclusion rule 1 (agent): "x\\" is not a usable pattern: the pattern ends with a lone "\\" (write "\\\\" for a backslash). It matches nothing until it is fixed.',
    ]);
  });
});
