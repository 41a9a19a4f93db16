/**
 * The sync list (F3, F4, F8, F10, F11, F18, B1, B2): every VSA org with its state, counts that
 * filter, a name filter, selection (one, some, all, all matching), per-row link / pick / create /
 * rule / clear, and bulk import through a dry run. Virtualized: 5,000+ orgs stay fluid. Shared by the
 * popup and the admin sync page inside BMS.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { JobProgress, OrgRow, OrgStatus, Overview, PlanReply } from '@/lib/messages';
import { t } from '@/lib/i18n';
import type { Ask } from './api';
import { Confirm, Dialog } from './Dialog';
import { num, pct, when } from './format';
import { linkOne } from './linking';
import { fold, Picker, type PickItem } from './Picker';
import { RuleEditor } from './RuleEditor';
import { useAction } from './useAction';
import { useVirtualizer } from './useVirtual';

export const ROW_HEIGHT = 40;
const STATUSES: OrgStatus[] = ['linked', 'suggested', 'conflict', 'unlinked', 'never'];

type DialogState =
  | { kind: 'pick'; row: OrgRow }
  | { kind: 'warn'; row: OrgRow; accountId: number; accountName: string; lines: string[] }
  | { kind: 'unlink'; row: OrgRow; warnings: string[] }
  | { kind: 'rule'; row: OrgRow }
  | null;

export function SyncList({ ask, overview, loading, onLoad, onJob, height = 320 }: {
  ask: Ask;
  overview: Overview | null;
  loading: boolean;
  /** "Load Accounts": read orgs, accounts and links again */
  onLoad: (refresh: boolean) => void;
  /** a job was planned or started: the parent shows it */
  onJob: (plan: PlanReply | null, progress: JobProgress) => void;
  height?: number;
}) {
  const filter = useSignal('');
  const status = useSignal<OrgStatus | 'all' | 'system' | 'excluded'>('all');
  const selected = useSignal<ReadonlySet<string>>(new Set());
  const dialog = useSignal<DialogState>(null);
  const { busy, error, run } = useAction();
  const rows = overview?.rows ?? [];
  const folded = useMemo(() => rows.map((r) => fold(r.orgName)), [rows]);
  const q = fold(filter.value.trim());
  const st = status.value;
  const visibleRows = useMemo(() => {
    if (!q && st === 'all') return rows;
    const out: OrgRow[] = [];
    for (let i = 0; i < rows.length; i++) if ((st === 'all' || rows[i].status === st || rows[i].scope?.status === st) && (!q || folded[i].includes(q))) out.push(rows[i]);
    return out;
  }, [rows, folded, q, st]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: visibleRows.length, getScrollElement: () => scrollRef.current, rowHeight: ROW_HEIGHT });
  useEffect(() => {
    // the list changed under the selection: keep only orgs that still exist
    const ids = new Set(rows.map((r) => r.orgId));
    if ([...selected.value].some((id) => !ids.has(id))) selected.value = new Set([...selected.value].filter((id) => ids.has(id)));
  }, [rows]);

  const toggle = (id: string) => {
    const s = new Set(selected.value);
    if (s.has(id)) s.delete(id);
    else s.add(id);
    selected.value = s;
  };
  const selectMatching = () => (selected.value = new Set(visibleRows.filter((r) => r.status !== 'linked').map((r) => r.orgId)));
  const planImport = (orgIds: string[], choices?: Record<string, number | 'new'>, createMissing = false) =>
    run(async () => {
      const plan = await ask({ type: 'job.planImport', selection: { orgIds, accept: 'auto+review', createMissing, choices } });
      onJob(plan, plan.progress);
    });
  /** one org to one account: warnings first (F18), then a one-item job started at once */
  const link = (row: OrgRow, accountId: number, accountName: string, confirmed = false) =>
    run(async () => {
      const step = await linkOne(ask, row.orgId, accountId, confirmed);
      if ('warnings' in step) {
        dialog.value = { kind: 'warn', row, accountId, accountName, lines: step.warnings };
        return;
      }
      dialog.value = null;
      onJob(null, step.progress);
    });
  const create = (row: OrgRow) =>
    run(async () => {
      const plan = await ask({ type: 'job.planImport', selection: { orgIds: [row.orgId], accept: 'auto', createMissing: true, choices: { [row.orgId]: 'new' } } });
      if (!plan.progress.total) throw new Error(plan.conflicts[0]?.reason ?? t('nothingToDo'));
      onJob(null, await ask({ type: 'job.start', jobId: plan.progress.jobId }));
    });
  const freeAccounts = useMemo<PickItem[]>(() => (overview?.accounts ?? []).filter((a) => a.active && !a.orgId).map((a) => ({ id: String(a.id), label: a.name })), [overview]);

  const sel = selected.value;
  const counts = overview?.counts;
  const items = v.getVirtualItems();
  return (
    <section class="sync-list" aria-label={t('syncListLabel')}>
      <div class="summary row" role="group" aria-label={t('filterByStatus')}>
        <button type="button" class={`count all ${status.value === 'all' ? 'on' : ''}`} aria-pressed={status.value === 'all'} onClick={() => (status.value = 'all')}>
          {t('all')} <strong>{num(rows.length)}</strong>
        </button>
        {STATUSES.map((s) => (
          <button key={s} type="button" data-status={s} class={`count ${s} ${status.value === s ? 'on' : ''}`} aria-pressed={status.value === s} onClick={() => (status.value = status.value === s ? 'all' : s)}>
            {t(`status_${s}`)} <strong>{num(counts?.[s] ?? 0)}</strong>
          </button>
        ))}
        {(['system', 'excluded'] as const).filter((s) => (overview?.scopeCounts?.[s] ?? 0) > 0).map((s) => (
          <button key={s} type="button" data-status={s} title={t(`scopeHint_${s}`)} class={`count scope ${s} ${status.value === s ? 'on' : ''}`} aria-pressed={status.value === s} onClick={() => (status.value = status.value === s ? 'all' : s)}>
            {t(`scope_${s}`)} <strong>{num(overview?.scopeCounts?.[s] ?? 0)}</strong>
          </button>
        ))}
      </div>
      <div class="row toolbar">
        <button type="button" id="load-accounts" class="primary" disabled={loading} onClick={() => onLoad(true)}>{loading ? t('loading') : t('loadAccounts')}</button>
        <span class="muted small">{overview ? t('loadedAt', when(overview.loadedAt)) : ''}{overview ? ` · ${t('lastSync', when(overview.lastSyncAt))}` : ''}</span>
      </div>
      <div class="row toolbar">
        <label class="sr-only" for="org-filter">{t('filterOrgs')}</label>
        <input id="org-filter" type="search" placeholder={t('filterOrgs')} value={filter.value} onInput={(e) => (filter.value = (e.target as HTMLInputElement).value)} style={{ flex: '1 1 200px', width: 'auto' }} />
        <span class="muted small" id="match-count" aria-live="polite">{t('showingCount', num(visibleRows.length))}</span>
      </div>
      <div class="row toolbar">
        <button type="button" id="select-matching" disabled={!visibleRows.length} onClick={selectMatching}>{t('selectMatching')}</button>
        <button type="button" id="select-none" disabled={!sel.size} onClick={() => (selected.value = new Set())}>{t('selectNone')}</button>
        <span class="muted small" id="selected-count">{t('selectedCount', num(sel.size))}</span>
        <span class="spacer" />
        <button type="button" id="import-selected" class="primary" disabled={!sel.size || busy.value} onClick={() => planImport([...sel], undefined, false)}>{t('linkSelected')}</button>
        <button type="button" id="import-create" disabled={!sel.size || busy.value} onClick={() => planImport([...sel], undefined, true)}>{t('linkOrCreateSelected')}</button>
      </div>
      {overview?.links && !overview.links.shared && (
        <p class="not-shared" role="status" id="links-not-shared"><strong>{t('linksNotShared')}</strong> {t(overview.links.noteKey, overview.links.args)}</p>
      )}
      {error.value && <p role="alert" class="error-text" id="list-error">{error.value}</p>}
      <div ref={scrollRef} class="scroller" style={{ height: `${height}px` }} tabIndex={-1}
        onKeyDown={(e) => {
          // arrows move between rows' checkboxes, as in a list
          if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
          const box = (e.target as HTMLElement).closest('li')?.querySelector<HTMLInputElement>('input[type=checkbox]');
          if (!box || e.target !== box) return;
          e.preventDefault();
          // the next org that can be selected (linked orgs have no checkbox to focus)
          const step = e.key === 'ArrowDown' ? 1 : -1;
          let idx = Number(box.dataset.index) + step;
          while (idx >= 0 && idx < visibleRows.length && visibleRows[idx].status === 'linked') idx += step;
          if (idx < 0 || idx >= visibleRows.length) return;
          v.scrollToIndex(idx);
          requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLInputElement>(`input[data-index="${idx}"]`)?.focus());
        }}>
        {!overview && !loading && <p class="muted empty">{t('pressLoad')}</p>}
        {overview && !visibleRows.length && <p class="muted empty">{t('noOrgsMatch')}</p>}
        <ul class="rows" role="list" style={{ height: `${v.getTotalSize()}px` }}>
          {items.map((it) => {
            const r = visibleRows[it.index];
            // why this suggestion (or candidate), one sentence or two, in the admin's language; text only
            const why = r.why?.length ? r.why.map((w) => t(w.key, w.args)).join(' ') : null;
            return (
              <li key={r.orgId} class={`org ${r.status}`} data-org={r.orgId} style={{ transform: `translateY(${it.start}px)`, height: `${ROW_HEIGHT}px` }}>
                <input type="checkbox" data-index={it.index} checked={sel.has(r.orgId)} disabled={r.status === 'linked'} aria-label={t('selectOrg', r.orgName || r.orgId)} onChange={() => toggle(r.orgId)} />
                <span class="name" title={r.orgName}>{r.orgName || <em class="muted">{t('noName')}</em>}</span>
                <span class={`badge ${r.status}`} title={r.reason ?? undefined}>{t(`status_${r.status}`)}</span>
                {r.scope && <span class={`badge scope ${r.scope.status}`} title={r.reason ?? undefined}>{t(`scope_${r.scope.status}`)}</span>}
                {r.assetsOff && <span class="badge assets-off" title={t('assetsOffHint')}>{t('assetsOffBadge')}</span>}
                <span class="account" title={why ?? r.accountName ?? r.reason ?? ''}>
                  {r.accountName ?? (r.candidate ? t('bestCandidate', r.candidate.accountName) : r.reason && (r.status !== 'unlinked' || r.scope) ? r.reason : '')}
                  {r.confidence !== null && <span class="muted"> · {pct(r.confidence)}</span>}
                  {r.candidate && <span class="muted"> · {pct(r.candidate.confidence)}</span>}
                  {why && <span class="why">{why}</span>}
                </span>
                <span class="actions">
                  {r.status === 'suggested' && r.accountId !== null && (
                    <button type="button" class="link-suggested" disabled={busy.value} onClick={() => link(r, r.accountId!, r.accountName ?? '')} aria-label={t('linkToNamed', r.accountName ?? '')}>{t('link')}</button>
                  )}
                  {r.status === 'unlinked' && r.candidate && (
                    <button type="button" class="link-candidate" disabled={busy.value} onClick={() => link(r, r.candidate!.accountId, r.candidate!.accountName)} aria-label={t('linkToNamed', r.candidate.accountName)}>{t('link')}</button>
                  )}
                  {r.status !== 'linked' && (
                    <>
                      <button type="button" class="pick" disabled={busy.value} onClick={() => (dialog.value = { kind: 'pick', row: r })} aria-label={t('pickFor', r.orgName)}>{t('pick')}</button>
                      <button type="button" class="create" disabled={busy.value} onClick={() => create(r)} aria-label={t('createFor', r.orgName)}>{t('create')}</button>
                    </>
                  )}
                  {r.status === 'suggested' && r.accountId !== null && (
                    <button type="button" class="never icon" disabled={busy.value} title={t('neverMapHint')} aria-label={t('neverMapNamed', r.accountName ?? '')}
                      onClick={() => run(async () => {
                        await ask({ type: 'mapping.neverMap', orgId: r.orgId, accountId: String(r.accountId), on: true });
                        onLoad(false);
                      })}>⊘</button>
                  )}
                  {r.status === 'conflict' && r.accountId !== null && overview?.accounts.some((a) => a.orgId === r.orgId) && (
                    <button type="button" class="ack" disabled={busy.value} title={t('keepLinkHint')} aria-label={t('keepLinkFor', r.orgName)}
                      onClick={() => run(async () => {
                        await ask({ type: 'mapping.ackNames', orgId: r.orgId });
                        onLoad(false);
                      })}>{t('keepLink')}</button>
                  )}
                  {(r.status === 'linked' || (r.status === 'conflict' && r.accountId !== null && overview?.accounts.some((a) => a.orgId === r.orgId))) && (
                    <>
                      <button type="button" class="assets-toggle" disabled={busy.value} aria-pressed={!!r.assetsOff} title={t('assetsOffHint')} aria-label={t(r.assetsOff ? 'assetsOnFor' : 'assetsOffFor', r.orgName)}
                        onClick={() => run(async () => {
                          await ask({ type: 'mapping.assetsOff', orgId: r.orgId, on: !r.assetsOff });
                          onLoad(false);
                        })}>{t(r.assetsOff ? 'assetsOn' : 'assetsOff')}</button>
                      <button type="button" class="rule" disabled={busy.value} onClick={() => (dialog.value = { kind: 'rule', row: r })} aria-label={t('ruleFor', r.orgName)}>{t('rule')}</button>
                      <button type="button" class="unlink" disabled={busy.value} onClick={() => void run(async () => {
                        // F18 before a clear: the account's open contracts, the org's assets with tickets
                        const { warnings } = r.accountId === null ? { warnings: [] } : await ask({ type: 'mapping.warnings', orgId: r.orgId, accountId: r.accountId, action: 'clear' });
                        dialog.value = { kind: 'unlink', row: r, warnings: warnings.map((w) => w.message) };
                      })} aria-label={t('clearFor', r.orgName)}>{t('clear')}</button>
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
      {dialog.value?.kind === 'pick' && (() => {
        const row = dialog.value.row;
        const sug = row.accountId !== null && row.status !== 'linked' ? [{ id: String(row.accountId), label: row.accountName ?? '', confidence: row.confidence }]
          : row.candidate ? [{ id: String(row.candidate.accountId), label: row.candidate.accountName, confidence: row.candidate.confidence }] : [];
        return (
          <Dialog title={t('pickTitle', row.orgName)} onClose={() => (dialog.value = null)} id="pick-dialog">
            <Picker label={t('pickLabel')} items={freeAccounts} suggestions={sug} idPrefix="acc"
              onPick={(it) => link(row, Number(it.id), it.label)} />
          </Dialog>
        );
      })()}
      {dialog.value?.kind === 'warn' && (() => {
        const d = dialog.value;
        return <Confirm title={t('warnTitle', [d.row.orgName, d.accountName])} lines={d.lines} confirmLabel={t('linkAnyway')} onClose={() => (dialog.value = null)} onConfirm={() => link(d.row, d.accountId, d.accountName, true)} />;
      })()}
      {dialog.value?.kind === 'unlink' && (() => {
        const { row, warnings } = dialog.value;
        return (
          <Confirm danger title={t('clearTitle', row.orgName)} lines={[t('clearExplain', [row.orgName, row.accountName ?? String(row.accountId)]), ...warnings]} confirmLabel={t('clear')}
            onClose={() => (dialog.value = null)}
            onConfirm={() => run(async () => {
              await ask({ type: 'mapping.unlink', orgId: row.orgId });
              dialog.value = null;
              onLoad(false);
            })} />
        );
      })()}
      {dialog.value?.kind === 'rule' && (() => {
        const row = dialog.value.row;
        return (
          <Dialog title={t('ruleTitle', row.orgName)} onClose={() => (dialog.value = null)} id="rule-dialog">
            <RuleEditor orgId={row.orgId} ask={ask} onSaved={(p) => {
              dialog.value = null;
              onJob(null, p.progress);
            }} />
          </Dialog>
        );
      })()}
    </section>
  );
}
