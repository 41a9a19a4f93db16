/** Settings (options page): push new accounts (F5), create accounts (F1), scheduled sync (B7), default rule, concurrency. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Settings } from '@/lib/messages';
import { t } from '@/lib/i18n';
import type { Ask } from './api';
import { TenantRulesForm } from './TenantRulesForm';
import { LearnedPages, learnedProblems } from './LearnedPages';
import { SettingsSchema } from '@/lib/messages';

const INTERVALS = [0, 15, 30, 60, 120, 240, 720, 1440];

export function SettingsForm({ ask }: { ask: Ask }) {
  const s = useSignal<Settings | null>(null);
  const msg = useSignal<{ ok: boolean; text: string } | null>(null);
  const busy = useSignal(false);
  // whether the tenant lists account contacts (the contact field's rule says so when it does not)
  const contactsRead = useSignal<'present' | 'absent' | 'unknown' | null>(null);
  useEffect(() => {
    ask({ type: 'settings.get' }).then((v) => (s.value = v), (e: Error) => (msg.value = { ok: false, text: e.message }));
    ask({ type: 'capabilities.get' }).then((r) => (contactsRead.value = r?.caps.accountContacts?.state ?? null), () => undefined);
  }, []);
  if (!s.value) return <p class="muted" role="status">{msg.value?.text ?? t('loading')}</p>;
  const set = (patch: Partial<Settings>) => (s.value = { ...s.value!, ...patch });
  const v = s.value;
  return (
    <form id="settings-form" onSubmit={async (e) => {
      e.preventDefault();
      if (learnedProblems(s.value!.learnedPages).size) {
        msg.value = { ok: false, text: t('learnedInvalid') };
        return;
      }
      busy.value = true;
      msg.value = null;
      try {
        await ask({ type: 'settings.save', settings: s.value! });
        msg.value = { ok: true, text: t('settingsSaved') };
      } catch (err) {
        msg.value = { ok: false, text: (err as Error).message };
      } finally {
        busy.value = false;
      }
    }}>
      <fieldset>
        <legend>{t('settingsHeading')}</legend>
        <label class="check"><input type="checkbox" id="set-push" checked={v.pushNewAccounts} onChange={(e) => set({ pushNewAccounts: (e.target as HTMLInputElement).checked })} /> {t('setPush')}</label>
        <p class="muted small">{t('setPushHelp')}</p>
        <label class="check"><input type="checkbox" id="set-autocreate" checked={v.autoCreateAccounts} onChange={(e) => set({ autoCreateAccounts: (e.target as HTMLInputElement).checked })} /> {t('setAutoCreate')}</label>
        <p class="muted small">{t('setAutoCreateHelp')}</p>
        <label for="set-schedule">{t('setSchedule')}</label>
        <select id="set-schedule" value={String(v.syncEveryMinutes)} onChange={(e) => set({ syncEveryMinutes: Number((e.target as HTMLSelectElement).value) })}>
          {INTERVALS.concat(INTERVALS.includes(v.syncEveryMinutes) ? [] : [v.syncEveryMinutes]).map((m) => (
            <option key={m} value={String(m)}>{m === 0 ? t('scheduleOff') : m < 60 ? t('everyMinutes', String(m)) : t('everyHours', String(m / 60))}</option>
          ))}
        </select>
        <label for="set-rule">{t('setDefaultRule')}</label>
        <select id="set-rule" value={v.defaultRule} onChange={(e) => set({ defaultRule: (e.target as HTMLSelectElement).value as Settings['defaultRule'] })}>
          <option value="main">{t('rule_main')}</option>
          <option value="groupId">{t('rule_groupId')}</option>
        </select>
        <label for="set-concurrency">{t('setConcurrency')}</label>
        <input id="set-concurrency" type="number" min={1} max={8} step={1} value={String(v.concurrency)} onInput={(e) => {
          const n = Math.round(Number((e.target as HTMLInputElement).value));
          if (n >= 1 && n <= 8) set({ concurrency: n });
        }} />
        <p class="muted small">{t('setConcurrencyHelp')}</p>
      </fieldset>
      <fieldset>
        <legend>{t('setSafetyHeading')}</legend>
        <NumberField id="set-deactivate-percent" label={t('setDeactivatePercent')} value={v.deactivatePercent ?? 5} min={0} max={100} onChange={(n) => set({ deactivatePercent: n })} />
        <NumberField id="set-deactivate-min" label={t('setDeactivateMin')} value={v.deactivateMin ?? 50} min={0} max={1_000_000} onChange={(n) => set({ deactivateMin: n })} />
        <p class="muted small">{t('setDeactivateHelp')}</p>
        <NumberField id="set-checkin-hours" label={t('setCheckInHours')} value={v.checkInEveryHours ?? 24} min={1} max={8760} onChange={(n) => set({ checkInEveryHours: n })} />
        <p class="muted small">{t('setCheckInHelp')}</p>
        <NumberField id="set-keep-days" label={t('setKeepJobsDays')} value={v.keepJobsDays ?? 30} min={1} max={3650} onChange={(n) => set({ keepJobsDays: n })} />
        <NumberField id="set-keep-count" label={t('setKeepJobsCount')} value={v.keepJobsCount ?? 200} min={10} max={10_000} onChange={(n) => set({ keepJobsCount: n })} />
        <NumberField id="set-keep-audit" label={t('setKeepAuditDays')} value={v.keepAuditDays ?? 365} min={1} max={3650} onChange={(n) => set({ keepAuditDays: n })} />
        <p class="muted small">{t('setKeepHelp')}</p>
      </fieldset>
      <TenantRulesForm v={v} set={set} contactsRead={contactsRead.value} />
      <LearnedPages list={v.learnedPages} onChange={(learnedPages) => set({ learnedPages })} />
      <div class="row">
        <button type="submit" class="primary" id="settings-save" disabled={busy.value}>{t('save')}</button>
        <button type="button" id="settings-export" onClick={() => {
          // no secret is part of the settings: connections stay out of the file
          const a = document.createElement('a');
          a.href = URL.createObjectURL(new Blob([JSON.stringify({ bmsVsaSyncSettings: 1, settings: s.value }, null, 2)], { type: 'application/json' }));
          a.download = 'bms-vsa-sync-settings.json';
          a.click();
          setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
        }}>{t('settingsExport')}</button>
        <label class="button">{t('settingsImport')}<input type="file" id="settings-import" accept="application/json,.json" hidden onChange={async (e) => {
          const file = (e.target as HTMLInputElement).files?.[0];
          if (!file) return;
          try {
            const raw = JSON.parse(await file.text()) as { settings?: unknown };
            const parsed = SettingsSchema.safeParse({ ...s.value, ...(raw.settings as object) });
            if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
            s.value = parsed.data;
            msg.value = { ok: true, text: t('settingsImported') };
          } catch (err) {
            msg.value = { ok: false, text: t('settingsImportBad', (err as Error).message) };
          }
        }} /></label>
        {msg.value && <span role={msg.value.ok ? 'status' : 'alert'} class={msg.value.ok ? 'ok-text' : 'error-text'}>{msg.value.text}</span>}
      </div>
    </form>
  );
}

function NumberField({ id, label, value, min, max, onChange }: { id: string; label: string; value: number; min: number; max: number; onChange: (n: number) => void }) {
  return (
    <>
      <label for={id}>{label}</label>
      <input id={id} type="number" min={min} max={max} step={1} value={String(value)} onInput={(e) => {
        const n = Math.round(Number((e.target as HTMLInputElement).value));
        if (Number.isFinite(n) && n >= min && n <= max) onChange(n);
      }} />
    </>
  );
}
