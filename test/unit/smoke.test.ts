import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { smoke } from '@/lib/cli/smoke';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sb: Sandbox;
beforeAll(async () => {
  // the sandbox's defaults: the v3 wire and the tenant capabilities the evidence suggests
  sb = await startSandbox({ orgs: 40, agents: 200, seed: 4 });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ reset: true }) });
});
const faults = (f: unknown) => fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(f) });
const stats = async () => (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { totals: { writes: number }; vsa: { requests: Record<string, number> }; bms: { requests: Record<string, number> } };
const run = (over: { secret?: string; vsaUrl?: string; method?: 'token' | 'password' } = {}) => {
  const lines: string[] = [];
  return smoke({
    fetch: (i, init) => fetch(i, init),
    vsa: { url: over.vsaUrl ?? sb.vsaUrl, user: 'admin', secret: over.secret ?? 'sandbox-token', method: over.method },
    bms: { url: sb.bmsApiUrl, tenant: 'sandbox', user: 'admin', password: 'sandbox' },
    log: (l) => void lines.push(l),
  }).then((r) => ({ ...r, text: lines.join('\n') }));
};

describe('smoke check', () => {
  it('passes (exit 0) against the default (v3) sandbox, prints the probe, and writes nothing', async () => {
    const r = await run();
    expect(r.exit, r.text).toBe(0);
    expect(r.results.length).toBeGreaterThanOrEqual(11);
    expect(r.text).toMatch(/capabilities of this tenant/);
    expect(r.text).toMatch(/^off +departments/m);
    expect(r.text).toMatch(/^off +mappingStore/m);
    expect(r.text).toMatch(/^on +legacyLocations/m);
    expect(r.text).toMatch(/^on +accountContacts/m);
    // the seed's agents carry no contact: said, with the keys an agent has
    expect(r.text).toMatch(/^note +VSA agent contact \(assumed keys ContactName\/.*\): 0 of 100 agents carry one; contact-like keys seen: none$/m);
    expect(r.off).toEqual(['mappingStore', 'departments']);
    const s = await stats();
    expect(s.totals.writes).toBe(0);
    // the only requests that are not reads: the BMS sign-ins (v2 and legacy v1)
    const notGet = Object.keys({ ...s.vsa.requests, ...s.bms.requests }).filter((k) => !k.startsWith('GET '));
    expect(notGet.sort()).toEqual(['POST /api/token', 'POST /v2/security/authenticate']);
  });

  it('passes in the PascalCase mode (the vendor document\'s casing)', async () => {
    await faults({ target: 'bms', bmsCasing: 'pascal' });
    const r = await run();
    expect(r.exit, r.text).toBe(0);
    expect(r.text).toMatch(/capabilities of this tenant/);
  });

  const switches = ['mappingStore', 'integration', 'legacyLocations', 'customFieldModule', 'categoryTable'] as const;
  for (const cap of switches) {
    it(`a tenant without ${cap}: still exit 0, and it names what is off`, async () => {
      await faults({ target: 'bms', capabilities: { [cap]: false } });
      const r = await run();
      expect(r.exit, r.text).toBe(0);
      expect(r.off).toContain(cap);
      expect(r.text).toMatch(new RegExp(`^off on this tenant: .*${cap}`, 'm'));
      expect((await stats()).totals.writes).toBe(0);
    });
  }

  it('a tenant with departments and the mapping store: exit 0, nothing off', async () => {
    await faults({ target: 'bms', capabilities: { departments: true, mappingStore: true } });
    const r = await run();
    expect(r.exit, r.text).toBe(0);
    expect(r.off).toEqual([]);
    expect(r.text).toMatch(/every capability the product uses is on/);
  });

  it('lists every mismatch with endpoint, record, field and the one place in the code that holds the shape (exit 1)', async () => {
    await faults({ target: 'vsa', malformedRate: 1, malformedKinds: ['wrongType'], routes: '/system/orgs$' });
    const r = await run();
    expect(r.exit).toBe(1);
    const res = r.results.find((x) => x.endpoint === 'GET /system/orgs')!;
    expect(res.mismatches[0].field).toBe('OrgId');
    expect(res.mismatches[0].record).toMatch(/^#\d+$/);
    expect(res.hint).toBe('lib/vsa/schemas.ts VsaOrg');
    expect(r.text).toMatch(/hint: the expected shape is lib\/vsa\/schemas\.ts VsaOrg/);
  });

  it('a capability answer of the wrong shape is a mismatch (exit 1), not a missing capability', async () => {
    await faults({ target: 'bms', malformedRate: 1, malformedKinds: ['wrongType'], routes: '/rmm/integrations$' });
    const r = await run();
    expect(r.exit, r.text).toBe(1);
    expect(r.off).not.toContain('integration');
    expect(r.text).toMatch(/^MISMATCH integration/m);
    expect(r.text).toMatch(/hint: the expected shape is lib\/capabilities\/assumed\.ts RmmIntegrationsResponse/);
  });

  it('cannot log in or connect: exit 2 with the reason', async () => {
    const bad = await run({ secret: 'wrong' });
    expect(bad.exit).toBe(2);
    expect(bad.fatal).toMatch(/refused the login/);
    const down = await run({ vsaUrl: 'http://127.0.0.1:9' });
    expect(down.exit).toBe(2);
  });

  it('sends the VSA secret one way only: as a token by default, as a password only when told', async () => {
    await fetch(`${sb.vsaUrl}/__sandbox/stats/reset`, { method: 'POST' });
    // the password given where a token is meant: refused, and never tried as a password
    const r = await run({ secret: 'sandbox' });
    expect(r.exit).toBe(2);
    expect((await stats()).vsa.requests['GET /api/v1.0/auth']).toBe(1);
    const pw = await run({ secret: 'sandbox', method: 'password' });
    expect(pw.exit, pw.text).toBe(0);
    expect(pw.text).toMatch(/VSA sign-in with a password \(on-premises legacy method\)/);
  });

  it('as a command: exit 2 and a clear message when credentials are missing or the VSA method is unknown', async () => {
    const r = await promisify(execFile)('npx', ['tsx', 'lib/cli/smoke.ts', '--vsa', sb.vsaUrl], { env: { ...process.env, VSA_USER: '', VSA_SECRET: '' } }).catch((e) => e);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs VSA_USER and VSA_SECRET/);
    const m = await promisify(execFile)('npx', ['tsx', 'lib/cli/smoke.ts', '--vsa', sb.vsaUrl, '--vsa-method', 'both'], { env: { ...process.env, VSA_USER: 'admin', VSA_SECRET: 'x' } }).catch((e) => e);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/--vsa-method pat\|password/);
  });
});
