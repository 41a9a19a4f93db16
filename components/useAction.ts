/** One action at a time with its error in words: what every button that asks the background needs. */
import { useSignal } from '@preact/signals';

export function useAction() {
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const run = async (fn: () => Promise<void>) => {
    busy.value = true;
    error.value = null;
    try {
      await fn();
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      busy.value = false;
    }
  };
  return { busy, error, run };
}
