/**
 * Launches Debian's Chromium and Firefox ESR with the extension loaded, through puppeteer-core.
 * Nothing is downloaded: the browsers come from the system. Point at other binaries with
 * BVS_CHROMIUM (e.g. your own Chrome) and BVS_FIREFOX.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export type BrowserName = 'chromium' | 'firefox';

export const GECKO_ID = 'bms-vsa-sync@bms-vsa-sync.dev';
/** pinned moz-extension:// UUID, so tests know the extension's page addresses */
export const FIREFOX_UUID = '6b1c8e0a-3f5d-4c1e-9a7b-2d4e6f8a0b1c';

export function browserPath(name: BrowserName): string {
  const candidates = name === 'chromium'
    ? [process.env.BVS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
    : [process.env.BVS_FIREFOX, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error(name === 'chromium'
      ? 'Chromium was not found. Install it (apt-get install chromium) or set BVS_CHROMIUM to a Chrome/Chromium binary.'
      : 'Firefox was not found. Install it (apt-get install firefox-esr) or set BVS_FIREFOX to a Firefox binary.');
  }
  return found;
}

export interface Launched {
  name: BrowserName;
  browser: Browser;
  /** base URL of the extension's pages, e.g. chrome-extension://ID/ */
  extBase: string;
  close(): Promise<void>;
  /** opens an extension page (works around Firefox never resolving goto on moz-extension://) */
  openExtensionPage(path: string, readySelector: string): Promise<Page>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--window-size=1280,900',
];

export async function launch(name: BrowserName, extDir: string, opts: { headless?: boolean } = {}): Promise<Launched> {
  const headless = opts.headless ?? true;
  const ext = resolve(extDir);
  if (!existsSync(join(ext, 'manifest.json'))) throw new Error(`No built extension at ${ext}: run the build first.`);
  if (name === 'chromium') {
    const userDataDir = mkdtempSync(join(tmpdir(), 'bvs-chromium-'));
    const browser = await puppeteer.launch({
      executablePath: browserPath('chromium'),
      headless,
      userDataDir,
      args: CHROMIUM_ARGS,
      enableExtensions: true,
      pipe: true,
      defaultViewport: headless ? { width: 1280, height: 860 } : null,
    });
    const id = await browser.installExtension(ext);
    await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${id}/`), { timeout: 15000 });
    const extBase = `chrome-extension://${id}/`;
    return {
      name,
      browser,
      extBase,
      async close() {
        await browser.close().catch(() => undefined);
        rmSync(userDataDir, { recursive: true, force: true });
      },
      async openExtensionPage(path, readySelector) {
        const page = await browser.newPage();
        await page.goto(extBase + path);
        await page.waitForSelector(readySelector, { timeout: 15000 });
        return page;
      },
    };
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: browserPath('firefox'),
    headless,
    args: ['--remote-allow-system-access', '--width=1280', '--height=900'],
    defaultViewport: headless ? { width: 1280, height: 860 } : null,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // grant the extension's own permission requests without a doorhanger (automation cannot click it)
      'extensions.webextOptionalPermissionPrompts': false,
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'network.captive-portal-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  const id = await browser.installExtension(ext);
  if (id !== GECKO_ID) throw new Error(`Firefox installed the extension as ${id}, expected ${GECKO_ID}`);
  const extBase = `moz-extension://${FIREFOX_UUID}/`;
  return {
    name,
    browser,
    extBase,
    close: () => browser.close().catch(() => undefined),
    async openExtensionPage(path, readySelector) {
      // over WebDriver BiDi, goto() to moz-extension:// never resolves its load wait: fire, then wait for content.
      // On a loaded machine a navigation is sometimes dropped, and the tab that dropped it can stay stuck: ask
      // once more in that tab, then once in a new one, before giving up (each retry is printed)
      const attempt = async (page: Page, timeout: number) => {
        page.goto(extBase + path, { timeout: 5000 }).catch(() => undefined);
        return (await page.waitForSelector(readySelector, { timeout }).catch(() => null)) !== null;
      };
      let page = await browser.newPage();
      if (await attempt(page, 15000)) return page;
      console.log(`# firefox: ${path} did not load; asking again`);
      if (await attempt(page, 10000)) return page;
      console.log(`# firefox: ${path} did not load twice; asking in a new tab`);
      await page.close().catch(() => undefined);
      page = await browser.newPage();
      page.goto(extBase + path, { timeout: 5000 }).catch(() => undefined);
      await page.waitForSelector(readySelector, { timeout: 15000 });
      return page;
    },
  };
}
