/**
 * History (B4, B5, B6): the audit log of every write (newest first) with CSV export, the mappings as
 * CSV out and in (the import is a dry run like any other), undo of the last bulk job, the billing check
 * and the orphan list (B18, OrphanList.tsx).
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AuditRow, JobProgress, Kept, PlanReply } from '@/lib/messages';
import { t } from '@/lib/i18n';
import type { Ask } from './api';
import { num, when } from './format';
import { useAction } from './useAction';
import { OrphanList } from './OrphanList';
import { BillingCheck } from './BillingCheck';

/** hands a text file to the browser's downloads (a blob link; nothing leaves the machine) */
export function download(name: string, text: string, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');

export function HistoryView({ ask, onJob }: { ask: Ask; onJob: (plan: PlanReply, p: JobProgress) => void }) {
  const entries = useSignal<AuditRow[] | null>(null);
  const kept = useSignal<Kept | null>(null);
  const info = useSignal<string | null>(null);
  const { busy, error, run } = useAction();
  const act = (fn: () => Promise<void>) => {
    info.value = null;
    return run(fn);
  };
  const reload = () => act(async () => {
    const r = await ask({ type: 'audit.list', limit: 300 });
    entries.value = r.entries;
    kept.value = r.kept ?? null;
  });
  useEffect(() => void reload(), []);
  return (
    <section class="history" aria-label={t('historyLabel')}>
      <div class="row toolbar">
        <button type="button" id="undo-last" disabled={busy.value} onClick={() => act(async () => {
          const p = await ask({ type: 'job.planUndo' });
          onJob(p, p.progress);
        })}>{t('undoLast')}</button>
        <button type="button" id="sync-assets" disabled={busy.value} onClick={() => act(async () => {
          const p = await ask({ type: 'job.planAssetSync' });
          onJob(p, p.progress);
        })}>{t('syncAllAssets')}</button>
        <button type="button" id="mappings-export" disabled={busy.value} onClick={() => act(async () => {
          const r = await ask({ type: 'mappings.csvExport' });
          download(`bms-vsa-sync-mappings-${stamp()}.csv`, r.csv);
          info.value = t('exportedRows', num(r.rows));
        })}>{t('mappingsCsvExport')}</button>
        <label class="button" for="mappings-import">{t('mappingsCsvImport')}</label>
        <input id="mappings-import" class="sr-only" type="file" accept=".csv,text/csv" disabled={busy.value} onChange={(e) => {
          const input = e.target as HTMLInputElement;
          const file = input.files?.[0];
          input.value = '';
          if (!file) return;
          void act(async () => {
            if (file.size > 20_000_000) throw new Error(t('fileTooLarge', file.name));
            const p = await ask({ type: 'mappings.csvImport', csv: await file.text() });
            onJob(p, p.progress);
          });
        }} />
        <button type="button" id="audit-export" disabled={busy.value} onClick={() => act(async () => {
          const r = await ask({ type: 'audit.export' });
          download(`bms-vsa-sync-audit-${stamp()}.csv`, r.csv);
          info.value = t('exportedRows', num(r.entries));
        })}>{t('auditCsvExport')}</button>
        <button type="button" id="billing-export" title={t('billingHelp')} disabled={busy.value} onClick={() => act(async () => {
          const r = await ask({ type: 'billing.report' });
          download(`bms-vsa-sync-billing-${stamp()}.csv`, r.csv);
          info.value = t('billingDone', [num(r.rows), num(r.flagged)]) + (r.unchecked ? ` ${t('billingUnchecked', num(r.unchecked))}` : '');
        })}>{t('billingCsvExport')}</button>
      </div>
      {error.value && <p role="alert" class="error-text">{error.value}</p>}
      {info.value && <p role="status" class="ok-text">{info.value}</p>}
      <OrphanList ask={ask} onJob={(plan, p) => onJob(plan ?? { progress: p, conflicts: [] }, p)} />
      <BillingCheck ask={ask} download={download} />
      <h3>{t('auditHeading')}</h3>
      {kept.value && (
        <p class="muted small" id="history-kept">
          {t('historyKept', [num(kept.value.jobsDays), num(kept.value.jobsCount), num(kept.value.auditDays)])}{' '}
          {kept.value.lastPrune
            ? t('historyLastPrune', [when(kept.value.lastPrune.at), num(kept.value.lastPrune.jobs), num(kept.value.lastPrune.items), num(kept.value.lastPrune.audit)])
            : t('historyNoPrune')}
        </p>
      )}
      {entries.value === null ? <p class="muted">{t('loading')}</p> : !entries.value.length ? <p class="muted">{t('auditEmpty')}</p> : (
        <div class="audit-wrap" tabIndex={0} aria-label={t('auditHeading')}>
          <table class="audit">
            <thead><tr><th scope="col">{t('colTime')}</th><th scope="col">{t('colSystem')}</th><th scope="col">{t('colAction')}</th><th scope="col">{t('colRecord')}</th><th scope="col">{t('colChange')}</th></tr></thead>
            <tbody>
              {entries.value.map((e, i) => (
                <tr key={i}>
                  <td class="nowrap">{when(e.time)}</td>
                  <td>{e.system.toUpperCase()}</td>
                  <td>{e.action}</td>
                  <td class="clip" title={e.record}>{e.record}</td>
                  <td class="clip" title={`${e.before} → ${e.after}`}>{e.before || '∅'} → {e.after || '∅'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
