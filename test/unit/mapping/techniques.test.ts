import { describe, expect, it } from 'vitest';
import { matchAll, type NamedRecord } from '@/lib/mapping/match';
import { isShortening, segment, slip } from '@/lib/mapping/tokens';
import { nameParts } from '@/lib/mapping/variants';

const recs = (names: string[], prefix: string): NamedRecord[] => names.map((name, i) => ({ id: `${prefix}${i}`, name }));
const one = (org: string, accounts: string[]) => matchAll([{ id: 'o', name: org }], recs(accounts, 'a'))[0];

describe('each technique, with the reason it gives', () => {
  it.each([
    // short references: case, joined, or joined by - _ .
    ['smith-jones-dental', ['Smith & Jones Dental LLC', 'Smith Dental'], 'ref'],
    ['SMITH_JONES_DENTAL', ['Smith & Jones Dental LLC', 'Smith Dental'], 'ref'],
    ['smithjonesdental', ['Smith & Jones Dental LLC', 'Smith Dental'], 'joined'],
    ['RiversideFamilyMedicine', ['Riverside Family Medicine', 'Riverside Dental'], 'joined'],
    ['riversidefamilymedic', ['Riverside Family Medicine', 'Riverside Dental'], 'ref'],
    // a branch, site or city on one side only
    ['Acme Dental – Denver', ['Acme Dental', 'Acme Plumbing'], 'site'],
    ['Acme Dental (Denver)', ['Acme Dental', 'Acme Plumbing'], 'site'],
    ['Acme Dental', ['Acme Dental, Denver', 'Acme Plumbing'], 'site'],
    ['Maple Park Tax Services Main Street', ['Maple Park Tax Services PC', 'Maple Park Dental'], 'site'],
    ['Foster Plumbing & Heating Mill Rd', ['Foster Plumbing & Heating Ltd', 'Foster Roofing'], 'site'],
    ['Becker Bakery Downtown', ['Becker Bakery', 'Becker Roofing'], 'site'],
    // dba and a holding company's name first
    ['Smith Holdings LLC dba Riverside Dental', ['Riverside Dental', 'Smith Plumbing'], 'dba'],
    ['Riverside Dental', ['Smith Holdings, Inc. d/b/a Riverside Dental', 'Riverside Plumbing'], 'dba'],
    ['Smith Holdings LLC Riverside Dental', ['Riverside Dental', 'Smith Plumbing'], 'dba'],
    ['Murray Funeral Home', ['Murray Ventures, PLLC DBA: Murray Funeral Home', 'Murray Plumbing'], 'dba'],
    ['Reliable Day Nursery', ['Reliable Capital t/as Reliable Day Nursery', 'Reliable Plumbing'], 'dba'],
    ['Dachdeckerei Keller', ['Keller Beteiligungs: Dachdeckerei Keller', 'Dachdeckerei Wolf'], 'dba'],
    ['Bäckerei Fuchs', ['Fuchs Verwaltungs - Bäckerei Fuchs', 'Bäckerei Wolf'], 'dba'],
    ['Integrity Plastics', ['Integrity Partners: Integrity Plastics', 'Integrity Roofing'], 'dba'],
    ['Vogel Steuerberater', ['Vogel Verwaltungs Vogel Steuerberater', 'Vogel Elektro'], 'dba'],
    ['Dachdeckerei Krämer', ['Krämer Beteiligungs UG (haftungsbeschränkt) Dachdeckerei Krämer', 'Dachdeckerei Wolf'], 'dba'],
    ['Allied Cabinets', ['Allied Capital Pty Ltd Allied Cabinets', 'Allied Roofing'], 'dba'],
    // legal forms of many countries, at the end
    ['Architekturbüro Wagner', ['Architekturbüro Wagner e.K.', 'Architekturbüro Braun'], 'legal'],
    ['Versicherungsbüro Sauer', ['Versicherungsbüro Sauer GbR', 'Versicherungsbüro Bauer KG'], 'legal'],
    ['Plomberie Simard', ['Plomberie Simard Ltee', 'Plomberie Tremblay'], 'legal'],
    ['Centre dentaire Morin', ['Centre dentaire Morin S.E.N.C.', 'Centre dentaire Simard'], 'legal'],
    ['Bondi Electrical', ['Bondi Electrical P/L', 'Bondi Plumbing'], 'legal'],
    // numbers, ordinals, possessives, Saint / Mount / Fort
    ['Three Rivers Plumbing', ['3 Rivers Plumbing', 'Rivers Plumbing'], 'number'],
    ['First Street Dental', ['1st Street Dental', 'Street Dental'], 'number'],
    ["Smith's Bakery", ['Smiths Bakery', 'Smith Dental'], 'possessive'],
    ['Smith’s Bakery', ['Smith Bakery', 'Jones Bakery'], 'possessive'],
    ['Saint Mary Clinic', ['St. Mary Clinic', 'Mary Dental'], 'saint'],
    ['Mount Vernon Realty', ['Mt Vernon Realty', 'Vernon Dental'], 'saint'],
    ['Fort Collins Roofing', ['Ft. Collins Roofing', 'Collins Dental'], 'saint'],
    // initials, + and n'
    ['A.B.C. Plumbing', ['ABC Plumbing', 'Acme Plumbing'], 'initials'],
    ['A B C Plumbing', ['A.B.C. Plumbing', 'Acme Plumbing'], 'initials'],
    ['Rock n Roll Cafe', ['Rock & Roll Cafe', 'Rock Cafe'], 'and'],
    ["Rock 'n' Roll Cafe", ['Rock and Roll Cafe', 'Rock Cafe'], 'and'],
    ['Smith + Jones Law', ['Smith and Jones Law', 'Smith Law'], 'and'],
    // shortened trade words, as a kind: cut after a few letters, or a consonant skeleton
    ['Riverside Dntl', ['Riverside Dental', 'Riverside Plumbing'], 'shortened'],
    ['Riverside Plmbg', ['Riverside Plumbing', 'Riverside Dental'], 'shortened'],
    ['Riverside Lndscpng', ['Riverside Landscaping', 'Riverside Plumbing'], 'shortened'],
    ['Riverside Constr.', ['Riverside Construction', 'Riverside Plumbing'], 'shortened'],
    // a name shortened throughout, and a cut where only one word fits
    ['Anchor Wlth Mngmnt', ['Anchor Wealth Management, Inc.', 'Anchor Plumbing'], 'shortened'],
    ['Rainbow Const', ['Rainbow Construction Inc.', 'Rainbow Dental'], 'shortened'],
    // keyboard slips and typographic punctuation
    ['Riversode Dental', ['Riverside Dental', 'Hillcrest Dental'], 'typo-key'],
    ['Riverside Dentall', ['Riverside Dental', 'Hillcrest Dental'], 'typo-double'],
    ['Riverside Dnetal', ['Riverside Dental', 'Hillcrest Dental'], 'typo-swap'],
    ['Riversde Dental', ['Riverside Dental', 'Hillcrest Dental'], 'typo-drop'],
    ['Riversid eDental', ['Riverside Dental', 'Hillcrest Dental'], 'typo-space'],
    ['O’Brien\u00a0Roofing – Supply', ["O'Brien Roofing - Supply", 'Brien Roofing'], 'typography'],
  ])('%s → %s: %s, linked without review', (org, accounts, reason) => {
    expect(one(org, accounts)).toMatchObject({ accountId: 'a0', reason, decision: 'auto' });
  });

  it('reads a legal form inside a name, and "Office" or "Branch" beside a site, as saying nothing of which business it is', () => {
    expect(one('Red Door Industries Wichita', ['Red Door Industries Inc Wichita', 'Red Door Industries Inc Reno'])).toMatchObject({ accountId: 'a0', reason: 'legal', decision: 'auto' });
    expect(one('Peterson Automotive – Orlando Office', ['Peterson Automotive – Orlando', 'Peterson Automotive – Tampa'])).toMatchObject({ accountId: 'a0', reason: 'site', decision: 'auto' });
    expect(one('Ellis Physiotherapy – Guelph Branch', ['Ellis Physiotherapy - Guelph Office', 'Ellis Physiotherapy - Barrie Office'])).toMatchObject({ accountId: 'a0', reason: 'site', decision: 'auto' });
  });

  it('reads "St" as a street only after a street name: "St Johns Church" is not "Johns Church"', () => {
    expect(one('St Johns Church', ['Johns Church', 'Johns Bakery'])).not.toMatchObject({ decision: 'auto' });
  });

  it('never links an org that names a branch to the business without it while that branch has an account of its own', () => {
    // the branch account's own name is found too ("Orlando Office" against "Orlando" and a legal form), but the main account stays a candidate
    const s = one('Jenkins Dental Practice – Oxford', ['Jenkins Dental Practice', 'Jenkins Dental Practice LLP - Oxford', 'Jenkins Dental Practice LLP - Norwich']);
    expect(s.accountId === 'a1' || s.decision !== 'auto').toBe(true);
    const orgs = [{ id: 'o', name: 'Lorenz Haustechnik – Bonn' }];
    const accounts = recs(['Lorenz Haustechnik GmbH & Co. KG', 'Lorenz Haustechnik GmbH & Co. KG, Bonn', 'Lorenz Haustechnik GmbH & Co. KG, Köln'], 'a');
    const [r] = matchAll(orgs, accounts);
    expect(r.accountId === 'a1' || r.decision !== 'auto', JSON.stringify(r)).toBe(true);
  });

  it('lets an OrgRef or website that only one account shares carry a pair whose names say little, and holds a name that points elsewhere', () => {
    const accounts: NamedRecord[] = [
      { id: 'a0', name: 'Bayside Chiropractic', ref: 'BC18' },
      { id: 'a1', name: 'Gemeinde Neustadt', domains: ['gemeinde-neustadt.de', 'gmail.com'] },
      { id: 'a2', name: 'Smith Holdings Inc', ref: 'SMH01' },
      { id: 'a3', name: 'Smith Dental', ref: 'SMD02' },
      { id: 'a4', name: 'Harbor Cafe', domains: ['gmail.com'] },
      { id: 'a5', name: 'Oakwood Bakery', ref: 'OAK' },
    ];
    const orgs: NamedRecord[] = [
      { id: 'o0', name: 'BC18', ref: 'BC18' },
      { id: 'o1', name: 'GN', domains: ['https://www.gemeinde-neustadt.de/'] },
      // the name is another account's, the code this one's: the admin decides
      { id: 'o2', name: 'Smith Dental', ref: 'SMH01' },
      // a mailbox provider names no business
      { id: 'o3', name: 'HC', domains: ['gmail.com'] },
      { id: 'o4', name: 'Oakwood Bakery', ref: 'OAK' },
    ];
    const [bc, gn, smith, hc, oak] = matchAll(orgs, accounts);
    expect(bc).toMatchObject({ accountId: 'a0', decision: 'auto', reason: 'code', args: ['BC18'] });
    expect(gn).toMatchObject({ accountId: 'a1', decision: 'auto', reason: 'domain', args: ['gemeinde-neustadt.de'] });
    expect(smith.decision).not.toBe('auto');
    expect(hc.decision).not.toBe('auto');
    expect(oak).toMatchObject({ accountId: 'a5', decision: 'auto', signals: { code: 'agree' } });
  });

  it('reads a short form by how many words it could stand for: one is safe, several go to review', () => {
    expect(one('Adams Cons.', ['Adams Consulting', 'Jones Construction', 'Smith Consulting', 'Brown Construction'])).toMatchObject({ accountId: 'a0', reason: 'shortened', decision: 'review' });
    expect(isShortening('dntl', 'dental')).toBe(true);
    expect(isShortening('strg', 'stonebridge')).toBe(false);
    expect(isShortening('de', 'dental')).toBe(false);
  });

  it('tells the kinds of typing slip apart', () => {
    expect([slip('dental', 'dentla'), slip('dental', 'dwntal'), slip('dental', 'denttal'), slip('dental', 'dentl'), slip('dental', 'dxntal')]).toEqual(['swap', 'key', 'double', 'drop', 'other']);
  });

  it('splits joined words against a vocabulary, the last word possibly cut short', () => {
    const vocab = new Set(['smith', 'jones', 'dental']);
    const prefixes = new Set(['den', 'dent', 'denta']);
    expect(segment('smithjonesdental', vocab, prefixes, new Set(['and']))).toEqual(['smith', 'jones', 'dental']);
    expect(segment('smithandjonesdent', vocab, prefixes, new Set(['and']))).toEqual(['smith', 'and', 'jones', 'dent']);
    expect(segment('smithxyz', vocab, prefixes, new Set())).toBeNull();
  });

  it('finds the parts of a name', () => {
    expect(nameParts('Acme Dental – Denver')).toContainEqual({ kind: 'site', text: 'Acme Dental', dropped: 'Denver' });
    expect(nameParts('Smith Holdings LLC dba Riverside Dental')).toContainEqual({ kind: 'dba', text: 'Riverside Dental', dropped: 'Smith Holdings LLC' });
    // a company behind the business: a legal form, a holding word, or the owner's name on both sides
    expect(nameParts('Fuchs Verwaltungs - Bäckerei Fuchs')).toContainEqual({ kind: 'dba', text: 'Bäckerei Fuchs', dropped: 'Fuchs Verwaltungs' });
    expect(nameParts('Krämer Beteiligungs UG (haftungsbeschränkt) Dachdeckerei Krämer')).toContainEqual({ kind: 'dba', text: 'Dachdeckerei Krämer', dropped: 'Krämer Beteiligungs UG (haftungsbeschränkt)' });
    // a site is not a trading name, though it has two words; nor is the last word after a holding word
    expect(nameParts('Acme Dental – Salt Lake City').filter((p) => p.kind === 'dba')).toEqual([]);
    expect(nameParts('First Capital Bank')).toEqual([]);
    // a legal form after a comma is not a site
    expect(nameParts('Acme Dental, Sp. z o.o.')).toEqual([]);
    expect(nameParts('Acme Dental')).toEqual([]);
  });
});

