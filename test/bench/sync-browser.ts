/**
 * The background's heap during a 50,000-agent asset sync, measured where it runs: the extension's
 * service worker in real Chromium (its journal in the browser's IndexedDB, which lives outside the JS
 * heap), sampled over CDP every 250 ms, with a forced GC each second for the live figure.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { startSandbox } from '../sandbox/server';
import { sleep } from '../e2e/harness';
import { connectedChromium } from './browser';

const send = (page: Page, msg: unknown) => page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage: (x: unknown) => Promise<unknown> } } }).chrome.runtime.sendMessage(m), msg) as Promise<{ ok: boolean; reply?: { progress?: { jobId: string; state: string; summary: Record<string, number> }; jobId?: string; state?: string }; error?: string }>;

export async function workerHeapDuringSync(agents = 50_000): Promise<{ agents: number; pushed: number; ms: number; heapPeakMB: number; liveHeapPeakMB: number; baselineMB: number }> {
  const sb = await startSandbox({ orgs: agents / 10, agents, seed: 6, capabilities: { mappingStore: true } });
  const { b, page } = await connectedChromium(sb);
  let session: CDPSession | null = null;
  try {
    await page.goto(`${b.extBase}popup.html`);
    await page.waitForSelector('#title');
    const sw = await b.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(b.extBase));
    session = await sw.createCDPSession();
    const s = session;
    await s.send('HeapProfiler.enable');
    const used = async () => ((await s.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    await s.send('HeapProfiler.collectGarbage');
    const base = await used();
    let peak = base;
    let live = base;
    let lastGc = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await used().catch(() => 0));
        if (Date.now() - lastGc > 1000) {
          lastGc = Date.now();
          await s.send('HeapProfiler.collectGarbage').catch(() => undefined);
          live = Math.max(live, await used().catch(() => 0));
        }
        await sleep(250);
      }
    })();
    const t0 = Date.now();
    const plan = await send(page, { type: 'job.planAssetSync' });
    if (!plan.ok || !plan.reply?.progress) throw new Error(`planning the sync failed: ${plan.error}`);
    const jobId = plan.reply.progress.jobId;
    await send(page, { type: 'job.start', jobId });
    let state = 'running';
    while (state === 'running' || state === 'planned') {
      await sleep(1000);
      const p = await send(page, { type: 'job.progress', jobId });
      state = (p.reply as { state?: string } | undefined)?.state ?? state;
      if (Date.now() - t0 > 15 * 60_000) throw new Error('the sync did not finish in 15 minutes');
    }
    const ms = Date.now() - t0;
    sampling = false;
    await sampler;
    const mb = (x: number) => +(x / 1048576).toFixed(1);
    return { agents, pushed: plan.reply.progress.summary.push ?? 0, ms, heapPeakMB: mb(peak - base), liveHeapPeakMB: mb(live - base), baselineMB: mb(base) };
  } finally {
    await session?.detach().catch(() => undefined);
    await b.close();
    await sb.close();
  }
}
