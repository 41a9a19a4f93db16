// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CapabilitiesView } from '@/components/CapabilitiesView';
import { unprobedRecord, type CapabilityName, type CapabilityRecord } from '@/lib/capabilities/types';

vi.mock('@/lib/i18n', async () => ({ t: (await import('../i18n-en')).tStrict }));
afterEach(cleanup);

function rec(states: Partial<Record<CapabilityName, 'present' | 'absent' | 'unknown'>>): CapabilityRecord {
  const r = unprobedRecord({ vsaUrl: 'https://vsa.example', bmsUrl: 'https://api.bms.example', tenant: 'acme' }, 'no answer within 20 s', Date.UTC(2026, 11, 1, 9, 30));
  for (const [n, s] of Object.entries(states)) r.caps[n as CapabilityName] = { state: s, reason: `server said ${n} ${s}`, probe: 'GET /x' };
  r.detail = { ...r.detail, integrationType: 'vsa', accountsModuleId: 1, categories: ['Server', 'Workstation'], vsaMethod: 'token' };
  return r;
}
const lines = (c: Element): Record<string, string | null> => Object.fromEntries([...c.querySelectorAll('[data-capability]')].map((li) => [li.getAttribute('data-capability'), li.querySelector('[data-role="line"]')!.textContent]));

describe('capabilities on the options page', () => {
  it('says in plain words what the tenant supports, when it was checked, and why something is missing', async () => {
    const r = rec({ mappingStore: 'present', integration: 'present', departments: 'absent', legacyLocations: 'present', customFieldModule: 'present', categoryTable: 'absent', vsaMethod: 'present' });
    const { container } = render(<CapabilitiesView api={{ get: async () => r, probe: async () => r }} />);
    await waitFor(() => expect(container.querySelector('[data-capability="departments"]')).not.toBeNull());
    const l = lines(container);
    expect(l.mappingStore).toBe("Links are shared with your team through BMS's mapping store (deprecated by Kaseya).");
    expect(l.legacyLocations).toBe("Group Id locations: added through BMS's legacy API.");
    expect(l.departments).toBe("Departments: BMS's API has none; set them in BMS.");
    expect(l.categoryTable).toMatch(/existing assets are offered \(Server, Workstation\)/);
    expect(l.vsaMethod).toMatch(/personal access token/);
    expect(Object.values(l).some((x) => x?.startsWith('??'))).toBe(false);
    expect(container.querySelector('[data-capability="departments"] [data-role="reason"]')!.textContent).toBe('server said departments absent');
    expect(container.querySelector('#caps-probed-at')!.getAttribute('data-probed-at')).toBe(String(r.probedAt));
  });

  it('without BMS\'s mapping store, the team-links row says where links are shared instead, or that they are not', async () => {
    const line = async (detail: Partial<CapabilityRecord['detail']>) => {
      const r = rec({ mappingStore: 'absent' });
      r.detail = { ...r.detail, ...detail };
      const { container, unmount } = render(<CapabilitiesView api={{ get: async () => r, probe: async () => r }} />);
      await waitFor(() => expect(container.querySelector('[data-capability="mappingStore"]')).not.toBeNull());
      const l = lines(container).mappingStore;
      unmount();
      return l;
    };
    expect(await line({ vsaLinkField: 'present', bmsLinkField: 'absent' })).toBe('BMS\'s mapping store is not available on this tenant: links are shared with your team through the VSA org field "BMS Account Id".');
    expect(await line({ vsaLinkField: 'absent', bmsLinkField: 'present' })).toMatch(/through the BMS account field "VSA Org Id"/);
    expect(await line({ vsaLinkField: 'absent', bmsLinkField: 'absent' })).toMatch(/^Not shared: .*"BMS Account Id".*"VSA Org Id".*stay in this browser/);
    expect(await line({ vsaLinkField: 'unknown', bmsLinkField: 'absent' })).toBe("BMS's mapping store is not available on this tenant: links are not shared through it.");
  });

  it('an unknown row says it could not be checked and why; never checked says how to check', async () => {
    const { container } = render(<CapabilitiesView api={{ get: async () => rec({}), probe: async () => rec({}) }} />);
    await waitFor(() => expect(container.querySelector('[data-capability="mappingStore"]')).not.toBeNull());
    expect(lines(container).mappingStore).toBe('Team links: could not be checked (no answer within 20 s). Nothing that needs it is written until a check succeeds.');
    cleanup();
    const never = render(<CapabilitiesView api={{ get: async () => null, probe: async () => null }} />);
    await waitFor(() => expect(never.container.querySelector('#caps-never')).not.toBeNull());
  });

  it('"Check again" probes and shows the new answer', async () => {
    const probe = vi.fn(async () => rec({ departments: 'present' }));
    const { container } = render(<CapabilitiesView api={{ get: async () => rec({ departments: 'absent' }), probe }} />);
    await waitFor(() => expect(container.querySelector('[data-capability="departments"]')?.getAttribute('data-state')).toBe('absent'));
    fireEvent.click(container.querySelector('#caps-probe')!);
    await waitFor(() => expect(container.querySelector('[data-capability="departments"]')?.getAttribute('data-state')).toBe('present'));
    expect(probe).toHaveBeenCalledTimes(1);
  });
});
