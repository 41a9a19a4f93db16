/**
 * What is in scope of the sync (B17): VSA's built-in orgs (myOrg, Kserver, Unnamed) are never
 * suggested for import and never become accounts; admins exclude orgs, machine groups and agents by
 * name pattern; a link may be "assets off" (mapped, its assets not synced). Every item left out keeps
 * the reason (the rule that excluded it), so the overview can still count it. Pure: no I/O.
 */
import { compilePattern, patternError, type CompiledPattern } from './patterns';

/**
 * VSA's predefined orgs [confirmed: H-ORGUI]. [assumed] they are recognised by OrgRef (or, failing
 * that, by name); "My Organization" as myOrg's display name is a guess from the VSA UI.
 */
export const BUILT_IN_ORG_REFS = ['myorg', 'kserver', 'unnamed'] as const;
export const BUILT_IN_ORG_NAMES = ['myorg', 'my organization', 'kserver', 'unnamed'] as const;

export function isBuiltInOrg(org: { name: string; ref?: string | null }): boolean {
  const ref = (org.ref ?? '').trim().toLowerCase();
  if (ref) return (BUILT_IN_ORG_REFS as readonly string[]).includes(ref);
  return (BUILT_IN_ORG_NAMES as readonly string[]).includes(org.name.trim().toLowerCase());
}

export type ExclusionTarget = 'org' | 'machineGroup' | 'agent';

export interface ExclusionRule {
  target: ExclusionTarget;
  /** glob over the org name, the machine group path or the agent name */
  pattern: string;
  /** why, in the admin's words (shown with the count) */
  note?: string;
}

export const DEFAULT_EXCLUSIONS: ExclusionRule[] = [];

export type ScopeVerdict =
  | { status: 'in' }
  | { status: 'system' }
  | { status: 'excluded'; rule: number; label: string }
  | { status: 'assets-off' };

export interface CompiledScope {
  errors: string[];
  /** an org on its own (import suggestions, auto-create) */
  org(o: { id: string; name: string; ref?: string | null }): ScopeVerdict;
  /** an agent: its org first, then its machine group, then its own name; then the link's "assets off" */
  agent(a: { name: string; orgId: string; machineGroupPath: string | null }, org: { id: string; name: string; ref?: string | null } | null): ScopeVerdict;
}

const TARGET_WORD: Record<ExclusionTarget, string> = { org: 'org', machineGroup: 'machine group', agent: 'agent' };

/** how a rule is named to the admin: `org "Lab*"` */
export const ruleLabel = (r: ExclusionRule): string => `${TARGET_WORD[r.target] ?? r.target} "${r.pattern}"${r.note ? ` (${r.note})` : ''}`;

export function compileScope(rules: ExclusionRule[], opts: { assetsOff?: Iterable<string> } = {}): CompiledScope {
  const errors: string[] = [];
  const compiled: { i: number; target: ExclusionTarget; p: CompiledPattern; label: string }[] = [];
  rules.forEach((r, i) => {
    if (r.target !== 'org' && r.target !== 'machineGroup' && r.target !== 'agent') {
      errors.push(`Exclusion rule ${i + 1}: "${String(r.target)}" is not org, machine group or agent. It is skipped.`);
      return;
    }
    const p = compilePattern(r.pattern);
    const e = patternError(`Exclusion rule ${i + 1} (${TARGET_WORD[r.target]})`, p);
    if (e) errors.push(e);
    else compiled.push({ i, target: r.target, p, label: ruleLabel(r) });
  });
  const off = new Set(opts.assetsOff ?? []);
  const first = (target: ExclusionTarget, name: string | null): ScopeVerdict | null => {
    const hit = compiled.find((c) => c.target === target && c.p.test(name));
    return hit ? { status: 'excluded', rule: hit.i, label: hit.label } : null;
  };
  const org = (o: { id: string; name: string; ref?: string | null }): ScopeVerdict => (isBuiltInOrg(o) ? { status: 'system' } : first('org', o.name) ?? { status: 'in' });
  return {
    errors,
    org,
    agent(a, o) {
      if (o) {
        const v = org(o);
        if (v.status !== 'in') return v;
      }
      const v = first('machineGroup', a.machineGroupPath) ?? first('agent', a.name);
      if (v) return v;
      return off.has(a.orgId) ? { status: 'assets-off' } : { status: 'in' };
    },
  };
}

/** the overview's counts: system items, items excluded per rule (with its label), links with assets off */
export interface ScopeCounts {
  system: number;
  assetsOff: number;
  excluded: { rule: number; label: string; count: number }[];
}

export function countScope(verdicts: Iterable<ScopeVerdict>): ScopeCounts {
  const out: ScopeCounts = { system: 0, assetsOff: 0, excluded: [] };
  const byRule = new Map<number, { rule: number; label: string; count: number }>();
  for (const v of verdicts) {
    if (v.status === 'system') out.system++;
    else if (v.status === 'assets-off') out.assetsOff++;
    else if (v.status === 'excluded') {
      const e = byRule.get(v.rule) ?? { rule: v.rule, label: v.label, count: 0 };
      e.count++;
      byRule.set(v.rule, e);
    }
  }
  out.excluded = [...byRule.values()].sort((a, b) => a.rule - b.rule);
  return out;
}

export const excludedTotal = (c: ScopeCounts): number => c.excluded.reduce((n, e) => n + e.count, 0);

/**
 * A machine group's path for patterns, org ref first as VSA writes it ("acme.root.servers"):
 * MachineGroupName already is the full path on a real VSA (contract §3); a group that carries only
 * its own name gets its parents' names put in front.
 */
export function machineGroupPath(groupId: string, groups: { id: string; name: string; parentId: string | null }[] | Map<string, { id: string; name: string; parentId: string | null }>): string | null {
  const byId = groups instanceof Map ? groups : new Map(groups.map((g) => [g.id, g]));
  const own = byId.get(groupId);
  if (!own) return null;
  if (own.name.includes('.')) return own.name;
  const parts: string[] = [];
  for (let g: typeof own | undefined = own; g && parts.length <= 50; g = g.parentId ? byId.get(g.parentId) : undefined) parts.unshift(g.name);
  return parts.join('.');
}
