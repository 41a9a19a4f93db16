/** The admin's settings (options page), in extension storage. Defaults follow BMS's own. */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_RETENTION } from '../sync/retention';
import { DEFAULT_TENANT_SETTINGS, migrateTenantSettings, type TenantSettings } from '../mapping/tenant-settings';

/** with the tenant rules of B15–B19 (categories, exclusions, lifecycle, field ownership) */
export interface Settings extends TenantSettings {
  /** F5 "Push CRM accounts automatically to VSA" */
  pushNewAccounts: boolean;
  /** F1 "Create accounts automatically" for new orgs, on by default as in BMS */
  autoCreateAccounts: boolean;
  /** B7 scheduled asset sync, minutes between runs; 0 = off (the default) */
  syncEveryMinutes: number;
  /** the location rule a new link starts with (F12, F13) */
  defaultRule: 'main' | 'groupId';
  /** API calls in flight at once, per system (1–8) */
  concurrency: number;
  /** BMS pages the admin taught (W2): page type + address pattern (lib/host/patterns.ts) */
  learnedPages: { page: 'account' | 'asset-list' | 'asset' | 'rmm-settings'; pattern: string }[];
  /** an asset sync deactivates at most this share (percent) of the active assets, or deactivateMin, without asking */
  deactivatePercent?: number;
  deactivateMin?: number;
  /** journal retention: finished jobs older than keepJobsDays or beyond keepJobsCount; audit rows older than keepAuditDays */
  keepJobsDays?: number;
  keepJobsCount?: number;
  keepAuditDays?: number;
  /** an agent whose only change is its last check-in is pushed at most this often (hours) */
  checkInEveryHours?: number;
}

/** the safety and retention settings' defaults (MEDIUM-3, LOW-4) */
export const SAFETY_DEFAULTS = { deactivatePercent: 5, deactivateMin: 50, ...DEFAULT_RETENTION, checkInEveryHours: 24 };
type Safety = typeof SAFETY_DEFAULTS;
const safetyOf = (o: Partial<Settings>): Safety => Object.fromEntries(Object.entries(SAFETY_DEFAULTS).map(([k, v]) => [k, typeof o[k as keyof Safety] === 'number' ? o[k as keyof Safety] : v])) as Safety;

export const DEFAULT_SETTINGS: Settings = { pushNewAccounts: false, autoCreateAccounts: true, syncEveryMinutes: 0, defaultRule: 'main', concurrency: 4, learnedPages: [], ...DEFAULT_TENANT_SETTINGS, ...SAFETY_DEFAULTS };

/** any older shape (or an imported settings file) to today's: unknown fields dropped, missing ones default */
export function migrateSettings(old: Partial<Settings> | null | undefined): Settings {
  const o = old ?? {};
  const base = { ...DEFAULT_SETTINGS, ...o };
  return {
    pushNewAccounts: base.pushNewAccounts, autoCreateAccounts: base.autoCreateAccounts, syncEveryMinutes: base.syncEveryMinutes,
    defaultRule: base.defaultRule, concurrency: base.concurrency, learnedPages: base.learnedPages ?? [], ...migrateTenantSettings(o), ...safetyOf(o),
  };
}

/** the settings with the safety and retention fields filled (settings saved by an older version lack them) */
export const withDefaults = (s: Settings): Settings & Safety => ({ ...s, ...safetyOf(s) });

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 4,
  migrations: { 2: (old: Partial<Settings>) => ({ ...DEFAULT_SETTINGS, ...old }), 3: (old: Partial<Settings>) => ({ ...DEFAULT_SETTINGS, ...old, learnedPages: old.learnedPages ?? [] }), 4: (old: Partial<Settings>) => migrateSettings(old) },
});

/** when BMS was last checked for new accounts (ISO time), for the push of new accounts */
export const lastPushCheckItem = storage.defineItem<string | null>('local:lastPushCheck', { fallback: null });

/** the journal's last clean-up (LOW-4): when, and how many jobs, items and audit rows it removed */
export const lastPruneItem = storage.defineItem<{ at: number; jobs: number; items: number; audit: number } | null>('local:lastPrune', { fallback: null });

/** the retention part of the settings, as the journal's prune takes it */
export const retentionOf = (s: Settings) => {
  const d = withDefaults(s);
  return { keepJobsDays: d.keepJobsDays, keepJobsCount: d.keepJobsCount, keepAuditDays: d.keepAuditDays };
};

