/**
 * End-to-end tests in real Chromium and real Firefox with the extension loaded, against the sandbox:
 * configure the connections, see the extension on the replica BMS pages, follow SPA navigation,
 * survive a stopped service worker, and render hostile names as text.
 *
 *   npm run e2e [-- --browser chromium|firefox]
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { launch, type BrowserName, type Launched } from './browsers';
import { chipState, fillConnections, gotoBms, openOptions, saveConnections, testConnection } from './flows';
import { Harness, screenshot, sleep, waitFor } from './harness';

const { values } = parseArgs({ options: { browser: { type: 'string', default: 'all' } } });
const which: BrowserName[] = values.browser === 'all' ? ['chromium', 'firefox'] : [values.browser as BrowserName];

export const HOSTILE = {
  orgs: ['<img src=x onerror="window.__pwned=\'org\'">', '"><script>window.__pwned="org2"</script>', '', 'ש״ח — מערכות בע״מ', '🦄 Unicorn & Co.', 'W'.repeat(240)],
  accounts: ['<img src=x onerror="window.__pwned=\'account\'">', '<script>window.__pwned="account2"</script>', '&amp; &lt;b&gt;bold&lt;/b&gt;', '‮evil.exe', ''],
  machineGroups: ['<svg onload="window.__pwned=\'group\'">'],
  agents: ['<iframe srcdoc="<script>parent.__pwned=1</script>">'],
};

async function runBrowser(name: BrowserName, sb: Sandbox, hostile: Sandbox): Promise<Harness> {
  const h = new Harness(name);
  const extDir = `.output/${name === 'chromium' ? 'chrome' : 'firefox'}-mv3-sandbox`;
  let b: Launched | null = null;
  try {
    b = await launch(name, extDir);
    h.ok(true, 'extension installed and its background started');
    const br = b;

    await h.step('options page: connections', async () => {
      const opts = await openOptions(br);
      await fillConnections(opts, sb, { bmsPassword: 'wrong-password' });
      const saved = await saveConnections(opts);
      h.ok(/Saved/.test(saved), 'saving requests host access and stores the connections', saved);
      const bad = await testConnection(opts, 'bms');
      h.ok(bad.state === 'error' && /password/.test(bad.message), 'a wrong BMS password is reported in plain words', bad);
      await fillConnections(opts, sb);
      await saveConnections(opts);
      const vsa = await testConnection(opts, 'vsa');
      h.ok(vsa.state === 'ok' && /Connected to Kaseya VSA/.test(vsa.message), 'Test connection: VSA connected', vsa);
      const bms = await testConnection(opts, 'bms');
      h.ok(bms.state === 'ok' && /Connected to Kaseya BMS/.test(bms.message), 'Test connection: BMS connected', bms);
      const secretShown = await opts.evaluate(() => [...document.querySelectorAll('input[type="password"]')].some((i) => (i as HTMLInputElement).value !== ''));
      h.ok(!secretShown, 'saved secrets are not shown back in the form');
      await screenshot(opts, `${name}-options`);
      await opts.close();
    });

    await h.step('popup', async () => {
      const popup = await br.openExtensionPage('popup.html', '#title');
      const states = await waitFor(
        () => popup.$$eval('li[data-system]', (els) => els.map((e) => e.getAttribute('data-state'))),
        (s) => s.length === 2,
        15000,
        'popup connection states',
      );
      h.ok(states.every((s) => s === 'ok'), 'popup shows both connections connected', states);
      await screenshot(popup, `${name}-popup`);
      await popup.close();
    });

    await h.step('BMS pages', async () => {
      const page = await br.browser.newPage();
      await gotoBms(page, `${sb.bmsUrl}/#/crm/accounts`);
      const chip = await waitFor(() => chipState(page), (c) => c.state === 'ok', 15000, 'the status chip in the BMS top bar');
      h.ok(chip.count === 1 && /connected/.test(chip.text), 'the content script (registered at run time) shows the connection state on the BMS page', chip);
      await screenshot(page, `${name}-bms-accounts`);

      // SPA navigation: no reload, the extension follows the route
      await page.evaluate(() => {
        (window as unknown as { __noReload: boolean }).__noReload = true;
      });
      await page.click('tbody tr a');
      await waitFor(() => page.evaluate(() => document.body.getAttribute('data-bms-page')), (p) => p === 'crm-account', 10000, 'the account page');
      const route = await waitFor(() => page.evaluate(() => document.documentElement.getAttribute('data-bms-vsa-sync-route')), (r) => r === 'crm-account', 5000, 'the route seen by the extension');
      const kept = await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
      h.ok(route === 'crm-account' && kept, 'client-side navigation is followed without a reload', { route, kept });
      await page.click('#tab-rmm-integration');
      await waitFor(() => page.evaluate(() => document.documentElement.getAttribute('data-bms-vsa-sync-route')), (r) => r === 'crm-account', 5000, 'route');
      h.ok((await chipState(page)).count === 1, 'navigating does not inject the chip twice');
      await page.click('a[data-menu="hardware-assets"]');
      await waitFor(() => page.evaluate(() => document.documentElement.getAttribute('data-bms-vsa-sync-route')), (r) => r === 'hardware-assets', 5000, 'the hardware assets route');
      h.ok(true, 'navigation to Service Desk › Hardware Assets is seen');

      const leaked = await page.evaluate(() => {
        const texts = [document.documentElement.outerHTML];
        document.querySelectorAll('[data-bms-vsa-sync]').forEach((el) => texts.push(el.shadowRoot?.innerHTML ?? ''));
        return texts.join('\n');
      });
      h.ok(!leaked.includes('sandbox-token') && !/Bearer|AccessToken/.test(leaked), 'no credential or token reaches the BMS page');

      // the same host on another port (the fake API origins) is not the configured BMS origin
      const api = await br.browser.newPage();
      await api.goto(`${sb.vsaUrl}/__sandbox/faults`);
      await sleep(1000);
      const injected = await api.evaluate(() => document.documentElement.hasAttribute('data-bms-vsa-sync-route') || !!document.querySelector('[data-bms-vsa-sync]'));
      h.ok(!injected, 'nothing is injected outside the configured BMS origin');
      await api.close();

      if (name === 'chromium') {
        const swCount = () => br.browser.targets().filter((t) => t.type() === 'service_worker' && t.url().startsWith(br.extBase)).length;
        const session = await page.createCDPSession();
        await session.send('ServiceWorker.enable');
        await session.send('ServiceWorker.stopAllWorkers');
        await waitFor(async () => swCount(), (n) => n === 0, 5000, 'the service worker to stop');
        await page.reload();
        const again = await waitFor(() => chipState(page), (c) => c.state === 'ok', 15000, 'the chip after a worker restart');
        h.ok(again.count === 1 && swCount() > 0, 'after the service worker was stopped, the content script is still registered and wakes it', again);
      }
      await page.close();
    });

    await h.step('hostile names', async () => {
      const page = await br.browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await gotoBms(page, `${hostile.bmsUrl}/#/crm/accounts`);
      const cells = await page.$$eval('tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
      const expected = HOSTILE.accounts.map((n) => (n === '' ? '—' : n));
      h.ok(JSON.stringify(cells.slice(0, expected.length)) === JSON.stringify(expected), 'hostile account names render verbatim as text', cells.slice(0, 5));
      await gotoBms(page, `${hostile.bmsUrl}/#/admin/servicedesk/rmm-integration/accounts-sync`);
      const orgCells = await page.$$eval('tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
      h.ok(orgCells[0] === HOSTILE.orgs[0] && orgCells[4] === HOSTILE.orgs[4], 'hostile org names render verbatim as text', orgCells.slice(0, 3));
      await gotoBms(page, `${hostile.bmsUrl}/#/servicedesk/assets/hardware`);
      await sleep(300);
      const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);
      const injectedEls = await page.evaluate(() => document.querySelectorAll('#bms-view img, #bms-view script, #bms-view svg, #bms-view iframe').length);
      h.ok(pwned === null && injectedEls === 0 && errors.length === 0, 'no script or handler from the data ran, and the page raised no error', { pwned, injectedEls, errors });
      await screenshot(page, `${name}-hostile-names`);
      await page.close();
    });
  } catch (e) {
    h.ok(false, `could not run: ${(e as Error).message}`);
  } finally {
    await b?.close();
  }
  return h;
}

async function main() {
  const sb = await startSandbox({ orgs: 300, agents: 2500, seed: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'bvs-names-'));
  const namesFile = join(dir, 'hostile.json');
  writeFileSync(namesFile, JSON.stringify(HOSTILE));
  const hostile = await startSandbox({ orgs: 20, agents: 60, seed: 2, namesFile });
  let passed = 0;
  let failed = 0;
  const failures: string[] = [];
  try {
    for (const name of which) {
      const t0 = Date.now();
      const h = await runBrowser(name, sb, hostile);
      console.log(`# ${name}: ${h.passed} passed, ${h.failed} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      passed += h.passed;
      failed += h.failed;
      failures.push(...h.failures);
      sb.reset();
    }
  } finally {
    await sb.close();
    await hostile.close();
  }
  if (failures.length) console.log(`# failures:\n${failures.map((f) => `#   ${f}`).join('\n')}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

void main();