describe('decoys', () => {
  it('never confuses two branch accounts of one business', () => {
    const accounts = recs(['Acme Dental – Denver', 'Acme Dental – Boulder'], 'a');
    const r = matchAll(recs(['Acme Dental Boulder', 'Acme Dental (Denver)', 'Acme Dental Austin', 'Acme Dental'], 'o'), accounts);
    expect(r[0]).toMatchObject({ accountId: 'a1', decision: 'auto' });
    expect(r[1]).toMatchObject({ accountId: 'a0', decision: 'auto' });
    expect(r[2].decision).not.toBe('auto');
    // the bare business: which branch? the admin decides
    expect(r[3]).toMatchObject({ decision: 'review', hold: 'ambiguous' });
  });

  it('never auto-links sibling businesses or one owner in two trades', () => {
    expect(one('Smith Dental Lab', ['Smith Dental']).decision).not.toBe('auto');
    expect(one('Smith Dental', ['Smith Dental Lab'])).toMatchObject({ reason: 'extra-word', args: ['lab'] });
    expect(one('Smith Dental', ['Smith Dental Lab', 'Smith Dental'])).toMatchObject({ accountId: 'a1', decision: 'auto' });
    expect(one('Smith Plmbg', ['Smith Electric', 'Smith Plumbing'])).toMatchObject({ accountId: 'a1', decision: 'auto' });
  });

  it('learns site words from the data, so an unseparated city counts as a site only when the tenant writes it as one', () => {
    const orgs = recs(['Acme Dental Denver', 'Bolt Plumbing Boulder'], 'o');
    const r = matchAll(orgs, recs(['Acme Dental', 'Bolt Plumbing', 'Other Co – Denver'], 'a'));
    expect(r[0]).toMatchObject({ accountId: 'a0', reason: 'site', decision: 'auto' });
    expect(r[1]).toMatchObject({ accountId: 'a1', reason: 'extra-word' });
    expect(r[1].decision).not.toBe('auto');
  });
});

