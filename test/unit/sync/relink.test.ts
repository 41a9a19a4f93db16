/**
 * Reinstalled agents (B16) end to end against the sandbox: the dry run offers the relink, accepting
 * moves the removed agent's asset to the new agent (same asset id, one active asset), the relink is
 * audited and undoable; a rejected or undone pair is never offered again.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdbJournal as Journal } from '@/lib/store/journal-idb';
import type { JobManager } from '@/lib/sync/manager';
import { DEFAULT_TENANT_SETTINGS } from '@/lib/mapping/tenant-settings';
import { VsaFieldLinks } from '@/lib/sync/link-store';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clientsFor, freshStart, managerFor } from './helpers';

let sb: Sandbox;
let journal: Journal;
let jobs: JobManager;
const { vsa } = clientsFor(() => sb);

beforeAll(async () => {
  sb = await startSandbox({ orgs: 12, agents: 40, seed: 16, faults: { jobDelayMs: 5 }, capabilities: { mappingStore: true } });
});
afterAll(() => sb.close());
beforeEach(async () => {
  journal = await freshStart(sb, journal, 5);
  jobs = managerFor(sb, journal, { autoCreate: true, tenant: DEFAULT_TENANT_SETTINGS });
});

/** links every org and syncs every asset once, then reinstalls one agent with a serial number */
async function syncedThenReinstalled() {
  const imp = await jobs.planImport({ accept: 'auto', createMissing: true });
  await jobs.start(imp.progress.jobId);
  await jobs.waitIdle();
  const first = await jobs.planAssetSync({});
  await jobs.start(first.progress.jobId);
  await jobs.waitIdle();
  const old = [...sb.state().vsa.agents.values()].find((a) => a.Attributes.SerialNumber && [...sb.state().bms.assets.values()].some((x) => x.AgentId === a.AgentId))!;
  const asset = [...sb.state().bms.assets.values()].find((x) => x.AgentId === old.AgentId)!;
  const r = await (await fetch(`${sb.vsaUrl}/__sandbox/vsa/reinstall/${old.AgentId}`, { method: 'POST' })).json() as { oldAgentId: string; newAgentId: string };
  return { ...r, assetId: asset.Id, name: old.ComputerName };
}
const assetsOf = (agentId: string) => [...sb.state().bms.assets.values()].filter((a) => a.AgentId === agentId);

