/**
 * Asset sync (F1, F7, F13, F14, F16, F17, B13): place every agent with lib/mapping, create the Group Id
 * locations that are missing, and push only the assets whose fields changed, through BMS's bulk
 * integration endpoint (upserted by AgentId, so a renamed machine or a blank serial never makes a
 * second asset). Agents gone from VSA get their asset deactivated. Unchanged assets cost zero writes.
 */
import type { BmsClient } from '../bms/client';
import { omitFromPush, type IntegrationAssetInput, type PushField } from '../bms/assumed';
import { CapabilityError, requireCapability, type CapabilityRecord } from '../capabilities/types';
import { ApiError, AuthError } from '../http/errors';
import { normalizeName } from '../mapping/normalize';
import { groupLocationName as groupName, placeAsset, type AccountState, type LocationRule, type Mapping, type OrgState } from '../mapping/rules';
import type { Plan } from './import';
import type { AssetCacheEntry, Journal, JobRecord } from './journal';
import { runJob, type RunHooks } from './runner';
import type { TenantSettings } from '../mapping/tenant-settings';
import { TenantPlan, type TenantPlanResult } from './tenant-plan';
import { linkSystem, MappingStoreLinks, type LinkStore } from './link-store';
import { Categories, deactivateRecords, RECORD_BATCH, writeRecords, type RecordOwners } from './asset-writer';
import { keptFields } from './field-owner';
import { ContactDirectory, pushContacts } from './contacts';
import type { AgentContact } from '../vsa/assumed';
import { relinkOffers, runRelink, type RelinkAction, type RelinkOffer } from './relink';

export interface AgentInfo {
  agentId: string;
  orgId: string;
  machineGroupId: string;
  name: string;
  serialNumber: string | null;
  ipAddress: string | null;
  macAddress: string | null;
  osType: string | null;
  osInfo: string | null;
  lastCheckIn: string | null;
  firstCheckIn: string | null;
  lastReboot: string | null;
  /** the agent's contact (Agent › Edit Profile), when it has an email (lib/vsa/assumed.ts agentContact) */
  contact?: AgentContact | null;
}

export interface PushEntry {
  agentId: string;
  orgId: string;
  hash: string;
  accountId: number | null;
  /** null: resolve at run time (a Group Id location made by this job) or Main */
  locationId: number | null;
  locationName: string | null;
  input: IntegrationAssetInput;
  /** the BMS asset this agent became last time (per-record writes update it) */
  psaAssetId?: number | null;
  /** B16: the removed agent whose asset this one took over (BMS may still name it on the record) */
  relinkedFrom?: string | null;
  /** B19: fields the bulk push leaves out of an asset BMS already has, so BMS keeps them (field-owner.ts) */
  keep?: PushField[];
  /** B15: the category this product last wrote on the record (one that differs was set by hand) */
  lastCategory?: string | null;
  /** B19: the agent's contact, matched to a contact of the asset's account when written (contacts.ts) */
  contact?: AgentContact | null;
}

export type AssetAction =
  | { kind: 'link'; pairs: { orgId: string; orgName: string; accountId: number }[] }
  | { kind: 'create-location'; accountId: number; name: string; locationId?: number }
  | { kind: 'push'; entries: PushEntry[]; owners?: RecordOwners }
  | { kind: 'deactivate'; agentIds: string[] }
  /** one hardware-asset record per agent, with explicit account, location and category (asset-writer.ts) */
  | { kind: 'record'; entries: PushEntry[]; owners?: RecordOwners }
  | { kind: 'deactivate-record'; assets: { agentId: string; psaAssetId: number }[] }
  /** B16: an accepted relink (relink.ts), one to a job */
  | RelinkAction;

