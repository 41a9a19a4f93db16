/**
 * The chaos test (npm run chaos; also part of npm test): in real Chromium with the extension, against
 * the sandbox with 10% 5xx, 429 bursts and 5-second tokens, import 1,000 orgs while the service worker
 * is stopped again and again. The job must complete on its own; afterwards every planned org is
 * linked exactly once, no account is duplicated, no item is lost, and the journal agrees.
 * Prints its figures and, last, one JSON object of them.
 */
import { parseArgs } from 'node:util';
import type { Page } from 'puppeteer-core';
import { startSandbox } from '../sandbox/server';
import { launch } from './browsers';
import { fillConnections, openOptions, saveConnections } from './flows';
import { sleep } from './harness';

const { values } = parseArgs({ options: { orgs: { type: 'string', default: '1000' }, stops: { type: 'string', default: '5' } } });
const ORGS = Number(values.orgs);
const MIN_STOPS = Number(values.stops);

type Envelope<T> = { ok: true; reply: T } | { ok: false; error: string; code: string };
interface Progress { jobId: string; state: string; total: number; done: number; failed: number; pending: number; summary: Record<string, number>; errors: { label: string; reason: string }[] }

async function send<T>(page: Page, msg: unknown): Promise<T> {
  const env = (await page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), msg)) as Envelope<T>;
  if (!env.ok) throw new Error(`${(msg as { type: string }).type}: ${env.error}`);
  return env.reply;
}

async function main() {
  const t0 = Date.now();
  const sb = await startSandbox({ orgs: ORGS, agents: ORGS * 2, seed: 3, faults: { jobDelayMs: 50 } });
  const b = await launch('chromium', '.output/chrome-mv3-sandbox');
  const figures = { items: 0, workerStops: 0, duplicates: -1, lost: -1, unlinked: -1, failedItems: -1, faultsSurvived: 0, wallSeconds: 0, jobState: '' };
  let ok: boolean;
  try {
    const opts = await openOptions(b);
    await fillConnections(opts, sb);
    await saveConnections(opts);
    await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ errorRate: 0.1, burst429Rate: 0.01, burst429Ms: 1000, tokenTtlSec: 5 }) });

    const planned = await send<{ progress: Progress }>(opts, { type: 'job.planImport', selection: { accept: 'auto+review', createMissing: true } });
    const jobId = planned.progress.jobId;
    figures.items = planned.progress.total;
    console.log(`chaos: planned ${figures.items} items (${JSON.stringify(planned.progress.summary)}); starting with faults on`);
    await send<Progress>(opts, { type: 'job.start', jobId });

    const swCount = () => b.browser.targets().filter((t) => t.type() === 'service_worker' && t.url().startsWith(b.extBase)).length;
    const session = await opts.createCDPSession();
    await session.send('ServiceWorker.enable');
    const maps = () => sb.state().bms.mappings.get('vsa/account')!;
    const initialLinks = maps().size;
    const deadline = Date.now() + Number(process.env.CHAOS_MINUTES ?? 8) * 60_000;
    // stop the worker whenever it is back and working, until enough stops are made and the data is complete
    while (Date.now() < deadline) {
      const linked = maps().size - initialLinks;
      if (figures.workerStops < MIN_STOPS && swCount() > 0 && linked < figures.items) {
        await sleep(1500 + Math.random() * 1500);
        await session.send('ServiceWorker.stopAllWorkers');
        figures.workerStops++;
        console.log(`chaos: stopped the service worker (${figures.workerStops}), ${maps().size - initialLinks}/${figures.items} linked so far`);
        continue;
      }
      if (linked >= figures.items && figures.workerStops >= MIN_STOPS) break;
      await sleep(500);
    }
    // the data is complete; give the worker a moment to close the job, then ask the journal
    let final: Progress | null = null;
    for (let i = 0; i < 60; i++) {
      final = await send<Progress | null>(opts, { type: 'job.progress', jobId });
      if (final && final.state !== 'running') break;
      await sleep(1000);
    }
    figures.jobState = final?.state ?? "unknown";
    if (final?.state !== "done") console.log(`chaos: job ${final?.state}: ${JSON.stringify(final)}`);
    const data = sb.state();
    const names = [...data.bms.accounts.values()].map((a) => a.AccountName);
    figures.duplicates = names.length - new Set(names).size;
    const psa = [...maps().values()].map((m) => m.PsaId);
    const oneToOne = new Set(psa).size === psa.length;
    figures.failedItems = final?.failed ?? -1;
    figures.lost = final ? final.total - final.done - final.failed : -1;
    figures.unlinked = figures.items - (maps().size - initialLinks);
    const stats = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { vsa: { faults: Record<string, number> }; bms: { faults: Record<string, number> } };
    // every fault the sandbox injected (5xx, 429, expired tokens are counted by the clients' refreshes) was retried or resumed
    figures.faultsSurvived = Object.values(stats.vsa.faults).reduce((a, c) => a + c, 0) + Object.values(stats.bms.faults).reduce((a, c) => a + c, 0);
    if (final?.errors.length) console.log(`chaos: failed items: ${JSON.stringify(final.errors.slice(0, 5))}`);
    ok = figures.jobState === 'done' && figures.workerStops >= MIN_STOPS && figures.duplicates === 0 && figures.lost === 0 && figures.unlinked === 0 && figures.failedItems === 0 && oneToOne;
    console.log(`${ok ? 'ok' : 'not ok'} - chaos: import of ${figures.items} orgs with ${figures.workerStops} worker stops: job ${figures.jobState}, ${figures.unlinked} unlinked, ${figures.duplicates} duplicate accounts, ${figures.lost} lost, ${figures.failedItems} failed, one-to-one ${oneToOne}`);
  } finally {
    await b.close();
    await sb.close();
  }
  figures.wallSeconds = Math.round((Date.now() - t0) / 100) / 10;
  console.log(`chaos: items ${figures.items}, worker stops ${figures.workerStops}, duplicates ${figures.duplicates}, lost ${figures.lost}, faults injected and survived ${figures.faultsSurvived}, wall ${figures.wallSeconds} s`);
  console.log(`chaos: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
  console.log(JSON.stringify({ chaos: 'import', ...figures, passed: ok }));
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.error(`chaos: ${(e as Error).stack ?? e}`);
  console.log('chaos: 0 passed, 1 failed');
  process.exit(1);
});
