/**
 * A location rule saved while an asset sync runs (F10): the org's re-placement waits on the running job's
 * record in the journal, so a stopped service worker loses nothing. The first manager's worker dies
 * mid-sync (its calls never answer again); a new manager on the same journal resumes the sync and, when it
 * ends, places the org's assets by the new rule.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { IdbJournal as Journal } from '@/lib/store/journal-idb';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, freshStart, managerFor } from './helpers';

let sb: Sandbox;
let journal: Journal;
const { faults } = clientsFor(() => sb);

beforeAll(async () => {
  sb = await startSandbox({ orgs: 40, agents: 120, seed: 77, faults: { jobDelayMs: 5 }, capabilities: { departments: true, mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 5);
});

it('a rule saved while a full asset sync runs survives a worker stop: the next worker re-places the org once the sync ends', async () => {
  // a worker that is stopped: from `dead` on, none of its calls ever answers
  let dead = false;
  const worker = (i: string, init?: RequestInit) => (dead ? new Promise<Response>(() => undefined) : fetch(i, init));
  const first = managerFor(sb, journal, { fetch: worker });
  const s = sb.state();
  // a linked org with agents whose account has a second location
  const links = [...s.bms.mappings.get('vsa/account')!.values()].map((m) => m.ExternalId);
  let orgId = '';
  let info: Awaited<ReturnType<typeof first.ruleInfo>> | null = null;
  for (const o of links) {
    if (![...s.vsa.agents.values()].some((a) => String(a.OrgId) === o)) continue;
    const i = await first.ruleInfo(o);
    if (i.locations.some((l) => l.isActive && !l.isMain)) [orgId, info] = [o, i];
    if (info) break;
  }
  expect(info, 'the seed has a linked account with two locations').not.toBeNull();
  const other = info!.locations.find((l) => l.isActive && !l.isMain)!;
  // BMS takes its time over the bulk push, so the full sync (planned with the old rule) is still running when the rule changes
  await faults({ target: 'bms', jobDelayMs: 10_000 });
  const full = (await first.planAssetSync({})).progress.jobId;
  await first.start(full);
  const plan = await first.saveRule(orgId, { kind: 'custom', groups: info!.machineGroups.map((g) => ({ machineGroupId: g.id, locationId: other.id, departmentId: null })) });
  expect(plan.progress.jobId, 'the save joined the running sync').toBe(full);
  expect((await journal.job(full))!.replaceAfter).toEqual([orgId]);
  // the worker stops while the sync runs: what it held in memory is gone
  dead = true;
  await faults({ target: 'bms', jobDelayMs: 5 });
  expect((await journal.job(full))!.state).toBe('running');
  // the next worker, on the same journal, resumes the sync, then places the org by the new rule
  const next = managerFor(sb, journal);
  await next.resume();
  await next.waitIdle();
  expect((await journal.job(full))!).toMatchObject({ state: 'done', replaceAfter: [] });
  const again = (await journal.jobs('assets')).filter((j) => j.id !== full && j.state === 'done');
  expect(again.length, 'a re-placement job of the org ran after the sync').toBeGreaterThan(0);
  const agents = [...s.vsa.agents.values()].filter((a) => String(a.OrgId) === orgId);
  const placed = [...s.bms.assets.values()].filter((a) => a.IsActive && agents.some((g) => String(g.AgentId) === a.AgentId));
  expect(placed.length).toBe(agents.length);
  for (const a of placed) expect(a.AccountLocationId, a.Name ?? '').toBe(other.id);
});

it('a sync that ended before its re-placements started (the worker stopped in between): the next worker starts them when it resumes', async () => {
  const jobs = managerFor(sb, journal);
  const s = sb.state();
  const orgId = [...s.bms.mappings.get('vsa/account')!.values()].map((m) => m.ExternalId).find((o) => [...s.vsa.agents.values()].some((a) => String(a.OrgId) === o))!;
  const full = (await jobs.planAssetSync({})).progress.jobId;
  await jobs.start(full);
  await jobs.waitIdle();
  // what a worker stopped right after the sync's end leaves in the journal
  await journal.updateJob(full, { replaceAfter: [orgId] });
  const before = (await journal.jobs('assets')).map((j) => j.id);
  const next = managerFor(sb, journal);
  await next.resume();
  await next.waitIdle();
  expect((await journal.job(full))!.replaceAfter).toEqual([]);
  const started = (await journal.jobs('assets')).filter((j) => !before.includes(j.id));
  expect(started).toHaveLength(1);
  expect(started[0]).toMatchObject({ state: 'done' });
  // the org's own forced sync: its agents pushed again, and no other org's
  const orgAgents = [...s.vsa.agents.values()].filter((a) => String(a.OrgId) === orgId).length;
  expect(started[0].summary.push).toBeGreaterThan(0);
  expect(started[0].summary.push).toBeLessThanOrEqual(orgAgents);
});
