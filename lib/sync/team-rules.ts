/**
 * Location rules for the whole team (B9). The links already live in BMS's integration mapping store;
 * a link's location rule lives in a text custom field of the account ("VSA Location Rule", created once
 * by an admin in BMS), as JSON naming the org it belongs to. This browser keeps a copy (IndexedDB):
 * the rule editor reads the team copy fresh, a sync refreshes the oldest copies within a call budget
 * (BMS allows 1,500 calls an hour per endpoint: 5,000 accounts cannot all be read on every sync).
 * Where the field is missing or BMS refuses the write, the rule stays in this browser, and the UI says so.
 */
import { ACCOUNT_CUSTOM_FIELD_MODULE, RULE_FIELD_NAME } from '../bms/assumed';
import type { BmsClient } from '../bms/client';
import type { CapabilityRecord } from '../capabilities/types';
import { ApiError, AuthError } from '../http/errors';
import { parseRule, type LocationRule } from '../mapping/rules';
import type { Journal } from './journal';

export type RuleStore = { where: 'team'; note: string } | { where: 'local'; note: string };

/** what goes in the field: versioned, and tied to the org so a rule never follows a link to another org */
export function encodeRule(orgId: string, rule: LocationRule): string {
  return JSON.stringify({ v: 1, orgId, rule });
}

/** reads the field's value; null for an empty, foreign or unreadable value (never throws) */
export function decodeRule(value: string | null | undefined, orgId: string): LocationRule | null {
  if (!value || !value.trim()) return null;
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    return null;
  }
  const o = v as { v?: unknown; orgId?: unknown; rule?: unknown };
  if (o?.v !== 1 || o.orgId !== orgId) return null;
  return parseRule(o.rule);
}

export class TeamRules {
  private field: Promise<number | null> | null = null;
  /** the accounts' custom-field module: as probed, else the assumed one */
  private readonly module: number;

  /**
   * `caps`: the tenant's capability record. With one, the probe's accounts module and rule field are
   * used (customFieldModule present), and an absent or unchecked one keeps rules in this browser;
   * without one (tools, tests) the field is looked up in the assumed module.
   */
  constructor(private bms: BmsClient, private journal: Journal, private now: () => number = Date.now, private caps?: CapabilityRecord | null) {
    this.module = caps?.detail.accountsModuleId ?? ACCOUNT_CUSTOM_FIELD_MODULE;
  }

  /** the id of the account field that holds rules, or null when the tenant has none */
  fieldId(): Promise<number | null> {
    if (this.caps !== undefined) return Promise.resolve(this.caps?.caps.customFieldModule.state === 'present' ? this.caps.detail.ruleFieldId : null);
    this.field ??= this.bms.customFields(ACCOUNT_CUSTOM_FIELD_MODULE)
      .then((fields) => fields.find((f) => (f.Name ?? '').trim().toLowerCase() === RULE_FIELD_NAME.toLowerCase() && f.IsActive !== false)?.Id ?? null)
      .catch((e) => {
        this.field = null; // try again next time
        if (e instanceof AuthError) throw e;
        return null;
      });
    return this.field;
  }

  private missingNote = () => (this.caps !== undefined && this.caps?.caps.customFieldModule.state !== 'absent'
    ? `Whether BMS has the account field "${RULE_FIELD_NAME}" could not be checked${this.caps ? ` (${this.caps.caps.customFieldModule.reason})` : ''}, so location rules are kept in this browser for now. Use "Test connection" in the settings to check again.`
    : this.absentNote());

  private absentNote = () => `BMS has no account custom field named "${RULE_FIELD_NAME}", so location rules are kept in this browser only. Create that text field for accounts in BMS to share them with your team; until then, share them with the mappings CSV (History › Export mappings carries each link's rule, and importing that file sets them).`;

  /** where rules are kept on this tenant, in words for the editor */
  async store(): Promise<RuleStore> {
    return (await this.fieldId()) === null
      ? { where: 'local', note: this.missingNote() }
      : { where: 'team', note: `Saved for the whole team in BMS (account field "${RULE_FIELD_NAME}").` };
  }

