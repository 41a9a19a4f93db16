/**
 * The team's truth for links (B9), behind one interface: which VSA org is which BMS account. The
 * backend is the first of api-contract.md §9's chain the tenant offers:
 *   1. BMS's integration mapping store (deprecated by the vendor; every write is read back),
 *   2. a VSA org custom field holding the BMS account id (an admin creates it once in VSA),
 *   3. a BMS account custom field holding the VSA org id (an admin creates it once in BMS),
 *   4. this browser only, with a visible "not shared" warning (the mappings CSV moves links).
 * Every write reports done only for what the server confirmed, by its answer and by reading back.
 */
import type { BmsClient } from '../bms/client';
import { ACCOUNT_CUSTOM_FIELD_MODULE, isUnchangedDetail } from '../bms/assumed';
import { ApiError, AuthError } from '../http/errors';
import { collect } from '../http/paging';
import type { VsaClient } from '../vsa/client';
import type { VsaOrg } from '../vsa/schemas';

/**
 * What this browser (or the command line) keeps of links: the links of a tenant with no shared place,
 * and the mirror of the BMS account field. The extension keeps it in IndexedDB (lib/store/links-idb).
 */
export interface LinkMemory {
  all(): Promise<Map<string, { accountId: number; checkedAt: number }>>;
  set(orgId: string, accountId: number | null): Promise<void>;
  mirror(): Promise<{ links: Map<string, number>; checkedAt: Map<number, number> }>;
  setMirror(accountId: number, orgId: string | null): Promise<void>;
}

export type LinkBackend = 'mapping-store' | 'vsa-org-field' | 'bms-account-field' | 'local' | 'unknown';

/** [assumed] the custom field names an admin creates for links; no product-side rule exists in VSA or BMS */
export const VSA_LINK_FIELD = 'BMS Account Id';
export const BMS_LINK_FIELD = 'VSA Org Id';

/** what the probe found (lib/capabilities' record feeds this); null = not probed, never written to */
export interface LinkCapabilities {
  mappingStore: boolean | null;
  /** the VSA org custom field exists (listed on the orgs) */
  vsaLinkField: boolean | null;
  /** the BMS account custom field exists */
  bmsLinkField: boolean | null;
  /** its id, when it exists */
  bmsLinkFieldId: number | null;
}

export interface LinkPair {
  orgId: string;
  accountId: number;
}

/** per org: done (confirmed by the server) or failed with the reason */
export interface LinkWriteResult {
  done: string[];
  failed: Map<string, string>;
  /** of `done`: the links that were there already (the job did not make them) */
  unchanged?: string[];
}

/** what the caller read anyway: spares the store a second read of the same list */
export interface LinkHint {
  accountIds?: number[];
  orgs?: Pick<VsaOrg, 'OrgId' | 'CustomFields'>[];
}

export interface LinkStore {
  readonly backend: LinkBackend;
  /** true when every admin of the team sees these links */
  readonly shared: boolean;
  /** every link: org id → account id (the account ids, when the caller has them, spare a read) */
  all(signal?: AbortSignal, hint?: LinkHint): Promise<Map<string, number>>;
  /** the links of these orgs, read fresh where the backend allows */
  ofOrgs(orgIds: string[], signal?: AbortSignal): Promise<Map<string, number>>;
  link(pairs: LinkPair[], signal?: AbortSignal): Promise<LinkWriteResult>;
  unlink(orgIds: string[], signal?: AbortSignal): Promise<LinkWriteResult>;
}

const result = (): LinkWriteResult => ({ done: [], failed: new Map() });
const accountIdOf = (v: string | null | undefined): number | null => (v && /^\d{1,10}$/.test(v.trim()) ? Number(v.trim()) : null);

/** runs `fn` over items a few at a time */
async function inGroups<T>(items: T[], size: number, fn: (x: T) => Promise<void>): Promise<void> {
  for (let k = 0; k < items.length; k += size) await Promise.all(items.slice(k, k + size).map(fn));
}

/** a refusal is the item's failure; a login problem or an outage stops the caller (the job pauses) */
function refusal(e: unknown): string {
  if (e instanceof AuthError || !(e instanceof ApiError) || (e.code !== 'rejected' && e.code !== 'not-found' && e.code !== 'invalid-input' && e.code !== 'forbidden')) throw e;
  return e.message;
}

