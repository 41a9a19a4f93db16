// @vitest-environment happy-dom
// B16 and B19 in the asset sync's dry run: a suspected reinstall is shown with why, and Accept / Reject ask the background; the field changes are listed.
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ask } from '@/components/api';
import { JobView } from '@/components/JobView';
import type { JobProgress, PlanReply } from '@/lib/messages';

vi.mock('@/lib/i18n', () => {
  const en = JSON.parse(readFileSync(`${process.cwd()}/public/_locales/en/messages.json`, 'utf8')) as Record<string, { message: string }>;
  return { t: (k: string, subs?: string | string[]) => [subs ?? []].flat().reduce((m, v, i) => m.replace(`$${i + 1}`, v), en[k]?.message ?? k) };
});
afterEach(cleanup);

const planned: JobProgress = {
  jobId: 'assets-1-a', kind: 'assets', state: 'planned', total: 3, done: 0, failed: 0, pending: 3, current: null, ratePerSec: null, etaSec: null,
  note: null, noteKey: null, noteArgs: [], summary: { push: 3, relink: 2 }, errors: [],
};
const plan: PlanReply = {
  progress: planned,
  conflicts: [
    { key: 'relink:22:11', reason: 'New agent "PC-2" has the serial number CZC1 of removed agent "PC-1": relink its asset 501 (keeps history and contract units) instead of creating a second one?', relink: { newAgentId: '22', oldAgentId: '11' } },
    { key: 'relink:44:33', reason: 'New agent "PC-4" has the MAC 00:1A:2B:3C:4D:5E of removed agent "PC-3": relink its asset 502?', relink: { newAgentId: '44', oldAgentId: '33' } },
    { key: '99', reason: 'Agent "X" has no account.' },
  ],
};
const relinkJob = (x: Partial<JobProgress>): JobProgress => ({ ...planned, jobId: 'assets-2-b', state: 'done', total: 1, done: 1, pending: 0, summary: { relinked: 1 }, ...x });

describe('relink offers in the dry run (B16)', () => {
  it('shows each offer with why, accepts one (then offers its undo), rejects the other; other conflicts stay in the list', async () => {
    const calls: Record<string, unknown>[] = [];
    const undone: PlanReply[] = [];
    const ask = (async (m: Record<string, unknown>) => {
      calls.push(m);
      if (m.type === 'relink.accept') return relinkJob({});
      if (m.type === 'relink.reject') return { ok: true };
      return { progress: { ...planned, jobId: 'undo-1', kind: 'undo', summary: { unrelink: 1 } }, conflicts: [] };
    }) as unknown as Ask;
    const { container } = render(<JobView plan={plan} progress={planned} ask={ask} onProgress={() => undefined} onClose={() => undefined} onUndoPlanned={(p) => undone.push(p)} />);
    const rows = [...container.querySelectorAll('li.relink')];
    expect(rows.map((r) => r.getAttribute('data-new-agent'))).toEqual(['22', '44']);
    expect(rows[0].textContent).toMatch(/serial number CZC1 of removed agent "PC-1"/);
    expect(container.querySelector('.conflicts')!.textContent).toMatch(/Agent "X" has no account/);
    expect(container.querySelector('.conflicts')!.textContent).not.toMatch(/PC-2/);

    fireEvent.click(rows[0].querySelector('.relink-accept')!);
    await waitFor(() => expect(rows[0].querySelector('.relink-done')).not.toBeNull());
    fireEvent.click(rows[1].querySelector('.relink-reject')!);
    await waitFor(() => expect(rows[1].querySelector('.relink-rejected')).not.toBeNull());
    expect(rows[1].querySelector('.relink-accept')).toBeNull();
    fireEvent.click(rows[0].querySelector('.relink-undo')!);
    await waitFor(() => expect(undone.length).toBe(1));
    expect(calls).toEqual([
      { type: 'relink.accept', jobId: 'assets-1-a', newAgentId: '22' },
      { type: 'relink.reject', jobId: 'assets-1-a', newAgentId: '44' },
      { type: 'job.planUndo', jobId: 'assets-2-b' },
    ]);
  });

  it('a relink BMS refused says why and keeps the buttons', async () => {
    const ask = (async () => relinkJob({ done: 0, failed: 1, errors: [{ label: 'relink', reason: 'BMS did not relink the asset: Location 7 is inactive.' }] })) as unknown as Ask;
    const { container } = render(<JobView plan={plan} progress={planned} ask={ask} onProgress={() => undefined} onClose={() => undefined} />);
    const row = container.querySelector('li.relink')!;
    fireEvent.click(row.querySelector('.relink-accept')!);
    await waitFor(() => expect(row.querySelector('[role=alert]')?.textContent).toBe('BMS did not relink the asset: Location 7 is inactive.'));
    expect(row.querySelector('.relink-accept')).not.toBeNull();
    expect(row.querySelector('.relink-done')).toBeNull();
  });

  it('lists the field changes the dry run found, before → after, with the counts per field (B19)', () => {
    const fields = {
      rows: [{ key: '22', label: 'PC-2', changes: ['ipAddress: “10.0.0.1” → “10.0.0.2”'], kept: ['contact: “Ann” (filled only when empty; VSA says “Bob”)'] }],
      counts: [{ field: 'ipAddress', changes: 1, kept: 0 }, { field: 'contact', changes: 0, kept: 1 }],
      unchecked: 4,
    };
    const { container } = render(<JobView plan={{ ...plan, conflicts: [], fields }} progress={planned} ask={(async () => null) as unknown as Ask} onProgress={() => undefined} onClose={() => undefined} />);
    const box = container.querySelector('#field-changes')!;
    expect(box.querySelector('.field-counts')!.textContent).toBe('IP address: 1 changed, 0 kept · Contact: 0 changed, 1 kept');
    expect([...box.querySelectorAll('li.change')].map((l) => l.textContent)).toEqual(['ipAddress: “10.0.0.1” → “10.0.0.2”']);
    expect([...box.querySelectorAll('li.kept')].map((l) => l.textContent)).toEqual(['contact: “Ann” (filled only when empty; VSA says “Bob”)']);
    expect(box.textContent).toMatch(/4 more changed assets were not read/);
  });
});
