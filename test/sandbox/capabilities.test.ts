import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { capabilitiesFromFlags, defaultCapabilities } from './capabilities';
import { bmsJson, bmsToken } from './helpers';
import { startSandbox, type Sandbox } from './server';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ orgs: 10, agents: 20, seed: 9 });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ reset: true }) });
});
const faults = (body: unknown) => fetch(`${sb.bmsApiUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(body) });
const get = async (path: string) => {
  const r = await fetch(`${sb.bmsApiUrl}${path}`, { headers: { Authorization: `Bearer ${await bmsToken(sb)}` } });
  const body = await bmsJson<Record<string, unknown>>(r);
  // v3: an application error is success:false inside an HTTP 200; `status` is what the answer means
  const code = (body?.Error as { Code?: number } | undefined)?.Code;
  return { status: r.status === 200 && body?.Success === false ? (code && code >= 400 ? code : 400) : r.status, body };
};
const legacy = () => fetch(`${sb.bmsApiUrl}/api/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', username: 'admin', password: 'sandbox', tenant: 'sandbox' }) });

describe('tenant capability switches', () => {
  it('defaults follow the evidence: departments and the deprecated mapping store off, legacy v1 and the rest on', () => {
    expect(defaultCapabilities()).toMatchObject({ departments: false, legacyLocations: true, mappingStore: false, integration: true });
  });

  it('each switch is flipped by POST /__sandbox/faults and answers as a tenant without it', async () => {
    expect((await get('/v2/crm/accounts/1/departments')).status).toBe(404);
    expect((await faults({ target: 'bms', capabilities: { departments: true } })).status).toBe(200);
    expect((await get('/v2/crm/accounts/1/departments')).status).toBe(200);

    expect((await get('/v2/rmm/vsa/mappings/account?PageSize=1')).status).toBe(404);
    await faults({ target: 'bms', capabilities: { mappingStore: true } });
    expect((await get('/v2/rmm/vsa/mappings/account?PageSize=1')).status).toBe(200);
    await faults({ target: 'bms', capabilities: { mappingStore: false } });
    const m = await get('/v2/rmm/vsa/mappings/account?PageSize=1');
    expect(m.status).toBe(404);

    expect((await legacy()).status).toBe(200);
    await faults({ target: 'bms', capabilities: { legacyLocations: false } });
    expect((await legacy()).status).toBe(404);

    await faults({ target: 'bms', capabilities: { integration: false } });
    const list = (await get('/v2/rmm/integrations')).body.Result as { Enabled: boolean }[];
    expect(list.every((x) => x.Enabled === false)).toBe(true);
    expect(((await get('/v2/rmm/vsa/status')).body.Result as { IsEnabled: boolean }).IsEnabled).toBe(false);

    const names = async () => ((await get('/v2/system/customFields/1')).body.Result as { Name: string }[]).map((f) => f.Name);
    expect(await names()).toContain('VSA Location Rule');
    await faults({ target: 'bms', capabilities: { customFieldModule: false } });
    expect(await names()).not.toContain('VSA Location Rule');

    expect((await get('/v2/system/lookup/AssetHardwareCategory')).status).toBe(200);
    expect((await get('/v2/system/lookup/SomethingElse')).status).toBe(404);
    await faults({ target: 'bms', capabilities: { categoryTable: false } });
    expect((await get('/v2/system/lookup/AssetHardwareCategory')).status).toBe(404);

    // a reset restores the defaults
    await faults({ reset: true });
    expect((await get('/v2/rmm/vsa/mappings/account?PageSize=1')).status).toBe(404);
    expect((await legacy()).status).toBe(200);
  });

  it('refuses unknown capabilities and non-boolean values, naming them', async () => {
    const r = await faults({ capabilities: { teleport: true } });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(/unknown capability "teleport"/);
    expect(((await (await faults({ capabilities: { departments: 'yes' } })).json()) as { error: string }).error).toMatch(/capabilities.departments must be true or false/);
  });

  it('counts a DepartmentId sent while the tenant has no departments', async () => {
    const token = await bmsToken(sb);
    await fetch(`${sb.bmsApiUrl}/v2/servicedesk/hardwareasset/999999`, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ Name: 'x', DepartmentId: 3 }) });
    const stats = (await (await fetch(`${sb.bmsApiUrl}/__sandbox/stats`)).json()) as { bms: { faults: Record<string, number> } };
    expect(stats.bms.faults['capability.departmentIdSent']).toBe(1);
  });

  it('shows no department on asset reads while the tenant has none, and does when it has them', async () => {
    const token = await bmsToken(sb);
    const id = [...sb.state().bms.assets.keys()][0];
    const read = async () => {
      const body = (await (await fetch(`${sb.bmsApiUrl}/v2/servicedesk/hardwareasset/${id}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as Record<string, Record<string, unknown>>;
      return Object.keys(body.result ?? body.Result).map((k) => k.toLowerCase());
    };
    expect(await read()).not.toContain('departmentid');
    await faults({ capabilities: { departments: true } });
    expect(await read()).toContain('departmentid');
    await faults({ reset: true });
  });

  it('--with / --without flags', () => {
    expect(capabilitiesFromFlags('departments', 'mapping-store,legacy-locations')).toEqual({ departments: true, mappingStore: false, legacyLocations: false });
    expect(() => capabilitiesFromFlags(undefined, 'warp-drive')).toThrow(/--without warp-drive: unknown capability/);
  });
});
