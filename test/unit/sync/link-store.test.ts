/** The team's truth for links (B9): each backend of §9's chain against the sandbox; a write is done only when the server confirms it. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalLinks } from '@/lib/store/links-idb';
import {
  BMS_LINK_FIELD, BmsFieldLinks, BrowserLinks, chooseBackend, linkCapabilities, linkStoreInfo, MappingStoreLinks, resolveLinkStore, VSA_LINK_FIELD, VsaFieldLinks,
} from '@/lib/sync/link-store';
import { ORG_COPY_FRESH_MS } from '@/lib/sync/links/vsa-field';
import type { VsaClient } from '@/lib/vsa/client';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, freshStart, probeFor } from './helpers';
import type { IdbJournal as Journal } from '@/lib/store/journal-idb';

let sb: Sandbox;
let journal: Journal;
let local: LocalLinks;
const { bms, vsa } = clientsFor(() => sb);

beforeAll(async () => {
  sb = await startSandbox({ orgs: 60, agents: 60, seed: 31, faults: { jobDelayMs: 10 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 10);
  await local?.close();
  local = new LocalLinks(`links-${Math.random()}`);
});

/** an org without a link and an active account without one */
function freePair(skip = 0) {
  const s = sb.state();
  const maps = s.bms.mappings.get('vsa/account')!;
  const linkedAcc = new Set([...maps.values()].map((m) => m.PsaId));
  const orgs = [...s.vsa.orgs.keys()].map(String).filter((o) => !maps.has(o));
  const accs = [...s.bms.accounts.values()].filter((a) => a.IsActive && !linkedAcc.has(a.Id)).map((a) => a.Id);
  return { orgId: orgs[skip], accountId: accs[skip], orgs, accs };
}
const vsaField = (orgId: string) => sb.state().vsa.orgs.get(orgId)!.CustomFields.find((f) => f.FieldName === VSA_LINK_FIELD)?.FieldValue;

describe('the chain (§9)', () => {
  it('takes the first backend the tenant offers and never an unprobed one', () => {
    const caps = (m: boolean | null, v: boolean | null, b: number | null | undefined) => ({ mappingStore: m, vsaLinkField: v, bmsLinkField: b === undefined ? null : b !== null, bmsLinkFieldId: b ?? null });
    expect(chooseBackend(caps(true, true, 3))).toBe('mapping-store');
    expect(chooseBackend(caps(false, true, 3))).toBe('vsa-org-field');
    expect(chooseBackend(caps(false, false, 3))).toBe('bms-account-field');
    expect(chooseBackend(caps(false, false, null))).toBe('local');
    // a step that could not be checked stops the chain: never "this browser" because BMS was down
    expect(chooseBackend(caps(null, true, 3))).toBe('unknown');
    expect(chooseBackend(caps(false, false, undefined))).toBe('unknown');
    expect(linkStoreInfo('local', caps(false, false, null))).toMatchObject({ shared: false, noteKey: 'links_store_local' });
    expect(linkStoreInfo('bms-account-field', caps(false, false, 4)).note).toContain(VSA_LINK_FIELD);
  });

  it('the capability probe (lib/capabilities) reads the chain the sandbox offers, without writing', async () => {
    const before = sb.faults.bms.stats.writes + sb.faults.vsa.stats.writes;
    expect(linkCapabilities(await probeFor(sb))).toEqual({ mappingStore: true, vsaLinkField: true, bmsLinkField: false, bmsLinkFieldId: null, accountsModuleId: 1 });
    for (const o of sb.state().vsa.orgs.values()) o.CustomFields = [];
    sb.state().bms.customFields.set(77, { Id: 77, ModuleId: 1, Name: BMS_LINK_FIELD, DataType: 1, IsRequired: false, IsActive: true });
    const rec = await probeFor(sb);
    expect(linkCapabilities(rec)).toEqual({ mappingStore: true, vsaLinkField: false, bmsLinkField: true, bmsLinkFieldId: 77, accountsModuleId: 1 });
    expect(sb.faults.bms.stats.writes + sb.faults.vsa.stats.writes).toBe(before);
    // without the mapping store the chain lands on the BMS account field, in the module the probe found
    const noStore = { ...rec, caps: { ...rec.caps, mappingStore: { state: 'absent' as const, reason: '', probe: '' } } };
    expect(resolveLinkStore({ vsa: vsa(), bms: bms() }, local, noStore).store.backend).toBe('bms-account-field');
    expect(linkCapabilities(null)).toMatchObject({ mappingStore: null, vsaLinkField: null, bmsLinkField: null });
  });
});

