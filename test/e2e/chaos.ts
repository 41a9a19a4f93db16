/**
 * The chaos test (npm run chaos; also part of npm test): in real Chromium with the extension, against
 * the sandbox with 10% 5xx, 429 bursts and 5-second tokens, run a bulk job while the service worker is
 * stopped again and again: an import of 1,000 orgs, a full asset sync of their 300 agents, then an
 * export of 500 accounts, on the v3 default tenant (no mapping store). Each job must
 * complete on its own; afterwards every planned item is linked exactly once, nothing is duplicated,
 * nothing is lost, and the journal agrees. Prints its figures and, last, one JSON object of them.
 */
import { parseArgs } from 'node:util';
import type { Page } from 'puppeteer-core';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { teamLinks } from './links';
import { launch, type Launched } from './browsers';
import { fillConnections, openOptions, saveConnections } from './flows';
import { sleep } from './harness';

const { values } = parseArgs({ options: { orgs: { type: 'string', default: '1000' }, agents: { type: 'string', default: '300' }, accounts: { type: 'string', default: '500' }, stops: { type: 'string', default: '5' } } });
const ORGS = Number(values.orgs);
const AGENTS = Number(values.agents);
const EXPORT = Number(values.accounts);
const MIN_STOPS = Number(values.stops);
const FAULTS = { errorRate: 0.1, burst429Rate: 0.01, burst429Ms: 1000, tokenTtlSec: 5 };

type Envelope<T> = { ok: true; reply: T } | { ok: false; error: string; code: string };
interface Progress { jobId: string; state: string; total: number; done: number; failed: number; pending: number; summary: Record<string, number>; errors: { label: string; reason: string }[] }
interface Figures { job: string; items: number; workerStops: number; duplicates: number; lost: number; unlinked: number; failedItems: number; faultsSurvived: number; seconds: number; state: string; passed: boolean }

async function send<T>(page: Page, msg: unknown): Promise<T> {
  const env = (await page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), msg)) as Envelope<T>;
  if (!env.ok) throw new Error(`${(msg as { type: string }).type}: ${env.error}`);
  return env.reply;
}

