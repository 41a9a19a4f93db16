/**
 * The one protocol between the extension's contexts. Every request and every reply is a zod
 * schema here; both ends validate. Each request names the contexts allowed to send it, and the
 * background checks the sender against that before it acts.
 *
 * Secrets travel only from the options page to the background (saveConnections); no reply ever
 * carries a password, token or access token.
 *
 * This file is the protocol (its messages, who may send them, request and dispatch) and its one entry
 * point: the shapes it is built from live in lib/message-schemas.ts and are re-exported from here.
 */
import { z } from 'zod';
import { CapabilityRecord } from './capabilities/types';
import { AuditRow, BmsConnectionInput, BmsConnectionPublic, BmsId, BmsIdText, ConnectionState, ImportSelection, JobId, JobProgress, JobRef, Kept, LearnedPage, LocationRule, MessageError, Ok, Overview, PlanReply, RuleInfo, SettingsSchema, SystemId, VsaConnectionInput, VsaConnectionPublic, VsaId, describeZodError, type SenderKind } from './message-schemas';

export * from './message-schemas';

/** request schema, reply schema and allowed senders, per message type */
export const protocol = {
  'connections.get': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('connections.get') }),
    reply: z.object({ vsa: VsaConnectionPublic.nullable(), bms: BmsConnectionPublic.nullable() }),
  },
  'connections.save': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('connections.save'), vsa: VsaConnectionInput.nullable(), bms: BmsConnectionInput.nullable() }),
    reply: Ok,
  },
  'connections.test': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('connections.test'), system: SystemId }),
    reply: ConnectionState,
  },
  'connections.status': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('connections.status'), refresh: z.boolean().optional() }),
    reply: z.object({ vsa: ConnectionState, bms: ConnectionState }),
  },
  /** what the saved tenant supports (contract §9), as last probed; null when never probed */
  'capabilities.get': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('capabilities.get') }),
    reply: CapabilityRecord.nullable(),
  },
  /** probes the saved tenant again (read-only) and returns the new record */
  'capabilities.probe': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('capabilities.probe') }),
    reply: CapabilityRecord.nullable(),
  },
  'job.planImport': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('job.planImport'), selection: ImportSelection }),
    reply: PlanReply,
  },
  'job.planExport': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('job.planExport'), accountIds: z.array(BmsId).optional() }),
    reply: PlanReply,
  },
  'job.planAssetSync': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('job.planAssetSync'), orgId: VsaId.optional(), agentId: VsaId.optional(), force: z.boolean().optional() }),
    reply: PlanReply,
  },
  'mapping.neverMap': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('mapping.neverMap'), orgId: VsaId, accountId: BmsIdText, on: z.boolean() }),
    reply: Ok,
  },
  'settings.get': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('settings.get') }),
    reply: SettingsSchema,
  },
  'settings.save': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('settings.save'), settings: SettingsSchema }),
    reply: Ok,
  },
  'audit.export': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('audit.export') }),
    reply: z.object({ csv: z.string(), entries: z.number().int() }),
  },
  /** B20: agents by category beside each linked account's active contracts, as CSV (read only) */
  'billing.report': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('billing.report') }),
    reply: z.object({
      csv: z.string(), rows: z.number().int(), flagged: z.number().int(), unchecked: z.number().int(),
      /** the flagged accounts (the first 100), for the view */
      flags: z.array(z.object({ accountId: z.number().int(), accountName: z.string(), flag: z.enum(['agents-no-contract', 'contract-no-agents']), agents: z.number().int(), contracts: z.number().int() })).default([]),
    }),
  },
  /** B16: an asset sync's dry run (jobId) offered a relink of a removed agent's asset to a new agent */
  'relink.accept': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('relink.accept'), ...JobRef, newAgentId: VsaId }),
    /** the relink's own job, finished */
    reply: JobProgress,
  },
  'relink.reject': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('relink.reject'), ...JobRef, newAgentId: VsaId }),
    reply: Ok,
  },
  /** B17: a link's assets off (mapped, its assets not synced) or on again */
  'mapping.assetsOff': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('mapping.assetsOff'), orgId: VsaId, on: z.boolean() }),
    reply: Ok,
  },
  /** B18: synced assets whose agent is gone, and agents of linked orgs without an asset */
  'orphans.list': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('orphans.list') }),
    reply: z.object({
      graceDays: z.number().int(),
      assets: z.array(z.object({ agentId: z.string(), name: z.string(), orgId: z.string(), psaAssetId: z.number().int().nullable(), active: z.boolean(), goneSince: z.number().nullable(), daysLeft: z.number().int().nullable() })),
      agents: z.array(z.object({ agentId: z.string(), name: z.string(), orgId: z.string(), orgName: z.string() })),
      more: z.object({ assets: z.number().int(), agents: z.number().int() }),
    }),
  },
  /** B18: deactivate a removed agent's asset now (a one-item asset job), without waiting out the grace period */
  'orphans.deactivate': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('orphans.deactivate'), agentId: VsaId }),
    reply: JobProgress,
  },
  'job.planUndo': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('job.planUndo'), jobId: JobId.optional() }),
    reply: PlanReply,
  },
  'job.start': {
    from: ['extension'] as SenderKind[],
    /** confirmed: the admin said yes to what the run waits for (a mass deactivation) */
    request: z.object({ type: z.literal('job.start'), ...JobRef, confirmed: z.boolean().optional() }),
    reply: JobProgress,
  },
  'job.progress': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('job.progress'), jobId: JobId.optional() }),
    reply: JobProgress.nullable(),
  },
  'job.cancel': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('job.cancel'), ...JobRef }),
    reply: JobProgress,
  },
  'job.retryFailed': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('job.retryFailed'), ...JobRef }),
    reply: JobProgress,
  },
  'sync.overview': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('sync.overview'), refresh: z.boolean().optional() }),
    reply: Overview,
  },
  'mapping.unlink': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('mapping.unlink'), orgId: VsaId }),
    reply: Ok,
  },
  'mapping.ackNames': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('mapping.ackNames'), orgId: VsaId }),
    reply: Ok,
  },
  'mapping.warnings': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('mapping.warnings'), orgId: VsaId, accountId: BmsId, action: z.enum(['link', 'clear']).optional() }),
    reply: z.object({ warnings: z.array(z.object({ code: z.string(), message: z.string() })) }),
  },
  'mapping.ruleInfo': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('mapping.ruleInfo'), orgId: VsaId }),
    reply: RuleInfo,
  },
  'mapping.saveRule': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('mapping.saveRule'), orgId: VsaId, rule: LocationRule }),
    reply: PlanReply,
  },
  'mappings.csvExport': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('mappings.csvExport') }),
    reply: z.object({ csv: z.string(), rows: z.number().int() }),
  },
  'mappings.csvImport': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('mappings.csvImport'), csv: z.string().max(20_000_000) }),
    reply: PlanReply,
  },
  'audit.list': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('audit.list'), limit: z.number().int().min(1).max(5000).optional() }),
    reply: z.object({ entries: z.array(AuditRow), kept: Kept.optional() }),
  },
  'asset.sync': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('asset.sync'), assetId: BmsId }),
    reply: z.object({ progress: JobProgress, changes: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })), reason: z.string().nullable() }),
  },
  'account.mapping': {
    from: ['extension'] as SenderKind[],
    request: z.object({ type: z.literal('account.mapping'), accountId: BmsId }),
    reply: z.object({
      account: z.object({ id: z.number().int(), name: z.string(), active: z.boolean() }),
      linked: z.object({
        orgId: z.string(), orgName: z.string(), orgRef: z.string(), agentCount: z.number().int(), conflict: z.string().nullable(),
        machineGroups: z.array(z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() })),
      }).nullable(),
      suggestions: z.array(z.object({ orgId: z.string(), orgName: z.string(), confidence: z.number() })),
      freeOrgs: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  },
  'page.context': {
    from: [] as SenderKind[],
    request: z.object({ type: z.literal('page.context') }),
    reply: z.object({ bmsWebUrl: z.string().nullable(), learned: z.array(LearnedPage) }),
  },
  /** a panel frame's handshake (lib/frame-vouch.ts): hello gives it a nonce, the content script vouches with it, ready waits for that */
  'frame.hello': {
    from: [] as SenderKind[],
    request: z.object({ type: z.literal('frame.hello') }),
    reply: z.object({ bmsOrigin: z.string(), nonce: z.string() }),
  },
  'frame.vouch': {
    from: [] as SenderKind[],
    request: z.object({ type: z.literal('frame.vouch'), nonce: z.string().regex(/^[0-9a-f]{32}$/, 'Not a frame nonce.'), search: z.string().max(200) }),
    reply: Ok,
  },
  'frame.ready': {
    from: [] as SenderKind[],
    request: z.object({ type: z.literal('frame.ready') }),
    reply: Ok,
  },
} as const;

