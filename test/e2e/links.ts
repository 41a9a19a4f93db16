/**
 * Where the sandbox tenant keeps the team's links, as the product would find them: BMS's mapping
 * store when the tenant has it, else the VSA org field "BMS Account Id" (the sandbox's default, as the
 * evidence says). Tests read the truth from the fake's state, never through the product.
 */
import type { Sandbox } from '../sandbox/server';
import { VSA_LINK_FIELD } from '../sandbox/seed';

export type TeamLink = { ExternalId: string; PsaId: number };

export function mappingStoreOn(sb: Sandbox): boolean {
  return sb.faults.bms.faults.capabilities.mappingStore;
}

/** org id → link, read from the tenant's state */
export function teamLinks(sb: Sandbox): Map<string, TeamLink> {
  const s = sb.state();
  if (mappingStoreOn(sb)) return new Map([...(s.bms.mappings.get('vsa/account')?.values() ?? [])].map((m) => [m.ExternalId, { ExternalId: m.ExternalId, PsaId: m.PsaId }]));
  const out = new Map<string, TeamLink>();
  for (const o of s.vsa.orgs.values()) {
    const v = o.CustomFields.find((f) => f.FieldName === VSA_LINK_FIELD)?.FieldValue?.trim();
    if (v && /^\d+$/.test(v)) out.set(String(o.OrgId), { ExternalId: String(o.OrgId), PsaId: Number(v) });
  }
  return out;
}
