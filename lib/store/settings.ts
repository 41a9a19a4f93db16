/** The admin's settings (options page), in extension storage. Defaults follow BMS's own. */
import { storage } from 'wxt/utils/storage';

export interface Settings {
  /** F5 "Push CRM accounts automatically to VSA" */
  pushNewAccounts: boolean;
  /** F1 "Create accounts automatically" for new orgs, on by default as in BMS */
  autoCreateAccounts: boolean;
  /** B7 scheduled asset sync, minutes between runs; 0 = off (the default) */
  syncEveryMinutes: number;
}

export const DEFAULT_SETTINGS: Settings = { pushNewAccounts: false, autoCreateAccounts: true, syncEveryMinutes: 0 };

export const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS, version: 1 });

/** when BMS was last checked for new accounts (ISO time), for the push of new accounts */
export const lastPushCheckItem = storage.defineItem<string | null>('local:lastPushCheck', { fallback: null });
