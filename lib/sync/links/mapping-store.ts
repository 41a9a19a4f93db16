/** 1. of §9's chain: BMS's integration mapping store (deprecated by the vendor; every write is read back). */
import type { BmsClient } from '../../bms/client';
import { isUnchangedDetail } from '../../bms/assumed';
import { requireCapability, type CapabilityRecord } from '../../capabilities/types';
import { collect } from '../../http/paging';
import { emptyResult as result, type LinkPair, type LinkStore } from './types';

/** 1. BMS's mapping store: bulk writes, then the links read back; only what reads back counts */
export class MappingStoreLinks implements LinkStore {
  readonly backend = 'mapping-store' as const;
  readonly shared = true;
  /**
   * `caps`: the tenant's capability record; every write first requires its mapping store to be
   * present (an unprobed or absent one throws a CapabilityError naming it). Undefined only for tools
   * and tests that talk to a store they set up themselves.
   */
  constructor(private bms: BmsClient, private caps?: CapabilityRecord | null) {}

  private mayWrite(): void {
    if (this.caps !== undefined) requireCapability(this.caps, 'mappingStore');
  }

  async all(signal?: AbortSignal) {
    return new Map((await collect(this.bms.mappings({ signal }))).map((m) => [m.ExternalId ?? '', m.PsaId]));
  }

  async ofOrgs(orgIds: string[], signal?: AbortSignal) {
    const out = new Map<string, number>();
    for (let k = 0; k < orgIds.length; k += 100) {
      for await (const m of this.bms.mappings({ externalIds: orgIds.slice(k, k + 100), signal })) if (m.ExternalId) out.set(m.ExternalId, m.PsaId);
    }
    return out;
  }

  async link(pairs: LinkPair[], signal?: AbortSignal) {
    this.mayWrite();
    const r = result();
    for (let k = 0; k < pairs.length; k += 100) {
      const part = pairs.slice(k, k + 100);
      const job = await this.bms.importMappings(part.map((p) => ({ ExternalId: p.orgId, PsaId: p.accountId })), signal);
      const detail = new Map((job.Details ?? []).map((d) => [d.ExternalId ?? '', d]));
      const back = await this.ofOrgs(part.map((p) => p.orgId), signal);
      for (const p of part) {
        const d = detail.get(p.orgId);
        if (!d || d.StatusCode !== '200') r.failed.set(p.orgId, d?.StatusMessage ?? 'no answer for this org in the job result');
        else if (back.get(p.orgId) !== p.accountId) r.failed.set(p.orgId, `BMS answered "${d.StatusMessage ?? 'OK'}" but its mapping store does not list the link when read back`);
        else {
          r.done.push(p.orgId);
          if (isUnchangedDetail(d)) (r.unchanged ??= []).push(p.orgId);
        }
      }
    }
    return r;
  }

  async unlink(orgIds: string[], signal?: AbortSignal) {
    this.mayWrite();
    const r = result();
    for (let k = 0; k < orgIds.length; k += 100) {
      const part = orgIds.slice(k, k + 100);
      const job = await this.bms.deleteMappings(part, signal);
      const detail = new Map((job.Details ?? []).map((d) => [d.ExternalId ?? '', d]));
      const back = await this.ofOrgs(part, signal);
      for (const o of part) {
        const d = detail.get(o);
        // a link that is already gone is what an unlink wants too
        if (!d || (d.StatusCode !== '200' && d.StatusCode !== '404')) r.failed.set(o, d?.StatusMessage ?? 'no answer for this org in the job result');
        // 404: BMS's own word that there is no such link; a 200 must also read back as gone
        else if (d.StatusCode === '200' && back.has(o)) r.failed.set(o, 'BMS answered the delete but still lists the link when read back');
        else r.done.push(o);
      }
    }
    return r;
  }
}
