// LOW-3: ids from messages are validated at the protocol boundary (digits, bounded length), so no
// "5,6" or "1 or 1 eq 1" reaches a comma-joined filter or an OData expression.
import { describe, expect, it } from 'vitest';
import { assertVsaId, BmsId, dispatch, isBmsId, isVsaId, JobId, VsaId, type Handlers } from '@/lib/messages';

const seen: unknown[] = [];
const handlers = new Proxy({}, { get: () => async (req: unknown) => { seen.push(req); return { ok: true }; } }) as Handlers;

describe('ids at the protocol boundary (LOW-3)', () => {
  it.each([
    { type: 'mapping.unlink', orgId: '5,6' },
    { type: 'mapping.unlink', orgId: '1 or 1 eq 1' },
    { type: 'mapping.ruleInfo', orgId: '' },
    { type: 'mapping.ackNames', orgId: '1'.repeat(27) },
    { type: 'mapping.neverMap', orgId: '5', accountId: '1,2', on: true },
    { type: 'mapping.neverMap', orgId: '5', accountId: '2147483648', on: true },
    { type: 'job.planAssetSync', orgId: '5 or 1 eq 1' },
    { type: 'job.planAssetSync', agentId: '-1' },
    { type: 'job.planImport', selection: { orgIds: ['1', '2,3'], accept: 'auto', createMissing: false } },
    { type: 'job.planImport', selection: { accept: 'auto', createMissing: false, choices: { 'x,y': 5 } } },
    { type: 'job.planImport', selection: { accept: 'auto', createMissing: false, choices: { '7': 0 } } },
    { type: 'job.planExport', accountIds: [2 ** 31] },
    { type: 'mapping.warnings', orgId: '7', accountId: -5 },
    { type: 'asset.sync', assetId: 1.5 },
    { type: 'account.mapping', accountId: 0 },
    { type: 'job.start', jobId: 'import-1,2' },
    { type: 'job.cancel', jobId: 'x'.repeat(65) },
    { type: 'job.progress', jobId: '' },
  ])('refuses $type with a malformed id ($orgId$accountId$agentId$jobId$assetId)', async (msg) => {
    seen.length = 0;
    const reply = await dispatch(msg, 'extension', handlers);
    expect(reply).toMatchObject({ ok: false, code: 'bad-request' });
    expect(seen).toEqual([]);
  });

  it('passes well-formed ids', async () => {
    for (const msg of [
      { type: 'mapping.unlink', orgId: '83712938471928374' },
      { type: 'mapping.neverMap', orgId: '5', accountId: '2147483647', on: false },
      { type: 'job.planImport', selection: { orgIds: ['1'], accept: 'auto', createMissing: false, choices: { '1': 'new', '2': 7 } } },
      { type: 'job.start', jobId: 'import-mfq1x2-a8b9c0' },
      { type: 'asset.sync', assetId: 2147483647 },
    ]) {
      seen.length = 0;
      const reply = await dispatch(msg, 'extension', handlers);
      expect(reply).not.toMatchObject({ code: 'bad-request' });
      expect(seen).toHaveLength(1);
    }
  });

  it('one set of schemas and guards for everyone', () => {
    expect(VsaId.safeParse('12345678901234567890123456').success).toBe(true);
    expect(VsaId.safeParse('123456789012345678901234567').success).toBe(false);
    expect(BmsId.safeParse(2147483647).success).toBe(true);
    expect(JobId.safeParse('assets-abc-def').success).toBe(true);
    expect(isVsaId('12')).toBe(true);
    expect(isVsaId('1 2')).toBe(false);
    expect(isBmsId(3)).toBe(true);
    expect(isBmsId(-3)).toBe(false);
    expect(assertVsaId('42')).toBe('42');
    expect(() => assertVsaId('5,6', 'Org')).toThrow(/Org "5,6" is not a VSA id/);
  });
});
