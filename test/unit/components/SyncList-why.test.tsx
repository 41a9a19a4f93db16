// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ask } from '@/components/api';
import { SyncList } from '@/components/SyncList';
import type { JobProgress, Overview } from '@/lib/messages';
import { buildOverview } from '@/lib/sync/overview';

vi.mock('@/lib/i18n', () => import('../i18n-en'));
afterEach(cleanup);
beforeAll(() => {
  HTMLElement.prototype.getBoundingClientRect = function () {
    return { x: 0, y: 0, top: 0, left: 0, bottom: 300, right: 740, width: 740, height: 300, toJSON: () => ({}) } as DOMRect;
  };
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 300 });
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 740 });
});

/** the overview as the background builds it, from names (and second signals) only */
const built = buildOverview({
  orgs: [
    { id: 'o1', name: 'riverside-dental', ref: 'riverside-dental' },
    { id: 'o2', name: 'Oakwood Bakery & Cafe', ref: 'oak' },
    { id: 'o3', name: 'Hillcrest <b>Plumbing</b>', ref: 'hill', website: 'https://hillcrest.example' },
    { id: 'o4', name: 'Zzyzx', ref: 'zz' },
  ],
  accounts: [
    { id: 1, name: 'Riverside Dental LLC', active: true, code: 'RIVERSIDE-DENTAL' },
    { id: 2, name: 'Oakwood Bakery', active: true },
    { id: 3, name: 'Hillcrest Plumbing', active: true, domains: ['other.example'] },
  ],
  mappings: new Map(),
  neverMap: [],
}, 1);
const overview: Overview = { ...built, lastSyncAt: null };

const progress: JobProgress = {
  jobId: 'j1', kind: 'import', state: 'planned', total: 1, done: 0, failed: 0, pending: 1, current: null, ratePerSec: null, etaSec: null, note: null, noteKey: null, noteArgs: [],
  summary: { link: 1, create: 0, unchanged: 0, skipped: 0, conflict: 0 }, errors: [],
};

describe('sync list: the best candidate and why', () => {
  it('the overview carries the reason for every suggestion, and the best candidate of an org too weak to suggest', () => {
    const by = Object.fromEntries(built.rows.map((r) => [r.orgId, r]));
    expect(by.o1).toMatchObject({ status: 'suggested', accountId: 1 });
    expect(by.o1.why!.map((w) => w.key)).toEqual(['why_ref', 'signal_code']);
    expect(by.o2).toMatchObject({ status: 'unlinked', accountId: null, candidate: { accountId: 2, accountName: 'Oakwood Bakery' } });
    expect(by.o2.why![0]).toEqual({ key: 'why_extra_word', args: ['cafe'] });
    // the domain says another business: suggested for review, with that reason
    expect(by.o3.why!.map((w) => w.key)).toContain('hold_domain_differs');
    expect(by.o4.status).toBe('unlinked');
    expect(by.o4.candidate ?? null).toBeNull();
  });

  it('shows the candidate, its confidence and the one-sentence reason as text; one click links it (after the warnings)', async () => {
    const calls: Record<string, unknown>[] = [];
    const ask = (async (msg: Record<string, unknown>) => {
      calls.push(msg);
      if (msg.type === 'mapping.warnings') return { warnings: [] };
      if (msg.type === 'job.planImport') return { progress, conflicts: [] };
      if (msg.type === 'job.start') return progress;
      throw new Error(`unexpected ${String(msg.type)}`);
    }) as unknown as Ask;
    const onJob = vi.fn();
    const { container } = render(<SyncList ask={ask} overview={overview} loading={false} onLoad={() => undefined} onJob={onJob} />);
    const o1 = container.querySelector('li.org[data-org="o1"] .account')!;
    expect(o1.querySelector('.why')!.textContent).toBe('“riverside-dental” is the account\'s name written as a short reference (joined, or with - _ .). OrgRef and account code agree.');
    const o2 = container.querySelector('li.org[data-org="o2"]')!;
    expect(o2.querySelector('.account')!.textContent).toMatch(/^Best candidate: Oakwood Bakery · \d+\s?%/);
    expect(o2.querySelector('.why')!.textContent).toBe('“cafe” is in one name only, so it may be another business. Not close enough to link without a look.');
    expect(container.querySelector('li.org[data-org="o3"] b')).toBeNull();
    fireEvent.click(o2.querySelector('button.link-candidate')!);
    await waitFor(() => expect(onJob).toHaveBeenCalled());
    expect(calls[1]).toMatchObject({ type: 'job.planImport', selection: { orgIds: ['o2'], choices: { o2: 2 } } });
  });
});
