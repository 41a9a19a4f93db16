// LOW-9: names inside sentences (dialog titles, confirmations, notifications) are bidi-isolated.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isolate, t } from '@/lib/i18n';

describe('bidi isolation of substitutions (LOW-9)', () => {
  it('wraps every name given to t() in FSI…PDI, numbers stay plain', () => {
    const seen: unknown[] = [];
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((_k: string, subs?: string | string[]) => {
      seen.push(subs);
      return `Clear the link of ${[subs].flat()[0]} to ${[subs].flat()[1]}?`;
    }) as never);
    const evil = '\u202eevil.exe';
    const s = t('clearExplain', [evil, 'Acme GmbH']);
    expect(seen[0]).toEqual(['\u2068\u202eevil.exe\u2069', '\u2068Acme GmbH\u2069']);
    expect(s).toBe('Clear the link of \u2068\u202eevil.exe\u2069 to \u2068Acme GmbH\u2069?');
    t('clearTitle', evil);
    expect(seen[1]).toBe('\u2068\u202eevil.exe\u2069');
    t('runJob', '5,000');
    expect(seen[2]).toBe('5,000');
  });

  it('isolate leaves numbers alone and wraps anything with letters or controls', () => {
    expect(isolate('12')).toBe('12');
    expect(isolate('3 %')).toBe('3 %');
    expect(isolate('\u202e')).toBe('\u2068\u202e\u2069');
    expect(isolate('Müller')).toBe('\u2068Müller\u2069');
  });
});