describe('second signals', () => {
  const accounts: NamedRecord[] = [
    { id: 'a0', name: 'Riverside Dental', ref: 'RIVERSIDE-DENTAL', domains: ['riversidedental.com'] },
    { id: 'a1', name: 'Hillcrest Plumbing', ref: 'HILLCREST', domains: ['hillcrestplumbing.com'] },
    { id: 'a2', name: 'Oakwood Bakery', ref: 'OAKWOOD', domains: [] },
  ];
  it('an agreeing OrgRef / AccountCode raises the confidence', () => {
    const [withRef, without] = matchAll([{ id: 'o', name: 'Riverside Dental Grp', ref: 'riverside_dental' }, { id: 'p', name: 'Riverside Dental Grp' }], accounts);
    expect(withRef.signals.code).toBe('agree');
    expect(withRef.confidence).toBeGreaterThan(without.confidence);
  });
  it('a disagreeing code or domain blocks an auto-link, with the reason', () => {
    const [r] = matchAll([{ id: 'o', name: 'Hillcrest Plumbing', ref: 'hillcrest-2' }, { id: 'p', name: 'Oakwood Bakery', ref: 'oakwood' }], accounts);
    expect(r).toMatchObject({ accountId: 'a1', decision: 'review', hold: 'code-differs', holdArgs: ['hillcrest-2', 'HILLCREST'] });
    const [d] = matchAll([{ id: 'o', name: 'Riverside Dental', domains: ['https://www.other-dental.com/'] }], accounts);
    expect(d).toMatchObject({ accountId: 'a0', decision: 'review', hold: 'domain-differs', holdArgs: ['other-dental.com', 'riversidedental.com'] });
    const [idn] = matchAll([{ id: 'o', name: 'Müller Bau', domains: ['https://www.müllerbau.de'] }], [{ id: 'm', name: 'Müller Bau', domains: ['mueller-other.de'] }]);
    expect(idn).toMatchObject({ decision: 'review', hold: 'domain-differs', holdArgs: ['müllerbau.de', 'mueller-other.de'] });
    const [ok] = matchAll([{ id: 'o', name: 'Riverside Dental', domains: ['http://riversidedental.com'] }], accounts);
    expect(ok).toMatchObject({ decision: 'auto', signals: { domain: 'agree' } });
  });
  it('ignores codes when the tenant does not use them like OrgRefs (no ref equals any code)', () => {
    const [r] = matchAll([{ id: 'o', name: 'Hillcrest Plumbing', ref: 'hp-001' }], accounts);
    expect(r).toMatchObject({ accountId: 'a1', decision: 'auto', signals: { code: null } });
  });
});

describe('hostile names', () => {
  it('treats property names as words in every technique (own keys only)', () => {
    const accounts = recs(['Constructor Dental', '__proto__ Plumbing', 'hasOwnProperty – toString', 'Prototype Valueof'], 'a');
    const r = matchAll(recs(['constructordental', '__proto__-plumbing', 'hasOwnProperty', 'Prototype Valueof Constructor', 'toString'], 'o'), accounts);
    expect(r[0]).toMatchObject({ accountId: 'a0', decision: 'auto' });
    expect(r[1]).toMatchObject({ accountId: 'a1', decision: 'auto' });
    expect(r[2]).toMatchObject({ accountId: 'a2', reason: 'site' });
    expect(r.every((s) => typeof s.confidence === 'number' && Object.getPrototypeOf(s) === Object.prototype)).toBe(true);
  });
});
