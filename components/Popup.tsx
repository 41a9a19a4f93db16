/**
 * The popup: connection state on top, then Import (VSA → BMS), Export (BMS → VSA) and History tabs,
 * and the running or planned job. Reopening the popup reattaches to a running job (B3).
 */
import { useSignal } from '@preact/signals';
import type { Reply } from '@/lib/messages';
import { t } from '@/lib/i18n';
import type { Ask, Subscribe } from './api';
import { ConnectionStatus } from './ConnectionStatus';
import { ExportList } from './ExportList';
import { HistoryView } from './HistoryView';
import { JobView } from './JobView';
import { SyncList } from './SyncList';
import { TeachPage } from './TeachPage';
import { useSync } from './useSync';

type Tab = 'import' | 'export' | 'history';
const isConfigured = (s: Reply<'connections.status'> | null) => !!s && s.vsa.state !== 'not-configured' && s.bms.state !== 'not-configured';

/** `currentUrl`: the address of the BMS tab the admin came from, for W2's "This page is …" */
export function Popup({ ask, subscribe, openOptions, listHeight = 300, currentUrl }: { ask: Ask; subscribe: Subscribe; openOptions: () => void; listHeight?: number; currentUrl?: () => Promise<string | null> }) {
  const status = useSignal<Reply<'connections.status'> | null>(null);
  const statusError = useSignal<string | null>(null);
  const tab = useSignal<Tab>('import');
  const sync = useSync(ask, subscribe, {
    autoLoad: async () => {
      try {
        status.value = await ask({ type: 'connections.status' });
      } catch (e) {
        statusError.value = (e as Error).message;
        return false;
      }
      return isConfigured(status.value);
    },
  });
  const { overview, loading, job } = sync;
  const errorText = statusError.value ?? sync.error.value;
  const configured = isConfigured(status.value);
  const onJob = sync.showJob;
  const load = sync.load;
  return (
    <main class="bvs popup">
      <header class="row head">
        <h1 id="title">bms-vsa-sync</h1>
        <span class="spacer" />
        <button type="button" id="open-options" onClick={openOptions}>{t('openSettings')}</button>
      </header>
      {status.value && !configured && (
        <>
          <ConnectionStatus states={[status.value.vsa, status.value.bms]} />
          <p>{t('configureFirst')}</p>
        </>
      )}
      {status.value && configured && (status.value.vsa.state === 'error' || status.value.bms.state === 'error' || status.value.vsa.state === 'no-permission' || status.value.bms.state === 'no-permission') && (
        <ConnectionStatus states={[status.value.vsa, status.value.bms]} />
      )}
      {configured && currentUrl && <TeachPage ask={ask} currentUrl={currentUrl} />}
      {errorText && <p role="alert" class="error-text" id="popup-error">{errorText}</p>}
      {!status.value && !errorText && <p class="muted" role="status">{t('checking')}</p>}
      {job.value && (
        <JobView
          key={job.value.progress.jobId} plan={job.value.plan} progress={job.value.progress} ask={ask}
          onProgress={sync.setProgress}
          onClose={sync.closeJob}
          onUndoPlanned={(p) => sync.showJob(p, p.progress)}
        />
      )}
      {configured && (
        <>
          <div role="tablist" class="tabs" aria-label={t('viewsLabel')}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const order: Tab[] = ['import', 'export', 'history'];
              const next = order[(order.indexOf(tab.value) + (e.key === 'ArrowRight' ? 1 : 2)) % 3];
              tab.value = next;
              (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`#tab-${next}`)?.focus();
            }}>
            {(['import', 'export', 'history'] as Tab[]).map((k) => (
              <button key={k} type="button" role="tab" id={`tab-${k}`} aria-selected={tab.value === k} aria-controls={`panel-${k}`} tabIndex={tab.value === k ? 0 : -1} onClick={() => (tab.value = k)}>
                {t(`tab_${k}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab.value}`} aria-labelledby={`tab-${tab.value}`}>
            {tab.value === 'import' && <SyncList ask={ask} overview={overview.value} loading={loading.value} onLoad={load} onJob={onJob} height={job.value ? Math.max(140, listHeight - 120) : listHeight} />}
            {tab.value === 'export' && <ExportList ask={ask} overview={overview.value} onJob={onJob} height={job.value ? Math.max(140, listHeight - 80) : listHeight + 40} />}
            {tab.value === 'history' && <HistoryView ask={ask} onJob={onJob} />}
          </div>
        </>
      )}
    </main>
  );
}
