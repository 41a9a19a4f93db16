/**
 * The in-memory state of the two systems the sandbox stands in for.
 * Field names follow ../shared/api-contract.md (VSA) and the vendor's OpenAPI document (BMS).
 * Deliberately independent of lib/: the fake must not agree with the client by sharing code.
 */

/** VSA ids are 15–26-digit decimals (../shared/api-contract.md §2): kept as digit strings */
export interface VsaOrg {
  OrgId: string;
  OrgName: string;
  OrgRef: string;
  OrgType: string;
  DefaultDepartmentName: string;
  DefaultMachineGroupName: string;
  ParentOrgId: string | null;
  Website: string | null;
  NoOfEmployees: number | null;
  AnnualRevenue: number | null;
  ContactInfo: { PreferredContactMethod: string | null; PrimaryPhone: string | null; PrimaryEmail: string | null; Country: string | null; City: string | null };
  CustomFields: { FieldName: string; FieldValue: string }[];
}

export interface VsaMachineGroup {
  MachineGroupId: string;
  /** the full dotted path, org ref first (`acme.root.servers`), as real VSA answers it (§3) */
  MachineGroupName: string;
  OrgId: string;
  ParentMachineGroupId: string | null;
}

export interface VsaAgent {
  AgentId: string;
  AgentName: string;
  ComputerName: string;
  OrgId: string;
  MachineGroupId: string;
  MachineGroup: string;
  OSType: string;
  OSInfo: string;
  IPAddress: string;
  LastCheckInTime: string;
  FirstCheckIn: string;
  LastRebootTime: string;
  Online: number;
  /** serial and MAC: not in Get Agent (H-AGENT); served by GET /assetmgmt/audit only */
  Attributes: Record<string, string>;
  /** the agent's contact (Agent › Edit Profile), as the product assumes Get Agent carries it */
  ContactName?: string | null;
  ContactEmail?: string | null;
}

export interface BmsLocation {
  Id: number;
  AccountId: number;
  LocationName: string;
  IsMain: boolean;
  IsActive: boolean;
  CreatedOn: string;
  ModifiedOn: string;
  Address1: string | null;
  City: string | null;
}

/** a contact of an account (the account's Contacts tab) */
export interface BmsContact {
  Id: number;
  AccountId: number;
  FirstName: string;
  LastName: string;
  EmailAddress: string | null;
  IsActive: boolean;
}

export interface BmsDepartment {
  Id: number;
  AccountId: number;
  Name: string;
  IsActive: boolean;
}

export interface BmsAccount {
  Id: number;
  AccountCode: string;
  AccountName: string;
  AccountTypeId: number;
  BusinessTypeId: number;
  AccountManagerId: number;
  ParentId: number | null;
  Website: string | null;
  Description: string | null;
  IsActive: boolean;
  CreatedOn: string;
  ModifiedOn: string;
}

export interface BmsAsset {
  Id: number;
  Name: string;
  AccountId: number;
  AccountLocationId: number;
  CategoryId: number;
  DepartmentId: number | null;
  SerialNumber: string | null;
  MachineGroupId: string | null;
  ComputerName: string | null;
  IpAddress: string | null;
  MacAddress: string | null;
  OsType: string | null;
  OsInfo: string | null;
  IsActive: boolean;
  AgentId: string | null;
  IntegrationTypeId: number | null;
  FirstCheckIn: string | null;
  LastCheckIn: string | null;
  LastReboot: string | null;
  Description: string | null;
  /** the asset's contact (a contact of its account); absent: none */
  ContactId?: number | null;
  CreatedOn: string;
  ModifiedOn: string;
}

export interface BmsMapping {
  ExternalId: string;
  PsaId: number;
  CreatedOn: string;
}

export interface BmsJobDetail {
  StatusCode: string;
  StatusMessage: string;
  TransactionId: string | null;
  AssetId?: string | null;
  PsaAssetId?: number | null;
  ExternalId?: string | null;
  PsaId?: number | null;
}

