import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchAll } from '@/lib/mapping/match';
import { explain, HOLD_ARGS, holdKey, REASON_ARGS, reasonKey, render, SIGNAL_KEYS } from '@/lib/mapping/reasons';

const load = (lang: string) => JSON.parse(readFileSync(new URL(`../../../public/_locales/${lang}/messages.json`, import.meta.url), 'utf8')) as Record<string, { message: string; placeholders?: Record<string, unknown> }>;

describe('why this suggestion', () => {
  it.each(['en', 'de'])('every reason, hold and signal has one sentence in %s, with a placeholder per argument', (lang) => {
    const m = load(lang);
    const keys: [string, number][] = [
      ...Object.entries(REASON_ARGS).map(([r, n]) => [reasonKey(r), n] as [string, number]),
      ...Object.entries(HOLD_ARGS).map(([h, n]) => [holdKey(h), n] as [string, number]),
      ...SIGNAL_KEYS.map((k) => [k, 0] as [string, number]),
    ];
    for (const [key, n] of keys) {
      expect(m, key).toHaveProperty(key);
      expect(Object.keys(m[key].placeholders ?? {}), key).toEqual(Array.from({ length: n }, (_, i) => String(i + 1)));
      for (let i = 1; i <= n; i++) expect(m[key].message, key).toContain(`$${i}`);
      // one sentence
      expect(m[key].message.replace(/\b(?:St|Mt|Ft|etc)\./g, '').replace(/\([^)]*\)/g, '').split(/[.!?](?:\s|$)/).filter((x) => x.trim()).length, key).toBe(1);
    }
  });

  it('renders the name reason, agreeing signals and the hold, with the names as text', () => {
    const accounts = [{ id: 'a', name: 'ACME DENTAL', ref: 'ACME' }, { id: 'b', name: 'Acme Dental Inc', ref: 'X' }];
    const [s] = matchAll([{ id: 'o', name: 'Acme Dental', ref: 'acme' }], accounts);
    const sentences = explain(s);
    expect(sentences[0].key).toMatch(/^why_/);
    expect(render(sentences, load('en'))).toMatch(/OrgRef and account code agree/);
    // a name that says little (here markup, read as words): the code that only this account has is the reason, said once
    const [weak] = matchAll([{ id: 'o', name: '<b>Acme</b> Dental', ref: 'acme' }], accounts);
    expect(weak).toMatchObject({ accountId: 'a', reason: 'code', args: ['acme'] });
    expect(render(explain(weak), load('en'))).toBe('The OrgRef “acme” is this account\'s code and no other\'s; the names alone say little.');
    expect(render([{ key: 'why_extra_word', args: ['<img src=x>'] }], load('de'))).toBe('„<img src=x>“ steht nur in einem Namen, es kann also ein anderes Unternehmen sein.');
    expect(render([{ key: '__proto__', args: [] }], load('en'))).toBe('__proto__');
  });
});
