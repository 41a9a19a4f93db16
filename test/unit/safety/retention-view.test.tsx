// @vitest-environment happy-dom
// LOW-4 in History: the admin sees what the journal keeps and what the last clean-up removed.
import { readFileSync } from 'node:fs';
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ask } from '@/components/api';
import { HistoryView } from '@/components/HistoryView';

vi.mock('@/lib/i18n', () => {
  const en = JSON.parse(readFileSync(`${process.cwd()}/public/_locales/en/messages.json`, 'utf8')) as Record<string, { message: string }>;
  return { t: (k: string, subs?: string | string[]) => [subs ?? []].flat().reduce((m, v, i) => m.replaceAll(`$${i + 1}`, v), en[k]?.message ?? k) };
});
afterEach(cleanup);

const found = (c: Element) => waitFor(() => {
  const e = c.querySelector('#history-kept');
  if (!e) throw new Error('no #history-kept yet');
  return e;
});
const view = (kept: unknown) => {
  const ask = (async () => ({ entries: [], kept })) as unknown as Ask;
  return render(<HistoryView ask={ask} onJob={() => undefined} />).container;
};

describe('History says what is kept (LOW-4)', () => {
  it('the settings\' days and count, and the last clean-up', async () => {
    const c = view({ jobsDays: 14, jobsCount: 50, auditDays: 90, lastPrune: { at: Date.UTC(2026, 0, 2, 10), jobs: 3, items: 120, audit: 7 } });
    const p = await found(c);
    expect(p.textContent).toMatch(/finished jobs for 14 days, at most 50 of them/);
    expect(p.textContent).toMatch(/stays its 14 days; a running or paused job stays until it ends/);
    expect(p.textContent).toMatch(/audit log for 90 days/);
    expect(p.textContent).toMatch(/3 jobs \(120 items\) and 7 audit entries removed/);
  });
  it('before the first clean-up it says when one runs', async () => {
    const c = view({ jobsDays: 30, jobsCount: 200, auditDays: 365, lastPrune: null });
    expect((await found(c)).textContent).toMatch(/No clean-up has run yet: it runs twice a day/);
  });
});
