// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ask } from '@/components/api';
import { JobView } from '@/components/JobView';
import { SyncList } from '@/components/SyncList';
import type { JobProgress, Overview } from '@/lib/messages';

vi.mock('@/lib/i18n', () => import('../i18n-en'));
afterEach(cleanup);
// happy-dom lays nothing out: give scrollers the size they have in the popup, so the virtual list shows rows
beforeAll(() => {
  HTMLElement.prototype.getBoundingClientRect = function () {
    return { x: 0, y: 0, top: 0, left: 0, bottom: 300, right: 740, width: 740, height: 300, toJSON: () => ({}) } as DOMRect;
  };
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 300 });
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 740 });
});

const overview: Overview = {
  loadedAt: 1, lastSyncAt: null,
  counts: { linked: 1, suggested: 2, conflict: 0, unlinked: 1, never: 0 },
  rows: [
    { orgId: '1', orgName: 'Acme Corp', orgRef: 'acme', status: 'linked', accountId: 10, accountName: 'Acme Corp', confidence: null, reason: null },
    { orgId: '2', orgName: 'Globex', orgRef: 'globex', status: 'suggested', accountId: 20, accountName: 'Globex GmbH', confidence: 0.97, reason: 'same words' },
    { orgId: '3', orgName: '<img src=x onerror="window.__pwned=1">', orgRef: 'x', status: 'suggested', accountId: 30, accountName: 'Evil & Co', confidence: 0.9, reason: 'similar' },
    { orgId: '4', orgName: 'Müller Bau', orgRef: 'mb', status: 'unlinked', accountId: null, accountName: null, confidence: null, reason: 'no match' },
  ],
  accounts: [
    { id: 10, name: 'Acme Corp', active: true, orgId: '1' },
    { id: 20, name: 'Globex GmbH', active: true, orgId: null },
    { id: 30, name: 'Evil & Co', active: true, orgId: null },
    { id: 40, name: 'Mueller Bau GmbH', active: true, orgId: null },
  ],
};
const progress = (over: Partial<JobProgress> = {}): JobProgress => ({
  jobId: 'j1', kind: 'import', state: 'planned', total: 2, done: 0, failed: 0, pending: 2, current: null, ratePerSec: null, etaSec: null, note: null, noteKey: null, noteArgs: [],
  summary: { link: 2, create: 0, unchanged: 0, skipped: 0, conflict: 0 }, errors: [], ...over,
});

function fakeAsk(replies: Partial<Record<string, (msg: Record<string, unknown>) => unknown>>) {
  const calls: Record<string, unknown>[] = [];
  const ask = (async (msg: Record<string, unknown>) => {
    calls.push(msg);
    const r = replies[msg.type as string];
    if (!r) throw new Error(`unexpected ${String(msg.type)}`);
    return r(msg);
  }) as unknown as Ask;
  return { ask, calls };
}

