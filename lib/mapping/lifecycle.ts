/**
 * Agent lifecycle (B18) and reinstalled agents (B16). Pure: no I/O; time comes in as `now` (ms).
 * - An asset whose agent is gone is deactivated only after a grace period (default 7 days); until
 *   then it waits. An agent that comes back reactivates its asset (same agent id: same asset).
 * - A new agent whose serial number or MAC matches an asset of the same account whose agent vanished
 *   within a window of days is a proposed relink of that asset, never a silent second asset.
 * - The orphan lists: BMS assets without a live agent, agents without an asset.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface LifecycleSettings {
  /** days an agent may be gone before its asset is deactivated */
  graceDays: number;
  /** a new agent matching an asset whose agent vanished within this many days is offered as its relink */
  reinstallWindowDays: number;
}

export const DEFAULT_LIFECYCLE: LifecycleSettings = { graceDays: 7, reinstallWindowDays: 30 };

/** one synced asset as this installation remembers it */
export interface TrackedAsset {
  agentId: string;
  active: boolean;
  /** when the sync first found the agent missing from VSA (ms); null/undefined while it is present */
  goneSince?: number | null;
}

export interface LifecyclePlan {
  /** agents found missing for the first time: start their grace period */
  markGone: string[];
  /** missing, still within the grace period */
  waiting: { agentId: string; daysLeft: number }[];
  /** missing for longer than the grace period: deactivate */
  deactivate: string[];
  /** present again after being marked gone or deactivated */
  returned: { agentId: string; wasActive: boolean }[];
}

/** Full syncs only: the agent ids VSA returned, every tracked asset. */
export function planLifecycle(present: Set<string>, tracked: Iterable<TrackedAsset>, now: number, s: LifecycleSettings): LifecyclePlan {
  const out: LifecyclePlan = { markGone: [], waiting: [], deactivate: [], returned: [] };
  const grace = Math.max(0, s.graceDays) * DAY_MS;
  for (const t of tracked) {
    const gone = t.goneSince ?? null;
    if (present.has(t.agentId)) {
      if (gone !== null || !t.active) out.returned.push({ agentId: t.agentId, wasActive: t.active });
      continue;
    }
    if (!t.active) continue;
    if (gone === null) {
      if (grace === 0) out.deactivate.push(t.agentId);
      else {
        out.markGone.push(t.agentId);
        out.waiting.push({ agentId: t.agentId, daysLeft: s.graceDays });
      }
    } else if (now - gone >= grace) out.deactivate.push(t.agentId);
    else out.waiting.push({ agentId: t.agentId, daysLeft: Math.max(1, Math.ceil((gone + grace - now) / DAY_MS)) });
  }
  return out;
}

/** serials that identify nothing (BIOS placeholders) */
const JUNK_SERIAL = /^(to be filled( by o\.?e\.?m\.?)?|default string|system serial number|not specified|none|n\/?a|unknown|0+|1234567890|123456789|chassis serial number|serial number|invalid|oem)$/i;

export function normalizeSerial(s: string | null | undefined): string | null {
  const v = (s ?? '').trim().replace(/\s+/g, ' ');
  if (v.length < 3 || JUNK_SERIAL.test(v) || /^(.)\1*$/.test(v)) return null;
  return v.toUpperCase();
}

/** every MAC in a field ("00:1A:2B:…", "001A2B…", several separated by , ; or space), 12 hex digits each */
export function normalizeMacs(s: string | null | undefined): string[] {
  const out = new Set<string>();
  for (const part of (s ?? '').split(/[,;\s]+/)) {
    const hex = part.replace(/[^0-9a-f]/gi, '').toUpperCase();
    if (hex.length !== 12 || /^0+$/.test(hex) || /^F+$/.test(hex)) continue;
    // locally administered addresses (VPN, Hyper-V, Docker) are not the machine's
    if (parseInt(hex[1], 16) & 2) continue;
    out.add(hex);
  }
  return [...out];
}

export interface NewAgent { agentId: string; name: string; accountId: number; serialNumber: string | null; macAddress: string | null }
export interface GoneAsset {
  agentId: string; name: string; accountId: number; psaAssetId: number | null; serialNumber: string | null; macAddress: string | null; goneSince: number;
  /** new agents an admin said are not a reinstall of this one (rejected relinks): never proposed again */
  rejected?: readonly string[];
}

export interface RelinkProposal {
  newAgentId: string;
  newAgentName: string;
  oldAgentId: string;
  oldAgentName: string;
  psaAssetId: number | null;
  accountId: number;
  by: 'serial' | 'mac';
  value: string;
  message: string;
}

export interface ReinstallResult {
  proposals: RelinkProposal[];
  /** a new agent that matches several gone assets (or a gone asset several new agents): nothing is proposed */
  ambiguous: { agentId: string; message: string }[];
}

