/**
 * Asset categories (B15): an ordered rule table, first match wins. A rule's condition is any of OS
 * type, machine group path and agent name (glob patterns, all given parts must match); its result is
 * a BMS hardware category by name (BMS requires one on every asset). No rule matches → the default.
 * Whether a sync may overwrite a category someone set by hand is one flag. Pure: no I/O.
 */
import { compilePattern, patternError, type CompiledPattern } from './patterns';

export interface CategoryRule {
  /** glob over the agent's OS type ("*server*"); empty or absent: any */
  osType?: string;
  /** glob over the machine group path as VSA names it ("acme.root.servers", "*.servers") */
  machineGroup?: string;
  /** glob over the agent (computer) name ("SRV-*") */
  agentName?: string;
  /** the BMS hardware category, by name */
  category: string;
}

export interface CategorySettings {
  rules: CategoryRule[];
  /** the category when no rule matches */
  defaultCategory: string;
  /** may a sync replace a category that was changed in BMS by hand? (BMS's own "Overwrite" flag) */
  overwriteManual: boolean;
}

/** what BMS's own integration does: servers by OS type, everything else a workstation */
export const DEFAULT_CATEGORIES: CategorySettings = {
  rules: [
    { osType: '*server*', category: 'Server' },
    { osType: '*linux*', category: 'Server' },
    { osType: '*unix*', category: 'Server' },
  ],
  defaultCategory: 'Workstation',
  overwriteManual: false,
};

export interface CategoryInput {
  osType: string | null;
  machineGroupPath: string | null;
  name: string;
}

export interface CategoryVerdict {
  category: string;
  /** index of the rule that decided, null for the default */
  rule: number | null;
}

export interface CompiledCategories {
  /** one message per malformed rule (that rule is skipped) */
  errors: string[];
  categorize(a: CategoryInput): CategoryVerdict;
}

const part = (p: string | undefined): CompiledPattern | null => (p && p.trim() ? compilePattern(p) : null);

export function compileCategories(s: CategorySettings): CompiledCategories {
  const errors: string[] = [];
  const rules: { i: number; os: CompiledPattern | null; group: CompiledPattern | null; name: CompiledPattern | null; category: string }[] = [];
  s.rules.forEach((r, i) => {
    const what = `Category rule ${i + 1}`;
    const os = part(r.osType);
    const group = part(r.machineGroup);
    const name = part(r.agentName);
    const category = (r.category ?? '').trim();
    const bad = [os && patternError(`${what}, OS type`, os), group && patternError(`${what}, machine group`, group), name && patternError(`${what}, agent name`, name)].filter((x): x is string => !!x);
    if (!os && !group && !name) bad.push(`${what}: it has no condition (give an OS type, a machine group or an agent name pattern). It is skipped.`);
    if (!category) bad.push(`${what}: it names no category. It is skipped.`);
    if (bad.length) errors.push(...bad);
    else rules.push({ i, os, group, name, category });
  });
  const fallback = s.defaultCategory.trim();
  if (!fallback) errors.push('The default category is empty: BMS needs a category on every asset.');
  return {
    errors,
    categorize(a) {
      for (const r of rules) {
        if (r.os && !r.os.test(a.osType)) continue;
        if (r.group && !r.group.test(a.machineGroupPath)) continue;
        if (r.name && !r.name.test(a.name)) continue;
        return { category: r.category, rule: r.i };
      }
      return { category: fallback || 'Workstation', rule: null };
    },
  };
}

/**
 * The category a sync writes. `current` is the asset's category in BMS (null: new asset or none),
 * `lastSynced` the one this product last wrote (undefined: it never wrote one). A category that
 * differs from what the sync wrote was set by hand; so is one on an asset the sync never wrote.
 */
export function categoryToWrite(wanted: string, current: string | null, lastSynced: string | null | undefined, overwriteManual: boolean): { category: string; keptManual: boolean } {
  if (!current || current.trim().toLowerCase() === wanted.trim().toLowerCase()) return { category: wanted, keptManual: false };
  const byHand = lastSynced === undefined || lastSynced === null || lastSynced.trim().toLowerCase() !== current.trim().toLowerCase();
  if (byHand && !overwriteManual) return { category: current, keptManual: true };
  return { category: wanted, keptManual: false };
}

/** categories the rules name that the tenant does not have (contract §7: those seen on assets or in the lookup table) */
export function unknownCategories(s: CategorySettings, offered: string[]): string[] {
  if (!offered.length) return [];
  const have = new Set(offered.map((c) => c.trim().toLowerCase()));
  const named = [...s.rules.map((r) => r.category), s.defaultCategory].map((c) => (c ?? '').trim()).filter(Boolean);
  return [...new Set(named)].filter((c) => !have.has(c.toLowerCase()));
}

/** the dry run's count per category, largest first */
export function countByCategory(categories: Iterable<string>): { category: string; count: number }[] {
  const m = new Map<string, number>();
  for (const c of categories) m.set(c, (m.get(c) ?? 0) + 1);
  return [...m].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
}
