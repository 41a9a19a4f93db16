/**
 * The demo: builds the extension, starts the sandbox with a realistic data set, and launches
 * Chromium with the extension loaded and connected to the sandbox, on the replica BMS.
 * With a display it opens a window for a person; without one (or with --headless) it walks through
 * the popup (sync list, dry run, import) and every replica BMS page of both generations (legacy WebForms
 * and React; the extension's frames and Sync buttons on each) and an unseen-markup page (docked panel), writes screenshots to demo-output/ and exits (non-zero if a page raised an
 * error or a script from the data ran).
 *
 *   npm run demo -- [--headless] [--names-file F] [--pages legacy|react|mixed|unseen|renamed (the window's start)] [any sandbox flag: --orgs N --agents M --latency MS …]
 */
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'puppeteer-core';
import { startSandbox, type SandboxOptions } from '../sandbox/server';
import { PAGES_MODES } from '../sandbox/pages';
import { launch } from '../e2e/browsers';
import { fillConnections, openOptions, saveConnections, testConnection } from '../e2e/flows';
import { waitFor } from '../e2e/harness';
import { bmsUrls, gotoPage, type Mode } from '../e2e/bms';
import { walkBms } from './bms-walk';

const { values } = parseArgs({
  strict: true,
  options: {
    headless: { type: 'boolean', default: false },
    'names-file': { type: 'string' }, orgs: { type: 'string' }, agents: { type: 'string' }, seed: { type: 'string' },
    port: { type: 'string' }, latency: { type: 'string' }, 'error-rate': { type: 'string' }, 'rate-limit': { type: 'string' },
    'malformed-rate': { type: 'string' }, pages: { type: 'string' }, 'token-ttl': { type: 'string' }, 'burst-429': { type: 'string' },
  },
});
const headless = values.headless || !process.env.DISPLAY;
const OUT = join(process.cwd(), 'demo-output');
const pagesMode = (values.pages ?? 'legacy') as Mode;
if (!(PAGES_MODES as readonly string[]).includes(pagesMode)) throw new Error(`--pages must be one of ${PAGES_MODES.join(', ')}, not ${pagesMode}`);
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

async function main() {
  console.log('demo: building the extension…');
  execSync('npx wxt build --mode sandbox', { stdio: ['ignore', 'ignore', 'inherit'] });
  const faults: SandboxOptions['faults'] = {};
  if (values.latency) faults.latencyMs = Number(values.latency);
  if (values['error-rate']) faults.errorRate = Number(values['error-rate']);
  if (values['rate-limit']) faults.rateLimitRps = Number(values['rate-limit']);
  if (values['malformed-rate']) faults.malformedRate = Number(values['malformed-rate']);
  if (values['token-ttl']) faults.tokenTtlSec = Number(values['token-ttl']);
  if (values['burst-429']) faults.burst429Rate = Number(values['burst-429']);
  const sb = await startSandbox({
    port: num(values.port) ?? (headless ? 0 : 4710),
    orgs: num(values.orgs) ?? 800,
    agents: num(values.agents) ?? 8000,
    seed: num(values.seed) ?? 1,
    namesFile: values['names-file'],
    pages: pagesMode,
    faults,
  });
  console.log(`sandbox ready vsa=${sb.vsaUrl} bms-api=${sb.bmsApiUrl} bms=${sb.bmsUrl}`);
  const b = await launch('chromium', '.output/chrome-mv3-sandbox', { headless });
  const problems: string[] = [];
  const watch = (page: Page, label: string) => {
    page.on('pageerror', (e) => problems.push(`${label}: page error: ${String(e)}`));
  };
  try {
    console.log('demo: connecting the extension to the sandbox (options page)…');
    const opts = await openOptions(b);
    watch(opts, 'options');
    await fillConnections(opts, sb);
    const saved = await saveConnections(opts);
    if (!/Saved/.test(saved)) throw new Error(`saving the connections failed: ${saved}`);
    const vsa = await testConnection(opts, 'vsa');
    const bms = await testConnection(opts, 'bms');
    console.log(`demo: VSA: ${vsa.message}\ndemo: BMS: ${bms.message}`);

    if (!headless) {
      // the popup as a tab too (the toolbar button opens the same page)
      const popupTab = await b.browser.newPage();
      await popupTab.goto(`${b.extBase}popup.html`).catch(() => undefined);
      const page = await b.browser.newPage();
      const start = bmsUrls(sb, pagesMode).accounts();
      await gotoPage(page, start);
      await page.bringToFront();
      console.log(`\ndemo: Chromium is open on the replica BMS (${pagesMode} pages) at ${start} with the extension connected.`);
      console.log('demo: the extension\'s settings and its popup (as a tab) are in the other tabs; the toolbar button opens the popup too.');
      console.log('demo: open an account\'s RMM Integration tab, Service Desk › Hardware Assets, or Admin › Accounts Synchronization to see the panels. Close the browser or press Ctrl-C to stop.');
      await new Promise<void>((resolve) => {
        b.browser.on('disconnected', () => resolve());
        process.on('SIGINT', () => resolve());
      });
      return;
    }

    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const shot = async (page: Page, name: string) => {
      await page.screenshot({ path: join(OUT, `${name}.png`) as `${string}.png` });
      console.log(`demo: wrote demo-output/${name}.png`);
    };
    await shot(opts, '01-options-connected');
    await opts.close();

    const popup = await b.openExtensionPage('popup.html', '#title');
    watch(popup, 'popup');
    await popup.setViewport({ width: 780, height: 600 });
    await waitFor(() => popup.$$eval('li.org', (els) => els.length), (n) => n > 0, 60000, 'the org list in the popup').catch(async (e: Error) => {
      const said = await popup.$eval('[role=alert]', (el) => el.textContent).catch(() => null);
      throw new Error(said ? `the popup says: ${said}` : e.message, { cause: e });
    });
    await shot(popup, '02-popup-sync-list');
    await popup.click('.summary button[data-status="suggested"]');
    await popup.click('#select-matching');
    await popup.click('#import-selected');
    await waitFor(() => popup.$eval('.job', (e) => e.getAttribute('data-state')).catch(() => null), (st) => st === 'planned', 30000, 'the dry run');
    await shot(popup, '03-popup-dry-run');
    await popup.click('#job-run');
    await waitFor(() => popup.$eval('.job', (e) => e.getAttribute('data-state')).catch(() => null), (st) => st === 'done' || st === 'failed', 180000, 'the import job');
    await shot(popup, '04-popup-import-done');
    const pwnedPopup = await popup.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);
    if (pwnedPopup !== null) problems.push(`popup: a script from the data ran (window.__pwned = ${JSON.stringify(pwnedPopup)})`);
    await popup.close();

    const page = await b.browser.newPage();
    watch(page, 'BMS');
    await page.setViewport({ width: 1280, height: 900 });
    await walkBms(page, sb, shot, problems);
  } finally {
    await b.close();
    await sb.close();
  }
  if (problems.length) {
    console.error(`demo: FAILED\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('demo: done; screenshots are in demo-output/');
}

main().catch((e) => {
  console.error(`demo: ${(e as Error).message}`);
  process.exit(1);
});
