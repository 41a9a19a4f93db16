/**
 * B19 in an asset sync's dry run: per asset the dry run read, each field the sync will change
 * (before → after) and each it keeps and why (BMS wins, fill only when empty), with the counts per field.
 */
import type { PlanReply } from '@/lib/messages';
import { t } from '@/lib/i18n';
import { num } from './format';

export function FieldChanges({ fields }: { fields: NonNullable<PlanReply['fields']> }) {
  if (!fields.rows.length && !fields.unchecked) return null;
  return (
    <details class="field-changes" id="field-changes">
      <summary>{t('fieldChangesTitle', num(fields.rows.length))}</summary>
      {fields.counts.length > 0 && (
        <p class="field-counts">{fields.counts.map((c) => t('fieldChangeCount', [t(`ownField_${c.field}`), num(c.changes), num(c.kept)])).join(' · ')}</p>
      )}
      <ul>
        {fields.rows.slice(0, 200).map((r) => (
          <li key={r.key} data-agent={r.key}>
            <strong>{r.label}</strong>
            <ul>
              {r.changes.map((c, i) => <li key={`c${i}`} class="change">{c}</li>)}
              {r.kept.map((k, i) => <li key={`k${i}`} class="kept muted">{k}</li>)}
            </ul>
          </li>
        ))}
      </ul>
      {fields.unchecked > 0 && <p class="muted">{t('fieldChangesUnchecked', num(fields.unchecked))}</p>}
    </details>
  );
}
