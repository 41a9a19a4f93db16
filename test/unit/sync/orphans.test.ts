/**
 * B17 and B18 in the popup's data, against the sandbox: the sync list marks built-in and excluded orgs
 * (never suggested) and links with assets off, with their counts; the orphan list shows an asset
 * whose agent is gone with the days its grace period has left, and "Deactivate now" deactivates it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import type { JobManager } from '@/lib/sync/manager';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '@/lib/mapping/tenant-settings';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { freshStart, managerFor } from './helpers';

let sb: Sandbox;
let journal: Journal;
let tenant: TenantSettings;
let jobs: JobManager;

beforeAll(async () => {
  sb = await startSandbox({ orgs: 12, agents: 40, seed: 23, faults: { jobDelayMs: 5 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 5);
  tenant = DEFAULT_TENANT_SETTINGS;
  jobs = managerFor(sb, journal, { autoCreate: true, tenant: () => tenant });
});

async function linkAndSync() {
  const imp = await jobs.planImport({ accept: 'auto', createMissing: true });
  await jobs.start(imp.progress.jobId);
  await jobs.waitIdle();
  const first = await jobs.planAssetSync({});
  await jobs.start(first.progress.jobId);
  await jobs.waitIdle();
}

describe('sync list scope (B17)', () => {
  it('an excluded org is marked with its rule and never suggested; a link with assets off is marked; both are counted', async () => {
    const ov = await jobs.overview(true);
    const suggested = ov.rows.find((r) => r.status === 'suggested')!;
    const linked = ov.rows.find((r) => r.status === 'linked')!;
    tenant = { ...DEFAULT_TENANT_SETTINGS, exclusions: [...DEFAULT_TENANT_SETTINGS.exclusions, { target: 'org', pattern: suggested.orgName }], assetsOffOrgs: [linked.orgId] };
    const scoped = await jobs.overview(false);
    const row = scoped.rows.find((r) => r.orgId === suggested.orgId)!;
    expect(row).toMatchObject({ status: 'unlinked', accountId: null, scope: { status: 'excluded' } });
    expect(row.reason).toMatch(/^Excluded by the rule org "/);
    expect(scoped.rows.find((r) => r.orgId === linked.orgId)!.assetsOff).toBe(true);
    expect(scoped.scopeCounts).toEqual({ system: 0, excluded: 1, assetsOff: 1 });
    expect(scoped.counts.suggested).toBe(ov.counts.suggested - 1);
    // importing every suggestion leaves the excluded org out, counted
    const imp = await jobs.planImport({ accept: 'auto', createMissing: true });
    expect(imp.progress.summary.excluded).toBe(1);
  });
});

describe('orphan list (B18)', () => {
  it('an asset whose agent is gone waits out the grace period; Deactivate now deactivates it; a reinstalled agent is an agent without an asset', async () => {
    await linkAndSync();
    const s = sb.state();
    const [gone, reinstalled] = [...s.vsa.agents.values()].filter((a) => a.Attributes.SerialNumber && [...s.bms.assets.values()].some((x) => x.AgentId === a.AgentId));
    await fetch(`${sb.vsaUrl}/__sandbox/vsa/agents/${gone.AgentId}`, { method: 'DELETE' });
    const { newAgentId } = await (await fetch(`${sb.vsaUrl}/__sandbox/vsa/reinstall/${reinstalled.AgentId}`, { method: 'POST' })).json() as { newAgentId: string };
    // the dry run starts the grace period of both removed agents
    const plan = await jobs.planAssetSync({});
    await jobs.cancel(plan.progress.jobId);
    const report = await jobs.orphans();
    expect(report.graceDays).toBe(7);
    expect(report.assets.map((a) => [a.agentId, a.active, a.daysLeft]).sort()).toEqual([[gone.AgentId, true, 7], [reinstalled.AgentId, true, 7]].sort());
    expect(report.agents.map((a) => a.agentId)).toEqual([newAgentId]);

    const asset = [...s.bms.assets.values()].find((x) => x.AgentId === gone.AgentId)!;
    const done = await jobs.deactivateOrphan(gone.AgentId);
    expect(done).toMatchObject({ state: 'done', failed: 0, kind: 'assets' });
    expect(s.bms.assets.get(asset.Id)!.IsActive).toBe(false);
    const after = await jobs.orphans();
    expect(after.assets.find((a) => a.agentId === gone.AgentId)).toMatchObject({ active: false, daysLeft: null });
    // a live agent's asset is not deactivated by this action
    const live = [...s.vsa.agents.values()].find((a) => [...s.bms.assets.values()].some((x) => x.AgentId === a.AgentId && x.IsActive))!;
    await expect(jobs.deactivateOrphan(live.AgentId)).rejects.toThrow(/is in VSA again/);
  });
});
