/** F18 from BMS's own data: open contracts before a link or clear, assets with tickets before a clear or a deactivation. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentTickets, openContracts } from '@/lib/bms/risk';
import { riskWarnings } from '@/lib/mapping/risk';
import type { IdbJournal as Journal } from '@/lib/store/journal-idb';
import type { JobManager } from '@/lib/sync/manager';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, freshStart, managerFor } from './helpers';

let sb: Sandbox;
let journal: Journal;
let jobs: JobManager;
const { bms } = clientsFor(() => sb);

beforeAll(async () => {
  sb = await startSandbox({ orgs: 150, agents: 600, seed: 71, faults: { jobDelayMs: 10 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 10);
  jobs = managerFor(sb, journal);
});

const open = (accountId: number) => [...sb.state().bms.contracts.values()].filter((c) => c.AccountId === accountId && c.IsActive && (c.EndDate === null || Date.parse(c.EndDate) >= Date.now()));

describe('reads', () => {
  it('contracts/lookup leaves expired contracts out; vsaasset tickets counts an agent\'s tickets', async () => {
    const s = sb.state();
    const withExpired = [...s.bms.accounts.values()].find((a) => [...s.bms.contracts.values()].some((c) => c.AccountId === a.Id && c.EndDate !== null && Date.parse(c.EndDate) < Date.now()))!;
    expect((await openContracts(bms(), withExpired.Id)).map((c) => c.Id).sort()).toEqual(open(withExpired.Id).map((c) => c.Id).sort());
    const t = [...s.bms.tickets.values()][0];
    const n = [...s.bms.tickets.values()].filter((x) => x.AgentId === t.AgentId).length;
    expect((await agentTickets(bms(), t.AgentId)).count).toBe(n);
    expect((await agentTickets(bms(), '1234567')).count).toBe(0);
  });
});

describe('warnings before a risky step', () => {
  it('linking to an account with open contracts says so; an account without says nothing of contracts', async () => {
    const ov = await jobs.overview(true);
    const free = ov.rows.filter((r) => r.status !== 'linked');
    const accs = ov.accounts.filter((a) => a.orgId === null && a.active);
    const withC = accs.find((a) => open(a.id).length > 0)!;
    const without = accs.find((a) => !sb.state().bms.contracts.size || ![...sb.state().bms.contracts.values()].some((c) => c.AccountId === a.id))!;
    const w1 = (await jobs.warnings(free[0].orgId, withC.id)).warnings;
    expect(w1.find((w) => w.code === 'open-contracts')?.message).toMatch(new RegExp(`${open(withC.id).length} open contract`));
    const w2 = (await jobs.warnings(free[0].orgId, without.id)).warnings;
    expect(w2.some((w) => w.code === 'open-contracts')).toBe(false);
  });

  it('clearing a link whose assets have tickets says how many', async () => {
    const s = sb.state();
    const ticketAgents = new Set([...s.bms.tickets.values()].map((t) => t.AgentId));
    const m = [...s.bms.mappings.get('vsa/account')!.values()].find((x) => [...s.vsa.agents.values()].some((a) => String(a.OrgId) === x.ExternalId && ticketAgents.has(String(a.AgentId))))!;
    // this browser synced the org's assets before
    const plan = await jobs.planAssetSync({ orgId: m.ExternalId });
    await jobs.start(plan.progress.jobId);
    await jobs.waitIdle();
    const w = (await jobs.warnings(m.ExternalId, m.PsaId, 'clear')).warnings;
    const expected = [...s.vsa.agents.values()].filter((a) => String(a.OrgId) === m.ExternalId && ticketAgents.has(String(a.AgentId))).length;
    expect(w.find((x) => x.code === 'asset-tickets')?.message).toMatch(new RegExp(`^${expected} of this org's assets have tickets`));
  });

  it('an asset sync that deactivates assets with tickets says so in its dry run', async () => {
    const s = sb.state();
    const ticketAgents = new Set([...s.bms.tickets.values()].map((t) => t.AgentId));
    const first = await jobs.planAssetSync({});
    await jobs.start(first.progress.jobId);
    await jobs.waitIdle();
    const victim = [...s.vsa.agents.values()].find((a) => ticketAgents.has(String(a.AgentId)))!;
    s.vsa.agents.delete(victim.AgentId);
    const plan = await jobs.planAssetSync({});
    expect(plan.progress.summary.deactivate).toBe(1);
    expect(plan.notice).toMatch(/1 of the assets to deactivate have tickets/);
  });

  it('the words for each action (pure)', () => {
    const f = { account: { name: 'Acme', openContracts: [{ name: 'Gold' }, { name: 'Backup' }] }, tickets: { withTickets: 2, tickets: 5, checked: 25, total: 40 } };
    expect(riskWarnings('link', f).map((w) => w.code)).toEqual(['open-contracts', 'asset-tickets']);
    expect(riskWarnings('clear', f)[1].message).toBe('2 of this org\'s assets have tickets (5 in all) (25 of 40 checked): they keep them, but the assets are no longer kept in sync.');
    expect(riskWarnings('link', { account: { name: 'A', openContracts: [], unchecked: 'HTTP 404' } })[0].message).toMatch(/Could not check whether account "A" has open contracts \(HTTP 404\)/);
    expect(riskWarnings('clear', { account: { name: 'A', openContracts: [] } })).toEqual([]);
  });
});