export type MessageType = keyof typeof protocol;
export type Request<T extends MessageType> = z.infer<(typeof protocol)[T]['request']>;
export type Reply<T extends MessageType> = z.infer<(typeof protocol)[T]['reply']>;

export const AnyRequest = z.discriminatedUnion('type', [
  protocol['connections.get'].request,
  protocol['connections.save'].request,
  protocol['connections.test'].request,
  protocol['connections.status'].request,
  protocol['capabilities.get'].request,
  protocol['capabilities.probe'].request,
  protocol['page.context'].request,
  protocol['job.planImport'].request,
  protocol['job.planExport'].request,
  protocol['job.planAssetSync'].request,
  protocol['mapping.neverMap'].request,
  protocol['settings.get'].request,
  protocol['settings.save'].request,
  protocol['audit.export'].request,
  protocol['billing.report'].request,
  protocol['job.planUndo'].request,
  protocol['relink.accept'].request,
  protocol['mapping.assetsOff'].request,
  protocol['orphans.list'].request,
  protocol['orphans.deactivate'].request,
  protocol['relink.reject'].request,
  protocol['job.start'].request,
  protocol['job.progress'].request,
  protocol['job.cancel'].request,
  protocol['job.retryFailed'].request,
  protocol['sync.overview'].request,
  protocol['mapping.unlink'].request,
  protocol['mapping.warnings'].request,
  protocol['mapping.ruleInfo'].request,
  protocol['mapping.saveRule'].request,
  protocol['mappings.csvExport'].request,
  protocol['mappings.csvImport'].request,
  protocol['audit.list'].request,
  protocol['asset.sync'].request,
  protocol['account.mapping'].request,
  protocol['frame.hello'].request,
  protocol['frame.vouch'].request,
  protocol['frame.ready'].request,
  protocol['mapping.ackNames'].request,
]);
export type AnyRequest = z.infer<typeof AnyRequest>;

