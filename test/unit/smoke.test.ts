import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { smoke } from '@/lib/cli/smoke';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ orgs: 40, agents: 200, seed: 4, capabilities: { departments: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ reset: true }) });
});
const run = (over: { secret?: string; vsaUrl?: string } = {}) =>
  smoke({
    fetch: (i, init) => fetch(i, init),
    vsa: { url: over.vsaUrl ?? sb.vsaUrl, user: 'admin', secret: over.secret ?? 'sandbox-token' },
    bms: { url: sb.bmsApiUrl, tenant: 'sandbox', user: 'admin', password: 'sandbox' },
    log: () => undefined,
  });

describe('smoke check', () => {
  it('passes (exit 0) against a tenant that matches, and writes nothing', async () => {
    const r = await run();
    expect(r.exit).toBe(0);
    expect(r.results.length).toBeGreaterThanOrEqual(14);
    const stats = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { totals: { writes: number }; vsa: { requests: Record<string, number> }; bms: { requests: Record<string, number> } };
    expect(stats.totals.writes).toBe(0);
    const methods = Object.keys({ ...stats.vsa.requests, ...stats.bms.requests }).map((k) => k.split(' ')[0]);
    expect(methods.filter((m) => m !== 'GET')).toEqual(['POST']); // only the BMS login
  });

  it('lists every mismatch with endpoint, record and field (exit 1)', async () => {
    await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ target: 'vsa', malformedRate: 1, malformedKinds: ['wrongType'], routes: '/system/orgs$' }) });
    const r = await run();
    expect(r.exit).toBe(1);
    const m = r.results.find((x) => x.endpoint === 'GET /system/orgs')!.mismatches[0];
    expect(m.field).toBe('OrgId');
    expect(m.record).toMatch(/^#\d+$/);
  });

  it('cannot log in or connect: exit 2 with the reason', async () => {
    const bad = await run({ secret: 'wrong' });
    expect(bad.exit).toBe(2);
    expect(bad.fatal).toMatch(/refused the login/);
    const down = await run({ vsaUrl: 'http://127.0.0.1:9' });
    expect(down.exit).toBe(2);
  });

  it('as a command: exit 2 and a clear message when credentials are missing', async () => {
    const r = await promisify(execFile)('npx', ['tsx', 'lib/cli/smoke.ts', '--vsa', sb.vsaUrl], { env: { ...process.env, VSA_USER: '', VSA_SECRET: '' } }).catch((e) => e);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs VSA_USER and VSA_SECRET/);
  });
});
