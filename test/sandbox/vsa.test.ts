import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server';
import { setFaults, vsaPasswordHeader, vsaToken } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ orgs: 120, agents: 900, seed: 7 });
});
afterAll(() => sb.close());

const get = async (path: string, token: string) => {
  const r = await fetch(`${sb.vsaUrl}/api/v1.0${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: r.status, body: (await r.json()) as { TotalRecords?: number; Result: unknown; ResponseCode: number; Status: string; Error: string } };
};

describe('fake VSA: auth', () => {
  it('accepts the hashed password credential and a personal access token', async () => {
    const pw = await fetch(`${sb.vsaUrl}/api/v1.0/auth`, { headers: { Authorization: vsaPasswordHeader('admin', 'sandbox') } });
    expect(pw.status).toBe(200);
    const body = (await pw.json()) as { Result: { Token: string; ApiToken: string }; Error: string; ResponseCode: number };
    expect(body.Error).toBe('None');
    expect(body.ResponseCode).toBe(0);
    expect(body.Result.ApiToken).toMatch(/^[0-9a-f]{48}$/);
    expect(await vsaToken(sb)).toMatch(/^[0-9a-f]{48}$/);
  });

  it('refuses a wrong password, a wrong token and a missing or unknown bearer', async () => {
    const bad = await fetch(`${sb.vsaUrl}/api/v1.0/auth`, { headers: { Authorization: vsaPasswordHeader('admin', 'wrong') } });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { Error: string }).Error).toMatch(/Invalid credentials/);
    const badTok = await fetch(`${sb.vsaUrl}/api/v1.0/auth`, { headers: { Authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` } });
    expect(badTok.status).toBe(401);
    expect((await fetch(`${sb.vsaUrl}/api/v1.0/system/orgs`)).status).toBe(401);
    expect((await get('/system/orgs', 'not-a-token')).status).toBe(401);
  });

  it('expires tokens after the configured lifetime', async () => {
    await setFaults(sb, { target: 'vsa', tokenTtlSec: 1 });
    const tok = await vsaToken(sb);
    expect((await get('/system/orgs?$top=1', tok)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    const after = await get('/system/orgs?$top=1', tok);
    expect(after.status).toBe(401);
    expect(after.body.Error).toMatch(/expired/);
    await setFaults(sb, { reset: true });
  });
});

