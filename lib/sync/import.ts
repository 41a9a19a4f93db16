/**
 * Import VSA orgs into BMS (F3, F8): plan first (a dry run, B2), then execute from the plan. Each org
 * is linked to its suggested or chosen account, or a new account named after it is created and linked.
 * No cap of 100: links go to BMS's bulk mapping endpoint 100 at a time.
 */
import type { BmsClient } from '../bms/client';
import { ApiError, AuthError } from '../http/errors';
import { applyLinkResults, createInGroups, runJob, type RunHooks } from './runner';
import { linkSystem, MappingStoreLinks, type LinkStore } from './link-store';
import type { Suggestion } from '../mapping/match';
import type { LocationRule } from '../mapping/rules';
import type { TeamRules } from './team-rules';
import type { ItemRecord, Journal, JobRecord } from './journal';

export { JobStopped } from './runner';

export type ImportAction =
  | { kind: 'link'; orgId: string; orgName: string; accountId: number; accountName: string }
  | { kind: 'create-link'; orgId: string; orgName: string; accountName: string; accountId?: number; /** Group Id locations made with the account (no API adds them later on this tenant) */ locations?: string[] }
  /** a location rule from a mappings CSV (B6), set once the org is linked */
  | { kind: 'rule'; orgId: string; orgName: string; rule: LocationRule };

export interface ImportSelection {
  /** the orgs to import; all when omitted */
  orgIds?: string[];
  /** which suggestions to accept without an explicit choice */
  accept: 'auto' | 'auto+review';
  /** create an account for an org with no accepted suggestion */
  createMissing: boolean;
  /** the admin's explicit choices: an account id, or 'new' */
  choices?: Record<string, number | 'new'>;
}

export interface ImportInput {
  orgs: { id: string; name: string }[];
  accounts: { id: number; name: string; active: boolean }[];
  /** org id → account id, as BMS's mapping store says today */
  mappings: Map<string, number>;
  suggestions: Suggestion[];
  /**
   * orgs out of scope (B17): VSA's built-in orgs and orgs an exclusion rule names. They are never
   * suggested or created; only an explicit choice of an existing account links one.
   */
  outOfScope?: Map<string, { status: 'system' | 'excluded'; label?: string }>;
}

export interface Plan<A> {
  items: { key: string; label: string; action: A }[];
  summary: Record<string, number>;
  /** orgs left out of the plan, with the reason, for the preview */
  conflicts?: { orgId: string; reason: string }[];
}

/** A name BMS will take for an account made from an org (it refuses an empty one). */
export const accountNameFor = (org: { id: string; name: string }) => org.name.trim() || `VSA org ${org.id}`;

export function planImport(input: ImportInput, sel: ImportSelection): Plan<ImportAction> {
  const wanted = sel.orgIds ? new Set(sel.orgIds) : null;
  const accounts = new Map(input.accounts.map((a) => [a.id, a]));
  const suggestion = new Map(input.suggestions.map((s) => [s.orgId, s]));
  const claimed = new Set(input.mappings.values());
  const items: Plan<ImportAction>['items'] = [];
  const summary = { link: 0, create: 0, unchanged: 0, skipped: 0, conflict: 0, system: 0, excluded: 0 };
  const byName = new Map(input.accounts.map((a) => [a.name.trim(), a]));
  const conflicts: { orgId: string; reason: string }[] = [];
  for (const org of input.orgs) {
    if (wanted && !wanted.has(org.id)) continue;
    if (input.mappings.has(org.id)) {
      summary.unchanged++;
      continue;
    }
    const choice = sel.choices?.[org.id];
    const out = input.outOfScope?.get(org.id);
    if (out && typeof choice !== 'number') {
      summary[out.status]++;
      conflicts.push({ orgId: org.id, reason: out.status === 'system'
        ? `"${org.name}" is one of VSA's built-in orgs (myOrg, Kserver, Unnamed): it is never imported as a customer. Link it to an existing account by hand if its machines belong to one.`
        : `"${org.name}" is excluded by the rule ${out.label ?? ''}: it is not imported.` });
      continue;
    }
    const s = suggestion.get(org.id);
    let accountId: number | null = null;
    if (typeof choice === 'number') accountId = choice;
    else if (choice !== 'new' && s?.accountId && (s.decision === 'auto' || (s.decision === 'review' && sel.accept === 'auto+review'))) accountId = Number(s.accountId);
    const acc = accountId !== null ? accounts.get(accountId) : undefined;
    if (acc && acc.active && !claimed.has(acc.id)) {
      claimed.add(acc.id);
      items.push({ key: org.id, label: org.name, action: { kind: 'link', orgId: org.id, orgName: org.name, accountId: acc.id, accountName: acc.name } });
      summary.link++;
    } else if (choice === 'new' || sel.createMissing) {
      // BMS refuses a second account with a name in use: say why instead of failing later
      const same = byName.get(accountNameFor(org));
      if (same) {
        summary.conflict++;
        conflicts.push({ orgId: org.id, reason: `An account named "${same.name}" already exists but is ${!same.active ? 'inactive' : 'linked to another org'}: link it by hand or rename one of them.` });
        continue;
      }
      items.push({ key: org.id, label: org.name, action: { kind: 'create-link', orgId: org.id, orgName: org.name, accountName: accountNameFor(org) } });
      summary.create++;
    } else summary.skipped++;
  }
  return { items, summary, conflicts };
}

