/**
 * Export BMS accounts to VSA (F6): for each chosen account, an org named after it with a safe unique
 * OrgRef, then the link. An org that already is the account (same name, not linked) is linked rather
 * than made again. Planned first (B2), resumable from the journal (B3).
 */
import type { BmsClient } from '../bms/client';
import { ApiError, AuthError } from '../http/errors';
import { matchAll } from '../mapping/match';
import { uniqueOrgRef } from '../mapping/orgref';
import type { VsaClient } from '../vsa/client';
import type { Plan } from './import';
import type { ItemRecord, Journal, JobRecord } from './journal';
import { applyLinkResults, createInGroups, runJob, type RunHooks } from './runner';
import { linkSystem, MappingStoreLinks, type LinkStore } from './link-store';

export type ExportAction =
  | { kind: 'create-org-link'; accountId: number; accountName: string; orgName: string; orgRef: string; orgId?: string }
  | { kind: 'link-org'; accountId: number; accountName: string; orgId: string; orgName: string };

export interface ExportInput {
  accounts: { id: number; name: string; active: boolean }[];
  orgs: { id: string; name: string; ref: string }[];
  mappings: Map<string, number>;
}

export function planExport(input: ExportInput, sel: { accountIds?: number[] }): Plan<ExportAction> {
  const wanted = sel.accountIds ? new Set(sel.accountIds) : null;
  const linkedAccounts = new Set(input.mappings.values());
  const linkedOrgs = new Set(input.mappings.keys());
  const summary = { createOrg: 0, link: 0, unchanged: 0, skipped: 0 };
  const chosen = input.accounts.filter((a) => !wanted || wanted.has(a.id));
  const todo = chosen.filter((a) => {
    if (linkedAccounts.has(a.id)) summary.unchanged++;
    else if (!a.active) summary.skipped++;
    else return true;
    return false;
  });
  // an unlinked org that clearly is the account: link it instead of making a second one
  const freeOrgs = input.orgs.filter((o) => !linkedOrgs.has(o.id));
  const same = new Map(matchAll(todo.map((a) => ({ id: String(a.id), name: a.name })), freeOrgs.map((o) => ({ id: o.id, name: o.name })))
    .filter((s) => s.decision === 'auto').map((s) => [Number(s.orgId), s.accountId!]));
  const taken = new Set(input.orgs.map((o) => o.ref));
  const usedOrgs = new Set<string>();
  const items: Plan<ExportAction>['items'] = [];
  for (const a of todo) {
    const orgId = same.get(a.id);
    if (orgId && !usedOrgs.has(orgId)) {
      usedOrgs.add(orgId);
      const org = freeOrgs.find((o) => o.id === orgId)!;
      items.push({ key: String(a.id), label: a.name, action: { kind: 'link-org', accountId: a.id, accountName: a.name, orgId, orgName: org.name } });
      summary.link++;
    } else {
      const orgName = a.name.trim() || `BMS account ${a.id}`;
      items.push({ key: String(a.id), label: a.name, action: { kind: 'create-org-link', accountId: a.id, accountName: a.name, orgName, orgRef: uniqueOrgRef(a.name, a.id, taken) } });
      summary.createOrg++;
    }
  }
  return { items, summary };
}

export async function runExport(journal: Journal, jobId: string, vsa: VsaClient, bms: BmsClient, hooks: RunHooks = {}, store: LinkStore = new MappingStoreLinks(bms)): Promise<JobRecord> {
  return runJob<ExportAction>(journal, jobId, async (chunk, resumed, save, cancelled) => {
    const creates = chunk.filter((i) => i.action.kind === 'create-org-link' && i.action.orgId === undefined);
    await createInGroups(creates, 4, (it) => createOrgFor(it, resumed.has(it.seq), journal, vsa, jobId, hooks.signal), save, cancelled);
    const links = chunk.filter((i) => i.state === 'started');
    if (!links.length) return;
    const orgOf = (i: ItemRecord<ExportAction>) => i.action.orgId!;
    const result = await store.link(links.map((i) => ({ orgId: orgOf(i), accountId: i.action.accountId })), hooks.signal);
    const linked = applyLinkResults(links, result, orgOf, (i) => `Account "${i.label}" was not linked to org ${orgOf(i)}`, (i) => i.action.accountId, resumed);
    await journal.audit(linked.map((it) => ({ jobId, system: linkSystem(store), record: `mapping ${orgOf(it)}`, action: 'link', before: null, after: { orgId: orgOf(it), accountId: it.action.accountId } })));
  }, hooks);
}

async function createOrgFor(it: ItemRecord<ExportAction>, resumed: boolean, journal: Journal, vsa: VsaClient, jobId: string, signal?: AbortSignal): Promise<void> {
  const a = it.action as Extract<ExportAction, { kind: 'create-org-link' }>;
  try {
    const existing = resumed ? await vsa.findOrgByRef(a.orgRef, signal) : null;
    // made just before the stop but not listed yet (VSA's lag): the create's refusal says so, and it is adopted
    const org = existing ?? (await vsa.createOrg({ OrgName: a.orgName, OrgRef: a.orgRef }, signal, { maybeMade: resumed })).org;
    a.orgId = org.OrgId;
    if (!existing) {
      it.created.push({ system: 'vsa', kind: 'org', id: org.OrgId });
      await journal.audit([{ jobId, system: 'vsa', record: `org ${org.OrgId}`, action: 'create', before: null, after: { OrgName: a.orgName, OrgRef: a.orgRef } }]);
    }
  } catch (e) {
    if (e instanceof AuthError) throw e;
    if (e instanceof ApiError && (e.code === 'rejected' || e.code === 'invalid-input')) {
      it.state = 'failed';
      it.reason = `Could not create the VSA org "${a.orgName}" (${a.orgRef}) for account "${it.label}": ${e.message}`;
      return;
    }
    throw e;
  }
}