describe('fake VSA: orgs, machine groups, agents', () => {
  it('pages orgs with $top/$skip, caps the page size, and returns every org exactly once', async () => {
    const tok = await vsaToken(sb);
    const first = await get('/system/orgs?$top=500', tok);
    expect((first.body.Result as unknown[]).length).toBe(100); // server cap
    expect(first.body.TotalRecords).toBe(120);
    const seen = new Set<number>();
    for (let skip = 0; ; skip += 50) {
      const page = await get(`/system/orgs?$top=50&$skip=${skip}`, tok);
      const rows = page.body.Result as { OrgId: number }[];
      for (const o of rows) seen.add(o.OrgId);
      if (rows.length < 50) break;
    }
    expect(seen.size).toBe(120);
    const empty = await get('/system/orgs?$top=50&$skip=120', tok);
    expect(empty.body.Result).toEqual([]);
  });

  it('filters and sorts with OData expressions, and rejects bad ones with a clear error', async () => {
    const tok = await vsaToken(sb);
    const all = (await get('/system/orgs?$top=100', tok)).body.Result as { OrgId: number; OrgName: string }[];
    const one = all[3];
    const eq = await get(`/system/orgs?$filter=OrgId eq ${one.OrgId}`, tok);
    expect((eq.body.Result as { OrgId: number }[]).map((o) => o.OrgId)).toEqual([one.OrgId]);
    const word = one.OrgName.split(' ')[0].replace(/'/g, "''");
    const sub = await get(`/system/orgs?$filter=${encodeURIComponent(`substringof('${word}', OrgName)`)}&$top=100`, tok);
    expect((sub.body.Result as { OrgName: string }[]).every((o) => o.OrgName.toLowerCase().includes(word.replace(/''/g, "'").toLowerCase()))).toBe(true);
    const sorted = await get(`/system/orgs?$orderby=OrgName desc&$top=100`, tok);
    const names = (sorted.body.Result as { OrgName: string }[]).map((o) => o.OrgName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    const bad = await get(`/system/orgs?$filter=${encodeURIComponent('Nope eq 1')}`, tok);
    expect(bad.status).toBe(400);
    expect(bad.body.Error).toMatch(/Nope/);
  });

  it('serves machine groups per org (nested under the root group) and agents filtered by org and group', async () => {
    const tok = await vsaToken(sb);
    const orgs = (await get('/system/orgs?$top=100', tok)).body.Result as { OrgId: number }[];
    let nestedSeen = false;
    for (const o of orgs.slice(0, 30)) {
      const groups = (await get(`/system/orgs/${o.OrgId}/machinegroups`, tok)).body.Result as { MachineGroupId: number; ParentMachineGroupId: number | null; OrgId: number; MachineGroupName: string }[];
      const roots = groups.filter((g) => g.ParentMachineGroupId === null);
      expect(roots).toHaveLength(1);
      expect(roots[0].MachineGroupName).toBe('root');
      expect(groups.every((g) => g.OrgId === o.OrgId)).toBe(true);
      if (groups.some((g) => g.ParentMachineGroupId !== null && g.ParentMachineGroupId !== roots[0].MachineGroupId)) nestedSeen = true;
      const agents = (await get(`/assetmgmt/agents?$filter=OrgId eq ${o.OrgId}&$top=100`, tok)).body.Result as { OrgId: number; MachineGroupId: number }[];
      expect(agents.every((a) => a.OrgId === o.OrgId && groups.some((g) => g.MachineGroupId === a.MachineGroupId))).toBe(true);
    }
    expect(nestedSeen).toBe(true);
    const g = (await get('/system/machinegroups?$top=1', tok)).body.Result as { MachineGroupId: number }[];
    const inGroup = (await get(`/assetmgmt/agents?$filter=MachineGroupId eq ${g[0].MachineGroupId}`, tok)).body.Result as { MachineGroupId: number }[];
    expect(inGroup.every((a) => a.MachineGroupId === g[0].MachineGroupId)).toBe(true);
  });

  it('gets single records and answers 404 in the VSA envelope for unknown ones', async () => {
    const tok = await vsaToken(sb);
    const agent = ((await get('/assetmgmt/agents?$top=1', tok)).body.Result as { AgentId: number }[])[0];
    const one = await get(`/assetmgmt/agents/${agent.AgentId}`, tok);
    expect(one.status).toBe(200);
    expect((one.body.Result as { AgentId: number }).AgentId).toBe(agent.AgentId);
    const missing = await get('/assetmgmt/agents/1', tok);
    expect(missing.status).toBe(404);
    expect(missing.body.Error).toMatch(/Agent 1 was not found/);
  });

  it('creates orgs with a root machine group and enforces a unique, well-formed OrgRef', async () => {
    const tok = await vsaToken(sb);
    const post = (body: unknown) =>
      fetch(`${sb.vsaUrl}/api/v1.0/system/orgs`, { method: 'POST', headers: { Authorization: `Bearer ${tok}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = await post({ OrgName: 'Brand New Org', OrgRef: 'brandneworg' });
    expect(created.status).toBe(200);
    const org = ((await created.json()) as { Result: { OrgId: number } }).Result;
    const groups = (await get(`/system/orgs/${org.OrgId}/machinegroups`, tok)).body.Result as { MachineGroupName: string }[];
    expect(groups.map((g) => g.MachineGroupName)).toEqual(['root']);
    const dup = await post({ OrgName: 'Another', OrgRef: 'brandneworg' });
    expect(dup.status).toBe(400);
    expect(((await dup.json()) as { Error: string }).Error).toMatch(/already used/);
    const bad = await post({ OrgName: 'Bad ref', OrgRef: 'has space.dot' });
    expect(bad.status).toBe(400);
  });
});
