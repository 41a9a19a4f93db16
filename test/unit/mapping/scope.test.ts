import { describe, expect, it } from 'vitest';
import { compileScope, countScope, excludedTotal, isBuiltInOrg } from '@/lib/mapping/scope';

describe('built-in orgs and exclusions (B17)', () => {
  it('myOrg, Kserver and Unnamed are system orgs by ref, or by name when there is no ref', () => {
    expect(isBuiltInOrg({ name: 'Contoso MSP', ref: 'myOrg' })).toBe(true);
    expect(isBuiltInOrg({ name: 'Kaseya Server', ref: 'kserver' })).toBe(true);
    expect(isBuiltInOrg({ name: 'Unnamed', ref: null })).toBe(true);
    expect(isBuiltInOrg({ name: 'My Organization' })).toBe(true);
    // a customer whose name happens to be similar, with its own ref
    expect(isBuiltInOrg({ name: 'Unnamed Bakery', ref: 'unnamedbakery' })).toBe(false);
    expect(isBuiltInOrg({ name: 'Unnamed', ref: 'unnamed-llc' })).toBe(false);
  });

  it('an org is system, excluded by the first matching rule, or in', () => {
    const s = compileScope([{ target: 'org', pattern: '*test*', note: 'test tenants' }, { target: 'org', pattern: 'Acme*' }]);
    expect(s.errors).toEqual([]);
    expect(s.org({ id: '1', name: 'Unnamed', ref: 'Unnamed' })).toEqual({ status: 'system' });
    expect(s.org({ id: '2', name: 'Acme Test Lab' })).toEqual({ status: 'excluded', rule: 0, label: 'org "*test*" (test tenants)' });
    expect(s.org({ id: '3', name: 'Acme Dental' })).toEqual({ status: 'excluded', rule: 1, label: 'org "Acme*"' });
    expect(s.org({ id: '4', name: 'Bravo' })).toEqual({ status: 'in' });
  });

  it('an agent: its org, then its machine group, then its own name, then the link\'s "assets off"', () => {
    const s = compileScope([
      { target: 'org', pattern: 'Closed*' },
      { target: 'machineGroup', pattern: '*.lab*' },
      { target: 'agent', pattern: 'TEMPLATE-*' },
    ], { assetsOff: ['20'] });
    const org = (id: string, name: string) => ({ id, name });
    expect(s.agent({ name: 'PC1', orgId: '10', machineGroupPath: 'closed.root' }, org('10', 'Closed Corp'))).toMatchObject({ status: 'excluded', rule: 0 });
    expect(s.agent({ name: 'PC1', orgId: '11', machineGroupPath: 'acme.root.lab.vm' }, org('11', 'Acme'))).toEqual({ status: 'excluded', rule: 1, label: 'machine group "*.lab*"' });
    expect(s.agent({ name: 'template-w11', orgId: '11', machineGroupPath: 'acme.root' }, org('11', 'Acme'))).toEqual({ status: 'excluded', rule: 2, label: 'agent "TEMPLATE-*"' });
    expect(s.agent({ name: 'PC1', orgId: '11', machineGroupPath: 'acme.root' }, org('11', 'Acme'))).toEqual({ status: 'in' });
    expect(s.agent({ name: 'PC1', orgId: '20', machineGroupPath: 'co.root' }, org('20', 'Co-managed'))).toEqual({ status: 'assets-off' });
    expect(s.agent({ name: 'KSERVER', orgId: '1', machineGroupPath: 'kserver.root' }, { id: '1', name: 'Kserver', ref: 'kserver' })).toEqual({ status: 'system' });
  });

  it('a malformed or unknown rule is named and matches nothing', () => {
    const s = compileScope([{ target: 'org', pattern: '' }, { target: 'site' as never, pattern: '*' }, { target: 'agent', pattern: 'x*' }]);
    expect(s.errors).toEqual([
      'Exclusion rule 1 (org): "" is not a usable pattern: the pattern is empty. It matches nothing until it is fixed.',
      'Exclusion rule 2: "site" is not org, machine group or agent. It is skipped.',
    ]);
    expect(s.org({ id: '1', name: '' })).toEqual({ status: 'in' });
    expect(s.agent({ name: 'x1', orgId: '1', machineGroupPath: null }, null)).toEqual({ status: 'excluded', rule: 2, label: 'agent "x*"' });
  });

  it('counts system items, excluded items per rule with the rule, and assets-off', () => {
    const c = countScope([
      { status: 'in' }, { status: 'system' }, { status: 'system' }, { status: 'assets-off' },
      { status: 'excluded', rule: 2, label: 'agent "x*"' }, { status: 'excluded', rule: 0, label: 'org "a"' }, { status: 'excluded', rule: 2, label: 'agent "x*"' },
    ]);
    expect(c).toEqual({ system: 2, assetsOff: 1, excluded: [{ rule: 0, label: 'org "a"', count: 1 }, { rule: 2, label: 'agent "x*"', count: 2 }] });
    expect(excludedTotal(c)).toBe(3);
  });
});
