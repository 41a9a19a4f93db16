/**
 * The location rule of one link (F12–F15): Main, Group Id (with the locations it will create) or
 * Custom (each machine group → location and optional department, among the account's active ones).
 * Saving checks the rule in the background and re-places the org's assets (F10); the job's progress
 * comes back through `onSaved`.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { LocationRule, PlanReply, RuleInfo } from '@/lib/messages';
import { groupLocationName } from '@/lib/mapping/rules';
import { t } from '@/lib/i18n';
import type { Ask } from './api';

type CustomRow = { machineGroupId: string; locationId: number | null; departmentId: number | null };

export function RuleEditor({ orgId, ask, onSaved }: { orgId: string; ask: Ask; onSaved: (p: PlanReply) => void }) {
  const info = useSignal<RuleInfo | null>(null);
  const kind = useSignal<LocationRule['kind']>('main');
  const rows = useSignal<CustomRow[]>([]);
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  useEffect(() => {
    ask({ type: 'mapping.ruleInfo', orgId }).then((i) => {
      info.value = i;
      kind.value = i.rule.kind;
      rows.value = i.rule.kind === 'custom' ? i.rule.groups.map((g) => ({ ...g })) : i.machineGroups.slice(0, 1).map((g) => ({ machineGroupId: g.id, locationId: null, departmentId: null }));
    }, (e: Error) => (error.value = e.message));
  }, [orgId]);
  const i = info.value;
  if (!i) return <p role={error.value ? 'alert' : 'status'} class={error.value ? 'error-text' : 'muted'}>{error.value ?? t('loading')}</p>;
  if (i.accountId === null) return <p class="muted">{t('ruleNeedsLink')}</p>;
  const org = { id: orgId, name: '', machineGroups: i.machineGroups };
  const main = i.locations.find((l) => l.isMain);
  const activeLocations = i.locations.filter((l) => l.isActive);
  const activeDepartments = i.departments.filter((d) => d.isActive);
  // what the tenant supports (capability record): no department column where BMS's API has none,
  // and Group Id locations listed for the admin where no API adds them to an existing account
  const departmentsOn = !i.capabilities || i.capabilities.departments === 'present';
  const locationAddsOn = !i.capabilities || i.capabilities.legacyLocations === 'present';
  const missing = i.missingLocations ?? [];
  const used = new Set(rows.value.map((r) => r.machineGroupId));
  const setRow = (k: number, patch: Partial<CustomRow>) => (rows.value = rows.value.map((r, j) => (j === k ? { ...r, ...patch } : r)));
  const save = async () => {
    error.value = null;
    let rule: LocationRule;
    if (kind.value === 'custom') {
      const incomplete = rows.value.find((r) => r.locationId === null);
      if (incomplete) {
        error.value = t('ruleChooseLocation', i.machineGroups.find((g) => g.id === incomplete.machineGroupId)?.name ?? incomplete.machineGroupId);
        return;
      }
      rule = { kind: 'custom', groups: rows.value.map((r) => ({ machineGroupId: r.machineGroupId, locationId: r.locationId!, departmentId: departmentsOn ? r.departmentId : null })) };
    } else rule = { kind: kind.value };
    busy.value = true;
    try {
      onSaved(await ask({ type: 'mapping.saveRule', orgId, rule }));
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      busy.value = false;
    }
  };
  return (
    <form class="rule-editor" onSubmit={(e) => {
      e.preventDefault();
      void save();
    }}>
      <fieldset>
        <legend>{t('ruleLegend')}</legend>
        {(['main', 'groupId', 'custom'] as const).map((k) => (
          <label class="radio" key={k}>
            <input type="radio" name={`rule-${orgId}`} value={k} checked={kind.value === k} onChange={() => (kind.value = k)} />
            {t(`rule_${k}`)}
          </label>
        ))}
      </fieldset>
      {kind.value === 'main' && (
        <>
          <p class="muted" id="rule-main-help">{t('ruleMainHelp', main?.name ?? t('noMainLocation'))}</p>
          {!locationAddsOn && <p class="muted small" id="rule-main-convert">{t('ruleMainConvertInBms')}</p>}
        </>
      )}
      {kind.value === 'groupId' && (
        <div id="rule-group-help">
          <p class="muted">{t('ruleGroupHelp')}</p>
          <ul class="locations">
            {i.machineGroups.map((g) => <li key={g.id} title={groupLocationName(g.id, org) ?? g.name}>{groupLocationName(g.id, org) ?? g.name}</li>)}
            {!i.machineGroups.length && <li class="muted">{t('noMachineGroups')}</li>}
          </ul>
          {!locationAddsOn && missing.length > 0 && (
            <div id="rule-group-missing" class="warn-text" role="note">
              <p class="small">{t('ruleGroupAddInBms', String(missing.length))}</p>
              <ul class="locations">{missing.map((n) => <li key={n} data-missing-location={n}>{n}</li>)}</ul>
            </div>
          )}
        </div>
      )}
      {kind.value === 'custom' && (
        <div id="rule-custom">
          <p class="muted">{t('ruleCustomHelp')}</p>
          {!departmentsOn && <p class="muted small" id="rule-no-departments">{t(i.capabilities?.departments === 'unknown' ? 'ruleDepartmentsUnknown' : 'ruleNoDepartments')}</p>}
          <table class="custom">
            <thead><tr><th scope="col">{t('machineGroup')}</th><th scope="col">{t('location')}</th>{departmentsOn && <th scope="col">{t('department')}</th>}<th scope="col"><span class="sr-only">{t('remove')}</span></th></tr></thead>
            <tbody>
              {rows.value.map((r, k) => (
                <tr key={k}>
                  <td>
                    <select aria-label={t('machineGroup')} value={r.machineGroupId} onChange={(e) => setRow(k, { machineGroupId: (e.target as HTMLSelectElement).value })}>
                      {i.machineGroups.filter((g) => g.id === r.machineGroupId || !used.has(g.id)).map((g) => <option key={g.id} value={g.id}>{groupLocationName(g.id, org) ?? g.name}</option>)}
                    </select>
                  </td>
                  <td>
                    <select aria-label={t('location')} value={r.locationId === null ? '' : String(r.locationId)} onChange={(e) => setRow(k, { locationId: (e.target as HTMLSelectElement).value ? Number((e.target as HTMLSelectElement).value) : null })}>
                      <option value="">{t('chooseLocation')}</option>
                      {activeLocations.map((l) => <option key={l.id} value={String(l.id)}>{l.name}{l.isMain ? ` (${t('mainLocation')})` : ''}</option>)}
                    </select>
                  </td>
                  {departmentsOn && <td>
                    <select aria-label={t('department')} value={r.departmentId === null ? '' : String(r.departmentId)} onChange={(e) => setRow(k, { departmentId: (e.target as HTMLSelectElement).value ? Number((e.target as HTMLSelectElement).value) : null })}>
                      <option value="">{t('noDepartment')}</option>
                      {activeDepartments.map((d) => <option key={d.id} value={String(d.id)}>{d.name}</option>)}
                    </select>
                  </td>}
                  <td><button type="button" class="icon" aria-label={t('remove')} disabled={rows.value.length < 2} onClick={() => (rows.value = rows.value.filter((_, j) => j !== k))}>×</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" id="rule-add-group" disabled={used.size >= i.machineGroups.length} onClick={() => {
            const next = i.machineGroups.find((g) => !used.has(g.id));
            if (next) rows.value = [...rows.value, { machineGroupId: next.id, locationId: null, departmentId: null }];
          }}>{t('addMachineGroup')}</button>
        </div>
      )}
      <p class={`small ${i.store === 'team' ? 'muted' : 'warn-text'}`} id="rule-store" data-store={i.store}>{i.storeNote}</p>
      {error.value && <p role="alert" class="error-text">{error.value}</p>}
      <div class="row end">
        <button type="submit" class="primary" id="rule-save" disabled={busy.value}>{t('saveAndReplace')}</button>
      </div>
    </form>
  );
}
