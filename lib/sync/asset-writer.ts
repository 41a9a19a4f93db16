/**
 * Per-record asset writes (../shared/api-contract.md §7). The bulk push names the org, not the
 * account, and BMS maps the org itself (auto-creating an account for an org it does not know), so it
 * is used only for orgs whose BMS-side mapping is known to be right: BMS's mapping store answers and
 * holds the link. Every other asset is written one record at a time with an explicit AccountId,
 * AccountLocationId and CategoryId, paced by BMS's quota (lib/http/quota.ts, inside the client).
 *
 * BMS's own VSA integration may already have made the asset (on agent install, nightly): before a
 * create, the asset of that agent is looked up (by name on the account, then by serial across every
 * account, each candidate read for its AgentId) and adopted, so the two never make a duplicate.
 */
import type { BmsClient } from '../bms/client';
import type { HardwareAsset, HardwareAssetInput } from '../bms/assumed';
import { createAsset, inputOf, searchAssets } from '../bms/hardware';
import { createOnce } from '../http/create-once';
import { ApiError, AuthError } from '../http/errors';
import type { PushEntry } from './assets';
import type { AssetCacheEntry } from './journal';
import type { OwnedField, OwnershipSettings } from '../mapping/ownership';
import { resolveAsset } from './field-owner';
import { contactToWrite, type ContactDirectory } from './contacts';

/** B15, B19: the rules a per-record write applies to an asset BMS already has (absent: every synced field is written, a category set in BMS stays) */
export interface RecordOwners { ownership: OwnershipSettings; overwriteManual: boolean }

/** the record's fields of each owned field */
const RECORD_FIELDS: Partial<Record<OwnedField, (keyof HardwareAssetInput)[]>> = {
  name: ['Name', 'ComputerName'], serialNumber: ['SerialNumber'], macAddress: ['MacAddress'], ipAddress: ['IpAddress'], osType: ['OsType'], osInfo: ['OsInfo'],
};

/** per-record writes, a few at a time: each item is a small batch so cancel and progress stay fine-grained */
export const RECORD_BATCH = 25;

export interface RecordOutcome {
  ok: AssetCacheEntry[];
  /** agent id → what BMS said */
  failed: Map<string, string>;
  /** assets found (made by BMS's integration or an earlier run) and adopted instead of created */
  adopted: number;
  created: number;
}

/** the asset categories of the tenant by name (lower case) → id, from the lookup table or the assets seen */
export class Categories {
  private map: Promise<Map<string, number>> | null = null;
  constructor(private bms: BmsClient, private known: { id: number; name: string }[] = []) {}

  private load(signal?: AbortSignal): Promise<Map<string, number>> {
    this.map ??= (async () => {
      const m = new Map(this.known.map((c) => [c.name.trim().toLowerCase(), c.id]));
      if (!m.size) {
        // [assumed] no category table answered: the categories on existing assets (first pages) stand in
        for await (const a of searchAssets(this.bms, { pages: 3, signal })) if (a.CategoryId && a.CategoryName) m.set(a.CategoryName.trim().toLowerCase(), a.CategoryId);
      }
      return m;
    })();
    return this.map;
  }

  /** the id for "Server" / "Workstation" (as the bulk push names them), else null */
  async idOf(type: string | null | undefined, signal?: AbortSignal): Promise<number | null> {
    const m = await this.load(signal);
    return m.get((type ?? '').trim().toLowerCase()) ?? m.get('workstation') ?? null;
  }
}

/** what the per-record write sets; the rest of a record (tags, a category set by hand; the contact unless its rule lets it change) is kept */
export function fieldsOf(e: PushEntry, accountId: number, locationId: number): Partial<HardwareAssetInput> & Pick<HardwareAssetInput, 'Name' | 'AccountId' | 'AccountLocationId'> {
  const d = e.input.AssetDetails ?? {};
  const n = e.input.AssetNetworkDetails ?? {};
  return {
    Name: e.input.Name ?? e.agentId, AccountId: accountId, AccountLocationId: locationId, ComputerName: e.input.Name ?? null,
    SerialNumber: d.SerialNumber ?? null, MachineGroupId: e.input.MachineGroupId ?? null, IpAddress: n.IpAddress ?? null, MacAddress: n.MacAddress ?? null,
    OsType: d.OsType ?? null, OsInfo: d.OsInfo ?? null, FirstCheckIn: d.FirstCheckIn ?? null, LastCheckIn: d.LastCheckIn ?? null, LastReboot: d.LastReboot ?? null, IsActive: true,
    // a custom rule's department (F14), as the bulk push carries it; without one, BMS keeps the department set by hand (F15)
    ...(e.input.DepartmentId !== undefined ? { DepartmentId: e.input.DepartmentId === null ? null : Number(e.input.DepartmentId) } : {}),
  };
}

