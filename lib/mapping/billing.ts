/**
 * Billing check (B20): per account, the agents by category next to the account's active contracts
 * (contract v3 §7, /finance/contracts/lookup), flagged when an account has agents but no active
 * contract, or an active contract but no agents. CSV out, formula-safe. Pure: no I/O.
 */
import Papa from 'papaparse';

export interface BillingContract { id: number; name: string; isActive: boolean; endDate?: string | null }

export type BillingFlag = 'agents-no-contract' | 'contract-no-agents';

export interface BillingRow {
  accountId: number;
  accountName: string;
  /** agents by category, e.g. { Server: 2, Workstation: 14 } */
  byCategory: Record<string, number>;
  agents: number;
  contracts: { id: number; name: string }[];
  flag: BillingFlag | null;
}

/** a contract counts as active when BMS says so and it has not ended before `now` */
export const isActiveContract = (c: BillingContract, now: number): boolean => {
  if (!c.isActive) return false;
  if (!c.endDate) return true;
  const end = Date.parse(c.endDate);
  return Number.isNaN(end) || end >= now;
};

/**
 * `agents`: each in-scope agent with the account it lands in and its category. `contracts`: per
 * account id, its contracts (an account missing from the map had no answer and is not flagged
 * for contracts it may have). `accounts`: the linked accounts to list, even with no agents.
 */
export function billingCheck(
  accounts: { id: number; name: string }[],
  agents: { accountId: number; category: string }[],
  contracts: Map<number, BillingContract[]>,
  now: number,
): BillingRow[] {
  const rows = new Map<number, BillingRow>();
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const row = (id: number) => {
    let r = rows.get(id);
    if (!r) rows.set(id, (r = { accountId: id, accountName: names.get(id) ?? `Account ${id}`, byCategory: {}, agents: 0, contracts: [], flag: null }));
    return r;
  };
  for (const a of accounts) row(a.id);
  for (const a of agents) {
    const r = row(a.accountId);
    r.agents++;
    r.byCategory[a.category] = (r.byCategory[a.category] ?? 0) + 1;
  }
  for (const r of rows.values()) {
    const list = contracts.get(r.accountId);
    r.contracts = (list ?? []).filter((c) => isActiveContract(c, now)).map((c) => ({ id: c.id, name: c.name }));
    if (list === undefined) r.flag = null;
    else if (r.agents > 0 && !r.contracts.length) r.flag = 'agents-no-contract';
    else if (r.agents === 0 && r.contracts.length) r.flag = 'contract-no-agents';
  }
  // flagged first, then by name
  return [...rows.values()].sort((a, b) => Number(b.flag !== null) - Number(a.flag !== null) || a.accountName.localeCompare(b.accountName) || a.accountId - b.accountId);
}

const formulaSafe = (c: string) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c);

export const BILLING_FLAG_TEXT: Record<BillingFlag, string> = {
  'agents-no-contract': 'agents but no active contract',
  'contract-no-agents': 'active contract but no agents',
};

/** one line per account; one column per category seen (sorted), then the contracts and the flag */
export function writeBillingCsv(rows: BillingRow[]): string {
  const cats = [...new Set(rows.flatMap((r) => Object.keys(r.byCategory)))].sort((a, b) => a.localeCompare(b));
  const fields = ['account_id', 'account_name', 'agents', ...cats.map((c) => `agents_${c}`), 'active_contracts', 'contract_names', 'flag'].map(formulaSafe);
  const data = rows.map((r) => [
    String(r.accountId), r.accountName, String(r.agents), ...cats.map((c) => String(r.byCategory[c] ?? 0)),
    String(r.contracts.length), r.contracts.map((c) => c.name).join('; '), r.flag ?? '',
  ].map(formulaSafe));
  return Papa.unparse({ fields, data }, { newline: '\r\n' }) + '\r\n';
}
