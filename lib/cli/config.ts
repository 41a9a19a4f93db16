/**
 * The command line's connections: a JSON config file for addresses, users and settings, and
 * environment variables for the secrets (never the command line, never the file). Checked with the
 * options page's own schemas, so the messages are the same plain words.
 *
 *   {
 *     "vsa": { "url": "https://vsa.example.com", "user": "sync-bot", "method": "token" },
 *     "bms": { "url": "https://api.bms.kaseya.com", "tenant": "acme", "user": "sync-bot" },
 *     "settings": { "autoCreateAccounts": true, "defaultRule": "main", "concurrency": 4, "requestsPerSecond": 10, "deactivatePercent": 5, "deactivateMin": 50,
 *                   "keepJobsDays": 30, "keepJobsCount": 200, "keepAuditDays": 365,
 *                   "exclusions": [{ "target": "machineGroup", "pattern": "*.lab" }], "assetsOffOrgs": [],
 *                   "lifecycle": { "graceDays": 7 }, "ownership": { "contact": "fillEmpty" }, "categories": { "defaultCategory": "Workstation" } },
 *     "journal": "/var/lib/bms-vsa-sync"
 *   }
 *
 *   VSA_SECRET   the VSA personal access token (method "token") or password (method "password")
 *   BMS_PASSWORD the BMS password
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_ACCOUNT_DEFAULTS } from '../bms/assumed';
import { bmsBaseUrl } from '../bms/auth';
import { BmsClient } from '../bms/client';
import type { FetchFn } from '../http/fetch';
import { guessBmsWebUrl } from '../http/url';
import { BmsConnectionInput, describeZodError, SettingsSchema, VsaConnectionInput } from '../messages';
import { DEFAULT_GUARD } from '../sync/guard';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../sync/retention';
import type { SyncContext } from '../sync/types';
import { vsaBaseUrl } from '../vsa/auth';
import { VsaClient } from '../vsa/client';
import { CliError } from './exit';
import { CategorySettingsSchema, LifecycleSettingsSchema, migrateTenantSettings, OwnershipSettingsSchema, tenantSettingsProblems, type TenantSettings } from '../mapping/tenant-settings';

export const ENV = { vsaSecret: 'VSA_SECRET', bmsPassword: 'BMS_PASSWORD', config: 'BVS_CONFIG', journal: 'BVS_JOURNAL' } as const;
export const DEFAULT_CONFIG = 'bms-vsa-sync.json';

const CliSettings = SettingsSchema.pick({ autoCreateAccounts: true, defaultRule: true, concurrency: true, deactivatePercent: true, deactivateMin: true, keepJobsDays: true, keepJobsCount: true, keepAuditDays: true, exclusions: true, assetsOffOrgs: true }).extend({
  /** requests per second to each system (default 10, as the extension); raise it for an on-premises VSA or a test tenant */
  requestsPerSecond: z.number().int().min(1, 'requestsPerSecond: at least 1.').max(1000, 'requestsPerSecond: at most 1,000.'),
  // the tenant rules (B15–B19), as the extension's settings export has them; a field left out keeps its default
  categories: CategorySettingsSchema.partial().strict(),
  lifecycle: LifecycleSettingsSchema.partial().strict(),
  ownership: OwnershipSettingsSchema.partial().strict(),
}).partial();

const ConfigFile = z.object({
  vsa: VsaConnectionInput.omit({ secret: true }).strict(),
  bms: BmsConnectionInput.omit({ password: true }).strict(),
  settings: CliSettings.strict().optional(),
  /** where the journal lives; relative to the config file */
  journal: z.string().trim().min(1, 'Name a folder for the journal, or leave "journal" out.').optional(),
  /** [assumed] what BMS needs for a new account (see lib/bms/assumed.ts) */
  accountDefaults: z.object({ accountTypeId: z.number().int(), businessTypeId: z.number().int(), accountManagerId: z.number().int() }).strict().optional(),
}).strict();

export interface CliConfig {
  file: string;
  vsa: { url: string; user: string; method: 'token' | 'password'; secret: string };
  bms: { url: string; webUrl: string; tenant: string; user: string; password: string };
  settings: { autoCreateAccounts: boolean; defaultRule: 'main' | 'groupId'; concurrency: number; requestsPerSecond: number; deactivatePercent: number; deactivateMin: number };
  /** what the journal keeps (LOW-4): pruned when a command starts */
  retention: RetentionPolicy;
  journal: string;
  accountDefaults: SyncContext['defaults'];
  /** the tenant rules: scope, categories, grace period, field ownership (the extension's, from the same code) */
  tenant: TenantSettings;
}

const SECRET_KEYS = /^(secret|password|token|accesstoken|apikey|pat)$/i;

