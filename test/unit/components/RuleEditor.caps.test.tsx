// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RuleEditor } from '@/components/RuleEditor';
import type { RuleInfo } from '@/lib/messages';

vi.mock('@/lib/i18n', () => import('../i18n-en'));
afterEach(cleanup);

const base: RuleInfo = {
  orgId: '1001', accountId: 7, rule: { kind: 'custom', groups: [{ machineGroupId: '11', locationId: 70, departmentId: 5 }] }, store: 'team', storeNote: 'Shared.',
  machineGroups: [{ id: '11', name: 'acme.root', parentId: null }, { id: '12', name: 'acme.root.servers', parentId: '11' }],
  locations: [{ id: 70, name: 'Main', isMain: true, isActive: true }],
  departments: [{ id: 5, name: 'IT', isActive: true }],
};
function editor(info: RuleInfo) {
  const sent: unknown[] = [];
  const ask = vi.fn(async (req: { type: string }) => {
    if (req.type === 'mapping.ruleInfo') return info;
    sent.push(req);
    return { progress: { jobId: 'j' }, conflicts: [] };
  });
  return { ...render(<RuleEditor orgId="1001" ask={ask as never} onSaved={() => undefined} />), sent };
}

describe('rule editor on a tenant without a capability', () => {
  it('departments absent: no department column, says why, and the saved rule carries no department', async () => {
    const { container, sent } = editor({ ...base, capabilities: { departments: 'absent', legacyLocations: 'present' } });
    await waitFor(() => expect(container.querySelector('#rule-custom')).not.toBeNull());
    expect([...container.querySelectorAll('#rule-custom th')].map((th) => th.textContent)).not.toContain('Department');
    expect(container.querySelector('select[aria-label="Department"]')).toBeNull();
    expect(container.querySelector('#rule-no-departments')!.textContent).toMatch(/BMS's API has no departments/);
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ type: 'mapping.saveRule', rule: { kind: 'custom', groups: [{ machineGroupId: '11', locationId: 70, departmentId: null }] } });
  });

  it('departments present: the column is there', async () => {
    const { container } = editor({ ...base, capabilities: { departments: 'present', legacyLocations: 'present' } });
    await waitFor(() => expect(container.querySelector('select[aria-label="Department"]')).not.toBeNull());
    expect(container.querySelector('#rule-no-departments')).toBeNull();
  });

  it('legacy locations absent: the Group Id rule lists the locations an admin must add; Main says to Convert to Main in BMS', async () => {
    const { container } = editor({ ...base, rule: { kind: 'groupId' }, capabilities: { departments: 'absent', legacyLocations: 'absent' }, missingLocations: ['root', 'root.servers'] });
    await waitFor(() => expect(container.querySelector('#rule-group-missing')).not.toBeNull());
    expect([...container.querySelectorAll('[data-missing-location]')].map((li) => li.textContent)).toEqual(['root', 'root.servers']);
    expect(container.querySelector('#rule-group-missing')!.textContent).toMatch(/Add these 2 locations in BMS/);
    fireEvent.click(container.querySelector('input[value="main"]')!);
    await waitFor(() => expect(container.querySelector('#rule-main-convert')?.textContent).toMatch(/Convert to Main/));
  });

  it('legacy locations present: nothing to add by hand', async () => {
    const { container } = editor({ ...base, rule: { kind: 'groupId' }, capabilities: { departments: 'absent', legacyLocations: 'present' }, missingLocations: ['root'] });
    await waitFor(() => expect(container.querySelector('#rule-group-help')).not.toBeNull());
    expect(container.querySelector('#rule-group-missing')).toBeNull();
  });
});
