/**
 * npm run bench -- sync [--json]: the sync engine against the sandbox (run as its own process, 50 ms
 * latency, BMS's quota on): a 1,000-org import as a ratio of the API lower bound, calls per synced agent,
 * a re-sync of 50,000 unchanged agents (write calls, read calls), 1% changed (writes = changes), the
 * engine's heap peak during the 50k sync in Node (where an in-memory IndexedDB holds the journal in the
 * heap too), and the figure the target is about: the background's heap in Chromium during a 50k sync.
 * The asset syncs run with the tenant rules switched on (B15–B18): category rules, exclusions, and the
 * agent lifecycle's grace period, with agents in the tenant that are gone from VSA within and beyond it.
 */
import 'fake-indexeddb/auto';
import { spawn, type ChildProcess } from 'node:child_process';
import { BmsClient } from '@/lib/bms/client';
import { planAssetSync, runAssetSync } from '@/lib/sync/assets';
import { planImport, runImport } from '@/lib/sync/import';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { loadAssetSyncInput } from '@/lib/sync/load';
import { VsaFieldLinks } from '@/lib/sync/link-store';
import { perRecordNote } from '@/lib/sync/quota-plan';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '@/lib/mapping/tenant-settings';

import { recordLifecycle } from '@/lib/sync/tenant-plan';
import type { AssetSyncInput } from '@/lib/sync/assets';
import type { Journal as JournalApi } from '@/lib/sync/journal';
import { DAY_MS } from '@/lib/mapping/lifecycle';
import { collect } from '@/lib/http/paging';
import { matchAll } from '@/lib/mapping/match';
import { VsaClient } from '@/lib/vsa/client';
import { workerHeapDuringSync } from './sync-browser';

/** category rules by OS type, machine group and agent name, exclusions of each kind, and the lifecycle's grace period */
const BENCH_TENANT: TenantSettings = {
  ...DEFAULT_TENANT_SETTINGS,
  categories: { ...DEFAULT_TENANT_SETTINGS.categories, rules: [{ machineGroup: '*.servers*', category: 'Server' }, { agentName: 'LT-*', category: 'Workstation' }, ...DEFAULT_TENANT_SETTINGS.categories.rules] },
  exclusions: [{ target: 'org', pattern: '*test tenant*' }, { target: 'machineGroup', pattern: '*.lab' }, { target: 'agent', pattern: 'TEMPLATE-*' }],
  lifecycle: { graceDays: 7, reinstallWindowDays: 30 },
};
const GRACE_DAYS = BENCH_TENANT.lifecycle.graceDays;

/** an asset sync planned as the background plans one: the plan to the journal, the lifecycle's marks to the asset copies */
async function plannedSync(journal: JournalApi, input: AssetSyncInput, extra: Partial<AssetSyncInput> = {}, scope: { orgId?: string } = {}) {
  const now = Date.now();
  const plan = planAssetSync({ ...input, ...extra, tenant: BENCH_TENANT, now }, scope);
  const job = await journal.createJob('assets', plan.items, plan.summary);
  await recordLifecycle(journal, input.cache, plan.tenant, now);
  return { jobId: job.id, summary: plan.summary };
}

/**
 * Agents gone from VSA (B18), made cheaply before the measured runs: the agents of three small linked
 * orgs are synced (each sync narrowed to its org, which runs no lifecycle), then removed from VSA. The
 * first org's were first found missing GRACE_DAYS + 3 days ago (past the grace period: the first full
 * sync deactivates their assets), the second's 2 days ago (within it: they wait), the third's are found
 * missing by the first full sync itself (their grace period starts then, so they wait too).
 */
