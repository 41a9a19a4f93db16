/**
 * W2 in the popup: on a BMS page the extension does not recognise, "This page is: an account / the
 * asset list / an asset / RMM Integration Settings". The pattern (where the record number sits) is
 * derived from the address and saved with the settings; the open BMS tabs pick it up at once, for this
 * page and its siblings.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { derivePattern, BMS_PAGES, type BmsPage } from '@/lib/host/patterns';
import { whereAmI } from '@/lib/host/routes';
import { t } from '@/lib/i18n';
import type { Ask } from './api';

export function TeachPage({ ask, currentUrl }: { ask: Ask; currentUrl: () => Promise<string | null> }) {
  const state = useSignal<{ url: string; known: BmsPage | null } | null>(null);
  const note = useSignal<{ ok: boolean; text: string } | null>(null);
  const load = async () => {
    const [url, conns, settings] = await Promise.all([currentUrl(), ask({ type: 'connections.get' }), ask({ type: 'settings.get' })]);
    const web = conns.bms?.webUrl || null;
    if (!url || !web) return;
    try {
      if (new URL(url).origin !== new URL(web).origin) return;
    } catch {
      return;
    }
    state.value = { url, known: whereAmI(url, web, settings.learnedPages)?.page ?? null };
  };
  useEffect(() => {
    void load().catch(() => undefined);
  }, []);
  const teach = async (page: BmsPage) => {
    note.value = null;
    try {
      const pattern = derivePattern(page, state.value!.url);
      const settings = await ask({ type: 'settings.get' });
      const learnedPages = [{ page, pattern }, ...settings.learnedPages.filter((l) => l.pattern !== pattern)];
      await ask({ type: 'settings.save', settings: { ...settings, learnedPages } });
      note.value = { ok: true, text: t('teachDone', [t(`page_${page.replace('-', '_')}`), pattern]) };
      state.value = { ...state.value!, known: page };
    } catch (e) {
      note.value = { ok: false, text: (e as Error).message };
    }
  };
  if (!state.value) return null;
  return (
    <section class="teach" id="teach-page" aria-labelledby="teach-title">
      {state.value.known === null && (
        <>
          <p id="teach-title">{t('teachUnknown')}</p>
          <div class="row wrap" role="group" aria-labelledby="teach-title">
            {BMS_PAGES.map((p) => <button key={p} type="button" id={`teach-${p}`} onClick={() => void teach(p)}>{t(`page_${p.replace('-', '_')}`)}</button>)}
          </div>
        </>
      )}
      {state.value.known !== null && !note.value && <p class="muted small" id="teach-title">{t('teachKnown', t(`page_${state.value.known.replace('-', '_')}`))}</p>}
      {note.value && <p role={note.value.ok ? 'status' : 'alert'} id="teach-note" class={note.value.ok ? 'ok-text' : 'error-text'}>{note.value.text}</p>}
    </section>
  );
}
