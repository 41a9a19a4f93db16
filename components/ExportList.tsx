/**
 * Export (F6): BMS accounts without a VSA org, to be created as orgs and linked. Filter, select one,
 * some or all matching, then a dry run and a job like any import. Virtualized like the sync list.
 */
import { useSignal } from '@preact/signals';
import { useMemo, useRef } from 'preact/hooks';
import type { AccountRow, JobProgress, Overview, PlanReply } from '@/lib/messages';
import { t } from '@/lib/i18n';
import type { Ask } from './api';
import { num } from './format';
import { fold } from './Picker';
import { ROW_HEIGHT } from './SyncList';
import { useAction } from './useAction';
import { useVirtualizer } from './useVirtual';

export function ExportList({ ask, overview, onJob, height = 340 }: { ask: Ask; overview: Overview | null; onJob: (plan: PlanReply, p: JobProgress) => void; height?: number }) {
  const filter = useSignal('');
  const selected = useSignal<ReadonlySet<number>>(new Set());
  const { busy, error, run } = useAction();
  const free = useMemo(() => (overview?.accounts ?? []).filter((a) => a.active && !a.orgId), [overview]);
  const folded = useMemo(() => free.map((a) => fold(a.name)), [free]);
  const q = fold(filter.value.trim());
  const visible = useMemo<AccountRow[]>(() => (q ? free.filter((_, i) => folded[i].includes(q)) : free), [free, folded, q]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: visible.length, getScrollElement: () => scrollRef.current, rowHeight: ROW_HEIGHT });
  const sel = selected.value;
  const toggle = (id: number) => {
    const s = new Set(sel);
    if (s.has(id)) s.delete(id);
    else s.add(id);
    selected.value = s;
  };
  const plan = () => run(async () => {
    const p = await ask({ type: 'job.planExport', accountIds: [...sel] });
    onJob(p, p.progress);
  });
  return (
    <section class="export-list" aria-label={t('exportLabel')}>
      <p class="muted">{t('exportIntro', num(free.length))}</p>
      <div class="row toolbar">
        <label class="sr-only" for="account-filter">{t('filterAccounts')}</label>
        <input id="account-filter" type="search" placeholder={t('filterAccounts')} value={filter.value} onInput={(e) => (filter.value = (e.target as HTMLInputElement).value)} style={{ flex: '1 1 200px', width: 'auto' }} />
        <span class="muted small" aria-live="polite">{t('showingCount', num(visible.length))}</span>
      </div>
      <div class="row toolbar">
        <button type="button" id="export-select-matching" disabled={!visible.length} onClick={() => (selected.value = new Set(visible.map((a) => a.id)))}>{t('selectMatching')}</button>
        <button type="button" disabled={!sel.size} onClick={() => (selected.value = new Set())}>{t('selectNone')}</button>
        <span class="muted small" id="export-selected-count">{t('selectedCount', num(sel.size))}</span>
        <span class="spacer" />
        <button type="button" id="export-selected" class="primary" disabled={!sel.size || busy.value} onClick={plan}>{t('exportSelected')}</button>
      </div>
      {error.value && <p role="alert" class="error-text">{error.value}</p>}
      <div ref={scrollRef} class="scroller" style={{ height: `${height}px` }}>
        {!overview && <p class="muted empty">{t('pressLoad')}</p>}
        <ul class="rows" role="list" style={{ height: `${v.getTotalSize()}px` }}>
          {v.getVirtualItems().map((it) => {
            const a = visible[it.index];
            return (
              <li key={a.id} class="account-row" data-account={a.id} style={{ transform: `translateY(${it.start}px)`, height: `${ROW_HEIGHT}px` }}>
                <input type="checkbox" checked={sel.has(a.id)} aria-label={t('selectOrg', a.name || String(a.id))} onChange={() => toggle(a.id)} />
                <span class="name" title={a.name}>{a.name || <em class="muted">{t('noName')}</em>}</span>
                <span class="muted small">#{a.id}</span>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
