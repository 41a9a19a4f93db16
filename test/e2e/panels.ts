/**
 * e2e of the in-page panels on the replica BMS (#9's acceptance, #14's generations), shared by both
 * browsers: the same flow on the legacy generation, on the React generation and on the unseen-markup
 * variant (through the docked panel). Panels live in extension frames; the per-row Sync buttons in
 * closed shadow roots, pressed by a trusted click on their place.
 */
import type { Frame, Page } from 'puppeteer-core';
import type { Sandbox } from '../sandbox/server';
import type { Launched } from './browsers';
import { bmsReady, bmsUrls, clickHost, frameText, gotoPage, hostCount, openAccountTab, panelFrame, setPagesMode, tap, waitFrame, waitIn, type Mode } from './bms';
import { screenshot, sleep, waitFor, type Harness } from './harness';
import { teamLinks } from './links';
import { axeCheck } from './ui';

/** an unlinked account whose own org is unlinked, has agents in two machine groups, two locations and a department */
export function panelCandidate(sb: Sandbox) {
  const s = sb.state();
  const maps = [...teamLinks(sb).values()];
  const linkedOrgs = new Set(maps.map((m) => m.ExternalId));
  const linkedAcc = new Set(maps.map((m) => m.PsaId));
  for (const [orgId, accId] of s.truth) {
    if (accId === null || linkedOrgs.has(String(orgId)) || linkedAcc.has(accId)) continue;
    const locs = [...s.bms.locations.values()].filter((l) => l.AccountId === accId && l.IsActive);
    const deps = [...s.bms.departments.values()].filter((d) => d.AccountId === accId && d.IsActive);
    const agents = [...s.vsa.agents.values()].filter((a) => a.OrgId === orgId);
    const groups = [...new Set(agents.map((a) => String(a.MachineGroupId)))];
    if (locs.length >= 2 && deps.length >= 1 && groups.length >= 2) return { orgId: String(orgId), accountId: accId, locs, deps, groups, agents };
  }
  throw new Error('the sandbox has no account fit for the panel test');
}

const route = (page: Page) => page.evaluate(() => document.documentElement.getAttribute('data-bms-vsa-sync-route'));
const docked = (page: Page, panel: string) => page.$eval(`[data-bms-vsa-sync="frame-${panel}"]`, (e) => getComputedStyle(e).position === 'fixed').catch(() => null);