export interface AccountDefaults {
  accountTypeId: number;
  businessTypeId: number;
  accountManagerId: number;
}

/**
 * Runs (or resumes) an import job: accounts to create, a few at a time; then the chunk's links in one
 * bulk call (idempotent: a pair already there is "Unchanged").
 */
export async function runImport(journal: Journal, jobId: string, bms: BmsClient, defaults: AccountDefaults, hooks: RunHooks = {}, team?: TeamRules, store: LinkStore = new MappingStoreLinks(bms)): Promise<JobRecord> {
  return runJob<ImportAction>(journal, jobId, async (chunk, resumed, save, cancelled) => {
    const creates = chunk.filter((i) => i.action.kind === 'create-link' && i.action.accountId === undefined);
    await createInGroups(creates, 4, (it) => createAccountFor(it, resumed.has(it.seq), journal, bms, defaults, jobId, hooks.signal), save, cancelled);
    const links = chunk.filter((i) => i.state === 'started' && i.action.kind !== 'rule');
    const rules = chunk.filter((i) => i.state === 'started' && i.action.kind === 'rule');
    if (links.length) await linkChunk(links, resumed, journal, jobId, store, hooks);
    if (rules.length) await setRules(rules, journal, jobId, store, team, hooks.signal);
  }, hooks);
}

type LinkAction = Exclude<ImportAction, { kind: 'rule' }>;

async function linkChunk(links: ItemRecord<ImportAction>[], resumed: ReadonlySet<number>, journal: Journal, jobId: string, store: LinkStore, hooks: RunHooks): Promise<void> {
  const acc = (i: ItemRecord<ImportAction>) => (i.action as LinkAction).accountId;
  const result = await store.link(links.map((i) => ({ orgId: i.action.orgId, accountId: acc(i)! })), hooks.signal);
  const linked = applyLinkResults(links, result, (i) => i.action.orgId, (i) => `"${i.label}" was not linked to account ${acc(i)}`, acc, resumed);
  await journal.audit(linked.map((it) => ({ jobId, system: linkSystem(store), record: `mapping ${it.action.orgId}`, action: 'link', before: null, after: { orgId: it.action.orgId, accountId: acc(it) } })));
}

/** rules from a CSV: set for the team (or this browser) once the org's link exists; an unlinked org's rule fails with the reason */
async function setRules(items: ItemRecord<ImportAction>[], journal: Journal, jobId: string, store: LinkStore, team: TeamRules | undefined, signal?: AbortSignal): Promise<void> {
  const links = await store.ofOrgs(items.map((i) => i.action.orgId), signal);
  for (const it of items) {
    const a = it.action as Extract<ImportAction, { kind: 'rule' }>;
    const accountId = links.get(a.orgId);
    if (accountId === undefined) {
      it.state = 'failed';
      it.reason = `The location rule of org "${a.orgName}" was not set: the org is not linked to an account.`;
      continue;
    }
    let where: 'team' | 'local' = 'local';
    if (team) where = (await team.write(a.orgId, accountId, a.rule)).where;
    else await journal.setRule(a.orgId, a.rule, Date.now());
    it.state = 'done';
    it.reason = null;
    await journal.audit([{ jobId, system: 'bms', record: `location rule ${a.orgId} (account ${accountId}, ${where === 'team' ? 'team' : 'this browser'})`, action: 'rule', before: null, after: a.rule }]);
  }
}

async function createAccountFor(it: ItemRecord<ImportAction>, resumed: boolean, journal: Journal, bms: BmsClient, d: AccountDefaults, jobId: string, signal?: AbortSignal): Promise<void> {
  const a = it.action as Extract<ImportAction, { kind: 'create-link' }>;
  try {
    // a resumed item may have been created before the worker stopped: look first
    const existing = resumed ? await bms.findAccountByName(a.accountName, signal) : null;
    const account = existing ?? (await bms.createAccount({
      AccountName: a.accountName, AccountTypeId: d.accountTypeId, BusinessTypeId: d.businessTypeId, AccountManagerId: d.accountManagerId,
      Locations: [
        { LocationName: 'Main', IsMain: true, IsActive: true, Addresses: [] },
        ...(a.locations ?? []).filter((n) => n.trim().toLowerCase() !== 'main').map((n) => ({ LocationName: n, IsMain: false, IsActive: true, Addresses: [] })),
      ],
    }, signal)).account;
    a.accountId = account.Id;
    if (!existing) {
      it.created.push({ system: 'bms', kind: 'account', id: String(account.Id) });
      await journal.audit([{ jobId, system: 'bms', record: `account ${account.Id}`, action: 'create', before: null, after: { AccountName: a.accountName } }]);
    }
  } catch (e) {
    if (e instanceof AuthError) throw e;
    if (e instanceof ApiError && (e.code === 'rejected' || e.code === 'invalid-input')) {
      it.state = 'failed';
      it.reason = `Could not create the account "${a.accountName}" for org "${it.label}": ${e.message}`;
      return;
    }
    throw e;
  }
}