describe('sync list', () => {
  it('shows every org with its state and the counts; names are text, never markup', () => {
    const { ask } = fakeAsk({});
    const { container } = render(<SyncList ask={ask} overview={overview} loading={false} onLoad={() => undefined} onJob={() => undefined} />);
    expect(container.querySelectorAll('li.org').length).toBe(4);
    expect(container.querySelector('.summary [data-status="suggested"] strong')!.textContent).toBe('2');
    expect(container.querySelector('li.org[data-org="3"] .name')!.textContent).toBe('<img src=x onerror="window.__pwned=1">');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('li.org[data-org="1"] input[type=checkbox]')!.hasAttribute('disabled')).toBe(true);
  });

  it('filters by name (accents folded) and by status', async () => {
    const { ask } = fakeAsk({});
    const { container } = render(<SyncList ask={ask} overview={overview} loading={false} onLoad={() => undefined} onJob={() => undefined} />);
    fireEvent.input(container.querySelector('#org-filter')!, { target: { value: 'muller' } });
    await waitFor(() => expect([...container.querySelectorAll('li.org')].map((l) => l.getAttribute('data-org'))).toEqual(['4']));
    fireEvent.input(container.querySelector('#org-filter')!, { target: { value: '' } });
    fireEvent.click(container.querySelector('.summary [data-status="suggested"]')!);
    await waitFor(() => expect([...container.querySelectorAll('li.org')].map((l) => l.getAttribute('data-org'))).toEqual(['2', '3']));
  });

  it('selects all matching and plans the import of exactly those', async () => {
    const { ask, calls } = fakeAsk({ 'job.planImport': () => ({ progress: progress(), conflicts: [] }) });
    const onJob = vi.fn();
    const { container } = render(<SyncList ask={ask} overview={overview} loading={false} onLoad={() => undefined} onJob={onJob} />);
    fireEvent.click(container.querySelector('.summary [data-status="suggested"]')!);
    fireEvent.click(container.querySelector('#select-matching')!);
    await waitFor(() => expect(container.querySelector('#selected-count')!.textContent).toBe('2 selected'));
    fireEvent.click(container.querySelector('#import-selected')!);
    await waitFor(() => expect(onJob).toHaveBeenCalled());
    expect(calls[0]).toMatchObject({ type: 'job.planImport', selection: { orgIds: ['2', '3'], accept: 'auto+review', createMissing: false } });
  });

  it('warns before a risky link and links only after the admin confirms (F18)', async () => {
    const { ask, calls } = fakeAsk({
      'mapping.warnings': () => ({ warnings: [{ code: 'foreign-assets', message: 'Account "Globex GmbH" already has 3 asset(s) from another org.' }] }),
      'job.planImport': () => ({ progress: progress({ total: 1 }), conflicts: [] }),
      'job.start': () => progress({ state: 'running', total: 1 }),
    });
    const onJob = vi.fn();
    const { container } = render(<SyncList ask={ask} overview={overview} loading={false} onLoad={() => undefined} onJob={onJob} />);
    fireEvent.click(container.querySelector('li.org[data-org="2"] button.link-suggested')!);
    await waitFor(() => expect(container.querySelector('#confirm')).not.toBeNull());
    expect(container.querySelector('#confirm ul.warnings')!.textContent).toContain('3 asset(s) from another org');
    expect(calls.map((c) => c.type)).toEqual(['mapping.warnings']);
    fireEvent.click(container.querySelector('#confirm-yes')!);
    await waitFor(() => expect(onJob).toHaveBeenCalled());
    expect(calls.map((c) => c.type)).toEqual(['mapping.warnings', 'job.planImport', 'job.start']);
    expect(calls[1]).toMatchObject({ selection: { orgIds: ['2'], choices: { 2: 20 } } });
  });

  it('clears a link only after confirmation, with the risks (F18) read first', async () => {
    const { ask, calls } = fakeAsk({
      'mapping.warnings': () => ({ warnings: [{ code: 'open-contracts', message: 'Account "Acme" has 2 open contract(s).' }] }),
      'mapping.unlink': () => ({ ok: true }),
    });
    const onLoad = vi.fn();
    const { container } = render(<SyncList ask={ask} overview={overview} loading={false} onLoad={onLoad} onJob={() => undefined} />);
    fireEvent.click(container.querySelector('li.org[data-org="1"] button.unlink')!);
    await waitFor(() => expect(container.querySelector('#confirm-yes')).not.toBeNull());
    // only the read of the risks happened: nothing is written before the admin confirms
    expect(calls.map((c) => c.type)).toEqual(['mapping.warnings']);
    expect(calls[0]).toMatchObject({ orgId: '1', action: 'clear' });
    expect(container.textContent).toContain('has 2 open contract(s)');
    fireEvent.click(container.querySelector('#confirm-yes')!);
    await waitFor(() => expect(onLoad).toHaveBeenCalledWith(false));
    expect(calls.slice(1)).toEqual([{ type: 'mapping.unlink', orgId: '1' }]);
  });

  it('picks another account from a searchable list of unlinked accounts only (F10)', async () => {
    const { ask, calls } = fakeAsk({
      'mapping.warnings': () => ({ warnings: [] }),
      'job.planImport': () => ({ progress: progress({ total: 1 }), conflicts: [] }),
      'job.start': () => progress({ state: 'running', total: 1 }),
    });
    const { container } = render(<SyncList ask={ask} overview={overview} loading={false} onLoad={() => undefined} onJob={() => undefined} />);
    fireEvent.click(container.querySelector('li.org[data-org="4"] button.pick')!);
    await waitFor(() => expect(container.querySelector('#acc-list')).not.toBeNull());
    const ids = [...container.querySelectorAll('#acc-list li[data-id]')].map((l) => l.getAttribute('data-id'));
    expect(ids).not.toContain('10'); // linked to org 1
    fireEvent.input(container.querySelector('#acc-q')!, { target: { value: 'mueller' } });
    await waitFor(() => expect([...container.querySelectorAll('#acc-list li[data-id]')].map((l) => l.getAttribute('data-id'))).toEqual(['40']));
    fireEvent.keyDown(container.querySelector('#acc-q')!, { key: 'Enter' });
    await waitFor(() => expect(calls.map((c) => c.type)).toEqual(['mapping.warnings', 'job.planImport', 'job.start']));
    expect(calls[1]).toMatchObject({ selection: { orgIds: ['4'], choices: { 4: 40 } } });
  });
});

