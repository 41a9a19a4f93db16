/**
 * e2e of a hostile BMS page (#14, HIGH-1): a script in the page's own world, installed before anything
 * else runs, tries to read every panel and to press every button: it wraps attachShadow to keep the
 * roots it sees, listens to every window message, reads every frame it can reach, clicks and keys
 * every element of ours (untrusted events), posts job requests to every frame, opens the frame's
 * document in a window of its own and frames it itself (it is handed the real address: an attacker who
 * learned it). It must read no org name, no server host, no user or tenant name, and the background
 * must act on nothing it sent (the sandbox build's log of what pages and frames sent; no writes in the
 * sandbox's request count either).
 */
import type { Page } from 'puppeteer-core';
import type { Sandbox } from '../sandbox/server';
import type { Launched } from './browsers';
import { bmsUrls, gotoPage, hostCount, openAccountTab, setPagesMode, waitFrame } from './bms';
import { sleep, waitFor, type Harness } from './harness';
import { teamLinks } from './links';

/** the credentials of the tenant this test runs on: names that no BMS page shows by itself */
export const SPY_CREDENTIALS = { user: 'opsbot7731', password: 'pw-7731-secret', tenant: 'tenantq7731', vsaToken: 'tok-7731-secret' };

type Entry = { at: number; kind: string | null; type: string; ok: boolean; tabId: number | null; frameId: number | null };

/** what the background logged from BMS pages and frames (the sandbox build keeps it in storage.session) */
async function pageLog(b: Launched): Promise<Entry[]> {
  const p = await b.openExtensionPage('popup.html', '#title');
  try {
    return await p.evaluate(async () => {
      type Api = { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } };
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      const got = await (g.browser ?? g.chrome)!.storage.session.get('sandbox:pageMessages');
      return (got['sandbox:pageMessages'] ?? []) as Entry[];
    });
  } finally {
    await p.close();
  }
}

/** installed before the page's own scripts: keeps every shadow root and message the page could see */
function prelude() {
  const w = window as unknown as { __spy: { roots: ShadowRoot[]; messages: string[] } };
  w.__spy = { roots: [], messages: [] };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attach.call(this, init);
    w.__spy.roots.push(root);
    return root;
  };
  window.addEventListener('message', (e) => {
    try {
      w.__spy.messages.push(JSON.stringify(e.data));
    } catch {
      w.__spy.messages.push(String(e.data));
    }
  }, true);
}

