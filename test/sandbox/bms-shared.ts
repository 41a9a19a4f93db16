/**
 * The fake BMS API's shared parts: the envelope, the vendor's output DTOs, the lazy location index,
 * query parameter parsing and the context every group of routes is registered with.
 */
import type { Context } from 'hono';
import { HttpError, type Env, type Handler, type Method, type Reply } from './api';
import type { FaultState } from './faults';
import type { BmsAccount, BmsAsset, BmsLocation, SandboxState } from './model';

export const TENANT_NAME = 'Sandbox MSP';

export const ok = (Result: unknown): Reply => ({ status: 200, body: { Success: true, Result } });
export const paged = (Result: unknown[], TotalRecords: number): Reply => ({ status: 200, body: { Success: true, Result, TotalRecords } });
export const bmsError = (status: number, message: string, sub: string[] = []): Reply => ({
  status,
  body: { Success: false, Error: { Code: status, Message: message, Details: null, StackStrace: null, SubErrors: sub } },
});

// ---------- DTO builders (the vendor's output schemas) ----------
export function locationOut(l: BmsLocation) {
  return {
    Id: l.Id, CreatedBy: 1, CreatedOn: l.CreatedOn, ModifiedBy: 1, ModifiedOn: l.ModifiedOn, LocationName: l.LocationName,
    IsMain: l.IsMain, IsActive: l.IsActive, TimeZoneId: null, DateFormatId: null, TimeFormatId: null,
    Addresses: [{
      Id: l.Id * 10, CreatedBy: 1, CreatedOn: l.CreatedOn, ModifiedBy: 1, ModifiedOn: l.ModifiedOn, Address1: l.Address1,
      Address2: null, City: l.City, State: null, ZipCode: null, CountryId: null, Country: null, Phone: null, Fax: null,
      Latitude: null, Longitude: null, EmailAddress: null, IsMain: true, IsBilling: true, AddressTypeId: null, AddressType: null,
    }],
  };
}
export function summaryOut(s: SandboxState, a: BmsAccount, locations: BmsLocation[]) {
  return {
    Id: a.Id, CreatedBy: 1, CreatedOn: a.CreatedOn, ModifiedBy: 1, ModifiedOn: a.ModifiedOn, ParentId: a.ParentId,
    AccountCode: a.AccountCode, AccountTypeId: a.AccountTypeId, AccountType: a.AccountTypeId === 1 ? 'Customer' : 'Prospect',
    AccountName: a.AccountName, BusinessTypeId: a.BusinessTypeId, BusinessType: 'Small Business', ServiceTypeId: null,
    ServiceType: null, AccountManagerId: a.AccountManagerId, AccountManagerUserName: 'admin', CurrencyId: null,
    CurrencyName: null, CreditLimit: null, NetDays: null, SalesTaxItemId: null, SalesTaxItemName: null, Website: a.Website,
    Description: a.Description, ClassId: null, ClassName: null, IsActive: a.IsActive, IsBilling: true, AcquiredDate: null,
    TenantName: TENANT_NAME, Locations: locations.map(locationOut),
  };
}
export function assetOut(s: SandboxState, a: BmsAsset) {
  const acc = s.bms.accounts.get(a.AccountId);
  const loc = s.bms.locations.get(a.AccountLocationId);
  const cat = s.bms.categories.find((c) => c.Id === a.CategoryId);
  const dep = a.DepartmentId ? s.bms.departments.get(a.DepartmentId) : undefined;
  const who = a.ContactId ? s.bms.contacts.get(a.ContactId) : undefined;
  return {
    Id: a.Id, Name: a.Name, AccountId: a.AccountId, AccountName: acc?.AccountName ?? null, AccountLocationId: a.AccountLocationId,
    AccountLocation: loc?.LocationName ?? null, ContactId: a.ContactId ?? null, ContactFirstName: who?.FirstName ?? null, ContactLastName: who?.LastName ?? null, ContactEmailAddress: who?.EmailAddress ?? null,
    CategoryId: a.CategoryId, Category: cat?.Name ?? null, SerialNumber: a.SerialNumber, Description: a.Description,
    IsActive: a.IsActive, MachineGroupId: a.MachineGroupId, IpAddress: a.IpAddress, MacAddress: a.MacAddress,
    OsType: a.OsType, OsInfo: a.OsInfo, DHCPEnabled: false, WinsEnabled: false, FirstCheckIn: a.FirstCheckIn,
    LastCheckIn: a.LastCheckIn, LastReboot: a.LastReboot, CreatedOn: a.CreatedOn, ModifiedOn: a.ModifiedOn,
    AgentId: a.AgentId, IntegrationTypeId: a.IntegrationTypeId, DepartmentId: a.DepartmentId, Department: dep?.Name ?? null,
  };
}
export function assetSearchOut(s: SandboxState, a: BmsAsset) {
  const acc = s.bms.accounts.get(a.AccountId);
  const loc = s.bms.locations.get(a.AccountLocationId);
  const cat = s.bms.categories.find((c) => c.Id === a.CategoryId);
  const who = a.ContactId ? s.bms.contacts.get(a.ContactId) : undefined;
  return {
    Id: a.Id, CategoryName: cat?.Name ?? null, CategoryId: a.CategoryId, LocationName: loc?.LocationName ?? null,
    AssetName: a.Name, SerialNumber: a.SerialNumber, MachineGroupId: a.MachineGroupId, IPAddress: a.IpAddress,
    ContactId: a.ContactId ?? 0, ContactName: who ? `${who.FirstName} ${who.LastName}` : null, AccountId: a.AccountId, AccountName: acc?.AccountName ?? null, IsActive: a.IsActive,
  };
}

