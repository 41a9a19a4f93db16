/**
 * The capability records of the tenants this browser has probed (../shared/api-contract.md §9),
 * keyed by VSA URL + BMS API URL + tenant, each with its probedAt. Not secret: no credentials, only
 * what the tenant supports. A few tenants at most; the oldest beyond MAX_RECORDS are dropped.
 */
import { storage } from 'wxt/utils/storage';
import { CapabilityRecord } from '../capabilities/types';

const MAX_RECORDS = 8;

export const capabilitiesItem = storage.defineItem<Record<string, CapabilityRecord>>('local:capabilities', { fallback: {}, version: 1 });

/** the stored record of one tenant, or null when it was never probed (or the stored copy is unreadable) */
export async function loadCapabilities(key: string): Promise<CapabilityRecord | null> {
  const all = await capabilitiesItem.getValue();
  const r = CapabilityRecord.safeParse(all[key]);
  return r.success ? r.data : null;
}

export async function saveCapabilities(rec: CapabilityRecord): Promise<void> {
  const all = { ...(await capabilitiesItem.getValue()), [rec.key]: rec };
  const keys = Object.keys(all).sort((a, b) => (all[b]?.probedAt ?? 0) - (all[a]?.probedAt ?? 0));
  for (const k of keys.slice(MAX_RECORDS)) delete all[k];
  await capabilitiesItem.setValue(all);
}
