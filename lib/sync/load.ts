/** Reads what an asset sync needs from both systems, streaming, with as few calls as the APIs allow. */
import type { BmsClient } from '../bms/client';
import { ForbiddenError, NotFoundError } from '../http/errors';
import { collect } from '../http/paging';
import { matchAll } from '../mapping/match';
import { normalizeName } from '../mapping/normalize';
import type { AccountState, LocationRule, MachineGroupState, OrgState } from '../mapping/rules';
import type { VsaClient } from '../vsa/client';
import type { VsaAgent } from '../vsa/schemas';
import { agentContact } from '../vsa/assumed';
import type { AgentInfo, AssetSyncInput } from './assets';
import type { Journal } from './journal';
import { neverPairs } from './team-rules';
import { MappingStoreLinks, type LinkStore } from './link-store';

/** serial and MAC of an agent, from the audit (Get Agent has neither: ../shared/api-contract.md §3) */
export type AuditInfo = { serialNumber: string | null; macAddress: string | null };

export function agentInfo(a: VsaAgent, audit?: AuditInfo): AgentInfo {
  return {
    agentId: a.AgentId, orgId: a.OrgId, machineGroupId: a.MachineGroupId, name: a.ComputerName || a.AgentName,
    serialNumber: audit?.serialNumber ?? null, ipAddress: a.IPAddress ?? null, macAddress: audit?.macAddress ?? null,
    osType: a.OSType ?? null, osInfo: a.OSInfo ?? null, lastCheckIn: a.LastCheckInTime ?? null, firstCheckIn: a.FirstCheckIn ?? null, lastReboot: a.LastRebootTime ?? null,
    contact: agentContact(a),
  };
}

