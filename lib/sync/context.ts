/**
 * Builds the API clients the background's jobs use from the saved connections and secrets, with
 * tokens kept in storage.session so a restarted worker does not log in again.
 */
import { DEFAULT_ACCOUNT_DEFAULTS } from '../bms/assumed';
import { probeConnections } from '../capabilities/run';
import { probeKey, type CapabilityRecord } from '../capabilities/types';
import { loadCapabilities, saveCapabilities } from '../store/capabilities';
import { BmsClient } from '../bms/client';
import { MessageError } from '../messages';
import { connectionsItem, getSecret } from '../store/connections';
import { settingsItem, withDefaults } from '../store/settings';
import { migrateTenantSettings } from '../mapping/tenant-settings';
import { sessionCache } from '../store/tokens';
import { VsaClient } from '../vsa/client';
import type { SyncContext } from './types';
import { LocalLinks } from '../store/links-idb';
import { chooseBackend, linkCapabilities, resolveLinkStore } from './link-store';
import { withCapabilities } from './capable';

let cached: { key: string; ctx: SyncContext } | null = null;

const sha256 = async (s: string) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s))), (b) => b.toString(16).padStart(2, '0')).join('');

/** what the cached clients were built from: the connections and a SHA-256 of each secret, so any new secret makes new clients (LOW-6) */
export async function contextKey(connections: unknown, concurrency: number, vsaSecret: string, bmsSecret: string): Promise<string> {
  return JSON.stringify([connections, concurrency, await sha256(`vsa\0${vsaSecret}`), await sha256(`bms\0${bmsSecret}`)]);
}

/** drops the cached clients (connections saved or removed): the next job builds them from what is saved now */
export function forgetContext(): void {
  cached = null;
}
const localLinks = new LocalLinks();

/** the tenant's capability record: the stored one, else probed now and stored (no job runs on an unprobed tenant) */
async function capabilities(c: { vsa: { url: string; user: string; method: 'token' | 'password' }; bms: { url: string; tenant: string; user: string } }, vs: string, bs: string): Promise<CapabilityRecord> {
  const stored = await loadCapabilities(probeKey(c.vsa.url, c.bms.url, c.bms.tenant));
  // a record whose link chain could not be checked (BMS or VSA did not answer) is probed again: links wait for it
  if (stored && chooseBackend(linkCapabilities(stored)) !== 'unknown') return stored;
  const rec = await probeConnections((i, init) => fetch(i, init), {
    vsa: { url: c.vsa.url, user: c.vsa.user, secret: vs, method: c.vsa.method },
    bms: { url: c.bms.url, tenant: c.bms.tenant, user: c.bms.user, password: bs },
  });
  await saveCapabilities(rec);
  return rec;
}

export async function syncContext(): Promise<SyncContext> {
  const c = await connectionsItem.getValue();
  if (!c.vsa || !c.bms) throw new MessageError('Connect Kaseya VSA and Kaseya BMS in the settings first.', 'not-configured');
  const [vs, bs] = await Promise.all([getSecret('vsa'), getSecret('bms')]);
  if (!vs || !bs) throw new MessageError('A saved password or token is missing: enter it again in the settings.', 'not-configured');
  const settings = withDefaults(await settingsItem.getValue());
  // what the tenant supports (Test connection probes it again): a new probe re-chooses where links live
  const caps = await capabilities({ vsa: c.vsa, bms: c.bms }, vs, bs);
  const key = `${await contextKey(c, settings.concurrency, vs, bs)}@${caps.probedAt}`;
  const guard = { percent: settings.deactivatePercent, min: settings.deactivateMin };
  const checkInEveryMs = settings.checkInEveryHours * 3_600_000;
  if (cached?.key === key && cached.ctx.links?.backend !== 'unknown') return withCapabilities({ ...cached.ctx, autoCreate: settings.autoCreateAccounts, defaultRule: settings.defaultRule, guard, checkInEveryMs, tenant: migrateTenantSettings(settings) }, caps);
  const f = (i: string, init?: RequestInit) => fetch(i, init);
  const ctx: SyncContext = {
    vsa: new VsaClient({ fetch: f, credentials: { baseUrl: c.vsa.url, user: c.vsa.user, secret: vs, method: c.vsa.method }, cache: sessionCache(), concurrency: settings.concurrency }),
    bms: new BmsClient({ fetch: f, credentials: { baseUrl: c.bms.url, tenant: c.bms.tenant, user: c.bms.user, password: bs }, cache: sessionCache(), concurrency: settings.concurrency }),
    defaults: { ...DEFAULT_ACCOUNT_DEFAULTS },
    autoCreate: settings.autoCreateAccounts,
    defaultRule: settings.defaultRule,
    guard,
    checkInEveryMs,
    tenant: migrateTenantSettings(settings),
  };
  // where the team keeps links (B9): as the capability record says (Test connection probes again); a step it could not check is tried again next time
  const links = cached?.key === key ? cached.ctx : null;
  const resolved = resolveLinkStore({ vsa: (links ?? ctx).vsa, bms: (links ?? ctx).bms }, localLinks, caps);
  Object.assign(links ?? ctx, { links: resolved.store, linkInfo: resolved.info });
  if (links) return withCapabilities({ ...links, autoCreate: settings.autoCreateAccounts, defaultRule: settings.defaultRule, guard, checkInEveryMs, tenant: migrateTenantSettings(settings) }, caps);
  cached = { key, ctx };
  return withCapabilities(ctx, caps);
}
