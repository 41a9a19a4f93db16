/**
 * What the product needs from BMS that the vendor's published document does not have, each
 * [assumed] in ../shared/api-contract.md. One place, so a live tenant's truth is a small change.
 */
import { z } from 'zod';
import { ErrorInfo, HardwareAssetInputDto, HardwareAssetOutputDto, IntegrationtAssetInputDto } from './schemas.gen';

/** the values of {integrationType} and {entityType} in /v2/rmm/{integrationType}/mappings/{entityType} */
export const INTEGRATION_TYPE = 'vsa';
export const ACCOUNT_ENTITY = 'account';
/** [assumed] BMS's server-side cap on PageSize */
export const BMS_PAGE_SIZE = 100;

/** per-account departments: GET/POST /v2/crm/accounts/{accountId}/departments */
export const AccountDepartment = z.looseObject({ Id: z.number().int(), AccountId: z.number().int().optional(), Name: z.string().nullable(), IsActive: z.boolean().optional() });
export type AccountDepartment = z.infer<typeof AccountDepartment>;
export const AccountDepartmentListResponse = z.looseObject({ Success: z.boolean().optional(), Error: ErrorInfo.nullable().optional(), Result: z.array(AccountDepartment).nullable() });
export const AccountDepartmentResponse = z.looseObject({ Success: z.boolean().optional(), Error: ErrorInfo.nullable().optional(), Result: AccountDepartment });

/** DepartmentId on hardware assets and in the integration's asset push */
export const HardwareAsset = HardwareAssetOutputDto.extend({ DepartmentId: z.number().int().nullable().optional() });
export type HardwareAsset = z.infer<typeof HardwareAsset>;
export const HardwareAssetInput = HardwareAssetInputDto.extend({ DepartmentId: z.number().int().nullable().optional() });
export type HardwareAssetInput = z.input<typeof HardwareAssetInput>;
export const IntegrationAssetInput = IntegrationtAssetInputDto.extend({ DepartmentId: z.string().nullable().optional() });
export type IntegrationAssetInput = z.input<typeof IntegrationAssetInput>;

/** a location change through legacy v1 PUT /api/crm/locations/{id} (v2 has none): rename, (de)activate, "Convert to Main" [assumed: IsMain] */
export interface LocationUpdate {
  LocationName?: string;
  IsMain?: boolean;
  IsActive?: boolean;
}

/** the document names no response for the mapping import/delete: the asset job's shape is assumed */
export { IntegrationJobOutputDtoResponse as MappingJobResponse } from './schemas.gen';

/**
 * [assumed] Location rules are kept for the whole team (B9) in a text custom field of accounts, named
 * below, that an admin creates once in BMS. The module id of accounts is not published; 1 is assumed.
 */
export const ACCOUNT_CUSTOM_FIELD_MODULE = 1;
export const RULE_FIELD_NAME = 'VSA Location Rule';
/** [assumed] the account custom field an admin creates to share links through BMS (§9's third step): it holds the VSA org id */
export const BMS_LINK_FIELD = 'VSA Org Id';

/**
 * [assumed] BMS's bulk mapping job answers a pair that was already there with StatusCode "200" and a
 * StatusMessage saying "Unchanged" (the vendor documents no separate code; the sandbox answers so).
 * Such a link was not made by the job, so it is not recorded as created (undo leaves it alone).
 */
export const isUnchangedDetail = (d: { StatusCode?: string | null; StatusMessage?: string | null }): boolean => d.StatusCode === '200' && /unchanged/i.test(d.StatusMessage ?? '');

/** [assumed] what BMS needs for a new account (type, business type, manager); the settings will choose them */
export const DEFAULT_ACCOUNT_DEFAULTS = { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 } as const;

/**
 * [assumed] An account's email domains (the "Email Domains" account tab, contract §… [confirmed: VOREX]
 * as a UI tab) are not in the published account DTOs. Assumed: the accounts summary may carry them as
 * `EmailDomains` (strings, or objects with `Domain` / `DomainName`). Read defensively: absent → none,
 * and the matcher then has no domain signal for that account (it never blocks on a missing signal).
 */
