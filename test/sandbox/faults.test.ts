import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server';
import { bmsJson, bmsToken, setFaults, vsaToken } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ orgs: 40, agents: 200, seed: 11 });
});
afterAll(() => sb.close());

const orgs = (tok: string) => fetch(`${sb.vsaUrl}/api/v1.0/system/orgs?$top=5`, { headers: { Authorization: `Bearer ${tok}` } });

describe('fault knobs set at run time take effect on the next request', () => {
  it('5xx', async () => {
    const tok = await vsaToken(sb);
    await setFaults(sb, { errorRate: 1 });
    const r = await orgs(tok);
    expect([500, 502, 503]).toContain(r.status);
    await setFaults(sb, { reset: true });
    expect((await orgs(tok)).status).toBe(200);
  });

  it('429 bursts with Retry-After, and a requests-per-second limit', async () => {
    const tok = await vsaToken(sb);
    await setFaults(sb, { target: 'vsa', burst429Rate: 1, burst429Ms: 1500 });
    const r = await orgs(tok);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await setFaults(sb, { reset: true, target: 'vsa', rateLimitRps: 2 });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await orgs(tok)).status);
    expect(codes.slice(0, 2)).toEqual([200, 200]);
    expect(codes).toContain(429);
    await setFaults(sb, { reset: true });
  });

  it('malformed payloads of every kind', async () => {
    const tok = await vsaToken(sb);
    await setFaults(sb, { malformedRate: 1, malformedKinds: ['html'] });
    const html = await orgs(tok);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    await setFaults(sb, { malformedKinds: ['truncated'] });
    await expect((await orgs(tok)).json()).rejects.toThrow();
    await setFaults(sb, { malformedKinds: ['wrongType'] });
    const wrong = (await (await orgs(tok)).json()) as { Result: Record<string, unknown>[] };
    expect(wrong.Result.some((o) => typeof o.OrgId !== 'number')).toBe(true);
    await setFaults(sb, { malformedKinds: ['missingField'] });
    const missing = (await (await orgs(tok)).json()) as { Result: Record<string, unknown>[] };
    expect(missing.Result.some((o) => !('OrgId' in o))).toBe(true);
    await setFaults(sb, { malformedKinds: ['nullField'] });
    const nul = (await (await orgs(tok)).json()) as { Result: Record<string, unknown>[] };
    expect(nul.Result.some((o) => o.OrgId === null)).toBe(true);
    await setFaults(sb, { reset: true });
  });

  it('BMS per-endpoint hourly quota, scaled in time', async () => {
    const tok = await bmsToken(sb);
    await setFaults(sb, { target: 'bms', quotaPerHour: 3, quotaTimeScale: 3600 }); // the hour lasts one second
    const call = () => fetch(`${sb.bmsApiUrl}/v2/crm/accounts/lookup?PageSize=1`, { headers: { Authorization: `Bearer ${tok}` } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await call()).status);
    expect(codes).toEqual([200, 200, 200, 429]);
    // another endpoint has its own quota
    const other = await fetch(`${sb.bmsApiUrl}/v2/crm/accounts/summary?PageSize=1`, { headers: { Authorization: `Bearer ${tok}` } });
    expect(other.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await call()).status).toBe(200);
    await setFaults(sb, { reset: true });
  });

  it('a lost response: the write happens, the client sees a cut connection', async () => {
    const tok = await bmsToken(sb);
    await setFaults(sb, { target: 'bms', dropResponseRate: 1, routes: '/v2/crm/accounts$' });
    const before = sb.state().bms.accounts.size;
    await expect(
      fetch(`${sb.bmsApiUrl}/v2/crm/accounts`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tok}`, 'content-type': 'application/json' },
        body: JSON.stringify({ AccountName: 'Lost Response Inc', AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1, Locations: [{ LocationName: 'Main', IsMain: true, Addresses: [] }] }),
      }),
    ).rejects.toThrow();
    expect(sb.state().bms.accounts.size).toBe(before + 1);
    await setFaults(sb, { reset: true });
  });

  it('rejects unknown or out-of-range knobs with the knob named', async () => {
    const r = await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ errorRate: 2 }) });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(/errorRate/);
    const u = await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ nope: 1 }) });
    expect(((await u.json()) as { error: string }).error).toMatch(/nope/);
  });
});

describe('observability', () => {
  it('counts requests per method and route, and writes; answers on every origin; resets', async () => {
    await fetch(`${sb.vsaUrl}/__sandbox/stats/reset`, { method: 'POST' });
    const tok = await vsaToken(sb);
    await orgs(tok);
    await orgs(tok);
    const stats = (await (await fetch(`${sb.bmsUrl}/__sandbox/stats`)).json()) as { vsa: { requests: Record<string, number> }; totals: { requests: number } };
    expect(stats.vsa.requests['GET /api/v1.0/system/orgs']).toBe(2);
    expect(stats.vsa.requests['GET /api/v1.0/auth']).toBe(1);
    const data = (await (await fetch(`${sb.bmsApiUrl}/__sandbox/data`)).json()) as { vsa: { orgs: unknown[] }; bms: { accounts: unknown[] } };
    expect(data.vsa.orgs).toHaveLength(40);
    await fetch(`${sb.vsaUrl}/__sandbox/reset`, { method: 'POST' });
    const after = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { totals: { requests: number } };
    expect(after.totals.requests).toBe(0);
  });
});

describe('hostile names', () => {
  const names = {
    orgs: ['<img src=x onerror="window.__pwned=1">', '"; DROP TABLE orgs; --', '', 'שלום עולם', '🦄 Unicorn & Co.', 'A'.repeat(300)],
    accounts: ['<script>window.__pwned=2</script>', '&amp; &lt;b&gt;'],
    machineGroups: ['<svg onload=alert(1)>'],
    agents: ['<iframe src=javascript:alert(1)>'],
  };
  it('serves them verbatim from both APIs and the replica pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'names-'));
    const file = join(dir, 'names.json');
    writeFileSync(file, JSON.stringify(names));
    const h = await startSandbox({ orgs: 10, agents: 30, seed: 2, namesFile: file });
    try {
      const tok = await vsaToken(h);
      const got = (await (await fetch(`${h.vsaUrl}/api/v1.0/system/orgs?$top=100`, { headers: { Authorization: `Bearer ${tok}` } })).json()) as { Result: { OrgName: string }[] };
      expect(got.Result.slice(0, names.orgs.length).map((o) => o.OrgName)).toEqual(names.orgs);
      const agents = (await (await fetch(`${h.vsaUrl}/api/v1.0/assetmgmt/agents?$top=1`, { headers: { Authorization: `Bearer ${tok}` } })).json()) as { Result: { ComputerName: string }[] };
      expect(agents.Result[0].ComputerName).toBe(names.agents[0]);
      const groups = (await (await fetch(`${h.vsaUrl}/api/v1.0/system/machinegroups?$top=100`, { headers: { Authorization: `Bearer ${tok}` } })).json()) as { Result: { MachineGroupName: string }[] };
      // VSA names a group by its dotted path, org ref first: the hostile name is its last segment
      expect(groups.Result.some((g) => g.MachineGroupName.endsWith(`.${names.machineGroups![0]}`))).toBe(true);
      const bt = await bmsToken(h);
      const accs = await bmsJson<{ Result: { Name: string }[] }>(await fetch(`${h.bmsApiUrl}/v2/crm/accounts/lookup?PageSize=2`, { headers: { Authorization: `Bearer ${bt}` } }));
      expect(accs.Result.map((a) => a.Name)).toEqual(names.accounts);
      const page = (await (await fetch(`${h.bmsUrl}/app-api/accounts?size=2`)).json()) as { rows: { AccountName: string }[] };
      expect(page.rows.map((r) => r.AccountName)).toEqual(names.accounts);
    } finally {
      await h.close();
    }
  });

  it('a names file that is not the expected shape is refused with the file and field named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'names-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ orgs: [1, 2] }));
    await expect(startSandbox({ namesFile: file })).rejects.toThrow(/bad\.json.*"orgs" must be a list of strings/);
  });
});

describe('every auth method of the contract', () => {
  it('BMS legacy v1 /api/token', async () => {
    const ok = await fetch(`${sb.bmsApiUrl}/api/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', username: 'admin', password: 'sandbox', tenant: 'sandbox' }) });
    const body = (await ok.json()) as { access_token: string; expires_in: number };
    expect(ok.status).toBe(200);
    const use = await fetch(`${sb.bmsApiUrl}/v2/crm/accounts/lookup?PageSize=1`, { headers: { Authorization: `Bearer ${body.access_token}` } });
    expect(use.status).toBe(200);
    const bad = await fetch(`${sb.bmsApiUrl}/api/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', username: 'admin', password: 'x', tenant: 'sandbox' }) });
    expect(bad.status).toBe(400);
  });
});
