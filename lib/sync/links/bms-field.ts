/** 3. of §9's chain: a BMS account custom field holding the VSA org id (an admin creates it once in BMS). */
import type { BmsClient } from '../../bms/client';
import { ACCOUNT_CUSTOM_FIELD_MODULE } from '../../bms/assumed';
import { collect } from '../../http/paging';
import { BMS_LINK_FIELD, emptyResult as result, pool, refusal, type LinkHint, type LinkMemory, type LinkPair, type LinkStore, type LinkWriteResult } from './types';

/**
 * 3. the BMS account custom field holding the VSA org id. BMS cannot search by a field's value and
 * reads one account per call (1,500 calls an hour per endpoint), so this browser keeps a mirror that
 * a sync refreshes oldest first within a budget; links of chosen orgs are read fresh.
 */
export class BmsFieldLinks implements LinkStore {
  readonly backend = 'bms-account-field' as const;
  readonly shared = true;
  constructor(
    private bms: BmsClient, private fieldId: number, private mirror: LinkMemory, private refreshBudget: () => number = () => 300,
    /** the accounts' custom-field module as probed (lib/capabilities), else the assumed one */
    private moduleId: number = ACCOUNT_CUSTOM_FIELD_MODULE,
  ) {}

  private async readAccount(accountId: number, signal?: AbortSignal): Promise<string | null> {
    const data = await this.bms.customFieldData(this.moduleId, accountId, signal);
    const raw = data.find((d) => d.CustomFieldId === this.fieldId || d.Id === this.fieldId)?.Data;
    return typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? raw.trim() : null;
  }

  /** reads the accounts' fields and brings the mirror up to date */
  private async refresh(accountIds: number[], signal?: AbortSignal): Promise<void> {
    await pool(accountIds, 8, async (acc) => this.mirror.setMirror(acc, await this.readAccount(acc, signal)));
  }

  /** the mirror, with the accounts read longest ago (never read first) refreshed within the budget */
  async all(signal?: AbortSignal, hint: LinkHint = {}) {
    const { checkedAt } = await this.mirror.mirror();
    const ids = hint.accountIds ?? (await collect(this.bms.accounts({ signal }))).map((a) => a.Id);
    const stale = [...ids].sort((a, b) => (checkedAt.get(a) ?? 0) - (checkedAt.get(b) ?? 0)).slice(0, Math.max(0, this.refreshBudget()));
    await this.refresh(stale, signal);
    return (await this.mirror.mirror()).links;
  }

  async ofOrgs(orgIds: string[], signal?: AbortSignal) {
    const { links } = await this.mirror.mirror();
    await this.refresh([...new Set(orgIds.map((o) => links.get(o)).filter((a): a is number => a !== undefined))], signal);
    const fresh = (await this.mirror.mirror()).links;
    return new Map([...fresh].filter(([o]) => orgIds.includes(o)));
  }

  private async set(orgId: string, accountId: number, value: string, r: LinkWriteResult, signal?: AbortSignal) {
    try {
      await this.bms.setCustomFieldData(this.moduleId, accountId, this.fieldId, value, signal);
      const back = (await this.readAccount(accountId, signal)) ?? '';
      await this.mirror.setMirror(accountId, back || null);
      if (back !== value) r.failed.set(orgId, `BMS accepted the write but account ${accountId}'s field "${BMS_LINK_FIELD}" reads "${back}" afterwards`);
      else r.done.push(orgId);
    } catch (e) {
      r.failed.set(orgId, refusal(e));
    }
  }

  async link(pairs: LinkPair[], signal?: AbortSignal) {
    const r = result();
    await pool(pairs, 4, (p) => this.set(p.orgId, p.accountId, p.orgId, r, signal));
    return r;
  }

  async unlink(orgIds: string[], signal?: AbortSignal) {
    const r = result();
    const { links } = await this.mirror.mirror();
    await pool(orgIds, 4, async (o) => {
      const acc = links.get(o);
      if (acc === undefined) r.done.push(o); // not linked as far as the team's field says: nothing to clear
      else await this.set(o, acc, '', r, signal);
    });
    return r;
  }
}
