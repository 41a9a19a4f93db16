// LOW-6: client caches keyed on a SHA-256 of the secrets; saved or removed connections drop their
// session tokens. LOW-8: host permissions of servers no longer configured are given back after a save.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { releaseUnusedHosts } from '@/lib/host-access';
import { clearSessionTokens, sessionCache } from '@/lib/store/tokens';
import { contextKey } from '@/lib/sync/context';

beforeEach(() => fakeBrowser.reset());

describe('credential rotation (LOW-6)', () => {
  it('a new secret of the same length and last characters makes a new context key', async () => {
    const c = { vsa: { url: 'https://vsa.example.com', user: 'u', method: 'password' } };
    const winter = await contextKey(c, 4, 'Winter2024!x', 'bms-pass');
    expect(await contextKey(c, 4, 'Summer2024!x', 'bms-pass')).not.toBe(winter);
    expect(await contextKey(c, 4, 'Winter2024!x', 'bms-pass')).toBe(winter);
    expect(winter).not.toContain('Winter');
    expect(winter).not.toContain('x"');
  });

  it('clearing session tokens removes every token and nothing else', async () => {
    const cache = sessionCache<{ token: string; expiresAt: number | null }>();
    await cache.set('https://vsa.example.com|u', { token: 'old', expiresAt: null });
    await cache.set('https://api.bms.example.com|t|u', { token: 'old2', expiresAt: null });
    await fakeBrowser.storage.session.set({ other: 1 });
    expect(await clearSessionTokens()).toBe(2);
    expect(await cache.get('https://vsa.example.com|u')).toBeNull();
    expect(await fakeBrowser.storage.session.get('other')).toEqual({ other: 1 });
  });
});

describe('host permissions follow the connections (LOW-8)', () => {
  it('gives back servers no longer configured, keeps the configured ones (the derived BMS web address too) and the manifest\'s own', async () => {
    let granted = ['https://old-vsa.example.com/*', 'https://vsa.example.com/*', 'https://api.bms.example.com/*', 'https://bms.example.com/*', 'https://old-bms.example.com/*', 'http://127.0.0.1/*'];
    const perms = {
      getAll: async () => ({ origins: granted }),
      remove: async ({ origins }: { origins: string[] }) => ((granted = granted.filter((g) => !origins.includes(g))), true),
    };
    const c = { vsa: { url: 'https://vsa.example.com', user: 'u', method: 'token' as const }, bms: { url: 'https://api.bms.example.com', webUrl: '', tenant: 't', user: 'u' } };
    const removed = await releaseUnusedHosts(c, perms, ['http://127.0.0.1/*']);
    expect(removed.sort()).toEqual(['https://old-bms.example.com/*', 'https://old-vsa.example.com/*']);
    expect(granted.sort()).toEqual(['http://127.0.0.1/*', 'https://api.bms.example.com/*', 'https://bms.example.com/*', 'https://vsa.example.com/*']);
    // a removed connection gives its hosts back too
    expect((await releaseUnusedHosts({ vsa: c.vsa, bms: null }, perms, ['http://127.0.0.1/*'])).sort()).toEqual(['https://api.bms.example.com/*', 'https://bms.example.com/*']);
  });
});
