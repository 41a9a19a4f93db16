/**
 * The job journal on disk, for the command line (the Node backend of lib/sync/journal.ts): an LMDB
 * file (lmdb on npm: prebuilt for each platform inside registry packages, no download at install).
 * LMDB commits a transaction whole or not at all, also when the process is killed mid-write, and lets
 * several processes open the same file (a `status` beside a running job). A job and its items are
 * written in one transaction, like the IndexedDB backend; items are kept by [job, seq].
 */
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import { auditCutoff, jobsToPrune, type PruneResult, type RetentionPolicy } from '../../sync/retention';
import { newJobId, type AssetCacheEntry, type AuditEntry, type Channel, type ItemRecord, type ItemState, type JobKind, type JobRecord, type Journal, type LinkNames } from '../../sync/journal';

type RuleRow = { orgId: string; rule: unknown; checkedAt?: number };
type NeverRow = { key: string; orgId: string; accountId: string; time: number };
export interface JournalLock { pid: number; host: string; since: number; what: string }

const STATES: ItemState[] = ['pending', 'started', 'done', 'failed'];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export class FileJournal implements Journal {
  private root: RootDatabase | null;
  private jobsDb: Database<JobRecord, string>;
  private itemsDb: Database<ItemRecord, [string, number]>;
  private auditDb: Database<AuditEntry, number>;
  private assetDb: Database<AssetCacheEntry, string>;
  private rulesDb: Database<RuleRow, string>;
  private neverDb: Database<NeverRow, string>;
  private namesDb: Database<LinkNames, string>;
  private metaDb: Database<unknown, string>;

  /** `dir` is created when missing; the journal is the file `journal.mdb` in it */
  constructor(readonly dir: string, private now: () => number = Date.now, private channel: Channel = 'cli') {
    mkdirSync(dir, { recursive: true });
    const root = open({ path: join(dir, 'journal.mdb'), maxDbs: 12, encoding: 'json' });
    this.root = root;
    const db = <V, K extends string | number | [string, number]>(name: string) => root.openDB<V, K>(name, { encoding: 'json' });
    this.jobsDb = db('jobs');
    this.itemsDb = db('items');
    this.auditDb = db('audit');
    this.assetDb = db('assetCache');
    this.rulesDb = db('rules');
    this.neverDb = db('neverMap');
    this.namesDb = db('linkNames');
    this.metaDb = db('meta');
  }

  /** another table in the same file (the links kept for the command line, links-file.ts) */
  table<V, K extends string | number>(name: string): Database<V, K> {
    return this.open().openDB<V, K>(name, { encoding: 'json' });
  }

  private open(): RootDatabase {
    if (!this.root) throw new Error('The journal is closed.');
    return this.root;
  }

  async close(): Promise<void> {
    const r = this.root;
    this.root = null;
    if (r) await r.close();
  }

  async createJob<A>(kind: JobKind, items: { key: string; label: string; action: A }[], summary: Record<string, number>): Promise<JobRecord> {
    const t = this.now();
    const job: JobRecord = { id: newJobId(kind, t), kind, state: 'planned', createdAt: t, updatedAt: t, startedAt: null, total: items.length, summary, cancelRequested: false, note: null };
    // a synchronous write transaction: a throw in it (a value that cannot be stored) aborts it whole
    this.open().transactionSync(() => {
      void this.jobsDb.put(job.id, job);
      items.forEach((it, i) => void this.itemsDb.put([job.id, i], { jobId: job.id, seq: i, label: it.label, key: it.key, action: it.action, state: 'pending', attempts: 0, reason: null, created: [], updatedAt: t }));
    });
    return job;
  }

  async job(id: string): Promise<JobRecord | null> {
    return this.jobsDb.get(id) ?? null;
  }

  async jobs(kind?: JobKind): Promise<JobRecord[]> {
    const all = [...this.jobsDb.getRange()].map((e) => e.value).filter((j) => !kind || j.kind === kind);
    return all.sort((a, b) => b.createdAt - a.createdAt);
  }

  async updateJob(id: string, patch: Partial<JobRecord>): Promise<JobRecord> {
    return this.open().transactionSync(() => {
      const cur = this.jobsDb.get(id);
      if (!cur) throw new Error(`Job ${id} is not in the journal.`);
      const next = { ...cur, ...patch, updatedAt: this.now() };
      void this.jobsDb.put(id, next);
      return next;
    });
  }

  async deleteJob(id: string): Promise<void> {
    this.open().transactionSync(() => {
      const job = this.jobsDb.get(id);
      if (!job) return;
      if (job.startedAt !== null) throw new Error(`Job ${id} has run: it stays in the journal (undo and the history need it).`);
      for (const key of this.itemsDb.getKeys({ start: [id, 0], end: [id, Number.MAX_SAFE_INTEGER] })) void this.itemsDb.remove(key);
      void this.jobsDb.remove(id);
    });
  }

  private all<A>(jobId: string): ItemRecord<A>[] {
    return [...this.itemsDb.getRange({ start: [jobId, 0], end: [jobId, Number.MAX_SAFE_INTEGER] })].map((e) => e.value as ItemRecord<A>);
  }

  async items<A>(jobId: string, state?: ItemState): Promise<ItemRecord<A>[]> {
    const rows = this.all<A>(jobId);
    return state ? rows.filter((r) => r.state === state) : rows;
  }

  async unfinished<A>(jobId: string, limit: number): Promise<ItemRecord<A>[]> {
    return this.all<A>(jobId).filter((r) => r.state === 'started' || r.state === 'pending').slice(0, limit);
  }

  async putItems(items: ItemRecord[]): Promise<void> {
    if (!items.length) return;
    const t = this.now();
    this.open().transactionSync(() => {
      for (const it of items) void this.itemsDb.put([it.jobId, it.seq], { ...it, updatedAt: t });
    });
  }

  async counts(jobId: string): Promise<Record<ItemState, number>> {
    const out = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<ItemState, number>;
    for (const r of this.all(jobId)) out[r.state]++;
    return out;
  }

  async assetCache(): Promise<Map<string, AssetCacheEntry>> {
    return new Map([...this.assetDb.getRange()].map((e) => [e.key, e.value]));
  }

  async putAssetCache(entries: AssetCacheEntry[]): Promise<void> {
    if (!entries.length) return;
    this.open().transactionSync(() => {
      for (const e of entries) void this.assetDb.put(e.agentId, e);
    });
  }

  async rules(): Promise<Map<string, unknown>> {
    return new Map([...this.rulesDb.getRange()].filter((e) => e.value.rule !== null).map((e) => [e.key, e.value.rule]));
  }

  async rule(orgId: string): Promise<unknown | null> {
    return this.rulesDb.get(orgId)?.rule ?? null;
  }

  async rulesCheckedAt(): Promise<Map<string, number>> {
    return new Map([...this.rulesDb.getRange()].map((e) => [e.key, e.value.checkedAt ?? 0]));
  }

  async setRule(orgId: string, rule: unknown | null, checkedAt?: number): Promise<void> {
    if (rule === null && checkedAt === undefined) await this.rulesDb.remove(orgId);
    else await this.rulesDb.put(orgId, { orgId, rule, ...(checkedAt === undefined ? {} : { checkedAt }) });
  }

  async linkNames(): Promise<Map<string, LinkNames>> {
    return new Map([...this.namesDb.getRange()].map((e) => [e.key, e.value]));
  }

  async putLinkNames(rows: LinkNames[]): Promise<void> {
    if (!rows.length) return;
    this.open().transactionSync(() => {
      for (const r of rows) void this.namesDb.put(r.orgId, r);
    });
  }

  async neverMap(): Promise<[string, string][]> {
    return [...this.neverDb.getRange()].map((e) => [e.value.orgId, e.value.accountId]);
  }

  async setNeverMap(orgId: string, accountId: string, on: boolean): Promise<void> {
    const key = `${orgId}|${accountId}`;
    if (on) await this.neverDb.put(key, { key, orgId, accountId, time: this.now() });
    else await this.neverDb.remove(key);
  }

  async audit(entries: Omit<AuditEntry, 'id' | 'time' | 'channel'>[]): Promise<void> {
    if (!entries.length) return;
    const t = this.now();
    this.open().transactionSync(() => {
      // ids count up across processes: the counter is read and written in the same transaction
      let id = (this.metaDb.get('auditSeq') as number | undefined) ?? 0;
      for (const e of entries) void this.auditDb.put(++id, { ...e, id, time: t, channel: this.channel });
      void this.metaDb.put('auditSeq', id);
    });
  }

  async auditLog(limit = 1000): Promise<AuditEntry[]> {
    return [...this.auditDb.getRange({ reverse: true, limit })].map((e) => e.value);
  }

  async prune(policy: RetentionPolicy): Promise<PruneResult> {
    const now = this.now();
    const out: PruneResult = { jobs: 0, items: 0, audit: 0 };
    for (const old of jobsToPrune(await this.jobs(), policy, now)) {
      this.open().transactionSync(() => {
        // read again inside the transaction: a job another process started since stays
        const cur = this.jobsDb.get(old.id);
        if (!cur || cur.state === 'running' || cur.updatedAt !== old.updatedAt) return;
        for (const key of this.itemsDb.getKeys({ start: [old.id, 0], end: [old.id, Number.MAX_SAFE_INTEGER] })) {
          void this.itemsDb.remove(key);
          out.items++;
        }
        void this.jobsDb.remove(old.id);
        out.jobs++;
      });
    }
    const cutoff = auditCutoff(policy, now);
    this.open().transactionSync(() => {
      // ids count up with time: the oldest rows come first
      for (const e of this.auditDb.getRange()) {
        if (e.value.time >= cutoff) break;
        void this.auditDb.remove(e.key);
        out.audit++;
      }
    });
    return out;
  }

  /**
   * Claims the journal for one running command (a second one would resume the same job twice).
   * A claim by a process that is gone (killed) is taken over. Returns the holder when it is taken.
   */
  lock(what: string): JournalLock | null {
    const me: JournalLock = { pid: process.pid, host: hostname(), since: this.now(), what };
    return this.open().transactionSync(() => {
      const cur = this.metaDb.get('lock') as JournalLock | undefined;
      if (cur && cur.pid !== me.pid && (cur.host !== me.host || alive(cur.pid))) return cur;
      void this.metaDb.put('lock', me);
      return null;
    });
  }

  unlock(): void {
    if (!this.root) return;
    this.root.transactionSync(() => {
      const cur = this.metaDb.get('lock') as JournalLock | undefined;
      if (cur?.pid === process.pid) void this.metaDb.remove('lock');
    });
  }
}
