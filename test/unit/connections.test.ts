/** The background's connection service against the sandbox: real logins, plain-language failures, secrets kept back. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ConnectionService } from '@/lib/connections';
import { connectionsItem, getSecret, setSecret, _resetSecretDb } from '@/lib/store/connections';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sb: Sandbox;
let granted: Set<string>;
let saved: unknown[];
let svc: ConnectionService;

beforeAll(async () => {
  sb = await startSandbox({ orgs: 10, agents: 20, seed: 5 });
});
afterAll(() => sb.close());
beforeEach(async () => {
  fakeBrowser.reset();
  await _resetSecretDb();
  await new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase('bms-vsa-sync-secrets');
    req.onsuccess = resolve;
    req.onerror = reject;
  });
  granted = new Set(['http://127.0.0.1/*']);
  saved = [];
  svc = new ConnectionService({
    fetch: (i, init) => fetch(i, init),
    load: () => connectionsItem.getValue(),
    save: (c) => connectionsItem.setValue(c),
    getSecret,
    setSecret,
    hasPermission: async (p) => granted.has(p),
    onSaved: async (c) => void saved.push(c),
  });
});

const save = (over: { vsa?: object | null; bms?: object | null } = {}) =>
  svc.save({
    type: 'connections.save',
    vsa: over.vsa === undefined ? { url: `${sb.vsaUrl}/api/v1.0/`, user: 'admin', method: 'token', secret: 'sandbox-token' } : (over.vsa as never),
    bms: over.bms === undefined ? { url: `${sb.bmsApiUrl}/v2`, webUrl: sb.bmsUrl, tenant: 'sandbox', user: 'admin', password: 'sandbox' } : (over.bms as never),
  });

describe('connection service', () => {
  it('saves addresses normalised, keeps secrets out of extension storage, and reports them only as a hint', async () => {
    await save();
    const stored = await connectionsItem.getValue();
    expect(stored.vsa).toEqual({ url: sb.vsaUrl, user: 'admin', method: 'token' });
    expect(stored.bms).toMatchObject({ url: sb.bmsApiUrl, webUrl: sb.bmsUrl, tenant: 'sandbox' });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toMatch(/sandbox-token|"sandbox"[,}].*password/);
    const pub = await svc.get();
    expect(JSON.stringify(pub)).not.toContain('sandbox-token');
    expect(pub.vsa).toMatchObject({ hasSecret: true, secretHint: '••••en' });
    expect(saved).toHaveLength(1);
  });

  it('logs in to both systems: VSA with a token or a password, BMS with company, user and password', async () => {
    await save();
    expect(await svc.test('vsa')).toMatchObject({ state: 'ok', code: 'ok' });
    expect(await svc.test('bms')).toMatchObject({ state: 'ok', code: 'ok' });
    await save({ vsa: { url: sb.vsaUrl, user: 'admin', method: 'password', secret: 'sandbox' } });
    expect(await svc.test('vsa')).toMatchObject({ state: 'ok' });
  });

  it('tells a wrong password, a wrong address, a server that is down and a missing permission apart', async () => {
    await save({ vsa: { url: sb.vsaUrl, user: 'admin', method: 'password', secret: 'wrong' }, bms: { url: sb.bmsApiUrl, tenant: 'other', user: 'admin', password: 'sandbox' } });
    const vsa = await svc.test('vsa');
    expect(vsa).toMatchObject({ state: 'error', code: 'auth' });
    expect(vsa.message).toMatch(/refused the login.*password/);
    const bms = await svc.test('bms');
    expect(bms).toMatchObject({ state: 'error', code: 'auth' });
    expect(bms.message).toMatch(/Company "other" was not found/);

    await save({ vsa: { url: sb.bmsUrl, user: 'admin', method: 'token', secret: 'sandbox-token' } }); // the replica pages are no VSA
    expect(await svc.test('vsa')).toMatchObject({ code: 'wrong-url' });

    await save({ vsa: { url: 'http://127.0.0.1:9', user: 'admin', method: 'token', secret: 'x' } });
    const down = await svc.test('vsa');
    expect(down).toMatchObject({ code: 'unreachable' });
    expect(down.message).toMatch(/Cannot reach Kaseya VSA at http:\/\/127\.0\.0\.1:9/);

    granted.clear();
    expect(await svc.test('bms')).toMatchObject({ state: 'no-permission', code: 'no-permission' });
  });

  it('a changed server or user never silently inherits the old secret', async () => {
    await save();
    await expect(save({ vsa: { url: sb.vsaUrl, user: 'someone-else', method: 'token' } })).rejects.toThrow(/enter the access token again/);
    await expect(save({ vsa: { url: sb.vsaUrl, user: 'admin', method: 'token' } })).resolves.toEqual({ ok: true });
    expect(await getSecret('vsa')).toBe('sandbox-token');
  });

  it('reports "not set up" before anything is saved, and forgets secrets of a removed connection', async () => {
    expect(await svc.status(false)).toMatchObject({ vsa: { state: 'not-configured' }, bms: { state: 'not-configured' } });
    await save();
    await save({ vsa: null });
    expect(await getSecret('vsa')).toBeNull();
    expect(await getSecret('bms')).toBe('sandbox');
  });
});
