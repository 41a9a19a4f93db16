// MEDIUM-1: undo deletes only links whose current account is the one the job linked; "Unchanged"
// answers are not recorded as created; "Undo last bulk job" skips planned, discarded and one-row jobs.
import { beforeEach, describe, expect, it } from 'vitest';
import { JobManager } from '@/lib/sync/manager';
import type { Journal } from '@/lib/sync/journal';
import { contextOf, FakeBms, FakeVsa, freshJournal } from './fakes';

let bms: FakeBms;
let vsa: FakeVsa;
let journal: Journal;
let jobs: JobManager;

beforeEach(() => {
  bms = new FakeBms();
  vsa = new FakeVsa();
  for (let i = 1; i <= 7; i++) {
    vsa.orgs.set(String(i), `Client ${i}`);
    bms.accounts.set(100 + i, `Client ${i}`);
  }
  journal = freshJournal();
  jobs = new JobManager(journal, contextOf(vsa, bms), () => undefined);
});

async function bulkImport(orgIds: string[], beforeRun: () => void = () => undefined) {
  const plan = await jobs.planImport({ orgIds, accept: 'auto', createMissing: false, choices: Object.fromEntries(orgIds.map((o) => [o, 100 + Number(o)])) });
  beforeRun();
  await jobs.start(plan.progress.jobId);
  await jobs.waitIdle();
  return plan.progress.jobId;
}

describe('undo (MEDIUM-1)', () => {
  it('removes only links that still point at the account the job linked; the others are reported as kept', async () => {
    const job = await bulkImport(['5', '6', '7']);
    expect(bms.maps.get('7')).toBe(107);
    bms.maps.set('7', 999); // a colleague re-linked org 7 since
    const undo = await jobs.planUndo(job);
    await jobs.start(undo.progress.jobId);
    await jobs.waitIdle();
    expect(bms.maps.get('7')).toBe(999);
    expect(bms.maps.has('5')).toBe(false);
    expect(bms.maps.has('6')).toBe(false);
    expect(bms.deleted.flat()).not.toContain('7');
    const p = (await jobs.progress(undo.progress.jobId))!;
    expect(p.state).toBe('done');
    expect(p.summary.keptChanged).toBe(1);
    expect(p.noteKey).toBe('note_undo_kept');
    expect(p.note).toMatch(/another account.*kept.*org 7 → account 999/);
    expect(p.noteArgs).toEqual(['1', 'org 7 → account 999']);
    expect((await journal.auditLog(50)).filter((a) => a.action === 'unlink').map((a) => a.record).sort()).toEqual(['mapping 5', 'mapping 6']);
  });

  it('does not record an "Unchanged" link as made by the job, so undo leaves it alone', async () => {
    // someone made the same pair after the dry run, before the admin ran it
    const job = await bulkImport(['3', '4'], () => bms.maps.set('3', 103));
    const created = (await journal.items(job)).flatMap((i) => i.created);
    expect(created.map((c) => c.id)).toEqual(['4']);
    const undo = await jobs.planUndo(job);
    expect(undo.progress.summary.unlink).toBe(1);
    await jobs.start(undo.progress.jobId);
    await jobs.waitIdle();
    expect(bms.maps.get('3')).toBe(103);
    expect(bms.maps.has('4')).toBe(false);
  });

  it('"Undo last" skips discarded dry runs, planned jobs and one-row links', async () => {
    const bulk = await bulkImport(['1', '2', '3', '4', '5']);
    const discarded = await jobs.planImport({ orgIds: ['6'], accept: 'auto', createMissing: false, choices: { 6: 106 } });
    await jobs.cancel(discarded.progress.jobId); // "Discard" in the preview
    await bulkImport(['7']); // the row's "Link" button: a one-item import
    await jobs.planImport({ orgIds: ['6'], accept: 'auto', createMissing: false, choices: { 6: 106 } }); // planned, never run
    const undo = await jobs.planUndo();
    expect(undo.progress.summary.unlink).toBe(5);
    expect((await journal.items(undo.progress.jobId)).flatMap((i) => (i.action as { orgIds: string[] }).orgIds).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(bulk).toBeTruthy();
  });

  it('says so when there is no bulk job to undo', async () => {
    await bulkImport(['7']);
    await expect(jobs.planUndo()).rejects.toThrow(/no bulk job/i);
  });
});
