import { describe, expect, it } from 'vitest';
import { dispatch, request, type Handlers, MessageError } from '@/lib/messages';
import { DEFAULT_TENANT_SETTINGS } from '@/lib/mapping/tenant-settings';

const state = (system: 'vsa' | 'bms') => ({ system, state: 'ok' as const, code: 'ok' as const, message: 'fine', checkedAt: 1 });
const handlers: Handlers = {
  'connections.get': async () => ({ vsa: null, bms: null }),
  'connections.save': async () => ({ ok: true }),
  'connections.test': async (r) => state(r.system),
  'connections.status': async () => ({ vsa: state('vsa'), bms: state('bms') }),
  'page.context': async () => ({ bmsWebUrl: 'https://bms.example.com', learned: [] }),
  'frame.hello': async () => ({ bmsOrigin: 'https://bms.example.com', nonce: '0'.repeat(32) }),
  'frame.vouch': async () => ({ ok: true }),
  'frame.ready': async () => ({ ok: true }),
  'capabilities.get': async () => null,
  'capabilities.probe': async () => null,
  'job.planImport': async () => { throw new Error('not in this test'); },
  'job.planExport': async () => { throw new Error('not in this test'); },
  'job.planAssetSync': async () => { throw new Error('not in this test'); },
  'mapping.neverMap': async () => ({ ok: true }),
  'settings.get': async () => ({ pushNewAccounts: false, autoCreateAccounts: true, syncEveryMinutes: 0, defaultRule: 'main', concurrency: 4, learnedPages: [], ...DEFAULT_TENANT_SETTINGS }),
  'settings.save': async () => ({ ok: true }),
  'audit.export': async () => ({ csv: '', entries: 0 }),
  'billing.report': async () => ({ csv: '', rows: 0, flagged: 0, unchecked: 0, flags: [] }),
  'job.planUndo': async () => { throw new Error('not in this test'); },
  'relink.accept': async () => { throw new Error('not in this test'); },
  'relink.reject': async () => ({ ok: true as const }),
  'mapping.assetsOff': async () => ({ ok: true as const }),
  'orphans.list': async () => { throw new Error('not in this test'); },
  'orphans.deactivate': async () => { throw new Error('not in this test'); },
  'job.start': async () => { throw new Error('not in this test'); },
  'job.progress': async () => null,
  'job.cancel': async () => { throw new Error('not in this test'); },
  'job.retryFailed': async () => { throw new Error('not in this test'); },
  'sync.overview': async () => ({ loadedAt: 1, rows: [], accounts: [], counts: { linked: 0, suggested: 0, conflict: 0, unlinked: 0, never: 0 }, lastSyncAt: null }),
  'mapping.unlink': async () => ({ ok: true }),
  'mapping.warnings': async () => ({ warnings: [] }),
  'mapping.ruleInfo': async () => { throw new Error('not in this test'); },
  'mapping.saveRule': async () => { throw new Error('not in this test'); },
  'mappings.csvExport': async () => ({ csv: '', rows: 0 }),
  'mappings.csvImport': async () => { throw new Error('not in this test'); },
  'audit.list': async () => ({ entries: [] }),
  'asset.sync': async () => { throw new Error('not in this test'); },
  'account.mapping': async () => { throw new Error('not in this test'); },
  'mapping.ackNames': async () => ({ ok: true }),
};

