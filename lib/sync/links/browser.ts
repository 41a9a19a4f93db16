/** 4. of §9's chain: this browser only (never shared; the UI says so), and the store that refuses while the chain is unprobed. */
import { emptyResult as result, type LinkMemory, type LinkPair, type LinkStore, type LinkWriteResult } from './types';

/** 4. this browser only: written to IndexedDB, never shared (the UI says so) */
export class BrowserLinks implements LinkStore {
  readonly backend = 'local' as const;
  readonly shared = false;
  constructor(private local: LinkMemory) {}

  async all() {
    return new Map([...(await this.local.all())].map(([o, l]) => [o, l.accountId]));
  }

  async ofOrgs(orgIds: string[]) {
    const all = await this.all();
    return new Map([...all].filter(([o]) => orgIds.includes(o)));
  }

  async link(pairs: LinkPair[]) {
    const r = result();
    const taken = new Map([...(await this.all())].map(([o, a]) => [a, o]));
    for (const p of pairs) {
      const other = taken.get(p.accountId);
      if (other !== undefined && other !== p.orgId) {
        r.failed.set(p.orgId, `account ${p.accountId} is already linked to org ${other}`);
        continue;
      }
      if (other === p.orgId) (r.unchanged ??= []).push(p.orgId);
      else await this.local.set(p.orgId, p.accountId);
      taken.set(p.accountId, p.orgId);
      r.done.push(p.orgId);
    }
    return r;
  }

  async unlink(orgIds: string[]) {
    for (const o of orgIds) await this.local.set(o, null);
    return { done: [...orgIds], failed: new Map<string, string>() };
  }
}

/** the chain could not be checked: links are neither read nor written, with the reason */
export class UnprobedLinks implements LinkStore {
  readonly backend = 'unknown' as const;
  readonly shared = false;
  constructor(private why = 'where your team keeps links could not be checked') {}
  private fail(): never {
    throw new Error(`Links are not read or written: ${this.why}. Use "Test connection" in the settings, then try again.`);
  }
  all(): Promise<Map<string, number>> { return Promise.resolve().then(() => this.fail()); }
  ofOrgs(): Promise<Map<string, number>> { return Promise.resolve().then(() => this.fail()); }
  link(): Promise<LinkWriteResult> { return Promise.resolve().then(() => this.fail()); }
  unlink(): Promise<LinkWriteResult> { return Promise.resolve().then(() => this.fail()); }
}