async function goneAgents(vsaUrl: string, journal: JournalApi, linked: (orgId: string) => boolean, load: () => Promise<AssetSyncInput>, run: (jobId: string) => Promise<unknown>, extra: Partial<AssetSyncInput> = {}) {
  const data = (await (await fetch(`${vsaUrl}/__sandbox/data`)).json()) as { vsa: { agents: { AgentId: string; OrgId: string }[] } };
  const byOrg = new Map<string, string[]>();
  for (const a of data.vsa.agents) byOrg.set(String(a.OrgId), [...(byOrg.get(String(a.OrgId)) ?? []), String(a.AgentId)]);
  const orgs = [...byOrg].filter(([o, ids]) => linked(o) && ids.length >= 4 && ids.length <= 12).slice(0, 3);
  if (orgs.length < 3) throw new Error('bench: the tenant has no three small linked orgs for the gone agents');
  const input = await load();
  for (const [orgId] of orgs) {
    const { jobId } = await plannedSync(journal, input, extra, { orgId });
    await run(jobId);
  }
  for (const [, ids] of orgs) for (const id of ids) await fetch(`${vsaUrl}/__sandbox/vsa/agents/${id}`, { method: 'DELETE' });
  const cache = await journal.assetCache();
  const now = Date.now();
  const marks = [now - (GRACE_DAYS + 3) * DAY_MS, now - 2 * DAY_MS, null];
  const gone = { beyondGrace: 0, withinGrace: 0, newlyGone: 0 };
  const put = [];
  for (const [i, [, ids]] of orgs.entries()) {
    for (const id of ids) {
      const c = cache.get(id);
      if (!c?.active) continue; // excluded by a rule, or never written
      put.push({ ...c, goneSince: marks[i] });
      gone[(['beyondGrace', 'withinGrace', 'newlyGone'] as const)[i]]++;
    }
  }
  await journal.putAssetCache(put);
  return gone;
}

const LATENCY = 50;
const CONCURRENCY = 4;
const RPS = 10;
/** the per-record run's tenant and latency (2b) */
const PER_RECORD = { orgs: 100, agents: 1000, latencyMs: 5 };

async function sandbox(args: string[], latency = LATENCY): Promise<{ urls: { vsa: string; bmsApi: string }; proc: ChildProcess }> {
  const proc = spawn('npx', ['tsx', 'test/sandbox/cli.ts', '--port', '0', '--latency', String(latency), ...args], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    proc.stdout!.on('data', (d) => {
      buf += d;
      const m = /sandbox ready .*/.exec(buf);
      if (m) resolve(m[0]);
    });
    proc.on('exit', (c) => reject(new Error(`sandbox exited ${c}`)));
  });
  const get = (k: string) => new RegExp(`${k}=(\\S+)`).exec(line)![1];
  return { urls: { vsa: get('vsa'), bmsApi: get('bms-api') }, proc };
}

const stats = async (vsaUrl: string) => (await (await fetch(`${vsaUrl}/__sandbox/stats`)).json()) as { totals: { requests: number; writes: number }; vsa: { requests: Record<string, number> }; bms: { requests: Record<string, number>; writes: number; faults?: Record<string, number> } };
const resetStats = (vsaUrl: string) => fetch(`${vsaUrl}/__sandbox/stats/reset`, { method: 'POST' });
const writeCalls = (s: Awaited<ReturnType<typeof stats>>) => Object.entries({ ...s.vsa.requests, ...s.bms.requests }).filter(([k]) => !k.startsWith('GET') && !k.includes('/security/') && !k.endsWith('/auth')).reduce((a, [, n]) => a + n, 0);
const calls = (s: Awaited<ReturnType<typeof stats>>) => Object.entries({ ...s.vsa.requests, ...s.bms.requests }).filter(([k]) => !k.includes('/security/') && !k.endsWith('/auth')).reduce((a, [, n]) => a + n, 0);

/** the sandbox runs under npx: its whole process group goes, or its server outlives the bench */
function stopSandbox(proc: ChildProcess): void {
  try {
    process.kill(-proc.pid!, 'SIGTERM');
  } catch {
    proc.kill();
  }
}

/** the measured clients; `fast` ones (more in flight, no pacing) only for the unmeasured setup */
function clients(urls: { vsa: string; bmsApi: string }, fast = false) {
  const f = (i: string, init?: RequestInit) => fetch(i, init);
  const concurrency = fast ? 16 : CONCURRENCY;
  const rps = fast ? 1000 : RPS;
  return {
    vsa: new VsaClient({ fetch: f, credentials: { baseUrl: urls.vsa, user: 'admin', secret: 'sandbox-token', method: 'token' }, concurrency, rps }),
    bms: new BmsClient({ fetch: f, credentials: { baseUrl: urls.bmsApi, tenant: 'sandbox', user: 'admin', password: 'sandbox' }, concurrency, rps, jobPollMs: 200 }),
  };
}

/** the bench's parts, for `--part` (comma list; all by default) */
export const SYNC_PARTS = ['import', 'bulk', 'records', 'worker'] as const;