export interface BmsJob {
  JobId: number;
  kind: 'assets' | 'mappings';
  ActionType: number;
  JobStatus: 'Queued' | 'Processing' | 'Completed' | 'CompletedWithErrors';
  readyAt: number;
  Details: BmsJobDetail[];
}

export interface BmsCustomField {
  Id: number;
  ModuleId: number;
  Name: string;
  DataType: number;
  IsRequired: boolean;
  IsActive: boolean;
}

export interface BmsContract {
  Id: number;
  AccountId: number;
  Name: string;
  IsDefault: boolean;
  SLAName: string | null;
  IsActive: boolean;
  /** null: open-ended */
  EndDate: string | null;
}

export interface BmsTicket {
  Id: number;
  TicketNumber: string;
  Title: string;
  StatusName: string;
  AccountId: number;
  /** the VSA agent whose asset the ticket is about */
  AgentId: string;
  CreatedOn: string;
}

export interface SandboxState {
  vsa: {
    orgs: Map<string, VsaOrg>;
    groups: Map<string, VsaMachineGroup>;
    agents: Map<string, VsaAgent>;
  };
  bms: {
    accounts: Map<number, BmsAccount>;
    locations: Map<number, BmsLocation>;
    departments: Map<number, BmsDepartment>;
    contacts: Map<number, BmsContact>;
    assets: Map<number, BmsAsset>;
    /** key `${integrationType}/${entityType}` (lower case) → ExternalId → mapping */
    mappings: Map<string, Map<string, BmsMapping>>;
    jobs: Map<number, BmsJob>;
    customFields: Map<number, BmsCustomField>;
    /** `${moduleId}/${entityId}/${customFieldId}` → value */
    customFieldData: Map<string, string>;
    categories: { Id: number; Name: string }[];
    /** contracts of accounts (F18: "this account has open contracts") */
    contracts: Map<number, BmsContract>;
    /** service desk tickets raised on VSA agents' assets (F18: "this asset has tickets") */
    tickets: Map<number, BmsTicket>;
  };
  /** the generator's truth: which account each org really is (null = none). For tests and benchmarks. */
  truth: Map<string, number | null>;
  nextId: { vsa: number; bms: number; job: number };
}

export const nowIso = (): string => new Date().toISOString();

export function emptyState(): SandboxState {
  return {
    vsa: { orgs: new Map(), groups: new Map(), agents: new Map() },
    bms: {
      accounts: new Map(),
      locations: new Map(),
      departments: new Map(),
      contacts: new Map(),
      assets: new Map(),
      mappings: new Map(),
      jobs: new Map(),
      customFields: new Map(),
      customFieldData: new Map(),
      contracts: new Map(),
      tickets: new Map(),
      categories: [
        { Id: 1, Name: 'Workstation' },
        { Id: 2, Name: 'Server' },
        { Id: 3, Name: 'Laptop' },
        { Id: 4, Name: 'Network Device' },
      ],
    },
    truth: new Map(),
    nextId: { vsa: 0, bms: 0, job: 0 },
  };
}

/**
 * VSA ids are 15–26-digit decimals in real tenants (KAT: they "overflow Int32/Int64"). Orgs get 26
 * digits and machine groups 19 (both beyond 2^53, so a JSON number would round them), agents 15
 * digits like the documented sample "694825728222021" (still exact as a double).
 */
const VSA_ID_BASE = { org: 52_000_000_000_000_000_000_000_000n, group: 4_100_000_000_000_000_000n, agent: 694_000_000_000_000n } as const;
export function nextVsaId(s: SandboxState, kind: keyof typeof VSA_ID_BASE): string {
  s.nextId.vsa += 1;
  return String(VSA_ID_BASE[kind] + BigInt(s.nextId.vsa) * 7919n);
}
export function nextBmsId(s: SandboxState): number {
  s.nextId.bms += 1;
  return s.nextId.bms;
}

export function mappingStore(s: SandboxState, integrationType: string, entityType: string): Map<string, BmsMapping> {
  const key = `${integrationType.toLowerCase()}/${entityType.toLowerCase()}`;
  let m = s.bms.mappings.get(key);
  if (!m) {
    m = new Map();
    s.bms.mappings.set(key, m);
  }
  return m;
}
