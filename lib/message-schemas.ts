/**
 * The shapes the protocol (lib/messages.ts) is made of: ids at the boundary, connections, jobs and their
 * progress, settings, the sync overview, location rules, the audit log, and the protocol's error. Import
 * them from lib/messages, the protocol's one entry point, which re-exports all of this.
 */
import { z } from 'zod';
import { compilePattern, PatternError } from './host/patterns';
import { CapabilityStateName } from './capabilities/types';
import { insecureUrlProblem } from './http/url';
import { TenantSettingsShape } from './mapping/tenant-settings';


// extension pages forbid eval: tell zod not to try its code-generating fast path
z.config({ jitless: true });

export const SystemId = z.enum(['vsa', 'bms']);
export type SystemId = z.infer<typeof SystemId>;

/**
 * Ids at the protocol boundary, in one place (LOW-3): a VSA id (org, agent) is digits only and at
 * most 26 long, a BMS id (account, asset) a positive int32, a job id the journal's own shape. An id
 * that passes can be joined into an OData filter or a comma list without changing its meaning.
 */
export const VSA_ID = /^\d{1,26}$/;
export const BMS_ID_MAX = 2_147_483_647;
export const JOB_ID = /^[a-z][a-z0-9-]{0,63}$/;
export const VsaId = z.string().regex(VSA_ID, 'A VSA id is digits only (at most 26).');
export const BmsId = z.number().int('A BMS id is a whole number.').min(1, 'A BMS id is 1 or more.').max(BMS_ID_MAX, 'A BMS id is at most 2147483647.');
/** a BMS id written as text (as VSA's custom fields and CSV files carry it) */
export const BmsIdText = z.string().regex(/^\d{1,10}$/, 'A BMS id is digits only.').refine((s) => Number(s) >= 1 && Number(s) <= BMS_ID_MAX, 'A BMS id is between 1 and 2147483647.');
export const JobId = z.string().regex(JOB_ID, 'Not a job id of this extension.');
export const isVsaId = (s: unknown): s is string => typeof s === 'string' && VSA_ID.test(s);
export const isBmsId = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= BMS_ID_MAX;
/** throws a clear error naming the id when it is not a VSA id (for code that builds filters from ids) */
export function assertVsaId(s: unknown, what = 'VSA id'): string {
  if (!isVsaId(s)) throw new MessageError(`${what} ${JSON.stringify(String(s)).slice(0, 40)} is not a VSA id (digits only, at most 26).`, 'bad-request');
  return s;
}

/**
 * who sends a request: extension pages (popup, options), the BMS content script, or a panel frame (an
 * extension page framed inside a BMS tab). Content scripts and frames are limited by PAGE_SENDERS.
 */
export type SenderKind = 'extension' | 'content' | 'frame';

const HttpUrl = z
  .string()
  .trim()
  .min(1, 'Enter the server address.')
  .refine((s) => {
    try {
      return !!new URL(s).hostname && insecureUrlProblem(s) === null;
    } catch {
      return false;
    }
  }, 'Enter a full address starting with https:// (for example https://vsa.example.com); plain http:// is not accepted.');

export const VsaConnectionInput = z.object({
  url: HttpUrl,
  user: z.string().trim().min(1, 'Enter the VSA user name.'),
  method: z.enum(['password', 'token']),
  /** omitted or empty = keep the stored secret */
  secret: z.string().optional(),
});
export const BmsConnectionInput = z.object({
  /** the BMS REST API, e.g. https://api.bms.kaseya.com */
  url: HttpUrl,
  /** the BMS web UI where the panels appear, e.g. https://bms.kaseya.com; derived from url when empty */
  webUrl: z.union([HttpUrl, z.literal('')]).optional(),
  tenant: z.string().trim().min(1, 'Enter the BMS company (tenant) name.'),
  user: z.string().trim().min(1, 'Enter the BMS user name.'),
  password: z.string().optional(),
});

export const VsaConnectionPublic = z.object({
  url: z.string(),
  user: z.string(),
  method: z.enum(['password', 'token']),
  hasSecret: z.boolean(),
  secretHint: z.string(),
});
export const BmsConnectionPublic = z.object({
  url: z.string(),
  webUrl: z.string(),
  tenant: z.string(),
  user: z.string(),
  hasSecret: z.boolean(),
  secretHint: z.string(),
});

export const ConnectionState = z.object({
  system: SystemId,
  state: z.enum(['not-configured', 'no-permission', 'unknown', 'ok', 'error']),
  /** a plain-language sentence for the admin */
  message: z.string(),
  /** machine-readable cause, for styling and tests */
  code: z.enum(['ok', 'not-configured', 'no-permission', 'wrong-url', 'unreachable', 'auth', 'forbidden', 'server', 'invalid-response', 'unknown']),
  checkedAt: z.number().nullable(),
});
export type ConnectionState = z.infer<typeof ConnectionState>;