/** 1. BMS's mapping store: bulk writes, then the links read back; only what reads back counts */
export class MappingStoreLinks implements LinkStore {
  readonly backend = 'mapping-store' as const;
  readonly shared = true;
  constructor(private bms: BmsClient) {}

  async all(signal?: AbortSignal) {
    return new Map((await collect(this.bms.mappings({ signal }))).map((m) => [m.ExternalId ?? '', m.PsaId]));
  }

  async ofOrgs(orgIds: string[], signal?: AbortSignal) {
    const out = new Map<string, number>();
    for (let k = 0; k < orgIds.length; k += 100) {
      for await (const m of this.bms.mappings({ externalIds: orgIds.slice(k, k + 100), signal })) if (m.ExternalId) out.set(m.ExternalId, m.PsaId);
    }
    return out;
  }

  async link(pairs: LinkPair[], signal?: AbortSignal) {
    const r = result();
    for (let k = 0; k < pairs.length; k += 100) {
      const part = pairs.slice(k, k + 100);
      const job = await this.bms.importMappings(part.map((p) => ({ ExternalId: p.orgId, PsaId: p.accountId })), signal);
      const detail = new Map((job.Details ?? []).map((d) => [d.ExternalId ?? '', d]));
      const back = await this.ofOrgs(part.map((p) => p.orgId), signal);
      for (const p of part) {
        const d = detail.get(p.orgId);
        if (!d || d.StatusCode !== '200') r.failed.set(p.orgId, d?.StatusMessage ?? 'no answer for this org in the job result');
        else if (back.get(p.orgId) !== p.accountId) r.failed.set(p.orgId, `BMS answered "${d.StatusMessage ?? 'OK'}" but its mapping store does not list the link when read back`);
        else {
          r.done.push(p.orgId);
          if (isUnchangedDetail(d)) (r.unchanged ??= []).push(p.orgId);
        }
      }
    }
    return r;
  }

  async unlink(orgIds: string[], signal?: AbortSignal) {
    const r = result();
    for (let k = 0; k < orgIds.length; k += 100) {
      const part = orgIds.slice(k, k + 100);
      const job = await this.bms.deleteMappings(part, signal);
      const detail = new Map((job.Details ?? []).map((d) => [d.ExternalId ?? '', d]));
      const back = await this.ofOrgs(part, signal);
      for (const o of part) {
        const d = detail.get(o);
        // a link that is already gone is what an unlink wants too
        if (!d || (d.StatusCode !== '200' && d.StatusCode !== '404')) r.failed.set(o, d?.StatusMessage ?? 'no answer for this org in the job result');
        // 404: BMS's own word that there is no such link; a 200 must also read back as gone
        else if (d.StatusCode === '200' && back.has(o)) r.failed.set(o, 'BMS answered the delete but still lists the link when read back');
        else r.done.push(o);
      }
    }
    return r;
  }
}

/** 2. the VSA org custom field holding the BMS account id: one whole-org write per link, read back */
export class VsaFieldLinks implements LinkStore {
  readonly backend = 'vsa-org-field' as const;
  readonly shared = true;
  constructor(private vsa: VsaClient) {}

  static linkOf(org: Pick<VsaOrg, 'CustomFields'>): number | null {
    return accountIdOf(org.CustomFields?.find((f) => f.FieldName === VSA_LINK_FIELD)?.FieldValue);
  }

  async all(signal?: AbortSignal, hint: LinkHint = {}) {
    const out = new Map<string, number>();
    for await (const o of hint.orgs ?? this.vsa.orgs({ signal })) {
      const a = VsaFieldLinks.linkOf(o);
      if (a !== null) out.set(o.OrgId, a);
    }
    return out;
  }

  async ofOrgs(orgIds: string[], signal?: AbortSignal) {
    const out = new Map<string, number>();
    await inGroups(orgIds, 4, async (id) => {
      const a = VsaFieldLinks.linkOf(await this.vsa.org(id, signal));
      if (a !== null) out.set(id, a);
    });
    return out;
  }

