/**
 * What this browser keeps of links (IndexedDB): the links of a tenant that offers no shared place
 * (this browser only), and the mirror of a BMS account field (which account was read when, holding
 * which org), so a sync does not read every account on every run.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LinkMemory } from '../sync/link-store';

interface Schema extends DBSchema {
  local: { key: string; value: { orgId: string; accountId: number; at: number } };
  mirror: { key: number; value: { accountId: number; orgId: string | null; checkedAt: number } };
}

export const LINKS_DB = 'bms-vsa-sync-links';

export class LocalLinks implements LinkMemory {
  private dbp: Promise<IDBPDatabase<Schema>> | null = null;
  constructor(private name = LINKS_DB, private now: () => number = Date.now) {}

  private db() {
    this.dbp ??= openDB<Schema>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('local', { keyPath: 'orgId' });
        db.createObjectStore('mirror', { keyPath: 'accountId' });
      },
    });
    return this.dbp;
  }

  // ---------- links kept in this browser only ----------
  async all(): Promise<Map<string, { accountId: number; checkedAt: number }>> {
    return new Map((await (await this.db()).getAll('local')).map((l) => [l.orgId, { accountId: l.accountId, checkedAt: l.at }]));
  }

  async set(orgId: string, accountId: number | null): Promise<void> {
    const db = await this.db();
    if (accountId === null) await db.delete('local', orgId);
    else await db.put('local', { orgId, accountId, at: this.now() });
  }

  // ---------- the mirror of a BMS account field ----------
  /** org → account as last read, and when each account was read */
  async mirror(): Promise<{ links: Map<string, number>; checkedAt: Map<number, number> }> {
    const rows = await (await this.db()).getAll('mirror');
    const links = new Map<string, number>();
    // the newest read wins when two accounts name the same org
    for (const r of [...rows].sort((a, b) => a.checkedAt - b.checkedAt)) if (r.orgId) links.set(r.orgId, r.accountId);
    return { links, checkedAt: new Map(rows.map((r) => [r.accountId, r.checkedAt])) };
  }

  async setMirror(accountId: number, orgId: string | null): Promise<void> {
    await (await this.db()).put('mirror', { accountId, orgId, checkedAt: this.now() });
  }

  async close(): Promise<void> {
    if (this.dbp) (await this.dbp).close();
    this.dbp = null;
  }
}
