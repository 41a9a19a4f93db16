/**
 * Field ownership (B19) inside the asset sync: what VSA says against what the BMS asset holds, per
 * owned field, with the settings' rule (lib/mapping/ownership.ts) and the category's "set by hand"
 * check (lib/mapping/categories.ts). Used three ways:
 * - the per-record write (asset-writer.ts): the record is read anyway, so every rule applies exactly;
 * - the bulk push: BMS is not read per asset, so an existing asset's push leaves out each field whose
 *   owner is not VSA ([assumed] a left-out field keeps BMS's value: omitFromPush, lib/bms/assumed.ts), unless the dry
 *   run read that asset and found the field empty (fill only when empty);
 * - the dry run: a sample of the changed assets is read and each field it would change is listed,
 *   before → after, with the counts per field.
 */
import { PUSH_FIELD_NAMES, type HardwareAsset, type IntegrationAssetInput, type PushField } from '../bms/assumed';
import { categoryToWrite } from '../mapping/categories';
import { countFieldChanges, describeChange, resolveFields, DEFAULT_OWNERSHIP, type FieldResolution, type FieldValues, type OwnershipSettings } from '../mapping/ownership';
import type { BmsClient } from '../bms/client';
import { ApiError } from '../http/errors';
import type { AssetAction, PushEntry } from './assets';
import type { ContactDirectory, ContactMatch, ContactMiss } from './contacts';

/**
 * what VSA says, as owned fields (VSA has no description for an asset); the contact only when the
 * agent's contact matched one of the account's (contacts.ts): the matched BMS contact, or, when it is
 * the one the asset already has, the asset's own value (no change)
 */
