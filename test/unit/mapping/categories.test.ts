import { describe, expect, it } from 'vitest';
import { categoryToWrite, compileCategories, countByCategory, DEFAULT_CATEGORIES, unknownCategories } from '@/lib/mapping/categories';

const a = (osType: string | null, machineGroupPath: string | null, name = 'PC-1') => ({ osType, machineGroupPath, name });

describe('category rules (B15)', () => {
  it('the defaults do what BMS does: servers by OS type, else Workstation', () => {
    const c = compileCategories(DEFAULT_CATEGORIES);
    expect(c.errors).toEqual([]);
    expect(c.categorize(a('Windows Server 2019', null))).toEqual({ category: 'Server', rule: 0 });
    expect(c.categorize(a('Linux', null))).toEqual({ category: 'Server', rule: 1 });
    expect(c.categorize(a('Windows 11', null))).toEqual({ category: 'Workstation', rule: null });
    expect(c.categorize(a(null, null))).toEqual({ category: 'Workstation', rule: null });
  });

  it('ordered: the first matching rule wins; all given conditions must match', () => {
    const c = compileCategories({
      rules: [
        { machineGroup: '*.lab', agentName: 'SRV-*', category: 'Lab Server' },
        { machineGroup: '*.servers', category: 'Server' },
        { osType: 'mac*', category: 'Laptop' },
        { agentName: 'SRV-*', category: 'Server' },
      ],
      defaultCategory: 'Desktop', overwriteManual: false,
    });
    expect(c.errors).toEqual([]);
    expect(c.categorize(a('Windows 10', 'acme.root.lab', 'SRV-9'))).toEqual({ category: 'Lab Server', rule: 0 });
    expect(c.categorize(a('Windows 10', 'acme.root.lab', 'PC-9'))).toEqual({ category: 'Desktop', rule: null });
    expect(c.categorize(a('Mac OS X', 'acme.root.servers', 'MAC-1'))).toEqual({ category: 'Server', rule: 1 });
    expect(c.categorize(a('Mac OS X', 'acme.root', 'MAC-1'))).toEqual({ category: 'Laptop', rule: 2 });
    expect(c.categorize(a('Windows 10', null, 'srv-2'))).toEqual({ category: 'Server', rule: 3 });
  });

  it('a malformed rule is named with its cause and skipped; the others still work', () => {
    const c = compileCategories({
      rules: [{ agentName: 'bad\\', category: 'X' }, { category: 'Y' }, { osType: '*', category: ' ' }, { osType: '*win*', category: 'PC' }],
      defaultCategory: '', overwriteManual: false,
    });
    expect(c.errors).toEqual([
      'Category rule 1, agent name: "bad\\" is not a usable pattern: the pattern ends with a lone "\\" (write "\\\\" for a backslash). It matches nothing until it is fixed.',
      'Category rule 2: it has no condition (give an OS type, a machine group or an agent name pattern). It is skipped.',
      'Category rule 3: it names no category. It is skipped.',
      'The default category is empty: BMS needs a category on every asset.',
    ]);
    expect(c.categorize(a('Windows 11', null, 'bad\\'))).toEqual({ category: 'PC', rule: 3 });
    expect(c.categorize(a('Linux', null, 'bad'))).toEqual({ category: 'Workstation', rule: null });
  });

  it('a category set by hand is kept unless overwriting is allowed', () => {
    // new asset, or already right
    expect(categoryToWrite('Server', null, undefined, false)).toEqual({ category: 'Server', keptManual: false });
    expect(categoryToWrite('Server', 'server', 'Workstation', false)).toEqual({ category: 'Server', keptManual: false });
    // the sync wrote Workstation and nobody changed it: the rule's new answer is written
    expect(categoryToWrite('Server', 'Workstation', 'Workstation', false)).toEqual({ category: 'Server', keptManual: false });
    // changed by hand after the sync, or never written by the sync
    expect(categoryToWrite('Server', 'Laptop', 'Workstation', false)).toEqual({ category: 'Laptop', keptManual: true });
    expect(categoryToWrite('Server', 'Laptop', undefined, false)).toEqual({ category: 'Laptop', keptManual: true });
    expect(categoryToWrite('Server', 'Laptop', 'Workstation', true)).toEqual({ category: 'Server', keptManual: false });
  });

  it('names rule categories the tenant does not have, and counts per category', () => {
    expect(unknownCategories({ ...DEFAULT_CATEGORIES, rules: [...DEFAULT_CATEGORIES.rules, { osType: 'mac*', category: 'Laptop' }] }, ['server', 'Workstation'])).toEqual(['Laptop']);
    expect(unknownCategories(DEFAULT_CATEGORIES, [])).toEqual([]);
    expect(countByCategory(['Workstation', 'Server', 'Workstation', 'Laptop', 'Server', 'Workstation'])).toEqual([
      { category: 'Workstation', count: 3 }, { category: 'Server', count: 2 }, { category: 'Laptop', count: 1 },
    ]);
  });
});
