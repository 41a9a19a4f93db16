/**
 * The command line's capability record (contract §9): what the tenant supports, kept in the
 * journal's file beside the jobs, probed once when it is missing, stale (older than a day) or left
 * the link chain unchecked. Jobs receive it exactly as the extension's do (lib/sync/capable.ts).
 */
import { CAPABILITY_MAX_AGE_MS, CapabilityRecord, probeConnections, probeKey } from '../capabilities';
import type { FetchFn } from '../http/fetch';
import type { FileJournal } from '../store/node/journal-file';
import { chooseBackend, linkCapabilities } from '../sync/link-store';
import type { CliConfig } from './config';

export async function cliCapabilities(cfg: CliConfig, journal: FileJournal, fetchFn: FetchFn, now: () => number = Date.now): Promise<{ record: CapabilityRecord; probed: boolean }> {
  const key = probeKey(cfg.vsa.url, cfg.bms.url, cfg.bms.tenant);
  const table = journal.table<unknown, string>('capabilities');
  const stored = CapabilityRecord.safeParse(table.get(key));
  if (stored.success && now() - stored.data.probedAt < CAPABILITY_MAX_AGE_MS && chooseBackend(linkCapabilities(stored.data)) !== 'unknown') return { record: stored.data, probed: false };
  const record = await probeConnections(fetchFn, {
    vsa: { url: cfg.vsa.url, user: cfg.vsa.user, secret: cfg.vsa.secret, method: cfg.vsa.method },
    bms: { url: cfg.bms.url, tenant: cfg.bms.tenant, user: cfg.bms.user, password: cfg.bms.password },
  }, { now });
  await table.put(key, record);
  return { record, probed: true };
}