export interface AssetSyncInput {
  orgs: OrgState[];
  agents: AgentInfo[];
  mappings: Map<string, number>;
  rules: Map<string, LocationRule>;
  /** the rule of a link that has none of its own (options: default location rule) */
  defaultRule?: LocationRule;
  accounts: Map<number, AccountState>;
  /** for orgs without a link: the account matching the org's name (auto decisions only) */
  nameMatches: Map<string, number>;
  cache: Map<string, AssetCacheEntry>;
  autoCreate: boolean;
  /** normalized names of every account (active or not, linked or not): a new account must not repeat one */
  accountNameKeys?: Set<string>;
  /** the tenant has account departments (capability record); false: DepartmentId is never sent */
  departments?: boolean;
  /** locations can be added to existing accounts (legacy v1); false: a Group Id location the account lacks is listed, not created */
  locationAdds?: boolean;
  /**
   * whether an org's assets may go through BMS's bulk push (its BMS-side mapping is known to be right:
   * the mapping store answers and holds the link); others are written per record. All bulk when omitted.
   */
  bulkOrg?: (orgId: string) => boolean;
  /**
   * the tenant rules (B15–B18: categories, exclusions, assets off, lifecycle) from the settings; without
   * them the defaults apply, except that a gone agent's asset is deactivated at once (no grace period)
   */
  tenant?: TenantSettings;
  /** the time of the plan (ms), for grace periods */
  now?: number;
  /** an agent whose only change is its last check-in is pushed at most this often (ms; a day by default, LOW-4) */
  checkInEveryMs?: number;
}

export interface AssetScope {
  orgId?: string;
  agentId?: string;
  /** push every agent even when the cache says it is unchanged */
  force?: boolean;
}

/** a fast, stable fingerprint (cyrb53) of what would be pushed */
export function fingerprint(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}


export const PUSH_BATCH = 500;

