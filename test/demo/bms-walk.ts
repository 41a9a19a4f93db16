/**
 * The demo's walk through the replica BMS: every page we attach to, in both generations (legacy
 * WebForms `/…aspx?ID=`, React `/react/…`), plus an account page in markup the extension has never
 * seen (its panel docks at the page edge). Each stop waits for the extension's frame or Sync buttons,
 * checks that nothing from the data became markup or ran, and writes a screenshot.
 */
import type { Page } from 'puppeteer-core';
import type { Sandbox } from '../sandbox/server';
import { bmsReady, bmsUrls, gotoPage, hostCount, openAccountTab, panelFrame, setPagesMode, waitFrame, type Mode } from '../e2e/bms';
import { waitFor } from '../e2e/harness';

const PANELS = ['account', 'asset', 'accounts-sync'] as const;

/** elements from the data inside the extension's frames, and whether a script from the data ran there */
async function framesInjected(page: Page): Promise<number> {
  let n = 0;
  for (const p of PANELS) {
    const f = await panelFrame(page, p);
    if (!f) continue;
    n += await f.evaluate(() => document.querySelectorAll('.bvs img, .bvs svg, .bvs iframe, .bvs script, .bvs object').length + ((window as unknown as { __pwned?: unknown }).__pwned ? 1 : 0)).catch(() => 0);
  }
  return n;
}

export async function walkBms(page: Page, sb: Sandbox, shot: (page: Page, name: string) => Promise<void>, problems: string[]): Promise<void> {
  const s = sb.state();
  const account = [...s.bms.accounts.values()].find((a) => a.IsActive)!.Id;
  const asset = [...s.bms.assets.values()].find((a) => a.IsActive && a.AgentId)?.Id ?? [...s.bms.assets.values()][0].Id;
  let n = 5;
  const stop = async (mode: Mode, what: string, go: () => Promise<void>) => {
    const name = `${String(n++).padStart(2, '0')}-bms-${mode}-${what}`;
    try {
      await go();
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
      await shot(page, `${name}-failed`).catch(() => undefined);
      return;
    }
    const injected = await framesInjected(page);
    if (injected) problems.push(`${name}: ${injected} element(s) or script(s) from the data appeared inside the extension's frames`);
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);
    if (pwned !== null) problems.push(`${name}: a script from the data ran on the BMS page (window.__pwned = ${JSON.stringify(pwned)})`);
    // the panel in view (an in-page frame may sit below the page's own content)
    await page.$eval('[data-bms-vsa-sync^="frame-"]', (e) => e.scrollIntoView({ block: 'center' })).catch(() => undefined);
    await shot(page, name);
  };
  for (const mode of ['legacy', 'react'] as const) {
    await setPagesMode(sb, mode);
    const url = bmsUrls(sb, mode);
    await stop(mode, 'accounts', () => gotoPage(page, url.accounts()));
    await stop(mode, 'account-rmm-panel', async () => {
      await gotoPage(page, url.account(account));
      await openAccountTab(page, 'RMM Integration');
      await waitFrame(page, 'account', '#bvs-not-linked, #bvs-linked-org', 30000);
    });
    await stop(mode, 'hardware-assets-sync-buttons', async () => {
      await gotoPage(page, url.assets());
      await waitFor(() => hostCount(page, 'asset-sync'), (c) => c > 0, 15000, 'the Sync buttons in the asset list');
    });
    await stop(mode, 'asset-detail-sync', async () => {
      await gotoPage(page, url.asset(asset));
      await waitFrame(page, 'asset', '#bvs-asset-sync', 20000);
    });
    await stop(mode, 'rmm-settings-accounts-sync-panel', async () => {
      await gotoPage(page, url.settings());
      await bmsReady(page);
      await waitFrame(page, 'accounts-sync', 'li.org', 30000);
    });
  }
  await setPagesMode(sb, 'unseen');
  await stop('unseen', 'account-docked-panel', async () => {
    await gotoPage(page, bmsUrls(sb, 'unseen').account(account));
    await waitFrame(page, 'account', '#bvs-dock-toggle', 20000);
  });
}
