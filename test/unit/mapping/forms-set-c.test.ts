import { describe, expect, it } from 'vitest';
import { setC } from './forms/set-c';
import { loose } from './forms/set-c-text';
import { ShortGuard } from './forms/set-c-guard';

// tests of the generator of forms set C (not of the matcher)
const FORMS = ['plain', 'shortref', 'branch', 'dba', 'numbers', 'initials', 'shortened', 'typo', 'typography', 'signals', 'none'];
const DECOYS = ['branch-decoy', 'sibling', 'two-trades', 'signals-decoy'];
const d = setC(3000);
const accounts = new Map(d.accounts.map((a) => [a.id, a]));

describe('forms set C', () => {
  it('is the same set for a seed and another one for another seed', () => {
    const again = setC(3000);
    expect(again.orgs).toEqual(d.orgs);
    expect(again.accounts).toEqual(d.accounts);
    expect([...again.truth]).toEqual([...d.truth]);
    expect([...again.forbidden].map(([k, v]) => [k, [...v]])).toEqual([...d.forbidden].map(([k, v]) => [k, [...v]]));
    const other = setC(3000, 304);
    expect(other.orgs.map((o) => o.name)).not.toEqual(d.orgs.map((o) => o.name));
  });

  it('gives every org a form and a truth that is an existing account or null', () => {
    expect(d.orgs).toHaveLength(3000);
    expect(new Set(d.orgs.map((o) => o.id)).size).toBe(3000);
    expect(new Set(d.accounts.map((a) => a.id)).size).toBe(d.accounts.length);
    for (const o of d.orgs) {
      expect(d.truth.has(o.id)).toBe(true);
      const t = d.truth.get(o.id);
      if (t !== null) expect(accounts.has(t!), `${o.name}: truth ${t}`).toBe(true);
      expect([...FORMS, ...DECOYS]).toContain(d.form.get(o.id));
    }
    // a PSA holds more accounts than the RMM has orgs
    expect(d.accounts.length).toBeGreaterThan(d.orgs.length);
  });

  it('holds at least 20 orgs of every form and every decoy kind, in roughly the intended shares', () => {
    const count = new Map<string, number>();
    for (const o of d.orgs) count.set(d.form.get(o.id)!, (count.get(d.form.get(o.id)!) ?? 0) + 1);
    for (const f of [...FORMS, ...DECOYS]) expect(count.get(f) ?? 0, f).toBeGreaterThanOrEqual(20);
    expect(count.get('plain')! / 3000).toBeGreaterThan(0.12);
    expect(DECOYS.reduce((s, f) => s + count.get(f)!, 0) / 3000).toBeGreaterThan(0.12);
    expect(d.orgs.filter((o) => d.truth.get(o.id) === null).length).toBeGreaterThanOrEqual(count.get('none')!);
  });

  it('gives every decoy org forbidden accounts that exist and are never its truth', () => {
    for (const o of d.orgs) {
      const f = d.form.get(o.id)!;
      const bad = d.forbidden.get(o.id);
      if (DECOYS.includes(f)) expect(bad?.size, `${f} ${o.name}`).toBeGreaterThan(0);
      for (const x of bad ?? []) {
        expect(accounts.has(x)).toBe(true);
        expect(x).not.toBe(d.truth.get(o.id));
      }
    }
  });

  it('passes the signals on both sides: an agreeing OrgRef/AccountCode or domain in signals, a disagreeing one in signals-decoy', () => {
    for (const o of d.orgs.filter((x) => d.form.get(x.id) === 'signals')) {
      const a = accounts.get(d.truth.get(o.id)!)!;
      const agree = (o.ref && o.ref === a.ref) || (o.domains ?? []).some((x) => a.domains?.includes(x));
      expect(agree, o.name).toBe(true);
    }
    for (const o of d.orgs.filter((x) => d.form.get(x.id) === 'signals-decoy')) {
      for (const id of d.forbidden.get(o.id)!) {
        const a = accounts.get(id)!;
        expect(o.ref && o.ref === a.ref).toBeFalsy();
        expect((o.domains ?? []).some((x) => a.domains?.includes(x))).toBe(false);
      }
    }
  });

  it('never gives two accounts one name (loosely), nor an org the name of an account that is not its truth', () => {
    const legal = /\b(llc|l\.l\.c\.|inc|incorporated|ltd|limited|pty|p\.c\.|pc|pllc|llp|corp|corporation|gmbh|kg|e\.k\.|ug|haftungsbeschränkt|gbr|e\.v\.|ltée|s\.e\.n\.c\.|cio)\b\.?/gi;
    const key = (s: string) => loose(s.replace(legal, ' '));
    const byKey = new Map<string, string>();
    for (const a of d.accounts) {
      expect(byKey.get(key(a.name)), `${a.name} / ${accounts.get(byKey.get(key(a.name)) ?? '')?.name}`).toBeUndefined();
      byKey.set(key(a.name), a.id);
    }
    for (const o of d.orgs) {
      if (d.form.get(o.id) === 'signals-decoy') continue; // there the name-alike is the point
      const hit = byKey.get(key(o.name));
      if (hit) expect(hit, o.name).toBe(d.truth.get(o.id));
    }
  });

  it('builds 10,000 orgs against exactly 10,000 accounts', () => {
    const big = setC(10000, 303, 10000);
    expect(big.orgs).toHaveLength(10000);
    expect(big.accounts).toHaveLength(10000);
    const ids = new Set(big.accounts.map((a) => a.id));
    for (const o of big.orgs) {
      const t = big.truth.get(o.id);
      if (t) expect(ids.has(t)).toBe(true);
      for (const x of big.forbidden.get(o.id) ?? []) expect(ids.has(x)).toBe(true);
    }
  });
});

describe('ShortGuard', () => {
  it('refuses a shortening that reads as a second business of the owner, made before or after', () => {
    const g = new ShortGuard();
    g.add('Smith', 'Smith Construction');
    g.add('Smith', 'Smith Consulting');
    expect(g.keep('Smith', 'Smith Cons', 'Smith Construction')).toBe(false);
    expect(g.keep('Smith', 'Smith Constr', 'Smith Construction')).toBe(true);
    expect(g.clashes('Smith', 'Smith Constructors')).toBe(true);
    expect(g.clashes('Smith', 'Smith Dental')).toBe(false);
    expect(g.clashes('Jones', 'Jones Constructors')).toBe(false);
  });
});
