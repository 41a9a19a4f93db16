/** What the replica BMS pages show, read from the sandbox state: shared by the React pages' JSON and the legacy pages' HTML. */
import { mappingStore, type BmsAsset, type SandboxState } from './model';

export const int = (v: string | undefined | null, def: number) => (v && /^\d+$/.test(v) ? Number(v) : def);

export function pageData(S: () => SandboxState) {
  const mainLocation = (accountId: number) => [...S().bms.locations.values()].find((l) => l.AccountId === accountId && l.IsMain);
  const orgOfAccount = (accountId: number) => {
    for (const m of mappingStore(S(), 'vsa', 'account').values()) {
      if (m.PsaId === accountId) {
        const org = S().vsa.orgs.get(m.ExternalId);
        return { orgId: m.ExternalId, orgName: org?.OrgName ?? null };
      }
    }
    return null;
  };
  const assetRow = (a: BmsAsset) => {
    const s = S();
    return {
      Id: a.Id, Name: a.Name, AccountId: a.AccountId, AccountName: s.bms.accounts.get(a.AccountId)?.AccountName ?? null,
      LocationName: s.bms.locations.get(a.AccountLocationId)?.LocationName ?? null,
      Department: a.DepartmentId ? (s.bms.departments.get(a.DepartmentId)?.Name ?? null) : null,
      Category: s.bms.categories.find((c) => c.Id === a.CategoryId)?.Name ?? null,
      MachineGroupId: a.MachineGroupId, AgentId: a.AgentId, SerialNumber: a.SerialNumber, IpAddress: a.IpAddress,
      OsType: a.OsType, OsInfo: a.OsInfo, LastCheckIn: a.LastCheckIn, IsActive: a.IsActive, ModifiedOn: a.ModifiedOn,
    };
  };
  const accounts = (search: string, page: number, size: number) => {
    const q = search.toLowerCase();
    const rows = [...S().bms.accounts.values()]
      .filter((a) => !q || a.AccountName.toLowerCase().includes(q) || a.AccountCode.toLowerCase().includes(q))
      .sort((a, b) => a.Id - b.Id);
    return {
      total: rows.length, page, size,
      rows: rows.slice((page - 1) * size, page * size).map((a) => ({
        Id: a.Id, AccountName: a.AccountName, AccountCode: a.AccountCode, IsActive: a.IsActive,
        MainLocation: mainLocation(a.Id)?.LocationName ?? null, CreatedOn: a.CreatedOn,
      })),
    };
  };
  const account = (id: number) => {
    const s = S();
    const a = s.bms.accounts.get(id);
    if (!a) return null;
    return {
      account: a,
      locations: [...s.bms.locations.values()].filter((l) => l.AccountId === id),
      departments: [...s.bms.departments.values()].filter((d) => d.AccountId === id),
      mapping: orgOfAccount(id),
      assetCount: [...s.bms.assets.values()].filter((x) => x.AccountId === id).length,
    };
  };
  const assets = (search: string, accountId: number | null, page: number, size: number) => {
    const s = S();
    const q = search.toLowerCase();
    const rows = [...s.bms.assets.values()]
      .filter((a) => (accountId === null || a.AccountId === accountId) && (!q || a.Name.toLowerCase().includes(q) || (s.bms.accounts.get(a.AccountId)?.AccountName ?? '').toLowerCase().includes(q)))
      .sort((a, b) => a.Id - b.Id);
    return { total: rows.length, page, size, rows: rows.slice((page - 1) * size, page * size).map(assetRow) };
  };
  const asset = (id: number) => {
    const a = S().bms.assets.get(id);
    return a ? assetRow(a) : null;
  };
  const accountsSync = (search: string, page: number, size: number) => {
    const s = S();
    const q = search.toLowerCase();
    const maps = mappingStore(s, 'vsa', 'account');
    const rows = [...s.vsa.orgs.values()].filter((o) => !q || o.OrgName.toLowerCase().includes(q));
    return {
      total: rows.length, page, size,
      rows: rows.slice((page - 1) * size, page * size).map((o) => {
        const m = maps.get(String(o.OrgId));
        return { OrgId: o.OrgId, OrgName: o.OrgName, OrgRef: o.OrgRef, AccountId: m?.PsaId ?? null, AccountName: m ? (s.bms.accounts.get(m.PsaId)?.AccountName ?? null) : null };
      }),
    };
  };
  return { accounts, account, assets, asset, accountsSync };
}
export type PageData = ReturnType<typeof pageData>;