/**
 * What BMS pages may ask (HIGH-1): the content script only learns where it is and syncs one asset;
 * a panel frame gets what its panel needs, with bounded ids. Jobs a frame starts, cancels, retries,
 * watches or undoes must be ones that frame planned (the background checks the owner). Replies to
 * both carry no server address and no user name. A schema here is an extra check on the request.
 */
const BoundedOrgIds = z.array(VsaId).min(1, 'name the orgs').max(5000, 'at most 5,000 orgs at once');
export const PAGE_SENDERS: Record<'content' | 'frame', Partial<Record<MessageType, z.ZodType | true>>> = {
  content: { 'page.context': true, 'asset.sync': true, 'frame.vouch': true },
  frame: {
    'frame.hello': true, 'frame.ready': true, 'account.mapping': true, 'asset.sync': true, 'sync.overview': true,
    'mapping.warnings': true, 'mapping.ruleInfo': true, 'mapping.saveRule': true, 'mapping.unlink': true, 'mapping.ackNames': true, 'mapping.neverMap': true,
    'job.planImport': z.object({ selection: z.object({ orgIds: BoundedOrgIds }) }),
    'job.start': true, 'job.cancel': true, 'job.retryFailed': true, 'job.progress': true,
    'job.planUndo': z.object({ jobId: JobId }),
    'relink.accept': true, 'relink.reject': true,
  },
};

