/**
 * The settings of B15–B19 in one shape: category rules, exclusions and "assets off" links, the agent
 * lifecycle, field ownership. zod schemas (shared by the protocol and the settings file), defaults,
 * and every message about rules that cannot work as typed. Pure: no I/O.
 */
import { z } from 'zod';
import { compileCategories, DEFAULT_CATEGORIES } from './categories';
import { DEFAULT_LIFECYCLE } from './lifecycle';
import { DEFAULT_OWNERSHIP, OWNED_FIELDS } from './ownership';
import { compileScope, DEFAULT_EXCLUSIONS } from './scope';

const Pattern = z.string().max(500);

export const CategoryRuleSchema = z.object({
  osType: Pattern.optional(),
  machineGroup: Pattern.optional(),
  agentName: Pattern.optional(),
  category: z.string().max(200),
});

export const CategorySettingsSchema = z.object({
  rules: z.array(CategoryRuleSchema).max(200),
  defaultCategory: z.string().max(200),
  overwriteManual: z.boolean(),
});

export const ExclusionRuleSchema = z.object({
  target: z.enum(['org', 'machineGroup', 'agent']),
  pattern: Pattern,
  note: z.string().max(200).optional(),
});

export const LifecycleSettingsSchema = z.object({
  graceDays: z.number().int().min(0).max(365),
  reinstallWindowDays: z.number().int().min(0).max(365),
});

const OwnershipValue = z.enum(['vsa', 'bms', 'fillEmpty']);
export const OwnershipSettingsSchema = z.object(Object.fromEntries(OWNED_FIELDS.map((f) => [f, OwnershipValue])) as Record<(typeof OWNED_FIELDS)[number], typeof OwnershipValue>);

/** the settings fields of B15–B19 (merged into the options' Settings) */
export const TenantSettingsShape = {
  categories: CategorySettingsSchema,
  exclusions: z.array(ExclusionRuleSchema).max(500),
  /** org ids whose link is "assets off": mapped, its assets not synced */
  assetsOffOrgs: z.array(z.string().max(40)).max(100_000),
  lifecycle: LifecycleSettingsSchema,
  ownership: OwnershipSettingsSchema,
};
export const TenantSettingsSchema = z.object(TenantSettingsShape);
export type TenantSettings = z.infer<typeof TenantSettingsSchema>;

export const DEFAULT_TENANT_SETTINGS: TenantSettings = {
  categories: DEFAULT_CATEGORIES,
  exclusions: DEFAULT_EXCLUSIONS,
  assetsOffOrgs: [],
  lifecycle: DEFAULT_LIFECYCLE,
  ownership: DEFAULT_OWNERSHIP,
};

/**
 * Older settings (or an imported file) with some of these fields missing or malformed: each field
 * that does not parse falls back to its default, per field (a new ownership field gets its default,
 * the rest of the table is kept).
 */
export function migrateTenantSettings(old: Partial<Record<keyof TenantSettings, unknown>> | null | undefined): TenantSettings {
  const o = old ?? {};
  const pick = <K extends keyof TenantSettings>(k: K): TenantSettings[K] => {
    const r = TenantSettingsShape[k].safeParse(o[k]);
    return (r.success ? r.data : DEFAULT_TENANT_SETTINGS[k]) as TenantSettings[K];
  };
  const own = (o.ownership && typeof o.ownership === 'object' ? o.ownership : {}) as Record<string, unknown>;
  const ownership = { ...DEFAULT_OWNERSHIP };
  for (const f of OWNED_FIELDS) {
    const r = OwnershipValue.safeParse(own[f]);
    if (r.success) ownership[f] = r.data;
  }
  const cats = (o.categories && typeof o.categories === 'object' ? o.categories : {}) as Record<string, unknown>;
  const categories = {
    rules: z.array(CategoryRuleSchema).safeParse(cats.rules).data ?? DEFAULT_CATEGORIES.rules,
    defaultCategory: typeof cats.defaultCategory === 'string' ? cats.defaultCategory : DEFAULT_CATEGORIES.defaultCategory,
    overwriteManual: typeof cats.overwriteManual === 'boolean' ? cats.overwriteManual : DEFAULT_CATEGORIES.overwriteManual,
  };
  return { categories, exclusions: pick('exclusions'), assetsOffOrgs: pick('assetsOffOrgs'), lifecycle: { ...DEFAULT_LIFECYCLE, ...(LifecycleSettingsSchema.partial().safeParse(o.lifecycle).data ?? {}) }, ownership };
}

/** every rule that cannot work as typed, with the rule and the cause (shown where they are set) */
export function tenantSettingsProblems(s: TenantSettings): string[] {
  return [...compileCategories(s.categories).errors, ...compileScope(s.exclusions).errors];
}