  private async set(orgId: string, value: string, r: LinkWriteResult, signal?: AbortSignal) {
    try {
      let before: string | null = null;
      // the client reads the org back after its PUT; that read is the confirmation (one more read when it gave none)
      const after = await this.vsa.setOrgCustomField(orgId, VSA_LINK_FIELD, (org) => {
        before = (org.CustomFields?.find((f) => f.FieldName === VSA_LINK_FIELD)?.FieldValue ?? '').trim();
        return value;
      }, signal);
      const back = ((after as VsaOrg | undefined) ?? (await this.vsa.org(orgId, signal))).CustomFields?.find((f) => f.FieldName === VSA_LINK_FIELD)?.FieldValue ?? '';
      if (back.trim() === value) {
        r.done.push(orgId);
        if (before === value) (r.unchanged ??= []).push(orgId);
      }
      else r.failed.set(orgId, `VSA accepted the write but org ${orgId}'s field "${VSA_LINK_FIELD}" reads "${back}" afterwards`);
    } catch (e) {
      r.failed.set(orgId, refusal(e));
    }
  }

  async link(pairs: LinkPair[], signal?: AbortSignal) {
    const r = result();
    await inGroups(pairs, 4, (p) => this.set(p.orgId, String(p.accountId), r, signal));
    return r;
  }

  async unlink(orgIds: string[], signal?: AbortSignal) {
    const r = result();
    await inGroups(orgIds, 4, (o) => this.set(o, '', r, signal));
    return r;
  }
}

/**
 * 3. the BMS account custom field holding the VSA org id. BMS cannot search by a field's value and
 * reads one account per call (1,500 calls an hour per endpoint), so this browser keeps a mirror that
 * a sync refreshes oldest first within a budget; links of chosen orgs are read fresh.
 */
export class BmsFieldLinks implements LinkStore {
  readonly backend = 'bms-account-field' as const;
  readonly shared = true;
  constructor(private bms: BmsClient, private fieldId: number, private mirror: LinkMemory, private refreshBudget: () => number = () => 300) {}

  private async readAccount(accountId: number, signal?: AbortSignal): Promise<string | null> {
    const data = await this.bms.customFieldData(ACCOUNT_CUSTOM_FIELD_MODULE, accountId, signal);
    const raw = data.find((d) => d.CustomFieldId === this.fieldId || d.Id === this.fieldId)?.Data;
    return typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? raw.trim() : null;
  }

  /** reads the accounts' fields and brings the mirror up to date */
  private async refresh(accountIds: number[], signal?: AbortSignal): Promise<void> {
    await inGroups(accountIds, 8, async (acc) => this.mirror.setMirror(acc, await this.readAccount(acc, signal)));
  }

  /** the mirror, with the accounts read longest ago (never read first) refreshed within the budget */
  async all(signal?: AbortSignal, hint: LinkHint = {}) {
    const { checkedAt } = await this.mirror.mirror();
    const ids = hint.accountIds ?? (await collect(this.bms.accounts({ signal }))).map((a) => a.Id);
    const stale = [...ids].sort((a, b) => (checkedAt.get(a) ?? 0) - (checkedAt.get(b) ?? 0)).slice(0, Math.max(0, this.refreshBudget()));
    await this.refresh(stale, signal);
    return (await this.mirror.mirror()).links;
  }

  async ofOrgs(orgIds: string[], signal?: AbortSignal) {
    const { links } = await this.mirror.mirror();
    await this.refresh([...new Set(orgIds.map((o) => links.get(o)).filter((a): a is number => a !== undefined))], signal);
    const fresh = (await this.mirror.mirror()).links;
    return new Map([...fresh].filter(([o]) => orgIds.includes(o)));
  }

  private async set(orgId: string, accountId: number, value: string, r: LinkWriteResult, signal?: AbortSignal) {
    try {
      await this.bms.setCustomFieldData(ACCOUNT_CUSTOM_FIELD_MODULE, accountId, this.fieldId, value, signal);
      const back = (await this.readAccount(accountId, signal)) ?? '';
      await this.mirror.setMirror(accountId, back || null);
      if (back !== value) r.failed.set(orgId, `BMS accepted the write but account ${accountId}'s field "${BMS_LINK_FIELD}" reads "${back}" afterwards`);
      else r.done.push(orgId);
    } catch (e) {
      r.failed.set(orgId, refusal(e));
    }
  }

  async link(pairs: LinkPair[], signal?: AbortSignal) {
    const r = result();
    await inGroups(pairs, 4, (p) => this.set(p.orgId, p.accountId, p.orgId, r, signal));
    return r;
  }

  async unlink(orgIds: string[], signal?: AbortSignal) {
    const r = result();
    const { links } = await this.mirror.mirror();
    await inGroups(orgIds, 4, async (o) => {
      const acc = links.get(o);
      if (acc === undefined) r.done.push(o); // not linked as far as the team's field says: nothing to clear
      else await this.set(o, acc, '', r, signal);
    });
    return r;
  }
}