export function planAssetSync(input: AssetSyncInput, scope: AssetScope = {}): Plan<AssetAction> & { unplaced: { agentId: string; reason: string }[]; moved: { agentId: string; reason: string }[]; missingLocations: { accountId: number; name: string }[]; tenant: TenantPlanResult; relinkOffers: RelinkOffer[] } {
  const tenant = new TenantPlan(input.tenant, input.now);
  const orgs = new Map(input.orgs.map((o) => [o.id, o]));
  const summary = { push: 0, unchanged: 0, link: 0, createLocation: 0, newAccount: 0, deactivate: 0, unplaced: 0, moved: 0, record: 0, recordNew: 0, deactivateRecord: 0 };
  const bulkOrg = input.bulkOrg ?? (() => true);
  const records: PushEntry[] = [];
  const moved: { agentId: string; reason: string }[] = [];
  const unplaced: { agentId: string; reason: string }[] = [];
  const links = new Map<string, { orgId: string; orgName: string; accountId: number }>();
  const locations = new Map<string, AssetAction & { kind: 'create-location' }>();
  const missing = new Map<string, { accountId: number; name: string }>();
  const pushes: PushEntry[] = [];
  const agents = input.agents.filter((a) => (!scope.orgId || a.orgId === scope.orgId) && (!scope.agentId || a.agentId === scope.agentId));
  for (const ag of agents) {
    const org = orgs.get(ag.orgId);
    if (!org) {
      unplaced.push({ agentId: ag.agentId, reason: `Agent "${ag.name}" belongs to org ${ag.orgId}, which VSA did not return.` });
      continue;
    }
    const accountId = input.mappings.get(ag.orgId);
    // B17: built-in orgs, exclusion rules and links with assets off are counted, not synced
    if (tenant.gate(ag, org, accountId !== undefined)) continue;
    const mapping: Mapping | null = accountId !== undefined ? { orgId: ag.orgId, accountId, rule: input.rules.get(ag.orgId) ?? input.defaultRule ?? { kind: 'main' } } : null;
    const matched = mapping ? null : input.nameMatches.get(ag.orgId);
    const p = placeAsset(ag, mapping, {
      account: mapping ? (input.accounts.get(mapping.accountId) ?? null) : null,
      org,
      nameMatchAccount: matched !== undefined && matched !== null ? (input.accounts.get(matched) ?? null) : null,
      autoCreate: input.autoCreate,
    });
    if (p.status === 'new-account' && input.accountNameKeys?.has(normalizeName(p.accountName).key)) {
      unplaced.push({ agentId: ag.agentId, reason: `Agent "${ag.name}": org "${org.name}" has no link, and an account with that name already exists but is inactive or linked to another org. Link the org by hand.` });
      continue;
    }
    if (p.status === 'unplaced') {
      unplaced.push({ agentId: ag.agentId, reason: `Agent "${ag.name}": ${p.reason}` });
      continue;
    }
    if (p.status === 'new-account' && !bulkOrg(ag.orgId)) {
      // only BMS's bulk push makes an account for an org; without a trusted mapping the org is imported first
      unplaced.push({ agentId: ag.agentId, reason: `Agent "${ag.name}": org "${org.name}" has no link and no account of its name; link or import the org first (its assets are written record by record on this tenant, and only an import creates the account).` });
      continue;
    }
    if (p.status === 'placed' && p.via === 'name-match' && !links.has(ag.orgId)) {
      links.set(ag.orgId, { orgId: ag.orgId, orgName: org.name, accountId: p.accountId });
    }
    if (p.status === 'placed' && p.createLocation) {
      const key = `${p.accountId}/${p.createLocation.toLowerCase()}`;
      if (input.locationAdds === false) {
        // no API adds a location to an existing account here: the admin adds it in BMS; until then the asset goes to Main
        if (!missing.has(key)) missing.set(key, { accountId: p.accountId, name: p.createLocation });
      } else if (!locations.has(key)) locations.set(key, { kind: 'create-location', accountId: p.accountId, name: p.createLocation });
    }
    if (p.status === 'new-account') summary.newAccount++;
    const custom = mapping?.rule.kind === 'custom';
    const input_: IntegrationAssetInput = {
      TransactionId: ag.agentId,
      AgentId: ag.agentId,
      AssetId: ag.agentId,
      Organization: { Id: ag.orgId, Name: p.status === 'new-account' ? p.accountName : org.name },
      Name: ag.name,
      MachineGroupId: ag.machineGroupId,
      Type: tenant.category(ag, org),
      LocationId: p.status === 'placed' && p.locationId !== null ? String(p.locationId) : null,
      // only a custom rule sets the department; otherwise BMS keeps a department set by hand (F15)
      ...(custom && input.departments !== false && p.status === 'placed' ? { DepartmentId: p.departmentId === null ? null : String(p.departmentId) } : {}),
      AssetDetails: { SerialNumber: ag.serialNumber || null, OsType: ag.osType, OsInfo: ag.osInfo, LastCheckIn: ag.lastCheckIn, FirstCheckIn: ag.firstCheckIn, LastReboot: ag.lastReboot },
      AssetNetworkDetails: { IpAddress: ag.ipAddress, MacAddress: ag.macAddress },
    };
    // the fingerprint names the placement, not ids that only exist after this push (a new account, a new
    // location): a change of link or rule re-places the org's assets with a forced sync (applyMappingChange)
    const placement = p.status !== 'placed' || p.via !== 'mapping' || !mapping || mapping.rule.kind === 'main' ? 'main'
      : mapping.rule.kind === 'groupId' ? `group:${groupName(ag.machineGroupId, org)}` : `custom:${p.locationId}:${p.departmentId}`;
    const { TransactionId: _t, LocationId: _l, Organization: _o, DepartmentId: _d, ...stable } = input_;
    // the last check-in changes on every run for every online agent: it is not part of the fingerprint, and is
    // pushed with the next real change or once it is older than checkInEveryMs in BMS (LOW-4)
    const { LastCheckIn: _c, ...details } = stable.AssetDetails ?? {};
    // the contact is part of it only where the agent has one (the fingerprints of agents without stay as they were)
    const hash = fingerprint(JSON.stringify([{ ...stable, AssetDetails: details }, ag.orgId, placement, ...(ag.contact ? [ag.contact.email?.toLowerCase() ?? null] : [])]));
    const cached = input.cache.get(ag.agentId);
    const checkInDue = !!cached && (input.now ?? Date.now()) - cached.syncedAt >= (input.checkInEveryMs ?? 24 * 3_600_000);
    if (cached?.machineGroupId && cached.machineGroupId !== ag.machineGroupId) {
      const name = (id: string) => groupName(id, org) ?? id;
      moved.push({ agentId: ag.agentId, reason: `Agent "${ag.name}" moved in VSA from machine group ${name(cached.machineGroupId)} to ${name(ag.machineGroupId)}; its asset follows.` });
      summary.moved++;
    }
    // a Group Id location that has to be made again (edited or removed in BMS) moves its assets too
    const relocate = p.status === 'placed' && p.createLocation !== null;
    if (!scope.force && !relocate && cached && cached.active && cached.hash === hash && !checkInDue) {
      summary.unchanged++;
      continue;
    }
    const entry: PushEntry = { agentId: ag.agentId, orgId: ag.orgId, hash, accountId: p.status === 'placed' ? p.accountId : null, locationId: p.status === 'placed' ? p.locationId : null, locationName: p.status === 'placed' ? p.createLocation : null, input: input_, ...(ag.contact ? { contact: ag.contact } : {}) };
    if (!cached && p.status === 'placed') tenant.newAgent(ag, p.accountId);
    if (bulkOrg(ag.orgId)) {
      // B19: an asset BMS already has keeps the fields whose owner is not VSA
      if (input.tenant && cached && (cached.psaAssetId !== null || cached.active)) {
        entry.keep = keptFields(input_, input.tenant.ownership);
        entry.psaAssetId = cached.psaAssetId;
        if (cached.category) entry.lastCategory = cached.category;
      }
      pushes.push(entry);
    } else {
      const psaAssetId = cached?.psaAssetId ?? null;
      records.push({ ...entry, psaAssetId, ...(cached?.relinkedFrom ? { relinkedFrom: cached.relinkedFrom } : {}), ...(cached?.category ? { lastCategory: cached.category } : {}) });
      if (psaAssetId === null) summary.recordNew++;
    }
  }
  // B16, B18: gone agents wait out the grace period; a new agent that looks like a reinstall is held back as a relink proposal
  const full = !scope.orgId && !scope.agentId;
  const present = new Set(input.agents.map((a) => a.agentId));
  const life = tenant.finish(present, input.cache, (orgId) => input.mappings.get(orgId), full);
  const heldEntries = new Map<string, { entry: PushEntry; bulk: boolean }>();
  if (life.relinks.length) {
    const held = new Set(life.relinks.map((r) => r.newAgentId));
    for (const list of [pushes, records]) {
      for (let i = list.length - 1; i >= 0; i--) {
        if (!held.has(list[i].agentId)) continue;
        heldEntries.set(list[i].agentId, { entry: list[i], bulk: list === pushes });
        if (list === records && list[i].psaAssetId === null) summary.recordNew--;
        list.splice(i, 1);
      }
    }
  }
  const items: Plan<AssetAction>['items'] = [];
  // orgs matched by name are linked first, 100 to a bulk call (F2, F7)
  const pairs = [...links.values()];
  for (let i = 0; i < pairs.length; i += 100) {
    const part = pairs.slice(i, i + 100);
    items.push({ key: `link:${i}`, label: `link ${part.length} org(s) matched by name`, action: { kind: 'link', pairs: part } });
  }
  for (const l of locations.values()) items.push({ key: `location:${l.accountId}:${l.name}`, label: `location "${l.name}" of account ${l.accountId}`, action: l });
  const owners = input.tenant ? { ownership: input.tenant.ownership, overwriteManual: input.tenant.categories.overwriteManual } : undefined;
  for (let i = 0; i < pushes.length; i += PUSH_BATCH) {
    const entries = pushes.slice(i, i + PUSH_BATCH);
    items.push({ key: `push:${i}`, label: `assets ${i + 1}–${i + entries.length}`, action: { kind: 'push', entries, ...(owners ? { owners } : {}) } });
  }
  for (let i = 0; i < records.length; i += RECORD_BATCH) {
    const entries = records.slice(i, i + RECORD_BATCH);
    items.push({ key: `record:${i}`, label: `asset records ${i + 1}–${i + entries.length}`, action: { kind: 'record', entries, ...(owners ? { owners } : {}) } });
  }
  summary.record = records.length;
  // agents gone from VSA (full syncs only): their assets are deactivated, never deleted
  if (full) {
    const goneIds = input.tenant ? new Set(life.deactivate) : null;
    const goneAll = [...input.cache.values()].filter((c) => c.active && !present.has(c.agentId) && (!goneIds || goneIds.has(c.agentId)));
    const gone = goneAll.filter((c) => c.mode !== 'record' || c.psaAssetId === null).map((c) => c.agentId);
    const goneRecords = goneAll.filter((c) => c.mode === 'record' && c.psaAssetId !== null).map((c) => ({ agentId: c.agentId, psaAssetId: c.psaAssetId! }));
    for (let i = 0; i < gone.length; i += PUSH_BATCH) items.push({ key: `deactivate:${i}`, label: `deactivate ${Math.min(PUSH_BATCH, gone.length - i)} assets`, action: { kind: 'deactivate', agentIds: gone.slice(i, i + PUSH_BATCH) } });
    for (let i = 0; i < goneRecords.length; i += RECORD_BATCH) items.push({ key: `deactivate-record:${i}`, label: `deactivate ${Math.min(RECORD_BATCH, goneRecords.length - i)} asset records`, action: { kind: 'deactivate-record', assets: goneRecords.slice(i, i + RECORD_BATCH) } });
    summary.deactivate = gone.length + goneRecords.length;
    summary.deactivateRecord = goneRecords.length;
  }
  summary.push = pushes.length;
  summary.link = links.size;
  summary.createLocation = locations.size;
  summary.unplaced = unplaced.length;
  const extra = { system: life.scope.system, excluded: life.scope.excluded.reduce((n, e) => n + e.count, 0), assetsOff: life.scope.assetsOff, waiting: input.tenant ? life.waiting.length : 0, relink: life.relinks.length };
  return { items, summary: { ...summary, ...extra }, unplaced, moved, missingLocations: [...missing.values()], tenant: life, relinkOffers: relinkOffers(life.relinks, heldEntries, input.cache) };
}