describe('1. the mapping store', () => {
  it('links, reads back, and reports a refused pair as failed with BMS\'s reason', async () => {
    const store = new MappingStoreLinks(bms());
    const { orgId, accountId, orgs, accs } = freePair();
    const inactive = sb.state().bms.accounts.get(accs[2])!;
    inactive.IsActive = false;
    const r = await store.link([{ orgId, accountId }, { orgId: orgs[1], accountId: inactive.Id }]);
    expect(r.done).toEqual([orgId]);
    expect(r.failed.get(orgs[1])).toMatch(/inactive/);
    expect((await store.ofOrgs([orgId, orgs[1]])).get(orgId)).toBe(accountId);
    const u = await store.unlink([orgId]);
    expect(u.done).toEqual([orgId]);
    expect(sb.state().bms.mappings.get('vsa/account')!.has(orgId)).toBe(false);
  });
});

describe('2. the VSA org field', () => {
  it('links and clears through the org field, read back', async () => {
    const store = new VsaFieldLinks(vsa());
    const { orgId, accountId } = freePair();
    const r = await store.link([{ orgId, accountId }]);
    expect(r).toEqual({ done: [orgId], failed: new Map() });
    expect(vsaField(orgId)).toBe(String(accountId));
    expect((await store.all()).get(orgId)).toBe(accountId);
    expect((await store.ofOrgs([orgId])).get(orgId)).toBe(accountId);
    expect((await store.unlink([orgId])).done).toEqual([orgId]);
    expect(vsaField(orgId)).toBe('');
    expect((await store.all()).has(orgId)).toBe(false);
  });

  it('an org VSA does not know fails with VSA\'s words; the others are linked', async () => {
    const store = new VsaFieldLinks(vsa());
    const { orgId, accountId, accs } = freePair();
    const r = await store.link([{ orgId: '999999999999', accountId: accs[1] }, { orgId, accountId }]);
    expect(r.done).toEqual([orgId]);
    expect(r.failed.get('999999999999')).toMatch(/not found|does not exist/i);
  });

  it('a batch costs one write per changed link and two list reads, no read per org; a link already there is not written', async () => {
    const store = new VsaFieldLinks(vsa());
    await store.all(); // as a plan does: VSA's org count is known
    const { orgs, accs } = freePair();
    const pairs = orgs.slice(0, 20).map((orgId, k) => ({ orgId, accountId: accs[k] }));
    sb.state().vsa.orgs.get(pairs[0].orgId)!.CustomFields = [{ FieldName: VSA_LINK_FIELD, FieldValue: String(pairs[0].accountId) }];
    sb.faults.vsa.resetStats();
    const r = await store.link(pairs);
    expect(r.done).toEqual(pairs.map((p) => p.orgId));
    expect(r.unchanged).toEqual([pairs[0].orgId]);
    for (const p of pairs) expect(vsaField(p.orgId)).toBe(String(p.accountId));
    const req = sb.faults.vsa.stats.requests;
    expect(req['PUT /api/v1.0/system/orgs/:orgId']).toBe(19);
    expect(req['GET /api/v1.0/system/orgs/:orgId'] ?? 0).toBe(0);
    expect(req['GET /api/v1.0/system/orgs']).toBeLessThanOrEqual(2 * Math.ceil(sb.state().vsa.orgs.size / 100));
    // the whole org went back: another field of the org survives the write
    expect(sb.state().vsa.orgs.get(pairs[1].orgId)!.OrgName).toBeTruthy();
  });

  it('a list copy older than ORG_COPY_FRESH_MS is read again before the write, so a teammate\'s change in between survives', async () => {
    let t = 1_000_000;
    const { orgs, accs } = freePair();
    const pairs = orgs.slice(0, 10).map((orgId, k) => ({ orgId, accountId: accs[k] }));
    const real = vsa();
    // the list is read, then (before the writes) time passes and someone renames an org in VSA
    const slow = Object.assign(Object.create(real) as VsaClient, {
      orgs: (o: { signal?: AbortSignal }) => (async function* () {
        for await (const x of real.orgs(o)) {
          if (x.OrgId === pairs[9].orgId && t === 1_000_000) {
            t += ORG_COPY_FRESH_MS + 1;
            sb.state().vsa.orgs.get(pairs[3].orgId)!.OrgName = 'Renamed meanwhile';
          }
          yield x;
        }
      })(),
    });
    const r = await new VsaFieldLinks(slow, () => t).link(pairs);
    expect(r.done).toHaveLength(10);
    expect(sb.state().vsa.orgs.get(pairs[3].orgId)!.OrgName).toBe('Renamed meanwhile');
    expect(vsaField(pairs[3].orgId)).toBe(String(pairs[3].accountId));
  });

  it('a write VSA acknowledges but does not keep is not reported done', async () => {
    const real = vsa();
    // VSA answers the PUT, but the org reads back without the value (the field was not kept)
    const forgetful = { putOrgField: async () => undefined, org: (id: string, s?: AbortSignal) => real.org(id, s), orgs: (o: { signal?: AbortSignal }) => real.orgs(o) } as unknown as VsaClient;
    const { orgId, accountId } = freePair();
    const r = await new VsaFieldLinks(forgetful).link([{ orgId, accountId }]);
    expect(r.done).toEqual([]);
    expect(r.failed.get(orgId)).toMatch(/reads "" afterwards/);
  });
});