describe('reinstalled agents (B16)', () => {
  it('the dry run offers the relink; accepting it leaves one active asset with the new agent id and the old asset id; undo moves it back', async () => {
    const { oldAgentId, newAgentId, assetId } = await syncedThenReinstalled();
    const plan = await jobs.planAssetSync({});
    const offer = plan.conflicts.find((c) => c.relink?.newAgentId === newAgentId)!;
    expect(offer.relink).toEqual({ newAgentId, oldAgentId });
    expect(offer.reason).toMatch(/has the serial number .* of removed agent .*relink its asset/);
    // held back: no second asset is pushed, the old one is not deactivated
    expect(plan.progress.summary).toMatchObject({ relink: 1, deactivate: 0 });
    expect(assetsOf(newAgentId)).toEqual([]);

    const done = await jobs.acceptRelink(plan.progress.jobId, newAgentId);
    expect(done).toMatchObject({ state: 'done', done: 1, failed: 0, summary: { relinked: 1 } });
    expect(assetsOf(newAgentId).map((a) => [a.Id, a.IsActive])).toEqual([[assetId, true]]);
    expect(assetsOf(oldAgentId)).toEqual([]);
    // the offer is used up, and the audit log has the write, before → after
    await expect(jobs.acceptRelink(plan.progress.jobId, newAgentId)).rejects.toThrow(/no relink offer/);
    const audit = (await journal.auditLog(5)).find((e) => e.action === 'relink')!;
    expect(audit).toMatchObject({ jobId: done.jobId, record: `asset ${assetId}`, before: { agentId: oldAgentId }, after: { agentId: newAgentId } });

    // the next sync knows the asset as the new agent's: nothing to relink, no second asset
    const again = await jobs.planAssetSync({});
    expect(again.conflicts.filter((c) => c.relink)).toEqual([]);
    await jobs.start(again.progress.jobId);
    await jobs.waitIdle();
    expect(assetsOf(newAgentId).map((a) => a.Id)).toEqual([assetId]);

    // undo: the asset belongs to the removed agent again, and the pair is not offered again
    const undo = await jobs.planUndo(done.jobId);
    expect(undo.progress.summary).toEqual({ unrelink: 1 });
    await jobs.start(undo.progress.jobId);
    await jobs.waitIdle();
    expect(await jobs.progress(undo.progress.jobId)).toMatchObject({ state: 'done', failed: 0 });
    expect(assetsOf(oldAgentId).map((a) => a.Id)).toEqual([assetId]);
    expect(assetsOf(newAgentId)).toEqual([]);
    const after = await jobs.planAssetSync({});
    expect(after.conflicts.filter((c) => c.relink)).toEqual([]);
  });

  it('a rejected relink is remembered: the new agent gets its own asset and the pair is never offered again', async () => {
    const { oldAgentId, newAgentId, assetId } = await syncedThenReinstalled();
    const plan = await jobs.planAssetSync({});
    expect(plan.conflicts.some((c) => c.relink?.newAgentId === newAgentId)).toBe(true);
    await jobs.rejectRelink(plan.progress.jobId, newAgentId);
    await jobs.cancel(plan.progress.jobId);
    const next = await jobs.planAssetSync({});
    expect(next.conflicts.filter((c) => c.relink)).toEqual([]);
    expect(next.progress.summary.relink ?? 0).toBe(0);
    await jobs.start(next.progress.jobId);
    await jobs.waitIdle();
    expect(assetsOf(newAgentId).length).toBe(1);
    expect(assetsOf(newAgentId)[0].Id).not.toBe(assetId);
    // the removed agent's asset waits out its grace period (default 7 days), still active
    expect(assetsOf(oldAgentId).map((a) => [a.Id, a.IsActive])).toEqual([[assetId, true]]);
  });

  it('per record (no mapping store to trust): accepting rewrites the removed agent\'s record for the new agent; the next sync updates that record, no second one', async () => {
    const links = new VsaFieldLinks(vsa());
    const categories = sb.state().bms.categories.map((c) => ({ id: c.Id, name: c.Name }));
    jobs = managerFor(sb, journal, { autoCreate: true, tenant: DEFAULT_TENANT_SETTINGS, links, categories });
    const imp = await jobs.planImport({ accept: 'auto', createMissing: true });
    await jobs.start(imp.progress.jobId);
    await jobs.waitIdle();
    const first = await jobs.planAssetSync({});
    expect(first.progress.summary.record).toBeGreaterThan(0);
    await jobs.start(first.progress.jobId);
    await jobs.waitIdle();
    const cache = await journal.assetCache();
    const old = [...sb.state().vsa.agents.values()].find((a) => a.Attributes.SerialNumber && cache.get(a.AgentId)?.mode === 'record' && cache.get(a.AgentId)?.psaAssetId)!;
    const psa = cache.get(old.AgentId)!.psaAssetId!;
    const { newAgentId } = await (await fetch(`${sb.vsaUrl}/__sandbox/vsa/reinstall/${old.AgentId}`, { method: 'POST' })).json() as { newAgentId: string };
    const plan = await jobs.planAssetSync({});
    expect(plan.conflicts.find((c) => c.relink?.newAgentId === newAgentId)?.relink).toEqual({ newAgentId, oldAgentId: old.AgentId });
    const done = await jobs.acceptRelink(plan.progress.jobId, newAgentId);
    expect(done).toMatchObject({ state: 'done', failed: 0 });
    expect((await journal.assetCache()).get(newAgentId)).toMatchObject({ psaAssetId: psa, active: true, relinkedFrom: old.AgentId });
    expect(sb.state().bms.assets.get(psa)).toMatchObject({ IsActive: true, SerialNumber: old.Attributes.SerialNumber });
    await jobs.start(plan.progress.jobId);
    await jobs.waitIdle();
    const again = await jobs.planAssetSync({ force: true, agentId: newAgentId });
    await jobs.start(again.progress.jobId);
    await jobs.waitIdle();
    const withSerial = [...sb.state().bms.assets.values()].filter((a) => a.SerialNumber === old.Attributes.SerialNumber && a.IsActive);
    expect(withSerial.map((a) => a.Id)).toEqual([psa]);
  });
});
