/**
 * What the command line keeps of links (lib/sync/link-store.ts's LinkMemory), in the journal's LMDB
 * file: the links of a tenant that offers no shared place (kept here only, with the same "not
 * shared" warning as the browser), and the mirror of the BMS account field. Same rules as the
 * browser's (lib/store/links-idb.ts): the newest read wins when two accounts name the same org.
 */
import type { LinkMemory } from '../../sync/link-store';
import type { FileJournal } from './journal-file';

type LocalRow = { orgId: string; accountId: number; at: number };
type MirrorRow = { accountId: number; orgId: string | null; checkedAt: number };

export class FileLinks implements LinkMemory {
  constructor(private journal: FileJournal, private now: () => number = Date.now) {}

  private local() {
    return this.journal.table<LocalRow, string>('localLinks');
  }

  private mirrorDb() {
    return this.journal.table<MirrorRow, number>('linkMirror');
  }

  async all(): Promise<Map<string, { accountId: number; checkedAt: number }>> {
    return new Map([...this.local().getRange()].map((e) => [e.key, { accountId: e.value.accountId, checkedAt: e.value.at }]));
  }

  async set(orgId: string, accountId: number | null): Promise<void> {
    if (accountId === null) await this.local().remove(orgId);
    else await this.local().put(orgId, { orgId, accountId, at: this.now() });
  }

  async mirror(): Promise<{ links: Map<string, number>; checkedAt: Map<number, number> }> {
    const rows = [...this.mirrorDb().getRange()].map((e) => e.value);
    const links = new Map<string, number>();
    for (const r of [...rows].sort((a, b) => a.checkedAt - b.checkedAt)) if (r.orgId) links.set(r.orgId, r.accountId);
    return { links, checkedAt: new Map(rows.map((r) => [r.accountId, r.checkedAt])) };
  }

  async setMirror(accountId: number, orgId: string | null): Promise<void> {
    await this.mirrorDb().put(accountId, { accountId, orgId, checkedAt: this.now() });
  }
}