/**
 * The asset of this agent, if BMS has one: the cached id first, then an asset of the same name on the
 * account, then any asset with the agent's serial. A candidate counts when BMS says it belongs to the
 * agent (AgentId), or, having no agent at all, carries the same name and machine group [assumed: how a
 * per-record asset of ours is recognised after this browser's cache is gone].
 */
export async function findAssetOf(bms: BmsClient, e: PushEntry, accountId: number, signal?: AbortSignal): Promise<HardwareAsset | null> {
  const name = e.input.Name ?? '';
  const ours = (a: HardwareAsset) => (a.AgentId ? String(a.AgentId) === e.agentId || (!!e.relinkedFrom && String(a.AgentId) === e.relinkedFrom) : (a.Name ?? '') === name && (a.MachineGroupId ?? null) === (e.input.MachineGroupId ?? null));
  const read = async (id: number) => {
    try {
      return await bms.asset(id, signal);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'not-found') return null;
      throw err;
    }
  };
  if (e.psaAssetId) {
    // the asset this installation wrote for the agent: ours unless BMS names another agent on it (a name
    // edited by hand in BMS does not make it someone else's, B19)
    const a = await read(e.psaAssetId);
    if (a && (a.AgentId ? ours(a) : true)) return a;
  }
  const seen = new Set<number>();
  const candidates = async (rows: AsyncIterable<{ Id: number; AssetName?: string | null; SerialNumber?: string | null }>, max: number, fits: (r: { AssetName?: string | null; SerialNumber?: string | null }) => boolean) => {
    let n = 0;
    for await (const r of rows) {
      if (seen.has(r.Id) || !fits(r)) continue;
      seen.add(r.Id);
      const a = await read(r.Id);
      if (a && ours(a)) return a;
      if (++n >= max) break;
    }
    return null;
  };
  const byName = name ? await candidates(searchAssets(bms, { accountId, name, pages: 1, signal }), 5, (r) => (r.AssetName ?? '') === name) : null;
  if (byName) return byName;
  const serial = e.input.AssetDetails?.SerialNumber;
  return serial ? candidates(searchAssets(bms, { serial, pages: 1, signal }), 5, (r) => (r.SerialNumber ?? '') === serial) : null;
}

