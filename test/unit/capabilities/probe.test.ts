import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { probeConnections, type CapabilityName, type ProbeConnections } from '../../../lib/capabilities';
import { startSandbox, type Sandbox } from '../../sandbox/server';

let sb: Sandbox;
beforeAll(async () => {
  // a tenant that still has the deprecated mapping store (the sandbox's default has not: see the last test)
  sb = await startSandbox({ orgs: 20, agents: 60, seed: 5, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await post('/__sandbox/faults', { reset: true });
  await post('/__sandbox/stats/reset', {});
});
async function post(path: string, body: unknown) {
  const r = await fetch(`${sb.vsaUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (!r.ok) throw new Error(await r.text());
}
const conns = (over: Partial<ProbeConnections> = {}): ProbeConnections => ({
  vsa: { url: sb.vsaUrl, user: 'admin', secret: 'sandbox-token', method: 'token' },
  bms: { url: sb.bmsApiUrl, tenant: 'sandbox', user: 'admin', password: 'sandbox' },
  ...over,
});
const probe = (over: Partial<ProbeConnections> = {}) => probeConnections((i, init) => fetch(i, init), conns(over), { retries: 0 });
const states = (r: Awaited<ReturnType<typeof probe>>) => Object.fromEntries(Object.entries(r.caps).map(([k, v]) => [k, v.state]));

describe('capability probe against the sandbox', () => {
  it('reads the defaults: departments absent, the rest present; details filled; nothing written', async () => {
    const r = await probe();
    expect(states(r)).toEqual({
      mappingStore: 'present', integration: 'present', departments: 'absent', legacyLocations: 'present',
      customFieldModule: 'present', categoryTable: 'present', sameOriginSession: 'unknown', vsaMethod: 'present', accountContacts: 'present',
    });
    expect(r.caps.departments.reason).toMatch(/no account departments/);
    expect(r.detail).toMatchObject({ integrationType: 'vsa', entityType: 'account', accountsModuleId: 1, ruleFieldId: 2, categoryTable: 'AssetHardwareCategory', vsaMethod: 'token' });
    expect(r.detail.categories.length).toBeGreaterThan(0);
    expect(r.tenant).toBe('sandbox');
    const stats = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { totals: { writes: number }; bms: { requests: Record<string, number> } };
    expect(stats.totals.writes).toBe(0);
    expect(Object.keys(stats.bms.requests).filter((k) => !k.startsWith('GET ')).sort()).toEqual(['POST /api/token', 'POST /v2/security/authenticate']);
  });

  const off: [string, CapabilityName][] = [
    ['mappingStore', 'mappingStore'], ['integration', 'integration'], ['legacyLocations', 'legacyLocations'],
    ['customFieldModule', 'customFieldModule'], ['categoryTable', 'categoryTable'], ['accountContacts', 'accountContacts'],
  ];
  for (const [knob, cap] of off) {
    it(`reads ${cap} as absent (with the reason) when the tenant lacks it`, async () => {
      await post('/__sandbox/faults', { target: 'bms', capabilities: { [knob]: false } });
      const r = await probe();
      expect(r.caps[cap].state).toBe('absent');
      expect(r.caps[cap].reason.length).toBeGreaterThan(10);
      for (const other of off.map((o) => o[1]).filter((c) => c !== cap && !(cap === 'integration' && c === 'mappingStore'))) expect(r.caps[other].state).toBe('present');
    });
  }

  it('reads departments as present when the tenant answers them', async () => {
    await post('/__sandbox/faults', { target: 'bms', capabilities: { departments: true } });
    expect((await probe()).caps.departments.state).toBe('present');
  });

  it('a failed probe never reads as supported: BMS down → every BMS row unknown; a malformed answer → unknown and flagged a mismatch', async () => {
    const down = await probe({ bms: { url: 'http://127.0.0.1:9', tenant: 'sandbox', user: 'admin', password: 'sandbox' } });
    for (const n of ['mappingStore', 'integration', 'departments', 'legacyLocations', 'customFieldModule', 'categoryTable'] as const) {
      expect(down.caps[n].state).toBe('unknown');
      expect(down.caps[n].reason).toMatch(/cannot sign in to BMS/);
    }
    expect(down.caps.vsaMethod.state).toBe('present');
    await post('/__sandbox/faults', { target: 'bms', malformedRate: 1, malformedKinds: ['wrongType'], routes: '/mappings/' });
    const bad = await probe();
    expect(bad.caps.mappingStore).toMatchObject({ state: 'unknown', mismatch: true });
  });

  it('VSA: signs in with the configured method only', async () => {
    const wrong = await probe({ vsa: { url: sb.vsaUrl, user: 'admin', secret: 'sandbox', method: 'token' } });
    expect(wrong.caps.vsaMethod.state).toBe('unknown');
    const stats = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { vsa: { requests: Record<string, number> } };
    expect(stats.vsa.requests['GET /api/v1.0/auth']).toBeLessThanOrEqual(1);
    const pw = await probe({ vsa: { url: sb.vsaUrl, user: 'admin', secret: 'sandbox', method: 'password' } });
    expect(pw.caps.vsaMethod).toMatchObject({ state: 'present' });
    expect(pw.caps.vsaMethod.reason).toMatch(/legacy password/);
    expect(pw.detail.vsaMethod).toBe('password');
  });
});
