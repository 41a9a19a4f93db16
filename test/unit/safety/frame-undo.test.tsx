// @vitest-environment happy-dom
// INFO (functional): the in-page admin sync panel showed Undo, but job.planUndo was extension-only
// and the button always failed. Undo now lives in the panel frame (an extension page the BMS page
// cannot read or click into). Here: Undo from the frame's panel plans and runs the undo of the job
// on screen; the background lets a frame undo only a job it planned itself; the content script (the
// only thing the page can reach) and a frame that did not plan the job are refused; and the frame's
// document takes no orders from the page (it listens to no window message).
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ask, Subscribe } from '@/components/api';
import { AccountsSyncPanel } from '@/components/panels/AccountsSyncPanel';
import { FrameOwners } from '@/lib/frame-owners';
import { dispatch, type Handlers, type JobProgress, type Overview } from '@/lib/messages';

vi.mock('@/lib/i18n', () => {
  const en = JSON.parse(readFileSync(`${process.cwd()}/public/_locales/en/messages.json`, 'utf8')) as Record<string, { message: string }>;
  return { t: (k: string, subs?: string | string[]) => [subs ?? []].flat().reduce((m, v, i) => m.replace(`$${i + 1}`, v), en[k]?.message ?? k) };
});
afterEach(cleanup);
beforeAll(() => {
  HTMLElement.prototype.getBoundingClientRect = function () {
    return { x: 0, y: 0, top: 0, left: 0, bottom: 300, right: 740, width: 740, height: 300, toJSON: () => ({}) } as DOMRect;
  };
});

const overview: Overview = { loadedAt: 1, lastSyncAt: null, counts: { linked: 0, suggested: 0, conflict: 0, unlinked: 0, never: 0 }, rows: [], accounts: [] };
const progress = (over: Partial<JobProgress>): JobProgress => ({
  jobId: 'import-1', kind: 'import', state: 'running', total: 2, done: 1, failed: 0, pending: 1, current: null, ratePerSec: null, etaSec: null,
  note: null, noteKey: null, noteArgs: [], summary: { link: 2 }, errors: [], ...over,
});

describe('Undo in the panel frame', () => {
  it('Undo of the job on screen plans its undo, shows the preview, and runs exactly that undo', async () => {
    const calls: Record<string, unknown>[] = [];
    let emit: (p: JobProgress) => void = () => undefined;
    const subscribe: Subscribe = (fn) => ((emit = fn), () => undefined);
    const undoPlan = progress({ jobId: 'undo-1', kind: 'undo', state: 'planned', total: 1, done: 0, pending: 1, summary: { unlink: 2, kept: 0 } });
    const ask = (async (m: Record<string, unknown>) => {
      calls.push(m);
      if (m.type === 'job.progress') return progress({});
      if (m.type === 'sync.overview') return overview;
      if (m.type === 'job.planUndo') return { progress: undoPlan, conflicts: [] };
      if (m.type === 'job.start') return { ...undoPlan, state: 'running' };
      throw new Error(`unexpected ${String(m.type)}`);
    }) as unknown as Ask;
    const { container } = render(<AccountsSyncPanel ask={ask} subscribe={subscribe} />);
    // the frame reattaches the running import it planned, then it ends
    await waitFor(() => expect(container.querySelector('section.job[data-kind="import"]')).not.toBeNull());
    emit(progress({ state: 'done', done: 2, pending: 0 }));
    const undo = await waitFor(() => {
      const b = container.querySelector<HTMLButtonElement>('#job-undo');
      if (!b) throw new Error('no Undo yet');
      return b;
    });
    fireEvent.click(undo);
    await waitFor(() => expect(container.querySelector('section.job[data-kind="undo"][data-state="planned"]')).not.toBeNull());
    expect(calls).toContainEqual({ type: 'job.planUndo', jobId: 'import-1' });
    expect(container.querySelector('.plan-summary')!.textContent).toMatch(/2/);
    fireEvent.click(container.querySelector('#job-run')!);
    await waitFor(() => expect(calls).toContainEqual({ type: 'job.start', jobId: 'undo-1' }));
    expect(calls.filter((c) => c.type === 'job.planUndo' || c.type === 'job.start')).toEqual([{ type: 'job.planUndo', jobId: 'import-1' }, { type: 'job.start', jobId: 'undo-1' }]);
  });
});

describe('who may ask for an undo', () => {
  const planned: string[] = [];
  const handlers = {
    'job.planUndo': async (req: { jobId?: string }) => {
      planned.push(req.jobId ?? '(last)');
      return { progress: progress({ jobId: 'undo-9', kind: 'undo', state: 'planned' }), conflicts: [] };
    },
  } as unknown as Handlers;
  const frameA = '7/3/doc-a';

  it('the content script (what a BMS page can reach) is refused, with or without a job id', async () => {
    planned.length = 0;
    for (const msg of [{ type: 'job.planUndo' }, { type: 'job.planUndo', jobId: 'import-1' }]) {
      const r = await dispatch(msg, 'content', handlers, { tabId: 7, frameId: 0, kind: 'content' });
      expect(r).toMatchObject({ ok: false });
    }
    expect(planned).toEqual([]);
  });

  it('a frame must name the job: "undo the last bulk job" is for extension pages only', async () => {
    planned.length = 0;
    const r = await dispatch({ type: 'job.planUndo' }, 'frame', handlers, { tabId: 7, frameId: 3, kind: 'frame', owner: frameA });
    expect(r).toMatchObject({ ok: false });
    expect(planned).toEqual([]);
  });

  it('a frame undoes only a job it planned; another frame, or the same frame reloaded, is refused', () => {
    const owners = new FrameOwners();
    owners.own({ progress: { jobId: 'import-1' } }, frameA);
    expect(owners.check('frame', frameA, 'import-1')).toBe('import-1');
    expect(() => owners.check('frame', '7/4/doc-b', 'import-1')).toThrow(/only act on jobs it started/);
    expect(() => owners.check('frame', '7/3/doc-reloaded', 'import-1')).toThrow(/only act on jobs it started/);
    expect(() => owners.check('frame', frameA, 'import-2')).toThrow(/only act on jobs it started/);
    expect(() => owners.check('frame', null, 'import-1')).toThrow(/only act on jobs it started/);
    // a later reply naming the job does not hand it to another frame
    owners.own({ progress: { jobId: 'import-1' } }, '7/4/doc-b');
    expect(() => owners.check('frame', '7/4/doc-b', 'import-1')).toThrow(/only act on jobs it started/);
    // the popup and options act on any job
    expect(owners.check('extension', null, 'import-1')).toBe('import-1');
    expect(owners.newest(frameA)).toBe('import-1');
  });

  it('the frame document listens to no window message: the page cannot post it an order', () => {
    const src = readFileSync(`${process.cwd()}/entrypoints/bms-frame/main.tsx`, 'utf8');
    expect(src).not.toMatch(/addEventListener\(\s*['"]message['"]/);
    expect(src).not.toMatch(/\bonmessage\b/);
    // it only posts its size and "reload" to the BMS origin
    const posts = src.split('\n').filter((l) => l.includes('postMessage('));
    expect(posts.length).toBeGreaterThan(0);
    for (const l of posts) expect(l).toMatch(/postMessage\(.*,\s*bmsOrigin\)/);
  });
});
