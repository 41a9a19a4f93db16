/**
 * The asset's contact (B19, research N17): the VSA agent's contact (Agent › Edit Profile; its keys are
 * [assumed] in lib/vsa/assumed.ts) becomes the contact of its BMS asset when exactly one active contact
 * of the asset's account has that email (case-insensitive). A contact is never created and never
 * taken from another account. Whether it is written is the contact field's ownership (default: fill
 * only when empty). The account's contacts are read once per account and job ([assumed] read path,
 * lib/bms/assumed.ts), and only for accounts with an agent that has a contact and a change to sync.
 */
import type { BmsClient } from '../bms/client';
import { contactEmail, type AccountContact, type HardwareAsset } from '../bms/assumed';
import { ApiError, ForbiddenError, NotFoundError } from '../http/errors';
import { DEFAULT_OWNERSHIP, type OwnershipSettings } from '../mapping/ownership';
import type { AgentContact } from '../vsa/assumed';
import type { PushEntry } from './assets';
import type { AuditEntry, Journal } from './journal';
import { contactLabel, resolveAsset } from './field-owner';
import { inputOf } from '../bms/hardware';

/** why an agent's contact is not put on its asset (the dry run says so, en + de: contactWhy_*) */
export type ContactMiss = 'noMatch' | 'ambiguous' | 'unreadable' | 'off' | 'noAccount';
export type ContactMatch = { ok: true; id: number; label: string } | { ok: false; why: ContactMiss };

/** the account contacts of one job, read once per account; `bms` null: the tenant has no contacts read (capability absent) */
export class ContactDirectory {
  private byAccount = new Map<number, Promise<Map<string, AccountContact[]> | null>>();
  constructor(private bms: BmsClient | null) {}

  private load(accountId: number, signal?: AbortSignal): Promise<Map<string, AccountContact[]> | null> {
    let p = this.byAccount.get(accountId);
    if (!p) {
      p = (async () => {
        try {
          const m = new Map<string, AccountContact[]>();
          for (const c of await this.bms!.contacts(accountId, signal)) {
            const mail = contactEmail(c)?.toLowerCase();
            if (!mail || c.IsActive === false) continue;
            m.set(mail, [...(m.get(mail) ?? []), c]);
          }
          return m;
        } catch (e) {
          // the read is not there for this tenant or user: the contact is left as it is, and the dry run says so
          if (e instanceof NotFoundError || e instanceof ForbiddenError) return null;
          throw e;
        }
      })();
      p.catch(() => this.byAccount.delete(accountId));
      this.byAccount.set(accountId, p);
    }
    return p;
  }

  /** the BMS contact for an agent's contact on this account (null: the agent has no contact) */
  async match(accountId: number | null | undefined, contact: AgentContact | null | undefined, signal?: AbortSignal): Promise<ContactMatch | null> {
    if (!contact?.email) return null;
    if (!this.bms) return { ok: false, why: 'off' };
    if (accountId === null || accountId === undefined || accountId <= 0) return { ok: false, why: 'noAccount' };
    const m = await this.load(accountId, signal);
    if (!m) return { ok: false, why: 'unreadable' };
    const hits = m.get(contact.email.toLowerCase()) ?? [];
    if (hits.length > 1) return { ok: false, why: 'ambiguous' };
    if (!hits.length) return { ok: false, why: 'noMatch' };
    const c = hits[0];
    return { ok: true, id: c.Id, label: contactLabel(c.FirstName, c.LastName, contactEmail(c)) ?? `#${c.Id}` };
  }
}

/**
 * The contact id to write on an asset by the contact field's rule, or null to leave the contact as it
 * is: `current` the asset as read (null: a new one, which gets the match).
 */
export function contactToWrite(entry: PushEntry, current: HardwareAsset | null, match: ContactMatch | null, own: OwnershipSettings = DEFAULT_OWNERSHIP): number | null {
  if (!match?.ok) return null;
  if (!current) return match.id;
  return resolveAsset(entry.input, current, own, {}, match).write.contact !== undefined ? match.id : null;
}

/**
 * After a bulk push (which carries no contact): the contact of each pushed asset whose agent has one
 * that matches, read and written per record (only where the rule lets it change). Answers the agents
 * whose contact BMS refused, with why; an unchanged asset costs nothing (it was not pushed).
 */
export async function pushContacts(bms: BmsClient, dir: ContactDirectory, done: { entry: PushEntry; psaAssetId: number | null }[], o: { own?: OwnershipSettings; journal?: Journal; jobId?: string; signal?: AbortSignal } = {}): Promise<Map<string, string>> {
  const { own = DEFAULT_OWNERSHIP, signal } = o;
  const failed = new Map<string, string>();
  const written: Omit<AuditEntry, 'id' | 'time' | 'channel'>[] = [];
  const todo = done.filter((d) => d.entry.contact?.email && d.psaAssetId !== null);
  for (let k = 0; k < todo.length; k += 4) {
    await Promise.all(todo.slice(k, k + 4).map(async ({ entry, psaAssetId }) => {
      try {
        // an asset it knew before keeps a contact set by hand (the rule); one the push just made gets the match
        if (entry.accountId !== null && !(await dir.match(entry.accountId, entry.contact, signal))?.ok) return;
        const cur = await bms.asset(psaAssetId!, signal);
        const match = await dir.match(cur.AccountId, entry.contact, signal);
        // an asset the push just made (no contact yet) gets the match whatever the rule, as a new asset gets every VSA value
        const made = entry.keep === undefined && !entry.psaAssetId && !(cur.ContactId && cur.ContactId > 0);
        const id = contactToWrite(entry, made ? null : cur, match, own);
        if (id === null || id === cur.ContactId) return;
        await bms.updateAsset(cur.Id, { ...inputOf(cur), ContactId: id }, signal);
        written.push({ jobId: o.jobId ?? '', system: 'bms', record: `asset ${cur.Id} of agent ${entry.agentId}`, action: 'set-contact', before: { contactId: cur.ContactId ?? null }, after: { contactId: id } });
      } catch (e) {
        if (!(e instanceof ApiError) || (e.code !== 'rejected' && e.code !== 'invalid-input' && e.code !== 'not-found')) throw e;
        failed.set(entry.agentId, `${entry.input.Name ?? entry.agentId}: BMS did not set its contact (${e.message})`);
      }
    }));
  }
  if (written.length && o.journal) await o.journal.audit(written);
  return failed;
}
