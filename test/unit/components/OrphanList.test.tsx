// @vitest-environment happy-dom
// B18 in the popup's history area: the orphan list with the grace period's days left and its one-click actions.
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ask } from '@/components/api';
import { OrphanList } from '@/components/OrphanList';
import type { JobProgress } from '@/lib/messages';

vi.mock('@/lib/i18n', () => {
  const en = JSON.parse(readFileSync(`${process.cwd()}/public/_locales/en/messages.json`, 'utf8')) as Record<string, { message: string }>;
  return { t: (k: string, subs?: string | string[]) => [subs ?? []].flat().reduce((m, v, i) => m.replace(`$${i + 1}`, v), en[k]?.message ?? k) };
});
afterEach(cleanup);

const job: JobProgress = { jobId: 'assets-9', kind: 'assets', state: 'done', total: 1, done: 1, failed: 0, pending: 0, current: null, ratePerSec: null, etaSec: null, note: null, noteKey: null, noteArgs: [], summary: { deactivate: 1 }, errors: [] };

describe('orphan list (B18)', () => {
  it('lists assets without an agent (days left or due) and agents without an asset; Deactivate now and Sync ask the background', async () => {
    const calls: Record<string, unknown>[] = [];
    const ask = (async (m: Record<string, unknown>) => {
      calls.push(m);
      if (m.type === 'orphans.list') return {
        graceDays: 7, more: { assets: 0, agents: 0 },
        assets: [{ agentId: '1', name: 'PC-OLD', orgId: 'o', psaAssetId: 5, active: true, goneSince: Date.UTC(2026, 10, 29), daysLeft: 5 }, { agentId: '2', name: 'PC-DUE', orgId: 'o', psaAssetId: 6, active: true, goneSince: Date.UTC(2026, 10, 1), daysLeft: null }],
        agents: [{ agentId: '3', name: 'PC-NEW', orgId: 'o', orgName: 'Acme' }],
      };
      if (m.type === 'orphans.deactivate') return job;
      return { progress: { ...job, state: 'planned' }, conflicts: [] };
    }) as unknown as Ask;
    const jobs: JobProgress[] = [];
    const { container } = render(<OrphanList ask={ask} onJob={(_plan, p) => jobs.push(p)} />);
    fireEvent.click(container.querySelector('#orphans-load')!);
    const assets = await waitFor(() => {
      const el = container.querySelector('#orphan-assets');
      if (!el) throw new Error('not shown yet');
      return el;
    });
    expect(assets.querySelector('li[data-agent="1"]')!.textContent).toMatch(/deactivated in 5 days \(grace period 7 days\)/);
    expect(assets.querySelector('li[data-agent="2"]')!.textContent).toMatch(/past the grace period/);
    fireEvent.click(assets.querySelector('li[data-agent="1"] .orphan-deactivate')!);
    await waitFor(() => expect(assets.querySelector('li[data-agent="1"]')!.textContent).toMatch(/Deactivated\./));
    expect(assets.querySelector('li[data-agent="1"] .orphan-deactivate')).toBeNull();
    fireEvent.click(container.querySelector('#orphan-agents li[data-agent="3"] .orphan-sync')!);
    await waitFor(() => expect(jobs.length).toBe(1));
    expect(calls).toEqual([{ type: 'orphans.list' }, { type: 'orphans.deactivate', agentId: '1' }, { type: 'job.planAssetSync', agentId: '3' }]);
  });
});
