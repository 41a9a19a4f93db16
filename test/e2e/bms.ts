/**
 * Helpers for e2e on the replica BMS of either generation: addresses per pages mode, the extension's
 * panel frames (found by their document's address; Firefox's frame list keeps about:blank for them),
 * and waiting inside a frame.
 */
import type { Frame, Page } from 'puppeteer-core';
import type { Sandbox } from '../sandbox/server';
import { sleep, waitFor } from './harness';

export type Mode = 'legacy' | 'react' | 'mixed' | 'unseen' | 'renamed';

export async function setPagesMode(sb: Sandbox, mode: Mode): Promise<void> {
  const r = await fetch(`${sb.bmsUrl}/__sandbox/pages`, { method: 'POST', body: JSON.stringify({ mode }) });
  if (!r.ok) throw new Error(`could not switch the replica to ${mode}: ${await r.text()}`);
}

const react = (m: Mode) => m !== 'legacy' && m !== 'renamed';
/** addresses of the replica's pages in one mode (mixed: as pages-links.ts says) */
export function bmsUrls(sb: Sandbox, mode: Mode) {
  const legacyAcc = mode === 'legacy' || mode === 'mixed';
  const legacyAssets = mode === 'legacy';
  const legacyAsset = mode === 'legacy' || mode === 'mixed';
  const b = sb.bmsUrl;
  if (mode === 'renamed') {
    return { account: (id: number, tab = 'locations') => `${b}/app/customers/${id}/${tab}`, assets: (acc?: number) => `${b}/app/devices${acc ? `?customer=${acc}` : ''}`, asset: (id: number) => `${b}/app/devices/${id}`, settings: () => `${b}/app/settings/rmm`, accounts: () => `${b}/app/customers` };
  }
  return {
    account: (id: number, tab?: string) => (legacyAcc ? `${b}/CRM/AccountEdit.aspx?ID=${id}` : `${b}/react/crm/accounts/${id}${tab ? `/${tab}` : ''}`),
    assets: (acc?: number) => (legacyAssets ? `${b}/MSP/HardwareAssetsListing.aspx${acc ? `?AccountID=${acc}` : ''}` : `${b}/react/servicedesk/assets/hardware${acc ? `?accountId=${acc}` : ''}`),
    asset: (id: number) => (legacyAsset ? `${b}/MSP/HardwareAssetEdit.aspx?ID=${id}` : `${b}/react/servicedesk/assets/hardware/${id}`),
    settings: () => (react(mode) ? `${b}/react/admin/servicedesk/rmm-integration-settings/accounts-synchronization` : `${b}/Administration/RMMIntegrationSettings.aspx`),
    accounts: () => (legacyAcc ? `${b}/CRM/AccountsListing.aspx` : `${b}/react/crm/accounts`),
  };
}

/** waits until the page (either generation) has drawn itself */
export async function bmsReady(page: Page): Promise<void> {
  await page.waitForFunction(() => !!document.querySelector('#aspnetForm') || (!!document.querySelector('#bms-view') && !document.querySelector('#bms-view[aria-busy]')), { timeout: 15000 });
}

export async function gotoPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await bmsReady(page);
}

/** opens a tab of the account page: a postback in legacy, a client-side route change in React */
export async function openAccountTab(page: Page, tab: string): Promise<void> {
  const legacy = await page.$('#aspnetForm');
  if (legacy) {
    const index = await page.$$eval('#ctl00_phContent_tsAccount .rtsTxt', (els, t) => els.findIndex((e) => e.textContent === t), tab);
    await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.click(`#ctl00_phContent_tsAccount_T${index}`)]);
  } else {
    const slug = tab.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    await page.click(`a[data-tab="${slug}"]`);
  }
  await bmsReady(page);
}

/** the extension's frame of a panel in the page, or null */
export async function panelFrame(page: Page, panel: string): Promise<Frame | null> {
  for (const f of page.frames()) {
    if (f === page.mainFrame()) continue;
    const href = await f.evaluate(() => location.href).catch(() => '');
    if (href.includes('/bms-frame.html') && new URL(href).searchParams.get('panel') === panel) return f;
  }
  return null;
}

export async function waitFrame(page: Page, panel: string, readySelector: string, timeoutMs = 20000): Promise<Frame> {
  return waitFor(async () => {
    const f = await panelFrame(page, panel);
    return f && (await f.$(readySelector)) ? f : null;
  }, (f) => f !== null, timeoutMs, `the ${panel} frame with ${readySelector}`) as Promise<Frame>;
}

export async function waitIn(f: Frame, sel: string, timeoutMs = 15000) {
  await waitFor(async () => (await f.$(sel)) !== null, (v) => v, timeoutMs, sel);
  return (await f.$(sel))!;
}

export const frameText = (f: Frame, sel: string) => f.$eval(sel, (e) => (e.textContent ?? '').trim());

/** the extension's hosts in the page, by their attribute */
export const hostCount = (page: Page, id: string) => page.$$eval(`[data-bms-vsa-sync="${id}"]`, (l) => l.length);

/** clicks an element by its place on screen: a trusted click, as a person's (closed shadow roots cannot be queried) */
export async function clickHost(page: Page, selector: string, index = 0, dx = 10): Promise<void> {
  const box = await page.$$eval(selector, (els, i) => {
    const r = els[i as number]?.getBoundingClientRect();
    return r ? { x: r.left, y: r.top + r.height / 2 } : null;
  }, index);
  if (!box) throw new Error(`nothing at ${selector}[${index}]`);
  await page.mouse.click(box.x + dx, box.y);
  await sleep(50);
}

/**
 * A trusted click on an element inside a panel frame: first scrolls the BMS page so the element is in
 * view (an inline frame is as tall as its content and does not scroll itself), then clicks it.
 */
export async function tap(page: Page, f: Frame, panel: string, sel: string): Promise<void> {
  const el = await waitIn(f, sel);
  const inFrame = await el.evaluate((e) => e.getBoundingClientRect().top);
  await page.$eval(`[data-bms-vsa-sync="frame-${panel}"]`, (host, y) => {
    if (getComputedStyle(host).position === 'fixed') return;
    const top = host.getBoundingClientRect().top + window.scrollY + (y as number);
    window.scrollTo(0, Math.max(0, top - window.innerHeight / 3));
  }, inFrame);
  await sleep(30);
  await el.click();
}