/** Indexes rebuilt lazily: accounts → locations, departments; agent id → asset. */
export class Index {
  private version = -1;
  locationsByAccount = new Map<number, BmsLocation[]>();
  constructor(private s: () => SandboxState) {}
  dirty(): void {
    this.version = -1;
  }
  ensure(): void {
    if (this.version === 0) return;
    this.locationsByAccount.clear();
    for (const l of this.s().bms.locations.values()) {
      let list = this.locationsByAccount.get(l.AccountId);
      if (!list) this.locationsByAccount.set(l.AccountId, (list = []));
      list.push(l);
    }
    this.version = 0;
  }
  locations(accountId: number): BmsLocation[] {
    this.ensure();
    return this.locationsByAccount.get(accountId) ?? [];
  }
}

export function sorter(sort: string | undefined, allowed: string[]): ((a: Record<string, unknown>, b: Record<string, unknown>) => number) | null {
  if (!sort) return null;
  const m = /^(-)?([A-Za-z]+)(?:\s+(asc|desc))?$/i.exec(sort.trim());
  if (!m || !allowed.includes(m[2])) throw new HttpError(400, `Sort "${sort}" is not supported; use one of ${allowed.join(', ')} (optionally "-Field" or "Field desc").`);
  const sign = m[1] || m[3]?.toLowerCase() === 'desc' ? -1 : 1;
  const f = m[2];
  return (a, b) => {
    const x = a[f] as string | number;
    const y = b[f] as string | number;
    if (x === y) return 0;
    if (x === null || x === undefined) return -sign;
    if (y === null || y === undefined) return sign;
    return (typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : x < y ? -1 : 1) * sign;
  };
}

export const boolParam = (v: string | undefined, name: string): boolean | undefined => {
  if (v === undefined || v === '') return undefined;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  throw new HttpError(400, `${name} must be true or false, not "${v}".`);
};
export const idList = (v: string | undefined, name: string): string[] | undefined =>
  v === undefined || v === '' ? undefined : v.split(',').map((x) => x.trim()).filter(Boolean).map((x) => {
    if (name !== 'Filter.ExternalIds' && !/^\d+$/.test(x)) throw new HttpError(400, `${name} must be a comma-separated list of ids, not "${v}".`);
    return x;
  });
export const dateParam = (v: string | undefined, name: string): number | undefined => {
  if (!v) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new HttpError(400, `${name} must be a date, not "${v}".`);
  return t;
};

/** what a group of routes needs: registration (v2 and legacy v1), state, validation and paging */
export interface BmsCtx {
  r: (method: Method, path: string, h: Handler, opts?: { auth?: boolean }) => void;
  /** a legacy v1 route: OAuth-style shapes, no envelope, no casing change */
  v1: (method: Method, path: string, h: Handler) => void;
  fs: FaultState;
  S: () => SandboxState;
  index: Index;
  validate: (schema: string, body: unknown, isArray?: boolean) => void;
  pageOf: (c: Context<Env>) => <T>(rows: T[]) => T[];
  idParam: (c: Context<Env>, name: string) => number;
  account: (id: number) => BmsAccount;
}
