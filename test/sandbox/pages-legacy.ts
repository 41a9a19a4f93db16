/**
 * The legacy generation of the replica BMS (../shared/api-contract.md §8): ASP.NET WebForms pages
 * rendered on the server, one `#aspnetForm` per page whose action carries the record id, `ctl00_ph…`
 * ids, Telerik RadMenu / RadTabStrip / RadGrid markup, and postbacks (paging, search, tabs) that load
 * the whole page again. Every name is escaped: names are data.
 */
import type { PageData } from './pages-data';
import type { PageLinks } from './pages-links';

export const ACCOUNT_TABS = ['Locations', 'Departments', 'Contacts', 'Assigned Resources', 'Email Domains', 'Tax Settings', 'Opportunities', 'Activities', 'Linked Accounts', 'Notes', 'Custom Fields', 'Attachments', 'RMM Integration'];
export const SETTINGS_TABS = ['General settings', 'Accounts Synchronization', 'Asset Mapping'];

const esc = (v: unknown) => String(v ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const txt = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : esc(v));
const camel = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');

/** what a postback carries: the control that fired, its argument, the page's state and text boxes */
export interface Postback { target: string; arg: string; view: Record<string, string>; fields: Record<string, string> }

export function parsePostback(body: Record<string, string | File | (string | File)[]>): Postback {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  let view: Record<string, string>;
  try {
    view = JSON.parse(Buffer.from(s('__VIEWSTATE'), 'base64').toString('utf8')) as Record<string, string>;
  } catch {
    view = {};
  }
  const fields: Record<string, string> = {};
  for (const k of Object.keys(body)) if (!k.startsWith('__')) fields[k] = s(k);
  return { target: s('__EVENTTARGET'), arg: s('__EVENTARGUMENT'), view, fields };
}

