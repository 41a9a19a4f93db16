/**
 * The sync list (F4) kept in memory and what is read from it: the account page's panel (F9), link
 * warnings (F18), "the names changed, the link is right" (B8). Kept true after jobs from their items.
 */
import { collect } from '../http/paging';
import { AccountIndex } from '../mapping/match';
import { normalizeName } from '../mapping/normalize';
import { linkWarnings, type Warning } from '../mapping/rules';
import type { ExportAction } from './export';
import type { ImportAction } from './import';
import type { JobKind, Journal } from './journal';
import { loadOverview, patchOverview, type Overview } from './overview';
import { scopeOverview } from './tenant-plan';
import { DEFAULT_TENANT_SETTINGS } from '../mapping/tenant-settings';
import { linksOf, type LinkStoreInfo } from './link-store';
import { agentsWithTickets, openContracts } from '../bms/risk';
import { ApiError, AuthError } from '../http/errors';
import { riskWarnings, type RiskFacts } from '../mapping/risk';
import type { SyncContext } from './types';

export class OverviewCache {
  private cache: Overview | null = null;
  /** the clients the cached list was read with: other connections, other list */
  private of: unknown = null;

  constructor(private journal: Journal, private context: () => Promise<SyncContext>) {}

  /**
   * The sync list (F4): every org with its state. Served from memory when fresh enough and not
   * asked to refresh ("Load Accounts" refreshes); a finished job makes it stale.
   */
  async overview(refresh = false): Promise<Overview & { lastSyncAt: number | null; links?: LinkStoreInfo }> {
    const ctx = await this.context();
    if (refresh || !this.cache || this.of !== ctx.bms) {
      const loaded = await loadOverview(ctx.vsa, ctx.bms, this.journal, undefined, linksOf(ctx));
      // a list read with connections that changed meanwhile is not kept
      if ((await this.context()).bms === ctx.bms) {
        this.cache = loaded;
        this.of = ctx.bms;
      }
      return { ...scopeOverview(loaded, ctx.tenant ?? DEFAULT_TENANT_SETTINGS), lastSyncAt: await this.lastSyncAt(), links: ctx.linkInfo };
    }
    return { ...scopeOverview(this.cache, ctx.tenant ?? DEFAULT_TENANT_SETTINGS), lastSyncAt: await this.lastSyncAt(), links: ctx.linkInfo };
  }

  private async lastSyncAt(): Promise<number | null> {
    const lastSync = (await this.journal.jobs('assets')).find((j) => j.state === 'done');
    return lastSync?.updatedAt ?? null;
  }

  /** conflicts in the last loaded sync list (0 when none was loaded), for the badge */
  conflictsInList(): number {
    return this.cache?.counts.conflict ?? 0;
  }

  /** forgets what was read from the systems (the connections changed: another tenant, another user) */
  forget(): void {
    this.cache = null;
  }

  /** applies a change the extension made itself to the cached list (when one is cached) */
  patch(change: Parameters<typeof patchOverview>[1]): void {
    if (this.cache) this.cache = patchOverview(this.cache, change);
  }

  /** keeps the cached sync list true after a job, from the job's own items (no re-read of both systems) */
  async patchAfter(jobId: string, kind: JobKind): Promise<void> {
    if (!this.cache) return;
    const done = await this.journal.items(jobId, 'done');
    if (kind === 'undo') {
      this.cache = null; // an undo touches links of another job: read again
      return;
    }
    const linked = done.flatMap((i) => {
      const a = i.action as ImportAction | ExportAction;
      if (a.kind === 'link' || a.kind === 'create-link') return a.accountId === undefined ? [] : [{ orgId: a.orgId, orgName: a.orgName, accountId: a.accountId, accountName: a.accountName }];
      if (a.kind === 'link-org' || a.kind === 'create-org-link') return a.orgId === undefined ? [] : [{ orgId: a.orgId, orgName: a.orgName, orgRef: a.kind === 'create-org-link' ? a.orgRef : undefined, accountId: a.accountId, accountName: a.accountName }];
      return [];
    });
    this.patch({ linked });
  }

  /**
   * What the account page's RMM Integration panel shows (F9): the linked org with its machine groups
   * and agent count, or the orgs without a link (only those) with suggestions for this account on top.
   */
  async accountMapping(accountId: number) {
    let ov = await this.overview();
    let acc = ov.accounts.find((a) => a.id === accountId);
    if (!acc) {
      // an account made in BMS since the list was loaded: read it and add it
      const { bms } = await this.context();
      const a = await bms.account(accountId);
      acc = { id: a.Id, name: a.AccountName ?? '', active: a.IsActive, orgId: null };
      this.cache = ov = { ...ov, accounts: [...ov.accounts, acc] };
    }
    const account = { id: acc.id, name: acc.name, active: acc.active };
    const linkedOrgs = new Set(ov.accounts.map((a) => a.orgId).filter((o): o is string => o !== null));
    if (acc.orgId) {
      const row = ov.rows.find((r) => r.orgId === acc.orgId);
      const { vsa } = await this.context();
      const [groups, agents] = await Promise.all([collect(vsa.machineGroups(acc.orgId)), collect(vsa.agents({ orgId: acc.orgId }))]);
      return {
        account, freeOrgs: [], suggestions: [],
        linked: {
          orgId: acc.orgId, orgName: row?.orgName ?? '', orgRef: row?.orgRef ?? '', agentCount: agents.length, conflict: row?.status === 'conflict' ? row.reason : null,
          machineGroups: groups.map((g) => ({ id: g.MachineGroupId, name: g.MachineGroupName, parentId: g.ParentMachineGroupId ?? null })),
        },
      };
    }
    const free = ov.rows.filter((r) => !linkedOrgs.has(r.orgId));
    const index = new AccountIndex(free.map((r) => ({ id: r.orgId, name: r.orgName })));
    const suggestions = index.rank(acc.name, 5).filter((x) => x.score >= 0.5).map((x) => ({ orgId: free[x.acc].orgId, orgName: free[x.acc].orgName, confidence: Math.round(x.score * 1000) / 1000 }));
    return { account, linked: null, suggestions, freeOrgs: free.map((r) => ({ id: r.orgId, name: r.orgName })) };
  }