/** 4. this browser only: written to IndexedDB, never shared (the UI says so) */
export class BrowserLinks implements LinkStore {
  readonly backend = 'local' as const;
  readonly shared = false;
  constructor(private local: LinkMemory) {}

  async all() {
    return new Map([...(await this.local.all())].map(([o, l]) => [o, l.accountId]));
  }

  async ofOrgs(orgIds: string[]) {
    const all = await this.all();
    return new Map([...all].filter(([o]) => orgIds.includes(o)));
  }

  async link(pairs: LinkPair[]) {
    const r = result();
    const taken = new Map([...(await this.all())].map(([o, a]) => [a, o]));
    for (const p of pairs) {
      const other = taken.get(p.accountId);
      if (other !== undefined && other !== p.orgId) {
        r.failed.set(p.orgId, `account ${p.accountId} is already linked to org ${other}`);
        continue;
      }
      if (other === p.orgId) (r.unchanged ??= []).push(p.orgId);
      else await this.local.set(p.orgId, p.accountId);
      taken.set(p.accountId, p.orgId);
      r.done.push(p.orgId);
    }
    return r;
  }

  async unlink(orgIds: string[]) {
    for (const o of orgIds) await this.local.set(o, null);
    return { done: [...orgIds], failed: new Map<string, string>() };
  }
}

/** what the UI says about where links live (locale key + English) */
export interface LinkStoreInfo {
  backend: LinkBackend;
  shared: boolean;
  noteKey: string;
  /** the placeholders of noteKey */
  args: string[];
  note: string;
}

export function linkStoreInfo(backend: LinkBackend, caps: LinkCapabilities): LinkStoreInfo {
  switch (backend) {
    case 'mapping-store':
      return { backend, shared: true, noteKey: 'links_store_mapping', args: [], note: 'Links are shared with your team through BMS\'s integration mapping store (deprecated by Kaseya; every write is read back).' };
    case 'vsa-org-field':
      return { backend, shared: true, noteKey: 'links_store_vsa', args: [VSA_LINK_FIELD], note: `Links are shared with your team through the VSA org custom field "${VSA_LINK_FIELD}".` };
    case 'bms-account-field':
      return caps.vsaLinkField === false
        ? { backend, shared: true, noteKey: 'links_store_bms_novsa', args: [BMS_LINK_FIELD, VSA_LINK_FIELD], note: `Links are shared with your team through the BMS account custom field "${BMS_LINK_FIELD}". VSA has no org custom field "${VSA_LINK_FIELD}": an admin can create it in VSA to share links through VSA, which costs no BMS calls.` }
        : { backend, shared: true, noteKey: 'links_store_bms', args: [BMS_LINK_FIELD], note: `Links are shared with your team through the BMS account custom field "${BMS_LINK_FIELD}".` };
    case 'unknown':
      return { backend, shared: false, noteKey: 'links_store_unknown', args: [], note: 'Where your team keeps links could not be checked (BMS or VSA did not answer): links are not read or written until "Test connection" succeeds.' };
    case 'local':
      return { backend, shared: false, noteKey: 'links_store_local', args: [VSA_LINK_FIELD, BMS_LINK_FIELD], note: `Not shared: links are kept in this browser only, because BMS's mapping store does not answer and neither the VSA org field "${VSA_LINK_FIELD}" nor the BMS account field "${BMS_LINK_FIELD}" exists. Create one of them to share links with your team; until then move links with the mappings CSV.` };
  }
}

/**
 * The first backend of the chain the tenant offers. A step that could not be checked stops the
 * chain at 'unknown' (nothing is read or written as links until it is): falling through to this
 * browser because BMS was briefly down would split the team's links.
 */
export function chooseBackend(caps: LinkCapabilities): LinkBackend {
  const steps: [boolean | null, LinkBackend][] = [[caps.mappingStore, 'mapping-store'], [caps.vsaLinkField, 'vsa-org-field'], [caps.bmsLinkField && caps.bmsLinkFieldId !== null, 'bms-account-field']];
  for (const [has, backend] of steps) {
    if (has === null) return 'unknown';
    if (has) return backend;
  }
  return 'local';
}

