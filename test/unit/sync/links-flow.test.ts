/**
 * Import, export, clear, undo, the sync list and the asset sync go through the team's link store
 * (B9): with the VSA org field (no mapping store), and with this browser only (nothing shared).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { LocalLinks } from '@/lib/store/links-idb';
import { BrowserLinks, linkStoreInfo, resolveLinkStore, VSA_LINK_FIELD, VsaFieldLinks, type LinkStore } from '@/lib/sync/link-store';
import { JobManager } from '@/lib/sync/manager';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, freshStart, probeFor } from './helpers';

let sb: Sandbox;
let journal: Journal;
const { bms, vsa } = clientsFor(() => sb);

beforeAll(async () => {
  sb = await startSandbox({ orgs: 60, agents: 150, seed: 57, faults: { jobDelayMs: 10 } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 10);
});

function manager(links: LinkStore) {
  const caps = { mappingStore: false, vsaLinkField: links.backend === 'vsa-org-field', bmsLinkField: false, bmsLinkFieldId: null };
  const ctx = { vsa: vsa(), bms: bms(), defaults: { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 }, autoCreate: false, links, linkInfo: linkStoreInfo(links.backend, caps) };
  return new JobManager(journal, async () => ctx, () => undefined);
}
const storeLinks = () => new Map([...sb.state().bms.mappings.get('vsa/account')!.values()].map((m) => [m.ExternalId, m.PsaId]));
const fieldLinks = () => new Map([...sb.state().vsa.orgs.values()].flatMap((o) => {
  const v = o.CustomFields.find((f) => f.FieldName === VSA_LINK_FIELD)?.FieldValue;
  return v ? [[String(o.OrgId), Number(v)] as const] : [];
}));

describe('links in the VSA org field', () => {
  it('import links into the org field, the list reads them, clear and undo remove them; BMS\'s mapping store is never written', async () => {
    const jobs = manager(new VsaFieldLinks(vsa()));
    const mappingStore = storeLinks();
    const plan = await jobs.planImport({ accept: 'auto', createMissing: false });
    expect(plan.progress.summary.link).toBeGreaterThan(2);
    await jobs.start(plan.progress.jobId);
    await jobs.waitIdle();
    const linked = fieldLinks();
    expect(linked.size).toBe(plan.progress.summary.link);
    expect(new Set(linked.values()).size).toBe(linked.size); // one org per account
    const ov = await jobs.overview(true);
    expect(ov.counts.linked + ov.counts.conflict).toBe(linked.size);
    expect(ov.links).toMatchObject({ backend: 'vsa-org-field', shared: true });

    const [orgId] = [...linked.keys()];
    await jobs.unlink(orgId);
    expect(fieldLinks().has(orgId)).toBe(false);

    const undo = await jobs.planUndo(plan.progress.jobId);
    await jobs.start(undo.progress.jobId);
    await jobs.waitIdle();
    expect(fieldLinks().size).toBe(0);
    expect(storeLinks()).toEqual(mappingStore);
    const audit = await jobs.auditList();
    expect(audit.entries.some((e) => e.system === 'vsa' && e.action === 'link')).toBe(true);
  });

  it('export creates the orgs and links them in the org field', async () => {
    const jobs = manager(new VsaFieldLinks(vsa()));
    const free = [...sb.state().bms.accounts.values()].filter((a) => a.IsActive && ![...storeLinks().values()].includes(a.Id)).slice(0, 3);
    const plan = await jobs.planExport({ accountIds: free.map((a) => a.Id) });
    await jobs.start(plan.progress.jobId);
    await jobs.waitIdle();
    const byAccount = new Map([...fieldLinks()].map(([o, a]) => [a, o]));
    expect(free.every((a) => byAccount.has(a.Id))).toBe(true);
  });

  it('an asset sync places the agents of an org linked in the org field on its account', async () => {
    const jobs = manager(new VsaFieldLinks(vsa()));
    const s = sb.state();
    const linkedOrgs = new Set(storeLinks().keys());
    const [orgId, accountId] = [...s.truth].find(([o, a]) => a !== null && !linkedOrgs.has(String(o)) && [...s.vsa.agents.values()].some((g) => g.OrgId === o) && s.bms.accounts.get(a)!.IsActive)!;
    expect((await new VsaFieldLinks(vsa()).link([{ orgId: String(orgId), accountId: accountId! }])).done).toEqual([String(orgId)]);
    const plan = await jobs.planAssetSync({ orgId: String(orgId) });
    await jobs.start(plan.progress.jobId);
    await jobs.waitIdle();
    // no mapping store to vouch for the org: no bulk push, one record per agent, said in the dry run
    expect(plan.progress).toMatchObject({ noteKey: 'note_per_record', summary: { push: 0 } });
    const agents = [...s.vsa.agents.values()].filter((g) => g.OrgId === orgId).map((g) => String(g.AgentId));
    const cache = await journal.assetCache();
    const assets = agents.map((a) => s.bms.assets.get(cache.get(a)?.psaAssetId ?? -1));
    expect(assets.every((a) => a?.AccountId === accountId)).toBe(true);
  });
});

describe('the sandbox as the evidence says (no mapping store)', () => {
  it('the chain lands on the VSA org field, and says where links are shared', async () => {
    const local = new LocalLinks(`links-${Math.random()}`);
    const rec = await probeFor(sb);
    const { store, info } = resolveLinkStore({ vsa: vsa(), bms: bms() }, local, rec);
    expect(store.backend).toBe('vsa-org-field');
    expect(info).toMatchObject({ shared: true, noteKey: 'links_store_vsa', args: [VSA_LINK_FIELD] });
    // the capability record is the one word on the chain: its mapping store, where present, comes first
    const withStore = { ...rec, caps: { ...rec.caps, mappingStore: { state: 'present' as const, reason: '', probe: '' } } };
    expect(resolveLinkStore({ vsa: vsa(), bms: bms() }, local, withStore).store.backend).toBe('mapping-store');
    // no record: nothing is read or written as links
    expect(resolveLinkStore({ vsa: vsa(), bms: bms() }, local, null).store.backend).toBe('unknown');
    await local.close();
  });
});

describe('links in this browser only', () => {
  it('links stay here, the list says they are not shared, and neither system holds them', async () => {
    const local = new LocalLinks(`links-${Math.random()}`);
    const jobs = manager(new BrowserLinks(local));
    const store = storeLinks();
    const plan = await jobs.planImport({ accept: 'auto', createMissing: false });
    await jobs.start(plan.progress.jobId);
    await jobs.waitIdle();
    expect((await local.all()).size).toBe(plan.progress.summary.link);
    expect(fieldLinks().size).toBe(0);
    expect(storeLinks()).toEqual(store);
    const ov = await jobs.overview(true);
    expect(ov.links).toMatchObject({ backend: 'local', shared: false, noteKey: 'links_store_local' });
    await local.close();
  });
});
