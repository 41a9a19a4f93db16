// @vitest-environment happy-dom
// B20 in the popup's history area: the billing check view lists the flagged accounts both ways and downloads the CSV.
// B19 in the dry run: the agents whose contact is left as it is, with why.
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ask } from '@/components/api';
import { BillingCheck } from '@/components/BillingCheck';
import { FieldChanges } from '@/components/FieldChanges';

vi.mock('@/lib/i18n', () => {
  const en = JSON.parse(readFileSync(`${process.cwd()}/public/_locales/en/messages.json`, 'utf8')) as Record<string, { message: string }>;
  return { t: (k: string, subs?: string | string[]) => [subs ?? []].flat().reduce((m, v, i) => m.replace(`$${i + 1}`, v), en[k]?.message ?? k) };
});
afterEach(cleanup);

describe('billing check view (B20)', () => {
  it('shows each flagged account with its flag in words, and downloads the CSV it was given', async () => {
    const ask = (async () => ({
      csv: 'account_id\r\n', rows: 5, flagged: 2, unchecked: 0,
      flags: [{ accountId: 7, accountName: 'Harbor Dental', flag: 'agents-no-contract', agents: 4, contracts: 0 }, { accountId: 8, accountName: 'Quayside', flag: 'contract-no-agents', agents: 0, contracts: 1 }],
    })) as unknown as Ask;
    const got: string[] = [];
    const r = render(<BillingCheck ask={ask} download={(name, text) => got.push(`${name.replace(/\d/g, '0')}|${text}`)} />);
    fireEvent.click(r.container.querySelector('#billing-load')!);
    await waitFor(() => expect(r.container.querySelector('#billing-flags')).not.toBeNull());
    const li = [...r.container.querySelectorAll('#billing-flags li')].map((e) => `${e.getAttribute('data-flag')}: ${e.textContent}`);
    expect(li).toEqual(['agents-no-contract: Harbor Dental 4 agents, but no active contract', 'contract-no-agents: Quayside 1 active contracts, but no agents']);
    expect(r.container.querySelector('#billing-summary')!.textContent).toBe('Billing check: 5 accounts, 2 flagged.');
    fireEvent.click(r.container.querySelector('#billing-csv')!);
    expect(got).toEqual(['bms-vsa-sync-billing-0000-00-00-00-00-00.csv|account_id\r\n']);
  });
});

describe('dry run: contacts left as they are (B19)', () => {
  it('names each agent whose contact matches no contact of its account, and why', () => {
    const r = render(<FieldChanges fields={{ rows: [], counts: [], unchecked: 0, contacts: [{ key: '42', label: 'HD-FRONT', email: 'dora@x.example', why: 'noMatch' }, { key: '43', label: 'HD-TWIN', email: 'twin@x.example', why: 'ambiguous' }] }} />);
    const li = [...r.container.querySelectorAll('#contact-notes li')].map((e) => `${e.getAttribute('data-why')}: ${e.textContent}`);
    expect(li).toEqual([
      'noMatch: HD-FRONT: no contact of its BMS account has the email dora@x.example, so its contact stays as it is (no contact is created).',
      'ambiguous: HD-TWIN: several contacts of its BMS account have the email twin@x.example, so its contact stays as it is (pick one by hand in BMS).',
    ]);
  });
});