/** the chain could not be checked: links are neither read nor written, with the reason */
export class UnprobedLinks implements LinkStore {
  readonly backend = 'unknown' as const;
  readonly shared = false;
  constructor(private why = 'where your team keeps links could not be checked') {}
  private fail(): never {
    throw new Error(`Links are not read or written: ${this.why}. Use "Test connection" in the settings, then try again.`);
  }
  all(): Promise<Map<string, number>> { return Promise.resolve().then(() => this.fail()); }
  ofOrgs(): Promise<Map<string, number>> { return Promise.resolve().then(() => this.fail()); }
  link(): Promise<LinkWriteResult> { return Promise.resolve().then(() => this.fail()); }
  unlink(): Promise<LinkWriteResult> { return Promise.resolve().then(() => this.fail()); }
}

export function linkStoreFor(caps: LinkCapabilities, clients: { vsa: VsaClient; bms: BmsClient }, local: LinkMemory, refreshBudget?: () => number): LinkStore {
  switch (chooseBackend(caps)) {
    case 'mapping-store':
      return new MappingStoreLinks(clients.bms);
    case 'vsa-org-field':
      return new VsaFieldLinks(clients.vsa);
    case 'bms-account-field':
      return new BmsFieldLinks(clients.bms, caps.bmsLinkFieldId!, local, refreshBudget);
    case 'local':
      return new BrowserLinks(local);
    case 'unknown':
      return new UnprobedLinks();
  }
}

/**
 * Read-only checks for the link chain (the connection test and the capability record run them): does
 * the mapping store answer, does VSA list the org field, does BMS have the account field.
 */
export async function probeLinkCapabilities(clients: { vsa: VsaClient; bms: BmsClient }, signal?: AbortSignal): Promise<LinkCapabilities> {
  const soft = (e: unknown) => {
    if (e instanceof AuthError) throw e;
    return null;
  };
  const absent = (e: unknown) => (e instanceof ApiError && (e.code === 'not-found' || e.code === 'rejected' || e.code === 'forbidden') ? false : soft(e));
  const [mappingStore, vsaLinkField, bmsLinkFieldId] = await Promise.all([
    (async () => {
      for await (const _ of clients.bms.mappings({ signal })) break;
      return true;
    })().catch(absent),
    (async () => {
      // [assumed] VSA lists every defined org custom field on each org (empty or not): the first page tells
      let n = 0;
      for await (const o of clients.vsa.orgs({ signal })) {
        if (o.CustomFields?.some((f) => f.FieldName === VSA_LINK_FIELD)) return true;
        if (++n >= 100) break;
      }
      return false;
    })().catch(soft),
    clients.bms.customFields(ACCOUNT_CUSTOM_FIELD_MODULE, signal)
      .then((fields): number | null | undefined => fields.find((f) => (f.Name ?? '').trim().toLowerCase() === BMS_LINK_FIELD.toLowerCase() && f.IsActive !== false)?.Id ?? null)
      .catch((e): undefined => (soft(e), undefined)),
  ]);
  return { mappingStore, vsaLinkField, bmsLinkField: bmsLinkFieldId === undefined ? null : bmsLinkFieldId !== null, bmsLinkFieldId: bmsLinkFieldId ?? null };
}

/** the context's link store: BMS's mapping store where none was chosen (tests, tools) */
export const linksOf = (ctx: { bms: BmsClient; links?: LinkStore }): LinkStore => ctx.links ?? new MappingStoreLinks(ctx.bms);

/** the system an audit entry of a link write names */
export const linkSystem = (store: LinkStore): 'vsa' | 'bms' => (store.backend === 'vsa-org-field' ? 'vsa' : 'bms');

/** probes the chain and builds the store with what the UI says about it; an unanswered probe gives 'unknown' */
export async function resolveLinkStore(clients: { vsa: VsaClient; bms: BmsClient }, local: LinkMemory, opts: { mappingStore?: boolean | null; signal?: AbortSignal } = {}): Promise<{ store: LinkStore; info: LinkStoreInfo }> {
  const probed = await probeLinkCapabilities(clients, opts.signal);
  // the tenant's capability record (lib/capabilities) has the last word on the mapping store where it has one
  const caps = { ...probed, mappingStore: opts.mappingStore ?? probed.mappingStore };
  // the BMS field costs one call per account: refresh at most 300 a sync, never the last 300 of the hour
  const budget = () => Math.min(300, (clients.bms.budget()['GET /system/customFields/{moduleId}/{objectId}']?.remaining ?? 1500) - 300);
  const store = linkStoreFor(caps, clients, local, budget);
  return { store, info: linkStoreInfo(store.backend, caps) };
}