/** the attack, in the page's world; returns everything it managed to read */
async function attack(frameUrl: string): Promise<{ read: string[]; reached: number; shadow: number; clicked: number; opened: boolean }> {
  const spy = (window as unknown as { __spy: { roots: ShadowRoot[]; messages: string[] } }).__spy;
  const read: string[] = [];
  const tryRead = (what: string, f: () => unknown) => {
    try {
      const v = f();
      if (v !== undefined && v !== null && v !== '') read.push(`${what}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
    } catch {
      // refused: what the test wants
    }
  };
  const ours = [...document.querySelectorAll('[data-bms-vsa-sync]')] as HTMLElement[];
  let reached = 0;
  for (const h of ours) {
    tryRead('host html', () => h.outerHTML);
    tryRead('host text', () => h.textContent);
    tryRead('host shadow', () => h.shadowRoot?.innerHTML);
  }
  for (const r of spy.roots) tryRead('captured root', () => r.innerHTML);
  const frames = [...document.querySelectorAll('iframe'), ...spy.roots.flatMap((r) => [...r.querySelectorAll('iframe')])];
  for (const f of frames) {
    tryRead('frame document', () => f.contentDocument?.documentElement.outerHTML);
    tryRead('frame window', () => f.contentWindow?.document.body.innerText);
  }
  // a frame in a closed shadow root is not among window.frames: normally nothing is reached here
  const lures = [{ type: 'job.planImport', selection: { accept: 'auto', createMissing: true } }, { type: 'sync.overview' }, { type: 'connections.get' },
    { bvs: 'reload' }, { bvs: 'hello', nonce: '0'.repeat(32) }, 'click #confirm-yes', { event: 'job.progress' }];
  for (let i = 0; i < window.frames.length; i++) {
    const fw = window.frames[i];
    tryRead(`frames[${i}] text`, () => fw.document.body.innerText);
    tryRead(`frames[${i}] href`, () => fw.location.href);
    tryRead(`frames[${i}] name`, () => fw.name);
    tryRead(`frames[${i}] storage`, () => JSON.stringify(fw.localStorage));
    reached++;
    // requests the background knows, and the frame's own notes, posted straight at the frame
    for (const msg of lures) {
      try {
        fw.postMessage(msg, '*');
      } catch {
        // refused
      }
    }
  }
  // every element of ours, every way a script can press it: the confirmations live inside the frames, out of reach
  let clicked = 0;
  const press = (el: Element) => {
    for (const t of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) el.dispatchEvent(new MouseEvent(t, { bubbles: true, composed: true, cancelable: true }));
    for (const k of ['Enter', ' ']) {
      el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
      el.dispatchEvent(new KeyboardEvent('keyup', { key: k, bubbles: true, composed: true }));
    }
    (el as HTMLElement).click?.();
    (el as HTMLElement).focus?.();
    clicked++;
  };
  for (const h of ours) {
    press(h);
    for (const el of h.querySelectorAll('*')) press(el);
    const r = h.getBoundingClientRect();
    for (let x = r.left + 4; x < r.right; x += Math.max(20, r.width / 6)) {
      for (let y = r.top + 4; y < r.bottom; y += Math.max(12, r.height / 6)) {
        const at = document.elementFromPoint(x, y);
        if (at) press(at);
      }
    }
  }
  for (const root of spy.roots) for (const el of root.querySelectorAll('button, a, input, select, [role=button]')) press(el);
  window.confirm = () => true;
  // the frame's document in a window of its own, and framed by the page itself (as the admin sync list)
  let opened = false;
  const w = window.open(frameUrl, '_blank');
  if (w) {
    opened = true;
    await new Promise((r) => setTimeout(r, 1500));
    tryRead('opened window', () => w.document.body.innerText);
    tryRead('opened href', () => w.location.href);
    w.close();
  }
  const own = document.createElement('iframe');
  own.src = frameUrl;
  own.id = 'spy-frame';
  own.style.cssText = 'width: 600px; height: 400px;';
  document.body.append(own);
  await new Promise((r) => setTimeout(r, 1000));
  for (const msg of lures) own.contentWindow?.postMessage(msg, '*');
  await new Promise((r) => setTimeout(r, 5500)); // the frame waits up to 5 s for a vouch that never comes
  tryRead('own frame', () => own.contentDocument?.body.innerText);
  tryRead('own frame window', () => own.contentWindow?.document.body.innerText);
  tryRead('storage', () => JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie);
  tryRead('resources', () => performance.getEntriesByType('resource').map((e) => e.name).join(' '));
  tryRead('messages', () => spy.messages.join(' '));
  tryRead('root attributes', () => [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`).join(' '));
  return { read, reached, shadow: spy.roots.length, clicked, opened };
}

export async function hostilePageFlow(h: Harness, b: Launched, sb: Sandbox, pointAt: (target: Sandbox) => Promise<void>): Promise<void> {
  await pointAt(sb);
  await setPagesMode(sb, 'legacy');
  const s = sb.state();
  // an unlinked account whose org is unlinked too: its panel shows that org (and others) as suggestions
  const links = [...teamLinks(sb).values()];
  const [orgId, accountId] = [...s.truth].find(([o, acc]) => acc !== null && !links.some((m) => m.ExternalId === String(o) || m.PsaId === acc))! as [string | number, number];
  const orgNames = [...s.vsa.orgs.values()].map((o) => (o as { OrgName: string }).OrgName).filter((n) => n.length >= 6);
  const secrets = [SPY_CREDENTIALS.user, SPY_CREDENTIALS.tenant, SPY_CREDENTIALS.vsaToken, SPY_CREDENTIALS.password, new URL(sb.vsaUrl).host, new URL(sb.bmsApiUrl).host,
    ...orgNames, String(orgId)];
  const u = bmsUrls(sb, 'legacy');
  const page = await b.browser.newPage();
  try {
    // tsx names inner functions with a __name helper; the page's world has none
    await page.evaluateOnNewDocument('globalThis.__name = globalThis.__name || ((f) => f);');
    await page.evaluateOnNewDocument(prelude);
    const writes = async () => ((await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { totals: { writes: number } }).totals.writes;
    const spyOn = async (p: Page, label: string) => {
      // the extension's own panel shows org names: the attack runs while they are on screen
      const frameUrl = await (await waitFrame(p, label === 'settings' ? 'accounts-sync' : 'account', label === 'settings' ? 'li.org' : '#bvs-org-list li[data-id]', 30000)).evaluate(() => location.href);
      const shown = await (await waitFrame(p, label === 'settings' ? 'accounts-sync' : 'account', 'body')).evaluate(() => document.body.innerText);
      const t0 = Date.now();
      const w0 = await writes();
      const spyUrl = frameUrl.replace(/panel=account(&id=\d+)?/, 'panel=accounts-sync');
      const got = await p.evaluate(attack, spyUrl);
      await sleep(500);
      const leaked = secrets.filter((x) => got.read.some((r) => r.toLowerCase().includes(x.toLowerCase())));
      const onScreen = orgNames.filter((n) => shown.includes(n)).length;
      // the script's eyes work: it sees our hosts and the frames' size notes (which say nothing but a height)
      const sees = got.read.some((r) => r.startsWith('host html'));
      const sawSizes = got.read.some((r) => r.startsWith('messages') && r.includes('"bvs":"size"'));
      h.ok(onScreen > 0 && sees && sawSizes && leaked.length === 0 && got.shadow === 0 && got.clicked > 0,
        `hostile page (${label}): its script read no org name, host, user or tenant from the panels (shadow roots kept: ${got.shadow}, frames reached: ${got.reached})`, { leaked, read: got.read.filter((r) => leaked.some((x) => r.toLowerCase().includes(x.toLowerCase()))).slice(0, 3), onScreen, sees, sawSizes, channels: got.read.map((r) => r.slice(0, 60)) });
      // its own frame of our document shows nothing: no content script vouched for it
      const spyFrames = [];
      for (const f of p.frames()) if ((await f.evaluate(() => location.href).catch(() => '')).includes('panel=accounts-sync') && label !== 'settings') spyFrames.push(f);
      const spyShows = await Promise.all(spyFrames.map((f) => f.evaluate(() => document.getElementById('app')?.childElementCount ?? -1).catch(() => -1)));
      const log = (await pageLog(b)).filter((e) => e.at >= t0);
      const served = log.filter((e) => e.ok && e.type !== 'frame.hello');
      // Chrome: the address a frame reports is not the per-session one it was loaded from, so the page's own frame does not even load
      h.ok(served.length === 0 && (await writes()) === w0 && spyShows.every((n) => n === 0),
        `hostile page (${label}): the background acted on nothing it sent (its clicks, messages, window and frame), nothing was written, its own frame of the panel shows nothing (${spyFrames.length} loaded)`, { served, refused: log.filter((e) => !e.ok).map((e) => `${e.kind}:${e.type}`), spyShows, opened: got.opened });
    };
    await gotoPage(page, u.account(accountId));
    await openAccountTab(page, 'RMM Integration');
    await spyOn(page, 'account');
    await gotoPage(page, u.settings());
    await spyOn(page, 'settings');
    // the asset list's Sync buttons: pressed by script (untrusted), they sync nothing
    await gotoPage(page, u.assets());
    await waitFor(() => hostCount(page, 'asset-sync'), (n) => n > 0, 15000, 'Sync buttons');
    const t0 = Date.now();
    const w0 = await writes();
    await page.evaluate(() => {
      for (const host of document.querySelectorAll('[data-bms-vsa-sync="asset-sync"]')) {
        for (const t of ['mousedown', 'mouseup', 'click']) host.dispatchEvent(new MouseEvent(t, { bubbles: true, composed: true }));
        (host as HTMLElement).click();
        host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      }
    });
    await sleep(1500);
    const rowLog = (await pageLog(b)).filter((e) => e.at >= t0 && e.type === 'asset.sync');
    h.ok(rowLog.length === 0 && (await writes()) === w0, 'hostile page (asset list): Sync buttons pressed by script send nothing', { rowLog });
  } finally {
    await page.close().catch(() => undefined);
  }
}