  /** "the names changed, the link is right" (B8): today's names become the ones renames are told against */
  async ackNames(orgId: string): Promise<{ ok: true }> {
    const ov = await this.overview();
    const row = ov.rows.find((r) => r.orgId === orgId);
    const acc = ov.accounts.find((a) => a.orgId === orgId);
    if (!row || !acc) throw new Error(`Org ${orgId} is not linked (any more): nothing to confirm.`);
    await this.journal.putLinkNames([{ orgId, accountId: acc.id, orgName: row.orgName, accountName: acc.name }]);
    if (acc.active) this.patch({ linked: [{ orgId, orgName: row.orgName, accountId: acc.id, accountName: acc.name }] });
    return { ok: true };
  }

  /**
   * what the admin should know before linking this org to this account, or clearing their link (F18):
   * names, links elsewhere, foreign assets, and from BMS's own data the account's open contracts and the
   * org's assets with tickets (at most 25 assets read, one call each)
   */
  async warnings(orgId: string, accountId: number, action: 'link' | 'clear' = 'link'): Promise<{ warnings: Warning[] }> {
    const ov = await this.overview();
    const row = ov.rows.find((r) => r.orgId === orgId);
    const acc = ov.accounts.find((a) => a.id === accountId);
    if (!row) throw new Error(`Org ${orgId} is not in the list any more: press Load Accounts.`);
    if (!acc) throw new Error(`Account ${accountId} is not in the list any more: press Load Accounts.`);
    const mappings = ov.accounts.filter((a) => a.orgId !== null).map((a) => ({ orgId: a.orgId!, accountId: a.id, rule: { kind: 'main' as const } }));
    const index = new AccountIndex([{ id: String(acc.id), name: acc.name }]);
    const ranked = index.rank(row.orgName, 1)[0];
    const same = normalizeName(row.orgName).key === normalizeName(acc.name).key;
    const { vsa, bms } = await this.context();
    const risk = await this.riskFacts(orgId, acc);
    if (action === 'clear') return { warnings: riskWarnings('clear', risk) };
    // assets already on the account from another org's machine groups (F18)
    const groups = new Set((await collect(vsa.machineGroups(orgId))).map((g) => g.MachineGroupId));
    let foreign = 0;
    for await (const a of bms.assets({ accountId, active: true })) {
      if (a.MachineGroupId && !groups.has(a.MachineGroupId)) foreign++;
      if (foreign >= 100) break;
    }
    return {
      warnings: linkWarnings({ org: { id: orgId, name: row.orgName, machineGroups: [] }, account: { id: acc.id, name: acc.name, active: acc.active, locations: [], departments: [] }, confidence: same ? 1 : ranked?.score ?? 0 },
        { mappings, assetsFromOtherOrgs: foreign }).concat(riskWarnings('link', risk)),
    };
  }

  /** the account's open contracts; the org's synced assets that have tickets (a sample, said as such) */
  private async riskFacts(orgId: string, acc: { id: number; name: string }): Promise<RiskFacts> {
    const { bms } = await this.context();
    const agents = [...(await this.journal.assetCache()).values()].filter((c) => c.orgId === orgId && c.active).map((c) => c.agentId);
    const soft = (e: unknown) => {
      if (e instanceof AuthError || !(e instanceof ApiError)) throw e;
      return (e as Error).message;
    };
    const [contracts, tickets] = await Promise.all([
      openContracts(bms, acc.id).catch(soft),
      // a link moves only assets this org already has: worth the calls when clearing, or relinking an org with assets
      agents.length ? agentsWithTickets(bms, agents, 25).catch(() => null) : Promise.resolve(null),
    ]);
    return {
      account: typeof contracts === 'string' ? { name: acc.name, openContracts: [], unchecked: contracts } : { name: acc.name, openContracts: contracts.map((c) => ({ name: c.Name ?? `#${c.Id}` })) },
      tickets: tickets ? { withTickets: tickets.withTickets.length, tickets: tickets.withTickets.reduce((a, t) => a + t.count, 0), checked: tickets.checked, total: agents.length } : undefined,
    };
  }
}
