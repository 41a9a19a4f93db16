/**
 * The replica BMS web UI: a small single-page app with hash routes (../shared/api-contract.md,
 * "BMS web pages") served from its own origin, plus the same-origin JSON it renders from. Like the
 * real BMS front end, it reads the same data the BMS API serves; it never calls the API origin.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { Env } from './api';
import { mappingStore, nextBmsId, nowIso, type BmsAsset, type SandboxState } from './model';

const file = (name: string) => readFileSync(fileURLToPath(new URL(`./pages/${name}`, import.meta.url)), 'utf8');

export function pagesApp(getState: () => SandboxState): Hono<Env> {
  const app = new Hono<Env>();
  const S = () => getState();
  const static_ = (name: string, type: string) => (c: { body: (b: string, s: 200, h: Record<string, string>) => Response }) =>
    c.body(file(name), 200, { 'content-type': type, 'cache-control': 'no-store' });

  app.get('/', static_('index.html', 'text/html; charset=utf-8'));
  app.get('/app.js', static_('app.js', 'text/javascript; charset=utf-8'));
  app.get('/app.css', static_('app.css', 'text/css; charset=utf-8'));
  app.get('/favicon.ico', (c) => c.body(null, 204));

  const int = (v: string | undefined, def: number) => (v && /^\d+$/.test(v) ? Number(v) : def);
  const mainLocation = (accountId: number) => [...S().bms.locations.values()].find((l) => l.AccountId === accountId && l.IsMain);
  const orgOfAccount = (accountId: number) => {
    for (const m of mappingStore(S(), 'vsa', 'account').values()) {
      if (m.PsaId === accountId) {
        const org = S().vsa.orgs.get(Number(m.ExternalId));
        return { orgId: m.ExternalId, orgName: org?.OrgName ?? null };
      }
    }
    return null;
  };
  const assetRow = (a: BmsAsset) => {
    const s = S();
    return {
      Id: a.Id, Name: a.Name, AccountId: a.AccountId, AccountName: s.bms.accounts.get(a.AccountId)?.AccountName ?? null,
      LocationName: s.bms.locations.get(a.AccountLocationId)?.LocationName ?? null,
      Department: a.DepartmentId ? (s.bms.departments.get(a.DepartmentId)?.Name ?? null) : null,
      Category: s.bms.categories.find((c) => c.Id === a.CategoryId)?.Name ?? null,
      MachineGroupId: a.MachineGroupId, AgentId: a.AgentId, SerialNumber: a.SerialNumber, IpAddress: a.IpAddress,
      OsType: a.OsType, OsInfo: a.OsInfo, LastCheckIn: a.LastCheckIn, IsActive: a.IsActive, ModifiedOn: a.ModifiedOn,
    };
  };

  app.get('/app-api/session', (c) => c.json({ tenant: 'sandbox', user: 'admin', company: 'Sandbox MSP' }));
  app.get('/app-api/accounts', (c) => {
    const q = (c.req.query('search') ?? '').toLowerCase();
    const page = int(c.req.query('page'), 1);
    const size = Math.min(int(c.req.query('size'), 25), 200);
    const rows = [...S().bms.accounts.values()]
      .filter((a) => !q || a.AccountName.toLowerCase().includes(q) || a.AccountCode.toLowerCase().includes(q))
      .sort((a, b) => a.Id - b.Id);
    return c.json({
      total: rows.length,
      page,
      size,
      rows: rows.slice((page - 1) * size, page * size).map((a) => ({
        Id: a.Id, AccountName: a.AccountName, AccountCode: a.AccountCode, IsActive: a.IsActive,
        MainLocation: mainLocation(a.Id)?.LocationName ?? null, CreatedOn: a.CreatedOn,
      })),
    });
  });
  app.post('/app-api/accounts', async (c) => {
    let body: { AccountName?: unknown };
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'Expected JSON' }, 400);
    }
    const name = typeof body.AccountName === 'string' ? body.AccountName.trim() : '';
    if (!name) return c.json({ error: 'Account name is required.' }, 400);
    const s = S();
    if ([...s.bms.accounts.values()].some((a) => a.AccountName === name)) return c.json({ error: `An account named "${name}" already exists.` }, 400);
    const Id = nextBmsId(s);
    const t = nowIso();
    s.bms.accounts.set(Id, { Id, AccountCode: `ACC${String(Id).padStart(5, '0')}`, AccountName: name, AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1, ParentId: null, Website: null, Description: null, IsActive: true, CreatedOn: t, ModifiedOn: t });
    const lid = nextBmsId(s);
    s.bms.locations.set(lid, { Id: lid, AccountId: Id, LocationName: 'Main', IsMain: true, IsActive: true, CreatedOn: t, ModifiedOn: t, Address1: null, City: null });
    return c.json({ Id });
  });
  app.get('/app-api/accounts/:id', (c) => {
    const s = S();
    const id = int(c.req.param('id'), -1);
    const a = s.bms.accounts.get(id);
    if (!a) return c.json({ error: `Account ${c.req.param('id')} was not found.` }, 404);
    return c.json({
      account: a,
      locations: [...s.bms.locations.values()].filter((l) => l.AccountId === id),
      departments: [...s.bms.departments.values()].filter((d) => d.AccountId === id),
      mapping: orgOfAccount(id),
      assetCount: [...s.bms.assets.values()].filter((x) => x.AccountId === id).length,
    });
  });
  app.get('/app-api/assets', (c) => {
    const q = (c.req.query('search') ?? '').toLowerCase();
    const accountId = c.req.query('accountId') ? int(c.req.query('accountId'), -1) : null;
    const page = int(c.req.query('page'), 1);
    const size = Math.min(int(c.req.query('size'), 25), 200);
    const s = S();
    const rows = [...s.bms.assets.values()]
      .filter((a) => (accountId === null || a.AccountId === accountId) && (!q || a.Name.toLowerCase().includes(q) || (s.bms.accounts.get(a.AccountId)?.AccountName ?? '').toLowerCase().includes(q)))
      .sort((a, b) => a.Id - b.Id);
    return c.json({ total: rows.length, page, size, rows: rows.slice((page - 1) * size, page * size).map(assetRow) });
  });
  app.get('/app-api/assets/:id', (c) => {
    const a = S().bms.assets.get(int(c.req.param('id'), -1));
    if (!a) return c.json({ error: `Hardware asset ${c.req.param('id')} was not found.` }, 404);
    return c.json(assetRow(a));
  });
  app.get('/app-api/rmm/accounts-sync', (c) => {
    const s = S();
    const q = (c.req.query('search') ?? '').toLowerCase();
    const page = int(c.req.query('page'), 1);
    const size = Math.min(int(c.req.query('size'), 25), 100);
    const maps = mappingStore(s, 'vsa', 'account');
    const rows = [...s.vsa.orgs.values()].filter((o) => !q || o.OrgName.toLowerCase().includes(q));
    return c.json({
      total: rows.length,
      page,
      size,
      rows: rows.slice((page - 1) * size, page * size).map((o) => {
        const m = maps.get(String(o.OrgId));
        return { OrgId: o.OrgId, OrgName: o.OrgName, OrgRef: o.OrgRef, AccountId: m?.PsaId ?? null, AccountName: m ? (s.bms.accounts.get(m.PsaId)?.AccountName ?? null) : null };
      }),
    });
  });
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  return app;
}