describe('3. the BMS account field', () => {
  const FIELD = 88;
  beforeEach(() => {
    sb.state().bms.customFields.set(FIELD, { Id: FIELD, ModuleId: 1, Name: BMS_LINK_FIELD, DataType: 1, IsRequired: false, IsActive: true });
  });

  it('links through the account field, keeps a mirror, and finds a teammate\'s link within the refresh budget', async () => {
    const store = new BmsFieldLinks(bms(), FIELD, local, () => 1000);
    const { orgId, accountId, orgs, accs } = freePair();
    expect((await store.link([{ orgId, accountId }])).done).toEqual([orgId]);
    expect(sb.state().bms.customFieldData.get(`1/${accountId}/${FIELD}`)).toBe(orgId);
    // a teammate links another pair in another browser
    sb.state().bms.customFieldData.set(`1/${accs[1]}/${FIELD}`, orgs[1]);
    const all = await store.all();
    expect(all.get(orgId)).toBe(accountId);
    expect(all.get(orgs[1])).toBe(accs[1]);
    expect((await store.unlink([orgId])).done).toEqual([orgId]);
    expect(sb.state().bms.customFieldData.get(`1/${accountId}/${FIELD}`)).toBe('');
    expect((await store.ofOrgs([orgId, orgs[1]])).has(orgId)).toBe(false);
  });

  it('reads no more accounts than the budget allows, the ones read longest ago first', async () => {
    const store = new BmsFieldLinks(bms(), FIELD, local, () => 5);
    sb.faults.bms.resetStats();
    await store.all(undefined, { accountIds: [...sb.state().bms.accounts.keys()] });
    expect(sb.faults.bms.stats.requests['GET /v2/system/customFields/:moduleId/:objectId'] ?? 0).toBeLessThanOrEqual(5);
  });

  it('a field BMS refuses to write is a failure with BMS\'s reason', async () => {
    const store = new BmsFieldLinks(bms(), 4242, local, () => 10); // no such field
    const { orgId, accountId } = freePair();
    const r = await store.link([{ orgId, accountId }]);
    expect(r.done).toEqual([]);
    expect(r.failed.get(orgId)).toMatch(/4242/);
  });
});

describe('4. this browser only', () => {
  it('keeps links here, one org per account', async () => {
    const store = new BrowserLinks(local);
    expect(store.shared).toBe(false);
    const r = await store.link([{ orgId: 'a', accountId: 1 }, { orgId: 'b', accountId: 1 }]);
    expect(r.done).toEqual(['a']);
    expect(r.failed.get('b')).toMatch(/already linked to org a/);
    expect(await store.all()).toEqual(new Map([['a', 1]]));
    await store.unlink(['a']);
    expect((await store.all()).size).toBe(0);
  });
});
