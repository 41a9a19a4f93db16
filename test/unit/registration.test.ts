import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CONTENT_SCRIPT_FILE, CONTENT_SCRIPT_ID, syncContentScriptRegistration } from '@/lib/host/registration';

describe('content script registration for the configured BMS origin', () => {
  let registered: { id: string; matches?: string[]; js?: string[] }[];
  let granted: string[];
  beforeEach(() => {
    fakeBrowser.reset();
    registered = [];
    granted = [];
    Object.assign(fakeBrowser, {
      scripting: {
        getRegisteredContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => registered.filter((r) => ids.includes(r.id))),
        unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
          registered = registered.filter((r) => !ids.includes(r.id));
        }),
        registerContentScripts: vi.fn(async (list: typeof registered) => {
          registered.push(...list);
        }),
      },
    });
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p) => (p.origins ?? []).every((o) => granted.includes(o)));
  });

  it('registers only once host access to the BMS web origin is granted', async () => {
    expect(await syncContentScriptRegistration('https://bms.example.com')).toBe('no-permission');
    expect(registered).toEqual([]);
    granted.push('https://bms.example.com/*');
    expect(await syncContentScriptRegistration('https://bms.example.com')).toBe('registered');
    expect(registered).toEqual([expect.objectContaining({ id: CONTENT_SCRIPT_ID, matches: ['https://bms.example.com/*'], js: [CONTENT_SCRIPT_FILE] })]);
  });

  it('moves with the configured origin and goes away when BMS is removed', async () => {
    granted.push('https://bms.example.com/*', 'https://bmsemea.example.com/*');
    await syncContentScriptRegistration('https://bms.example.com');
    await syncContentScriptRegistration('https://bmsemea.example.com');
    expect(registered.map((r) => r.matches)).toEqual([['https://bmsemea.example.com/*']]);
    expect(await syncContentScriptRegistration(null)).toBe('not-configured');
    expect(registered).toEqual([]);
  });
});
