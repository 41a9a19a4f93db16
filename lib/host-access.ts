/**
 * Host access follows the saved connections (LOW-8): after a save, the browser's grant for every
 * server no longer configured (an old VSA or BMS address, a BMS web address changed) is given back,
 * so the extension keeps access (and, with `scripting`, injection) only where the admin works now.
 */
import { guessBmsWebUrl, originPattern } from './http/url';
import type { Connections } from './store/connections';

export interface HostPermissions {
  getAll(): Promise<{ origins?: string[] }>;
  remove(p: { origins: string[] }): Promise<boolean>;
}

/** the match patterns the saved connections need: VSA, BMS API and BMS web (derived from the API when not set) */
export function neededPatterns(c: Connections): Set<string> {
  const urls = [c.vsa?.url, c.bms?.url, c.bms?.webUrl || (c.bms?.url ? guessBmsWebUrl(c.bms.url) : undefined)];
  const out = new Set<string>();
  for (const u of urls) {
    if (!u) continue;
    try {
      out.add(originPattern(u));
    } catch {
      // an unreadable address needs no host
    }
  }
  return out;
}

/** gives back every granted host the connections no longer need; `fixed` are the manifest's own (never removable). Returns what was removed. */
export async function releaseUnusedHosts(c: Connections, perms: HostPermissions, fixed: readonly string[] = []): Promise<string[]> {
  const need = neededPatterns(c);
  const keep = new Set([...need, ...fixed]);
  const granted = (await perms.getAll()).origins ?? [];
  const drop = granted.filter((o) => !keep.has(o));
  if (drop.length) await perms.remove({ origins: drop });
  return drop;
}