/**
 * Runs (or resumes) an asset sync job. `caps`, the tenant's capability record: a location is added to
 * an existing account only where it says BMS's legacy API is there (an item fails with the reason
 * otherwise); undefined only for tools and tests.
 */
export async function runAssetSync(journal: Journal, jobId: string, bms: BmsClient, hooks: RunHooks = {}, store: LinkStore = new MappingStoreLinks(bms), categories: { id: number; name: string }[] = [], caps?: CapabilityRecord | null): Promise<JobRecord> {
  const cats = new Categories(bms, categories);
  // B19: the accounts' contacts, read once per account in this job, unless the tenant has no such read
  const contacts = new ContactDirectory(caps?.caps.accountContacts?.state === 'absent' ? null : bms);
  const locationCache = new Map<number, { id: number; name: string; main: boolean }[]>();
  const locationsOf = async (accountId: number) => {
    let l = locationCache.get(accountId);
    if (!l) {
      l = (await bms.locations(accountId, hooks.signal)).map((x) => ({ id: x.Id, name: (x.Name ?? '').trim().toLowerCase(), main: x.IsMain }));
      locationCache.set(accountId, l);
    }
    return l;
  };
  return runJob<AssetAction>(journal, jobId, async (chunk) => {
    for (const it of chunk) {
      const a = it.action;
      if (a.kind === 'link') {
        const res = await store.link(a.pairs.map((p) => ({ orgId: p.orgId, accountId: p.accountId })), hooks.signal);
        const ok = new Set(res.done);
        const bad = a.pairs.filter((p) => !ok.has(p.orgId));
        it.state = bad.length ? 'failed' : 'done';
        it.reason = bad.length ? `BMS did not link ${bad.map((p) => `"${p.orgName}"`).slice(0, 3).join(', ')}${bad.length > 3 ? ' …' : ''} to the account matching its name.` : null;
        await journal.audit(a.pairs.filter((p) => ok.has(p.orgId)).map((p) => ({ jobId, system: linkSystem(store), record: `mapping ${p.orgId}`, action: 'link', before: null, after: { orgId: p.orgId, accountId: p.accountId } })));
      } else if (a.kind === 'create-location') {
        try {
          if (caps !== undefined) requireCapability(caps, 'legacyLocations');
          const { id, adopted } = await bms.createLocation(a.accountId, a.name, hooks.signal);
          a.locationId = id;
          locationCache.delete(a.accountId);
          if (!adopted) {
            it.created.push({ system: 'bms', kind: 'location', id: String(id) });
            await journal.audit([{ jobId, system: 'bms', record: `location ${id}`, action: 'create', before: null, after: { accountId: a.accountId, name: a.name } }]);
          }
          it.state = 'done';
        } catch (e) {
          if (!(e instanceof CapabilityError) && (e instanceof AuthError || !(e instanceof ApiError) || (e.code !== 'rejected' && e.code !== 'invalid-input'))) throw e;
          it.state = 'failed';
          it.reason = `Could not add location "${a.name}" to account ${a.accountId}: ${e.message}`;
        }
      } else if (a.kind === 'record') {
        // explicit account, location (a Group Id one made earlier in this job, else Main) and category
        for (const e of a.entries) {
          if (e.locationId !== null || e.accountId === null) continue;
          const locs = await locationsOf(e.accountId);
          const loc = e.locationName ? locs.find((l) => l.name === e.locationName!.toLowerCase()) : locs.find((l) => l.main);
          e.input.LocationId = loc ? String(loc.id) : null;
        }
        const res = await writeRecords(bms, a.entries, cats, hooks.signal, a.owners, contacts);
        await journal.putAssetCache(res.ok);
        await journal.audit(res.ok.map((c) => ({ jobId, system: 'bms' as const, record: `asset ${c.psaAssetId} of agent ${c.agentId}`, action: 'upsert-record', before: null, after: { psaAssetId: c.psaAssetId } })));
        it.state = res.failed.size ? 'failed' : 'done';
        const bad = [...res.failed.values()];
        it.reason = bad.length ? `${bad.length} of ${a.entries.length} assets were not written: ${bad.slice(0, 3).join('; ')}${bad.length > 3 ? '; …' : ''}` : null;
      } else if (a.kind === 'deactivate-record') {
        const res = await deactivateRecords(bms, a.assets, hooks.signal);
        const cache = await journal.assetCache();
        await journal.putAssetCache(res.done.filter((id) => cache.has(id)).map((id) => ({ ...cache.get(id)!, active: false, syncedAt: Date.now() })));
        it.state = res.failed.size ? 'failed' : 'done';
        it.reason = res.failed.size ? `BMS did not deactivate ${res.failed.size} asset record(s): ${[...res.failed.values()].slice(0, 3).join('; ')}` : null;
      } else if (a.kind === 'relink') {
        const reason = await runRelink(bms, journal, jobId, a, hooks.signal);
        it.state = reason ? 'failed' : 'done';
        it.reason = reason;
      } else if (a.kind === 'push') {
        // a Group Id location made earlier in this job (or by someone else meanwhile) is looked up by name
        for (const e of a.entries) {
          if (e.locationId === null && e.locationName && e.accountId !== null) {
            const loc = (await locationsOf(e.accountId)).find((l) => l.name === e.locationName!.toLowerCase());
            e.input.LocationId = loc ? String(loc.id) : null;
          }
        }
        const res = await bms.pushAssets(a.entries.map((e) => omitFromPush(e.input, e.keep)), 'create', hooks.signal);
        const byTx = new Map((res.Details ?? []).map((d) => [d.TransactionId ?? '', d]));
        const ok: AssetCacheEntry[] = [];
        const bad: string[] = [];
        for (const e of a.entries) {
          const d = byTx.get(e.agentId);
          if (d && d.StatusCode === '200') ok.push({
            agentId: e.agentId, orgId: e.orgId, hash: e.hash, psaAssetId: d.PsaAssetId ?? null, active: true, syncedAt: Date.now(), machineGroupId: e.input.MachineGroupId ?? undefined, mode: 'bulk',
            goneSince: null, name: e.input.Name ?? undefined, serialNumber: e.input.AssetDetails?.SerialNumber ?? null, macAddress: e.input.AssetNetworkDetails?.MacAddress ?? null, category: e.input.Type ?? undefined,
          });
          else bad.push(`${e.input.Name ?? e.agentId}: ${d?.StatusMessage ?? 'no answer in the job result'}`);
        }
        // the push carries no contact: each pushed asset whose agent's contact matches gets it per record (contacts.ts); one BMS refused is synced again next time
        const byAgent = new Map(a.entries.map((e) => [e.agentId, e]));
        const noContact = await pushContacts(bms, contacts, ok.map((c) => ({ entry: byAgent.get(c.agentId)!, psaAssetId: c.psaAssetId })), { own: a.owners?.ownership, journal, jobId, signal: hooks.signal });
        bad.push(...noContact.values());
        await journal.putAssetCache(ok.filter((c) => !noContact.has(c.agentId)));
        await journal.audit(ok.map((c) => ({ jobId, system: 'bms' as const, record: `asset of agent ${c.agentId}`, action: 'upsert', before: null, after: { psaAssetId: c.psaAssetId } })));
        it.state = bad.length ? 'failed' : 'done';
        it.reason = bad.length ? `${bad.length} of ${a.entries.length} assets were not synced: ${bad.slice(0, 3).join('; ')}${bad.length > 3 ? '; …' : ''}` : null;
      } else {
        const res = await bms.deactivateAssets(a.agentIds, hooks.signal);
        const done = new Set((res.Details ?? []).filter((d) => d.StatusCode === '200' || d.StatusCode === '404').map((d) => d.AssetId ?? ''));
        const cache = await journal.assetCache();
        await journal.putAssetCache(a.agentIds.filter((id) => done.has(id) && cache.has(id)).map((id) => ({ ...cache.get(id)!, active: false, syncedAt: Date.now() })));
        it.state = a.agentIds.every((id) => done.has(id)) ? 'done' : 'failed';
        it.reason = it.state === 'failed' ? 'BMS did not deactivate every asset of the removed agents.' : null;
      }
    }
  }, { ...hooks, batch: hooks.batch ?? 4 });
}
