/**
 * Reinstalled agents (B16): a new agent that looks like a reinstall of a removed one is held back by
 * the asset sync's dry run as a relink offer. The admin accepts (the removed agent's asset is moved
 * to the new agent: it keeps its id, history and contract units) or rejects (remembered: never
 * proposed again; the new agent gets its own asset on the next sync). An accepted relink runs as a
 * one-item asset job, so it is journaled, audited and undoable like any other write.
 *
 * Two ways to move an asset, chosen when the offer is made:
 * - "push": BMS's integration push with the asset's own AssetId and the new AgentId
 *   ([assumed] relinkPushItem in lib/bms/assumed.ts), for orgs whose assets go through the bulk push;
 * - "record": the hardware-asset record is rewritten with the new agent's fields (the record has no
 *   AgentId to change; this installation remembers which agent it belongs to now).
 */
import type { BmsClient } from '../bms/client';
import { relinkPushItem, type HardwareAsset, type IntegrationAssetInput } from '../bms/assumed';
import { inputOf } from '../bms/hardware';
import { ApiError, AuthError } from '../http/errors';
import type { RelinkProposal } from '../mapping/lifecycle';
import type { PushEntry } from './assets';
import { fieldsOf } from './asset-writer';
import type { AssetCacheEntry, Journal } from './journal';

export interface RelinkOffer {
  proposal: RelinkProposal;
  /** what the new agent would be pushed as */
  entry: PushEntry;
  /** the removed agent's asset as this installation knew it when the offer was made */
  old: AssetCacheEntry;
  via: 'push' | 'record';
}

/** the BMS asset's fields a relink changes, kept for undo and the audit log */
export interface AssetSnapshot {
  id: number;
  name: string | null;
  computerName: string | null;
  serialNumber: string | null;
  machineGroupId: string | null;
  ipAddress: string | null;
  macAddress: string | null;
  osType: string | null;
  osInfo: string | null;
  accountLocationId: number | null;
  active: boolean;
  agentId: string | null;
}

export type RelinkAction = { kind: 'relink'; offer: RelinkOffer; before?: AssetSnapshot | null; after?: AssetSnapshot | null };
export type UnrelinkAction = { kind: 'unrelink'; offer: RelinkOffer; before: AssetSnapshot | null; relinkJobId: string };

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const snapshot = (a: HardwareAsset): AssetSnapshot => {
  const r = a as Record<string, unknown>;
  return {
    id: a.Id, name: str(r.Name), computerName: str(r.ComputerName), serialNumber: str(r.SerialNumber), machineGroupId: str(r.MachineGroupId),
    ipAddress: str(r.IpAddress), macAddress: str(r.MacAddress), osType: str(r.OsType), osInfo: str(r.OsInfo),
    accountLocationId: a.AccountLocationId ?? null, active: a.IsActive !== false, agentId: str(r.AgentId),
  };
};

/** the offers of a dry run: each proposal with the new agent's entry and the removed agent's asset */
export function relinkOffers(proposals: RelinkProposal[], held: Map<string, { entry: PushEntry; bulk: boolean }>, cache: Map<string, AssetCacheEntry>): RelinkOffer[] {
  const out: RelinkOffer[] = [];
  for (const p of proposals) {
    const h = held.get(p.newAgentId);
    const old = cache.get(p.oldAgentId);
    if (!h || !old) continue;
    // an org written per record is moved per record; one that goes through the bulk push, by the push
    const via = h.bulk ? 'push' : 'record';
    out.push({ proposal: p, entry: { ...h.entry, psaAssetId: old.psaAssetId }, old, via });
  }
  return out;
}

/** the plan item of an accepted relink */
export const relinkItem = (offer: RelinkOffer): { key: string; label: string; action: RelinkAction } => ({
  key: `relink:${offer.proposal.newAgentId}`,
  label: `relink asset${offer.old.psaAssetId !== null ? ` ${offer.old.psaAssetId}` : ''} of removed agent "${offer.proposal.oldAgentName}" to agent "${offer.proposal.newAgentName}"`,
  action: { kind: 'relink', offer },
});