describe('job view', () => {
  it('shows a job note in the admin\'s language when it has a key, numbers formatted', () => {
    const { ask } = fakeAsk({});
    const p = progress({ state: 'done', done: 1, failed: 1234, note: '1234 item(s) failed; they can be retried.', noteKey: 'note_failed', noteArgs: ['1234'] });
    const r = render(<JobView plan={null} progress={p} ask={ask} onProgress={() => undefined} onClose={() => undefined} />);
    expect(r.container.textContent).toContain('1,234 item(s) failed; they can be retried.');
    r.unmount();
    const q = render(<JobView plan={null} progress={progress({ state: 'failed', note: 'BMS is down.', noteKey: null })} ask={ask} onProgress={() => undefined} onClose={() => undefined} />);
    expect(q.container.textContent).toContain('BMS is down.');
  });

  it('previews, runs, shows progress, retries the failed and offers undo', async () => {
    const { ask, calls } = fakeAsk({
      'job.start': () => progress({ state: 'running', done: 1, pending: 1 }),
      'job.retryFailed': () => progress({ state: 'running' }),
      'job.planUndo': () => ({ progress: progress({ jobId: 'u1', kind: 'undo', summary: { unlink: 1, kept: 0 } }), conflicts: [] }),
    });
    const onProgress = vi.fn();
    const plan = { progress: progress(), conflicts: [{ key: '9', reason: 'An account named "X" already exists.' }] };
    const r = render(<JobView plan={plan} progress={plan.progress} ask={ask} onProgress={onProgress} onClose={() => undefined} />);
    expect(r.container.querySelector('.plan-summary')!.textContent).toContain('link 2');
    expect(r.container.querySelector('.conflicts')!.textContent).toContain('already exists');
    fireEvent.click(r.container.querySelector('#job-run')!);
    await waitFor(() => expect(onProgress).toHaveBeenCalledWith(expect.objectContaining({ state: 'running' })));
    r.unmount();
    const onUndo = vi.fn();
    const done = progress({ state: 'done', done: 1, failed: 1, pending: 0, errors: [{ label: 'Globex', reason: 'BMS refused: name in use' }] });
    const d = render(<JobView plan={null} progress={done} ask={ask} onProgress={onProgress} onClose={() => undefined} onUndoPlanned={onUndo} />);
    expect(d.container.querySelector('ul.errors')!.textContent).toContain('Globex: BMS refused: name in use');
    fireEvent.click(d.container.querySelector('#job-retry')!);
    await waitFor(() => expect(d.container.querySelector('#job-undo')!.hasAttribute('disabled')).toBe(false));
    fireEvent.click(d.container.querySelector('#job-undo')!);
    await waitFor(() => expect(onUndo).toHaveBeenCalled());
    expect(calls.map((c) => c.type)).toEqual(['job.start', 'job.retryFailed', 'job.planUndo']);
  });
});
