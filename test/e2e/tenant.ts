/**
 * The tenant rules end to end in the popup (issue #16), on a small tenant seeded with VSA's built-in
 * orgs and a lab group (test/sandbox/tenant-cases.ts): importing everything never links or creates an
 * account for a built-in org and counts them as System; a reinstalled agent (removed, new id, same
 * serial and group) is offered as a relink, and accepting it leaves one active asset with the new
 * agent id and the old asset id; the dry run names the fields it changes and keeps a hand-edited
 * description (fill only when empty); the orphan list shows the removed agent's asset in its grace
 * period; a link's assets can be turned off.
 */
import type { Page } from 'puppeteer-core';
import type { Sandbox } from '../sandbox/server';
import { BUILT_IN_ORGS } from '../sandbox/tenant-cases';
import type { Launched } from './browsers';
import { Harness, sleep, waitFor } from './harness';
import { teamLinks } from './links';
import { text, waitJob } from './ui';

const assetsOf = (sb: Sandbox, agentId: string) => [...sb.state().bms.assets.values()].filter((a) => a.AgentId === agentId);

/** History › Sync all assets: the dry run in the popup */
async function planAssets(popup: Page): Promise<void> {
  await popup.click('#tab-history');
  await popup.waitForSelector('#sync-assets');
  await popup.click('#sync-assets');
  await waitJob(popup, 'planned', 60000);
}
async function runPlanned(popup: Page): Promise<void> {
  await popup.click('#job-run');
  await waitJob(popup, 'done', 120000);
  await popup.click('#job-close');
}

export async function tenantFlow(h: Harness, br: Launched, sb: Sandbox): Promise<void> {
  sb.reset(); // each browser starts from the seed
  const s = sb.state();
  const builtIn = [...s.vsa.orgs.values()].filter((o) => BUILT_IN_ORGS.some((b) => b.ref === o.OrgRef)).map((o) => o.OrgId);
  const accountsBefore = s.bms.accounts.size;
  const popup = await br.openExtensionPage('popup.html', '#title');
  await waitFor(() => popup.$$eval('li.org', (l) => l.length), (n) => n > 0, 30000, 'the org list');
  const system = await text(popup, '.summary button[data-status="system"] strong').catch(() => '');
  h.ok(system === '3', 'the built-in orgs (myOrg, Kserver, Unnamed) have their own System count', system);

  // import everything, creating what is missing: no account for a built-in org, linked or made
  await popup.click('#select-matching');
  await popup.click('#import-create');
  await waitJob(popup, 'planned', 30000);
  const preview = await text(popup, '.plan-summary');
  await runPlanned(popup);
  const links = teamLinks(sb);
  const madeFor = [...s.bms.accounts.values()].slice(accountsBefore).map((a) => a.AccountName);
  h.ok(builtIn.length === 3 && builtIn.every((o) => !links.has(o)) && !madeFor.some((n) => BUILT_IN_ORGS.some((b) => b.name === n)) && /3 of VSA's built-in orgs/.test(preview),
    'importing all suggested orgs never links or creates an account for a built-in org; the dry run counts them', { preview, linked: builtIn.filter((o) => links.has(o)) });

  // the first asset sync
  await planAssets(popup);
  await runPlanned(popup);

  // a reinstall: the agent removed, a new id with the same serial and group
  const linked = new Set(teamLinks(sb).keys());
  const candidates = [...s.vsa.agents.values()].filter((a) => linked.has(a.OrgId) && a.Attributes.SerialNumber && assetsOf(sb, a.AgentId).length === 1);
  const [old, edited] = candidates;
  const oldAsset = assetsOf(sb, old.AgentId)[0];
  const { newAgentId } = await (await fetch(`${sb.vsaUrl}/__sandbox/vsa/reinstall/${old.AgentId}`, { method: 'POST' })).json() as { newAgentId: string };
  // a hand edit in BMS and a change in VSA on another asset
  const editedAsset = assetsOf(sb, edited.AgentId)[0];
  await fetch(`${sb.vsaUrl}/__sandbox/bms/assets/${editedAsset.Id}`, { method: 'PATCH', body: JSON.stringify({ Description: 'Leased, return 2027' }) });
  await fetch(`${sb.vsaUrl}/__sandbox/vsa/agents/${edited.AgentId}`, { method: 'PATCH', body: JSON.stringify({ IPAddress: '192.0.2.77' }) });

  await planAssets(popup);
  const offer = `li.relink[data-new-agent="${newAgentId}"]`;
  await popup.waitForSelector(offer, { timeout: 10000 });
  const why = await text(popup, `${offer} .reason`);
  h.ok(/serial number/.test(why) && assetsOf(sb, newAgentId).length === 0, 'the dry run offers the reinstall as a relink, saying why, and makes no second asset', why);
  await popup.click('#field-changes summary');
  const change = await text(popup, `#field-changes li[data-agent="${edited.AgentId}"]`).catch(() => '');
  h.ok(change.includes(`ipAddress: “${editedAsset.IpAddress}” → “192.0.2.77”`), 'the dry run names the field it will change, before → after', change);
  await popup.click(`${offer} .relink-accept`);
  await popup.waitForSelector(`${offer} .relink-done`, { timeout: 30000 });
  const now = assetsOf(sb, newAgentId);
  h.ok(now.length === 1 && now[0].Id === oldAsset.Id && now[0].IsActive && assetsOf(sb, old.AgentId).length === 0,
    'after Accept: one active asset carrying the new agent id and the old asset id', now.map((a) => ({ Id: a.Id, AgentId: a.AgentId, IsActive: a.IsActive })));
  h.ok((await popup.$(`${offer} .relink-undo`)) !== null, 'the relink offers its undo');
  await runPlanned(popup);
  const after = s.bms.assets.get(editedAsset.Id)!;
  h.ok(after.IpAddress === '192.0.2.77' && after.Description === 'Leased, return 2027', 'the sync changed the VSA-owned field and kept the hand-edited description', { ip: after.IpAddress, description: after.Description });

  // an agent removed for good: its asset waits out the grace period in the orphan list
  const gone = candidates[2];
  await fetch(`${sb.vsaUrl}/__sandbox/vsa/agents/${gone.AgentId}`, { method: 'DELETE' });
  await planAssets(popup);
  await popup.click('#job-discard');
  await popup.click('#orphans-load');
  const row = await waitFor(() => text(popup, `#orphan-assets li[data-agent="${gone.AgentId}"]`).catch(() => ''), (t) => t.length > 0, 30000, 'the orphan list');
  h.ok(/deactivated in 7 days/.test(row) && assetsOf(sb, gone.AgentId)[0]?.IsActive === true, 'the orphan list shows the removed agent\'s asset in its grace period, still active', row);

  // a link's assets off
  await popup.click('#tab-import');
  await popup.waitForSelector('li.org.linked button.assets-toggle');
  const orgId = (await popup.$eval('li.org.linked', (e) => e.getAttribute('data-org')))!;
  await popup.click(`li.org[data-org="${orgId}"] button.assets-toggle`);
  const badge = await waitFor(() => popup.$(`li.org[data-org="${orgId}"] .badge.assets-off`), (e) => e !== null, 10000, 'the assets off badge');
  h.ok(badge !== null, 'a link can be set to assets off from the list');
  await popup.click(`li.org[data-org="${orgId}"] button.assets-toggle`);
  await sleep(300);
  await popup.close();
}