/** reads and checks the config file and the secrets; every problem is a CliError naming the file and field */
export function loadConfig(opts: { file?: string; journal?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliConfig {
  const env = opts.env ?? process.env;
  const file = resolve(opts.cwd ?? process.cwd(), opts.file ?? env[ENV.config] ?? DEFAULT_CONFIG);
  if (!existsSync(file)) throw new CliError(`No config file at ${file}. Create it (see README, "Command line") or name one with --config FILE.`, 'input');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`The config file ${file} is not valid JSON: ${(e as Error).message}`, 'input');
  }
  for (const sys of ['vsa', 'bms'] as const) {
    const part = (raw as Record<string, unknown> | null)?.[sys];
    const bad = part && typeof part === 'object' ? Object.keys(part).find((k) => SECRET_KEYS.test(k)) : undefined;
    if (bad) throw new CliError(`The config file ${file} holds a secret (${sys}.${bad}): remove it and set ${sys === 'vsa' ? ENV.vsaSecret : ENV.bmsPassword} in the environment instead.`, 'input');
  }
  const parsed = ConfigFile.safeParse(raw);
  if (!parsed.success) throw new CliError(`The config file ${file} is not right: ${describeZodError(parsed.error)}`, 'input');
  const c = parsed.data;
  const vsaSecret = env[ENV.vsaSecret];
  const bmsPassword = env[ENV.bmsPassword];
  const missing = [
    !vsaSecret ? `${ENV.vsaSecret} (the VSA ${c.vsa.method === 'token' ? 'access token' : 'password'})` : null,
    !bmsPassword ? `${ENV.bmsPassword} (the BMS password)` : null,
  ].filter(Boolean);
  if (missing.length) throw new CliError(`Set ${missing.join(' and ')} in the environment: secrets are never read from the command line or the config file.`, 'input');
  const bmsUrl = bmsBaseUrl(c.bms.url);
  const tenant = migrateTenantSettings(c.settings ?? {});
  const problems = tenantSettingsProblems(tenant);
  if (problems.length) throw new CliError(`The config file ${file} has tenant rules that cannot work: ${problems.join(' ')}`, 'input');
  return {
    file,
    vsa: { url: vsaBaseUrl(c.vsa.url), user: c.vsa.user, method: c.vsa.method, secret: vsaSecret! },
    bms: { url: bmsUrl, webUrl: c.bms.webUrl ? new URL(c.bms.webUrl).origin : guessBmsWebUrl(bmsUrl), tenant: c.bms.tenant, user: c.bms.user, password: bmsPassword! },
    settings: { autoCreateAccounts: c.settings?.autoCreateAccounts ?? true, defaultRule: c.settings?.defaultRule ?? 'main', concurrency: c.settings?.concurrency ?? 4, requestsPerSecond: c.settings?.requestsPerSecond ?? 10,
      deactivatePercent: c.settings?.deactivatePercent ?? DEFAULT_GUARD.percent, deactivateMin: c.settings?.deactivateMin ?? DEFAULT_GUARD.min },
    retention: { keepJobsDays: c.settings?.keepJobsDays ?? DEFAULT_RETENTION.keepJobsDays, keepJobsCount: c.settings?.keepJobsCount ?? DEFAULT_RETENTION.keepJobsCount, keepAuditDays: c.settings?.keepAuditDays ?? DEFAULT_RETENTION.keepAuditDays },
    journal: resolve(dirname(file), opts.journal ?? env[ENV.journal] ?? c.journal ?? 'bms-vsa-sync-journal'),
    accountDefaults: c.accountDefaults ?? DEFAULT_ACCOUNT_DEFAULTS,
    tenant,
  };
}

/** the clients a job runs with, built from the config (the browser's context.ts reads extension storage instead) */
export function cliContext(cfg: CliConfig, fetchFn: FetchFn = (i, init) => fetch(i, init)): SyncContext {
  const { concurrency, requestsPerSecond: rps } = cfg.settings;
  return {
    vsa: new VsaClient({ fetch: fetchFn, credentials: { baseUrl: cfg.vsa.url, user: cfg.vsa.user, secret: cfg.vsa.secret, method: cfg.vsa.method }, concurrency, rps }),
    bms: new BmsClient({ fetch: fetchFn, credentials: { baseUrl: cfg.bms.url, tenant: cfg.bms.tenant, user: cfg.bms.user, password: cfg.bms.password }, concurrency, rps }),
    defaults: cfg.accountDefaults,
    autoCreate: cfg.settings.autoCreateAccounts,
    defaultRule: cfg.settings.defaultRule,
    // the mass-deactivation guard (MEDIUM-3): the same line as the extension's settings
    guard: { percent: cfg.settings.deactivatePercent, min: cfg.settings.deactivateMin },
    // B15–B19: the same rules as the extension (lib/sync applies them for both)
    tenant: cfg.tenant,
  };
}
