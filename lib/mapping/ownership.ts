/**
 * Field ownership (B19): per synced asset field, who wins when VSA and BMS differ.
 * - "vsa": VSA wins (the default for machine data: name, serial, addresses, OS, check-ins)
 * - "bms": BMS wins (the sync never changes the field on an existing asset; a new asset gets VSA's value)
 * - "fillEmpty": only an empty BMS field is filled (the default for fields people edit by hand:
 *   contact, description)
 * The result names every field that would change, before → after, for the dry run. Pure: no I/O.
 */

export type Ownership = 'vsa' | 'bms' | 'fillEmpty';

export const OWNED_FIELDS = ['name', 'serialNumber', 'macAddress', 'ipAddress', 'osType', 'osInfo', 'category', 'contact', 'description'] as const;
export type OwnedField = (typeof OWNED_FIELDS)[number];

export type OwnershipSettings = Record<OwnedField, Ownership>;

export const DEFAULT_OWNERSHIP: OwnershipSettings = {
  name: 'vsa', serialNumber: 'vsa', macAddress: 'vsa', ipAddress: 'vsa', osType: 'vsa', osInfo: 'vsa', category: 'vsa',
  contact: 'fillEmpty', description: 'fillEmpty',
};

export type FieldValues = Partial<Record<OwnedField, string | null>>;

export interface FieldChange { field: OwnedField; before: string | null; after: string | null }
export interface FieldKept { field: OwnedField; value: string | null; vsa: string | null; why: 'bms' | 'fillEmpty' }

export interface FieldResolution {
  /** the values to write (only fields that change) */
  write: FieldValues;
  changes: FieldChange[];
  /** fields where VSA differs but BMS's value stays, and why */
  kept: FieldKept[];
}

const clean = (v: string | null | undefined): string | null => {
  const t = typeof v === 'string' ? v.trim() : null;
  return t ? t : null;
};

const sameValue = (a: string | null, b: string | null) => {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (/^\d{4}-\d\d-\d\dT/.test(a) && /^\d{4}-\d\d-\d\dT/.test(b)) return Date.parse(a) === Date.parse(b);
  return a === b;
};

/**
 * What a sync does to one asset's owned fields. `current` is the asset in BMS (null: a new asset,
 * which gets every non-empty VSA value), `vsa` what VSA says. A field VSA has no value for is never
 * blanked out in BMS.
 */
export function resolveFields(current: FieldValues | null, vsa: FieldValues, own: OwnershipSettings = DEFAULT_OWNERSHIP): FieldResolution {
  const out: FieldResolution = { write: {}, changes: [], kept: [] };
  for (const field of OWNED_FIELDS) {
    if (!(field in vsa)) continue;
    const after = clean(vsa[field]);
    if (current === null) {
      if (after !== null) {
        out.write[field] = after;
        out.changes.push({ field, before: null, after });
      }
      continue;
    }
    const before = clean(current[field]);
    if (after === null || sameValue(before, after)) continue;
    const rule = own[field] ?? 'vsa';
    if (rule === 'vsa' || (rule === 'fillEmpty' && before === null)) {
      out.write[field] = after;
      out.changes.push({ field, before, after });
    } else out.kept.push({ field, value: before, vsa: after, why: rule === 'bms' ? 'bms' : 'fillEmpty' });
  }
  return out;
}

/** the dry run's counts: per field, how many assets it changes on (and keeps) */
export function countFieldChanges(rows: Iterable<FieldResolution>): { field: OwnedField; changes: number; kept: number }[] {
  const m = new Map<OwnedField, { field: OwnedField; changes: number; kept: number }>();
  const at = (f: OwnedField) => {
    let e = m.get(f);
    if (!e) m.set(f, (e = { field: f, changes: 0, kept: 0 }));
    return e;
  };
  for (const r of rows) {
    for (const c of r.changes) at(c.field).changes++;
    for (const k of r.kept) at(k.field).kept++;
  }
  return OWNED_FIELDS.filter((f) => m.has(f)).map((f) => m.get(f)!);
}

/** "contact: “Ann” → “Bob”", for a dry-run line */
export const describeChange = (c: FieldChange): string => `${c.field}: ${c.before === null ? '(empty)' : `“${c.before}”`} → ${c.after === null ? '(empty)' : `“${c.after}”`}`;
