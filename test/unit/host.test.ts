/**
 * lib/host's routes (W1, W2), checked against each other as github-url-detection does: every candidate's
 * example addresses are that page and no other; real BMS address shapes from ../shared/api-contract.md §8
 * (tickets, timesheets, dashboards) are no page of ours; an unknown address is unknown, never a default.
 */
import { describe, expect, it } from 'vitest';
import { CANDIDATES, compileLearned, whereAmI, idFromAction } from '@/lib/host/routes';
import { compilePattern, derivePattern, PatternError } from '@/lib/host/patterns';

const BMS = 'https://bms.example.com';
const at = (path: string, learned = [] as { page: 'account' | 'asset-list' | 'asset' | 'rmm-settings'; pattern: string }[]) => whereAmI(`${BMS}${path}`, BMS, learned);

/** real address shapes (§8, confirmed on bms.kaseya.com) that are none of our pages */
const NOT_OURS = [
  '/', '/MSP/TicketEdit.aspx?ID=123456', '/MSP/MyTickets.aspx', '/MSP/TicketsListing.aspx', '/Dashboard/TimesheetEdit.aspx',
  '/react/servicedesk/tickets/88123', '/react/servicedesk/mytickets', '/react/home/views/3/tickets', '/Finance/Invoices.aspx',
  '/Reports/Default.aspx', '/Projects/ProjectEdit.aspx?ID=4', '/CRM/AccountsListing.aspx', '/react/crm/accounts',
  '/#/crm/accounts/42/rmm-integration', '/#/servicedesk/assets/hardware', '/react/crm/accounts/abc', '/MSP/HardwareAssetEdit.aspx?ID=abc',
];

describe('route candidates', () => {
  const all = CANDIDATES.flatMap((c) => c.examples.map((ex) => ({ ex, c })));
  it('every candidate is marked with examples, for both generations of every page type', () => {
    for (const page of ['account', 'asset-list', 'asset', 'rmm-settings'] as const) {
      const gens = new Set(CANDIDATES.filter((c) => c.page === page).map((c) => c.generation));
      expect([...gens].sort(), page).toEqual(['legacy', 'react']);
    }
    expect(CANDIDATES.every((c) => c.examples.length > 0)).toBe(true);
  });
  it.each(all.map(({ ex, c }) => [ex, c.page]))('%s is the %s page, and only that', (ex, page) => {
    expect(at(ex)?.page).toBe(page);
  });
  it.each(NOT_OURS)('%s is no page of ours', (path) => {
    expect(at(path)).toBeNull();
  });
  it('reads ids from the path or the ?ID= query (any case), tabs from the path', () => {
    expect(at('/CRM/AccountEdit.aspx?ID=1204')).toMatchObject({ page: 'account', id: 1204, generation: 'legacy' });
    expect(at('/crm/accountedit.aspx?id=77&tab=3')).toMatchObject({ page: 'account', id: 77 });
    expect(at('/react/crm/accounts/9/rmm-integration')).toMatchObject({ page: 'account', id: 9, tab: 'rmm-integration', generation: 'react' });
    expect(at('/react/servicedesk/assets/hardware/5512')).toMatchObject({ page: 'asset', id: 5512 });
    expect(at('/MSP/HardwareAssetsListing.aspx?AccountID=12')).toMatchObject({ page: 'asset-list', id: null });
    // the legacy form's action carries the id when the address does not
    expect(at('/CRM/AccountEdit.aspx')).toMatchObject({ page: 'account', id: null });
    expect(idFromAction('./AccountEdit.aspx?ID=31', `${BMS}/CRM/AccountEdit.aspx`, BMS)).toBe(31);
    expect(idFromAction('./TicketEdit.aspx?ID=31', `${BMS}/MSP/TicketEdit.aspx`, BMS)).toBeNull();
  });
  it('knows nothing outside the configured BMS origin', () => {
    expect(whereAmI('https://evil.example.com/CRM/AccountEdit.aspx?ID=1', BMS)).toBeNull();
    expect(whereAmI('https://bms.example.com:8443/CRM/AccountEdit.aspx?ID=1', BMS)).toBeNull();
    expect(whereAmI(`${BMS}/CRM/AccountEdit.aspx?ID=1`, null)).toBeNull();
    expect(whereAmI('not a url', BMS)).toBeNull();
  });
});

describe('pages the admin teaches (W2)', () => {
  it('derives the pattern from where the id sits', () => {
    expect(derivePattern('account', `${BMS}/app/customers/42/rmm-integration`)).toBe('/app/customers/{id}/rmm-integration');
    expect(derivePattern('account', `${BMS}/Custom/Kunde.aspx?KundeID=42&x=1`)).toBe('/Custom/Kunde.aspx?KundeID={id}');
    expect(derivePattern('asset-list', `${BMS}/app/devices?customer=4`)).toBe('/app/devices');
    expect(derivePattern('rmm-settings', `${BMS}/app/settings/rmm/`)).toBe('/app/settings/rmm');
    expect(() => derivePattern('asset', `${BMS}/app/devices`)).toThrow(/no record number/);
  });
  it('a taught page and its siblings are recognised, ahead of the built-in candidates', () => {
    const learned = [{ page: 'account' as const, pattern: derivePattern('account', `${BMS}/app/customers/42/rmm-integration`) }];
    expect(at('/app/customers/42/rmm-integration', learned)).toMatchObject({ page: 'account', id: 42, generation: 'learned' });
    expect(at('/app/customers/7/rmm-integration', learned)).toMatchObject({ page: 'account', id: 7 });
    expect(at('/app/customers/7/contacts', learned)).toBeNull();
    expect(at('/app/customers/7/rmm-integration')).toBeNull();
    const over = [{ page: 'asset' as const, pattern: '/CRM/AccountEdit.aspx?ID={id}' }];
    expect(at('/CRM/AccountEdit.aspx?ID=5', over)).toMatchObject({ page: 'asset', generation: 'learned' });
  });
  it.each([
    ['', /empty/],
    ['https://bms.example.com/app/x/{id}', /full address/],
    ['app/x/{id}', /does not start with \//],
    ['/app/x', /has no \{id\}/],
    ['/app/{id}/x/{id}', /2 times/],
    ['/app/{name}', /only \{id\} and \{tab\}/],
    ['/app/x{id}', /whole path segment/],
    ['/app//x/{id}', /empty path segment/],
    ['/app/x/{id}?ID', /not key=value/],
    ['/app/{id}#tab', /# part/],
  ])('refuses the account pattern %j with a precise reason', (pattern, why) => {
    expect(() => compilePattern('account', pattern)).toThrow(PatternError);
    expect(() => compilePattern('account', pattern)).toThrow(why);
  });
  it('a malformed taught pattern matches nothing and is reported, the good ones still work', () => {
    const learned = [{ page: 'account' as const, pattern: '/app/*' }, { page: 'asset' as const, pattern: '/app/devices/{id}' }];
    const { compiled, problems } = compileLearned(learned);
    expect(compiled.map((c) => c.pattern)).toEqual(['/app/devices/{id}']);
    expect(problems).toEqual([expect.objectContaining({ index: 0, error: expect.stringMatching(/no \{id\}/) })]);
    expect(at('/app/anything', learned)).toBeNull();
    expect(at('/app/devices/3', learned)).toMatchObject({ page: 'asset', id: 3 });
  });
});
