/**
 * The billing check (B20) as a view in the history/reports area: per linked account, its agents next to
 * its active contracts; the accounts flagged (agents but no active contract, an active contract but no
 * agents) are listed with their counts, and the whole check downloads as CSV. Read only.
 */
import { useSignal } from '@preact/signals';
import type { Reply } from '@/lib/messages';
import { t } from '@/lib/i18n';
import type { Ask } from './api';
import { num } from './format';
import { useAction } from './useAction';

type Report = Reply<'billing.report'>;

export function BillingCheck({ ask, download }: { ask: Ask; download: (name: string, text: string) => void }) {
  const report = useSignal<Report | null>(null);
  const { busy, error, run } = useAction();
  const r = report.value;
  return (
    <section class="billing" aria-labelledby="billing-title">
      <h3 id="billing-title">{t('billingHeading')}</h3>
      <p class="muted">{t('billingHelp')}</p>
      <button type="button" id="billing-load" disabled={busy.value} onClick={() => void run(async () => {
        report.value = await ask({ type: 'billing.report' });
      })}>{r ? t('billingReload') : t('billingLoad')}</button>
      {error.value && <p role="alert" class="error-text">{error.value}</p>}
      {r && (
        <>
          <p role="status" id="billing-summary">{t('billingDone', [num(r.rows), num(r.flagged)])}{r.unchecked ? ` ${t('billingUnchecked', num(r.unchecked))}` : ''}</p>
          {r.flags.length > 0 && (
            <ul id="billing-flags">
              {r.flags.map((f) => (
                <li key={f.accountId} data-account={String(f.accountId)} data-flag={f.flag}>
                  <span class="name">{f.accountName}</span>{' '}
                  <span class="muted">{f.flag === 'agents-no-contract' ? t('billingFlagAgentsNoContract', num(f.agents)) : t('billingFlagContractNoAgents', num(f.contracts))}</span>
                </li>
              ))}
              {r.flagged > r.flags.length && <li class="muted">{t('andMore', num(r.flagged - r.flags.length))}</li>}
            </ul>
          )}
          <button type="button" id="billing-csv" onClick={() => download(`bms-vsa-sync-billing-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`, r.csv)}>{t('billingCsvDownload')}</button>
        </>
      )}
    </section>
  );
}
