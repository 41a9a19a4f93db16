/**
 * What makes a link, a clear or a deactivation risky (F18), from BMS's own data
 * (../shared/api-contract.md §7): the account's open contracts and the tickets of an agent's asset.
 * Read only; each is one call (the ticket list asks for one row: its total is the count).
 */
import { z } from 'zod';
import type { BmsClient } from './client';

/** `GET /v2/finance/contracts/lookup` → Id, Name, IsDefault, SLAName, IsActive, EndDate (field names from the vendor document) */
export const ContractLookup = z.looseObject({
  Id: z.number().int(),
  Name: z.string().nullable().optional(),
  IsDefault: z.boolean().nullable().optional(),
  SLAName: z.string().nullable().optional(),
  IsActive: z.boolean().nullable().optional(),
  EndDate: z.string().nullable().optional(),
});
export type ContractLookup = z.infer<typeof ContractLookup>;
const ContractLookupList = z.looseObject({ Success: z.boolean().optional(), Result: z.array(ContractLookup).nullable() });

/** `GET /v2/servicedesk/vsaasset/{agentId}/tickets` → Id, TicketNumber, Title, StatusName, … (paged) */
export const AssetTicket = z.looseObject({
  Id: z.number().int(),
  TicketNumber: z.string().nullable().optional(),
  Title: z.string().nullable().optional(),
  StatusName: z.string().nullable().optional(),
});
export type AssetTicket = z.infer<typeof AssetTicket>;
const AssetTicketPage = z.looseObject({ Success: z.boolean().optional(), Result: z.array(AssetTicket).nullable(), TotalRecords: z.number().int().nonnegative().optional() });

/** the account's contracts that have not expired (BMS leaves the expired ones out) */
export async function openContracts(bms: BmsClient, accountId: number, signal?: AbortSignal): Promise<ContractLookup[]> {
  const res = await bms.http.request({
    method: 'GET', path: '/finance/contracts/lookup', endpoint: 'GET /finance/contracts/lookup', schema: ContractLookupList, recordId: accountId, signal,
    query: { AccountId: accountId, ExcludeExpiredContracts: true },
  });
  return (res.Result ?? []).filter((c) => c.IsActive !== false);
}

/** how many tickets the asset of this VSA agent has, with the first few for the warning */
export async function agentTickets(bms: BmsClient, agentId: string, signal?: AbortSignal): Promise<{ count: number; first: AssetTicket[] }> {
  const res = await bms.http.request({
    method: 'GET', path: `/servicedesk/vsaasset/${encodeURIComponent(agentId)}/tickets`, endpoint: 'GET /servicedesk/vsaasset/{agentId}/tickets', schema: AssetTicketPage, recordId: agentId, signal,
    query: { PageNumber: 1, PageSize: 3 },
  });
  const rows = res.Result ?? [];
  return { count: res.TotalRecords ?? rows.length, first: rows };
}

/**
 * Of these agents, the ones whose assets have tickets, reading at most `maxCalls` of them (one call
 * each, from BMS's hourly quota): `checked` says how many were read, so a warning can say "at least".
 */
export async function agentsWithTickets(bms: BmsClient, agentIds: string[], maxCalls: number, signal?: AbortSignal): Promise<{ checked: number; withTickets: { agentId: string; count: number }[] }> {
  const ids = agentIds.slice(0, Math.max(0, maxCalls));
  const out: { agentId: string; count: number }[] = [];
  for (let k = 0; k < ids.length; k += 4) {
    const part = await Promise.all(ids.slice(k, k + 4).map(async (agentId) => ({ agentId, count: (await agentTickets(bms, agentId, signal)).count })));
    for (const p of part) if (p.count > 0) out.push(p);
  }
  return { checked: ids.length, withTickets: out };
}
