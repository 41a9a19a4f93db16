/**
 * The team's truth for links (B9): which VSA org is which BMS account. The backend is the first of
 * api-contract.md §9's chain the tenant offers (lib/sync/links/, one file each):
 *   1. BMS's integration mapping store (deprecated by the vendor; every write is read back),
 *   2. a VSA org custom field holding the BMS account id (an admin creates it once in VSA),
 *   3. a BMS account custom field holding the VSA org id (an admin creates it once in BMS),
 *   4. this browser only, with a visible "not shared" warning (the mappings CSV moves links).
 * Every write reports done only for what the server confirmed, by its answer and by reading back.
 * This file chooses the backend and says in words where links live.
 */
import type { BmsClient } from '../bms/client';
import { ACCOUNT_CUSTOM_FIELD_MODULE } from '../bms/assumed';
import type { CapabilityRecord, CapabilityStateName } from '../capabilities/types';
import type { VsaClient } from '../vsa/client';
import { BmsFieldLinks } from './links/bms-field';
import { BrowserLinks, UnprobedLinks } from './links/browser';
import { MappingStoreLinks } from './links/mapping-store';
import { BMS_LINK_FIELD, VSA_LINK_FIELD, type LinkBackend, type LinkCapabilities, type LinkMemory, type LinkStore } from './links/types';
import { VsaFieldLinks } from './links/vsa-field';

export * from './links/types';
export { BmsFieldLinks, BrowserLinks, MappingStoreLinks, UnprobedLinks, VsaFieldLinks };

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

export function linkStoreFor(caps: LinkCapabilities, clients: { vsa: VsaClient; bms: BmsClient }, local: LinkMemory, refreshBudget?: () => number, record?: CapabilityRecord | null): LinkStore {
  switch (chooseBackend(caps)) {
    case 'mapping-store':
      return new MappingStoreLinks(clients.bms, record);
    case 'vsa-org-field':
      return new VsaFieldLinks(clients.vsa);
    case 'bms-account-field':
      return new BmsFieldLinks(clients.bms, caps.bmsLinkFieldId!, local, refreshBudget, caps.accountsModuleId ?? ACCOUNT_CUSTOM_FIELD_MODULE);
    case 'local':
      return new BrowserLinks(local);
    case 'unknown':
      return new UnprobedLinks();
  }
}

const known = (s: CapabilityStateName): boolean | null => (s === 'present' ? true : s === 'absent' ? false : null);

/** the chain as the tenant's capability record (lib/capabilities, the one owner of the probe) has it; no record: nothing known */
export function linkCapabilities(rec: CapabilityRecord | null | undefined): LinkCapabilities {
  if (!rec) return { mappingStore: null, vsaLinkField: null, bmsLinkField: null, bmsLinkFieldId: null, accountsModuleId: null };
  const d = rec.detail;
  return { mappingStore: known(rec.caps.mappingStore.state), vsaLinkField: known(d.vsaLinkField), bmsLinkField: known(d.bmsLinkField), bmsLinkFieldId: d.linkFieldId, accountsModuleId: d.accountsModuleId };
}

/** the context's link store: BMS's mapping store where none was chosen (tests, tools) */
export const linksOf = (ctx: { bms: BmsClient; links?: LinkStore }): LinkStore => ctx.links ?? new MappingStoreLinks(ctx.bms);

/** the system an audit entry of a link write names */
export const linkSystem = (store: LinkStore): 'vsa' | 'bms' => (store.backend === 'vsa-org-field' ? 'vsa' : 'bms');

/** the store the capability record chooses, with what the UI says about it; no record or an unanswered step gives 'unknown' */
export function resolveLinkStore(clients: { vsa: VsaClient; bms: BmsClient }, local: LinkMemory, record: CapabilityRecord | null | undefined): { store: LinkStore; info: LinkStoreInfo } {
  const caps = linkCapabilities(record);
  // the BMS field costs one call per account: refresh at most 300 a sync, never the last 300 of the hour
  const budget = () => Math.min(300, (clients.bms.budget()['GET /system/customFields/{moduleId}/{objectId}']?.remaining ?? 1500) - 300);
  const store = linkStoreFor(caps, clients, local, budget, record);
  return { store, info: linkStoreInfo(store.backend, caps) };
}
