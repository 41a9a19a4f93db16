/**
 * Fake BMS v2 hardware assets (/servicedesk/hardwareasset): search, read, online status, create,
 * update, delete.
 */
import { HttpError, intParam, jsonBody } from './api';
import { nextBmsId, nowIso, type BmsAsset } from './model';
import { assetOut, assetSearchOut, boolParam, idList, ok, sorter, type BmsCtx } from './bms-shared';

export function assetRoutes({ r, fs, S, validate, pageOf, idParam, account }: BmsCtx): void {
  // ---------- hardware assets ----------
  r('GET', '/servicedesk/hardwareasset/searchselect', (c) => {
    const q = c.req.query();
    const s = S();
    const cats = idList(q['Filter.CategoryIds'], 'Filter.CategoryIds')?.map(Number);
    const accountId = q['Filter.AccountId'] ? intParam(q['Filter.AccountId'], 'Filter.AccountId') : undefined;
    const active = boolParam(q['Filter.IsActive'], 'Filter.IsActive');
    const contains = (v: string | null, f: string | undefined) => !f || (v ?? '').toLowerCase().includes(f.toLowerCase());
    let rows = [...s.bms.assets.values()].filter((a) =>
      (!cats || cats.includes(a.CategoryId)) &&
      (accountId === undefined || a.AccountId === accountId) &&
      (active === undefined || a.IsActive === active) &&
      contains(a.Name, q['Filter.AssetName']) &&
      (!q['Filter.MachineGroupId'] || a.MachineGroupId === q['Filter.MachineGroupId']) &&
      contains(a.SerialNumber, q['Filter.SerialNumber']) &&
      contains(a.IpAddress, q['Filter.IPAddress']) &&
      contains(a.Description, q['Filter.Description']) &&
      contains(s.bms.locations.get(a.AccountLocationId)?.LocationName ?? null, q['Filter.LocationName']) &&
      (!q['Filter.ExcludedId'] || String(a.Id) !== q['Filter.ExcludedId']),
    );
    const sort = sorter(q.Sort, ['Id', 'Name', 'AccountId']);
    if (sort) rows = rows.sort(sort as unknown as (a: BmsAsset, b: BmsAsset) => number);
    return ok(pageOf(c)(rows).map((a) => assetSearchOut(s, a)));
  });
  const assetOr404 = (id: number) => {
    const a = S().bms.assets.get(id);
    if (!a) throw new HttpError(404, `Hardware asset ${id} was not found.`);
    return a;
  };
  r('GET', '/servicedesk/hardwareasset/:assetId', (c) => ok(assetOut(S(), assetOr404(idParam(c, 'assetId')))));
  r('GET', '/servicedesk/hardwareasset/:deviceId/status', (c) => {
    const a = assetOr404(idParam(c, 'deviceId'));
    const agent = a.AgentId ? S().vsa.agents.get(a.AgentId) : undefined;
    return ok({ IsOnline: !!agent && [1, 2, 11, 12].includes(agent.Online) });
  });
  const assetFromInput = (body: Record<string, unknown>, base: Partial<BmsAsset>): BmsAsset => {
    const s = S();
    const acc = account(body.AccountId as number);
    const loc = s.bms.locations.get(body.AccountLocationId as number);
    if (!loc || loc.AccountId !== acc.Id) throw new HttpError(400, `Location ${String(body.AccountLocationId)} does not belong to account ${acc.Id}.`);
    if (!s.bms.categories.some((c) => c.Id === body.CategoryId)) throw new HttpError(400, `Category ${String(body.CategoryId)} does not exist.`);
    const depId = (body.DepartmentId as number | null | undefined) ?? null;
    if (depId !== null) {
      const d = s.bms.departments.get(depId);
      if (!d || d.AccountId !== acc.Id) throw new HttpError(400, `Department ${depId} does not belong to account ${acc.Id}.`);
    }
    const contactId = (body.ContactId as number | null | undefined) ?? null;
    if (contactId !== null && contactId > 0 && s.bms.contacts.get(contactId)?.AccountId !== acc.Id) throw new HttpError(400, `Contact ${contactId} does not belong to account ${acc.Id}.`);
    const str = (k: string) => (body[k] as string | null | undefined) ?? null;
    const t = nowIso();
    return {
      Id: base.Id ?? 0, Name: (body.Name as string).trim(), AccountId: acc.Id, AccountLocationId: loc.Id, CategoryId: body.CategoryId as number,
      DepartmentId: depId, SerialNumber: str('SerialNumber'), MachineGroupId: str('MachineGroupId'), ComputerName: str('ComputerName'),
      IpAddress: str('IpAddress'), MacAddress: str('MacAddress'), OsType: str('OsType'), OsInfo: str('OsInfo'),
      IsActive: (body.IsActive as boolean | null | undefined) ?? base.IsActive ?? true, AgentId: base.AgentId ?? null,
      IntegrationTypeId: base.IntegrationTypeId ?? null, FirstCheckIn: str('FirstCheckIn'), LastCheckIn: str('LastCheckIn'),
      LastReboot: str('LastReboot'), Description: str('Description'), ContactId: contactId !== null && contactId > 0 ? contactId : null, CreatedOn: base.CreatedOn ?? t, ModifiedOn: t,
    };
  };
  r('POST', '/servicedesk/hardwareasset', async (c) => {
    const body = (await jsonBody(c)) as Record<string, unknown>;
    validate('HardwareAssetInputDto', body);
    const s = S();
    const asset = assetFromInput(body, {});
    asset.Id = nextBmsId(s);
    s.bms.assets.set(asset.Id, asset);
    fs.write();
    return ok(assetOut(s, asset));
  });
  r('PUT', '/servicedesk/hardwareasset/:assetId', async (c) => {
    const existing = assetOr404(idParam(c, 'assetId'));
    const body = (await jsonBody(c)) as Record<string, unknown>;
    validate('HardwareAssetInputDto', body);
    const asset = assetFromInput(body, existing);
    S().bms.assets.set(asset.Id, asset);
    fs.write();
    return ok(assetOut(S(), asset));
  });
  r('DELETE', '/servicedesk/hardwareasset/:Id', (c) => {
    const a = assetOr404(idParam(c, 'Id'));
    S().bms.assets.delete(a.Id);
    fs.write();
    return { status: 200 };
  });
}
