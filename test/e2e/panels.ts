/** e2e of the in-page panels on the replica BMS (#9's acceptance), shared by both browsers. */
import type { Page } from 'puppeteer-core';
import type { Sandbox } from '../sandbox/server';
import type { Launched } from './browsers';
import { gotoBms } from './flows';
import { teamLinks } from './links';
import { screenshot, sleep, waitFor, type Harness } from './harness';
import { axeCheck } from './ui';

const host = (id: string) => `[data-bms-vsa-sync="${id}"]`;
const inPanel = (id: string, sel: string) => `${host(id)} >>> ${sel}`;

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

/** waitForSelector watches the light DOM only: changes inside a shadow root need polling */
async function waitIn(page: Page, sel: string, timeoutMs = 15000) {
  await waitFor(async () => (await page.$(sel)) !== null, (v) => v, timeoutMs, sel);
  return (await page.$(sel))!;
}

const shadowText = (page: Page, id: string, sel: string) => page.$eval(inPanel(id, sel), (e) => (e.textContent ?? '').trim());
const route = (page: Page) => page.evaluate(() => document.documentElement.getAttribute('data-bms-vsa-sync-route'));

export async function panelFlow(h: Harness, b: Launched, sb: Sandbox): Promise<void> {
  const name = b.name;
  const c = panelCandidate(sb);
  const links = () => new Map([...teamLinks(sb).values()].map((m) => [m.ExternalId, m.PsaId]));
  const page = await b.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await gotoBms(page, `${sb.bmsUrl}/#/crm/accounts/${c.accountId}`);
  await waitFor(() => route(page), (r) => r === 'crm-account', 15000, 'the account route');
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  await sleep(300);
  h.ok((await page.$(host('account-rmm'))) === null, 'no RMM panel on the account\'s Details tab');

  // open the RMM Integration tab: the panel says "not linked" and suggests the org on top
  await page.click('#tab-rmm-integration');
  try {
    await waitIn(page, inPanel('account-rmm', '#bvs-not-linked'), 30000);
  } catch (e) {
    await screenshot(page, `${name}-panel-failed`);
    throw new Error(`${(e as Error).message}; the panel says: ${await page.$eval(host('account-rmm'), (el) => el.shadowRoot?.textContent?.slice(-300)).catch(() => 'no panel')}`, { cause: e });
  }
  const t0 = Date.now();
  const top = await waitIn(page, inPanel('account-rmm', '#bvs-org-list li[data-id]'), 15000);
  const topId = await top.evaluate((e) => e.getAttribute('data-id'));
  const topConf = await top.evaluate((e) => e.querySelector('.badge')?.textContent ?? '');
  h.ok(topId === c.orgId && /%/.test(topConf), 'an unlinked account\'s panel suggests its org first, with a confidence', { topId, expected: c.orgId, topConf, ms: Date.now() - t0 });
  const axeUnlinked = await axeCheck(page, host('account-rmm'));
  h.ok(axeUnlinked.length === 0, 'axe: the account panel has no serious or critical issue', axeUnlinked);
  await screenshot(page, `${name}-panel-account-unlinked-light`);
  await page.click(inPanel('account-rmm', `#bvs-org-list li[data-id="${c.orgId}"]`));
  await waitFor(async () => (await page.$(inPanel('account-rmm', '#confirm-yes'))) !== null || (await page.$(inPanel('account-rmm', '#bvs-linked-org'))) !== null, (v) => v, 20000, 'a warning or the link');
  if (await page.$(inPanel('account-rmm', '#confirm-yes'))) await page.click(inPanel('account-rmm', '#confirm-yes'));
  await waitIn(page, inPanel('account-rmm', '#bvs-linked-org'), 30000);
  h.ok(links().get(c.orgId) === c.accountId, 'linking from the panel makes the link in BMS', { org: c.orgId, got: links().get(c.orgId) });
  const agentCount = await shadowText(page, 'account-rmm', '#bvs-agent-count');
  h.ok(Number(agentCount) === c.agents.length, 'the linked org shows its agent count and machine groups', { agentCount, expected: c.agents.length });

  // Custom: two machine groups → two locations, the first with a department
  await page.click(inPanel('account-rmm', 'input[value="custom"]'));
  await waitIn(page, inPanel('account-rmm', '#rule-custom table.custom tbody tr'));
  const [g1, g2] = c.groups;
  const [l1, l2] = c.locs;
  const dep = c.deps[0];
  const sel = async (row: number, label: string, value: string) => {
    const el = await page.$(inPanel('account-rmm', `table.custom tbody tr:nth-child(${row}) select[aria-label="${label}"]`));
    await el!.select(value);
  };
  await sel(1, 'Machine group', g1);
  await sel(1, 'Location', String(l1.Id));
  await sel(1, 'Department', String(dep.Id));
  await page.click(inPanel('account-rmm', '#rule-add-group'));
  await waitIn(page, inPanel('account-rmm', 'table.custom tbody tr:nth-child(2)'));
  await sel(2, 'Machine group', g2);
  await sel(2, 'Location', String(l2.Id));
  await screenshot(page, `${name}-panel-account-rule-light`);
  await page.click(inPanel('account-rmm', '#rule-save'));
  await waitFor(() => page.$eval(inPanel('account-rmm', '.job[data-kind="assets"]'), (e) => e.getAttribute('data-state')).catch(() => null), (s) => s === 'done', 60000, 'the re-placement job');
  // an asset is the agent's by AgentId (the integration's bulk push), or, written per record (no mapping store), by name and machine group
  const agentOf = (a: { AgentId: string | null; Name: string; MachineGroupId: string | null }) => c.agents.find((g) => (a.AgentId ? String(g.AgentId) === a.AgentId : g.ComputerName === a.Name && String(g.MachineGroupId) === a.MachineGroupId));
  const assets = [...sb.state().bms.assets.values()].filter((a) => a.IsActive && agentOf(a));
  const wrong = assets.filter((a) => {
    const ag = agentOf(a)!;
    const mg = String(ag.MachineGroupId);
    if (mg === g1) return a.AccountLocationId !== l1.Id || a.DepartmentId !== dep.Id || a.AccountId !== c.accountId;
    if (mg === g2) return a.AccountLocationId !== l2.Id || a.AccountId !== c.accountId;
    return a.AccountId !== c.accountId;
  });
  h.ok(assets.length === c.agents.length && wrong.length === 0, 'saving the Custom rule re-places the org\'s assets: group 1 → location 1 + department, group 2 → location 2', { assets: assets.length, agents: c.agents.length, wrong: wrong.length });
  await screenshot(page, `${name}-panel-account-linked-light`);
  await page.click('#bms-theme-toggle');
  await sleep(200);
  const themed = await page.$eval(host('account-rmm'), (e) => e.getAttribute('data-theme'));
  await screenshot(page, `${name}-panel-account-linked-dark`);
  const axeDark = await axeCheck(page, host('account-rmm'));
  h.ok(themed === 'dark' && axeDark.length === 0, 'the panel follows the page\'s dark theme, with no serious axe issue', { themed, axeDark });
  await page.click('#bms-theme-toggle');

  // the asset list (client-side navigation) shows the new locations
  await page.evaluate((acc) => (location.hash = `#/servicedesk/assets/hardware?accountId=${acc}`), c.accountId);
  await waitFor(() => page.$$eval(`${host('asset-sync')}`, (l) => l.length), (n) => n > 0, 15000, 'Sync buttons in the asset list');
  const cells = await page.$$eval('tbody tr[data-asset-id]', (trs) => trs.map((tr) => tr.children[2]?.textContent ?? ''));
  h.ok(cells.includes(l1.LocationName) && cells.includes(l2.LocationName), 'the asset list shows the org\'s assets at the two chosen locations', { cells: [...new Set(cells)], want: [l1.LocationName, l2.LocationName] });
  const axeList = await axeCheck(page, 'tbody tr[data-asset-id]');
  h.ok(axeList.length === 0, 'axe: the Sync buttons in the list have no serious or critical issue', axeList);
  await screenshot(page, `${name}-panel-assets-light`);

  // Sync one asset after its agent changed in VSA
  const asset = assets[0];
  await fetch(`${sb.vsaUrl}/__sandbox/vsa/agents/${agentOf(asset)!.AgentId}`, { method: 'PATCH', body: JSON.stringify({ IPAddress: '10.77.66.55' }) });
  await page.evaluate((id) => (location.hash = `#/servicedesk/assets/hardware/${id}`), asset.Id);
  await waitIn(page, inPanel('asset-sync', 'button.sync'), 15000);
  const ipBefore = await page.$eval('dd[data-field="IP address"]', (e) => e.textContent);
  await page.click(inPanel('asset-sync', 'button.sync'));
  const msg = await waitFor(() => page.$eval(inPanel('asset-sync', '.sync-msg'), (e) => e.textContent ?? '').catch(() => ''), (t) => t.length > 0, 30000, 'the sync result');
  const ipAfter = await waitFor(() => page.$eval('dd[data-field="IP address"]', (e) => e.textContent), (t) => t === '10.77.66.55', 10000, 'the page to show the new IP');
  h.ok(/IP address/.test(msg) && ipAfter === '10.77.66.55' && ipBefore !== ipAfter, 'Sync on one asset pulls the agent\'s change now and the page shows it', { msg, ipBefore, ipAfter });
  await screenshot(page, `${name}-panel-asset-detail-light`);
  const manual = [...sb.state().bms.assets.values()].find((a) => !a.AgentId && !a.MachineGroupId);
  if (manual) {
    await page.evaluate((id) => (location.hash = `#/servicedesk/assets/hardware/${id}`), manual.Id);
    await waitFor(() => page.$eval(inPanel('asset-sync', 'button.sync'), (e) => (e as HTMLButtonElement).disabled).catch(() => null), (d) => d === true, 15000, 'a disabled Sync button');
    const why = await page.$eval(inPanel('asset-sync', 'button.sync'), (e) => e.getAttribute('title'));
    h.ok(/No VSA agent/.test(why ?? ''), 'an asset without a VSA agent has a disabled Sync button that says why', why);
  }

  // clear the mapping from the panel
  await page.evaluate((acc) => (location.hash = `#/crm/accounts/${acc}/rmm-integration`), c.accountId);
  await waitIn(page, inPanel('account-rmm', '#bvs-clear'), 15000);
  await page.click(inPanel('account-rmm', '#bvs-clear'));
  await waitIn(page, inPanel('account-rmm', '#confirm-yes'));
  await page.click(inPanel('account-rmm', '#confirm-yes'));
  await waitIn(page, inPanel('account-rmm', '#bvs-not-linked'), 15000);
  h.ok(!links().has(c.orgId), 'Clear Mapping to VSA Org (confirmed) removes the link', { linked: links().has(c.orgId) });

  // panels come and go with client-side navigation
  await page.click('#tab-details');
  await waitFor(async () => (await page.$(host('account-rmm'))) === null, (v) => v, 5000, 'the panel to leave');
  await page.click('a[data-menu="accounts-sync"]');
  await waitIn(page, inPanel('accounts-sync', 'li.org'), 20000);
  const noAccountPanel = (await page.$(host('account-rmm'))) === null && (await page.$(host('asset-sync'))) === null;
  const chips = await page.$$eval(host('status'), (l) => l.length);
  const kept = await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
  h.ok(noAccountPanel && chips === 1 && kept, 'navigating without reloads: each panel appears on its page and leaves with it; one status chip', { noAccountPanel, chips, kept });
  const axeSync = await axeCheck(page, host('accounts-sync'));
  h.ok(axeSync.length === 0, 'axe: the admin sync page panel has no serious or critical issue', axeSync);
  await screenshot(page, `${name}-panel-accounts-sync-light`);
  h.ok(errors.length === 0, 'the BMS page raised no error while the panels worked', errors);
  await page.close();
}
