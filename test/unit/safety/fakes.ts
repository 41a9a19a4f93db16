/** Small in-memory VSA and BMS clients for the safety regression tests: each answers as its API does. */
import type { BmsClient } from '@/lib/bms/client';
import { Journal } from '@/lib/sync/journal';
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
    const self = this;
    const c = {
      budget: () => ({}),
      accounts: () => rows([...self.accounts].map(([Id, AccountName]) => ({ Id, AccountName, IsActive: true }))),
      mappings(opts: { externalIds?: string[] } = {}) {
        self.calls.push(`mappings ${opts.externalIds?.join(',') ?? '*'}`);
        const all = [...self.maps].map(([ExternalId, PsaId]) => ({ ExternalId, PsaId }));
        return rows(opts.externalIds ? all.filter((m) => opts.externalIds!.includes(m.ExternalId)) : all);
      },
      async importMappings(items: { ExternalId: string; PsaId: number }[]) {
        const Details = items.map((i) => {
          const same = self.maps.get(i.ExternalId) === i.PsaId;
          self.maps.set(i.ExternalId, i.PsaId);
          return { StatusCode: '200', StatusMessage: same ? 'Unchanged.' : 'Mapped.', ExternalId: i.ExternalId, PsaId: i.PsaId };
        });
        return { JobId: 1, JobStatus: 'Completed', Details };
      },
      async deleteMappings(ids: string[]) {
        self.deleted.push(ids);
        const Details = ids.map((id) => {
          const refused = self.refuseDelete.get(id);
          if (refused) return { StatusCode: refused.code, StatusMessage: refused.message, ExternalId: id };
          if (!self.maps.has(id)) return { StatusCode: '404', StatusMessage: 'Not found.', ExternalId: id };
          self.maps.delete(id);
          return { StatusCode: '200', StatusMessage: 'Deleted.', ExternalId: id };
        });
        return { JobId: 2, JobStatus: 'Completed', Details };
      },
      customFields: async () => [{ Id: 77, Name: 'VSA Location Rule', IsActive: true }],
      customFieldData: async (_m: number, accountId: number) => [{ CustomFieldId: 77, Data: self.ruleField.get(accountId) ?? '' }],
      async setCustomFieldData(_m: number, accountId: number, _id: number, value: string) {
        self.ruleWrites.push({ accountId, value });
        self.ruleField.set(accountId, value);
      },
    };
    return c as unknown as BmsClient;
  }
}

export class FakeVsa {
  orgs = new Map<string, string>();
  client(): VsaClient {
    const self = this;
    return { orgs: () => rows([...self.orgs].map(([OrgId, OrgName]) => ({ OrgId, OrgName, OrgRef: OrgName.toLowerCase() }))) } as unknown as VsaClient;
  }
}

export function contextOf(vsa: FakeVsa, bms: FakeBms): () => Promise<SyncContext> {
  const ctx: SyncContext = { vsa: vsa.client(), bms: bms.client(), defaults: { accountTypeId: 1, businessTypeId: 1, accountManagerId: 1 }, autoCreate: true };
  return async () => ctx;
}

export const freshJournal = () => new Journal(`safety-${Math.random()}`);
