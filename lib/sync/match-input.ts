/**
 * What the matcher is given besides names, where the data has it: VSA's OrgRef and website, BMS's
 * AccountCode (accounts summary), website and email domains ([assumed] field, lib/bms/assumed.ts).
 * One place, so the sync list and the import plan match alike.
 */
import { accountEmailDomains } from '../bms/assumed';
import type { NamedRecord } from '../mapping/match';

export function orgRecord(o: { OrgId: string; OrgName: string; OrgRef?: string | null; Website?: string | null }): NamedRecord {
  return { id: o.OrgId, name: o.OrgName, ref: o.OrgRef ?? null, domains: o.Website ? [o.Website] : [] };
}

export function accountSignals(a: { AccountCode?: string | null; Website?: string | null } & Record<string, unknown>): { code: string | null; domains: string[] } {
  return { code: a.AccountCode ?? null, domains: [...(a.Website ? [a.Website] : []), ...accountEmailDomains(a)] };
}