async function scenario(name: 'import' | 'export' | 'assets', b: Launched, opts: Page, sb: Sandbox): Promise<Figures> {
  const t0 = Date.now();
  await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ reset: true }) });
  await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ ...FAULTS, target: 'vsa' }) });
  // BMS takes its time over bulk asset jobs (so the worker is stopped while jobs are in flight)
  await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ ...FAULTS, target: 'bms', jobDelayMs: name === 'assets' ? 1500 : 50 }) });
  const s = sb.state();
  const maps = () => teamLinks(sb);
  const linkedAccounts = new Set([...maps().values()].map((m) => m.PsaId));
  const exportIds = [...s.bms.accounts.values()].filter((a) => a.IsActive && !linkedAccounts.has(a.Id)).slice(0, EXPORT).map((a) => a.Id);
  const planned = name === 'import'
    ? await send<{ progress: Progress; conflicts: { key: string; reason: string }[] }>(opts, { type: 'job.planImport', selection: { accept: 'auto+review', createMissing: true } })
    : name === 'export'
      ? await send<{ progress: Progress; conflicts: { key: string; reason: string }[] }>(opts, { type: 'job.planExport', accountIds: exportIds })
      : await send<{ progress: Progress; conflicts: { key: string; reason: string }[] }>(opts, { type: 'job.planAssetSync' });
  // agents the plan could not place (their org conflicts with an account), reported with the reason
  const unplaced = new Set(name === 'assets' ? planned.conflicts.map((c) => c.key) : []);
  const jobId = planned.progress.jobId;
  const f: Figures = { job: name, items: planned.progress.total, workerStops: 0, duplicates: -1, lost: -1, unlinked: -1, failedItems: -1, faultsSurvived: 0, seconds: 0, state: '', passed: false };
  console.log(`chaos ${name}: planned ${f.items} items (${JSON.stringify(planned.progress.summary)}); starting with faults on`);
  // an agent's asset: by AgentId (BMS's bulk push), or, written one record at a time (BMS keeps no AgentId then), by name and machine group
  const agentKey = new Map([...s.vsa.agents.values()].map((g) => [`${g.ComputerName}|${g.MachineGroupId}`, String(g.AgentId)]));
  const agentOf = (a: { AgentId: string | null; Name: string; MachineGroupId: string | null }) => a.AgentId ?? agentKey.get(`${a.Name}|${a.MachineGroupId}`) ?? null;
  const assetsOf = () => [...s.bms.assets.values()].filter((a) => a.IsActive && agentOf(a) !== null);
  const agentAssets = () => new Set(assetsOf().map(agentOf)).size;
  // progress as the sandbox sees it: links made, or (asset sync) agents with an asset
  const initialLinks = name === 'assets' ? 0 : maps().size;
  const measure = () => (name === 'assets' ? (agentAssets() >= s.vsa.agents.size - unplaced.size ? f.items : 0) : maps().size - initialLinks);
  await send<Progress>(opts, { type: 'job.start', jobId });

  const swCount = () => b.browser.targets().filter((t) => t.type() === 'service_worker' && t.url().startsWith(b.extBase)).length;
  const session = await opts.createCDPSession();
  await session.send('ServiceWorker.enable');
  const deadline = Date.now() + Number(process.env.CHAOS_MINUTES ?? 8) * 60_000;
  // stop the worker whenever it is back and working, until enough stops are made and the data is complete;
  // nothing here wakes the worker: the extension's own alarm must bring the job back
  while (Date.now() < deadline) {
    const linked = measure();
    if (f.workerStops < MIN_STOPS && swCount() > 0 && linked < f.items) {
      await sleep(1500 + Math.random() * 1500);
      await session.send('ServiceWorker.stopAllWorkers');
      f.workerStops++;
      console.log(`chaos ${name}: stopped the service worker (${f.workerStops})`);
      continue;
    }
    if (linked >= f.items && f.workerStops >= MIN_STOPS) break;
    await sleep(500);
  }
  let final: Progress | null = null;
  for (let i = 0; i < 60; i++) {
    final = await send<Progress | null>(opts, { type: 'job.progress', jobId });
    if (final && final.state !== 'running') break;
    await sleep(1000);
  }
  f.state = final?.state ?? 'unknown';
  if (f.state !== 'done') console.log(`chaos ${name}: job ${f.state}: ${JSON.stringify(final)}`);
  const namesOf = (xs: { name: string }[]) => xs.length - new Set(xs.map((x) => x.name)).size;
  f.duplicates = name === 'export'
    ? namesOf([...s.vsa.orgs.values()].map((o) => ({ name: o.OrgName })))
    : namesOf([...s.bms.accounts.values()].map((a) => ({ name: a.AccountName })))
      + (name === 'assets' ? namesOf(assetsOf().map((a) => ({ name: agentOf(a)! }))) : 0);
  const psa = [...maps().values()].map((m) => m.PsaId);
  const oneToOne = new Set(psa).size === psa.length;
  f.failedItems = final?.failed ?? -1;
  f.lost = final ? final.total - final.done - final.failed : -1;
  f.unlinked = name === 'import' ? f.items - (maps().size - initialLinks)
    : name === 'export' ? exportIds.filter((id) => !psa.includes(id)).length
      : (() => {
        const has = new Set(assetsOf().map(agentOf));
        return [...s.vsa.agents.keys()].filter((id) => !unplaced.has(String(id)) && !has.has(String(id))).length;
      })();
  if (unplaced.size) console.log(`chaos ${name}: ${unplaced.size} agents not placed, as planned: ${planned.conflicts[0].reason}`);
  const stats = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { vsa: { faults: Record<string, number> }; bms: { faults: Record<string, number> } };
  f.faultsSurvived = [...Object.values(stats.vsa.faults), ...Object.values(stats.bms.faults)].reduce((a, c) => a + c, 0);
  if (final?.errors.length) console.log(`chaos ${name}: failed items: ${JSON.stringify(final.errors.slice(0, 5))}`);
  f.passed = f.state === 'done' && f.workerStops >= MIN_STOPS && f.duplicates === 0 && f.lost === 0 && f.unlinked === 0 && f.failedItems === 0 && oneToOne;
  f.seconds = Math.round((Date.now() - t0) / 100) / 10;
  console.log(`${f.passed ? 'ok' : 'not ok'} - chaos ${name}: ${f.items} items, ${f.workerStops} worker stops: job ${f.state}, ${f.unlinked} unlinked, ${f.duplicates} duplicates, ${f.lost} lost, ${f.failedItems} failed, one-to-one ${oneToOne}, ${f.faultsSurvived} faults survived, ${f.seconds} s`);
  await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ reset: true }) });
  return f;
}

async function main() {
  const t0 = Date.now();
  // the v3 default tenant: no mapping store, so links live in the VSA org field and the asset sync goes one
  // record at a time (no bulk push without the store to vouch for the orgs). A new record costs two asset
  // searches, and the client paces an endpoint from 80% of BMS's 1,500 calls an hour: --agents stays below
  // what one hour allows, or the job rightly waits for the next hour
  const sb = await startSandbox({ orgs: ORGS, agents: AGENTS, seed: 3, faults: { jobDelayMs: 50 } });
  console.log(`chaos: ${ORGS} orgs, ${AGENTS} agents; links in the VSA org field (no mapping store), assets one record at a time`);
  const b = await launch('chromium', '.output/chrome-mv3-sandbox');
  const results: Figures[] = [];
  try {
    const opts = await openOptions(b);
    await fillConnections(opts, sb);
    await saveConnections(opts);
    results.push(await scenario('import', b, opts, sb));
    results.push(await scenario('assets', b, opts, sb)); // a full asset sync of the imported orgs' agents
    sb.reset(); // a fresh data set: many accounts without an org, for the export
    results.push(await scenario('export', b, opts, sb));
  } finally {
    await b.close();
    await sb.close();
  }
  const passed = results.filter((r) => r.passed).length;
  console.log(`chaos: wall ${Math.round((Date.now() - t0) / 1000)} s`);
  console.log(`chaos: ${passed} passed, ${results.length - passed} failed`);
  console.log(JSON.stringify({ chaos: results }));
  process.exit(passed === results.length ? 0 : 1);
}

main().catch((e) => {
  console.error(`chaos: ${(e as Error).stack ?? e}`);
  console.log('chaos: 0 passed, 1 failed');
  process.exit(1);
});
