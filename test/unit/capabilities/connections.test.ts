/** The capability probe as the background runs it: on save and on Test connection, stored per tenant. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ConnectionService } from '@/lib/connections';
import { loadCapabilities, saveCapabilities } from '@/lib/store/capabilities';
import { connectionsItem, getSecret, setSecret, _resetSecretDb } from '@/lib/store/connections';
import { startSandbox, type Sandbox } from '../../sandbox/server';

let sb: Sandbox;
let svc: ConnectionService;
beforeAll(async () => {
  sb = await startSandbox({ orgs: 10, agents: 20, seed: 6 });
});
afterAll(() => sb.close());
beforeEach(async () => {
  fakeBrowser.reset();
  await _resetSecretDb();
  await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ reset: true }) });
  svc = new ConnectionService({
    fetch: (i, init) => fetch(i, init),
    load: () => connectionsItem.getValue(),
    save: (c) => connectionsItem.setValue(c),
    getSecret,
    setSecret,
    hasPermission: async () => true,
    capabilities: { load: loadCapabilities, save: saveCapabilities },
    now: () => 1_700_000_000_000,
  });
});
const save = (tenant = 'sandbox') => svc.save({
  type: 'connections.save',
  vsa: { url: sb.vsaUrl, user: 'admin', method: 'token', secret: 'sandbox-token' },
  bms: { url: sb.bmsApiUrl, webUrl: sb.bmsUrl, tenant, user: 'admin', password: 'sandbox' },
});

describe('capabilities in the connection service', () => {
  it('saving the connections probes the tenant and stores the record under its key', async () => {
    expect(await svc.capabilities()).toBeNull();
    await save();
    const r = await svc.capabilities();
    expect(r).toMatchObject({ tenant: 'sandbox', bmsUrl: sb.bmsApiUrl, vsaUrl: sb.vsaUrl, probedAt: 1_700_000_000_000 });
    expect(r!.caps.departments.state).toBe('absent');
    expect(r!.caps.legacyLocations.state).toBe('present');
  });

  it('probing again sees a changed tenant; another tenant never reads this one\'s record', async () => {
    await save();
    await svc.capabilities();
    await fetch(`${sb.bmsApiUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ target: 'bms', capabilities: { departments: true, legacyLocations: false } }) });
    const again = await svc.probe();
    expect(again!.caps.departments.state).toBe('present');
    expect(again!.caps.legacyLocations.state).toBe('absent');
    expect((await svc.capabilities())!.caps.departments.state).toBe('present');
    // same servers, other company: not probed yet (its login fails, so its own probe says unknown, never this tenant's answers)
    await svc.save({ type: 'connections.save', vsa: { url: sb.vsaUrl, user: 'admin', method: 'token' }, bms: { url: sb.bmsApiUrl, webUrl: sb.bmsUrl, tenant: 'other', user: 'admin', password: 'sandbox' } });
    const other = await svc.capabilities();
    expect(other!.tenant).toBe('other');
    expect(other!.caps.departments.state).toBe('unknown');
  });
});