  /** reads one account's team rule fresh and updates this browser's copy; returns the rule in force */
  async read(orgId: string, accountId: number, signal?: AbortSignal): Promise<LocationRule | null> {
    const local = (await this.journal.rule(orgId)) as LocationRule | null;
    const id = await this.fieldId();
    if (id === null) return local;
    let data;
    try {
      data = await this.bms.customFieldData(this.module, accountId, signal);
    } catch (e) {
      if (e instanceof AuthError) throw e;
      if (e instanceof ApiError) return local; // the copy stands in; the next read tries again
      throw e;
    }
    const raw = data.find((d) => d.CustomFieldId === id || d.Id === id)?.Data;
    const team = decodeRule(typeof raw === 'string' ? raw : null, orgId);
    if (team) await this.journal.setRule(orgId, team, this.now());
    else await this.journal.setRule(orgId, local, this.now());
    return team ?? local;
  }

  /** stores the rule for the team (and in this browser); says where it went */
  async write(orgId: string, accountId: number, rule: LocationRule | null): Promise<RuleStore> {
    await this.journal.setRule(orgId, rule, this.now());
    const id = await this.fieldId();
    if (id === null) return { where: 'local', note: this.missingNote() };
    try {
      await this.bms.setCustomFieldData(this.module, accountId, id, rule ? encodeRule(orgId, rule) : '');
      return { where: 'team', note: `Saved for the whole team in BMS (account field "${RULE_FIELD_NAME}").` };
    } catch (e) {
      if (e instanceof AuthError) throw e;
      if (e instanceof ApiError) return { where: 'local', note: `BMS refused to store the rule in the account field "${RULE_FIELD_NAME}" (${e.message}), so it is kept in this browser only. Share it with the mappings CSV, or ask a BMS admin for write access to that field.` };
      throw e;
    }
  }

  /**
   * Before a sync: reads the team copies of the links' rules, oldest first, at most `maxCalls` of them
   * (and never what the hour's quota needs for the sync itself).
   */
  async refresh(links: { orgId: string; accountId: number }[], maxCalls: number, signal?: AbortSignal): Promise<number> {
    if (!links.length || maxCalls <= 0 || (await this.fieldId()) === null) return 0;
    const checked = await this.journal.rulesCheckedAt();
    const stale = [...links].sort((a, b) => (checked.get(a.orgId) ?? 0) - (checked.get(b.orgId) ?? 0)).slice(0, maxCalls);
    for (let k = 0; k < stale.length; k += 8) await Promise.all(stale.slice(k, k + 8).map((l) => this.read(l.orgId, l.accountId, signal)));
    return stale.length;
  }
}

/**
 * "Never map" pairs for the team (B12): kept on the VSA org, in a custom field listing the BMS account
 * ids never to suggest for it. They come with the org list every sync reads anyway, so sharing them costs
 * no extra call (and nothing of BMS's quota). [assumed: VSA keeps an org custom field of any name]
 */
export const NEVER_FIELD = 'bms-vsa-sync never map';

export function neverOf(org: { CustomFields?: { FieldName: string; FieldValue?: string | null }[] | null }): string[] {
  const raw = org.CustomFields?.find((f) => f.FieldName === NEVER_FIELD)?.FieldValue;
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && /^\d+$/.test(x)) : [];
  } catch {
    return [];
  }
}

/** the team's pairs from the orgs as listed, plus this browser's own */
export function neverPairs(orgs: { OrgId: string; CustomFields?: { FieldName: string; FieldValue?: string | null }[] | null }[], local: [string, string][]): [string, string][] {
  const out = new Map(local.map((p) => [`${p[0]}|${p[1]}`, p] as const));
  for (const o of orgs) for (const acc of neverOf(o)) out.set(`${o.OrgId}|${acc}`, [o.OrgId, acc]);
  return [...out.values()];
}