export function vsaFields(input: IntegrationAssetInput, contact?: ContactMatch | null, current?: HardwareAsset | null): FieldValues {
  const c = contact?.ok ? { contact: current && current.ContactId === contact.id ? assetContact(current) ?? contact.label : contact.label } : {};
  return {
    ...c,
    name: input.Name ?? null, serialNumber: input.AssetDetails?.SerialNumber ?? null, macAddress: input.AssetNetworkDetails?.MacAddress ?? null,
    ipAddress: input.AssetNetworkDetails?.IpAddress ?? null, osType: input.AssetDetails?.OsType ?? null, osInfo: input.AssetDetails?.OsInfo ?? null, category: input.Type ?? null,
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** "Ann Lee <ann@example.com>": how a contact shows in the dry run (and compares with the asset's) */
export function contactLabel(first: string | null | undefined, last: string | null | undefined, email: string | null | undefined): string | null {
  const name = [first, last].map((s) => (s ?? '').trim()).filter(Boolean).join(' ');
  const mail = (email ?? '').trim();
  return name && mail ? `${name} <${mail}>` : name || (mail ? `<${mail}>` : null);
}

/** the asset's contact as the dry run shows it; a contact id without a name still counts as set (never taken for empty) */
export function assetContact(a: HardwareAsset): string | null {
  const r = a as Record<string, unknown>;
  return contactLabel(str(r.ContactFirstName), str(r.ContactLastName), str(r.ContactEmailAddress)) ?? (typeof a.ContactId === 'number' && a.ContactId > 0 ? `#${a.ContactId}` : null);
}

/** what the BMS asset holds, as owned fields */
export function bmsFields(a: HardwareAsset): FieldValues {
  const r = a as Record<string, unknown>;
  const contact = assetContact(a);
  return {
    name: str(r.Name), serialNumber: str(r.SerialNumber), macAddress: str(r.MacAddress), ipAddress: str(r.IpAddress), osType: str(r.OsType), osInfo: str(r.OsInfo),
    // a category id without its name still counts as set (never taken for empty)
    category: str(r.Category) ?? str(r.CategoryName) ?? (typeof r.CategoryId === 'number' && r.CategoryId > 0 ? `#${r.CategoryId}` : null), contact, description: str(r.Description),
  };
}

/**
 * One asset's fields: `current` the BMS asset (null: a new one), `lastCategory` the category this
 * product last wrote there (a different one was set by hand and stays unless the settings say otherwise).
 */
export function resolveAsset(input: IntegrationAssetInput, current: HardwareAsset | null, own: OwnershipSettings = DEFAULT_OWNERSHIP, category: { lastSynced?: string | null; overwriteManual?: boolean } = {}, contact?: ContactMatch | null): FieldResolution {
  const cur = current ? bmsFields(current) : null;
  const res = resolveFields(cur, vsaFields(input, contact, current), own);
  const change = res.changes.find((c) => c.field === 'category');
  if (cur && change && change.before !== null) {
    const pick = categoryToWrite(change.after ?? '', change.before, category.lastSynced, category.overwriteManual ?? false);
    if (pick.keptManual) {
      res.changes = res.changes.filter((c) => c !== change);
      delete res.write.category;
      res.kept.push({ field: 'category', value: change.before, vsa: change.after, why: 'bms' });
    }
  }
  return res;
}

/**
 * The fields an existing asset's push leaves out, so BMS keeps them. With `known` (the dry run read the
 * asset) those the rules keep; else every field not owned by VSA (its BMS value is not known, so it is
 * never overwritten). A field VSA has no value for is left out too: it never blanks BMS's.
 */
export function keptFields(input: IntegrationAssetInput, own: OwnershipSettings, known?: FieldResolution): PushField[] {
  const vsa = vsaFields(input);
  return PUSH_FIELD_NAMES.filter((f) => {
    const v = vsa[f];
    if (v === null || v === undefined || !String(v).trim()) return true;
    return known ? known.kept.some((k) => k.field === f) : own[f] !== 'vsa';
  });
}

/** the dry run's listing: per asset read, each field it changes before → after, and the counts per field */
export interface FieldPreview {
  rows: { key: string; label: string; changes: string[]; kept: string[] }[];
  counts: { field: string; changes: number; kept: number }[];
  /** changed assets BMS already has that the sample did not read (their fields are compared when written) */
  unchecked: number;
  /** agents whose contact is left as the asset has it because no contact of its account matches, and why (contacts.ts) */
  contacts?: { key: string; label: string; email: string; why: ContactMiss }[];
}

export function fieldPreview(rows: { entry: PushEntry; res: FieldResolution }[], unchecked: number): FieldPreview {
  return {
    rows: rows.filter((r) => r.res.changes.length || r.res.kept.length).map((r) => ({
      key: r.entry.agentId, label: r.entry.input.Name ?? r.entry.agentId,
      changes: r.res.changes.map(describeChange),
      kept: r.res.kept.map((k) => `${k.field}: “${k.value ?? ''}” (${k.why === 'bms' ? 'BMS wins' : 'filled only when empty'}; VSA says “${k.vsa ?? ''}”)`),
    })),
    counts: countFieldChanges(rows.map((r) => r.res)),
    unchecked,
  };
}

/** how many changed assets a dry run reads from BMS to list their field changes (one GET each) */
export const FIELD_PREVIEW_READS = 25;
/** how many changed agents with a contact a dry run matches (their accounts' contacts are read once each) */
export const CONTACT_PREVIEW = 200;

/**
 * The dry run's field listing (B19): the first changed assets BMS already has are read (at most
 * FIELD_PREVIEW_READS), each field the sync would change is listed before → after, and a bulk
 * push of those assets then sends exactly the fields the rules let it change (a fill-only-when-empty
 * field that is empty in BMS is filled).
 */
export async function previewFields(bms: BmsClient, items: { action: AssetAction }[], own: OwnershipSettings, overwriteManual: boolean, signal?: AbortSignal, max = FIELD_PREVIEW_READS, contacts?: ContactDirectory): Promise<FieldPreview> {
  const existing: { entry: PushEntry; bulk: boolean }[] = [];
  const withContact: PushEntry[] = [];
  for (const it of items) {
    const a = it.action;
    if (a.kind !== 'push' && a.kind !== 'record') continue;
    for (const entry of a.entries) {
      if (entry.keep !== undefined || (a.kind === 'record' && entry.psaAssetId)) existing.push({ entry, bulk: a.kind === 'push' });
      if (entry.contact?.email) withContact.push(entry);
    }
  }
  // the contact's match for the changed agents that have one (one contacts read per account); those without one are named with why
  const matches = new Map<string, ContactMatch>();
  const missed: NonNullable<FieldPreview['contacts']> = [];
  if (contacts) {
    for (const e of withContact.slice(0, CONTACT_PREVIEW)) {
      const m = await contacts.match(e.accountId, e.contact, signal);
      if (!m) continue;
      matches.set(e.agentId, m);
      if (!m.ok) missed.push({ key: e.agentId, label: e.input.Name ?? e.agentId, email: e.contact!.email!, why: m.why });
    }
  }
  const rows: { entry: PushEntry; res: FieldResolution }[] = [];
  for (const x of existing.slice(0, max)) {
    const id = x.entry.psaAssetId;
    if (!id) continue;
    let cur: HardwareAsset;
    try {
      cur = await bms.asset(id, signal);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'not-found') continue;
      throw e;
    }
    const res = resolveAsset(x.entry.input, cur, own, { lastSynced: x.entry.lastCategory, overwriteManual }, matches.get(x.entry.agentId));
    rows.push({ entry: x.entry, res });
    if (x.bulk) x.entry.keep = keptFields(x.entry.input, own, res);
  }
  return { ...fieldPreview(rows, Math.max(0, existing.length - rows.length)), ...(missed.length ? { contacts: missed } : {}) };
}
