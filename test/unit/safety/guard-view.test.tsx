// @vitest-environment happy-dom
// MEDIUM-3 in the popup: a run that waits for a yes says why, and "Run" asks before it sends job.start.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ask } from '@/components/api';
import { JobView } from '@/components/JobView';
import type { JobProgress } from '@/lib/messages';

vi.mock('@/lib/i18n', () => import('../i18n-en'));
afterEach(cleanup);

const planned: JobProgress = {
  jobId: 'assets-1-a', kind: 'assets', state: 'planned', total: 10, done: 0, failed: 0, pending: 10, current: null, ratePerSec: null, etaSec: null,
  note: 'x', noteKey: 'note_deactivate_confirm_suspect', noteArgs: ['5000', '5000', '250'], summary: { deactivate: 5000, agents: 0 }, errors: [],
  confirm: { reason: 'mass-deactivation', deactivate: 5000, active: 5000, limit: 250, suspect: [{ code: 'no-agents', args: ['5000'], text: 'VSA answered no agents at all' }] },
};

describe('mass deactivation in the popup (MEDIUM-3)', () => {
  it('says why, asks on Run, and starts only with the yes', async () => {
    const calls: Record<string, unknown>[] = [];
    const ask = (async (m: Record<string, unknown>) => {
      calls.push(m);
      return { ...planned, state: 'running', confirm: null };
    }) as unknown as Ask;
    const { container } = render(<JobView plan={{ progress: planned, conflicts: [] }} progress={planned} ask={ask} onProgress={() => undefined} onClose={() => undefined} />);
    const warn = container.querySelector('#job-guard')!;
    expect(warn.textContent).toMatch(/would deactivate 5,?000 of 5,?000 active assets/);
    expect(warn.textContent).toMatch(/VSA answered no agents at all/);
    fireEvent.click(container.querySelector('#job-run')!);
    const dialog = await waitFor(() => container.querySelector('#confirm')!);
    expect(dialog.textContent).toMatch(/Deactivate 5,?000 assets in BMS\?/);
    expect(calls).toEqual([]);
    fireEvent.click(container.querySelector('#confirm-no')!);
    expect(calls).toEqual([]);
    fireEvent.click(container.querySelector('#job-run')!);
    fireEvent.click(await waitFor(() => container.querySelector('#confirm-yes')!));
    await waitFor(() => expect(calls).toEqual([{ type: 'job.start', jobId: 'assets-1-a', confirmed: true }]));
  });

  it('a run without a guard starts at once, without a yes', async () => {
    const calls: Record<string, unknown>[] = [];
    const ask = (async (m: Record<string, unknown>) => (calls.push(m), { ...planned, state: 'running', confirm: null })) as unknown as Ask;
    const p = { ...planned, confirm: null, noteKey: null, note: null };
    const { container } = render(<JobView plan={{ progress: p, conflicts: [] }} progress={p} ask={ask} onProgress={() => undefined} onClose={() => undefined} />);
    expect(container.querySelector('#job-guard')).toBeNull();
    fireEvent.click(container.querySelector('#job-run')!);
    await waitFor(() => expect(calls).toEqual([{ type: 'job.start', jobId: 'assets-1-a' }]));
  });
});
