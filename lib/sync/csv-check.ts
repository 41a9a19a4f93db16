/**
 * The rows of a mappings CSV (B6) checked against both systems before anything is planned: each row's
 * link and location rule must pass the same invariants as an edit in the UI (validateMapping). A bad
 * row is refused whole (neither its link nor its rule enters the plan) with its line and the cause;
 * the good rows go on.
 */
import { validateMapping, type AccountState, type LocationRule, type Mapping, type OrgState } from '../mapping/rules';

export interface CsvRows {
  choices: Record<string, number | 'new'>;
  rules: Record<string, LocationRule>;
  /** org id → the CSV line it was given on */
  lines: Record<string, number>;
}

export interface CsvCheckInput {
  orgs: Map<string, { id: string; name: string }>;
  accounts: Map<number, { id: number; name: string; active: boolean }>;
  /** org id → account id, as the links are today */
  mappings: Map<string, number>;
  /** the org's machine groups and the account's locations and departments: read only for a custom rule */
  detail: (orgId: string, accountId: number) => Promise<{ machineGroups: OrgState['machineGroups']; locations: AccountState['locations']; departments: AccountState['departments'] }>;
}

export interface CsvCheckResult extends CsvRows {
  refused: { orgId: string; reason: string }[];
}

export async function checkCsvRows(rows: CsvRows, input: CsvCheckInput): Promise<CsvCheckResult> {
  const choices = { ...rows.choices };
  const rules = { ...rows.rules };
  const refused: CsvCheckResult['refused'] = [];
  const others: Mapping[] = [...input.mappings].map(([orgId, accountId]) => ({ orgId, accountId, rule: { kind: 'main' } }));
  const orgIds = [...new Set([...Object.keys(choices), ...Object.keys(rules)])];
  for (const orgId of orgIds) {
    const org = input.orgs.get(orgId);
    // an org VSA does not know is left out by the plan with its own reason
    if (!org) continue;
    const choice = choices[orgId];
    const rule = rules[orgId];
    const causes: string[] = [];
    if (choice === 'new') {
      if (rule?.kind === 'custom') causes.push('a custom rule names locations of an existing account, and this row creates a new account that has only its Main location (use {"kind":"main"} or {"kind":"groupId"}).');
    } else {
      const accountId = choice ?? input.mappings.get(orgId);
      if (accountId === undefined) {
        causes.push('the row has a rule but no account_id, and the org is not linked: the rule has no account to apply to.');
      } else {
        const acc = input.accounts.get(accountId);
        let account: AccountState | null = acc ? { id: acc.id, name: acc.name, active: acc.active, locations: [], departments: [] } : null;
        let orgState: OrgState = { id: org.id, name: org.name, machineGroups: [] };
        if (account && rule?.kind === 'custom') {
          const d = await input.detail(orgId, accountId);
          account = { ...account, locations: d.locations, departments: d.departments };
          orgState = { ...orgState, machineGroups: d.machineGroups };
        }
        const violations = validateMapping({ orgId, accountId, rule: rule ?? { kind: 'main' } }, { account, org: orgState, mappings: others });
        causes.push(...violations.map((v) => v.message));
      }
    }
    if (!causes.length) continue;
    delete choices[orgId];
    delete rules[orgId];
    const line = rows.lines[orgId];
    refused.push({ orgId, reason: `Line ${line ?? '?'} (org "${org.name}") is left out, nothing of it is written: ${causes.join(' ')}` });
  }
  return { choices, rules, lines: rows.lines, refused };
}