const readAsset = async (bms: BmsClient, id: number | null, signal?: AbortSignal): Promise<HardwareAsset | null> => {
  if (id === null) return null;
  try {
    return await bms.asset(id, signal);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'not-found') return null;
    throw e;
  }
};

/** the cache after a relink: the new agent owns the asset; the removed agent's entry stays, inactive, naming it */
function relinkedCache(offer: RelinkOffer, psaAssetId: number): AssetCacheEntry[] {
  const e = offer.entry;
  return [
    { ...offer.old, active: false, relinkedTo: offer.proposal.newAgentId, syncedAt: Date.now() },
    {
      agentId: e.agentId, orgId: e.orgId, hash: e.hash, psaAssetId, active: true, syncedAt: Date.now(), machineGroupId: e.input.MachineGroupId ?? undefined,
      mode: offer.via === 'push' ? 'bulk' : 'record', goneSince: null, name: e.input.Name ?? undefined, serialNumber: e.input.AssetDetails?.SerialNumber ?? null,
      macAddress: e.input.AssetNetworkDetails?.MacAddress ?? null, category: e.input.Type ?? undefined, relinkedFrom: offer.old.agentId,
    },
  ];
}

/** what BMS refused, as a reason; anything else (auth, network, a server error) stops the job to be resumed */
const refused = (err: unknown): string => {
  if (err instanceof AuthError || !(err instanceof ApiError) || (err.code !== 'rejected' && err.code !== 'invalid-input' && err.code !== 'not-found')) throw err;
  return err.message;
};

/** moves the removed agent's asset to the new agent; the cache and the audit log learn only what BMS confirmed */
export async function runRelink(bms: BmsClient, journal: Journal, jobId: string, a: RelinkAction, signal?: AbortSignal): Promise<string | null> {
  const { offer } = a;
  const psa = offer.old.psaAssetId;
  try {
    const found = await readAsset(bms, psa, signal);
    if (psa !== null && !found) return `Asset ${psa} of removed agent "${offer.proposal.oldAgentName}" is no longer in BMS: nothing to relink; the new agent gets its own asset on the next sync.`;
    a.before ??= found ? snapshot(found) : null;
    let saved: HardwareAsset;
    if (offer.via === 'push') {
      const input: IntegrationAssetInput = { ...offer.entry.input, LocationId: offer.entry.input.LocationId ?? (found?.AccountLocationId ? String(found.AccountLocationId) : null) };
      const res = await bms.pushAssets([relinkPushItem(input, offer.old.agentId)], 'update', signal);
      const d = (res.Details ?? [])[0];
      if (!d || d.StatusCode !== '200') return `BMS did not relink the asset: ${d?.StatusMessage ?? 'no answer in the job result'}`;
      if (psa !== null && d.PsaAssetId !== psa) return `BMS answered the relink with asset ${d.PsaAssetId ?? '(none)'} instead of asset ${psa}: check both in BMS; nothing is recorded as relinked.`;
      saved = (await readAsset(bms, d.PsaAssetId ?? null, signal)) ?? found!;
    } else {
      if (!found) return `The removed agent's asset has no BMS id in this installation's records: link it by hand.`;
      const mine = fieldsOf(offer.entry, found.AccountId, offer.entry.locationId ?? found.AccountLocationId ?? 0);
      saved = await bms.updateAsset(found.Id, { ...inputOf(found), ...mine, AccountId: found.AccountId, CategoryId: found.CategoryId ?? 0 }, signal);
    }
    a.after = snapshot(saved);
    await journal.putAssetCache(relinkedCache(offer, saved.Id));
    await journal.audit([{ jobId, system: 'bms', record: `asset ${saved.Id}`, action: 'relink', before: { ...a.before, agentId: offer.old.agentId }, after: { ...a.after, agentId: offer.proposal.newAgentId } }]);
    return null;
  } catch (err) {
    return `${offer.entry.input.Name ?? offer.proposal.newAgentId}: ${refused(err)}`;
  }
}

