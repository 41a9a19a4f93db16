/**
 * npm run bench -- panels [--json]: the in-page panels in real Chromium on the replica BMS, React
 * generation (path routes, client-side navigation by the page's own links).
 * - content script: what BMS loads on every page, gzip (target ≤ 30 KB); beside it, the frame
 *   document's entry chunk (an extension page, loaded only where a panel shows; shared chunks not counted), gzip;
 * - shown: after a route change, from the moment the page's anchor exists to our frame's (or Sync
 *   buttons') host in the page (target ≤ 50 ms median), per panel, median and worst; beside it the
 *   page's own render time (route change → anchor) as the base;
 * - first paint: from the frame's host in the page to the frame document's first contentful paint
 *   (target ≤ 150 ms median).
 * The legacy generation navigates by full page loads, so it has no route change to time here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'puppeteer-core';
import { startSandbox } from '../sandbox/server';
import { bmsReady, bmsUrls, gotoPage, panelFrame, setPagesMode } from '../e2e/bms';
import { connectedChromium, EXT } from './browser';
import { sleep, waitFor } from '../e2e/harness';

const ROUNDS = 8;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r1 = (x: number) => Math.round(x * 10) / 10;
const gz = (f: string) => gzipSync(readFileSync(f), { level: 9 }).length;

/** a route of the page: its address, the page's own element our panel goes by, our host, and the frame's panel (none for row buttons) */
interface Target { name: string; href: string; anchor: string; host: string; frame: string | null }

/** a route change as the page's own links make it (a click on a link the page routes itself) */
async function follow(page: Page, href: string): Promise<void> {
  await page.evaluate((h) => {
    const a = document.createElement('a');
    a.href = h;
    document.body.append(a);
    a.click();
    a.remove();
  }, href);
}

/** times one route change: route → anchor → our host, as the page's clock says (and that clock's epoch, for the frame's paint) */
async function timeRoute(page: Page, t: Target): Promise<{ pageMs: number; shownMs: number; hostEpoch: number }> {
  return page.evaluate(async (tt) => {
    const marks: Record<string, number> = {};
    const check = () => {
      const now = performance.now();
      if (marks.anchor === undefined && document.querySelector(tt.anchor)) marks.anchor = now;
      if (marks.host === undefined && document.querySelector(tt.host)) marks.host = now;
    };
    const mo = new MutationObserver(check);
    mo.observe(document.body, { childList: true, subtree: true, attributes: false });
    marks.route = performance.now();
    const a = document.createElement('a');
    a.href = tt.href;
    document.body.append(a);
    a.click();
    a.remove();
    const t0 = Date.now();
    while ((marks.anchor === undefined || marks.host === undefined) && Date.now() - t0 < 15000) await new Promise((r) => setTimeout(r, 5));
    mo.disconnect();
    if (marks.anchor === undefined || marks.host === undefined) throw new Error(`${tt.name}: the ${marks.anchor === undefined ? 'page\'s anchor' : 'panel'} did not appear`);
    return { pageMs: marks.anchor - marks.route, shownMs: Math.max(0, marks.host - marks.anchor), hostEpoch: performance.timeOrigin + marks.host };
  }, t);
}

/** the frame document's first contentful paint, on the same epoch clock */
async function framePaintEpoch(page: Page, panel: string): Promise<number> {
  return waitFor(async () => {
    const f = await panelFrame(page, panel);
    if (!f) return null;
    return f.evaluate(() => {
      const e = performance.getEntriesByName('first-contentful-paint')[0];
      return e ? performance.timeOrigin + e.startTime : null;
    }).catch(() => null);
  }, (v) => v !== null, 15000, `the ${panel} frame's first paint`) as Promise<number>;
}

