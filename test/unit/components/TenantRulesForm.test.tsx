// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TenantRulesForm } from '@/components/TenantRulesForm';
import type { Settings } from '@/lib/messages';
import { DEFAULT_TENANT_SETTINGS } from '@/lib/mapping/tenant-settings';

vi.mock('@/lib/i18n', () => import('../i18n-en'));
afterEach(cleanup);

const base = { pushNewAccounts: false, autoCreateAccounts: true, syncEveryMinutes: 0, defaultRule: 'main', concurrency: 4, learnedPages: [], ...DEFAULT_TENANT_SETTINGS } as Settings;

function Harness({ onChange }: { onChange: (s: Settings) => void }) {
  const [v, setV] = useState<Settings>(base);
  return <TenantRulesForm v={v} set={(p) => { const n = { ...v, ...p }; setV(n); onChange(n); }} />;
}

describe('tenant rules in the options page', () => {
  it('shows the defaults: three category rules, 7 days of grace, contact filled only when empty', () => {
    const r = render(<Harness onChange={() => undefined} />);
    expect(r.container.querySelectorAll('#tenant-categories tbody tr').length).toBe(3);
    expect((r.container.querySelector('#life-grace') as HTMLInputElement).value).toBe('7');
    expect((r.container.querySelector('#own-contact') as HTMLSelectElement).value).toBe('fillEmpty');
    expect((r.container.querySelector('#own-name') as HTMLSelectElement).value).toBe('vsa');
    expect(r.container.querySelector('#tenant-problems')).toBeNull();
  });

  it('explains how the contact is matched; says plainly when the tenant lists no account contacts', () => {
    const on = render(<TenantRulesForm v={base} set={() => undefined} contactsRead="present" />);
    expect(on.container.querySelector('#own-contact-help')!.textContent).toMatch(/same email.*No contact is ever created/);
    expect(on.container.querySelector('#own-contact-off')).toBeNull();
    cleanup();
    const off = render(<TenantRulesForm v={base} set={() => undefined} contactsRead="absent" />);
    expect(off.container.querySelector('#own-contact-off')!.textContent).toMatch(/does not list account contacts/);
  });

  it('an exclusion rule with a malformed pattern is named with its cause; editing fields reaches the settings', () => {
    let last: Settings = base;
    const r = render(<Harness onChange={(s) => (last = s)} />);
    fireEvent.click(r.container.querySelector('#excl-add')!);
    const pattern = r.container.querySelector('#tenant-exclusions tbody tr input') as HTMLInputElement;
    fireEvent.input(pattern, { target: { value: 'Lab\\' } });
    expect(r.getByRole('alert').textContent).toContain('Exclusion rule 1 (org): "Lab\\" is not a usable pattern');
    fireEvent.input(pattern, { target: { value: 'Lab*' } });
    expect(r.container.querySelector('#tenant-problems')).toBeNull();
    expect(last.exclusions).toEqual([{ target: 'org', pattern: 'Lab*' }]);
    fireEvent.input(r.container.querySelector('#life-grace')!, { target: { value: '14' } });
    fireEvent.change(r.container.querySelector('#own-contact')!, { target: { value: 'vsa' } });
    expect(last.lifecycle.graceDays).toBe(14);
    expect(last.ownership.contact).toBe('vsa');
    // a category rule moved up changes the order
    fireEvent.click(r.container.querySelectorAll('#tenant-categories tbody tr')[1].querySelector('button')!);
    expect(last.categories.rules.map((x) => x.osType)).toEqual(['*linux*', '*server*', '*unix*']);
  });
});
