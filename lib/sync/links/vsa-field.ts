/**
 * 2. of §9's chain: a VSA org custom field holding the BMS account id (an admin creates it once in VSA).
 *
 * VSA's PUT replaces the whole org (safety review MEDIUM-4), so each write sends the org as read with
 * the one field changed, and reads it back: the answer (204 or a bare status) confirms nothing. The
 * copies come from one paged list read (100 orgs a call) wherever that costs fewer calls than a read
 * per org, so a chunk of 100 links costs about 100 writes and two list reads instead of 300 calls. A
 * copy older than ORG_COPY_FRESH_MS when its turn comes is read again first, so no write sends back
 * an org older than that; a link that already holds the value is not written at all. That the list
 * copy is the whole org is [assumed] (lib/vsa/assumed.ts ORG_LIST_IS_WHOLE).
 */
import { ORG_LIST_IS_WHOLE } from '../../vsa/assumed';
import { VSA_PAGE_SIZE, type VsaClient } from '../../vsa/client';
import type { VsaOrg } from '../../vsa/schemas';
import { emptyResult as result, pool, refusal, VSA_LINK_FIELD, type LinkHint, type LinkPair, type LinkStore, type LinkWriteResult } from './types';

/** the oldest org copy a write may send back (ms): older ones are read again just before the write */
export const ORG_COPY_FRESH_MS = 15_000;
/** calls in flight for one batch (the client's own queue still holds them to its rate) */
const IN_FLIGHT = 4;

const accountIdOf = (v: string | null | undefined): number | null => (v && /^\d{1,10}$/.test(v.trim()) ? Number(v.trim()) : null);
const fieldOf = (org: Pick<VsaOrg, 'CustomFields'>): string => (org.CustomFields?.find((f) => f.FieldName === VSA_LINK_FIELD)?.FieldValue ?? '').trim();

interface Copy {
  org: VsaOrg;
  at: number;
  /** read through the list (its copy may lag a write a moment): a mismatch is read again singly */
  listed: boolean;
}

export class VsaFieldLinks implements LinkStore {
  readonly backend = 'vsa-org-field' as const;
  readonly shared = true;
  /** how many orgs VSA listed last time: tells whether one list read is cheaper than a read per org */
  private listed: number | null = null;
  constructor(private vsa: VsaClient, private now: () => number = Date.now) {}

  static linkOf(org: Pick<VsaOrg, 'CustomFields'>): number | null {
    return accountIdOf(fieldOf(org));
  }

  async all(signal?: AbortSignal, hint: LinkHint = {}) {
    const out = new Map<string, number>();
    let n = 0;
    for await (const o of hint.orgs ?? this.vsa.orgs({ signal })) {
      n++;
      const a = VsaFieldLinks.linkOf(o);
      if (a !== null) out.set(o.OrgId, a);
    }
    this.listed = n;
    return out;
  }

  async ofOrgs(orgIds: string[], signal?: AbortSignal) {
    const out = new Map<string, number>();
    const failed = new Map<string, string>();
    for (const [id, c] of await this.read(orgIds, failed, signal)) {
      const a = VsaFieldLinks.linkOf(c.org);
      if (a !== null) out.set(id, a);
    }
    return out;
  }

  /**
   * Fresh copies of these orgs: one paged list read (stopping once all are seen) where it costs fewer
   * calls than a read per org, and a read of its own for each org the list did not have. An org VSA
   * refuses or does not know goes to `failed` with VSA's words; an outage throws.
   */
  private async read(orgIds: string[], failed: Map<string, string>, signal?: AbortSignal, opts: { forWrite?: boolean } = {}): Promise<Map<string, Copy>> {
    const want = new Set(orgIds);
    const out = new Map<string, Copy>();
    const pages = this.listed === null ? null : Math.max(1, Math.ceil(this.listed / VSA_PAGE_SIZE));
    const listOk = !opts.forWrite || ORG_LIST_IS_WHOLE;
    if (listOk && want.size > 1 && (pages === null ? want.size > IN_FLIGHT : pages < want.size)) {
      let n = 0;
      let whole = true;
      for await (const o of this.vsa.orgs({ signal })) {
        n++;
        if (!want.has(o.OrgId)) continue;
        out.set(o.OrgId, { org: o, at: this.now(), listed: true });
        if (out.size === want.size) {
          whole = false;
          break;
        }
      }
      if (whole) this.listed = n;
    }
    await pool([...want].filter((id) => !out.has(id)), IN_FLIGHT, async (id) => {
      try {
        out.set(id, { org: await this.vsa.org(id, signal), at: this.now(), listed: false });
      } catch (e) {
        failed.set(id, refusal(e));
      }
    });
    return out;
  }

  /** sets the field of each org to its value: unchanged ones are not written; each write is confirmed by reading back */
  private async write(items: { orgId: string; value: string }[], signal?: AbortSignal): Promise<LinkWriteResult> {
    const r = result();
    const copies = await this.read(items.map((i) => i.orgId), r.failed, signal, { forWrite: true });
    const ok = new Set<string>();
    const unchanged = new Set<string>();
    const written: { orgId: string; value: string }[] = [];
    await pool(items.filter((i) => copies.has(i.orgId)), IN_FLIGHT, async (item) => {
      try {
        const copy = copies.get(item.orgId)!;
        const org = this.now() - copy.at > ORG_COPY_FRESH_MS ? await this.vsa.org(item.orgId, signal) : copy.org;
        if (fieldOf(org) === item.value) {
          ok.add(item.orgId);
          unchanged.add(item.orgId);
          return;
        }
        await this.vsa.putOrgField(org, VSA_LINK_FIELD, item.value, signal);
        written.push(item);
      } catch (e) {
        r.failed.set(item.orgId, refusal(e));
      }
    });
    // VSA's answer confirms nothing: read back (the list again where cheaper); a listed copy that disagrees is read once more on its own
    const back = await this.read(written.map((w) => w.orgId), r.failed, signal);
    await pool(written.filter((w) => back.has(w.orgId)), IN_FLIGHT, async (w) => {
      const c = back.get(w.orgId)!;
      let value = fieldOf(c.org);
      if (value !== w.value && c.listed) {
        try {
          value = fieldOf(await this.vsa.org(w.orgId, signal));
        } catch (e) {
          r.failed.set(w.orgId, refusal(e));
          return;
        }
      }
      if (value === w.value) ok.add(w.orgId);
      else r.failed.set(w.orgId, `VSA accepted the write but org ${w.orgId}'s field "${VSA_LINK_FIELD}" reads "${value}" afterwards`);
    });
    // in the order asked
    for (const i of items) if (ok.has(i.orgId)) r.done.push(i.orgId);
    const same = items.filter((i) => unchanged.has(i.orgId)).map((i) => i.orgId);
    if (same.length) r.unchanged = same;
    return r;
  }

  link(pairs: LinkPair[], signal?: AbortSignal) {
    return this.write(pairs.map((p) => ({ orgId: p.orgId, value: String(p.accountId) })), signal);
  }

  unlink(orgIds: string[], signal?: AbortSignal) {
    return this.write(orgIds.map((orgId) => ({ orgId, value: '' })), signal);
  }
}