export function accountEmailDomains(a: Record<string, unknown>): string[] {
  const raw = a.EmailDomains;
  if (!Array.isArray(raw)) return typeof raw === 'string' ? raw.split(/[;,\s]+/).filter(Boolean) : [];
  return raw.map((d) => (typeof d === 'string' ? d : d && typeof d === 'object' ? String((d as Record<string, unknown>).Domain ?? (d as Record<string, unknown>).DomainName ?? '') : '')).filter(Boolean);
}

/**
 * [assumed] Relinking an asset to a reinstalled agent (B16). The vendor's HardwareAssetInputDto has no
 * AgentId, so PUT /servicedesk/hardwareasset/{id} cannot move a record to another agent. Assumed: the
 * integration's PUT /rmm/{t}/assets with the asset's own AssetId (the id it was pushed under: the
 * removed agent's id, as every push of ours sends AssetId = AgentId) and the new AgentId moves that
 * asset to the new agent; BMS answers with the same PsaAssetId (history and contract units stay).
 * The run checks that PsaAssetId and counts the relink done only then.
 */
export const relinkPushItem = (input: IntegrationAssetInput, oldAgentId: string): IntegrationAssetInput => ({ ...input, TransactionId: input.AgentId ?? input.TransactionId, AssetId: oldAgentId });

/**
 * [assumed] Field ownership (B19) in the integration's asset push: a field left out of an item (absent,
 * not null) keeps the value BMS has; a null clears it. The vendor's document does not say; the product
 * leaves out each field whose owner is not VSA (and each VSA has no value for) on an asset BMS already has.
 */
export type PushField = 'name' | 'category' | 'serialNumber' | 'osType' | 'osInfo' | 'ipAddress' | 'macAddress';
const PUSH_FIELDS: Record<PushField, (i: IntegrationAssetInput) => void> = {
  name: (i) => delete i.Name,
  category: (i) => delete i.Type,
  serialNumber: (i) => { if (i.AssetDetails) delete i.AssetDetails.SerialNumber; },
  osType: (i) => { if (i.AssetDetails) delete i.AssetDetails.OsType; },
  osInfo: (i) => { if (i.AssetDetails) delete i.AssetDetails.OsInfo; },
  ipAddress: (i) => { if (i.AssetNetworkDetails) delete i.AssetNetworkDetails.IpAddress; },
  macAddress: (i) => { if (i.AssetNetworkDetails) delete i.AssetNetworkDetails.MacAddress; },
};
export const PUSH_FIELD_NAMES = Object.keys(PUSH_FIELDS) as PushField[];
/** the push item without the fields BMS is to keep */
export function omitFromPush(input: IntegrationAssetInput, fields: readonly string[] | undefined): IntegrationAssetInput {
  if (!fields?.length) return input;
  const out: IntegrationAssetInput = { ...input, AssetDetails: input.AssetDetails ? { ...input.AssetDetails } : undefined, AssetNetworkDetails: input.AssetNetworkDetails ? { ...input.AssetNetworkDetails } : undefined };
  for (const f of fields) PUSH_FIELDS[f as PushField]?.(out);
  return out;
}

/**
 * [assumed] An account's contacts (the "Contacts" account tab, contract §… [confirmed: VOREX] as a UI
 * tab) are not in the published document. Assumed: GET /v2/crm/accounts/{accountId}/contacts answers
 * them all (as the departments of an account are read), each with its name and email address. Read
 * once per account that needs it; the capability probe says whether a tenant answers it (accountContacts).
 */
export const accountContactsPath = (accountId: number): string => `/crm/accounts/${accountId}/contacts`;
export const AccountContact = z.looseObject({
  Id: z.number().int(),
  AccountId: z.number().int().nullable().optional(),
  FirstName: z.string().nullable().optional(),
  LastName: z.string().nullable().optional(),
  EmailAddress: z.string().nullable().optional(),
  Email: z.string().nullable().optional(),
  IsActive: z.boolean().nullable().optional(),
});
export type AccountContact = z.infer<typeof AccountContact>;
export const AccountContactListResponse = z.looseObject({ Success: z.boolean().optional(), Error: ErrorInfo.nullable().optional(), Result: z.array(AccountContact).nullable() });
export const contactEmail = (c: AccountContact): string | null => (c.EmailAddress ?? c.Email ?? '').trim() || null;
