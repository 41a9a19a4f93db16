/** Steps a person takes, shared by the e2e tests and the demo. */
import type { Page } from 'puppeteer-core';
import type { Launched } from './browsers';
import { waitFor } from './harness';

export interface SandboxUrls {
  vsaUrl: string;
  bmsApiUrl: string;
  bmsUrl: string;
}

export interface ConnectionInput {
  vsaUser?: string;
  vsaSecret?: string;
  vsaMethod?: 'token' | 'password';
  bmsTenant?: string;
  bmsUser?: string;
  bmsPassword?: string;
}

async function fill(page: Page, selector: string, value: string): Promise<void> {
  await page.$eval(selector, (el) => {
    (el as HTMLInputElement).value = '';
  });
  if (value) await page.type(selector, value);
  else await page.$eval(selector, (el) => el.dispatchEvent(new Event('input', { bubbles: true })));
}

/** Opens the options page and types the sandbox's connections in, as an admin would. */
export async function openOptions(b: Launched): Promise<Page> {
  const page = await b.openExtensionPage('options.html', '#save');
  // the form loads the saved values asynchronously; let it settle before typing
  await new Promise((r) => setTimeout(r, 300));
  return page;
}

export async function fillConnections(page: Page, sb: SandboxUrls, c: ConnectionInput = {}): Promise<void> {
  await fill(page, '#vsa-url', sb.vsaUrl);
  await fill(page, '#vsa-user', c.vsaUser ?? 'admin');
  await page.select('#vsa-method', c.vsaMethod ?? 'token');
  await fill(page, '#vsa-secret', c.vsaSecret ?? 'sandbox-token');
  await fill(page, '#bms-url', sb.bmsApiUrl);
  await fill(page, '#bms-web-url', sb.bmsUrl);
  await fill(page, '#bms-tenant', c.bmsTenant ?? 'sandbox');
  await fill(page, '#bms-user', c.bmsUser ?? 'admin');
  await fill(page, '#bms-password', c.bmsPassword ?? 'sandbox');
}

export async function saveConnections(page: Page): Promise<string> {
  await page.click('#save');
  return waitFor(() => page.$eval('#save-note', (el) => el.textContent ?? ''), (t) => t.length > 0, 15000, 'the save note');
}

export async function testConnection(page: Page, system: 'vsa' | 'bms'): Promise<{ state: string; message: string }> {
  const read = () => page.evaluate((s) => {
    const li = document.querySelector(`#test-results li[data-system="${s}"]`);
    return li ? { state: li.getAttribute('data-state') ?? '', message: li.querySelector('[data-role="message"]')?.textContent ?? '', at: li.getAttribute('data-checked-at') } : null;
  }, system);
  const before = (await read())?.at ?? null;
  await page.click(`#test-${system}`);
  return waitFor(
    read,
    (v) => v !== null && v.at !== before,
    20000,
    `the ${system} test result`,
  ) as Promise<{ state: string; message: string }>;
}

/** The state of the extension's chip in the BMS top bar, read through its (open) shadow root. */
export async function chipState(page: Page): Promise<{ count: number; state: string | null; text: string }> {
  return page.evaluate(() => {
    const hosts = document.querySelectorAll('[data-bms-vsa-sync="status"]');
    const chip = hosts[0]?.shadowRoot?.querySelector('.chip');
    return { count: hosts.length, state: chip?.getAttribute('data-state') ?? null, text: chip?.textContent ?? '' };
  });
}

export async function gotoBms(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#bms-view:not([aria-busy])', { timeout: 10000 });
}
