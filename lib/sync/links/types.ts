/**
 * The team's truth for links (B9) behind one interface, and what every backend shares: the write
 * result (done only for what the server confirmed), a refusal as the item's failure, and a small pool
 * that keeps a few calls in flight and stops taking new items after an outage.
 */
import { ApiError, AuthError } from '../../http/errors';
import type { VsaOrg } from '../../vsa/schemas';

export { VSA_LINK_FIELD } from '../../vsa/assumed';
export { BMS_LINK_FIELD } from '../../bms/assumed';

/**
 * What this browser (or the command line) keeps of links: the links of a tenant with no shared place,
 * and the mirror of the BMS account field. The extension keeps it in IndexedDB (lib/store/links-idb).
 */
export interface LinkMemory {
  all(): Promise<Map<string, { accountId: number; checkedAt: number }>>;
  set(orgId: string, accountId: number | null): Promise<void>;
  mirror(): Promise<{ links: Map<string, number>; checkedAt: Map<number, number> }>;
  setMirror(accountId: number, orgId: string | null): Promise<void>;
}

export type LinkBackend = 'mapping-store' | 'vsa-org-field' | 'bms-account-field' | 'local' | 'unknown';

/** what the capability record (lib/capabilities) says about the chain; null = not probed, never written to */
export interface LinkCapabilities {
  mappingStore: boolean | null;
  /** the VSA org custom field exists (listed on the orgs) */
  vsaLinkField: boolean | null;
  /** the BMS account custom field exists */
  bmsLinkField: boolean | null;
  /** its id, when it exists */
  bmsLinkFieldId: number | null;
  /** the custom-field module of accounts that lists it (null: lib/bms/assumed.ts ACCOUNT_CUSTOM_FIELD_MODULE) */
  accountsModuleId?: number | null;
}

export interface LinkPair {
  orgId: string;
  accountId: number;
}

/** per org: done (confirmed by the server) or failed with the reason */
export interface LinkWriteResult {
  done: string[];
  failed: Map<string, string>;
  /** of `done`: the links that were there already (the job did not make them) */
  unchanged?: string[];
}

/** what the caller read anyway: spares the store a second read of the same list */
export interface LinkHint {
  accountIds?: number[];
  orgs?: Pick<VsaOrg, 'OrgId' | 'CustomFields'>[];
}

export interface LinkStore {
  readonly backend: LinkBackend;
  /** true when every admin of the team sees these links */
  readonly shared: boolean;
  /** every link: org id → account id (the account ids, when the caller has them, spare a read) */
  all(signal?: AbortSignal, hint?: LinkHint): Promise<Map<string, number>>;
  /** the links of these orgs, read fresh where the backend allows */
  ofOrgs(orgIds: string[], signal?: AbortSignal): Promise<Map<string, number>>;
  link(pairs: LinkPair[], signal?: AbortSignal): Promise<LinkWriteResult>;
  unlink(orgIds: string[], signal?: AbortSignal): Promise<LinkWriteResult>;
}

export const emptyResult = (): LinkWriteResult => ({ done: [], failed: new Map() });

/**
 * Runs `fn` over the items with at most `size` in flight. After a throw (a login problem or an outage)
 * no new item starts; the ones in flight finish, then the first error is thrown.
 */
export async function pool<T>(items: readonly T[], size: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { e: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < items.length) {
      const x = items[next++];
      try {
        await fn(x);
      } catch (e) {
        failure ??= { e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  if (failure) throw (failure as { e: unknown }).e;
}

/** a refusal is the item's failure; a login problem or an outage stops the caller (the job pauses) */
export function refusal(e: unknown): string {
  if (e instanceof AuthError || !(e instanceof ApiError) || (e.code !== 'rejected' && e.code !== 'not-found' && e.code !== 'invalid-input' && e.code !== 'forbidden')) throw e;
  return e.message;
}
