import { describe, expect, it } from 'vitest';
import { dispatch, request, type Handlers, MessageError } from '@/lib/messages';

const state = (system: 'vsa' | 'bms') => ({ system, state: 'ok' as const, code: 'ok' as const, message: 'fine', checkedAt: 1 });
const handlers: Handlers = {
  'connections.get': async () => ({ vsa: null, bms: null }),
  'connections.save': async () => ({ ok: true }),
  'connections.test': async (r) => state(r.system),
  'connections.status': async () => ({ vsa: state('vsa'), bms: state('bms') }),
  'page.context': async () => ({ bmsWebUrl: 'https://bms.example.com' }),
  'job.planImport': async () => { throw new Error('not in this test'); },
  'job.planExport': async () => { throw new Error('not in this test'); },
  'job.planAssetSync': async () => { throw new Error('not in this test'); },
  'mapping.neverMap': async () => ({ ok: true }),
  'settings.get': async () => ({ pushNewAccounts: false, autoCreateAccounts: true, syncEveryMinutes: 0, defaultRule: 'main', concurrency: 4 }),
  'settings.save': async () => ({ ok: true }),
  'audit.export': async () => ({ csv: '', entries: 0 }),
  'job.planUndo': async () => { throw new Error('not in this test'); },
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
  'page.panels': async () => ({ ok: true }),
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
    // a content script may ask for the status, never for the saved connections or to change them
    expect(await dispatch({ type: 'connections.status' }, 'content', handlers)).toMatchObject({ ok: true });
    for (const msg of [{ type: 'connections.get' }, { type: 'connections.save', vsa: null, bms: null }, { type: 'connections.test', system: 'bms' }]) {
      expect(await dispatch(msg, 'content', handlers)).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await dispatch({ type: 'connections.status' }, null, handlers)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await dispatch({ type: 'page.context' }, 'extension', handlers)).toMatchObject({ ok: false, code: 'forbidden' });
    // the panels in BMS pages link, re-place and sync (jobs), but never see or change settings, audit or CSV
    for (const msg of [{ type: 'settings.get' }, { type: 'audit.export' }, { type: 'audit.list' }, { type: 'mappings.csvExport' }, { type: 'job.planUndo' }, { type: 'job.planExport' }]) {
      expect(await dispatch(msg, 'content', handlers)).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await dispatch({ type: 'page.panels' }, 'extension', handlers)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await dispatch({ type: 'page.panels' }, 'content', handlers, { tabId: 3, frameId: 0 })).toEqual({ ok: true, reply: { ok: true } });
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