export async function benchSync(args: { json: boolean; parts?: readonly string[] }) {
  const on = (part: (typeof SYNC_PARTS)[number]) => !args.parts?.length || args.parts.includes(part);
  const log = (s: string) => console.log(s);
  const figures: Record<string, unknown> = { bench: 'sync', latencyMs: LATENCY, concurrency: CONCURRENCY, rps: RPS };

  // 1. import 1,000 orgs: wall time against the API lower bound for the calls it made
  if (on('import')) {
    const { urls, proc } = await sandbox(['--orgs', '1000', '--agents', '1000', '--seed', '5', '--with', 'mapping-store']);
    try {
      const { vsa, bms } = clients(urls);
      const journal = new Journal('bench-import');
      await resetStats(urls.vsa);
      const t0 = performance.now();
      const [orgsRaw, accountsRaw, mapsRaw] = await Promise.all([collect(vsa.orgs()), collect(bms.accounts()), collect(bms.mappings())]);
      const orgs = orgsRaw.map((o) => ({ id: o.OrgId, name: o.OrgName }));
      const accounts = accountsRaw.map((a) => ({ id: a.Id, name: a.AccountName ?? '', active: a.IsActive }));
      const mappings = new Map(mapsRaw.map((m) => [m.ExternalId ?? '', m.PsaId]));
      const linked = new Set(mappings.values());
      const suggestions = matchAll(orgs.filter((o) => !mappings.has(o.id)), accounts.filter((a) => a.active && !linked.has(a.id)).map((a) => ({ id: String(a.id), name: a.name })));
      const plan = planImport({ orgs, accounts, mappings, suggestions }, { accept: 'auto+review', createMissing: true });
      const job = await journal.createJob('import', plan.items, plan.summary);
      await runImport(journal, job.id, bms, { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 });
      const wall = performance.now() - t0;
      const n = calls(await stats(urls.vsa));
      const lower = Math.max((n * LATENCY) / CONCURRENCY, (n / RPS) * 1000);
      figures.import = { orgs: 1000, items: plan.items.length, calls: n, wallMs: Math.round(wall), lowerBoundMs: Math.round(lower), ratioToLowerBound: +(wall / lower).toFixed(2) };
      log(`import 1,000 orgs: ${plan.items.length} items, ${n} calls in ${(wall / 1000).toFixed(1)} s; lower bound ${(lower / 1000).toFixed(1)} s (max of calls×latency÷${CONCURRENCY} and calls÷${RPS}/s) → ratio ${(wall / lower).toFixed(2)} (target ≤ 1.2)`);
    } finally {
      stopSandbox(proc);
    }
  }

  // 2. asset sync of 50,000 agents: calls per agent, re-sync unchanged, 1% changed, heap peak
  if (on('bulk')) {
    // bulk pushes are possible: the tenant still has BMS's mapping store and the integration is on
    const { urls, proc } = await sandbox(['--orgs', '5000', '--agents', '50000', '--seed', '6', '--with', 'mapping-store']);
    try {
      const { vsa, bms } = clients(urls);
      const journal = new Journal('bench-assets');
      // agents gone within and beyond the grace period (set up unmeasured, with fast clients)
      const setup = clients(urls, true);
      const storeLinks = new Map((await collect(setup.bms.mappings())).map((m) => [m.ExternalId ?? '', m.PsaId]));
      const gone = await goneAgents(urls.vsa, journal, (o) => storeLinks.has(o), () => loadAssetSyncInput(setup.vsa, setup.bms, journal, { autoCreate: true }), (jobId) => runAssetSync(journal, jobId, setup.bms));
      // as the background does: the plan goes to the journal and only its counts stay in memory;
      // with the tenant rules on (B15–B18): category rules, exclusions, the lifecycle's grace period
      const run = async () => {
        const input = await loadAssetSyncInput(vsa, bms, journal, { autoCreate: true });
        const { jobId, summary } = await plannedSync(journal, input);
        await runAssetSync(journal, jobId, bms);
        return { summary, agents: input.agents.length };
      };
      // two figures: the heap as sampled (garbage included), and the live heap after a forced GC
      // (needs --expose-gc, which `npm run bench` passes), closer to what the worker really holds
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const base = process.memoryUsage().heapUsed;
      let peak = base;
      let livePeak = base;
      let lastGc = 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        if (gc && Date.now() - lastGc > 1000) {
          gc();
          lastGc = Date.now();
          livePeak = Math.max(livePeak, process.memoryUsage().heapUsed);
        }
      }, 25);
      await resetStats(urls.vsa);
      let t0 = performance.now();
      const first = await run();
      const firstMs = performance.now() - t0;
      clearInterval(sampler);
      const s1 = await stats(urls.vsa);
      const synced = first.summary.push;
      await resetStats(urls.vsa);
      t0 = performance.now();
      const again = await run();
      const againMs = performance.now() - t0;
      const s2 = await stats(urls.vsa);
      // 1% of agents change in VSA
      const data = (await (await fetch(`${urls.vsa}/__sandbox/data`)).json()) as { vsa: { agents: { AgentId: number }[] } };
      const changed = data.vsa.agents.slice(0, Math.floor(data.vsa.agents.length / 100));
      for (const a of changed) await fetch(`${urls.vsa}/__sandbox/vsa/agents/${a.AgentId}`, { method: 'PATCH', body: JSON.stringify({ IPAddress: '198.51.100.7' }) });
      await resetStats(urls.vsa);
      const third = await run();
      const s3 = await stats(urls.vsa);
      figures.assets = {
        agents: first.agents, synced, calls: calls(s1), callsPerAgent: +(calls(s1) / Math.max(1, synced)).toFixed(4), firstSyncMs: Math.round(firstMs),
        resync: { unchanged: again.summary.unchanged, writeCalls: writeCalls(s2), readCalls: calls(s2) - writeCalls(s2), ms: Math.round(againMs), deactivated: again.summary.deactivate, waiting: again.summary.waiting },
        lifecycle: { graceDays: GRACE_DAYS, gone, deactivated: first.summary.deactivate, waiting: first.summary.waiting },
        tenantRules: { excluded: first.summary.excluded, system: first.summary.system },
        onePercent: { changed: changed.length, pushed: third.summary.push, serverWrites: s3.bms.writes, writeCalls: writeCalls(s3) },
        heapPeakMB: +((peak - base) / 1048576).toFixed(1),
        liveHeapPeakMB: gc ? +((livePeak - base) / 1048576).toFixed(1) : null,
      };
      log(`asset sync of ${first.agents.toLocaleString('en-US')} agents (50,000 less the removed ones) with categories, exclusions and lifecycle on: ${synced} pushed with ${calls(s1)} calls = ${(calls(s1) / Math.max(1, synced)).toFixed(4)} calls per agent (target ≤ 0.05), ${(firstMs / 1000).toFixed(1)} s; ${first.summary.excluded} excluded by the rules; of ${gone.beyondGrace + gone.withinGrace + gone.newlyGone} synced agents removed from VSA, ${first.summary.deactivate} deactivated (${gone.beyondGrace} gone longer than the ${GRACE_DAYS}-day grace period) and ${first.summary.waiting} waiting (${gone.withinGrace} gone 2 days, ${gone.newlyGone} gone since this sync)`);
      log(`re-sync, nothing changed: ${again.summary.unchanged} unchanged, ${writeCalls(s2)} write calls (target 0), ${calls(s2) - writeCalls(s2)} read calls, ${(againMs / 1000).toFixed(1)} s; ${again.summary.deactivate} deactivated, ${again.summary.waiting} still waiting out the grace period`);
      log(`1% changed (${changed.length} agents): ${third.summary.push} pushed, ${s3.bms.writes} writes in BMS (target = changes), ${writeCalls(s3)} write calls`);
      log(`engine heap peak during the 50k sync: ${((peak - base) / 1048576).toFixed(1)} MB above baseline, garbage included; live after GC ${gc ? `${((livePeak - base) / 1048576).toFixed(1)} MB` : 'not measured (run with --expose-gc)'} (Node, where the journal itself sits in the JS heap: fake-indexeddb; see the browser figure below)`);
    } finally {
      stopSandbox(proc);
    }
  }
  // 2b. the per-record way (no mapping store to vouch for the orgs, §7): measured on a smaller tenant, with BMS's
  // quota off and a short latency, because what it measures is calls, not time: one record at a time, at the
  // bench's latency, its thousands of calls would take half an hour; its cost at the real quota is said beside
  // the bulk figure. The tenant is the default one (no departments), and the run is told so, as the product's
  // capability record tells it (lib/sync/planners.ts)
  if (on('records')) {
    const { urls, proc } = await sandbox(['--orgs', String(PER_RECORD.orgs), '--agents', String(PER_RECORD.agents), '--seed', '7', '--quota', '0'], PER_RECORD.latencyMs);
    try {
      const { vsa, bms } = clients(urls);
      const journal = new Journal('bench-records');
      const links = new VsaFieldLinks(vsa);
      // link every org to the account that really is it (the generator's truth), in the VSA org field
      const truth = (await (await fetch(`${urls.vsa}/__sandbox/data`)).json()) as { truth: Record<string, number | null> };
      await links.link(Object.entries(truth.truth).filter(([, a]) => a !== null).map(([orgId, accountId]) => ({ orgId, accountId: accountId! })));
      const perRecord = { bulkOrg: () => false };
      // the same tenant rules, and agents gone within and beyond the grace period
      const setup = clients(urls, true);
      const setupLinks = new VsaFieldLinks(setup.vsa);
      const gone = await goneAgents(urls.vsa, journal, (o) => truth.truth[o] != null, () => loadAssetSyncInput(setup.vsa, setup.bms, journal, { autoCreate: false, links: setupLinks, departments: false }), (jobId) => runAssetSync(journal, jobId, setup.bms, {}, setupLinks), perRecord);
      const run = async () => {
        const { jobId, summary } = await plannedSync(journal, await loadAssetSyncInput(vsa, bms, journal, { autoCreate: false, links, departments: false }), perRecord);
        await runAssetSync(journal, jobId, bms, {}, links);
        return summary;
      };
      await resetStats(urls.vsa);
      const t0 = performance.now();
      const first = await run();
      const ms = performance.now() - t0;
      const s1 = await stats(urls.vsa);
      await resetStats(urls.vsa);
      const again = await run();
      const s2 = await stats(urls.vsa);
      const bmsCalls = Object.entries(s1.bms.requests).filter(([k]) => !k.includes('/security/')).reduce((a, [, n]) => a + n, 0);
      const perAgent = bmsCalls / Math.max(1, first.record);
      const at50k = perRecordNote({ record: 50_000, recordNew: 50_000 })!;
      figures.perRecord = {
        agents: first.record, bmsCalls, callsPerAgent: +perAgent.toFixed(3), ms: Math.round(ms),
        departmentIdSent: s1.bms.faults?.['capability.departmentIdSent'] ?? 0,
        resync: { unchanged: again.unchanged, writeCalls: writeCalls(s2), deactivated: again.deactivate, waiting: again.waiting },
        lifecycle: { graceDays: GRACE_DAYS, gone, deactivated: first.deactivate, waiting: first.waiting },
        estimate50k: { calls: at50k.calls, hoursAtQuota: +at50k.hours.toFixed(1) },
      };
      log(`per-record mode (no mapping store), same tenant rules: ${first.record} assets with ${bmsCalls} BMS calls = ${perAgent.toFixed(3)} calls per agent (bulk: see above), ${(ms / 1000).toFixed(1)} s with the quota off at ${PER_RECORD.latencyMs} ms latency; DepartmentId sent ${s1.bms.faults?.['capability.departmentIdSent'] ?? 0} times (target 0: the tenant has none); ${first.deactivate} assets of agents gone past the grace period deactivated, ${first.waiting} waiting (of ${gone.beyondGrace + gone.withinGrace + gone.newlyGone} synced agents removed from VSA); re-sync unchanged: ${again.unchanged} unchanged, ${writeCalls(s2)} write calls (target 0), ${again.deactivate} deactivated; 50,000 agents that way ≈ ${at50k.calls.toLocaleString('en-US')} calls ≈ ${at50k.hours.toFixed(1)} h at 1,500 calls/h per endpoint`);
    } finally {
      stopSandbox(proc);
    }
  }
  // 3. the background's heap where it really runs: the service worker in Chromium (IndexedDB off the JS heap)
  if (on('worker')) {
    const w = await workerHeapDuringSync(50_000);
    (figures as Record<string, unknown>).workerHeap = w;
    log(`background heap in Chromium during the 50k sync (service worker, over CDP): peak ${w.heapPeakMB} MB above its ${w.baselineMB} MB baseline, garbage included; live after GC ${w.liveHeapPeakMB} MB (target ≤ 50 MB); ${w.pushed} assets in ${(w.ms / 1000).toFixed(0)} s`);
  }
  if (args.json) console.log(JSON.stringify(figures));
  return figures;
}
