/**
 * The job journal in IndexedDB (the extension's backend of lib/sync/journal.ts): jobs with their
 * items, written in one transaction; items indexed by job and state; the audit log by time.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { auditCutoff, jobsToPrune, type PruneResult, type RetentionPolicy } from '../sync/retention';
import { newJobId, type AssetCacheEntry, type AuditEntry, type Channel, type ItemRecord, type ItemState, type JobKind, type JobRecord, type Journal, type LinkNames } from '../sync/journal';

interface Schema extends DBSchema {
  jobs: { key: string; value: JobRecord; indexes: { byKind: JobKind } };
  assetCache: { key: string; value: AssetCacheEntry };
  rules: { key: string; value: { orgId: string; rule: unknown; checkedAt?: number } };
  neverMap: { key: string; value: { key: string; orgId: string; accountId: string; time: number } };
  items: { key: [string, number]; value: ItemRecord; indexes: { byJobState: [string, ItemState] } };
  audit: { key: number; value: AuditEntry; indexes: { byTime: number } };
  linkNames: { key: string; value: LinkNames };
}

export const JOURNAL_DB = 'bms-vsa-sync-journal';

export class IdbJournal implements Journal {
  private dbp: Promise<IDBPDatabase<Schema>> | null = null;
  constructor(readonly name = JOURNAL_DB, private now: () => number = Date.now, private channel: Channel = 'extension') {}

  db(): Promise<IDBPDatabase<Schema>> {
    this.dbp ??= openDB<Schema>(this.name, 4, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore('jobs', { keyPath: 'id' }).createIndex('byKind', 'kind');
          db.createObjectStore('items', { keyPath: ['jobId', 'seq'] }).createIndex('byJobState', ['jobId', 'state']);
          db.createObjectStore('audit', { keyPath: 'id', autoIncrement: true }).createIndex('byTime', 'time');
        }
        if (oldVersion < 2) {
          db.createObjectStore('assetCache', { keyPath: 'agentId' });
          db.createObjectStore('rules', { keyPath: 'orgId' });
        }
        if (oldVersion < 3) db.createObjectStore('neverMap', { keyPath: 'key' });
        if (oldVersion < 4) db.createObjectStore('linkNames', { keyPath: 'orgId' });
      },
    });
    return this.dbp;
  }

  async close(): Promise<void> {
    const p = this.dbp;
    this.dbp = null;
    if (p) (await p).close();
  }

  /** writes a planned job and all its items in one transaction */
  async createJob<A>(kind: JobKind, items: { key: string; label: string; action: A }[], summary: Record<string, number>): Promise<JobRecord> {
    const db = await this.db();
    const t = this.now();
    const job: JobRecord = { id: newJobId(kind, t), kind, state: 'planned', createdAt: t, updatedAt: t, startedAt: null, total: items.length, summary, cancelRequested: false, note: null };
    const tx = db.transaction(['jobs', 'items'], 'readwrite');
    try {
      await tx.objectStore('jobs').put(job);
      const store = tx.objectStore('items');
      for (let i = 0; i < items.length; i++) {
        await store.put({ jobId: job.id, seq: i, label: items[i].label, key: items[i].key, action: items[i].action, state: 'pending', attempts: 0, reason: null, created: [], updatedAt: t });
      }
    } catch (e) {
      // a put that throws (a value IndexedDB cannot clone) does not end the transaction by itself: nothing of the job may stay
      tx.abort();
      await tx.done.catch(() => undefined);
      throw e;
    }
    await tx.done;
    return job;
  }

  async job(id: string): Promise<JobRecord | null> {
    return (await (await this.db()).get('jobs', id)) ?? null;
  }

  async jobs(kind?: JobKind): Promise<JobRecord[]> {
    const db = await this.db();
    const all = kind ? await db.getAllFromIndex('jobs', 'byKind', kind) : await db.getAll('jobs');
    return all.sort((a, b) => b.createdAt - a.createdAt);
  }

  async updateJob(id: string, patch: Partial<JobRecord>): Promise<JobRecord> {
    const db = await this.db();
    const tx = db.transaction('jobs', 'readwrite');
    const cur = await tx.store.get(id);
    if (!cur) throw new Error(`Job ${id} is not in the journal.`);
    const next = { ...cur, ...patch, updatedAt: this.now() };
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  async deleteJob(id: string): Promise<void> {
    const db = await this.db();
    const tx = db.transaction(['jobs', 'items'], 'readwrite');
    const job = await tx.objectStore('jobs').get(id);
    if (!job) return;
    if (job.startedAt !== null) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new Error(`Job ${id} has run: it stays in the journal (undo and the history need it).`);
    }
    await tx.objectStore('jobs').delete(id);
    await tx.objectStore('items').delete(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]));
    await tx.done;
  }

  async items<A>(jobId: string, state?: ItemState): Promise<ItemRecord<A>[]> {
    const db = await this.db();
    const rows = state
      ? await db.getAllFromIndex('items', 'byJobState', [jobId, state])
      : await db.getAll('items', IDBKeyRange.bound([jobId, 0], [jobId, Number.MAX_SAFE_INTEGER]));
    return (rows as ItemRecord<A>[]).sort((a, b) => a.seq - b.seq);
  }

  /** the unfinished items (started first: they may have been written already), in plan order */
  async unfinished<A>(jobId: string, limit: number): Promise<ItemRecord<A>[]> {
    const started = await this.items<A>(jobId, 'started');
    const pending = await this.items<A>(jobId, 'pending');
    return [...started, ...pending].sort((a, b) => a.seq - b.seq).slice(0, limit);
  }

  async putItems(items: ItemRecord[]): Promise<void> {
    const db = await this.db();
    const tx = db.transaction('items', 'readwrite');
    const t = this.now();
    for (const it of items) await tx.store.put({ ...it, updatedAt: t });
    await tx.done;
  }

  async counts(jobId: string): Promise<Record<ItemState, number>> {
    const db = await this.db();
    const out = { pending: 0, started: 0, done: 0, failed: 0 } as Record<ItemState, number>;
    for (const s of Object.keys(out) as ItemState[]) out[s] = await db.countFromIndex('items', 'byJobState', [jobId, s]);
    return out;
  }

  async assetCache(): Promise<Map<string, AssetCacheEntry>> {
    const rows = await (await this.db()).getAll('assetCache');
    return new Map(rows.map((r) => [r.agentId, r]));
  }

  async putAssetCache(entries: AssetCacheEntry[]): Promise<void> {
    if (!entries.length) return;
    const db = await this.db();
    const tx = db.transaction('assetCache', 'readwrite');
    for (const e of entries) await tx.store.put(e);
    await tx.done;
  }

  /** location rules: this browser's copy of the team's (BMS account custom field, see team-rules.ts) */
  async rules(): Promise<Map<string, unknown>> {
    const rows = await (await this.db()).getAll('rules');
    return new Map(rows.filter((r) => r.rule !== null).map((r) => [r.orgId, r.rule]));
  }

  /** one org's rule, or null */
  async rule(orgId: string): Promise<unknown | null> {
    return (await (await this.db()).get('rules', orgId))?.rule ?? null;
  }

  /** when each org's rule was last read from the team copy (ms), to refresh the oldest first */
  async rulesCheckedAt(): Promise<Map<string, number>> {
    const rows = await (await this.db()).getAll('rules');
    return new Map(rows.map((r) => [r.orgId, r.checkedAt ?? 0]));
  }

  /** `rule` null removes it; `checkedAt` records a read of the team copy (a null rule is then kept as "checked: none") */
  async setRule(orgId: string, rule: unknown | null, checkedAt?: number): Promise<void> {
    const db = await this.db();
    if (rule === null && checkedAt === undefined) await db.delete('rules', orgId);
    else await db.put('rules', { orgId, rule, checkedAt });
  }

  async linkNames(): Promise<Map<string, LinkNames>> {
    return new Map((await (await this.db()).getAll('linkNames')).map((l) => [l.orgId, l]));
  }

  async putLinkNames(rows: LinkNames[]): Promise<void> {
    if (!rows.length) return;
    const tx = (await this.db()).transaction('linkNames', 'readwrite');
    for (const r of rows) await tx.store.put(r);
    await tx.done;
  }

  /** pairs an admin rejected (B12): never suggested again */
  async neverMap(): Promise<[string, string][]> {
    return (await (await this.db()).getAll('neverMap')).map((r) => [r.orgId, r.accountId]);
  }

  async setNeverMap(orgId: string, accountId: string, on: boolean): Promise<void> {
    const db = await this.db();
    const key = `${orgId}|${accountId}`;
    if (on) await db.put('neverMap', { key, orgId, accountId, time: this.now() });
    else await db.delete('neverMap', key);
  }

  async audit(entries: Omit<AuditEntry, 'id' | 'time' | 'channel'>[]): Promise<void> {
    if (!entries.length) return;
    const db = await this.db();
    const tx = db.transaction('audit', 'readwrite');
    const t = this.now();
    for (const e of entries) await tx.store.add({ ...e, time: t, channel: this.channel });
    await tx.done;
  }

  async auditLog(limit = 1000): Promise<AuditEntry[]> {
    const db = await this.db();
    const out: AuditEntry[] = [];
    let cursor = await db.transaction('audit').store.index('byTime').openCursor(null, 'prev');
    while (cursor && out.length < limit) {
      out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  }

  async prune(policy: RetentionPolicy): Promise<PruneResult> {
    const db = await this.db();
    const now = this.now();
    const out: PruneResult = { jobs: 0, items: 0, audit: 0 };
    for (const old of jobsToPrune(await db.getAll('jobs'), policy, now)) {
      const tx = db.transaction(['jobs', 'items'], 'readwrite');
      // read again inside the transaction: a job started since the list was read stays
      const cur = await tx.objectStore('jobs').get(old.id);
      if (!cur || cur.state === 'running' || cur.updatedAt !== old.updatedAt) {
        await tx.done;
        continue;
      }
      const range = IDBKeyRange.bound([old.id, 0], [old.id, Number.MAX_SAFE_INTEGER]);
      out.items += await tx.objectStore('items').count(range);
      await tx.objectStore('items').delete(range);
      await tx.objectStore('jobs').delete(old.id);
      await tx.done;
      out.jobs++;
    }
    const tx = db.transaction('audit', 'readwrite');
    let cursor = await tx.store.index('byTime').openCursor(IDBKeyRange.upperBound(auditCutoff(policy, now), true));
    while (cursor) {
      await cursor.delete();
      out.audit++;
      cursor = await cursor.continue();
    }
    await tx.done;
    return out;
  }
}
