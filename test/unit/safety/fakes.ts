/** Small in-memory VSA and BMS clients for the safety regression tests: each answers as its API does. */
import type { BmsClient } from '@/lib/bms/client';
import { IdbJournal } from '@/lib/store/journal-idb';
import type { SyncContext } from '@/lib/sync/types';
import type { VsaClient } from '@/lib/vsa/client';

async function* rows<T>(list: T[]): AsyncGenerator<T> {
  for (const r of list) yield r;
}

export class FakeBms {
  maps = new Map<string, number>();
  accounts = new Map<number, string>();
  /** org id → the StatusCode/StatusMessage BMS answers for its delete (default 200) */
  refuseDelete = new Map<string, { code: string; message: string }>();
  deleted: string[][] = [];
  ruleField = new Map<number, string>();
  ruleWrites: { accountId: number; value: string }[] = [];
  calls: string[] = [];

  client(): BmsClient {
    const c = {
      budget: () => ({}),
      accounts: () => rows([...this.accounts].map(([Id, AccountName]) => ({ Id, AccountName, IsActive: true }))),
      mappings: (opts: { externalIds?: string[] } = {}) => {
        this.calls.push(`mappings ${opts.externalIds?.join(',') ?? '*'}`);
        const all = [...this.maps].map(([ExternalId, PsaId]) => ({ ExternalId, PsaId }));
        return rows(opts.externalIds ? all.filter((m) => opts.externalIds!.includes(m.ExternalId)) : all);
      },
      importMappings: async (items: { ExternalId: string; PsaId: number }[]) => {
        const Details = items.map((i) => {
          const same = this.maps.get(i.ExternalId) === i.PsaId;
          this.maps.set(i.ExternalId, i.PsaId);
          return { StatusCode: '200', StatusMessage: same ? 'Unchanged.' : 'Mapped.', ExternalId: i.ExternalId, PsaId: i.PsaId };
        });
        return { JobId: 1, JobStatus: 'Completed', Details };
      },
      deleteMappings: async (ids: string[]) => {
        this.deleted.push(ids);
        const Details = ids.map((id) => {
          const refused = this.refuseDelete.get(id);
          if (refused) return { StatusCode: refused.code, StatusMessage: refused.message, ExternalId: id };
          if (!this.maps.has(id)) return { StatusCode: '404', StatusMessage: 'Not found.', ExternalId: id };
          this.maps.delete(id);
          return { StatusCode: '200', StatusMessage: 'Deleted.', ExternalId: id };
        });
        return { JobId: 2, JobStatus: 'Completed', Details };
      },
      customFields: async () => [{ Id: 77, Name: 'VSA Location Rule', IsActive: true }],
      customFieldData: async (_m: number, accountId: number) => [{ CustomFieldId: 77, Data: this.ruleField.get(accountId) ?? '' }],
      setCustomFieldData: async (_m: number, accountId: number, _id: number, value: string) => {
        this.ruleWrites.push({ accountId, value });
        this.ruleField.set(accountId, value);
      },
    };
    return c as unknown as BmsClient;
  }
}

export class FakeVsa {
  orgs = new Map<string, string>();
  client(): VsaClient {
    return { orgs: () => rows([...this.orgs].map(([OrgId, OrgName]) => ({ OrgId, OrgName, OrgRef: OrgName.toLowerCase() }))) } as unknown as VsaClient;
  }
}

export function contextOf(vsa: FakeVsa, bms: FakeBms): () => Promise<SyncContext> {
  const ctx: SyncContext = { vsa: vsa.client(), bms: bms.client(), defaults: { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 }, autoCreate: true };
  return async () => ctx;
}

export const freshJournal = () => new IdbJournal(`safety-${Math.random()}`);
