import { describe, expect, it } from 'vitest';
import { setD } from './forms/set-d';
import type { FormsSet } from './forms/core';

const KINDS = ['plain', 'shortref', 'branch', 'dba', 'numbers', 'initials', 'shortened', 'typo', 'typography', 'signals', 'none', 'branch-decoy', 'sibling', 'two-trades', 'signals-decoy'];
const DECOYS = ['branch-decoy', 'sibling', 'two-trades', 'signals-decoy'];

function wellFormed(d: FormsSet) {
  const ids = new Set(d.accounts.map((a) => a.id));
  const bad: string[] = [];
  for (const o of d.orgs) {
    const t = d.truth.get(o.id);
    if (t === undefined) bad.push(`${o.id}: no truth`);
    else if (t !== null && !ids.has(t)) bad.push(`${o.id}: truth ${t} is no account`);
    if (!d.form.has(o.id)) bad.push(`${o.id}: no form`);
    for (const f of d.forbidden.get(o.id) ?? []) {
      if (!ids.has(f)) bad.push(`${o.id}: forbidden ${f} is no account`);
      if (f === t) bad.push(`${o.id}: forbidden ${f} is its truth`);
    }
  }
  return bad;
}

describe('forms set D (generator)', () => {
  const d = setD(3000);

  it('is the same set for the same seed and another for another seed', () => {
    const again = setD(3000);
    expect(again.orgs).toEqual(d.orgs);
    expect(again.accounts).toEqual(d.accounts);
    expect([...again.truth]).toEqual([...d.truth]);
    expect([...again.form]).toEqual([...d.form]);
    const other = setD(3000, 405);
    expect(other.orgs.map((o) => o.name)).not.toEqual(d.orgs.map((o) => o.name));
  });

  it('holds the orgs asked for, more accounts than orgs, unique ids', () => {
    expect(d.orgs.length).toBeGreaterThanOrEqual(3000);
    expect(d.orgs.length).toBeLessThan(3005);
    expect(d.accounts.length).toBeGreaterThan(d.orgs.length);
    expect(new Set(d.orgs.map((o) => o.id)).size).toBe(d.orgs.length);
    expect(new Set(d.accounts.map((a) => a.id)).size).toBe(d.accounts.length);
    expect(d.orgs.every((o) => o.name.trim().length > 0) && d.accounts.every((a) => a.name.trim().length > 0)).toBe(true);
  });

  it('gives every org a truth that is an existing account or null, and forbidden accounts that exist and are never the truth', () => {
    expect(wellFormed(d)).toEqual([]);
  });

  it('has at least 20 orgs of every form and decoy kind, decoys with forbidden accounts', () => {
    const count = new Map<string, number>();
    for (const o of d.orgs) count.set(d.form.get(o.id)!, (count.get(d.form.get(o.id)!) ?? 0) + 1);
    for (const k of KINDS) expect(count.get(k) ?? 0, k).toBeGreaterThanOrEqual(20);
    expect([...count.keys()].sort()).toEqual([...KINDS].sort());
    for (const o of d.orgs) {
      const f = d.form.get(o.id)!;
      if (DECOYS.includes(f)) expect(d.forbidden.get(o.id)?.size ?? 0, `${f} ${o.name}`).toBeGreaterThan(0);
      if (f === 'none') expect(d.truth.get(o.id)).toBeNull();
      if (f !== 'none' && f !== 'signals-decoy') expect(d.truth.get(o.id), `${f} ${o.name}`).not.toBeNull();
    }
  });

  it('lets signal cases agree on OrgRef/AccountCode or domain, and signal decoys disagree with the name-alike', () => {
    const acc = new Map(d.accounts.map((a) => [a.id, a]));
    for (const o of d.orgs) {
      const f = d.form.get(o.id);
      const t = d.truth.get(o.id);
      if (f === 'signals') {
        const a = acc.get(t!)!;
        expect((o.ref != null && o.ref === a.ref) || (o.domains ?? []).some((x) => (a.domains ?? []).includes(x)), o.name).toBe(true);
      }
      if (f === 'signals-decoy') {
        for (const id of d.forbidden.get(o.id)!) {
          const a = acc.get(id)!;
          expect(o.ref).not.toBe(a.ref);
          expect((o.domains ?? []).some((x) => (a.domains ?? []).includes(x))).toBe(false);
        }
      }
    }
  });

  it('gives decoy accounts names distinct from the truth', () => {
    const acc = new Map(d.accounts.map((a) => [a.id, a.name.toLowerCase()]));
    for (const [o, fs] of d.forbidden) {
      const t = d.truth.get(o);
      for (const f of fs) if (t) expect(acc.get(f)).not.toBe(acc.get(t));
    }
  });

  it('builds 10,000 orgs against 10,000 accounts (or the few more its decoys need)', () => {
    const big = setD(10000, 404, 10000);
    expect(big.orgs.length).toBeGreaterThanOrEqual(10000);
    expect(big.accounts.length).toBeGreaterThanOrEqual(10000);
    expect(big.accounts.length).toBeLessThan(12000);
    // a larger PSA is filled up with accounts no org belongs to
    const more = setD(2000, 404, 6000);
    expect(more.accounts.length).toBe(6000);
    expect(wellFormed(more)).toEqual([]);
    expect(wellFormed(big)).toEqual([]);
  });
});