describe('message protocol', () => {
  it('answers a valid request from an allowed sender', async () => {
    expect(await dispatch({ type: 'connections.test', system: 'vsa' }, 'extension', handlers)).toEqual({ ok: true, reply: state('vsa') });
  });

  it('rejects malformed requests and names what is wrong', async () => {
    const r = await dispatch({ type: 'connections.test', system: 'psa' }, 'extension', handlers);
    expect(r).toMatchObject({ ok: false, code: 'bad-request' });
    expect(r.ok === false && r.error).toMatch(/system/);
    expect(await dispatch('hello', 'extension', handlers)).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await dispatch({ type: 'nope' }, 'extension', handlers)).toMatchObject({ ok: false, code: 'bad-request' });
  });

  it('refuses requests from senders that may not make them', async () => {
    // the content script in a BMS page learns where it is and syncs one asset: nothing else (HIGH-1)
    expect(await dispatch({ type: 'page.context' }, 'content', handlers)).toMatchObject({ ok: true });
    for (const msg of [{ type: 'connections.status' }, { type: 'connections.get' }, { type: 'connections.save', vsa: null, bms: null }, { type: 'connections.test', system: 'bms' },
      { type: 'sync.overview' }, { type: 'account.mapping', accountId: 1 }, { type: 'job.start', jobId: 'j' }, { type: 'job.progress' }, { type: 'mapping.unlink', orgId: '1' },
      { type: 'job.planImport', selection: { accept: 'auto', createMissing: true } }, { type: 'frame.hello' }, { type: 'capabilities.get' }, { type: 'capabilities.probe' }]) {
      expect(await dispatch(msg, 'content', handlers), msg.type).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await dispatch({ type: 'connections.status' }, null, handlers)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await dispatch({ type: 'page.context' }, 'extension', handlers)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await dispatch({ type: 'frame.hello' }, 'extension', handlers)).toMatchObject({ ok: false, code: 'forbidden' });
    // panel frames link, re-place and sync, but never see or change connections, settings, audit or CSV
    for (const msg of [{ type: 'connections.status' }, { type: 'settings.get' }, { type: 'audit.export' }, { type: 'audit.list' }, { type: 'mappings.csvExport' }, { type: 'job.planExport' }, { type: 'page.context' }, { type: 'capabilities.get' }, { type: 'capabilities.probe' }]) {
      expect(await dispatch(msg, 'frame', handlers), msg.type).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await dispatch({ type: 'frame.hello' }, 'frame', handlers)).toMatchObject({ ok: true });
    // the handshake: only the content script vouches (with a well-formed nonce), only a frame waits for it
    expect(await dispatch({ type: 'frame.vouch', nonce: 'a'.repeat(32), search: '?panel=account&id=1' }, 'content', handlers)).toMatchObject({ ok: true });
    expect(await dispatch({ type: 'frame.vouch', nonce: 'a'.repeat(32), search: '' }, 'frame', handlers)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await dispatch({ type: 'frame.vouch', nonce: 'not-a-nonce', search: '' }, 'content', handlers)).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await dispatch({ type: 'frame.ready' }, 'content', handlers)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await dispatch({ type: 'frame.ready' }, 'frame', handlers)).toMatchObject({ ok: true });
    // a frame names the orgs it imports: never "all of them", never unbounded, never a non-number
    for (const selection of [{ accept: 'auto', createMissing: true }, { orgIds: [], accept: 'auto', createMissing: false }, { orgIds: ['1 or 1 eq 1'], accept: 'auto', createMissing: false },
      { orgIds: Array.from({ length: 5001 }, (_, i) => String(i + 1)), accept: 'auto', createMissing: false }]) {
      expect(await dispatch({ type: 'job.planImport', selection }, 'frame', handlers)).toMatchObject({ ok: false, code: 'bad-request' });
    }
    expect(await dispatch({ type: 'job.planUndo' }, 'frame', handlers)).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await dispatch({ type: 'job.progress' }, 'extension', handlers)).toEqual({ ok: true, reply: null });
  });

  it('never lets a malformed reply through, and turns handler errors into readable errors', async () => {
    const bad = { ...handlers, 'connections.get': async () => ({ vsa: { url: 1 } }) } as unknown as Handlers;
    expect(await dispatch({ type: 'connections.get' }, 'extension', bad)).toMatchObject({ ok: false, code: 'internal' });
    const throwing = { ...handlers, 'connections.save': async () => { throw new MessageError('Enter the BMS password.', 'bad-request'); } } as Handlers;
    expect(await dispatch({ type: 'connections.save', vsa: null, bms: null }, 'extension', throwing)).toEqual({ ok: false, error: 'Enter the BMS password.', code: 'bad-request' });
  });

  it('validates the request before sending and the reply after receiving', async () => {
    const transport = async (m: unknown) => dispatch(m, 'extension', handlers);
    await expect(request(transport, { type: 'connections.test', system: 'vsa' })).resolves.toEqual(state('vsa'));
    await expect(request(transport, { type: 'connections.test', system: 'x' } as never)).rejects.toThrow(MessageError);
    await expect(request(async () => ({ ok: true, reply: { vsa: 1 } }), { type: 'connections.status' })).rejects.toThrow(/malformed/);
    await expect(request(async () => undefined, { type: 'connections.status' })).rejects.toThrow(/unreadable/);
    await expect(request(async () => ({ ok: false, error: 'nope', code: 'forbidden' }), { type: 'connections.status' })).rejects.toMatchObject({ message: 'nope', code: 'forbidden' });
  });

  it('explains a bad server address in words', async () => {
    const r = await dispatch({ type: 'connections.save', vsa: { url: 'vsa.example.com', user: 'a', method: 'token' }, bms: null }, 'extension', handlers);
    expect(r.ok === false && r.error).toMatch(/vsa\.url: Enter a full address starting with https:\/\//);
  });
});