/** writes each entry as one hardware asset (adopt or create, then PUT the fields); the cache only learns what BMS confirmed */
export async function writeRecords(bms: BmsClient, entries: PushEntry[], cats: Categories, signal?: AbortSignal, owners?: RecordOwners, contacts?: ContactDirectory): Promise<RecordOutcome> {
  const out: RecordOutcome = { ok: [], failed: new Map(), adopted: 0, created: 0 };
  const one = async (e: PushEntry) => {
    const accountId = e.accountId;
    const locationId = e.input.LocationId ? Number(e.input.LocationId) : null;
    if (accountId === null || locationId === null) {
      out.failed.set(e.agentId, `${e.input.Name ?? e.agentId}: no account or location to write it to`);
      return;
    }
    try {
      const found = await findAssetOf(bms, e, accountId, signal);
      const mine = fieldsOf(e, accountId, locationId);
      // the agent's contact, when one contact of the account has its email (contacts.ts); the rule decides below
      const contact = contacts ? await contacts.match(accountId, e.contact, signal) : null;
      let saved: HardwareAsset;
      let category: string | null = e.input.Type ?? null;
      if (found) {
        // read-modify-write: what others set stays; a category set by hand stays (B15)
        let CategoryId = found.CategoryId ?? (await cats.idOf(e.input.Type, signal)) ?? 0;
        if (owners) {
          // B19: only the fields the owners let the sync change
          const res = resolveAsset(e.input, found, owners.ownership, { lastSynced: e.lastCategory, overwriteManual: owners.overwriteManual }, contact);
          const cur = inputOf(found) as Record<string, unknown>;
          for (const [field, keys] of Object.entries(RECORD_FIELDS) as [OwnedField, (keyof HardwareAssetInput)[]][]) {
            if (field in res.write) continue;
            for (const k of keys) (mine as Record<string, unknown>)[k] = cur[k] ?? null;
          }
          if (res.write.category) CategoryId = (await cats.idOf(res.write.category, signal)) ?? CategoryId;
          else category = e.lastCategory ?? null;
        }
        // null: the contact stays as read (inputOf carries it back)
        const ContactId = contactToWrite(e, found, contact, owners?.ownership);
        saved = await bms.updateAsset(found.Id, { ...inputOf(found), ...mine, CategoryId, ...(ContactId !== null ? { ContactId } : {}) }, signal);
        if (!e.psaAssetId || e.psaAssetId !== found.Id) out.adopted++;
      } else {
        const CategoryId = await cats.idOf(e.input.Type, signal);
        if (CategoryId === null) {
          out.failed.set(e.agentId, `${e.input.Name ?? e.agentId}: BMS lists no asset category to put it in (add "Workstation" and "Server" under Admin › My Company › Lists › Asset Hardware Category)`);
          return;
        }
        // not idempotent: after a lost answer, a 5xx or a garbled one, the asset is looked up (and adopted) before it is sent again
        const ContactId = contactToWrite(e, null, contact);
        const made = await createOnce({ create: () => createAsset(bms, { ...mine, CategoryId, ...(ContactId !== null ? { ContactId } : {}) }, signal), find: () => findAssetOf(bms, e, accountId, signal) });
        saved = made.record;
        if (made.adopted) out.adopted++;
        else out.created++;
      }
      out.ok.push({
        agentId: e.agentId, orgId: e.orgId, hash: e.hash, psaAssetId: saved.Id, active: true, syncedAt: Date.now(), machineGroupId: e.input.MachineGroupId ?? undefined, mode: 'record',
        // B16, B18: what recognises a reinstall later; a written asset is no longer gone
        goneSince: null, name: e.input.Name ?? undefined, serialNumber: e.input.AssetDetails?.SerialNumber ?? null, macAddress: e.input.AssetNetworkDetails?.MacAddress ?? null,
        ...(e.relinkedFrom ? { relinkedFrom: e.relinkedFrom } : {}), ...(category ? { category } : {}),
      });
    } catch (err) {
      if (err instanceof AuthError || !(err instanceof ApiError) || (err.code !== 'rejected' && err.code !== 'invalid-input' && err.code !== 'not-found')) throw err;
      out.failed.set(e.agentId, `${e.input.Name ?? e.agentId}: ${err.message}`);
    }
  };
  for (let k = 0; k < entries.length; k += 4) await Promise.all(entries.slice(k, k + 4).map(one));
  return out;
}

/** deactivates assets written per record (the bulk deactivate knows only the integration's own assets) */
export async function deactivateRecords(bms: BmsClient, assets: { agentId: string; psaAssetId: number }[], signal?: AbortSignal): Promise<{ done: string[]; failed: Map<string, string> }> {
  const done: string[] = [];
  const failed = new Map<string, string>();
  for (let k = 0; k < assets.length; k += 4) {
    await Promise.all(assets.slice(k, k + 4).map(async (x) => {
      try {
        const a = await bms.asset(x.psaAssetId, signal);
        if (a.IsActive !== false) await bms.updateAsset(a.Id, { ...inputOf(a), IsActive: false }, signal);
        done.push(x.agentId);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'not-found') done.push(x.agentId); // gone in BMS: nothing to deactivate
        else if (err instanceof AuthError || !(err instanceof ApiError) || (err.code !== 'rejected' && err.code !== 'invalid-input')) throw err;
        else failed.set(x.agentId, err.message);
      }
    }));
  }
  return { done, failed };
}