/** What goes back over the wire: a reply or an error the admin can read. */
export const Envelope = z.union([
  z.object({ ok: z.literal(true), reply: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string(), code: z.string() }),
]);
export type Envelope = z.infer<typeof Envelope>;

/**
 * Sends a request to the background and returns its validated reply. `transport` is
 * browser.runtime.sendMessage in the extension, anything with that shape in tests.
 */
export async function request<M extends AnyRequest>(
  transport: (msg: unknown) => Promise<unknown>,
  msg: M,
): Promise<Reply<M['type']>> {
  type T = M['type'];
  const type = msg.type as T;
  const spec = protocol[type];
  if (!spec) throw new MessageError(`Unknown message type "${String(type)}".`, 'bad-request');
  const parsed = spec.request.safeParse(msg);
  if (!parsed.success) throw new MessageError(describeZodError(parsed.error), 'bad-request');
  const raw = await transport(parsed.data);
  const env = Envelope.safeParse(raw);
  if (!env.success) throw new MessageError(`The background sent an unreadable answer to ${type}.`, 'bad-reply');
  if (!env.data.ok) throw new MessageError(env.data.error, env.data.code);
  const reply = spec.reply.safeParse(env.data.reply);
  if (!reply.success) throw new MessageError(`The background's answer to ${type} is malformed: ${describeZodError(reply.error)}`, 'bad-reply');
  return reply.data as Reply<T>;
}

/** where a request came from: the tab and frame of a content script or panel frame (null for extension pages); `owner` names a frame's document */
export interface SenderMeta { tabId: number | null; frameId: number | null; kind?: SenderKind; owner?: string | null }
export type Handlers = { [T in MessageType]: (req: Request<T>, meta: SenderMeta) => Promise<Reply<T>> };

/**
 * The background's side: validates the request, checks the sender kind, runs the handler and
 * validates its reply. Never throws; always answers with an Envelope.
 */
export async function dispatch(raw: unknown, sender: SenderKind | null, handlers: Handlers, meta: SenderMeta = { tabId: null, frameId: null }): Promise<Envelope> {
  const parsed = AnyRequest.safeParse(raw);
  if (!parsed.success) {
    const type = (raw as { type?: unknown } | null)?.type;
    return { ok: false, error: `Rejected a malformed ${typeof type === 'string' ? `"${type}" ` : ''}message: ${describeZodError(parsed.error)}`, code: 'bad-request' };
  }
  const type = parsed.data.type;
  const spec = protocol[type];
  const allowed = sender === 'extension' ? spec.from.includes('extension') : sender ? PAGE_SENDERS[sender][type] : undefined;
  if (!allowed) {
    return { ok: false, error: `"${type}" is not allowed from ${sender ?? 'an unknown sender'}.`, code: 'forbidden' };
  }
  if (allowed !== true) {
    const extra = allowed.safeParse(parsed.data);
    if (!extra.success) return { ok: false, error: `Rejected "${type}" from a BMS page: ${describeZodError(extra.error)}`, code: 'bad-request' };
  }
  try {
    const reply = await (handlers[type] as (r: AnyRequest, m: SenderMeta) => Promise<unknown>)(parsed.data, meta);
    const checked = spec.reply.safeParse(reply);
    if (!checked.success) return { ok: false, error: `Internal error: the reply to ${type} is malformed (${describeZodError(checked.error)}).`, code: 'internal' };
    return { ok: true, reply: checked.data };
  } catch (e) {
    const err = e as Error & { code?: string };
    return { ok: false, error: err.message || String(e), code: typeof err.code === 'string' ? err.code : 'internal' };
  }
}
