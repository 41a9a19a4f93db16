/**
 * Fake BMS legacy v1 locations (/api/crm/locations, RUBY), signed in with the v1 token of /api/token:
 * v2 has no call that adds or changes a location of an existing account.
 */
import type { Context } from 'hono';
import { HttpError, jsonBody, type Env, type Reply } from './api';
import { nextBmsId, nowIso, type BmsLocation } from './model';
import { locationOut, type BmsCtx } from './bms-shared';

export function legacyV1Routes({ v1, fs, S, index, idParam }: BmsCtx): void {
  // [assumed] v1 bodies and answers: PascalCase JSON objects, failures as HTTP statuses with {Message}
  const v1Error = (status: number, message: string): Reply => ({ status, body: { Message: message }, raw: true });
  const v1Location = (l: BmsLocation) => ({ Id: l.Id, AccountId: l.AccountId, LocationName: l.LocationName, IsMain: l.IsMain, IsActive: l.IsActive, Addresses: locationOut(l).Addresses });
  const v1Body = async (c: Context<Env>) => {
    const b = (await jsonBody(c)) as Record<string, unknown>;
    if (!b || typeof b !== 'object' || Array.isArray(b)) throw new HttpError(400, 'The request body must be a JSON object.');
    return b;
  };
  v1('POST', '/api/crm/locations', async (c) => {
    const body = await v1Body(c);
    const accountId = typeof body.AccountId === 'number' ? body.AccountId : NaN;
    const a = S().bms.accounts.get(accountId);
    if (!a) return v1Error(404, `Account ${String(body.AccountId)} was not found.`);
    const name = typeof body.LocationName === 'string' ? body.LocationName.trim() : '';
    if (!name) return v1Error(400, 'LocationName is required.');
    if (!Array.isArray(body.Addresses)) return v1Error(400, 'Addresses is required (an array, may be empty).');
    if (index.locations(a.Id).some((l) => l.LocationName.toLowerCase() === name.toLowerCase())) return v1Error(409, `Account ${a.Id} already has a location named "${name}".`);
    const s = S();
    const t = nowIso();
    const lid = nextBmsId(s);
    const addr = (body.Addresses as { Address1?: string; City?: string }[])[0];
    const loc: BmsLocation = { Id: lid, AccountId: a.Id, LocationName: name, IsMain: false, IsActive: true, CreatedOn: t, ModifiedOn: t, Address1: addr?.Address1 ?? null, City: addr?.City ?? null };
    s.bms.locations.set(lid, loc);
    index.dirty();
    fs.write();
    return { status: 200, body: v1Location(loc) };
  });
  const v1Loc = (c: Context<Env>) => S().bms.locations.get(idParam(c, 'id'));
  // rename, (de)activate, "Convert to Main" [assumed: v1 PUT takes IsMain; the documentation shows none]
  v1('PUT', '/api/crm/locations/:id', async (c) => {
    const l = v1Loc(c);
    if (!l) return v1Error(404, `Location ${c.req.param('id')} was not found.`);
    const body = await v1Body(c);
    for (const k of Object.keys(body)) if (!['LocationName', 'IsMain', 'IsActive', 'Addresses', 'AccountId', 'Id'].includes(k)) return v1Error(400, `Unknown field ${k}.`);
    if (body.LocationName !== undefined && (typeof body.LocationName !== 'string' || !body.LocationName.trim())) return v1Error(400, 'LocationName must not be empty.');
    if (body.IsMain !== undefined && typeof body.IsMain !== 'boolean') return v1Error(400, 'IsMain must be true or false.');
    if (body.IsActive !== undefined && typeof body.IsActive !== 'boolean') return v1Error(400, 'IsActive must be true or false.');
    if (body.IsMain === false && l.IsMain) return v1Error(400, 'Make another location Main instead; an account always has one Main location.');
    if (body.IsActive === false && (body.IsMain ?? l.IsMain)) return v1Error(400, 'The Main location cannot be deactivated.');
    if (body.IsMain) for (const x of index.locations(l.AccountId)) x.IsMain = false;
    if (typeof body.LocationName === 'string') l.LocationName = body.LocationName.trim();
    if (typeof body.IsMain === 'boolean') l.IsMain = body.IsMain;
    if (typeof body.IsActive === 'boolean') l.IsActive = body.IsActive;
    l.ModifiedOn = nowIso();
    fs.write();
    return { status: 200, body: v1Location(l) };
  });
  v1('DELETE', '/api/crm/locations/:id', (c) => {
    const l = v1Loc(c);
    if (!l) return v1Error(404, `Location ${c.req.param('id')} was not found.`);
    if (l.IsMain) return v1Error(400, 'The Main location cannot be deleted.');
    S().bms.locations.delete(l.Id);
    index.dirty();
    fs.write();
    return { status: 204 };
  });
}