export async function benchPanels(opts: { json: boolean }): Promise<void> {
  const sb = await startSandbox({ orgs: 500, agents: 3000, seed: 4, pages: 'react' });
  const { b, page } = await connectedChromium(sb);
  const content = gz(`${EXT}/content-scripts/bms.js`);
  const frameChunk = readdirSync(`${EXT}/chunks`).find((f) => f.startsWith('bms-frame-'));
  const frameBundle = frameChunk ? gz(`${EXT}/chunks/${frameChunk}`) : null;
  try {
    await setPagesMode(sb, 'react');
    const url = bmsUrls(sb, 'react');
    const path = (u: string) => new URL(u).pathname + new URL(u).search;
    const account = [...sb.state().bms.accounts.values()].find((a) => a.IsActive)!.Id;
    const asset = [...sb.state().bms.assets.values()].find((a) => a.IsActive)!.Id;
    const targets: Target[] = [
      { name: 'account RMM panel', href: path(url.account(account, 'rmm-integration')), anchor: 'section.psa-tab-panel#psa-tabpanel-rmm-integration', host: '[data-bms-vsa-sync="frame-account"]', frame: 'account' },
      { name: 'asset list Sync buttons', href: path(url.assets()), anchor: '.psa-grid .psa-grid-table', host: '[data-bms-vsa-sync="asset-sync"]', frame: null },
      { name: 'asset detail Sync panel', href: path(url.asset(asset)), anchor: '.psa-asset-view .psa-asset-actions', host: '[data-bms-vsa-sync="frame-asset"]', frame: 'asset' },
      { name: 'RMM settings sync panel', href: path(url.settings()), anchor: 'section.psa-tab-panel#psa-tabpanel-accounts-synchronization', host: '[data-bms-vsa-sync="frame-accounts-sync"]', frame: 'accounts-sync' },
    ];
    const home = path(url.accounts());
    await gotoPage(page, url.accounts());
    // the content script is in once it marks the route it recognised
    await waitFor(() => page.evaluate(() => document.documentElement.getAttribute('data-bms-vsa-sync-route')), (r) => !!r, 20000, 'the content script');
    const results = new Map(targets.map((t) => [t.name, { pageMs: [] as number[], shownMs: [] as number[], paintMs: [] as number[] }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of targets) {
        await follow(page, home);
        await bmsReady(page);
        await sleep(150);
        const r = await timeRoute(page, t);
        const acc = results.get(t.name)!;
        acc.pageMs.push(r.pageMs);
        acc.shownMs.push(r.shownMs);
        if (t.frame) acc.paintMs.push(Math.max(0, (await framePaintEpoch(page, t.frame)) - r.hostEpoch));
      }
    }
    const per = targets.map((t) => {
      const r = results.get(t.name)!;
      return {
        panel: t.name, shownMedianMs: r1(median(r.shownMs)), shownMaxMs: r1(Math.max(...r.shownMs)), pageRenderMedianMs: r1(median(r.pageMs)),
        ...(r.paintMs.length ? { firstPaintMedianMs: r1(median(r.paintMs)), firstPaintMaxMs: r1(Math.max(...r.paintMs)) } : {}),
      };
    });
    const all = [...results.values()].flatMap((r) => r.shownMs);
    const paints = [...results.values()].flatMap((r) => r.paintMs);
    const pageAll = [...results.values()].flatMap((r) => r.pageMs);
    const figures = {
      generation: 'react',
      contentScriptGzipBytes: content,
      frameBundleGzipBytes: frameBundle,
      shownMedianMs: r1(median(all)),
      shownMaxMs: r1(Math.max(...all)),
      frameFirstPaintMedianMs: r1(median(paints)),
      frameFirstPaintMaxMs: r1(Math.max(...paints)),
      pageRenderMedianMs: r1(median(pageAll)),
      perPanel: per,
      rounds: ROUNDS,
      targets: { contentScriptGzipBytes: 30 * 1024, shownMs: 50, frameFirstPaintMs: 150 },
    };
    console.log('panels: real Chromium, replica BMS (React generation, client-side route changes)');
    console.log(`  content script (every BMS page): ${(content / 1024).toFixed(1)} KB gzip (target ≤ 30 KB); frame document's entry chunk: ${frameBundle === null ? 'not found' : `${(frameBundle / 1024).toFixed(1)} KB gzip (its shared chunks not counted)`}`);
    for (const p of per) console.log(`  ${p.panel}: shown ${p.shownMedianMs} ms median, ${p.shownMaxMs} ms worst of ${ROUNDS}${p.firstPaintMedianMs === undefined ? '' : `; frame first paint ${p.firstPaintMedianMs} ms median, ${p.firstPaintMaxMs} ms worst`}; the page's own render ${p.pageRenderMedianMs} ms`);
    console.log(`  all: shown ${figures.shownMedianMs} ms median, ${figures.shownMaxMs} ms worst (target ≤ 50); frame first paint ${figures.frameFirstPaintMedianMs} ms median, ${figures.frameFirstPaintMaxMs} ms worst (target ≤ 150); the page's own render ${figures.pageRenderMedianMs} ms median`);
    if (opts.json) console.log(JSON.stringify(figures));
  } finally {
    await b.close();
    await sb.close();
  }
}
