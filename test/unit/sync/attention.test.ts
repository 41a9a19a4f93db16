import { describe, expect, it } from 'vitest';
import { attention } from '@/lib/sync/attention';

const base = { kind: 'assets', state: 'done', failed: 0, note: null, summary: { push: 10, unplaced: 0, moved: 0 } };
describe('what needs attention after a job', () => {
  it('nothing: no badge, no notification', () => {
    expect(attention(base, 0)).toEqual({ count: 0, message: null, parts: [] });
  });
  it('counts failed items, unplaced agents and conflicts, and names moved agents', () => {
    const a = attention({ ...base, failed: 2, summary: { unplaced: 3, moved: 1 } }, 4);
    expect(a.count).toBe(9);
    expect(a.parts.map((p) => p.key)).toEqual(['att_failed', 'att_unplaced', 'att_moved', 'att_conflicts']);
    expect(a.message).toBe('After the asset sync: 2 item(s) failed and can be retried; 3 agent(s) could not be placed on an account; 1 agent(s) moved between machine groups; 4 org(s) have a conflict (renamed, deactivated or duplicate names).');
  });
  it('a stopped job says why', () => {
    expect(attention({ ...base, kind: 'import', state: 'failed', note: 'BMS refused the password.' }, 0)).toMatchObject({ count: 1, message: 'The import stopped: BMS refused the password.', parts: [{ key: 'att_stopped_import', n: 'BMS refused the password.' }] });
  });
});