export const Ok = z.object({ ok: z.literal(true) });

export const JobProgress = z.object({
  jobId: z.string(),
  kind: z.enum(['import', 'export', 'push', 'assets', 'undo']),
  state: z.enum(['planned', 'running', 'done', 'failed', 'cancelled']),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  current: z.string().nullable(),
  ratePerSec: z.number().nullable(),
  etaSec: z.number().nullable(),
  note: z.string().nullable(),
  /** the note as a locale key and its arguments, when it has one (note is the English) */
  noteKey: z.string().nullable(),
  noteArgs: z.array(z.string()),
  summary: z.record(z.string(), z.number()),
  errors: z.array(z.object({ label: z.string(), reason: z.string() })),
  /** the run waits for an admin's yes before it writes (a mass deactivation), and why */
  confirm: z.object({
    reason: z.literal('mass-deactivation'),
    deactivate: z.number().int(), active: z.number().int(), limit: z.number().int(),
    suspect: z.array(z.object({ code: z.enum(['no-agents', 'orgs-empty', 'fewer-than-before']), args: z.array(z.string()), text: z.string() })),
  }).nullable().optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const ImportSelection = z.object({
  orgIds: z.array(VsaId).optional(),
  accept: z.enum(['auto', 'auto+review']),
  createMissing: z.boolean(),
  choices: z.record(VsaId, z.union([BmsId, z.literal('new')])).optional(),
});

/** pushed by the background to every open extension view while a job runs */
export const JobEvent = z.object({ event: z.literal('job.progress'), progress: JobProgress });
export type JobEvent = z.infer<typeof JobEvent>;
export const JobRef = { jobId: JobId };

/** a planned job (the dry run), and what it leaves out and why: an org, agent or record id by `key` */
export const PlanReply = z.object({
  progress: JobProgress,
  /** `relink`: a suspected reinstall the admin accepts or rejects (relink.accept / relink.reject) */
  conflicts: z.array(z.object({ key: z.string(), reason: z.string(), relink: z.object({ newAgentId: VsaId, oldAgentId: VsaId }).optional() })),
  notice: z.string().nullable().optional(),
  /** B19: an asset sync's field changes on the assets the dry run read (before → after), with counts per field */
  fields: z.object({
    rows: z.array(z.object({ key: z.string(), label: z.string(), changes: z.array(z.string()), kept: z.array(z.string()) })),
    counts: z.array(z.object({ field: z.string(), changes: z.number().int(), kept: z.number().int() })),
    unchecked: z.number().int(),
    /** agents whose contact stays as the asset has it, and why (no contact of the account has its email, …) */
    contacts: z.array(z.object({ key: z.string(), label: z.string(), email: z.string(), why: z.enum(['noMatch', 'ambiguous', 'unreadable', 'off', 'noAccount']) })).optional(),
  }).optional(),
});
export type PlanReply = z.infer<typeof PlanReply>;

/** a BMS page the admin taught (W2): its type and the pattern of its address (lib/host/patterns.ts) */
export const LearnedPage = z.object({ page: z.enum(['account', 'asset-list', 'asset', 'rmm-settings']), pattern: z.string().trim().max(300) }).superRefine((v, ctx) => {
  try {
    compilePattern(v.page, v.pattern);
  } catch (e) {
    ctx.addIssue({ code: 'custom', path: ['pattern'], message: e instanceof PatternError ? e.message : String(e) });
  }
});
export type LearnedPage = z.infer<typeof LearnedPage>;

export const SettingsSchema = z.object({
  pushNewAccounts: z.boolean(),
  autoCreateAccounts: z.boolean(),
  syncEveryMinutes: z.number().int().min(0).max(7 * 24 * 60),
  defaultRule: z.enum(['main', 'groupId']),
  concurrency: z.number().int().min(1).max(8),
  /** pages the admin taught (W2), first match wins; they travel with exported settings */
  learnedPages: z.array(LearnedPage).max(50).default([]),
  // B15–B19: categories, exclusions and "assets off", lifecycle, field ownership
  ...TenantSettingsShape,
  /** an asset sync may deactivate this share of the active assets (percent) or this many, whichever is larger, without asking */
  deactivatePercent: z.number().min(0).max(100).optional(),
  deactivateMin: z.number().int().min(0).max(1_000_000).optional(),
  /** journal retention: finished jobs (and their items) older than this many days, or beyond this many jobs, are pruned */
  keepJobsDays: z.number().int().min(1).max(3650).optional(),
  keepJobsCount: z.number().int().min(10).max(10_000).optional(),
  /** audit rows older than this many days are pruned */
  keepAuditDays: z.number().int().min(1).max(3650).optional(),
  /** an agent whose only change is its last check-in is pushed at most this often (hours) */
  checkInEveryHours: z.number().int().min(1).max(24 * 365).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const OrgStatus = z.enum(['linked', 'suggested', 'conflict', 'unlinked', 'never']);
export type OrgStatus = z.infer<typeof OrgStatus>;
export const OrgRow = z.object({
  orgId: z.string(),
  orgName: z.string(),
  orgRef: z.string(),
  status: OrgStatus,
  accountId: z.number().int().nullable(),
  accountName: z.string().nullable(),
  confidence: z.number().nullable(),
  reason: z.string().nullable(),
  /** why the suggestion (or the best candidate), as locale keys with arguments */
  why: z.array(z.object({ key: z.string(), args: z.array(z.string()) })).optional(),
  /** an unlinked org's best candidate that is too weak to suggest: shown, one click to link */
  candidate: z.object({ accountId: z.number().int(), accountName: z.string(), confidence: z.number() }).nullable().optional(),
  /** B17: a built-in org (system) or one an exclusion rule names (with the rule): never suggested, its assets not synced */
  scope: z.object({ status: z.enum(['system', 'excluded']), label: z.string().optional() }).optional(),
  /** B17: a link whose assets are not synced ("assets off") */
  assetsOff: z.boolean().optional(),
});
export type OrgRow = z.infer<typeof OrgRow>;
export const AccountRow = z.object({ id: z.number().int(), name: z.string(), active: z.boolean(), orgId: z.string().nullable() });
export type AccountRow = z.infer<typeof AccountRow>;
export const Overview = z.object({
  loadedAt: z.number(),
  rows: z.array(OrgRow),
  accounts: z.array(AccountRow),
  counts: z.record(OrgStatus, z.number().int()),
  /** B17: orgs out of scope (built-in, excluded by a rule) and links with assets off */
  scopeCounts: z.object({ system: z.number().int(), excluded: z.number().int(), assetsOff: z.number().int() }).optional(),
  /** when an asset sync last finished, null when never */
  lastSyncAt: z.number().nullable(),
  /** where the team's links live (B9); shared false = this browser only, shown as a warning */
  links: z.object({ backend: z.enum(['mapping-store', 'vsa-org-field', 'bms-account-field', 'local', 'unknown']), shared: z.boolean(), noteKey: z.string(), args: z.array(z.string()), note: z.string() }).optional(),
});
export type Overview = z.infer<typeof Overview>;

export const LocationRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('main') }),
  z.object({ kind: z.literal('groupId') }),
  z.object({
    kind: z.literal('custom'),
    groups: z.array(z.object({ machineGroupId: z.string().min(1), locationId: z.number().int(), departmentId: z.number().int().nullable() })).min(1, 'Map at least one machine group to a location.'),
  }),
]);
export type LocationRule = z.infer<typeof LocationRule>;
export const RuleInfo = z.object({
  orgId: z.string(),
  accountId: z.number().int().nullable(),
  rule: LocationRule,
  /** where rules are kept: for the team in BMS, or in this browser only (and why) */
  store: z.enum(['team', 'local']),
  storeNote: z.string(),
  machineGroups: z.array(z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() })),
  locations: z.array(z.object({ id: z.number().int(), name: z.string(), isMain: z.boolean(), isActive: z.boolean() })),
  departments: z.array(z.object({ id: z.number().int(), name: z.string(), isActive: z.boolean() })),
  /** what the tenant supports for rules (capability record): departments, and adding Group Id locations to this account */
  capabilities: z.object({ departments: CapabilityStateName, legacyLocations: CapabilityStateName }).optional(),
  /** Group Id rule: the locations it needs that the account lacks (created, or listed for the admin where no API adds them) */
  missingLocations: z.array(z.string()).optional(),
});
export type RuleInfo = z.infer<typeof RuleInfo>;

export const AuditRow = z.object({ time: z.number(), jobId: z.string().nullable(), system: SystemId, record: z.string(), action: z.string(), before: z.string(), after: z.string() });
export type AuditRow = z.infer<typeof AuditRow>;
/** what the journal keeps (LOW-4), and its last clean-up, for History */
export const Kept = z.object({
  jobsDays: z.number(), jobsCount: z.number(), auditDays: z.number(),
  lastPrune: z.object({ at: z.number(), jobs: z.number(), items: z.number(), audit: z.number() }).nullable(),
});
export type Kept = z.infer<typeof Kept>;

export class MessageError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'MessageError';
  }
}

/** Human-readable summary of a zod error: "vsa.url: Enter a full address …". */
export function describeZodError(e: z.ZodError): string {
  return e.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
