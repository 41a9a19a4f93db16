/**
 * The probe's remaining guesses about real tenants, each [assumed] (../shared/api-contract.md §9,
 * §10). One place: a live tenant's answer is a change here, not in the probe.
 */
import { z } from 'zod';

/** [assumed] custom-field module ids tried, in order, to find the accounts module (the one listing RULE_FIELD_NAME); 22 is tickets per a public script */
export const ACCOUNT_MODULE_CANDIDATES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
/** [assumed] lookup table names tried for "Admin > My Company > Lists > Asset Hardware Category" */
export const CATEGORY_TABLE_CANDIDATES = ['AssetHardwareCategory', 'HardwareAssetCategory', 'AssetCategory'];
/** [assumed] numeric Type of a VSA integration in GET /v2/rmm/integrations (the document's accessinfo default is 2) */
export const VSA_INTEGRATION_TYPE_IDS = [2];
/** [assumed] the legacy v1 API lives on the same host as v2 (https://<host>/api/token) */
export const LEGACY_TOKEN_PATH = '/api/token';

/** GET /v2/rmm/integrations → [{Type, Enabled, Target, …}] [confirmed: SPEC]; not in the subset document */
export const RmmIntegration = z.looseObject({ Type: z.number().int(), Enabled: z.boolean().nullable().optional(), Target: z.string().nullable().optional() });
export const RmmIntegrationsResponse = z.looseObject({ Success: z.boolean().optional(), Result: z.array(RmmIntegration).nullable() });
/** GET /v2/rmm/{t}/status → {IsEnabled} [confirmed: SPEC] */
export const RmmStatusResponse = z.looseObject({ Success: z.boolean().optional(), Result: z.looseObject({ IsEnabled: z.boolean() }) });
/** GET /v2/system/lookup/{tableName} → [{Id, Name, IsDefault, IsActive}] [confirmed: SPEC] */
export const LookupResponse = z.looseObject({ Success: z.boolean().optional(), Result: z.array(z.looseObject({ Id: z.number().int(), Name: z.string().nullable() })).nullable() });
/** legacy v1 POST /api/token → {access_token, expires_in} [confirmed: RUBY] */
export const LegacyTokenResponse = z.looseObject({ access_token: z.string().min(1), expires_in: z.number().optional() });
/** [assumed] VSA lists every defined org custom field on each org, empty or not: the first page of orgs tells whether the link field exists */
export const VSA_FIELD_PROBE_ORGS = 100;
/** the link fields the probe looks for (kept in lib/vsa/assumed.ts and lib/bms/assumed.ts), for the words of the options page */
export { VSA_LINK_FIELD } from '../vsa/assumed';
export { BMS_LINK_FIELD } from '../bms/assumed';
