/**
 * The sync list (F4, B1, B8): every VSA org with its state (linked, suggested, conflict, unlinked,
 * never-map), the account it is linked or suggested to, and the accounts an admin can still pick.
 * `buildOverview` is pure; `loadOverview` reads both systems for it.
 */
import type { BmsClient } from '../bms/client';
import { collect } from '../http/paging';
import { matchAll, type Suggestion } from '../mapping/match';
import { explain } from '../mapping/reasons';
import { accountSignals } from './match-input';
import { findConflicts, type Mapping } from '../mapping/rules';
import type { VsaClient } from '../vsa/client';
import type { Journal, LinkNames } from './journal';
import { neverPairs } from './team-rules';
import { MappingStoreLinks, type LinkStore } from './link-store';

export type OrgStatus = 'linked' | 'suggested' | 'conflict' | 'unlinked' | 'never';

export interface OrgRow {
  orgId: string;
  orgName: string;
  orgRef: string;
  status: OrgStatus;
  /** the linked account, or the suggested one */
  accountId: number | null;
  accountName: string | null;
  /** 0..1 for a suggestion, null otherwise */
  confidence: number | null;
  /** why the row is a conflict, or why there is no suggestion */
  reason: string | null;
  /** why the suggestion or the candidate, as locale keys with arguments */
  why?: { key: string; args: string[] }[];
  /** an unlinked org's best candidate, too weak to suggest */
  candidate?: { accountId: number; accountName: string; confidence: number } | null;
  /** B17: out of scope (a built-in org, or one an exclusion rule names) */
  scope?: { status: 'system' | 'excluded'; label?: string };
  /** B17: a link with assets off */
  assetsOff?: boolean;
}

export interface AccountRow {
  id: number;
  name: string;
  active: boolean;
  /** the org this account is linked to, null when free */
  orgId: string | null;
}

export interface Overview {
  loadedAt: number;
  rows: OrgRow[];
  accounts: AccountRow[];
  counts: Record<OrgStatus, number>;
  scopeCounts?: { system: number; excluded: number; assetsOff: number };
}

export interface OverviewInput {
  orgs: { id: string; name: string; ref: string; website?: string | null }[];
  accounts: { id: number; name: string; active: boolean; code?: string | null; domains?: string[] }[];
  /** org id → account id, from BMS's mapping store */
  mappings: Map<string, number>;
  neverMap: [string, string][];
  /** names at link time, to notice renames (B8) */
  linkedNames?: Map<string, { orgName: string; accountName: string }>;
}

export function buildOverview(input: OverviewInput, now = Date.now()): Overview {
  const accounts = new Map(input.accounts.map((a) => [a.id, a]));
  const linkedTo = new Map<number, string>();
  for (const [orgId, accId] of input.mappings) linkedTo.set(accId, orgId);
  const unlinkedOrgs = input.orgs.filter((o) => !input.mappings.has(o.id));
  const free = input.accounts.filter((a) => a.active && !linkedTo.has(a.id)).map((a) => ({ id: String(a.id), name: a.name }));
  // second signals where the data has them: OrgRef / AccountCode, website / email domains
  const orgRecs = unlinkedOrgs.map((o) => ({ id: o.id, name: o.name, ref: o.ref, domains: o.website ? [o.website] : [] }));
  const accRecs = free.map((f) => ({ ...f, ref: accounts.get(Number(f.id))?.code ?? null, domains: accounts.get(Number(f.id))?.domains ?? [] }));
  const suggestions = new Map<string, Suggestion>(matchAll(orgRecs, accRecs, { neverMap: input.neverMap }).map((s) => [s.orgId, s]));
  const never = new Set(input.neverMap.map(([o]) => o));

  const mappingList: Mapping[] = [...input.mappings].map(([orgId, accountId]) => ({
    orgId, accountId, rule: { kind: 'main' },
    orgNameAtLink: input.linkedNames?.get(orgId)?.orgName, accountNameAtLink: input.linkedNames?.get(orgId)?.accountName,
  }));
  const conflictOf = new Map<string, string>();
  for (const c of findConflicts({ mappings: mappingList, orgs: input.orgs, accounts: input.accounts })) {
    // duplicate account names are shown on the export side; org-side conflicts mark the org
    if (c.orgId && !conflictOf.has(c.orgId)) conflictOf.set(c.orgId, c.message);
  }
  const counts: Record<OrgStatus, number> = { linked: 0, suggested: 0, conflict: 0, unlinked: 0, never: 0 };
  const rows: OrgRow[] = input.orgs.map((o) => {
    const accId = input.mappings.get(o.id);
    const conflict = conflictOf.get(o.id) ?? null;
    let row: OrgRow;
    if (accId !== undefined) {
      const a = accounts.get(accId);
      row = { orgId: o.id, orgName: o.name, orgRef: o.ref, status: conflict ? 'conflict' : 'linked', accountId: accId, accountName: a?.name ?? null, confidence: null,
        reason: conflict ?? (a ? null : `Linked to account ${accId}, which BMS no longer lists.`) };
      if (!a) row.status = 'conflict';
    } else {
      const s = suggestions.get(o.id);
      const acc = s?.accountId ? accounts.get(Number(s.accountId)) : undefined;
      if (conflict) row = { orgId: o.id, orgName: o.name, orgRef: o.ref, status: 'conflict', accountId: acc?.id ?? null, accountName: acc?.name ?? null, confidence: acc ? s!.confidence : null, reason: conflict };
      else if (acc && s && s.decision !== 'none') row = { orgId: o.id, orgName: o.name, orgRef: o.ref, status: 'suggested', accountId: acc.id, accountName: acc.name, confidence: s.confidence, reason: s.reason, why: explain(s) };
      else {
        row = { orgId: o.id, orgName: o.name, orgRef: o.ref, status: never.has(o.id) ? 'never' : 'unlinked', accountId: null, accountName: null, confidence: null, reason: s?.reason ?? null };
        // too weak to suggest, but the best there is: shown with its confidence and why, one click to link
        if (acc && s && row.status === 'unlinked') Object.assign(row, { candidate: { accountId: acc.id, accountName: acc.name, confidence: s.confidence }, why: explain(s) });
      }
    }
    counts[row.status]++;
    return row;
  });
  return {
    loadedAt: now,
    rows,
    accounts: input.accounts.map((a) => ({ id: a.id, name: a.name, active: a.active, orgId: linkedTo.get(a.id) ?? null })),
    counts,
  };
}

