/**
 * What a tenant supports (../shared/api-contract.md §9), as one typed record per tenant. The probe
 * (probe.ts) fills it read-only; features receive the record, never a client, and nothing else in
 * the product guesses what a tenant supports. A capability that could not be probed is `unknown`,
 * never `present`: unknown blocks writes exactly as absent does.
 */
import { z } from 'zod';

export const CAPABILITY_NAMES = [
  'mappingStore', 'integration', 'departments', 'legacyLocations', 'customFieldModule', 'categoryTable', 'sameOriginSession', 'vsaMethod', 'accountContacts',
] as const;
export type CapabilityName = (typeof CAPABILITY_NAMES)[number];

export const CapabilityStateName = z.enum(['present', 'absent', 'unknown']);
export type CapabilityStateName = z.infer<typeof CapabilityStateName>;

/** one row of §9: its state and, in English for logs and the smoke command, why */
export const Capability = z.object({
  state: CapabilityStateName,
  /** why absent or unknown (the server's words where it gave some); for present, what was seen */
  reason: z.string(),
  /** the endpoint the probe read, e.g. "GET /v2/rmm/{t}/mappings/{e}" */
  probe: z.string(),
  /** true when the server answered, but not in the shape the product expects (a schema mismatch, not a missing capability) */
  mismatch: z.boolean().optional(),
});
export type Capability = z.infer<typeof Capability>;

export const CapabilityDetail = z.object({
  /** {t} of /v2/rmm/{t}/… as used for this tenant, and the integration's numeric type and target as listed by BMS */
  integrationType: z.string().nullable(),
  integrationTypeId: z.number().nullable(),
  integrationTarget: z.string().nullable(),
  integrationEnabled: z.boolean().nullable(),
  /** {e} of /v2/rmm/{t}/mappings/{e} */
  entityType: z.string().nullable(),
  /** the custom-field module of accounts (the one that lists the team's rule field) and that field's id */
  accountsModuleId: z.number().nullable(),
  ruleFieldId: z.number().nullable(),
  /** the lookup table that answered with asset categories, and the category names seen (table or existing assets) */
  categoryTable: z.string().nullable(),
  categories: z.array(z.string()),
  /** how VSA accepted the sign-in: personal access token or the on-premises legacy password */
  vsaMethod: z.enum(['token', 'password']).nullable(),
  /**
   * the rest of §9's chain for links, after the mapping store: the VSA org custom field and the BMS
   * account custom field an admin creates to hold a link (lib/vsa/assumed.ts VSA_LINK_FIELD,
   * lib/bms/assumed.ts BMS_LINK_FIELD), and the BMS field's id in the accounts module
   */
  vsaLinkField: CapabilityStateName,
  bmsLinkField: CapabilityStateName,
  linkFieldId: z.number().nullable(),
});
export type CapabilityDetail = z.infer<typeof CapabilityDetail>;

export const CapabilityRecord = z.object({
  version: z.literal(1),
  /** probeKey(vsaUrl, bmsUrl, tenant): a tenant never reads another's answers */
  key: z.string(),
  vsaUrl: z.string().nullable(),
  bmsUrl: z.string().nullable(),
  tenant: z.string().nullable(),
  probedAt: z.number(),
  // a row added after a record was stored reads as not probed yet (the record stays usable; "Test connection" fills it)
  caps: z.object(Object.fromEntries(CAPABILITY_NAMES.map((n) => [n, n === 'accountContacts' ? Capability.default({ state: 'unknown', reason: 'not probed yet', probe: '' }) : Capability])) as Record<CapabilityName, typeof Capability>),
  detail: CapabilityDetail,
});
export type CapabilityRecord = z.infer<typeof CapabilityRecord>;

/** the key of a tenant's record: VSA URL + BMS API URL + BMS tenant (case-insensitive) */
export function probeKey(vsaUrl: string | null, bmsUrl: string | null, tenant: string | null): string {
  return JSON.stringify([vsaUrl ?? '', bmsUrl ?? '', (tenant ?? '').trim().toLowerCase()]);
}

export const EMPTY_DETAIL: CapabilityDetail = {
  integrationType: null, integrationTypeId: null, integrationTarget: null, integrationEnabled: null, entityType: null,
  accountsModuleId: null, ruleFieldId: null, categoryTable: null, categories: [], vsaMethod: null,
  vsaLinkField: 'unknown', bmsLinkField: 'unknown', linkFieldId: null,
};

/** a record older than this is probed again before a command-line job (a nightly run sees a tenant's change the next night) */
export const CAPABILITY_MAX_AGE_MS = 24 * 3_600_000;

/** what a capability is needed for, in the words of the error a blocked write raises */
const NEEDED_FOR: Record<CapabilityName, string> = {
  mappingStore: "writing links to BMS's mapping store",
  integration: "pushing assets in bulk through BMS's VSA integration",
  departments: 'setting departments on BMS accounts',
  legacyLocations: "adding locations to existing BMS accounts (BMS's legacy API)",
  customFieldModule: 'keeping location rules in the BMS account field',
  categoryTable: "reading BMS's asset category list",
  sameOriginSession: 'acting as the signed-in BMS user',
  vsaMethod: 'signing in to VSA',
  accountContacts: "reading the contacts of BMS accounts (the asset's contact)",
};

export class CapabilityError extends Error {
  readonly code = 'capability';
  constructor(readonly capability: CapabilityName, readonly state: CapabilityStateName | 'unprobed', message: string) {
    super(message);
    this.name = 'CapabilityError';
  }
}

/** true only when the record says the tenant has it (a missing record or unknown is false) */
export function hasCapability(caps: CapabilityRecord | null | undefined, name: CapabilityName): boolean {
  return caps?.caps[name].state === 'present';
}

/**
 * No write starts on an unprobed capability: throws a CapabilityError that names what was wanted,
 * the capability's state and what to do, unless the record says `present`.
 */
export function requireCapability(caps: CapabilityRecord | null | undefined, name: CapabilityName): void {
  if (!caps) {
    throw new CapabilityError(name, 'unprobed', `Not done: ${NEEDED_FOR[name]} needs a capability check first. Use "Test connection" in the settings.`);
  }
  const c = caps.caps[name];
  if (c.state === 'present') return;
  throw new CapabilityError(name, c.state, c.state === 'absent'
    ? `Not done: ${NEEDED_FOR[name]} is not available on this tenant (${c.reason}).`
    : `Not done: ${NEEDED_FOR[name]} could not be checked (${c.reason}). Use "Test connection" in the settings to check again.`);
}

/** a record where nothing was probed (every row unknown with the given reason), for a tenant not yet reachable */
export function unprobedRecord(key: { vsaUrl: string | null; bmsUrl: string | null; tenant: string | null }, reason: string, now: number): CapabilityRecord {
  const caps = Object.fromEntries(CAPABILITY_NAMES.map((n) => [n, { state: 'unknown', reason, probe: '' } satisfies Capability])) as Record<CapabilityName, Capability>;
  return { version: 1, key: probeKey(key.vsaUrl, key.bmsUrl, key.tenant), ...key, probedAt: now, caps, detail: { ...EMPTY_DETAIL, categories: [] } };
}
