/**
 * The asset's contact (B19, research N17): the VSA agent's contact is matched by email, case-insensitively,
 * within the asset's account, and written only as the contact field's ownership lets it (default: fill
 * only when empty); no match leaves the contact alone and the dry run says why; an unchanged re-sync
 * makes no write. Pure rules first, then the bulk push and the per-record write against the sandbox's
 * tenant cases (test/sandbox/tenant-cases.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BmsClient } from '@/lib/bms/client';
import type { HardwareAsset } from '@/lib/bms/assumed';
import { NotFoundError } from '@/lib/http/errors';
import { DEFAULT_OWNERSHIP } from '@/lib/mapping/ownership';
import { DEFAULT_TENANT_SETTINGS } from '@/lib/mapping/tenant-settings';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { ContactDirectory, contactToWrite } from '@/lib/sync/contacts';
import { resolveAsset } from '@/lib/sync/field-owner';
import { VsaFieldLinks } from '@/lib/sync/link-store';
import { JobManager } from '@/lib/sync/manager';
import type { PushEntry } from '@/lib/sync/assets';
import { agentContact } from '@/lib/vsa/assumed';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { CONTACT_CASES, CONTACT_ORG } from '../../sandbox/tenant-cases';
import { clientsFor, freshStart } from './helpers';

const contactsOf = (rows: Record<number, { Id: number; FirstName?: string; LastName?: string; EmailAddress?: string | null; IsActive?: boolean }[]>) => {
  const calls: number[] = [];
  const bms = {
    contacts: async (accountId: number) => {
      calls.push(accountId);
      if (!(accountId in rows)) throw new NotFoundError('not here', { system: 'bms', endpoint: 'GET /crm/accounts/{accountId}/contacts' } as never);
      return rows[accountId];
    },
  } as unknown as BmsClient;
  return { bms, calls };
};
const asset = (over: Partial<HardwareAsset> = {}): HardwareAsset => ({ Id: 7, Name: 'PC-1', AccountId: 1, AccountLocationId: 2, CategoryId: 1, ...over }) as HardwareAsset;
const entry = (): PushEntry => ({ agentId: '1', orgId: '2', hash: 'h', accountId: 1, locationId: null, locationName: null, input: { Name: 'PC-1' }, contact: { name: 'Ann Lee', email: 'ann@x.example' } });

describe('asset contact rules', () => {
  it('reads the agent contact from the assumed keys, on the agent or in ContactInfo; no email is no contact', () => {
    expect(agentContact({ ContactName: ' Ann Lee ', ContactEmail: 'ann@x.example' })).toEqual({ name: 'Ann Lee', email: 'ann@x.example' });
    expect(agentContact({ ContactInfo: { ContactName: 'Bob', ContactEmail: 'bob@x.example' } })).toEqual({ name: 'Bob', email: 'bob@x.example' });
    expect(agentContact({ ContactName: 'Ann Lee', ContactEmail: '' })).toBeNull();
    expect(agentContact({ ContactName: 'Ann Lee', ContactEmail: 'not an email' })).toBeNull();
  });

  it('matches by email case-insensitively within the account, once per account; several or none match nothing, and say why', async () => {
    const { bms, calls } = contactsOf({
      1: [{ Id: 10, FirstName: 'Ann', LastName: 'Lee', EmailAddress: 'Ann@X.example' }, { Id: 11, FirstName: 'Old', LastName: 'Ann', EmailAddress: 'ann@x.example', IsActive: false },
        { Id: 12, FirstName: 'Twin', LastName: 'A', EmailAddress: 'twin@x.example' }, { Id: 13, FirstName: 'Twin', LastName: 'B', EmailAddress: 'TWIN@x.example' }],
      2: [{ Id: 20, FirstName: 'Ann', LastName: 'Other', EmailAddress: 'ann@x.example' }],
    });
    const dir = new ContactDirectory(bms);
    expect(await dir.match(1, { name: null, email: 'ANN@x.example' })).toEqual({ ok: true, id: 10, label: 'Ann Lee <Ann@X.example>' });
    expect(await dir.match(2, { name: null, email: 'ann@x.example' })).toMatchObject({ ok: true, id: 20 }); // its own account's Ann, never another's
    expect(await dir.match(1, { name: null, email: 'twin@x.example' })).toEqual({ ok: false, why: 'ambiguous' });
    expect(await dir.match(1, { name: null, email: 'nobody@x.example' })).toEqual({ ok: false, why: 'noMatch' });
    expect(await dir.match(3, { name: null, email: 'ann@x.example' })).toEqual({ ok: false, why: 'unreadable' });
    expect(await dir.match(null, { name: null, email: 'ann@x.example' })).toEqual({ ok: false, why: 'noAccount' });
    expect(await dir.match(1, null)).toBeNull();
    expect(calls).toEqual([1, 2, 3]);
    expect(await new ContactDirectory(null).match(1, { name: null, email: 'ann@x.example' })).toEqual({ ok: false, why: 'off' });
  });

  it('fill only when empty keeps a contact set by hand and fills an empty one; VSA wins overwrites it; BMS wins keeps it; the same contact is no change', () => {
    const match = { ok: true as const, id: 10, label: 'Ann Lee <ann@x.example>' };
    const handSet = asset({ ContactId: 11, ContactFirstName: 'Bob', ContactLastName: 'Stone', ContactEmailAddress: 'bob@x.example' });
    const keep = resolveAsset(entry().input, handSet, DEFAULT_OWNERSHIP, {}, match);
    expect(keep.kept).toEqual([{ field: 'contact', value: 'Bob Stone <bob@x.example>', vsa: 'Ann Lee <ann@x.example>', why: 'fillEmpty' }]);
    expect(contactToWrite(entry(), handSet, match)).toBeNull();
    expect(contactToWrite(entry(), asset({ ContactId: null }), match)).toBe(10);
    expect(resolveAsset(entry().input, asset({ ContactId: null }), DEFAULT_OWNERSHIP, {}, match).changes).toEqual([{ field: 'contact', before: null, after: 'Ann Lee <ann@x.example>' }]);
    const vsaWins = { ...DEFAULT_OWNERSHIP, contact: 'vsa' as const };
    expect(resolveAsset(entry().input, handSet, vsaWins, {}, match).changes).toEqual([{ field: 'contact', before: 'Bob Stone <bob@x.example>', after: 'Ann Lee <ann@x.example>' }]);
    expect(contactToWrite(entry(), handSet, match, vsaWins)).toBe(10);
    expect(contactToWrite(entry(), handSet, match, { ...DEFAULT_OWNERSHIP, contact: 'bms' })).toBeNull();
    // a contact id BMS names without its name still counts as set
    expect(contactToWrite(entry(), asset({ ContactId: 99 }), match)).toBeNull();
    // already Ann: nothing to change, under any rule
    const same = asset({ ContactId: 10, ContactFirstName: 'Ann', ContactLastName: 'Lee' });
    expect(resolveAsset(entry().input, same, vsaWins, {}, match).changes).toEqual([]);
    expect(contactToWrite(entry(), same, match, vsaWins)).toBeNull();
    // a new asset gets the match; no match writes nothing
    expect(contactToWrite(entry(), null, match)).toBe(10);
    expect(contactToWrite(entry(), null, { ok: false, why: 'noMatch' })).toBeNull();
  });
});

describe('asset contact in the sync (sandbox tenant cases)', () => {
  let sb: Sandbox;
  let journal: Journal;
  const { bms, vsa } = clientsFor(() => sb);
  const stats = async () => (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { bms: { writes: number; requests: Record<string, number> } };
  beforeAll(async () => {
    sb = await startSandbox({ orgs: 8, agents: 24, seed: 23, faults: { jobDelayMs: 5 }, tenantCases: true, capabilities: { mappingStore: true } });
  });
  afterAll(() => sb.close());
  beforeEach(async () => {
    journal = await freshStart(sb, journal, 5);
  });

  const agentOf = (computer: string) => [...sb.state().vsa.agents.values()].find((a) => a.ComputerName === computer)!;
  const contactOn = (computer: string) => {
    const s = sb.state();
    const acc = [...s.bms.accounts.values()].find((a) => a.AccountName === CONTACT_ORG)!;
    const a = [...s.bms.assets.values()].find((x) => x.AccountId === acc.Id && x.Name === computer);
    const c = a?.ContactId ? s.bms.contacts.get(a.ContactId) : undefined;
    return a ? (c?.EmailAddress ?? null) : 'no asset';
  };

  for (const mode of ['bulk push', 'per record'] as const) {
    it(`${mode}: keeps the hand-set contact, fills the empty one and the new asset's, leaves the unmatched one and says why; an unchanged re-sync writes nothing`, async () => {
      await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ capabilities: { mappingStore: mode === 'bulk push' } }) });
      const ctx = { vsa: vsa(), bms: bms(), defaults: { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 }, autoCreate: false, tenant: DEFAULT_TENANT_SETTINGS, ...(mode === 'per record' ? { links: new VsaFieldLinks(vsa()) } : {}) };
      const jobs = new JobManager(journal, async () => ctx, () => undefined);
      const imp = await jobs.planImport({ accept: 'auto', createMissing: false });
      await jobs.start(imp.progress.jobId);
      await jobs.waitIdle();
      const plan = await jobs.planAssetSync({});
      const unknown = agentOf(CONTACT_CASES.unknown.computer);
      expect(plan.fields?.contacts).toEqual([{ key: unknown.AgentId, label: CONTACT_CASES.unknown.computer, email: CONTACT_CASES.unknown.email, why: 'noMatch' }]);
      await jobs.start(plan.progress.jobId);
      await jobs.waitIdle();
      expect(await journal.items(plan.progress.jobId, 'failed')).toEqual([]);
      expect({
        handSet: contactOn(CONTACT_CASES.handSet.computer), empty: contactOn(CONTACT_CASES.empty.computer),
        fresh: contactOn(CONTACT_CASES.fresh.computer), unknown: contactOn(CONTACT_CASES.unknown.computer),
      }).toEqual({ handSet: CONTACT_CASES.handSet.assetContact, empty: CONTACT_CASES.empty.email.toLowerCase(), fresh: CONTACT_CASES.fresh.email, unknown: null });
      // after the bulk push, each contact written per record is in the audit log (the per-record write audits the whole record)
      if (mode === 'bulk push') expect((await journal.auditLog(500)).filter((e) => e.action === 'set-contact').map((e) => e.after)).toHaveLength(2);
      // one asset each: the two BMS's integration made were adopted, not duplicated
      const acc = [...sb.state().bms.accounts.values()].find((a) => a.AccountName === CONTACT_ORG)!;
      expect([...sb.state().bms.assets.values()].filter((a) => a.AccountId === acc.Id).length).toBe(Object.keys(CONTACT_CASES).length);

      await fetch(`${sb.vsaUrl}/__sandbox/stats/reset`, { method: 'POST' });
      const again = await jobs.planAssetSync({});
      expect(again.progress.summary.push ?? 0).toBe(0);
      expect(again.progress.summary.record ?? 0).toBe(0);
      await jobs.start(again.progress.jobId);
      await jobs.waitIdle();
      const st = await stats();
      expect(st.bms.writes).toBe(0);
      expect(Object.keys(st.bms.requests).filter((k) => !k.startsWith('GET') && !k.includes('/security/'))).toEqual([]);
    });
  }
});
