import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server';
import { setFaults, vsaPasswordHeader, vsaToken } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ orgs: 120, agents: 900, seed: 7 });
});
afterAll(() => sb.close());

type Envelope = { TotalRecords?: number; Result: unknown; ResponseCode: number; Status: string; Error: string };
/** `code`: what the answer means: the HTTP status, or the ResponseCode a v3 server puts inside an HTTP 200 */
const codeOf = (status: number, body: Envelope) => (status === 200 && body.ResponseCode >= 400 ? body.ResponseCode : status);
const get = async (path: string, token: string) => {
  const r = await fetch(`${sb.vsaUrl}/api/v1.0${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await r.json()) as Envelope;
  return { status: r.status, code: codeOf(r.status, body), body };
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
    // v3: the refusal comes inside an HTTP 200, as the forum post quotes it
    const bad = await fetch(`${sb.vsaUrl}/api/v1.0/auth`, { headers: { Authorization: vsaPasswordHeader('admin', 'wrong') } });
    expect(bad.status).toBe(200);
    expect(await bad.json()).toMatchObject({ Result: null, ResponseCode: 401, Status: 'OK', Error: 'None' });
    const badTok = await fetch(`${sb.vsaUrl}/api/v1.0/auth`, { headers: { Authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` } });
    expect(((await badTok.json()) as Envelope).ResponseCode).toBe(401);
    expect(((await (await fetch(`${sb.vsaUrl}/api/v1.0/system/orgs`)).json()) as Envelope).ResponseCode).toBe(401);
    expect((await get('/system/orgs', 'not-a-token')).code).toBe(401);
    // the knob turns the v2 wire back on: HTTP 401 with the message
    await setFaults(sb, { target: 'vsa', errorsIn200: false });
    const v2 = await fetch(`${sb.vsaUrl}/api/v1.0/auth`, { headers: { Authorization: vsaPasswordHeader('admin', 'wrong') } });
    expect(v2.status).toBe(401);
    expect(((await v2.json()) as Envelope).Error).toMatch(/Invalid credentials/);
    await setFaults(sb, { reset: true });
  });

  it('sends SessionExpiration as the server wall time with OffSetInMinutes to UTC', async () => {
    await setFaults(sb, { target: 'vsa', tokenTtlSec: 1800, vsaOffsetMinutes: 120 });
    const r = await fetch(`${sb.vsaUrl}/api/v1.0/auth`, { headers: { Authorization: `Basic ${Buffer.from('admin:sandbox-token').toString('base64')}` } });
    const res = ((await r.json()) as { Result: { SessionExpiration: string; OffSetInMinutes: number } }).Result;
    expect(res.SessionExpiration).not.toMatch(/Z$/);
    expect(res.OffSetInMinutes).toBe(120);
    const utc = Date.parse(`${res.SessionExpiration}Z`) + res.OffSetInMinutes * 60_000;
    expect(Math.abs(utc - (Date.now() + 1800_000))).toBeLessThan(5000);
    await setFaults(sb, { reset: true });
  });

  it('expires tokens after the configured lifetime', async () => {
    await setFaults(sb, { target: 'vsa', tokenTtlSec: 1 });
    const tok = await vsaToken(sb);
    expect((await get('/system/orgs?$top=1', tok)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    const after = await get('/system/orgs?$top=1', tok);
    expect(after.code).toBe(401);
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
    const ref = (all[3] as unknown as { OrgRef: string }).OrgRef;
    const eq = await get(`/system/orgs?$filter=${encodeURIComponent(`OrgRef eq '${ref}'`)}`, tok);
    expect((eq.body.Result as { OrgId: number }[]).map((o) => o.OrgId)).toEqual([one.OrgId]);
    // ids are Edm.Int32 inside $filter on real VSA: a real HTTP 400, whatever the knob says
    const byId = await get(`/system/orgs?$filter=OrgId eq ${one.OrgId}`, tok);
    expect(byId.status).toBe(400);
    expect(byId.body.Error).toMatch(/Edm\.Int32/);
    expect((await get(`/assetmgmt/agents?$filter=AgentId eq 1 or 1 eq 1`, tok)).status).toBe(400);
    const word = one.OrgName.split(' ')[0].replace(/'/g, "''");
    const sub = await get(`/system/orgs?$filter=${encodeURIComponent(`substringof('${word}', OrgName)`)}&$top=100`, tok);
    expect((sub.body.Result as { OrgName: string }[]).every((o) => o.OrgName.toLowerCase().includes(word.replace(/''/g, "'").toLowerCase()))).toBe(true);
    const sorted = await get(`/system/orgs?$orderby=OrgName desc&$top=100`, tok);
    const names = (sorted.body.Result as { OrgName: string }[]).map((o) => o.OrgName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    const bad = await get(`/system/orgs?$filter=${encodeURIComponent('Nope eq 1')}`, tok);
    expect(bad.code).toBe(400);
    expect(bad.body.Error).toMatch(/Nope/);
  });

  it('serves machine groups per org (nested under the root group); agents carry their org and group', async () => {
    const tok = await vsaToken(sb);
    const allAgents: { OrgId: number; MachineGroupId: number }[] = [];
    for (let skip = 0; skip < 900; skip += 100) allAgents.push(...((await get(`/assetmgmt/agents?$top=100&$skip=${skip}`, tok)).body.Result as { OrgId: number; MachineGroupId: number }[]));
    const orgs = (await get('/system/orgs?$top=100', tok)).body.Result as { OrgId: number }[];
    let nestedSeen = false;
    for (const o of orgs.slice(0, 30)) {
      const groups = (await get(`/system/orgs/${o.OrgId}/machinegroups`, tok)).body.Result as { MachineGroupId: number; ParentMachineGroupId: number | null; OrgId: number; MachineGroupName: string }[];
      const roots = groups.filter((g) => g.ParentMachineGroupId === null);
      expect(roots).toHaveLength(1);
      // the full dotted path, org ref first (KAT): acme.root, acme.root.servers, …
      const ref = (await get(`/system/orgs/${o.OrgId}`, tok)).body.Result as { OrgRef: string };
      expect(roots[0].MachineGroupName).toBe(`${ref.OrgRef}.root`);
      for (const g of groups) if (g.ParentMachineGroupId) expect(g.MachineGroupName.startsWith(`${groups.find((p) => p.MachineGroupId === g.ParentMachineGroupId)!.MachineGroupName}.`)).toBe(true);
      expect(groups.every((g) => g.OrgId === o.OrgId)).toBe(true);
      if (groups.some((g) => g.ParentMachineGroupId !== null && g.ParentMachineGroupId !== roots[0].MachineGroupId)) nestedSeen = true;
      const agents = allAgents.filter((a) => a.OrgId === o.OrgId);
      expect(agents.every((a) => groups.some((g) => g.MachineGroupId === a.MachineGroupId))).toBe(true);
    }
    expect(nestedSeen).toBe(true);
  });

  it('gets single records and answers 404 in the VSA envelope for unknown ones', async () => {
    const tok = await vsaToken(sb);
    const agent = ((await get('/assetmgmt/agents?$top=1', tok)).body.Result as { AgentId: number }[])[0];
    const one = await get(`/assetmgmt/agents/${agent.AgentId}`, tok);
    expect(one.status).toBe(200);
    expect((one.body.Result as { AgentId: number }).AgentId).toBe(agent.AgentId);
    const missing = await get('/assetmgmt/agents/1', tok);
    expect(missing.status).toBe(200);
    expect(missing.code).toBe(404);
    expect(missing.body.Error).toMatch(/Agent 1 was not found/);
  });

  it('creates orgs (the answer is the new id alone; readable after the lag) with a root group, and enforces a unique, well-formed OrgRef', async () => {
    const tok = await vsaToken(sb);
    await setFaults(sb, { target: 'vsa', vsaCreateLagMs: 400 });
    const send = (method: string, path: string, body: unknown) =>
      fetch(`${sb.vsaUrl}/api/v1.0${path}`, { method, headers: { Authorization: `Bearer ${tok}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const post = (body: unknown) => send('POST', '/system/orgs', body);
    const created = await post({ OrgName: 'Brand New Org', OrgRef: 'brandneworg' });
    expect(created.status).toBe(200);
    const id = ((await created.json()) as { Result: unknown }).Result;
    expect(id).toMatch(/^\d{26}$/);
    // not readable, listable or writable yet: "Org does not exist"
    const early = await get(`/system/orgs/${id}`, tok);
    expect(early.code).toBe(404);
    expect(early.body.Error).toMatch(/Org does not exist/);
    expect(((await get(`/system/orgs?$filter=${encodeURIComponent("OrgRef eq 'brandneworg'")}`, tok)).body.Result as unknown[])).toEqual([]);
    expect(codeOf(...(await (async () => { const r = await send('PUT', `/system/orgs/${id}`, { OrgName: 'x', OrgRef: 'brandneworg' }); return [r.status, (await r.json()) as Envelope] as const; })()))).toBe(404);
    await new Promise((r) => setTimeout(r, 450));
    const org = (await get(`/system/orgs/${id}`, tok)).body.Result as { OrgId: string; Website: string | null };
    expect(org.OrgId).toBe(id);
    const groups = (await get(`/system/orgs/${id}/machinegroups`, tok)).body.Result as { MachineGroupId: string; MachineGroupName: string }[];
    expect(groups.map((g) => g.MachineGroupName)).toEqual(['brandneworg.root']);
    // a machine group: the leaf name goes in, the answer is the id, the name comes back as the path
    const mg = await send('POST', `/system/orgs/${id}/machinegroups`, { MachineGroupName: 'servers', ParentMachineGroupId: groups[0].MachineGroupId });
    const mgId = ((await mg.json()) as { Result: string }).Result;
    expect(((await get(`/system/machinegroups/${mgId}`, tok)).body.Result as { MachineGroupName: string }).MachineGroupName).toBe('brandneworg.root.servers');
    const dup = await post({ OrgName: 'Another', OrgRef: 'brandneworg' });
    const dupBody = (await dup.json()) as Envelope;
    expect(codeOf(dup.status, dupBody)).toBe(400);
    expect(dupBody.Error).toMatch(/already used/);
    const bad = await post({ OrgName: 'Bad ref', OrgRef: 'has space.dot' });
    expect(codeOf(bad.status, (await bad.json()) as Envelope)).toBe(400);
    await setFaults(sb, { reset: true });
  });

  it('PUT replaces the whole org (what the body leaves out is lost) and answers 204 or status only; ParentOrgId travels as a string', async () => {
    const tok = await vsaToken(sb);
    const send = (body: unknown, id: string) =>
      fetch(`${sb.vsaUrl}/api/v1.0/system/orgs/${id}`, { method: 'PUT', headers: { Authorization: `Bearer ${tok}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const org = [...sb.state().vsa.orgs.values()].find((o) => o.Website && o.ContactInfo.PrimaryEmail)!;
    const parent = [...sb.state().vsa.orgs.values()].find((o) => o.OrgId !== org.OrgId)!;
    const first = await send({ ...org, ParentOrgId: parent.OrgId, CustomFields: [{ FieldName: 'a', FieldValue: '1' }] }, org.OrgId);
    const second = await send({ ...org, ParentOrgId: parent.OrgId, CustomFields: [{ FieldName: 'a', FieldValue: '1' }] }, org.OrgId);
    const answers = [first, second].map((r) => r.status);
    expect(answers).toContain(204);
    expect(answers).toContain(200);
    const st = [first, second].find((r) => r.status === 200)!;
    expect(((await st.json()) as Envelope).Result).toBe(true);
    expect(sb.state().vsa.orgs.get(org.OrgId)!.ParentOrgId).toBe(parent.OrgId);
    const website = org.Website;
    await send({ OrgName: org.OrgName, OrgRef: org.OrgRef, CustomFields: [] }, org.OrgId);
    const after = sb.state().vsa.orgs.get(org.OrgId)!;
    expect(after.Website).toBeNull();
    expect(after.ParentOrgId).toBeNull();
    expect(website).not.toBeNull();
    const numeric = await send({ OrgName: org.OrgName, OrgRef: org.OrgRef, ParentOrgId: 7.0 }, org.OrgId);
    expect(codeOf(numeric.status, (await numeric.json()) as Envelope)).toBe(400);
  });

  it('ids are 15–26 digits; the knob sends them as bare JSON numbers beyond 2^53', async () => {
    const tok = await vsaToken(sb);
    const org = [...sb.state().vsa.orgs.values()][0];
    const agent = [...sb.state().vsa.agents.values()][0];
    expect(org.OrgId).toMatch(/^\d{26}$/);
    expect(agent.AgentId).toMatch(/^\d{15}$/);
    await setFaults(sb, { target: 'vsa', vsaIdsAsNumbers: true });
    const text = await (await fetch(`${sb.vsaUrl}/api/v1.0/system/orgs/${org.OrgId}`, { headers: { Authorization: `Bearer ${tok}` } })).text();
    expect(text).toContain(`"OrgId":${org.OrgId}`);
    // JSON.parse rounds it: exactly what a client must not do
    expect(String((JSON.parse(text) as { Result: { OrgId: number } }).Result.OrgId)).not.toBe(org.OrgId);
    await setFaults(sb, { reset: true });
  });
});
