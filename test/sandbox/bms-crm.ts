/**
 * Fake BMS v2 CRM and system routes: accounts, their locations and departments, custom fields,
 * lookup tables.
 */
import { HttpError, intParam, jsonBody, type Env } from './api';
import type { Context } from 'hono';
import { CATEGORY_TABLE } from './capabilities';
import { nextBmsId, nowIso, type BmsAccount } from './model';
import { boolParam, dateParam, locationOut, ok, paged, sorter, summaryOut, TENANT_NAME, type BmsCtx } from './bms-shared';

export function crmRoutes({ r, fs, S, index, validate, pageOf, idParam, account }: BmsCtx): void {
  // ---------- accounts ----------
  r('GET', '/crm/accounts/lookup', (c) => {
    const q = c.req.query();
    // Filter.Ids is array<int32> (SPEC): repeated keys; one comma-joined value is not an integer
    const rawIds = c.req.queries('Filter.Ids') ?? [];
    for (const v of rawIds) if (!/^\d+$/.test(v)) throw new HttpError(400, `Filter.Ids: the value '${v}' is not valid for Int32 (send one Filter.Ids per id).`);
    const ids = rawIds.length ? rawIds.map(Number) : undefined;
    const name = q['Filter.Name']?.toLowerCase();
    const inactive = boolParam(q['Filter.WithInactiveAccounts'], 'Filter.WithInactiveAccounts') ?? false;
    let rows = [...S().bms.accounts.values()].filter(
      (a) => (inactive || a.IsActive) && (!ids || ids.includes(a.Id)) && (!name || a.AccountName.toLowerCase().includes(name)),
    ).map((a) => ({ Id: a.Id, Name: a.AccountName, TenantName: TENANT_NAME, IsActive: a.IsActive }));
    const sort = sorter(q.Sort, ['Id', 'Name']);
    if (sort) rows = rows.sort(sort);
    return ok(pageOf(c)(rows));
  });
  const summaryFilter = (c: Context<Env>) => {
    const q = c.req.query();
    const name = q['Filter.AccountName']?.toLowerCase();
    const code = q['Filter.AccountCode']?.toLowerCase();
    const typeId = q['Filter.AccountTypeId'] ? intParam(q['Filter.AccountTypeId'], 'Filter.AccountTypeId') : undefined;
    const active = boolParam(q['Filter.IsActive'], 'Filter.IsActive');
    const cFrom = dateParam(q['Filter.CreatedOnFrom'], 'Filter.CreatedOnFrom');
    const cTo = dateParam(q['Filter.CreatedOnTo'], 'Filter.CreatedOnTo');
    const mFrom = dateParam(q['Filter.ModifiedOnFrom'], 'Filter.ModifiedOnFrom');
    const mTo = dateParam(q['Filter.ModifiedOnTo'], 'Filter.ModifiedOnTo');
    return (a: BmsAccount) =>
      (!name || a.AccountName.toLowerCase().includes(name)) &&
      (!code || a.AccountCode.toLowerCase().includes(code)) &&
      (typeId === undefined || a.AccountTypeId === typeId) &&
      (active === undefined || a.IsActive === active) &&
      (cFrom === undefined || Date.parse(a.CreatedOn) >= cFrom) &&
      (cTo === undefined || Date.parse(a.CreatedOn) <= cTo) &&
      (mFrom === undefined || Date.parse(a.ModifiedOn) >= mFrom) &&
      (mTo === undefined || Date.parse(a.ModifiedOn) <= mTo);
  };
  r('GET', '/crm/accounts/summary', (c) => {
    const s = S();
    let rows = [...s.bms.accounts.values()].filter(summaryFilter(c));
    const sort = sorter(c.req.query('Sort'), ['Id', 'AccountName', 'AccountCode', 'CreatedOn', 'ModifiedOn']);
    if (sort) rows = rows.sort(sort as unknown as (a: BmsAccount, b: BmsAccount) => number);
    return paged(pageOf(c)(rows).map((a) => summaryOut(s, a, index.locations(a.Id))), rows.length);
  });
  r('GET', '/crm/accounts/summary/:id', (c) => {
    const a = account(idParam(c, 'id'));
    // the vendor document gives this path the bare DTO, without the envelope
    return { status: 200, body: summaryOut(S(), a, index.locations(a.Id)) };
  });
  r('POST', '/crm/accounts', async (c) => {
    const body = (await jsonBody(c)) as Record<string, unknown>;
    validate('AccountPostInputDto', body);
    const s = S();
    const locs = body.Locations as { LocationName: string; IsMain?: boolean; IsActive?: boolean; Addresses: { Address1?: string; City?: string }[] }[];
    if (!locs.length) throw new HttpError(400, 'An account needs at least one location.');
    if (locs.filter((l) => l.IsMain).length > 1) throw new HttpError(400, 'Only one location can be the Main location.');
    const name = (body.AccountName as string).trim();
    if ([...s.bms.accounts.values()].some((a) => a.AccountName === name)) throw new HttpError(400, `An account named "${name}" already exists.`);
    const code = (body.AccountCode as string | undefined) ?? null;
    if (code && [...s.bms.accounts.values()].some((a) => a.AccountCode === code)) throw new HttpError(400, `Account code "${code}" is already used.`);
    const Id = nextBmsId(s);
    const t = nowIso();
    const acc: BmsAccount = {
      Id, AccountCode: code ?? `ACC${String(Id).padStart(5, '0')}`, AccountName: name, AccountTypeId: body.AccountTypeId as number,
      BusinessTypeId: body.BusinessTypeId as number, AccountManagerId: body.AccountManagerId as number,
      ParentId: (body.ParentId as number | null) ?? null, Website: (body.Website as string | null) ?? null,
      Description: (body.Description as string | null) ?? null, IsActive: (body.IsActive as boolean | null) ?? true, CreatedOn: t, ModifiedOn: t,
    };
    s.bms.accounts.set(Id, acc);
    locs.forEach((l, i) => {
      const lid = nextBmsId(s);
      s.bms.locations.set(lid, {
        Id: lid, AccountId: Id, LocationName: l.LocationName, IsMain: l.IsMain ?? (i === 0 && !locs.some((x) => x.IsMain)),
        IsActive: l.IsActive ?? true, CreatedOn: t, ModifiedOn: t, Address1: l.Addresses[0]?.Address1 ?? null, City: l.Addresses[0]?.City ?? null,
      });
    });
    index.dirty();
    fs.write();
    return ok(summaryOut(s, acc, index.locations(Id)));
  });
  r('PUT', '/crm/accounts/:id', async (c) => {
    const a = account(idParam(c, 'id'));
    const body = (await jsonBody(c)) as Record<string, unknown>;
    validate('AccountPutInputDto', body);
    const name = (body.AccountName as string).trim();
    if ([...S().bms.accounts.values()].some((x) => x.Id !== a.Id && x.AccountName === name)) throw new HttpError(400, `An account named "${name}" already exists.`);
    Object.assign(a, {
      AccountName: name, AccountTypeId: body.AccountTypeId, BusinessTypeId: body.BusinessTypeId, AccountManagerId: body.AccountManagerId,
      ParentId: body.ParentId ?? null, Website: body.Website ?? null, Description: body.Description ?? null,
      IsActive: body.IsActive ?? a.IsActive, AccountCode: (body.AccountCode as string | undefined) ?? a.AccountCode, ModifiedOn: nowIso(),
    });
    fs.write();
    return ok(summaryOut(S(), a, index.locations(a.Id)));
  });
  r('PATCH', '/crm/accounts/:id', async (c) => {
    const a = account(idParam(c, 'id'));
    const ops = await jsonBody(c);
    validate('Operation', ops, true);
    const allowed = new Set(['AccountName', 'AccountCode', 'Website', 'Description', 'IsActive', 'ParentId', 'AccountTypeId', 'BusinessTypeId', 'AccountManagerId']);
    for (const op of ops as { op?: string; path?: string; value?: unknown }[]) {
      const field = (op.path ?? '').replace(/^\//, '');
      if (op.op !== 'replace' || !allowed.has(field)) throw new HttpError(400, `Patch operation ${op.op} ${op.path} is not supported.`);
      (a as unknown as Record<string, unknown>)[field] = op.value;
    }
    a.ModifiedOn = nowIso();
    fs.write();
    return ok(summaryOut(S(), a, index.locations(a.Id)));
  });

  // ---------- locations ----------
  r('GET', '/crm/accounts/:accountId/locations/lookup', (c) => {
    const a = account(idParam(c, 'accountId'));
    return ok(index.locations(a.Id).filter((l) => l.IsActive).map((l) => ({ Id: l.Id, Name: l.LocationName, AccountId: l.AccountId, IsMain: l.IsMain })));
  });
  r('GET', '/crm/accounts/:accountId/locations/:locationId', (c) => {
    const a = account(idParam(c, 'accountId'));
    const l = S().bms.locations.get(idParam(c, 'locationId'));
    if (!l || l.AccountId !== a.Id) throw new HttpError(404, `Location ${c.req.param('locationId')} of account ${a.Id} was not found.`);
    return ok(locationOut(l));
  });
  // v2 has no call that adds or changes a location of an existing account (absent in the vendor
  // document, ../shared/api-contract.md §7): only the legacy v1 API below does
  r('GET', '/system/locations/lookup', () => ok([{ Id: 1, Name: 'MSP Head Office', IsMain: true }]));

  // ---------- departments ----------
  r('GET', '/admin/hr/departments/lookup', () => ok([{ Id: 1, Name: 'Service Desk' }, { Id: 2, Name: 'Projects' }, { Id: 3, Name: 'Sales' }]));
  // [assumed] an account's contacts
  r('GET', '/crm/accounts/:accountId/contacts', (c) => {
    const a = account(idParam(c, 'accountId'));
    return ok([...S().bms.contacts.values()].filter((x) => x.AccountId === a.Id).map((x) => ({ ...x })));
  });
  // [assumed] per-account departments
  r('GET', '/crm/accounts/:accountId/departments', (c) => {
    const a = account(idParam(c, 'accountId'));
    return ok([...S().bms.departments.values()].filter((d) => d.AccountId === a.Id).map((d) => ({ ...d })));
  });
  r('POST', '/crm/accounts/:accountId/departments', async (c) => {
    const a = account(idParam(c, 'accountId'));
    const body = (await jsonBody(c)) as { Name: string; IsActive?: boolean | null };
    validate('AccountDepartmentInputDto', body);
    const s = S();
    const Id = nextBmsId(s);
    const d = { Id, AccountId: a.Id, Name: body.Name, IsActive: body.IsActive ?? true };
    s.bms.departments.set(Id, d);
    fs.write();
    return ok({ ...d });
  });

  // ---------- custom fields ----------
  r('GET', '/system/customFields/:moduleId', (c) => {
    const moduleId = idParam(c, 'moduleId');
    const withInactive = boolParam(c.req.query('withInactive'), 'withInactive') ?? false;
    return ok([...S().bms.customFields.values()].filter((f) => f.ModuleId === moduleId && (withInactive || f.IsActive))
      .map((f) => ({ Id: f.Id, Name: f.Name, DataType: f.DataType, IsRequired: f.IsRequired, ErrorMessage: null, IsActive: f.IsActive, Settings: [] })));
  });
  r('GET', '/system/customFields/:moduleId/:objectId', (c) => {
    const moduleId = idParam(c, 'moduleId');
    const objectId = idParam(c, 'objectId');
    return ok([...S().bms.customFields.values()].filter((f) => f.ModuleId === moduleId).map((f) => ({
      Id: f.Id, Name: f.Name, Data: S().bms.customFieldData.get(`${moduleId}/${objectId}/${f.Id}`) ?? null, SettingsId: 0, CustomFieldType: f.DataType, CustomFieldId: f.Id,
    })));
  });
  r('PUT', '/system/customFields/data/:moduleId/:entityId/:customFieldId', async (c) => {
    const moduleId = idParam(c, 'moduleId');
    const entityId = idParam(c, 'entityId');
    const fieldId = idParam(c, 'customFieldId');
    const f = S().bms.customFields.get(fieldId);
    if (!f || f.ModuleId !== moduleId) throw new HttpError(404, `Custom field ${fieldId} of module ${moduleId} was not found.`);
    const body = (await jsonBody(c)) as { Value?: string | null };
    validate('CustomFieldDataPutInputDto', body);
    S().bms.customFieldData.set(`${moduleId}/${entityId}/${fieldId}`, body.Value ?? '');
    fs.write();
    return ok({ Id: fieldId, CreatedBy: 1, CreatedOn: nowIso(), ModifiedBy: 1, ModifiedOn: nowIso(), Value: body.Value ?? null, EntityId: entityId, CustomFieldName: f.Name, CustomFieldId: fieldId, ModuleName: 'Accounts', ModuleId: moduleId });
  });

  // ---------- lookup tables ----------
  r('GET', '/system/lookup/:tableName', (c) => {
    const name = c.req.param('tableName') ?? '';
    if (name.toLowerCase() !== CATEGORY_TABLE.toLowerCase()) throw new HttpError(404, `Lookup table "${name}" was not found.`);
    return ok(S().bms.categories.map((x) => ({ Id: x.Id, Name: x.Name, IsDefault: x.Id === 1, IsActive: true })));
  });
}
