/**
 * The probe's record as lines for the command line (npm run smoke): each capability's state and
 * reason, what is off on this tenant, which answers had the wrong shape (with the one place in the
 * code that holds that shape), and what could not be told at all.
 */
import { BMS_LINK_FIELD } from '../bms/assumed';
import { VSA_LINK_FIELD } from '../vsa/assumed';
import { CAPABILITY_NAMES, type CapabilityName, type CapabilityRecord } from './types';

/** where each capability's expected answer is written down: a mismatch names this place */
export const CAPABILITY_ASSUMPTION: Record<CapabilityName, string> = {
  mappingStore: 'lib/bms/schemas.gen.ts EntityMappingOutputDtoIEnumerablePagedResponse ({t}/{e}: lib/bms/assumed.ts INTEGRATION_TYPE, ACCOUNT_ENTITY)',
  integration: 'lib/capabilities/assumed.ts RmmIntegrationsResponse, RmmStatusResponse, VSA_INTEGRATION_TYPE_IDS',
  departments: 'lib/bms/assumed.ts AccountDepartmentListResponse',
  legacyLocations: 'lib/capabilities/assumed.ts LegacyTokenResponse, LEGACY_TOKEN_PATH',
  customFieldModule: 'lib/bms/schemas.gen.ts CustomFieldOutputDtoIEnumerableResponse (modules tried: lib/capabilities/assumed.ts ACCOUNT_MODULE_CANDIDATES)',
  categoryTable: 'lib/capabilities/assumed.ts LookupResponse, CATEGORY_TABLE_CANDIDATES',
  sameOriginSession: 'lib/capabilities/probe.ts (not probed)',
  vsaMethod: 'lib/vsa/auth.ts vsaLogin',
  accountContacts: 'lib/bms/assumed.ts AccountContactListResponse, accountContactsPath',
};

const SYSTEM: Record<CapabilityName, 'VSA' | 'BMS'> = {
  mappingStore: 'BMS', integration: 'BMS', departments: 'BMS', legacyLocations: 'BMS', customFieldModule: 'BMS', categoryTable: 'BMS', sameOriginSession: 'BMS', vsaMethod: 'VSA', accountContacts: 'BMS',
};

export interface CapabilityReport {
  lines: string[];
  /** capabilities the tenant lacks */
  off: CapabilityName[];
  /** answers of the wrong shape: schema mismatches */
  mismatches: { system: 'VSA' | 'BMS'; name: CapabilityName; probe: string; reason: string; hint: string }[];
  /** rows that could not be told (no answer), other than the ones never probed */
  unreachable: string[];
}

export function capabilityReport(rec: CapabilityRecord, connected: { vsa: boolean; bms: boolean }): CapabilityReport {
  const out: CapabilityReport = { lines: [], off: [], mismatches: [], unreachable: [] };
  for (const n of CAPABILITY_NAMES) {
    const c = rec.caps[n];
    const skipped = n === 'sameOriginSession' || (SYSTEM[n] === 'VSA' ? !connected.vsa : !connected.bms);
    const tag = c.mismatch ? 'MISMATCH' : c.state === 'present' ? 'on      ' : c.state === 'absent' ? 'off     ' : skipped ? 'skipped ' : 'UNKNOWN ';
    out.lines.push(`${tag} ${n.padEnd(18)} ${c.reason}${c.probe ? `  [${c.probe}]` : ''}`);
    if (c.mismatch) {
      out.mismatches.push({ system: SYSTEM[n], name: n, probe: c.probe || n, reason: c.reason, hint: CAPABILITY_ASSUMPTION[n] });
      out.lines.push(`           hint: the expected shape is ${CAPABILITY_ASSUMPTION[n]}`);
    } else if (c.state === 'absent') out.off.push(n);
    else if (c.state === 'unknown' && !skipped) out.unreachable.push(`${n}: ${c.reason}`);
  }
  const d = rec.detail;
  const facts = [
    d.integrationType ? `integration "${d.integrationType}"${d.integrationTypeId !== null ? ` (type ${d.integrationTypeId})` : ''}` : null,
    d.entityType ? `mapping entity "${d.entityType}"` : null,
    d.accountsModuleId !== null ? `accounts custom-field module ${d.accountsModuleId}${d.ruleFieldId !== null ? ` (rule field ${d.ruleFieldId})` : ''}` : null,
    d.categoryTable ? `category table "${d.categoryTable}"` : null,
    d.categories.length ? `categories seen: ${d.categories.slice(0, 8).join(', ')}${d.categories.length > 8 ? ' …' : ''}` : null,
    d.vsaMethod ? `VSA sign-in by ${d.vsaMethod === 'token' ? 'personal access token' : 'password'}` : null,
    `link fields: VSA org field "${VSA_LINK_FIELD}" ${d.vsaLinkField}, BMS account field "${BMS_LINK_FIELD}" ${d.bmsLinkField}${d.linkFieldId !== null ? ` (field ${d.linkFieldId})` : ''}`,
  ].filter((x): x is string => !!x);
  if (facts.length) out.lines.push(`details  ${facts.join('; ')}`);
  return out;
}
