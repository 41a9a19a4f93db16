/**
 * The job journal: every bulk job's plan as items with their state (pending, started, done,
 * failed + reason) and the id of every record created. Each step is written before and after its
 * API call, so a restarted worker resumes at the first unfinished item and never repeats a write
 * that happened (a `started` item is looked up before it is written again). Also the audit log (B4)
 * and this installation's copies (asset fingerprints, location rules, names, never-map pairs).
 *
 * Only the interface lives here; lib/sync uses it and never a backend. Two backends keep the same
 * guarantees (test/unit/sync/journal-contract.ts runs one suite against both):
 * - IndexedDB in the browser (lib/store/journal-idb.ts)
 * - an LMDB file store for the command line (lib/store/node/journal-file.ts)
 */
import type { ConfirmNeed } from './guard';
import type { RelinkOffer } from './relink';
import type { PruneResult, RetentionPolicy } from './retention';

export type JobKind = 'import' | 'export' | 'push' | 'assets' | 'undo';
export type JobState = 'planned' | 'running' | 'done' | 'failed' | 'cancelled';
export type ItemState = 'pending' | 'started' | 'done' | 'failed';

export interface CreatedRecord {
  system: 'vsa' | 'bms';
  kind: string;
  id: string;
  /** for a link (kind "mapping"): the BMS account the job linked the org to */
  accountId?: number;
}

export interface JobRecord {
  id: string;
  kind: JobKind;
  state: JobState;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  total: number;
  /** counts by action, for the dry-run preview ("create 312 accounts, link 1,204") */
  summary: Record<string, number>;
  cancelRequested: boolean;
  /** why a job stopped, in words */
  note: string | null;
  /** the note as a key of public/_locales with its arguments, for the admin's language (note is the English) */
  noteKey?: string | null;
  noteArgs?: string[];
  /** the run waits for an admin before it writes (a mass deactivation, MEDIUM-3); null or absent: it does not */
  confirm?: ConfirmNeed | null;
  /** B16: an asset sync's dry run keeps its relink proposals here, for the admin to accept or reject */
  relinks?: RelinkOffer[];
  /**
   * F10: orgs whose assets are placed again once this (running) asset job ends: a location rule or link
   * changed while it ran, and it was planned before (follow-ups.ts). Kept here so a stopped worker loses none.
   */
  replaceAfter?: string[];
}

/** a job note in English plus its locale key and arguments */
export const jobNote = (key: string, args: string[], english: string) => ({ note: english, noteKey: key, noteArgs: args });
export const NO_NOTE = { note: null, noteKey: null, noteArgs: [] as string[] };

export interface ItemRecord<A = unknown> {
  jobId: string;
  seq: number;
  /** what the item is about, for the admin (an org name) */
  label: string;
  key: string;
  action: A;
  state: ItemState;
  attempts: number;
  reason: string | null;
  created: CreatedRecord[];
  updatedAt: number;
}

/** where a write was made from: the browser extension or the command line (B21) */
export type Channel = 'extension' | 'cli';

export interface AuditEntry {
  id?: number;
  time: number;
  /** set by the journal that records the entry; entries older than B21 have none (the extension) */
  channel?: Channel;
  jobId: string | null;
  system: 'vsa' | 'bms';
  record: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** what was last pushed for an agent: a fingerprint of the fields, and the BMS asset it became */
export interface AssetCacheEntry {
  agentId: string;
  orgId: string;
  hash: string;
  psaAssetId: number | null;
  active: boolean;
  syncedAt: number;
  /** the agent's machine group when pushed, to notice a move (B8) */
  machineGroupId?: string;
  /** how it was written: BMS's bulk integration push (keyed by agent) or one hardware-asset record */
  mode?: 'bulk' | 'record';
  /** when a full sync first found the agent missing (ms): its asset is deactivated after the grace period (B18) */
  goneSince?: number | null;
  /** name, serial number and MAC when pushed, to recognise a reinstalled agent (B16) */
  name?: string;
  serialNumber?: string | null;
  macAddress?: string | null;
  /** the category last pushed */
  category?: string;
  /** B16: this asset was relinked to a reinstalled agent (this entry stays as the record of it, inactive) */
  relinkedTo?: string | null;
  /** B16: the removed agent whose asset this agent took over (BMS may still name that agent on the record) */
  relinkedFrom?: string | null;
  /** B16: new agents an admin said are not a reinstall of this one */
  relinkRejected?: string[];
}

/** the names of both sides when a link was first seen, to notice renames (B8) */
export interface LinkNames {
  orgId: string;
  accountId: number;
  orgName: string;
  accountName: string;
}

export interface Journal {
  /** writes a planned job and all its items at once: never a job without its items */
  createJob<A>(kind: JobKind, items: { key: string; label: string; action: A }[], summary: Record<string, number>): Promise<JobRecord>;
  job(id: string): Promise<JobRecord | null>;
  /** newest first */
  jobs(kind?: JobKind): Promise<JobRecord[]>;
  /** throws when the job is not in the journal */
  updateJob(id: string, patch: Partial<JobRecord>): Promise<JobRecord>;
  /** removes a job that never ran (a discarded dry run) with its items; refuses one that ran */
  deleteJob(id: string): Promise<void>;
  /** in plan order */
  items<A>(jobId: string, state?: ItemState): Promise<ItemRecord<A>[]>;
  /** the unfinished items (started first: they may have been written already), in plan order */
  unfinished<A>(jobId: string, limit: number): Promise<ItemRecord<A>[]>;
  /** writes the items (all or none) */
  putItems(items: ItemRecord[]): Promise<void>;
  counts(jobId: string): Promise<Record<ItemState, number>>;
  assetCache(): Promise<Map<string, AssetCacheEntry>>;
  putAssetCache(entries: AssetCacheEntry[]): Promise<void>;
  /** location rules: this installation's copy of the team's (BMS account custom field, see team-rules.ts) */
  rules(): Promise<Map<string, unknown>>;
  /** one org's rule, or null */
  rule(orgId: string): Promise<unknown | null>;
  /** when each org's rule was last read from the team copy (ms), to refresh the oldest first */
  rulesCheckedAt(): Promise<Map<string, number>>;
  /** `rule` null removes it; `checkedAt` records a read of the team copy (a null rule is then kept as "checked: none") */
  setRule(orgId: string, rule: unknown | null, checkedAt?: number): Promise<void>;
  linkNames(): Promise<Map<string, LinkNames>>;
  putLinkNames(rows: LinkNames[]): Promise<void>;
  /** pairs an admin rejected (B12): never suggested again */
  neverMap(): Promise<[string, string][]>;
  setNeverMap(orgId: string, accountId: string, on: boolean): Promise<void>;
  /** records writes, stamped with the time and this journal's channel */
  audit(entries: Omit<AuditEntry, 'id' | 'time' | 'channel'>[]): Promise<void>;
  /** newest first */
  auditLog(limit?: number): Promise<AuditEntry[]>;
  /**
   * removes old history as retention.ts decides (finished jobs with their items, audit rows), each
   * job with its items in one transaction; never a running job, nor one Undo or Retry may still need
   * within its days
   */
  prune(policy: RetentionPolicy): Promise<PruneResult>;
  close(): Promise<void>;
}

/** a job id: kind, time, and randomness enough that two installations never meet */
export const newJobId = (kind: JobKind, t: number) => `${kind}-${t.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
