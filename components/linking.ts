/**
 * Linking one org to one account, as the popup's rows and the account panel both do: the warnings
 * first (F18), and only when there are none (or the admin confirmed them) a one-item import job, started.
 */
import type { JobProgress } from '@/lib/messages';
import { t } from '@/lib/i18n';
import type { Ask } from './api';

export type LinkStep = { warnings: string[] } | { progress: JobProgress };

export async function linkOne(ask: Ask, orgId: string, accountId: number, confirmed: boolean): Promise<LinkStep> {
  if (!confirmed) {
    const { warnings } = await ask({ type: 'mapping.warnings', orgId, accountId });
    if (warnings.length) return { warnings: warnings.map((w) => w.message) };
  }
  const plan = await ask({ type: 'job.planImport', selection: { orgIds: [orgId], accept: 'auto', createMissing: false, choices: { [orgId]: accountId } } });
  if (!plan.progress.total) throw new Error(plan.conflicts[0]?.reason ?? t('nothingToDo'));
  return { progress: await ask({ type: 'job.start', jobId: plan.progress.jobId }) };
}
