/** The acceptance run at customer scale: 5,000 orgs and 50,000 agents, paged through the fake APIs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server';
import { bmsJson, bmsToken, vsaToken } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ orgs: 5000, agents: 50000, seed: 42 });
});
afterAll(() => sb.close());

async function pageVsa(path: string, tok: string): Promise<{ ids: number[]; total: number; requests: number }> {
  const ids: number[] = [];
  let total = -1;
  let requests = 0;
  for (let skip = 0; total < 0 || skip < total; skip += 100) {
    const r = await fetch(`${sb.vsaUrl}/api/v1.0${path}?$top=100&$skip=${skip}`, { headers: { Authorization: `Bearer ${tok}` } });
    requests++;
    const body = (await r.json()) as { TotalRecords: number; Result: Record<string, number>[] };
    total = body.TotalRecords;
    const key = path.includes('agents') ? 'AgentId' : 'OrgId';
    for (const row of body.Result) ids.push(row[key]);
  }
  return { ids, total, requests };
}

describe('sandbox at 5,000 orgs / 50,000 agents', () => {
  it('pages every org and every agent exactly once, and the stats count the requests', async () => {
    await fetch(`${sb.vsaUrl}/__sandbox/stats/reset`, { method: 'POST' });
    const tok = await vsaToken(sb);
    const orgs = await pageVsa('/system/orgs', tok);
    expect(orgs.total).toBe(5000);
    expect(orgs.ids).toHaveLength(5000);
    expect(new Set(orgs.ids).size).toBe(5000);
    const agents = await pageVsa('/assetmgmt/agents', tok);
    expect(agents.total).toBe(50000);
    expect(agents.ids).toHaveLength(50000);
    expect(new Set(agents.ids).size).toBe(50000);
    const stats = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { vsa: { requests: Record<string, number> } };
    expect(stats.vsa.requests['GET /api/v1.0/system/orgs']).toBe(orgs.requests);
    expect(stats.vsa.requests['GET /api/v1.0/assetmgmt/agents']).toBe(agents.requests);
  }, 120_000);

  it('pages every BMS account exactly once', async () => {
    const tok = await bmsToken(sb);
    const ids: number[] = [];
    let total: number;
    for (let page = 1; ; page++) {
      const r = await fetch(`${sb.bmsApiUrl}/v2/crm/accounts/summary?PageSize=100&PageNumber=${page}`, { headers: { Authorization: `Bearer ${tok}` } });
      const body = await bmsJson<{ TotalRecords: number; Result: { Id: number }[] }>(r);
      total = body.TotalRecords;
      ids.push(...body.Result.map((a) => a.Id));
      if (body.Result.length < 100) break;
    }
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(sb.state().bms.accounts.size);
  }, 120_000);

  it('generates the variations the matcher must handle, deterministically', async () => {
    const s = sb.state();
    const exact = [...s.truth].filter(([o, a]) => a !== null && s.bms.accounts.get(a)!.AccountName === s.vsa.orgs.get(o)!.OrgName).length;
    const varied = [...s.truth].filter(([o, a]) => a !== null && s.bms.accounts.get(a)!.AccountName !== s.vsa.orgs.get(o)!.OrgName).length;
    const none = [...s.truth].filter(([, a]) => a === null).length;
    expect(exact).toBeGreaterThan(1000);
    expect(varied).toBeGreaterThan(1000);
    expect(none).toBeGreaterThan(1000);
    const again = await startSandbox({ orgs: 50, agents: 100, seed: 42 });
    const twice = await startSandbox({ orgs: 50, agents: 100, seed: 42 });
    try {
      const names = (x: Sandbox) => [...x.state().vsa.orgs.values()].map((o) => o.OrgName);
      expect(names(again)).toEqual(names(twice));
    } finally {
      await again.close();
      await twice.close();
    }
  });
});
