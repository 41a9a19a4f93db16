/**
 * Where the background keeps API tokens between service-worker restarts: storage.session (memory of
 * the browser session, never written to disk, and not readable by content scripts), so a restarted
 * worker does not log in again. Falls back to nothing where storage.session is missing.
 */
import { browser } from 'wxt/browser';

export interface CachedToken {
  token: string;
  expiresAt: number | null;
}

type SessionArea = { get(k: string | null): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void>; remove(k: string | string[]): Promise<void> };

function area(): SessionArea | null {
  return ((browser.storage as unknown as { session?: SessionArea }).session) ?? null;
}

export function sessionCache<T>() {
  return {
    async get(key: string): Promise<T | null> {
      const a = area();
      if (!a) return null;
      const v = (await a.get(`token:${key}`))[`token:${key}`];
      return (v as T | undefined) ?? null;
    },
    async set(key: string, value: T | null): Promise<void> {
      const a = area();
      if (!a) return;
      if (value === null) await a.remove(`token:${key}`);
      else await a.set({ [`token:${key}`]: value });
    },
  };
}

/** removes every API token this extension keeps (connections saved or removed: a token minted with an old credential is not used again, LOW-6) */
export async function clearSessionTokens(): Promise<number> {
  const a = area();
  if (!a) return 0;
  const keys = Object.keys(await a.get(null)).filter((k) => k.startsWith('token:'));
  if (keys.length) await a.remove(keys);
  return keys.length;
}
