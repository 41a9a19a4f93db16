/**
 * The tenant rules in the options page (B15–B19): category rules (ordered), exclusions, the agent
 * lifecycle and field ownership. Part of the settings form: it edits the settings it is given and the
 * form saves them. A rule that cannot work is named right here, with its cause.
 */
import type { Settings } from '@/lib/messages';
import { t } from '@/lib/i18n';
import { OWNED_FIELDS, type Ownership } from '@/lib/mapping/ownership';
import { tenantSettingsProblems } from '@/lib/mapping/tenant-settings';

type Patch = (p: Partial<Settings>) => void;
const val = (e: Event) => (e.target as HTMLInputElement).value;

function days(n: string): number | null {
  const v = Math.round(Number(n));
  return n.trim() !== '' && Number.isFinite(v) && v >= 0 && v <= 365 ? v : null;
}

function CategoryRules({ v, set }: { v: Settings; set: Patch }) {
  const c = v.categories;
  const rules = c.rules;
  const put = (rs: typeof rules) => set({ categories: { ...c, rules: rs } });
  const edit = (i: number, patch: Partial<(typeof rules)[number]>) => put(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset id="tenant-categories">
      <legend>{t('catHeading')}</legend>
      <p class="muted small">{t('catHelp')}</p>
      <table class="rules">
        <thead><tr><th>{t('catOsType')}</th><th>{t('catGroup')}</th><th>{t('catAgent')}</th><th>{t('catCategory')}</th><th /></tr></thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={i} data-rule={i}>
              <td><input aria-label={t('catOsType')} value={r.osType ?? ''} placeholder="*server*" onInput={(e) => edit(i, { osType: val(e) })} /></td>
              <td><input aria-label={t('catGroup')} value={r.machineGroup ?? ''} placeholder="*.servers" onInput={(e) => edit(i, { machineGroup: val(e) })} /></td>
              <td><input aria-label={t('catAgent')} value={r.agentName ?? ''} placeholder="SRV-*" onInput={(e) => edit(i, { agentName: val(e) })} /></td>
              <td><input aria-label={t('catCategory')} value={r.category} onInput={(e) => edit(i, { category: val(e) })} /></td>
              <td class="row">
                <button type="button" class="small" disabled={i === 0} aria-label={t('ruleUp')} title={t('ruleUp')} onClick={() => put(rules.map((x, j) => (j === i - 1 ? rules[i] : j === i ? rules[i - 1] : x)))}>↑</button>
                <button type="button" class="small" aria-label={t('ruleRemove')} title={t('ruleRemove')} onClick={() => put(rules.filter((_, j) => j !== i))}>✕</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" id="cat-add" onClick={() => put([...rules, { osType: '', category: '' }])}>{t('ruleAdd')}</button>
      <label for="cat-default">{t('catDefault')}</label>
      <input id="cat-default" value={c.defaultCategory} onInput={(e) => set({ categories: { ...c, defaultCategory: val(e) } })} />
      <label class="check"><input type="checkbox" id="cat-overwrite" checked={c.overwriteManual} onChange={(e) => set({ categories: { ...c, overwriteManual: (e.target as HTMLInputElement).checked } })} /> {t('catOverwrite')}</label>
      <p class="muted small">{t('catOverwriteHelp')}</p>
    </fieldset>
  );
}

function Exclusions({ v, set }: { v: Settings; set: Patch }) {
  const rules = v.exclusions;
  const edit = (i: number, patch: Partial<(typeof rules)[number]>) => set({ exclusions: rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <fieldset id="tenant-exclusions">
      <legend>{t('exclHeading')}</legend>
      <p class="muted small">{t('exclHelp')}</p>
      <table class="rules">
        <thead><tr><th>{t('exclTarget')}</th><th>{t('exclPattern')}</th><th>{t('exclNote')}</th><th /></tr></thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={i} data-rule={i}>
              <td>
                <select aria-label={t('exclTarget')} value={r.target} onChange={(e) => edit(i, { target: (e.target as HTMLSelectElement).value as typeof r.target })}>
                  <option value="org">{t('excl_org')}</option>
                  <option value="machineGroup">{t('excl_machineGroup')}</option>
                  <option value="agent">{t('excl_agent')}</option>
                </select>
              </td>
              <td><input aria-label={t('exclPattern')} value={r.pattern} placeholder="Lab*" onInput={(e) => edit(i, { pattern: val(e) })} /></td>
              <td><input aria-label={t('exclNote')} value={r.note ?? ''} onInput={(e) => edit(i, { note: val(e) || undefined })} /></td>
              <td><button type="button" class="small" aria-label={t('ruleRemove')} title={t('ruleRemove')} onClick={() => set({ exclusions: rules.filter((_, j) => j !== i) })}>✕</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" id="excl-add" onClick={() => set({ exclusions: [...rules, { target: 'org', pattern: '' }] })}>{t('ruleAdd')}</button>
    </fieldset>
  );
}

function Lifecycle({ v, set }: { v: Settings; set: Patch }) {
  const l = v.lifecycle;
  return (
    <fieldset id="tenant-lifecycle">
      <legend>{t('lifeHeading')}</legend>
      <label for="life-grace">{t('lifeGrace')}</label>
      <input id="life-grace" type="number" min={0} max={365} step={1} value={String(l.graceDays)} onInput={(e) => {
        const n = days(val(e));
        if (n !== null) set({ lifecycle: { ...l, graceDays: n } });
      }} />
      <p class="muted small">{t('lifeGraceHelp')}</p>
      <label for="life-window">{t('lifeWindow')}</label>
      <input id="life-window" type="number" min={0} max={365} step={1} value={String(l.reinstallWindowDays)} onInput={(e) => {
        const n = days(val(e));
        if (n !== null) set({ lifecycle: { ...l, reinstallWindowDays: n } });
      }} />
      <p class="muted small">{t('lifeWindowHelp')}</p>
    </fieldset>
  );
}

function Ownership({ v, set, contactsRead }: { v: Settings; set: Patch; contactsRead?: string | null }) {
  return (
    <fieldset id="tenant-ownership">
      <legend>{t('ownHeading')}</legend>
      <p class="muted small">{t('ownHelp')}</p>
      {OWNED_FIELDS.map((f) => (
        <div class="row" key={f}>
          <label for={`own-${f}`}>{t(`ownField_${f}`)}</label>
          <select id={`own-${f}`} value={v.ownership[f]} onChange={(e) => set({ ownership: { ...v.ownership, [f]: (e.target as HTMLSelectElement).value as Ownership } })}>
            <option value="vsa">{t('own_vsa')}</option>
            <option value="bms">{t('own_bms')}</option>
            <option value="fillEmpty">{t('own_fillEmpty')}</option>
          </select>
        </div>
      ))}
      <p class="muted small" id="own-contact-help">{t('ownContactHelp')}</p>
      {contactsRead === 'absent' && <p class="muted small" id="own-contact-off">{t('ownContactOff')}</p>}
    </fieldset>
  );
}

export function TenantRulesForm({ v, set, contactsRead }: { v: Settings; set: Patch; contactsRead?: string | null }) {
  const problems = tenantSettingsProblems(v);
  return (
    <>
      <CategoryRules v={v} set={set} />
      <Exclusions v={v} set={set} />
      <Lifecycle v={v} set={set} />
      <Ownership v={v} set={set} contactsRead={contactsRead} />
      {problems.length > 0 && (
        <ul role="alert" class="error-text" id="tenant-problems">
          {problems.map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
    </>
  );
}
