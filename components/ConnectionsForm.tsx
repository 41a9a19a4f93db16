import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ConnectionState, Reply, Request } from '@/lib/messages';
import { t } from '@/lib/i18n';
import { ConnectionStatus } from './ConnectionStatus';

export interface ConnectionsApi {
  load(): Promise<Reply<'connections.get'>>;
  /** asks the browser for host access to these origins; resolves false when the admin declines */
  requestOrigins(origins: string[]): Promise<boolean>;
  save(req: Request<'connections.save'>): Promise<void>;
  test(system: 'vsa' | 'bms'): Promise<ConnectionState>;
}

interface Fields {
  vsaUrl: string; vsaUser: string; vsaMethod: 'password' | 'token'; vsaSecret: string; vsaHint: string;
  bmsUrl: string; bmsWebUrl: string; bmsTenant: string; bmsUser: string; bmsPassword: string; bmsHint: string;
}
const empty: Fields = { vsaUrl: '', vsaUser: '', vsaMethod: 'token', vsaSecret: '', vsaHint: '', bmsUrl: '', bmsWebUrl: '', bmsTenant: '', bmsUser: '', bmsPassword: '', bmsHint: '' };

/** `https://host:port/path` → the match pattern host permissions use (ports are not part of it). */
export function patternOf(url: string): string | null {
  try {
    const u = new URL(url.trim());
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}

/** the BMS web address the background derives from the API address when none is typed (api.host → host) */
export function derivedWebUrl(apiUrl: string): string {
  try {
    const u = new URL(apiUrl.trim());
    const host = u.hostname.startsWith('api.') ? u.hostname.slice(4) : u.hostname;
    return `${u.protocol}//${host}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return '';
  }
}

export function ConnectionsForm({ api }: { api: ConnectionsApi }) {
  const f = useSignal<Fields>(empty);
  const busy = useSignal(false);
  const note = useSignal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const states = useSignal<ConnectionState[]>([]);

  useEffect(() => {
    api.load().then((c) => {
      f.value = {
        ...empty,
        vsaUrl: c.vsa?.url ?? '', vsaUser: c.vsa?.user ?? '', vsaMethod: c.vsa?.method ?? 'token', vsaHint: c.vsa?.secretHint ?? '',
        bmsUrl: c.bms?.url ?? '', bmsWebUrl: c.bms?.webUrl ?? '', bmsTenant: c.bms?.tenant ?? '', bmsUser: c.bms?.user ?? '', bmsHint: c.bms?.secretHint ?? '',
      };
    }).catch((e: Error) => (note.value = { kind: 'error', text: e.message }));
  }, []);

  const set = (k: keyof Fields) => (e: Event) => {
    f.value = { ...f.value, [k]: (e.target as HTMLInputElement).value };
  };

  const onSave = async (e: Event) => {
    e.preventDefault();
    const v = f.value;
    note.value = null;
    // the BMS web address derived from the API host when left empty is asked for too: the panels run there
    const origins = [v.vsaUrl, v.bmsUrl, v.bmsWebUrl || derivedWebUrl(v.bmsUrl)].map((u) => (u ? patternOf(u) : null)).filter((x): x is string => !!x);
    busy.value = true;
    try {
      // permission first: the browser only asks in direct answer to the click
      if (origins.length && !(await api.requestOrigins([...new Set(origins)]))) {
        note.value = { kind: 'error', text: t('permissionDeclined') };
        return;
      }
      await api.save({
        type: 'connections.save',
        vsa: v.vsaUrl || v.vsaUser ? { url: v.vsaUrl, user: v.vsaUser, method: v.vsaMethod, secret: v.vsaSecret || undefined } : null,
        bms: v.bmsUrl || v.bmsUser ? { url: v.bmsUrl, webUrl: v.bmsWebUrl, tenant: v.bmsTenant, user: v.bmsUser, password: v.bmsPassword || undefined } : null,
      });
      const c = await api.load();
      f.value = { ...f.value, vsaSecret: '', bmsPassword: '', vsaHint: c.vsa?.secretHint ?? '', bmsHint: c.bms?.secretHint ?? '', vsaUrl: c.vsa?.url ?? '', bmsUrl: c.bms?.url ?? '', bmsWebUrl: c.bms?.webUrl ?? '' };
      note.value = { kind: 'ok', text: t('saved') };
    } catch (err) {
      note.value = { kind: 'error', text: (err as Error).message };
    } finally {
      busy.value = false;
    }
  };

  const onTest = async (system: 'vsa' | 'bms') => {
    busy.value = true;
    try {
      const s = await api.test(system);
      states.value = [...states.value.filter((x) => x.system !== system), s].sort((a, b) => a.system.localeCompare(b.system) * -1);
    } catch (err) {
      note.value = { kind: 'error', text: (err as Error).message };
    } finally {
      busy.value = false;
    }
  };

  const v = f.value;
  return (
    <form class="bvs" onSubmit={onSave} aria-busy={busy.value} noValidate>
      <fieldset>
        <legend>Kaseya VSA</legend>
        <label for="vsa-url">{t('vsaUrl')}</label>
        <input id="vsa-url" name="vsaUrl" type="url" autocomplete="url" placeholder="https://vsa.example.com" value={v.vsaUrl} onInput={set('vsaUrl')} />
        <label for="vsa-user">{t('userName')}</label>
        <input id="vsa-user" name="vsaUser" autocomplete="username" value={v.vsaUser} onInput={set('vsaUser')} />
        <label for="vsa-method">{t('signInWith')}</label>
        <select id="vsa-method" name="vsaMethod" value={v.vsaMethod} onChange={set('vsaMethod')} aria-describedby="vsa-method-note">
          <option value="token">{t('vsaMethodToken')}</option>
          <option value="password">{t('vsaMethodPassword')}</option>
        </select>
        <p id="vsa-method-note" class="muted small">{v.vsaMethod === 'password' ? t('vsaPasswordLegacy') : t('vsaTokenHow')}</p>
        <label for="vsa-secret">{v.vsaMethod === 'token' ? t('accessToken') : t('password')}</label>
        <input id="vsa-secret" name="vsaSecret" type="password" autocomplete="off" placeholder={v.vsaHint ? t('keepSaved', v.vsaHint) : ''} value={v.vsaSecret} onInput={set('vsaSecret')} />
        <div class="row" style={{ marginTop: '8px' }}>
          <button type="button" id="test-vsa" disabled={busy.value} onClick={() => onTest('vsa')}>{t('testConnection')}</button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Kaseya BMS</legend>
        <label for="bms-url">{t('bmsApiUrl')}</label>
        <input id="bms-url" name="bmsUrl" type="url" placeholder="https://api.bms.kaseya.com" value={v.bmsUrl} onInput={set('bmsUrl')} />
        <label for="bms-web-url">{t('bmsWebUrl')}</label>
        <input id="bms-web-url" name="bmsWebUrl" type="url" placeholder="https://bms.kaseya.com" value={v.bmsWebUrl} onInput={set('bmsWebUrl')} />
        <label for="bms-tenant">{t('tenant')}</label>
        <input id="bms-tenant" name="bmsTenant" value={v.bmsTenant} onInput={set('bmsTenant')} />
        <label for="bms-user">{t('userName')}</label>
        <input id="bms-user" name="bmsUser" autocomplete="username" value={v.bmsUser} onInput={set('bmsUser')} />
        <label for="bms-password">{t('password')}</label>
        <input id="bms-password" name="bmsPassword" type="password" autocomplete="off" placeholder={v.bmsHint ? t('keepSaved', v.bmsHint) : ''} value={v.bmsPassword} onInput={set('bmsPassword')} />
        <div class="row" style={{ marginTop: '8px' }}>
          <button type="button" id="test-bms" disabled={busy.value} onClick={() => onTest('bms')}>{t('testConnection')}</button>
        </div>
      </fieldset>
      <div class="row">
        <button type="submit" id="save" class="primary" disabled={busy.value}>{t('save')}</button>
        {note.value && (
          <span role={note.value.kind === 'error' ? 'alert' : 'status'} id="save-note" class={note.value.kind === 'error' ? 'error-text' : 'ok-text'}>{note.value.text}</span>
        )}
      </div>
      {states.value.length > 0 && (
        <section aria-live="polite" id="test-results" style={{ marginTop: '12px' }}>
          <ConnectionStatus states={states.value} />
        </section>
      )}
    </form>
  );
}