export async function loadAssetSyncInput(
  vsa: VsaClient, bms: BmsClient, journal: Journal,
  opts: {
    autoCreate: boolean; orgId?: string; signal?: AbortSignal; refreshRules?: (links: Map<string, number>) => Promise<unknown>; links?: LinkStore;
    /** the tenant answers account departments (capability record); false: none are read, none are sent */
    departments?: boolean;
    /** locations can be added to existing accounts (legacy v1, capability record); false: missing ones are listed for the admin */
    locationAdds?: boolean;
  },
): Promise<AssetSyncInput> {
  const s = opts.signal;
  const store = opts.links ?? new MappingStoreLinks(bms);
  const [orgsRaw, groups, agents, audit, accountsRaw, cache] = await Promise.all([
    collect(vsa.orgs({ signal: s })),
    collect(vsa.allMachineGroups(s)),
    // agents are the bulk (50,000+): each page is cut down to what a sync needs as it arrives
    (async () => {
      const out: AgentInfo[] = [];
      for await (const a of vsa.agents({ orgId: opts.orgId, signal: s })) out.push(agentInfo(a));
      return out;
    })(),
    // serial and MAC: the audit of all agents in one paged read, kept only where there is a value
    (async () => {
      const out = new Map<string, AuditInfo>();
      try {
        for await (const r of vsa.audit({ signal: s })) if (r.serialNumber || r.macAddress) out.set(r.agentId, { serialNumber: r.serialNumber, macAddress: r.macAddress });
      } catch (e) {
        // a tenant (or a user's scope) without the audit: assets go without serial and MAC
        if (!(e instanceof NotFoundError || e instanceof ForbiddenError)) throw e;
        out.clear();
      }
      return out;
    })(),
    collect(bms.accounts({ signal: s })),
    journal.assetCache(),
  ]);
  for (const a of agents) {
    const au = audit.get(a.agentId);
    if (au) Object.assign(a, { serialNumber: au.serialNumber, macAddress: au.macAddress });
  }
  const groupsByOrg = new Map<string, MachineGroupState[]>();
  for (const g of groups) {
    const l = groupsByOrg.get(g.OrgId) ?? [];
    l.push({ id: g.MachineGroupId, name: g.MachineGroupName, parentId: g.ParentMachineGroupId ?? null });
    groupsByOrg.set(g.OrgId, l);
  }
  const orgs: OrgState[] = orgsRaw.map((o) => ({ id: o.OrgId, name: o.OrgName, ref: o.OrgRef ?? null, machineGroups: groupsByOrg.get(o.OrgId) ?? [] }));
  const accounts = new Map<number, AccountState>(accountsRaw.map((a) => [a.Id, {
    id: a.Id, name: a.AccountName ?? '', active: a.IsActive, departments: [],
    locations: (a.Locations ?? []).map((l) => ({ id: l.Id, name: l.LocationName ?? '', isMain: l.IsMain, isActive: l.IsActive })),
  }]));
  const mappings = await store.all(s, { accountIds: accountsRaw.map((a) => a.Id), orgs: orgsRaw });
  // the team's rules (B9): this browser's copies, the oldest refreshed first
  if (opts.refreshRules) await opts.refreshRules(opts.orgId ? new Map([...mappings].filter(([o]) => o === opts.orgId)) : mappings);
  const rulesRaw = await journal.rules();
  const rules = rulesRaw as Map<string, LocationRule>;
  // departments only matter for custom rules: one call per such account, and only where BMS's API has them
  const departments = opts.departments ?? true;
  for (const [orgId, rule] of departments ? rules : []) {
    const acc = mappings.has(orgId) ? accounts.get(mappings.get(orgId)!) : undefined;
    if (rule.kind === 'custom' && acc) acc.departments = (await bms.departments(acc.id, s)).map((d) => ({ id: d.Id, name: d.Name ?? '', isActive: d.IsActive ?? true }));
  }
  // orgs with agents but no link: the account with the same name (auto decisions only, F2)
  const withAgents = new Set(agents.map((a) => a.orgId));
  const linked = new Set(mappings.values());
  const unlinked = orgs.filter((o) => withAgents.has(o.id) && !mappings.has(o.id));
  const free = [...accounts.values()].filter((a) => a.active && !linked.has(a.id)).map((a) => ({ id: String(a.id), name: a.name }));
  const never = new Set(neverPairs(orgsRaw, await journal.neverMap()).map(([o, a]) => `${o}|${a}`));
  const nameMatches = new Map(matchAll(unlinked, free, { neverMap: [...never].map((k) => k.split('|') as [string, string]) }).filter((x) => x.decision === 'auto').map((x) => [x.orgId, Number(x.accountId)]));
  exactNameMatches(unlinked, free, nameMatches, never);
  const accountNameKeys = new Set([...accounts.values()].map((a) => normalizeName(a.name).key).filter(Boolean));
  return { orgs, agents, mappings, rules, accounts, nameMatches, cache, autoCreate: opts.autoCreate, accountNameKeys, departments, locationAdds: opts.locationAdds ?? true };
}

/**
 * An org whose name is, once normalized, the name of exactly one free active account and of no other
 * unlinked org goes to that account, where the matcher wanted a look only because of look-alikes.
 * Those look-alikes are linked or get accounts of their own in this very sync, and the next sync
 * would then link the pair: doing it now makes the first sync the last one that writes, so an
 * unchanged re-sync writes nothing. Never-map pairs (B12) are never linked.
 */
export function exactNameMatches(unlinked: { id: string; name: string }[], free: { id: string; name: string }[], matches: Map<string, number>, never: ReadonlySet<string> = new Set()): void {
  const key = (n: string) => normalizeName(n).key;
  const claimed = new Set(matches.values());
  const group = <T>(xs: T[], k: (x: T) => string) => {
    const m = new Map<string, T[]>();
    for (const x of xs) {
      const kk = k(x);
      if (kk) m.set(kk, [...(m.get(kk) ?? []), x]);
    }
    return m;
  };
  const accounts = group(free, (a) => key(a.name));
  const orgs = group(unlinked, (o) => key(o.name));
  for (const [k, os] of orgs) {
    const as = accounts.get(k);
    if (os.length !== 1 || as?.length !== 1) continue;
    const [o] = os;
    const acc = Number(as[0].id);
    if (matches.has(o.id) || claimed.has(acc) || never.has(`${o.id}|${acc}`)) continue;
    matches.set(o.id, acc);
    claimed.add(acc);
  }
}