/** undoes a relink: the asset goes back to the removed agent with the fields it had; the new agent has no asset again */
export async function runUnrelink(bms: BmsClient, journal: Journal, jobId: string, a: UnrelinkAction, signal?: AbortSignal): Promise<string | null> {
  const { offer, before } = a;
  const psa = before?.id ?? offer.old.psaAssetId;
  try {
    const cur = await readAsset(bms, psa, signal);
    if (!cur) return `Asset ${psa ?? '(unknown)'} is no longer in BMS: nothing to undo.`;
    if (offer.via === 'push') {
      const back: IntegrationAssetInput = {
        TransactionId: offer.old.agentId, AgentId: offer.old.agentId, AssetId: offer.proposal.newAgentId,
        Organization: { Id: offer.old.orgId }, Name: before?.name ?? offer.old.name ?? null, MachineGroupId: before?.machineGroupId ?? offer.old.machineGroupId ?? null,
        Type: offer.old.category ?? offer.entry.input.Type ?? null, LocationId: before?.accountLocationId ? String(before.accountLocationId) : null,
        AssetDetails: { SerialNumber: before?.serialNumber ?? offer.old.serialNumber ?? null, OsType: before?.osType ?? null, OsInfo: before?.osInfo ?? null },
        AssetNetworkDetails: { IpAddress: before?.ipAddress ?? null, MacAddress: before?.macAddress ?? offer.old.macAddress ?? null },
      };
      const res = await bms.pushAssets([relinkPushItem(back, offer.proposal.newAgentId)], 'update', signal);
      const d = (res.Details ?? [])[0];
      if (!d || d.StatusCode !== '200' || d.PsaAssetId !== cur.Id) return `BMS did not move asset ${cur.Id} back to agent "${offer.proposal.oldAgentName}": ${d?.StatusMessage ?? 'no answer in the job result'}`;
    } else {
      const b = before;
      await bms.updateAsset(cur.Id, {
        ...inputOf(cur), Name: b?.name ?? cur.Name ?? '', ComputerName: b?.computerName ?? null, SerialNumber: b?.serialNumber ?? null, MachineGroupId: b?.machineGroupId ?? null,
        IpAddress: b?.ipAddress ?? null, MacAddress: b?.macAddress ?? null, OsType: b?.osType ?? null, OsInfo: b?.osInfo ?? null, IsActive: b?.active ?? true,
      }, signal);
    }
    const e = offer.entry;
    const rejected = [...new Set([...(offer.old.relinkRejected ?? []), e.agentId])];
    await journal.putAssetCache([
      // the removed agent's asset as before, and the undone pair is not offered again
      { ...offer.old, relinkedTo: null, relinkRejected: rejected, syncedAt: Date.now() },
      // the new agent has no asset: the next sync gives it its own
      { agentId: e.agentId, orgId: e.orgId, hash: '', psaAssetId: null, active: false, syncedAt: Date.now(), goneSince: null, name: e.input.Name ?? undefined },
    ]);
    await journal.audit([{ jobId, system: 'bms', record: `asset ${cur.Id}`, action: 'unrelink', before: { agentId: offer.proposal.newAgentId }, after: { agentId: offer.old.agentId, ...(before ?? {}) } }]);
    return null;
  } catch (err) {
    return `asset ${psa ?? '(unknown)'}: ${refused(err)}`;
  }
}

/** a rejected relink: remembered on the removed agent's asset, so the pair is never offered again */
export async function rejectRelink(journal: Journal, offer: RelinkOffer): Promise<void> {
  const cur = (await journal.assetCache()).get(offer.old.agentId) ?? offer.old;
  const rejected = [...new Set([...(cur.relinkRejected ?? []), offer.proposal.newAgentId])];
  await journal.putAssetCache([{ ...cur, relinkRejected: rejected }]);
}
