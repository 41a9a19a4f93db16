/**
 * The state every sync view shares (popup, admin sync page): the org list, loading it, and the job
 * on screen, reattached when a job is running and kept current from progress events.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { JobProgress, Overview, PlanReply } from '@/lib/messages';
import type { Ask, Subscribe } from './api';

export type ShownJob = { plan: PlanReply | null; progress: JobProgress } | null;

export function useSync(ask: Ask, subscribe: Subscribe, opts: { autoLoad: () => Promise<boolean> }) {
  const overview = useSignal<Overview | null>(null);
  const loading = useSignal(false);
  const error = useSignal<string | null>(null);
  const job = useSignal<ShownJob>(null);
  const load = async (refresh: boolean) => {
    loading.value = true;
    error.value = null;
    try {
      overview.value = await ask({ type: 'sync.overview', refresh });
      performance.mark('bvs:overview');
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      loading.value = false;
    }
  };
  useEffect(() => {
    void (async () => {
      if (!(await opts.autoLoad())) return;
      // reattach: a job still running is shown again
      const newest = await ask({ type: 'job.progress' }).catch(() => null);
      if (newest && newest.state === 'running') job.value = { plan: null, progress: newest };
      await load(false);
    })();
    return subscribe((p) => {
      const cur = job.value;
      if (cur && cur.progress.jobId === p.jobId) {
        job.value = { plan: cur.plan, progress: p };
        if (p.state === 'done' || p.state === 'failed' || p.state === 'cancelled') void load(false);
      } else if (!cur && p.state === 'running') job.value = { plan: null, progress: p };
    });
  }, []);
  return {
    overview, loading, error, job, load,
    showJob: (plan: PlanReply | null, progress: JobProgress) => (job.value = { plan, progress }),
    /** new progress of the job on screen (its plan stays) */
    setProgress: (progress: JobProgress) => (job.value = { plan: job.value?.plan ?? null, progress }),
    closeJob: () => {
      job.value = null;
      void load(false);
    },
  };
}
