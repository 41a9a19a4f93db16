/** The admin's settings (options page), in extension storage. Defaults follow BMS's own. */
import { storage } from 'wxt/utils/storage';

export interface Settings {
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
}

export const DEFAULT_SETTINGS: Settings = { pushNewAccounts: false, autoCreateAccounts: true, syncEveryMinutes: 0, defaultRule: 'main', concurrency: 4, learnedPages: [] };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 3,
  migrations: { 2: (old: Partial<Settings>) => ({ ...DEFAULT_SETTINGS, ...old }), 3: (old: Partial<Settings>) => ({ ...DEFAULT_SETTINGS, ...old, learnedPages: old.learnedPages ?? [] }) },
});

/** when BMS was last checked for new accounts (ISO time), for the push of new accounts */
export const lastPushCheckItem = storage.defineItem<string | null>('local:lastPushCheck', { fallback: null });
