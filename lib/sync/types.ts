/** The shapes the job manager's parts share: the clients a job runs with, a job's progress, a plan. */
import type { FieldPreview } from './field-owner';
import type { BmsClient } from '../bms/client';
import type { CapabilityRecord } from '../capabilities/types';
import type { VsaClient } from '../vsa/client';
import type { TenantSettings } from '../mapping/tenant-settings';
import type { AccountDefaults } from './import';
import type { ConfirmNeed, GuardSetting } from './guard';
import type { JobKind, JobRecord } from './journal';
import type { LinkStore, LinkStoreInfo } from './link-store';

export interface SyncContext {
  vsa: VsaClient;
  bms: BmsClient;
  defaults: AccountDefaults;
  /** "Create accounts automatically" (F1), on by default as in BMS */
  autoCreate: boolean;
  /** the location rule of a link without its own (options) */
  defaultRule?: 'main' | 'groupId';
  /** categories, exclusions, assets off, lifecycle, field ownership (B15–B19); defaults when not given */
  tenant?: TenantSettings;
  /** where the team's links live on this tenant (B9; BMS's mapping store when not given) */
  links?: LinkStore;
  linkInfo?: LinkStoreInfo;
  /** BMS's VSA integration is set up and on (capability record): false = no bulk push, per-record writes only */
  integrationOn?: boolean | null;
  /**
   * What the tenant supports (contract §9, lib/capabilities). The extension and the command line always
   * set it (probing first when no record is stored); features that depend on a capability read it here
   * and never guess. Left out only where a test hands in clients directly (then nothing is degraded).
   */
  caps?: CapabilityRecord | null;
  /** the tenant's asset categories (capability record's table), for per-record writes */
  categories?: { id: number; name: string }[];
  /** how many assets a run may deactivate without an admin's yes (settings; 5 % or 50 by default) */
  guard?: GuardSetting;
  /** an agent whose only change is its last check-in is pushed at most this often (ms; settings, a day by default) */
  checkInEveryMs?: number;
}

export interface JobProgress {
  jobId: string;
  kind: JobKind;
  state: JobRecord['state'];
  total: number;
  done: number;
  failed: number;
  pending: number;
  current: string | null;
  ratePerSec: number | null;
  etaSec: number | null;
  note: string | null;
  noteKey: string | null;
  noteArgs: string[];
  summary: Record<string, number>;
  errors: { label: string; reason: string }[];
  /** the run waits for an admin's yes before it writes, and why */
  confirm?: ConfirmNeed | null;
}

/** a planned job, and what it leaves out (an org, agent or record, by `key`) with the reason */
export interface PlanResult {
  progress: JobProgress;
  conflicts: { key: string; reason: string; relink?: { newAgentId: string; oldAgentId: string } }[];
  /** something the admin should know about how it was done (where a rule was kept) */
  notice?: string | null;
  /** B19: an asset sync's field changes, before → after, on the assets the dry run read */
  fields?: FieldPreview;
}