/** Reads orgs, accounts and links (one paged read each) and builds the overview. */
export async function loadOverview(vsa: VsaClient, bms: BmsClient, journal: Journal, signal?: AbortSignal, store: LinkStore = new MappingStoreLinks(bms)): Promise<Overview> {
  const [orgs, accounts, neverMap, names] = await Promise.all([
    collect(vsa.orgs({ signal })),
    collect(bms.accounts({ signal })),
    journal.neverMap(),
    journal.linkNames(),
  ]);
  // the team's links, wherever the tenant keeps them (B9); the account list spares the BMS field store a read
  const mappings = await store.all(signal, { accountIds: accounts.map((a) => a.Id), orgs });
  const orgName = new Map(orgs.map((o) => [o.OrgId, o.OrgName]));
  const accName = new Map(accounts.map((a) => [a.Id, a.AccountName ?? '']));
  // a link seen for the first time (or linked anew) sets the names later renames are told against (B8)
  const baseline: LinkNames[] = [];
  for (const [orgId, accountId] of mappings) {
    const known = names.get(orgId);
    if ((!known || known.accountId !== accountId) && orgName.has(orgId) && accName.has(accountId)) {
      baseline.push({ orgId, accountId, orgName: orgName.get(orgId)!, accountName: accName.get(accountId)! });
    }
  }
  await journal.putLinkNames(baseline);
  for (const b of baseline) names.set(b.orgId, b);
  return buildOverview({
    orgs: orgs.map((o) => ({ id: o.OrgId, name: o.OrgName, ref: o.OrgRef ?? '', website: o.Website ?? null })),
    accounts: accounts.map((a) => ({ id: a.Id, name: a.AccountName ?? '', active: a.IsActive, ...accountSignals(a) })),
    mappings,
    neverMap: neverPairs(orgs, neverMap),
    linkedNames: new Map([...names].filter(([o, n]) => mappings.get(o) === n.accountId).map(([o, n]) => [o, { orgName: n.orgName, accountName: n.accountName }])),
  });
}

/**
 * Brings a loaded overview up to date after links were made or cleared, without reading both systems
 * again (BMS allows 1,500 calls an hour per endpoint: reloading 5,000 orgs after every click would
 * eat it). New orgs (from an export) are added; suggestions of an account that got linked are dropped.
 */
export function patchOverview(ov: Overview, change: { linked?: { orgId: string; orgName: string; orgRef?: string; accountId: number; accountName: string }[]; unlinked?: string[]; never?: string[] }): Overview {
  const rows = new Map(ov.rows.map((r) => [r.orgId, { ...r }]));
  const accounts = new Map(ov.accounts.map((a) => [a.id, { ...a }]));
  for (const orgId of change.unlinked ?? []) {
    const r = rows.get(orgId);
    if (!r) continue;
    const acc = r.accountId !== null ? accounts.get(r.accountId) : undefined;
    if (acc && acc.orgId === orgId) acc.orgId = null;
    Object.assign(r, { status: 'unlinked', accountId: null, accountName: null, confidence: null, reason: null, why: undefined, candidate: null });
  }
  for (const orgId of change.never ?? []) {
    const r = rows.get(orgId);
    // a rejected suggestion: the org waits for a hand-made link (the next "Load Accounts" suggests again, without that pair)
    if (r && r.status !== 'linked' && r.status !== 'conflict') Object.assign(r, { status: 'never', accountId: null, accountName: null, confidence: null, reason: null, why: undefined, candidate: null });
  }
  const taken = new Set<number>();
  for (const l of change.linked ?? []) {
    const r = rows.get(l.orgId) ?? { orgId: l.orgId, orgName: l.orgName, orgRef: l.orgRef ?? '', status: 'linked' as OrgStatus, accountId: null, accountName: null, confidence: null, reason: null };
    Object.assign(r, { status: 'linked', accountId: l.accountId, accountName: l.accountName, confidence: null, reason: null, why: undefined, candidate: null });
    rows.set(l.orgId, r);
    const acc = accounts.get(l.accountId) ?? { id: l.accountId, name: l.accountName, active: true, orgId: null };
    acc.orgId = l.orgId;
    accounts.set(l.accountId, acc);
    taken.add(l.accountId);
  }
  const counts: Record<OrgStatus, number> = { linked: 0, suggested: 0, conflict: 0, unlinked: 0, never: 0 };
  for (const r of rows.values()) {
    if (r.status === 'suggested' && r.accountId !== null && taken.has(r.accountId)) {
      Object.assign(r, { status: 'unlinked', accountId: null, accountName: null, confidence: null, reason: 'claimed by another org', why: undefined });
    }
    if (r.candidate && taken.has(r.candidate.accountId)) Object.assign(r, { candidate: null, why: undefined });
    counts[r.status]++;
  }
  return { loadedAt: ov.loadedAt, rows: [...rows.values()], accounts: [...accounts.values()], counts };
}
