/**
 * Admin › Service Desk › RMM Integration Settings › Accounts Synchronization (F3, F4): the popup's
 * sync list, with the same actions, in an extension-owned frame inside BMS's own page.
 */
import { t } from '@/lib/i18n';
import type { Ask, Subscribe } from '../api';
import { JobView } from '../JobView';
import { SyncList } from '../SyncList';
import { useSync } from '../useSync';

export function AccountsSyncPanel({ ask, subscribe }: { ask: Ask; subscribe: Subscribe }) {
  const sync = useSync(ask, subscribe, { autoLoad: async () => true });
  const job = sync.job.value;
  return (
    <section class="accounts-sync-panel" aria-labelledby="bvs-sync-title">
      <h2 id="bvs-sync-title">{t('panelSyncTitle')}</h2>
      {sync.error.value && <p role="alert" class="error-text">{sync.error.value}</p>}
      {job && (
        <JobView key={job.progress.jobId} plan={job.plan} progress={job.progress} ask={ask}
          onProgress={sync.setProgress}
          onClose={sync.closeJob} onUndoPlanned={(p) => sync.showJob(p, p.progress)} />
      )}
      <SyncList ask={ask} overview={sync.overview.value} loading={sync.loading.value} onLoad={sync.load} onJob={sync.showJob} height={420} />
    </section>
  );
}
