/**
 * The two BMS reads behind F18's warnings (../shared/api-contract.md §7): an account's contracts
 * (`GET /v2/finance/contracts/lookup`, plain query names, expired ones left out on request) and the
 * tickets of a VSA agent's asset (`GET /v2/servicedesk/vsaasset/{agentId}/tickets`, paged).
 */
import type { Context } from 'hono';
import { HttpError, intParam, type Env, type Reply } from './api';
import type { SandboxState } from './model';

type Register = (method: 'GET', path: string, h: (c: Context<Env>) => Reply | Promise<Reply>) => void;

const ok = (Result: unknown, extra: Record<string, unknown> = {}): Reply => ({ status: 200, body: { Success: true, Result, ...extra } });

export function riskRoutes(r: Register, S: () => SandboxState, maxPageSize: () => number): void {
  r('GET', '/finance/contracts/lookup', (c) => {
    const q = c.req.query();
    const account = q.AccountId ? intParam(q.AccountId, 'AccountId', { min: 0 }) : undefined;
    const ids = c.req.queries('Ids')?.map((x) => intParam(x, 'Ids', { min: 0 }));
    const name = q.Name?.toLowerCase();
    const excl = q.ExcludeExpiredContracts;
    if (excl !== undefined && !/^(true|false)$/i.test(excl)) throw new HttpError(400, `ExcludeExpiredContracts must be true or false, not "${excl}".`);
    const now = Date.now();
    const rows = [...S().bms.contracts.values()].filter((k) =>
      (account === undefined || k.AccountId === account) &&
      (!ids || ids.includes(k.Id)) &&
      (!name || k.Name.toLowerCase().includes(name)) &&
      (!/^true$/i.test(excl ?? '') || (k.IsActive && (k.EndDate === null || Date.parse(k.EndDate) >= now))));
    return ok(rows.map((k) => ({ Id: k.Id, Name: k.Name, IsDefault: k.IsDefault, SLAName: k.SLAName, IsActive: k.IsActive, EndDate: k.EndDate })));
  });

  r('GET', '/servicedesk/vsaasset/:agentId/tickets', (c) => {
    const agentId = c.req.param('agentId') ?? '';
    if (!/^\d{1,26}$/.test(agentId)) throw new HttpError(400, `agentId must be a VSA agent id (digits), not "${agentId}".`);
    const size = Math.min(intParam(c.req.query('PageSize'), 'PageSize', { min: 1, def: 50 }), maxPageSize());
    const number = intParam(c.req.query('PageNumber'), 'PageNumber', { min: 1, def: 1 });
    const rows = [...S().bms.tickets.values()].filter((t) => t.AgentId === agentId);
    return ok(rows.slice((number - 1) * size, number * size).map((t) => ({ Id: t.Id, TicketNumber: t.TicketNumber, Title: t.Title, StatusName: t.StatusName, AccountId: t.AccountId, CreatedOn: t.CreatedOn })), { TotalRecords: rows.length });
  });
}