/**
 * Reinstalls: new agents (no asset yet) against assets of the same account whose agent vanished
 * within the window. Serial first, then MAC. One-to-one only: anything ambiguous is reported, not guessed.
 */
export function findReinstalls(newAgents: NewAgent[], gone: GoneAsset[], now: number, s: LifecycleSettings): ReinstallResult {
  const windowMs = Math.max(0, s.reinstallWindowDays) * DAY_MS;
  const recent = gone.filter((g) => now - g.goneSince <= windowMs);
  const index = new Map<string, GoneAsset[]>();
  const add = (k: string, g: GoneAsset) => {
    const l = index.get(k);
    if (l) l.push(g);
    else index.set(k, [g]);
  };
  for (const g of recent) {
    const serial = normalizeSerial(g.serialNumber);
    if (serial) add(`${g.accountId}|s|${serial}`, g);
    for (const m of normalizeMacs(g.macAddress)) add(`${g.accountId}|m|${m}`, g);
  }
  const candidates: { agent: NewAgent; old: GoneAsset; by: 'serial' | 'mac'; value: string }[] = [];
  const ambiguous: ReinstallResult['ambiguous'] = [];
  for (const a of newAgents) {
    const serial = normalizeSerial(a.serialNumber);
    const open = (old: GoneAsset) => !old.rejected?.includes(a.agentId);
    let hits: { old: GoneAsset; by: 'serial' | 'mac'; value: string }[] = serial ? (index.get(`${a.accountId}|s|${serial}`) ?? []).filter(open).map((old) => ({ old, by: 'serial' as const, value: serial })) : [];
    if (!hits.length) {
      const seen = new Map<string, { old: GoneAsset; by: 'mac'; value: string }>();
      for (const m of normalizeMacs(a.macAddress)) for (const old of index.get(`${a.accountId}|m|${m}`) ?? []) if (open(old) && !seen.has(old.agentId)) seen.set(old.agentId, { old, by: 'mac', value: m });
      hits = [...seen.values()];
    }
    if (hits.length > 1) ambiguous.push({ agentId: a.agentId, message: `New agent "${a.name}" matches ${hits.length} removed agents (${hits.map((h) => `"${h.old.name}"`).join(', ')}): link it by hand.` });
    else if (hits.length === 1) candidates.push({ agent: a, ...hits[0] });
  }
  // a removed agent claimed by two new agents: neither is proposed
  const claims = new Map<string, number>();
  for (const c of candidates) claims.set(c.old.agentId, (claims.get(c.old.agentId) ?? 0) + 1);
  const proposals: RelinkProposal[] = [];
  for (const c of candidates) {
    if (claims.get(c.old.agentId)! > 1) {
      ambiguous.push({ agentId: c.agent.agentId, message: `New agent "${c.agent.name}" and another new agent both match removed agent "${c.old.name}": link it by hand.` });
      continue;
    }
    const what = c.by === 'serial' ? `serial number ${c.value}` : `MAC ${c.value.replace(/(..)(?!$)/g, '$1:')}`;
    proposals.push({
      newAgentId: c.agent.agentId, newAgentName: c.agent.name, oldAgentId: c.old.agentId, oldAgentName: c.old.name,
      psaAssetId: c.old.psaAssetId, accountId: c.agent.accountId, by: c.by, value: c.value,
      message: `New agent "${c.agent.name}" has the ${what} of removed agent "${c.old.name}": relink its asset${c.old.psaAssetId !== null ? ` ${c.old.psaAssetId}` : ''} (keeps history and contract units) instead of creating a second one?`,
    });
  }
  return { proposals, ambiguous };
}

export interface Orphans {
  /** BMS assets (synced by this product) whose agent is not in VSA */
  assetsWithoutAgent: { agentId: string; psaAssetId: number | null; active: boolean; goneSince: number | null }[];
  /** live agents that have no asset */
  agentsWithoutAsset: { agentId: string; name: string; orgId: string }[];
}

export function findOrphans(agents: { agentId: string; name: string; orgId: string }[], assets: { agentId: string; psaAssetId: number | null; active: boolean; goneSince?: number | null }[], inScope: (agentId: string) => boolean = () => true): Orphans {
  const live = new Set(agents.map((a) => a.agentId));
  const have = new Set(assets.filter((a) => a.active).map((a) => a.agentId));
  return {
    assetsWithoutAgent: assets.filter((a) => !live.has(a.agentId)).map((a) => ({ agentId: a.agentId, psaAssetId: a.psaAssetId, active: a.active, goneSince: a.goneSince ?? null })),
    agentsWithoutAsset: agents.filter((a) => !have.has(a.agentId) && inScope(a.agentId)).map((a) => ({ agentId: a.agentId, name: a.name, orgId: a.orgId })),
  };
}
