// MEDIUM-2: "Clear" succeeds only when BMS's job detail says so (StatusCode 200; 404 = already gone);
// a refused delete is an error for the admin, and the team rule and the audit log stay untouched.
import { beforeEach, describe, expect, it } from 'vitest';
import { JobManager } from '@/lib/sync/manager';
import type { Journal } from '@/lib/sync/journal';
import { contextOf, FakeBms, FakeVsa, freshJournal } from './fakes';

let bms: FakeBms;
let journal: Journal;
let jobs: JobManager;

beforeEach(async () => {
  bms = new FakeBms();
  bms.maps.set('5', 500);
  bms.maps.set('6', 600);
  bms.ruleField.set(500, '{"orgId":"5","rule":{"kind":"groupId"}}');
  journal = freshJournal();
  await journal.setRule('5', { kind: 'groupId' });
  jobs = new JobManager(journal, contextOf(new FakeVsa(), bms), () => undefined);
});

describe('clear a link (MEDIUM-2)', () => {
  it('a delete BMS refuses is an error naming the org and BMS\'s reason; nothing else changes', async () => {
    bms.refuseDelete.set('5', { code: '500', message: 'Internal error while deleting the mapping.' });
    await expect(jobs.unlink('5')).rejects.toThrow(/org 5.*Internal error while deleting/);
    expect(bms.maps.get('5')).toBe(500);
    expect(bms.ruleWrites).toEqual([]);
    expect(await journal.rule('5')).toEqual({ kind: 'groupId' });
    expect(await journal.auditLog(10)).toEqual([]);
  });

  it('no detail for the org in BMS\'s answer is no success either', async () => {
    bms.refuseDelete.set('5', { code: '200', message: 'Deleted.' });
    const c = bms.client();
    (c as unknown as { deleteMappings: () => Promise<unknown> }).deleteMappings = async () => ({ JobId: 3, JobStatus: 'Completed', Details: [] });
    const jobs2 = new JobManager(journal, async () => ({ ...(await contextOf(new FakeVsa(), bms)()), bms: c }), () => undefined);
    await expect(jobs2.unlink('5')).rejects.toThrow(/org 5/);
    expect(bms.ruleWrites).toEqual([]);
    expect(await journal.auditLog(10)).toEqual([]);
  });

  it('a 200 clears the link, its rule for the team and in this browser, and is audited', async () => {
    await jobs.unlink('5');
    expect(bms.maps.has('5')).toBe(false);
    expect(bms.ruleWrites).toEqual([{ accountId: 500, value: '' }]);
    expect(await journal.rule('5')).toBeNull();
    expect((await journal.auditLog(10)).map((a) => a.action)).toEqual(['unlink']);
  });

  it('a 404 (already gone) counts as cleared', async () => {
    bms.refuseDelete.set('5', { code: '404', message: 'Not found.' });
    await expect(jobs.unlink('5')).resolves.toEqual({ ok: true });
  });

  it('"5,6" never reaches BMS: org 5\'s rule stays', async () => {
    await expect(jobs.unlink('5,6')).rejects.toThrow(/not a VSA id/);
    expect(bms.calls).toEqual([]);
    expect(bms.ruleWrites).toEqual([]);
  });
});
