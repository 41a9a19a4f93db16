import { describe, expect, it } from 'vitest';
import { compilePattern, patternError } from '@/lib/mapping/patterns';

describe('name patterns (admin input)', () => {
  it('glob over the whole name, case-insensitive', () => {
    const p = compilePattern('Lab*');
    expect(p.error).toBeNull();
    expect(p.test('Lab machines')).toBe(true);
    expect(p.test('lab')).toBe(true);
    expect(p.test('The Lab')).toBe(false);
    expect(compilePattern('*lab*').test('The LAB room')).toBe(true);
    expect(compilePattern('srv-??').test('SRV-01')).toBe(true);
    expect(compilePattern('srv-??').test('SRV-001')).toBe(false);
    expect(compilePattern('*.servers').test('acme.root.servers')).toBe(true);
    expect(compilePattern('*.servers').test('acme.root.servers.dc')).toBe(false);
    expect(compilePattern('Müller*').test('MÜLLER GmbH')).toBe(true);
  });

  it('regex characters are plain text; a backslash escapes a wildcard', () => {
    expect(compilePattern('a.c').test('abc')).toBe(false);
    expect(compilePattern('a.c').test('a.c')).toBe(true);
    expect(compilePattern('(test)[1]+$').test('(test)[1]+$')).toBe(true);
    expect(compilePattern('100\\*').test('100*')).toBe(true);
    expect(compilePattern('100\\*').test('1000')).toBe(false);
    expect(compilePattern('what\\?').test('whatx')).toBe(false);
    expect(compilePattern('a\\\\b').test('a\\b')).toBe(true);
  });

  it('a malformed pattern has a precise error and matches nothing', () => {
    for (const [src, cause] of [['', /empty/], ['   ', /empty/], ['abc\\', /lone "\\"/], ['a\tb', /control character/], ['x'.repeat(201), /longer than 200/]] as const) {
      const p = compilePattern(src);
      expect(p.error).toMatch(cause);
      expect(p.test(src)).toBe(false);
      expect(p.test('anything')).toBe(false);
      expect(patternError('Exclusion rule 3', p)).toMatch(/^Exclusion rule 3: ".*" is not a usable pattern: .* It matches nothing until it is fixed\.$/s);
    }
    expect(patternError('x', compilePattern('ok'))).toBeNull();
  });

  it('null names never match; stars backtrack correctly', () => {
    expect(compilePattern('*').test(null)).toBe(false);
    expect(compilePattern('*').test('')).toBe(true);
    // the input that makes a naive regex backtrack for minutes: answered by the linear walk
    expect(compilePattern('*a*a*a*a*a*a*a*a*a*a*b').test('a'.repeat(5000))).toBe(false);
    expect(compilePattern('*a*a*a*a*a*a*a*a*a*a*b').test(`${'a'.repeat(5000)}b`)).toBe(true);
    expect(compilePattern('*ab*ab').test('xabyabzab')).toBe(true);
    expect(compilePattern('a*b?c').test('aXXbYc')).toBe(true);
    expect(compilePattern('a*b?c').test('aXXbc')).toBe(false);
  });
});
