/**
 * The line an asset sync does not cross on its own (MEDIUM-3): a run that would deactivate more
 * than a small share of the active assets (a setting: 5 % or 50, whichever is larger), or that
 * deactivates on an answer from VSA that looks wrong, stops before writing until an admin confirms.
 * An unattended run (schedule, command line without --yes) never confirms. Pure.
 */
export interface GuardSetting {
  /** share of the active assets a run may deactivate without asking, in percent */
  percent: number;
  /** ... or this many, whichever is larger */
  min: number;
}
export const DEFAULT_GUARD: GuardSetting = { percent: 5, min: 50 };

export type SuspectCode = 'no-agents' | 'orgs-empty' | 'fewer-than-before';

/** why a run waits for an admin: what it would deactivate, against what, and what looks wrong */
export interface ConfirmNeed {
  reason: 'mass-deactivation';
  deactivate: number;
  active: number;
  limit: number;
  suspect: { code: SuspectCode; args: string[]; text: string }[];
}

export function deactivationLimit(active: number, s: GuardSetting = DEFAULT_GUARD): number {
  return Math.max(Math.ceil((active * s.percent) / 100), s.min);
}

export function checkDeactivation(input: {
  /** assets this run would deactivate */
  deactivate: number;
  /** the synced assets, active or not, with the org each came from */
  cache: Iterable<{ orgId: string; active: boolean }>;
  /** the agents VSA answered (a full read) */
  agents: { orgId: string }[];
  /** the orgs VSA answered */
  orgs: { id: string }[];
  /** how many agents the previous full read returned, null when none is known */
  previousAgents: number | null;
}, s: GuardSetting = DEFAULT_GUARD): ConfirmNeed | null {
  let active = 0;
  const syncedOrgs = new Set<string>();
  for (const c of input.cache) {
    if (!c.active) continue;
    active++;
    syncedOrgs.add(c.orgId);
  }
  const limit = deactivationLimit(active, s);
  const suspect: ConfirmNeed['suspect'] = [];
  const agents = input.agents.length;
  if (agents === 0 && active > 0) {
    suspect.push({ code: 'no-agents', args: [String(active)], text: `VSA answered no agents at all, while ${active} active assets came from it.` });
  } else {
    // orgs VSA still lists, whose agents were synced before, and for which it returned none now
    const listed = new Set(input.orgs.map((o) => o.id));
    const withAgents = new Set(input.agents.map((a) => a.orgId));
    const before = [...syncedOrgs].filter((o) => listed.has(o));
    const empty = before.filter((o) => !withAgents.has(o));
    if (empty.length >= 2 && empty.length * 2 > before.length) {
      suspect.push({ code: 'orgs-empty', args: [String(empty.length), String(before.length)], text: `VSA lists ${empty.length} of the ${before.length} orgs whose agents were synced, but returned no agent for them.` });
    }
  }
  if (input.previousAgents !== null && input.previousAgents - agents > limit) {
    suspect.push({ code: 'fewer-than-before', args: [String(agents), String(input.previousAgents)], text: `VSA returned ${agents} agents; the previous read returned ${input.previousAgents}.` });
  }
  const stop = input.deactivate > limit || (input.deactivate > 0 && suspect.length > 0);
  return stop ? { reason: 'mass-deactivation', deactivate: input.deactivate, active, limit, suspect } : null;
}

/** the job note of a run that waits for an admin (English; the key and arguments for other languages) */
export function confirmNote(c: ConfirmNeed, stopped: boolean) {
  const args = [String(c.deactivate), String(c.active), String(c.limit)];
  const looks = c.suspect.length ? ` VSA's answer looks wrong: ${c.suspect.map((x) => x.text).join(' ')}` : '';
  const key = `${stopped ? 'note_deactivate_stopped' : 'note_deactivate_confirm'}${c.suspect.length ? '_suspect' : ''}`;
  const english = stopped
    ? `Stopped before writing: this unattended sync would deactivate ${c.deactivate} of ${c.active} active assets in BMS, more than the ${c.limit} it may deactivate without asking.${looks} Nothing was written. Open the extension, check VSA, and run the asset sync there to review and confirm.`
    : `This sync would deactivate ${c.deactivate} of ${c.active} active assets in BMS, more than the ${c.limit} it may deactivate without asking.${looks} Nothing is written until you confirm.`;
  return { note: english, noteKey: key, noteArgs: args };
}