function layout(title: string, action: string, view: Record<string, string>, links: PageLinks, active: string, body: string): string {
  const state = Buffer.from(JSON.stringify(view)).toString('base64');
  const menu: [string, string, string][] = [['accounts', 'Accounts', links.accounts()], ['assets', 'Hardware Assets', links.assets(null)], ['settings', 'RMM Integration Settings', links.settings()], ['tickets', 'Tickets', '/MSP/TicketsListing.aspx']];
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)} - Kaseya BMS</title><link rel="stylesheet" href="/legacy/Site.css"><script src="/legacy/WebResource.js" defer></script></head>
<body class="legacy">
<form method="post" action="${esc(action)}" id="aspnetForm">
<div class="aspNetHidden"><input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value=""><input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value=""><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="${esc(state)}"></div>
<div id="ctl00_divHeader" class="navbar navbar-default"><span class="navbar-brand">Kaseya <strong>BMS</strong></span><span id="ctl00_lblUser" class="navbar-text">Sandbox MSP · admin</span><button type="button" id="bms-theme-toggle" class="btn btn-default" aria-label="Switch light or dark theme">Theme</button></div>
<div id="ctl00_phMenu_mnuMain" class="RadMenu RadMenu_Default"><ul class="rmRootGroup rmHorizontal">${menu.map(([k, label, href], i) => `<li class="rmItem${i === 0 ? ' rmFirst' : ''}"><a class="rmLink${k === active ? ' rmSelected' : ''}" href="${esc(href)}" data-menu="${k}"><span class="rmText">${esc(label)}</span></a></li>`).join('')}</ul></div>
<div id="ctl00_phContent_pnlMain" class="container-fluid" data-bms-view="ready">
${body}
</div>
</form>
</body>
</html>
`;
}

function tabStrip(id: string, tabs: string[], selected: number): string {
  return `<div id="ctl00_phContent_${id}" class="RadTabStrip RadTabStrip_Default"><div class="rtsLevel rtsLevel1"><ul class="rtsUL">${tabs.map((t, i) =>
    `<li class="rtsLI${i === 0 ? ' rtsFirst' : ''}${i === tabs.length - 1 ? ' rtsLast' : ''}"><a class="rtsLink${i === selected ? ' rtsSelected' : ''}" href="#" id="ctl00_phContent_${id}_T${i}" data-postback="ctl00$phContent$${id}|${i}"><span class="rtsOut"><span class="rtsIn"><span class="rtsTxt">${esc(t)}</span></span></span></a></li>`).join('')}</ul></div></div>`;
}

function grid(id: string, head: string[], rows: string[][], total: number, page: number, size: number, target: string): string {
  const pages = Math.max(1, Math.ceil(total / size));
  const pager = `<tr class="rgPager"><td colspan="${head.length}"><div class="rgWrap rgNumPart">${page > 1 ? `<a href="#" data-postback="${target}|Page$${page - 1}">Previous</a>` : ''} <span class="rgInfoPart">Page ${page} of ${pages} (${total} items)</span> ${page < pages ? `<a href="#" data-postback="${target}|Page$${page + 1}">Next</a>` : ''}</div></td></tr>`;
  return `<div id="ctl00_phListing_${id}" class="RadGrid RadGrid_Default"><table class="rgMasterTable" id="ctl00_phListing_${id}_ctl00"><thead><tr>${head.map((h) => `<th class="rgHeader" scope="col">${esc(h)}</th>`).join('')}</tr></thead><tfoot>${pager}</tfoot><tbody>${rows.map((r, i) =>
    `<tr class="${i % 2 ? 'rgAltRow' : 'rgRow'}" id="ctl00_phListing_${id}_ctl00__${i}">${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
}

const searchBox = (id: string, value: string, label: string) =>
  `<div class="rgToolbar"><input type="text" name="ctl00$phListing$${id}" id="ctl00_phListing_${id}" value="${esc(value)}" aria-label="${esc(label)}" placeholder="${esc(label)}"> <input type="submit" name="ctl00$phListing$btnSearch" value="Search" class="btn btn-default"></div>`;

function pagingOf(pb: Postback | null, target: string, searchField: string): { page: number; search: string } {
  let page = Number(pb?.view.page ?? 1) || 1;
  let search = pb?.view.search ?? '';
  if (pb && pb.fields[`ctl00$phListing$${searchField}`] !== undefined && pb.fields[`ctl00$phListing$${searchField}`] !== search) {
    search = pb.fields[`ctl00$phListing$${searchField}`];
    page = 1;
  }
  if (pb?.target === target && /^Page\$\d+$/.test(pb.arg)) page = Number(pb.arg.slice(5));
  return { page, search };
}

export function legacyPages(data: PageData, links: PageLinks) {
  const accounts = (pb: Postback | null) => {
    const { page, search } = pagingOf(pb, 'ctl00$phListing$rgAccounts', 'txtSearch');
    const d = data.accounts(search, page, 25);
    const rows = d.rows.map((a) => [`<a href="${esc(links.account(a.Id))}">${txt(a.AccountName)}</a>`, txt(a.AccountCode), txt(a.MainLocation), a.IsActive ? 'Active' : 'Inactive']);
    return layout('Accounts', './AccountsListing.aspx', { page: String(page), search }, links, 'accounts',
      `<h1 id="ctl00_phContent_lblTitle" class="page-title">Accounts</h1>${searchBox('txtSearch', search, 'Search accounts')}${grid('rgAccounts', ['Account', 'Code', 'Main location', 'Status'], rows, d.total, page, 25, 'ctl00$phListing$rgAccounts')}`);
  };

  const account = (id: number, pb: Postback | null) => {
    const d = data.account(id);
    if (!d) return null;
    let tab = Number(pb?.view.tab ?? 0) || 0;
    if (pb?.target === 'ctl00$phContent$tsAccount' && /^\d+$/.test(pb.arg) && Number(pb.arg) < ACCOUNT_TABS.length) tab = Number(pb.arg);
    const a = d.account;
    const name = ACCOUNT_TABS[tab];
    let body: string;
    if (name === 'Locations') {
      body = grid('rgLocations', ['Location', 'Main', 'Status'], d.locations.map((l) => [txt(l.LocationName), l.IsMain ? 'Main' : '<a href="#" class="convert">Convert to Main</a>', l.IsActive ? 'Active' : 'Inactive']), d.locations.length, 1, 100, 'ctl00$phListing$rgLocations');
    } else if (name === 'Departments') {
      body = d.departments.length ? grid('rgDepartments', ['Department', 'Status'], d.departments.map((x) => [txt(x.Name), x.IsActive ? 'Active' : 'Inactive']), d.departments.length, 1, 100, 'ctl00$phListing$rgDepartments') : '<p>This account has no departments.</p>';
    } else if (name === 'RMM Integration') {
      body = `<fieldset class="rmm"><legend>RMM Integration</legend><label>Integration</label> <span id="ctl00_phContent_lblIntegration">Kaseya VSA</span><br><label>VSA Organization</label> <span id="ctl00_phContent_lblVsaOrg" data-field="VsaOrganization">${d.mapping ? `${txt(d.mapping.orgName)} (${esc(d.mapping.orgId)})` : 'Not mapped'}</span></fieldset>`;
    } else {
      body = `<p class="empty">No ${esc(name.toLowerCase())} yet.</p>`;
    }
    const header = `<div id="ctl00_phContent_pnlAccountHeader" class="account-header"><div class="breadcrumb">CRM › Accounts</div><h1 id="ctl00_phContent_lblAccountName" class="page-title">${txt(a.AccountName)}</h1>
<dl class="dl-horizontal"><dt>Account code</dt><dd id="ctl00_phContent_lblAccountCode">${txt(a.AccountCode)}</dd><dt>Status</dt><dd>${a.IsActive ? 'Active' : 'Inactive'}</dd><dt>Hardware assets</dt><dd><a id="ctl00_phContent_lnkAssets" href="${esc(links.assets(a.Id))}">${d.assetCount}</a></dd></dl></div>`;
    return layout(a.AccountName, `./AccountEdit.aspx?ID=${id}`, { tab: String(tab) }, links, 'accounts',
      `${header}${tabStrip('tsAccount', ACCOUNT_TABS, tab)}<div id="ctl00_phContent_mpAccount" class="RadMultiPage"><div id="ctl00_phContent_pv${camel(name)}" class="rmpView">${body}</div></div>`);
  };

  const assets = (accountId: number | null, pb: Postback | null) => {
    const { page, search } = pagingOf(pb, 'ctl00$phListing$rgAssets', 'txtSearch');
    const d = data.assets(search, accountId, page, 25);
    const rows = d.rows.map((a) => [`<a href="${esc(links.asset(a.Id))}">${txt(a.Name)}</a>`, txt(a.AccountName), txt(a.LocationName), txt(a.Department), txt(a.Category), txt(a.MachineGroupId), a.IsActive ? 'Active' : 'Inactive']);
    return layout('Hardware Assets', `./HardwareAssetsListing.aspx${accountId ? `?AccountID=${accountId}` : ''}`, { page: String(page), search }, links, 'assets',
      `<div class="breadcrumb">Service Desk › Assets Management</div><h1 id="ctl00_phContent_lblTitle" class="page-title">Hardware Assets</h1>${searchBox('txtSearch', search, 'Search assets')}${grid('rgAssets', ['Asset', 'Account', 'Location', 'Department', 'Category', 'Machine group', 'Status'], rows, d.total, page, 25, 'ctl00$phListing$rgAssets')}`);
  };

  const asset = (id: number) => {
    const a = data.asset(id);
    if (!a) return null;
    const fields: [string, unknown][] = [['Account', a.AccountName], ['Location', a.LocationName], ['Department', a.Department], ['Category', a.Category],
      ['Machine group', a.MachineGroupId], ['Serial number', a.SerialNumber], ['IP address', a.IpAddress], ['OS', a.OsType], ['OS info', a.OsInfo],
      ['Last check-in', a.LastCheckIn], ['Status', a.IsActive ? 'Active' : 'Inactive'], ['Modified', a.ModifiedOn]];
    return layout(a.Name, `./HardwareAssetEdit.aspx?ID=${id}`, {}, links, 'assets',
      `<div class="breadcrumb">Service Desk › Assets Management › Hardware Assets</div><h1 id="ctl00_phContent_lblAssetName" class="page-title">${txt(a.Name)}</h1>
<div id="ctl00_phContent_pnlToolbar" class="toolbar"><input type="submit" name="ctl00$phContent$btnSave" value="Save" class="btn btn-primary"> <a class="btn btn-default" href="${esc(links.assets(null))}">Back to list</a></div>
<div class="form-horizontal"><label for="ctl00_phContent_txtName">Asset name</label> <input type="text" id="ctl00_phContent_txtName" name="ctl00$phContent$txtName" value="${esc(a.Name)}">
<dl class="dl-horizontal">${fields.map(([k, v]) => `<dt>${esc(k)}</dt><dd id="ctl00_phContent_lbl${camel(k)}" data-field="${esc(k)}">${txt(v)}</dd>`).join('')}</dl></div>`);
  };

  const settings = (pb: Postback | null) => {
    let tab = Number(pb?.view.tab ?? 1);
    if (!Number.isInteger(tab) || tab < 0 || tab >= SETTINGS_TABS.length) tab = 1;
    if (pb?.target === 'ctl00$phContent$tsSettings' && /^\d+$/.test(pb.arg) && Number(pb.arg) < SETTINGS_TABS.length) tab = Number(pb.arg);
    const { page, search } = pagingOf(pb, 'ctl00$phListing$rgOrgs', 'txtOrgFilter');
    let body = '<p class="empty">Nothing to set here in the replica.</p>';
    if (tab === 1) {
      const d = data.accountsSync(search, page, 25);
      body = `<div class="toolbar"><input type="submit" name="ctl00$phContent$btnLoad" value="Load Accounts" class="btn btn-default"> <input type="submit" name="ctl00$phContent$btnImport" value="Import Accounts" class="btn btn-default"> <input type="submit" name="ctl00$phContent$btnExport" value="Export Accounts" class="btn btn-default"></div>${searchBox('txtOrgFilter', search, 'Filter organization name')}${grid('rgOrgs', ['Organization', 'Org ID', 'CRM account'], d.rows.map((o) => [txt(o.OrgName), txt(o.OrgRef), txt(o.AccountName)]), d.total, page, 25, 'ctl00$phListing$rgOrgs')}`;
    }
    return layout('RMM Integration Settings', './RMMIntegrationSettings.aspx', { tab: String(tab), page: String(page), search }, links, 'settings',
      `<div class="breadcrumb">Admin › Service Desk</div><h1 id="ctl00_phContent_lblTitle" class="page-title">RMM Integration Settings</h1>${tabStrip('tsSettings', SETTINGS_TABS, tab)}<div id="ctl00_phContent_mpSettings" class="RadMultiPage"><div id="ctl00_phContent_pv${camel(SETTINGS_TABS[tab])}" class="rmpView">${body}</div></div>`);
  };

  const ticket = (id: number) => layout(`Ticket ${id}`, `./TicketEdit.aspx?ID=${id}`, {}, links, 'tickets',
    `<h1 id="ctl00_phContent_lblTicketTitle" class="page-title">Ticket T${String(id).padStart(8, '0')}</h1><p>A ticket page: the extension shows nothing here.</p>`);

  return { accounts, account, assets, asset, settings, ticket };
}
