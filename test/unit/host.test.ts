import { describe, expect, it } from 'vitest';
import { whereAmI } from '@/lib/host/routes';

const BMS = 'https://bms.example.com';

describe('route table', () => {
  it.each([
    ['#/crm/accounts', { page: 'crm-accounts' }],
    ['#/crm/accounts?page=2', { page: 'crm-accounts' }],
    ['#/crm/accounts/42', { page: 'crm-account', accountId: 42, tab: 'details' }],
    ['#/crm/accounts/42/rmm-integration', { page: 'crm-account', accountId: 42, tab: 'rmm-integration' }],
    ['#/servicedesk/assets/hardware', { page: 'hardware-assets' }],
    ['#/servicedesk/assets/hardware/7', { page: 'hardware-asset', assetId: 7 }],
    ['#/admin/servicedesk/rmm-integration/accounts-sync', { page: 'accounts-sync' }],
    ['', { page: 'crm-accounts' }],
  ])('%s', (hash, where) => {
    expect(whereAmI(`${BMS}/${hash}`, BMS)).toEqual(where);
  });

  it('knows nothing outside the configured BMS origin or on unknown routes', () => {
    expect(whereAmI('https://evil.example.com/#/crm/accounts', BMS)).toBeNull();
    expect(whereAmI('https://bms.example.com:8443/#/crm/accounts', BMS)).toBeNull();
    expect(whereAmI(`${BMS}/#/crm/accounts/abc`, BMS)).toBeNull();
    expect(whereAmI(`${BMS}/#/finance/invoices`, BMS)).toBeNull();
    expect(whereAmI(`${BMS}/#/crm/accounts`, null)).toBeNull();
    expect(whereAmI('not a url', BMS)).toBeNull();
  });
});
