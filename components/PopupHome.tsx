import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Reply } from '@/lib/messages';
import { t } from '@/lib/i18n';
import { ConnectionStatus } from './ConnectionStatus';

/** The popup as far as the product goes today: the state of both connections and a way to fix them. */
export function PopupHome({ status, openOptions }: { status: (refresh: boolean) => Promise<Reply<'connections.status'>>; openOptions: () => void }) {
  const st = useSignal<Reply<'connections.status'> | null>(null);
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const load = async (refresh: boolean) => {
    busy.value = true;
    error.value = null;
    try {
      st.value = await status(refresh);
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      busy.value = false;
    }
  };
  useEffect(() => {
    void load(false);
  }, []);
  return (
    <main class="bvs" style={{ width: '360px', padding: '12px' }}>
      <h1 id="title">bms-vsa-sync</h1>
      <h2>{t('connectionsHeading')}</h2>
      {st.value ? <ConnectionStatus states={[st.value.vsa, st.value.bms]} /> : !error.value && <p class="muted" role="status">{t('checking')}</p>}
      {error.value && <p role="alert" class="error-text">{error.value}</p>}
      <div class="row" style={{ marginTop: '10px' }}>
        <button type="button" id="recheck" disabled={busy.value} onClick={() => load(true)}>{t('checkAgain')}</button>
        <button type="button" id="open-options" class="primary" onClick={openOptions}>{t('openSettings')}</button>
      </div>
    </main>
  );
}
