import type { ConnectionState } from '@/lib/messages';
import { t } from '@/lib/i18n';

const LABEL: Record<ConnectionState['system'], string> = { vsa: 'Kaseya VSA', bms: 'Kaseya BMS' };

/** One line per connection: a coloured dot, the system, and the plain-language state. */
export function ConnectionStatus({ states }: { states: ConnectionState[] }) {
  return (
    <ul role="list" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('connectionsHeading')}>
      {states.map((s) => (
        <li class="status" key={s.system} data-system={s.system} data-state={s.state} data-checked-at={s.checkedAt ?? undefined}>
          <span class={`dot ${s.state}`} aria-hidden="true" />
          <span class="msg">
            <strong>{LABEL[s.system]}</strong>: <span data-role="message">{s.message}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The compact chip shown inside BMS pages. */
export function ConnectionChip({ vsa, bms, error }: { vsa?: ConnectionState; bms?: ConnectionState; error?: string }) {
  const all = [vsa, bms].filter(Boolean) as ConnectionState[];
  const ok = all.length === 2 && all.every((s) => s.state === 'ok');
  const label = error ? t('chipError') : !all.length ? t('chipChecking') : ok ? t('chipConnected') : t('chipAttention');
  const detail = error ?? all.map((s) => `${LABEL[s.system]}: ${s.message}`).join('\n');
  return (
    <span class="chip" role="status" title={detail} data-state={error ? 'error' : ok ? 'ok' : all.length ? 'attention' : 'checking'}>
      <span class={`dot ${error ? 'error' : ok ? 'ok' : all.length ? 'error' : 'unknown'}`} aria-hidden="true" style={{ marginTop: 0 }} />
      <span class="label">bms-vsa-sync · {label}</span>
      <span class="sr-only">{detail}</span>
    </span>
  );
}
