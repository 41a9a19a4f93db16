/**
 * B19 in an asset sync's dry run: per asset the dry run read, each field the sync will change
 * (before → after) and each it keeps and why (BMS wins, fill only when empty), with the counts per field;
 * and the agents whose contact stays as it is because none of the account's contacts matches, and why.
 */
import type { PlanReply } from '@/lib/messages';
import { t } from '@/lib/i18n';
import { num } from './format';

export function FieldChanges({ fields }: { fields: NonNullable<PlanReply['fields']> }) {
  const contacts = fields.contacts ?? [];
  if (!fields.rows.length && !fields.unchecked && !contacts.length) return null;
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
      {contacts.length > 0 && (
        <div id="contact-notes">
          <p>{t('contactNotesTitle', num(contacts.length))}</p>
          <ul>{contacts.slice(0, 200).map((c) => <li key={c.key} data-agent={c.key} data-why={c.why} class="muted">{t(`contactWhy_${c.why}`, [c.label, c.email])}</li>)}</ul>
        </div>
      )}
    </details>
  );
}
