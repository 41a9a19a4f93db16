/**
 * F18 from BMS's own data: an account with open contracts, assets with tickets. A wrong link bills
 * another customer's devices on those contracts; clearing or deactivating leaves the tickets pointing
 * at assets no sync keeps. Pure: the caller reads the counts (lib/bms/risk.ts).
 */
import type { Warning } from './rules';

export interface RiskFacts {
  /** `unchecked`: why the contracts could not be read (the warning says so rather than staying silent) */
  account?: { name: string; openContracts: { name: string }[]; unchecked?: string };
  /** assets of the org (or the job) that have tickets: how many were checked of how many */
  tickets?: { withTickets: number; tickets: number; checked: number; total: number };
}

export type RiskAction = 'link' | 'clear' | 'deactivate';

const list = (names: string[]) => names.slice(0, 3).map((n) => `"${n}"`).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');

export function riskWarnings(action: RiskAction, f: RiskFacts): Warning[] {
  const out: Warning[] = [];
  const c = f.account?.openContracts ?? [];
  if (f.account?.unchecked) out.push({ code: 'open-contracts', message: `Could not check whether account "${f.account.name}" has open contracts (${f.account.unchecked}).` });
  if (f.account && c.length) {
    const what = `Account "${f.account.name}" has ${c.length} open contract(s) (${list(c.map((x) => x.name))})`;
    out.push({
      code: 'open-contracts',
      message: action === 'link' ? `${what}: once linked, this org's devices count on them; check that the org really is this customer.`
        : `${what} that count this org's devices: after clearing, its assets stay on the account but are no longer kept in sync.`,
    });
  }
  const t = f.tickets;
  if (t && t.withTickets > 0) {
    const some = t.checked < t.total ? ` (${t.checked} of ${t.total} checked)` : '';
    out.push({
      code: 'asset-tickets',
      message: action === 'deactivate' ? `${t.withTickets} of the assets to deactivate have tickets (${t.tickets} in all)${some}: they stay on those tickets, marked inactive.`
        : action === 'clear' ? `${t.withTickets} of this org's assets have tickets (${t.tickets} in all)${some}: they keep them, but the assets are no longer kept in sync.`
          : `${t.withTickets} of this org's assets already have tickets (${t.tickets} in all)${some}: linking to another account moves them away from those tickets' account.`,
    });
  }
  return out;
}
