/**
 * Per-record hardware-asset calls (../shared/api-contract.md §7): the way to write an asset with an
 * explicit account, location and category when the bulk push cannot be trusted with an org (it
 * carries the org, not the account, and BMS auto-creates an account for an org it does not know).
 * Every write is done only when BMS's answer says so (the HTTP layer turns `success:false` into an error).
 */
import { z } from 'zod';
import { checkInput } from '../http/errors';
import { paginate } from '../http/paging';
import { BMS_PAGE_SIZE, HardwareAsset, HardwareAssetInput } from './assumed';
import type { BmsClient } from './client';
import { HardwareAssetsListSearchSelectOutputDtoIEnumerableResponse, type HardwareAssetsListSearchSelectOutputDto } from './schemas.gen';

const HardwareAssetResponse = z.looseObject({ Success: z.boolean().optional(), Result: HardwareAsset });

/** searchselect with the filters a lookup before a create needs (serial across every account) */
export function searchAssets(bms: BmsClient, f: { accountId?: number; name?: string; serial?: string; machineGroupId?: string; pages?: number; signal?: AbortSignal }): AsyncGenerator<HardwareAssetsListSearchSelectOutputDto> {
  const pages = f.pages ?? Infinity;
  return paginate(async (_offset, index) => {
    if (index >= pages) return { rows: [] };
    const res = await bms.http.request({
      method: 'GET', path: '/servicedesk/hardwareasset/searchselect', endpoint: 'GET /servicedesk/hardwareasset/searchselect', schema: HardwareAssetsListSearchSelectOutputDtoIEnumerableResponse, signal: f.signal,
      query: { PageSize: BMS_PAGE_SIZE, PageNumber: index + 1, 'Filter.AccountId': f.accountId, 'Filter.AssetName': f.name, 'Filter.SerialNumber': f.serial, 'Filter.MachineGroupId': f.machineGroupId },
    });
    return { rows: res.Result ?? [] };
  }, f.signal);
}

/** POST /servicedesk/hardwareasset: Name, AccountId, AccountLocationId and CategoryId are required */
export async function createAsset(bms: BmsClient, input: HardwareAssetInput, signal?: AbortSignal): Promise<HardwareAsset> {
  const endpoint = 'POST /servicedesk/hardwareasset';
  checkInput(HardwareAssetInput, input, { system: 'bms', endpoint, recordId: input.Name });
  // not idempotent: a lost answer is looked up (by agent, serial, name) before anything is sent again
  return (await bms.http.request({ method: 'POST', path: '/servicedesk/hardwareasset', endpoint, body: input, schema: HardwareAssetResponse, recordId: input.Name, idempotent: false, signal })).Result;
}

/**
 * The fields of an asset as read that a PUT sends back, so a write of ours keeps what others set. A
 * department is carried back only when the asset has one: a tenant without departments is never sent the
 * field (contract §6), not even as a null it read back.
 */
export function inputOf(a: HardwareAsset): HardwareAssetInput {
  const keep = HardwareAssetInput.keyof().options as readonly string[];
  const out: Record<string, unknown> = {};
  for (const k of keep) if ((a as Record<string, unknown>)[k] !== undefined) out[k] = (a as Record<string, unknown>)[k];
  if (out.DepartmentId === null) delete out.DepartmentId;
  return { ...(out as HardwareAssetInput), Name: a.Name ?? '', AccountId: a.AccountId, AccountLocationId: a.AccountLocationId ?? 0, CategoryId: a.CategoryId ?? 0 };
}
