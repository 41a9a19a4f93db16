/** The billing check (B20) against the sandbox: per linked account, agents by category beside its active contracts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { billingReport } from '@/lib/sync/billing-report';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor } from './helpers';

let sb: Sandbox;
const { bms, vsa } = clientsFor(() => sb);

beforeAll(async () => {
  sb = await startSandbox({ orgs: 30, agents: 300, seed: 17, faults: { quotaPerHour: 0 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());

describe('billing check', () => {
  it('lists every linked account with its agents by category and active contracts, flagged both ways, read only', async () => {
    const ctx = { vsa: vsa(), bms: bms(), defaults: { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 }, autoCreate: false };
    await fetch(`${sb.vsaUrl}/__sandbox/stats/reset`, { method: 'POST', body: '{}' });
    const r = await billingReport(ctx);
    const st = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { bms: { writes: number } };
    expect(st.bms.writes).toBe(0);
    const s = sb.state();
    const links = s.bms.mappings.get('vsa/account')!;
    const linked = new Set([...links.values()].map((m) => m.PsaId));
    expect(r.rows).toBe(linked.size);
    const rows = Papa.parse<Record<string, string>>(r.csv.trim(), { header: true }).data;
    const contractsOf = (id: number) => [...s.bms.contracts.values()].filter((c) => c.AccountId === id && c.IsActive !== false);
    for (const row of rows) {
      const id = Number(row.account_id);
      const orgIds = [...links].filter(([, m]) => m.PsaId === id).map(([o]) => o);
      const agents = [...s.vsa.agents.values()].filter((a) => orgIds.includes(String(a.OrgId))).length;
      expect(Number(row.agents)).toBe(agents);
      const active = contractsOf(id).length;
      expect(row.flag).toBe(agents > 0 && active === 0 ? 'agents-no-contract' : agents === 0 && active > 0 ? 'contract-no-agents' : '');
    }
    expect(r.flagged).toBe(rows.filter((x) => x.flag).length);
    // the view's list: the flagged accounts, each with the CSV's flag and counts
    expect(r.flags.length).toBe(Math.min(100, r.flagged));
    for (const fl of r.flags) {
      const row = rows.find((x) => Number(x.account_id) === fl.accountId)!;
      expect([fl.flag, fl.agents, fl.contracts, fl.accountName]).toEqual([row.flag, Number(row.agents), Number(row.active_contracts), row.account_name]);
    }
  });
});