export async function panelFlow(h: Harness, b: Launched, sb: Sandbox, mode: Exclude<Mode, 'renamed' | 'mixed'>): Promise<void> {
  const page = await b.browser.newPage();
  try {
    await accountFlow(h, b, sb, mode, page);
  } catch (e) {
    await screenshot(page, `${b.name}-${mode}-panels-failed`).catch(() => undefined);
    throw e;
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function accountFlow(h: Harness, b: Launched, sb: Sandbox, mode: Exclude<Mode, 'renamed' | 'mixed'>, page: Page): Promise<void> {
  const tag = `${b.name}-${mode}`;
  // each generation's run sets addresses of its own (the same account may come up in every run)
  const ip = (n: number) => `10.77.${['legacy', 'react', 'unseen'].indexOf(mode) + 1}.${n}`;
  const say = (what: string) => `${mode}: ${what}`;
  await setPagesMode(sb, mode);
  const url = bmsUrls(sb, mode);
  const c = panelCandidate(sb);
  const links = () => new Map([...teamLinks(sb).values()].map((m) => [m.ExternalId, m.PsaId]));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await gotoPage(page, url.account(c.accountId));
  await waitFor(() => route(page), (r) => r === 'account', 15000, 'the account route');
  await sleep(mode === 'unseen' ? 1800 : 400);
  if (mode === 'unseen') {
    // no anchor on this markup: the panel docks at the page edge on every tab, collapsible, reachable by keyboard
    const f = await waitFrame(page, 'account', '#bvs-dock-toggle');
    h.ok(await docked(page, 'account'), say('the account panel docks at the page edge when the page has none of its anchors'));
    const width = () => page.$eval('[data-bms-vsa-sync="frame-account"]', (e) => e.getBoundingClientRect().width);
    const open = await width();
    await tap(page, f, 'account', '#bvs-dock-toggle');
    const folded = await waitFor(width, (w) => w < 80, 5000, 'the folded panel');
    await tap(page, f, 'account', '#bvs-dock-toggle');
    const again = await waitFor(width, (w) => w > 300, 5000, 'the unfolded panel');
    const tabbable = await f.$eval('#bvs-dock-toggle', (e) => (e as HTMLButtonElement).tabIndex >= 0);
    h.ok(open > 300 && folded < 80 && again > 300 && tabbable, say('the docked panel folds away and back, and its toggle is keyboard-reachable'), { open, folded, again, tabbable });
  } else {
    h.ok((await panelFrame(page, 'account')) === null, say('no RMM panel on another tab of the account'));
  }

  await openAccountTab(page, 'RMM Integration');
  let f: Frame;
  try {
    f = await waitFrame(page, 'account', '#bvs-not-linked', 30000);
  } catch (e) {
    await screenshot(page, `${tag}-panel-failed`);
    throw e;
  }
  if (mode !== 'unseen') h.ok((await docked(page, 'account')) === false, say('the account panel sits in the RMM Integration tab (not docked)'));
  const top = await waitIn(f, '#bvs-org-list li[data-id]', 15000);
  const topId = await top.evaluate((e) => e.getAttribute('data-id'));
  const topConf = await top.evaluate((e) => e.querySelector('.badge')?.textContent ?? '');
  h.ok(topId === c.orgId && /%/.test(topConf), say('an unlinked account\'s panel suggests its org first, with a confidence'), { topId, expected: c.orgId, topConf });
  const axeUnlinked = await axeCheck(f);
  h.ok(axeUnlinked.length === 0, say('axe: the account panel frame has no serious or critical issue'), axeUnlinked);
  await screenshot(page, `${tag}-panel-account-unlinked-light`);
  await tap(page, f, 'account', `#bvs-org-list li[data-id="${c.orgId}"]`);
  await waitFor(async () => (await f.$('#confirm-yes')) !== null || (await f.$('#bvs-linked-org')) !== null, (v) => v, 20000, 'a warning or the link');
  if (await f.$('#confirm-yes')) await tap(page, f, 'account', '#confirm-yes');
  await waitIn(f, '#bvs-linked-org', 30000);
  h.ok(links().get(c.orgId) === c.accountId, say('linking from the panel makes the link in BMS'), { org: c.orgId, got: links().get(c.orgId) });
  const agentCount = await frameText(f, '#bvs-agent-count');
  h.ok(Number(agentCount) === c.agents.length, say('the linked org shows its agent count'), { agentCount, expected: c.agents.length });

  // Custom: two machine groups → two locations, the first with a department
  await tap(page, f, 'account', 'input[value="custom"]');
  await waitIn(f, '#rule-custom table.custom tbody tr');
  const [g1, g2] = c.groups;
  const [l1, l2] = c.locs;
  const dep = c.deps[0];
  const sel = async (row: number, label: string, value: string) => (await f.$(`table.custom tbody tr:nth-child(${row}) select[aria-label="${label}"]`))!.select(value);
  await sel(1, 'Machine group', g1);
  await sel(1, 'Location', String(l1.Id));
  await sel(1, 'Department', String(dep.Id));
  await tap(page, f, 'account', '#rule-add-group');
  await waitIn(f, 'table.custom tbody tr:nth-child(2)');
  await sel(2, 'Machine group', g2);
  await sel(2, 'Location', String(l2.Id));
  await tap(page, f, 'account', '#rule-save');
  await waitFor(() => f.$eval('.job[data-kind="assets"]', (e) => e.getAttribute('data-state')).catch(() => null), (s) => s === 'done', 60000, 'the re-placement job');
  // an asset is the agent's by AgentId (the integration's bulk push), or, written per record (no mapping store), by name and machine group
  const agentOf = (a: { AgentId: string | null; Name: string; MachineGroupId: string | null }) => c.agents.find((g) => (a.AgentId ? String(g.AgentId) === a.AgentId : g.ComputerName === a.Name && String(g.MachineGroupId) === a.MachineGroupId));
  const assets = [...sb.state().bms.assets.values()].filter((a) => a.IsActive && agentOf(a));
  const wrong = assets.filter((a) => {
    const mg = String(agentOf(a)!.MachineGroupId);
    if (mg === g1) return a.AccountLocationId !== l1.Id || a.DepartmentId !== dep.Id || a.AccountId !== c.accountId;
    if (mg === g2) return a.AccountLocationId !== l2.Id || a.AccountId !== c.accountId;
    return a.AccountId !== c.accountId;
  });
  h.ok(assets.length === c.agents.length && wrong.length === 0, say('saving the Custom rule re-places the org\'s assets: group 1 → location 1 + department, group 2 → location 2'), { assets: assets.length, agents: c.agents.length, wrong: wrong.length });
  const offer = await waitIn(f, '#bvs-reload', 5000).then(() => true, () => false);
  h.ok(offer, say('after the change the panel offers "Reload to see it" instead of redrawing BMS'));
  await screenshot(page, `${tag}-panel-account-linked-light`);
  await page.click('#bms-theme-toggle');
  const themed = await waitFor(() => f.evaluate(() => document.documentElement.getAttribute('data-theme')), (t) => t === 'dark', 5000, 'the dark panel').catch(() => 'light');
  await screenshot(page, `${tag}-panel-account-linked-dark`);
  const axeDark = await axeCheck(f);
  h.ok(themed === 'dark' && axeDark.length === 0, say('the panel follows the page\'s dark theme (its computed background), with no serious axe issue'), { themed, axeDark });
  await page.click('#bms-theme-toggle');

  // the asset list, from the account's own link, shows the new locations; a Sync button beside every asset
  if (mode === 'unseen') await tap(page, f, 'account', '#bvs-dock-toggle'); // the docked panel folds away from the page's own links
  if (mode === 'legacy') await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.click('#ctl00_phContent_lnkAssets')]);
  else await page.click('a[href*="accountId="]');
  await waitFor(() => route(page), (r) => r === 'asset-list', 15000, 'the asset list');
  await bmsReady(page);
  const rowCount = await waitFor(() => hostCount(page, 'asset-sync'), (n) => n > 0, 15000, 'Sync buttons in the asset list');
  const rowsText = await page.$$eval('tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
  const shownAssets = rowsText.filter((t) => assets.some((a) => t.includes(a.Name))).length;
  h.ok(rowsText.some((t) => t.includes(l1.LocationName)) && rowsText.some((t) => t.includes(l2.LocationName)) && rowCount === Math.min(25, shownAssets), say('the asset list shows the org\'s assets at the two chosen locations, one Sync button per asset'), { rowCount, shownAssets, want: [l1.LocationName, l2.LocationName] });
  await screenshot(page, `${tag}-panel-assets-light`);

  // a row's Sync button (a trusted click on its place) pulls an agent change
  const rowAsset = assets[1] ?? assets[0];
  await fetch(`${sb.vsaUrl}/__sandbox/vsa/agents/${agentOf(rowAsset)!.AgentId}`, { method: 'PATCH', body: JSON.stringify({ IPAddress: ip(44) }) });
  const rowIndex = await page.$$eval('[data-bms-vsa-sync="asset-sync"]', (hosts, name) => hosts.findIndex((x) => x.nextElementSibling?.textContent === name), rowAsset.Name);
  await clickHost(page, '[data-bms-vsa-sync="asset-sync"]', rowIndex);
  await sleep(1500);
  await screenshot(page, `${tag}-panel-assets-row-sync`);
  const rowIp = await waitFor(async () => sb.state().bms.assets.get(rowAsset.Id)?.IpAddress, (v) => v === ip(44), 30000, 'the row sync').catch(() => null);
  const rowSays = await page.$$eval('pierce/span[role]', (els) => els.map((e) => e.textContent).filter(Boolean)).catch(() => []);
  h.ok(rowIp === ip(44), say('the Sync button of a row syncs that asset now'), { rowIndex, rowIp, rowSays });

  // the asset page: its Sync button (a frame below the toolbar, or docked) after the agent changed in VSA
  const asset = assets[0];
  await fetch(`${sb.vsaUrl}/__sandbox/vsa/agents/${agentOf(asset)!.AgentId}`, { method: 'PATCH', body: JSON.stringify({ IPAddress: ip(55) }) });
  await gotoPage(page, url.asset(asset.Id));
  const af = await waitFrame(page, 'asset', '#bvs-asset-sync', 20000);
  const ipOf = () => page.$eval('[data-field="IP address"]', (e) => e.textContent);
  const ipBefore = await ipOf();
  await tap(page, af, 'asset', '#bvs-asset-sync');
  const msg = await waitFor(() => af.$eval('.sync-msg', (e) => e.textContent ?? '').catch(() => ''), (t) => t.length > 0, 30000, 'the sync result');
  const unchangedBeforeReload = (await ipOf()) === ipBefore;
  await tap(page, af, 'asset', '#bvs-reload');
  const ipAfter = await waitFor(async () => ipOf().catch(() => null), (t) => t === ip(55), 15000, 'the page to show the new IP').catch(() => null);
  h.ok(/IP address/.test(msg) && unchangedBeforeReload && ipAfter === ip(55), say('Sync on the asset page pulls the agent\'s change; "Reload to see it" shows it'), { msg, ipBefore, ipAfter, docked: await docked(page, 'asset') });
  await screenshot(page, `${tag}-panel-asset-detail-light`);
  const manual = [...sb.state().bms.assets.values()].find((a) => !a.AgentId && !a.MachineGroupId);
  if (manual) {
    await gotoPage(page, url.asset(manual.Id));
    const mf = await waitFrame(page, 'asset', '#bvs-asset-sync', 20000);
    await tap(page, mf, 'asset', '#bvs-asset-sync');
    // the button is off while it asks too: wait for the answer, then it must stay off and say why
    const t0 = Date.now();
    const after = await waitFor(() => mf.$eval('.asset-sync', (e) => {
      const b = e.querySelector('#bvs-asset-sync') as HTMLButtonElement;
      return { state: e.getAttribute('data-state'), disabled: b.disabled, title: b.title, msg: e.querySelector('.sync-msg')?.textContent ?? '' };
    }), (v) => v.state !== 'busy' && v.state !== 'idle', 90000, 'the answer to Sync').catch(() => null);
    h.ok(!!after && after.disabled && /No VSA agent/.test(after.title) && /No VSA agent/.test(after.msg), say('an asset without a VSA agent: Sync says why and stays off'), { ...after, ms: Date.now() - t0 });
  }

  // clear the mapping from the panel
  await gotoPage(page, url.account(c.accountId));
  await openAccountTab(page, 'RMM Integration');
  const cf = await waitFrame(page, 'account', '#bvs-clear', 20000);
  await tap(page, cf, 'account', '#bvs-clear');
  await tap(page, cf, 'account', '#confirm-yes');
  await waitIn(cf, '#bvs-not-linked', 15000);
  h.ok(!links().has(c.orgId), say('Clear Mapping to VSA Org (confirmed) removes the link'), { linked: links().has(c.orgId) });

  // panels come and go with navigation (client-side in React: no reload)
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  await openAccountTab(page, 'Locations');
  if (mode === 'unseen') h.ok(await waitFor(async () => (await panelFrame(page, 'account')) !== null, (v) => v, 8000, 'the docked panel').catch(() => false), say('the docked panel stays on every tab of the unseen account page'));
  else await waitFor(async () => (await panelFrame(page, 'account')) === null, (v) => v, 5000, 'the panel to leave');
  if (mode === 'legacy') await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.click('a.rmLink[data-menu="settings"]')]);
  else await page.click('a[data-menu="rmm-integration-settings"]');
  await bmsReady(page);
  const sf = await waitFrame(page, 'accounts-sync', 'li.org', 30000);
  // its height follows its content, also below the fold, where Chromium gives a frame no resize notes
  const fit = async () => {
    const host = await page.$eval('[data-bms-vsa-sync="frame-accounts-sync"]', (e) => ({ h: e.getBoundingClientRect().height, top: e.getBoundingClientRect().top, view: innerHeight, docked: getComputedStyle(e).position === 'fixed' }));
    const content = await sf.evaluate(() => document.querySelector('.bvs.frame')?.scrollHeight ?? 0);
    // docked at the page edge (W3) it is at least 240 px and at most 85 % of the window
    const want = host.docked ? Math.min(Math.max(content, 240), Math.round(host.view * 0.85)) : content;
    return { ...host, content, want, fits: content > 0 && Math.abs(host.h - want) <= 4 };
  };
  const sized = await waitFor(fit, (v) => v.fits, 5000, 'the panel to take its height').catch(async () => fit());
  h.ok(sized.fits, say(`the RMM Integration Settings panel is as tall as its content (${Math.round(sized.h)} px${sized.top > sized.view ? ', below the fold' : ''})`), sized);
  const noOthers = (await panelFrame(page, 'account')) === null && (await hostCount(page, 'asset-sync')) === 0;
  if (!noOthers) console.log('# left over:', await page.$$eval('[data-bms-vsa-sync]', (l) => l.map((e) => e.getAttribute('data-bms-vsa-sync'))), page.url());
  const kept = await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
  h.ok(noOthers && (kept || mode === 'legacy'), say('navigating: each panel appears on its page and leaves with it' + (mode === 'legacy' ? '' : ', without reloads')), { noOthers, kept });
  const axeSync = await axeCheck(sf);
  h.ok(axeSync.length === 0, say('axe: the RMM Integration Settings panel has no serious or critical issue'), axeSync);
  await screenshot(page, `${tag}-panel-accounts-sync-light`);
  h.ok(errors.length === 0, say('the BMS page raised no error while the panels worked'), errors);
}
