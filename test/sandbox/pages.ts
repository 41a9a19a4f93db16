/**
 * The replica BMS web UI (../shared/api-contract.md §8), served from its own origin in two
 * generations: legacy WebForms pages rendered here (pages-legacy.ts) and React pages under `/react/`
 * (a client-side app, pages/react.js, reading same-origin JSON). The `pages` flag (pages-links.ts)
 * decides which generation serves which page; `POST /__sandbox/pages {"mode": …}` switches it at run
 * time. Every page sends a strict Content-Security-Policy, as a real app may. Like the real BMS front
 * end it reads the data the BMS API serves; it never calls the API origin.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import type { Env } from './api';
import { nextBmsId, nowIso, type SandboxState } from './model';
import { int, pageData } from './pages-data';
import { legacyPages, parsePostback, type Postback } from './pages-legacy';
import { pageLinks, PAGES_MODES, type PagesMode } from './pages-links';

export { PAGES_MODES, type PagesMode } from './pages-links';

const file = (name: string) => readFileSync(fileURLToPath(new URL(`./pages/${name}`, import.meta.url)), 'utf8');

/** no inline script, no eval, no foreign origin: what a hardened BMS may send */
export const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'";

const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function pagesApp(getState: () => SandboxState, initialMode: PagesMode = 'legacy'): Hono<Env> {
  const app = new Hono<Env>();
  let mode: PagesMode = initialMode;
  const data = pageData(getState);
  const links = pageLinks(() => mode);
  const legacy = legacyPages(data, links);

  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('content-security-policy', PAGE_CSP);
    c.res.headers.set('x-content-type-options', 'nosniff');
  });
  const html = (c: Context<Env>, body: string | null, status: 200 | 404 = 200) =>
    c.body(body ?? '<!doctype html><title>Not found</title><h1>The record was not found.</h1>', body ? status : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  const asset = (name: string, type: string) => (c: Context<Env>) => c.body(file(name), 200, { 'content-type': type, 'cache-control': 'no-store' });

  app.get('/__sandbox/pages', (c) => c.json({ mode, modes: PAGES_MODES }));
  app.post('/__sandbox/pages', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { mode?: string };
    if (!PAGES_MODES.includes(body.mode as PagesMode)) return c.json({ error: `mode must be one of ${PAGES_MODES.join(', ')}` }, 400);
    mode = body.mode as PagesMode;
    return c.json({ mode });
  });

  app.get('/', (c) => c.redirect(links.accounts()));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/legacy/Site.css', asset('legacy.css', 'text/css; charset=utf-8'));
  app.get('/legacy/WebResource.js', asset('legacy.js', 'text/javascript; charset=utf-8'));
  app.get('/react-assets/app.js', asset('react.js', 'text/javascript; charset=utf-8'));
  app.get('/react-assets/app.css', asset('react.css', 'text/css; charset=utf-8'));

  // legacy WebForms: IIS paths compare case-insensitively; GET renders, POST is a postback
  const legacyPage = async (c: Context<Env>): Promise<Response | null> => {
    const path = new URL(c.req.url).pathname.toLowerCase();
    const q = (k: string) => new URL(c.req.url).searchParams.get(k) ?? new URL(c.req.url).searchParams.get(k.toLowerCase());
    const id = int(q('ID'), -1);
    let pb: Postback | null = null;
    if (c.req.method === 'POST') pb = parsePostback(await c.req.parseBody());
    switch (path) {
      case '/crm/accountslisting.aspx': return html(c, legacy.accounts(pb));
      case '/crm/accountedit.aspx': return html(c, legacy.account(id, pb));
      case '/msp/hardwareassetslisting.aspx': return html(c, legacy.assets(q('AccountID') ? int(q('AccountID'), -1) : null, pb));
      case '/msp/hardwareassetedit.aspx': {
        const a = getState().bms.assets.get(id);
        const name = pb?.fields['ctl00$phContent$txtName']?.trim();
        if (a && pb && pb.fields['ctl00$phContent$btnSave'] !== undefined && name) {
          a.Name = name;
          a.ModifiedOn = nowIso();
        }
        return html(c, legacy.asset(id));
      }
      case '/administration/rmmintegrationsettings.aspx': return html(c, legacy.settings(pb));
      case '/msp/ticketedit.aspx': return html(c, legacy.ticket(id));
      default: return null;
    }
  };
  app.on(['GET', 'POST'], '/:dir/:page{.+\\.aspx}', async (c, next) => (await legacyPage(c)) ?? next());

  // React generation: one shell, routed in the browser (pushState); the config says which generation serves what
  const shell = (c: Context<Env>, gen: 'react' | 'renamed') => {
    const config = {
      gen,
      skin: mode === 'unseen' ? 'unseen' : 'react',
      links: { accounts: links.accounts(), account: links.account(0).replace(/0(?=$|[/?])/, '{id}'), assetsFor: links.assets(999999).replace('999999', '{id}'), assets: links.assets(null), asset: links.asset(0).replace(/0$/, '{id}'), settings: links.settings() },
      tabs: ['Locations', 'Departments', 'Contacts', 'Assigned Resources', 'Email Domains', 'Tax Settings', 'Opportunities', 'Activities', 'Linked Accounts', 'Notes', 'Custom Fields', 'Attachments', 'RMM Integration'],
    };
    return c.body(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Kaseya BMS</title><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="replica-config" content="${escAttr(JSON.stringify(config))}"><link rel="stylesheet" href="/react-assets/app.css"><script src="/react-assets/app.js" defer></script></head>
<body><div id="root"></div></body>
</html>
`, 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  };
  app.get('/react/*', (c) => shell(c, 'react'));
  app.get('/app/*', (c) => shell(c, 'renamed'));

  // the JSON the React pages render from
  app.get('/app-api/session', (c) => c.json({ tenant: 'sandbox', user: 'admin', company: 'Sandbox MSP' }));
  app.get('/app-api/accounts', (c) => c.json(data.accounts(c.req.query('search') ?? '', int(c.req.query('page'), 1), Math.min(int(c.req.query('size'), 25), 200))));
  app.post('/app-api/accounts', async (c) => {
    let body: { AccountName?: unknown };
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'Expected JSON' }, 400);
    }
    const name = typeof body.AccountName === 'string' ? body.AccountName.trim() : '';
    if (!name) return c.json({ error: 'Account name is required.' }, 400);
    const s = getState();
    if ([...s.bms.accounts.values()].some((a) => a.AccountName === name)) return c.json({ error: `An account named "${name}" already exists.` }, 400);
    const Id = nextBmsId(s);
    const t = nowIso();
    s.bms.accounts.set(Id, { Id, AccountCode: `ACC${String(Id).padStart(5, '0')}`, AccountName: name, AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1, ParentId: null, Website: null, Description: null, IsActive: true, CreatedOn: t, ModifiedOn: t });
    const lid = nextBmsId(s);
    s.bms.locations.set(lid, { Id: lid, AccountId: Id, LocationName: 'Main', IsMain: true, IsActive: true, CreatedOn: t, ModifiedOn: t, Address1: null, City: null });
    return c.json({ Id });
  });
  app.get('/app-api/accounts/:id', (c) => {
    const d = data.account(int(c.req.param('id'), -1));
    return d ? c.json(d) : c.json({ error: `Account ${c.req.param('id')} was not found.` }, 404);
  });
  app.get('/app-api/assets', (c) => {
    const acc = c.req.query('accountId');
    return c.json(data.assets(c.req.query('search') ?? '', acc ? int(acc, -1) : null, int(c.req.query('page'), 1), Math.min(int(c.req.query('size'), 25), 200)));
  });
  app.get('/app-api/assets/:id', (c) => {
    const a = data.asset(int(c.req.param('id'), -1));
    return a ? c.json(a) : c.json({ error: `Hardware asset ${c.req.param('id')} was not found.` }, 404);
  });
  app.get('/app-api/rmm/accounts-sync', (c) => c.json(data.accountsSync(c.req.query('search') ?? '', int(c.req.query('page'), 1), Math.min(int(c.req.query('size'), 25), 100))));
  app.notFound((c) => (c.req.header('accept')?.includes('text/html') ? html(c, null) : c.json({ error: 'not found' }, 404)));
  return app;
}
