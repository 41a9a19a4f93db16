/**
 * Where the connections live. Addresses and user names: extension storage (local). Passwords and
 * tokens: IndexedDB of the extension's own origin, which content scripts (running in the page's
 * origin) cannot open, and which only the background reads.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { storage } from 'wxt/utils/storage';

export interface VsaConnection {
  url: string;
  user: string;
  method: 'password' | 'token';
}
export interface BmsConnection {
  url: string;
  webUrl: string;
  tenant: string;
  user: string;
}
export interface Connections {
  vsa: VsaConnection | null;
  bms: BmsConnection | null;
}

export const connectionsItem = storage.defineItem<Connections>('local:connections', {
  fallback: { vsa: null, bms: null },
  version: 1,
});

const DB_NAME = 'bms-vsa-sync-secrets';
let dbp: Promise<IDBPDatabase> | null = null;
function db(): Promise<IDBPDatabase> {
  dbp ??= openDB(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('secrets');
    },
  });
  return dbp;
}

export type SecretKey = 'vsa' | 'bms';

export async function getSecret(key: SecretKey): Promise<string | null> {
  return ((await (await db()).get('secrets', key)) as string | undefined) ?? null;
}
export async function setSecret(key: SecretKey, value: string | null): Promise<void> {
  const d = await db();
  if (value === null) await d.delete('secrets', key);
  else await d.put('secrets', value, key);
}

/** "••••ab12": enough to recognise a secret, never enough to use it. */
export function secretHint(secret: string | null): string {
  if (!secret) return '';
  return `••••${secret.length > 8 ? secret.slice(-2) : ''}`;
}

/** for tests: close and forget the open database handle */
export async function _resetSecretDb(): Promise<void> {
  const open = dbp;
  dbp = null;
  if (open) (await open).close();
}
