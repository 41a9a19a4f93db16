import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { BMS_LINK_FIELD, VSA_LINK_FIELD } from '@/lib/capabilities/assumed';
import type { Capability, CapabilityName, CapabilityRecord } from '@/lib/capabilities/types';
import { t } from '@/lib/i18n';

export interface CapabilitiesApi {
  /** the stored record (waits for a probe in flight) */
  get(): Promise<CapabilityRecord | null>;
  /** probes again */
  probe(): Promise<CapabilityRecord | null>;
}

/** the rows in the order an admin reads them */
const ROWS: CapabilityName[] = ['mappingStore', 'integration', 'legacyLocations', 'departments', 'accountContacts', 'customFieldModule', 'categoryTable', 'vsaMethod', 'sameOriginSession'];

/** one row in plain words (locale key + substitutions), from the capability and the probe's details */
export function capabilityLine(name: CapabilityName, c: Capability, r: CapabilityRecord): string {
  const d = r.detail;
  if (c.state === 'unknown' && name !== 'sameOriginSession') return t('cap_unknown', [t(`capLabel_${name}`), c.reason]);
  switch (name) {
    case 'mappingStore':
      // without the store: where links live instead (the rest of §9's chain, as probed)
      if (c.state === 'present') return t('cap_mappingStore_present');
      return d.vsaLinkField === 'present' ? t('cap_mappingStore_absent_vsa', VSA_LINK_FIELD)
        : d.bmsLinkField === 'present' ? t('cap_mappingStore_absent_bms', BMS_LINK_FIELD)
          : d.vsaLinkField === 'absent' && d.bmsLinkField === 'absent' ? t('cap_mappingStore_absent_local', [VSA_LINK_FIELD, BMS_LINK_FIELD]) : t('cap_mappingStore_absent');
    case 'integration':
      return c.state === 'present' ? t('cap_integration_present', d.integrationType ?? '') : t('cap_integration_absent');
    case 'customFieldModule':
      return c.state === 'present' ? t('cap_customFieldModule_present', String(d.accountsModuleId ?? '')) : t('cap_customFieldModule_absent');
    case 'categoryTable':
      return c.state === 'present'
        ? t('cap_categoryTable_present', d.categories.join(', '))
        : d.categories.length ? t('cap_categoryTable_absent_seen', d.categories.join(', ')) : t('cap_categoryTable_absent');
    case 'vsaMethod':
      return c.state === 'present' ? t(d.vsaMethod === 'password' ? 'cap_vsaMethod_password' : 'cap_vsaMethod_token') : t('cap_vsaMethod_absent');
    case 'sameOriginSession':
      return t('cap_sameOriginSession');
    default:
      return t(`cap_${name}_${c.state}`);
  }
}

/** The options page's account of what the tenant supports, when it was checked, and a button to check again. */
export function CapabilitiesView({ api, reload }: { api: CapabilitiesApi; reload?: { value: number } }) {
  const rec = useSignal<CapabilityRecord | null | undefined>(undefined);
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const run = async (fn: () => Promise<CapabilityRecord | null>) => {
    busy.value = true;
    error.value = null;
    try {
      rec.value = await fn();
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      busy.value = false;
    }
  };
  useEffect(() => void run(() => api.get()), [reload?.value]);

  const r = rec.value;
  return (
    <section id="capabilities" aria-labelledby="caps-title" aria-busy={busy.value} style={{ marginTop: '20px' }}>
      <h2 id="caps-title">{t('capsTitle')}</h2>
      {r === undefined ? <p class="muted">{t('capsChecking')}</p> : r === null ? <p class="muted" id="caps-never">{t('capsNever')}</p> : (
        <>
          <p class="muted" id="caps-probed-at" data-probed-at={r.probedAt}>{t('capsProbedAt', new Date(r.probedAt).toLocaleString())}</p>
          <ul role="list" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {ROWS.map((name) => {
              const c = r.caps[name];
              return (
                <li class="status" key={name} data-capability={name} data-state={c.state}>
                  <span class={`dot ${c.state === 'present' ? 'ok' : c.state === 'absent' ? 'not-configured' : 'unknown'}`} aria-hidden="true" />
                  <span class="msg">
                    <span data-role="line">{capabilityLine(name, c, r)}</span>
                    {c.state === 'absent' && <span class="muted" data-role="reason" style={{ display: 'block', fontSize: '12px' }}>{c.reason}</span>}
                    {/* side by side with BMS's own VSA integration: who writes what (never both) */}
                    {name === 'integration' && c.state !== 'unknown' && <span data-role="share" id="caps-integration-share" style={{ display: 'block', fontSize: '12px' }}>{t(`cap_integration_share_${c.state}`)}</span>}
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div class="row" style={{ marginTop: '8px' }}>
        <button type="button" id="caps-probe" disabled={busy.value} onClick={() => void run(() => api.probe())}>{busy.value ? t('capsChecking') : t('capsRecheck')}</button>
        {error.value && <span role="alert" class="error-text">{error.value}</span>}
      </div>
    </section>
  );
}
