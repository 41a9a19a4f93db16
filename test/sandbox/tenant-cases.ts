/**
 * The sandbox's seed for what real MSP tenants run into (issue #16; spec B15–B18), added after the
 * generated data so the rest of a seed stays as it was: VSA's own orgs (myOrg, Kserver, Unnamed) with
 * agents, and a BMS account named "Unnamed" a name match would pick; a "lab" machine group of lab
 * machines an exclusion rule keeps out. Reinstalled agents and hand edits happen at run time
 * (POST /__sandbox/vsa/reinstall/:agentId, PATCH /__sandbox/bms/assets/:id).
 *
 * Contacts (B19) and the billing check (B20): an org whose agents carry a contact (VSA's Agent › Edit
 * Profile) and whose account (same name, no contract: agents but no active contract) has contacts;
 * two of its agents already have an asset in BMS (made by BMS's own integration), one with a contact a
 * technician set by hand (not the agent's), one with none; one agent's email matches no contact. And an
 * org without agents whose account has an active contract (a contract but no agents).
 */
import { VSA_INTEGRATION_TYPE_ID } from './capabilities';
import { nextBmsId, nextVsaId, type BmsAccount, type SandboxState, type VsaAgent, type VsaOrg } from './model';

export const BUILT_IN_ORGS = [
  { name: 'My MSP (myOrg)', ref: 'myOrg' },
  { name: 'Kaseya Server', ref: 'kserver' },
  { name: 'Unnamed', ref: 'unnamed' },
] as const;
export const LAB_GROUP = 'lab';
/** the org (and account) of the contact cases, and the account with a contract but no agents */
export const CONTACT_ORG = 'Harbor Dental Group';
export const CONTRACT_ONLY_ORG = 'Quayside Legal LLP';
export const CONTACT_CASES = {
  /** its asset's contact was set by hand to Bob: it stays under "fill only when empty" */
  handSet: { computer: 'HD-RECEPTION', name: 'Ann Lee', email: 'ANN.LEE@harbordental.example', assetContact: 'bob.stone@harbordental.example' },
  /** its asset has no contact: it is filled with Carl */
  empty: { computer: 'HD-XRAY', name: 'Carl Diaz', email: 'Carl.Diaz@HarborDental.example' },
  /** a new asset: it gets Ann */
  fresh: { computer: 'HD-OFFICE', name: 'Ann Lee', email: 'ann.lee@harbordental.example' },
  /** no contact of the account has this email: the contact is left alone, and the dry run says why */
  unknown: { computer: 'HD-FRONT', name: 'Dora Quinn', email: 'dora.quinn@harbordental.example' },
} as const;

export function addTenantCases(s: SandboxState): void {
  const t = '2025-06-01T00:00:00.000Z';
  const agent = (org: VsaOrg, groupId: string, groupPath: string, computer: string, n: number): VsaAgent => {
    const AgentId = nextVsaId(s, 'agent');
    return {
      AgentId, AgentName: `${computer.toLowerCase()}.${groupPath}`, ComputerName: computer, OrgId: org.OrgId, MachineGroupId: groupId, MachineGroup: groupPath,
      OSType: 'Windows 11', OSInfo: 'Windows 11 Pro x64', IPAddress: `10.250.0.${n}`, LastCheckInTime: t, FirstCheckIn: t, LastRebootTime: t, Online: 1,
      Attributes: { SerialNumber: `SNCASE${String(n).padStart(4, '0')}`, MacAddress: `00:1A:2B:00:00:${n.toString(16).padStart(2, '0').toUpperCase()}` },
    };
  };
  let n = 1;
  for (const b of BUILT_IN_ORGS) {
    const OrgId = nextVsaId(s, 'org');
    const org: VsaOrg = {
      OrgId, OrgName: b.name, OrgRef: b.ref, OrgType: 'Internal', DefaultDepartmentName: 'root', DefaultMachineGroupName: 'root', ParentOrgId: null,
      Website: null, NoOfEmployees: null, AnnualRevenue: null, ContactInfo: { PreferredContactMethod: null, PrimaryPhone: null, PrimaryEmail: null, Country: null, City: null },
      CustomFields: [...([...s.vsa.orgs.values()][0]?.CustomFields ?? []).map((f) => ({ ...f, FieldValue: '' }))],
    };
    s.vsa.orgs.set(OrgId, org);
    const gid = nextVsaId(s, 'group');
    s.vsa.groups.set(gid, { MachineGroupId: gid, MachineGroupName: `${b.ref}.root`, OrgId, ParentMachineGroupId: null });
    for (let k = 0; k < 2; k++, n++) {
      const a = agent(org, gid, `root.${b.ref}`, `${b.ref.toUpperCase()}-${k + 1}`, n);
      s.vsa.agents.set(a.AgentId, a);
    }
    s.truth.set(OrgId, null);
  }
  // an account a name match would pick for VSA's "Unnamed" org: it must never be linked or re-created for it
  const Id = nextBmsId(s);
  s.bms.accounts.set(Id, { Id, AccountCode: `ACC${String(Id).padStart(5, '0')}`, AccountName: 'Unnamed', AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1, ParentId: null, Website: null, Description: null, IsActive: true, CreatedOn: t, ModifiedOn: t });
  const lid = nextBmsId(s);
  s.bms.locations.set(lid, { Id: lid, AccountId: Id, LocationName: 'Main', IsMain: true, IsActive: true, CreatedOn: t, ModifiedOn: t, Address1: null, City: null });
  addContactCases(s, agent, () => n++);
  // lab machines in the first customer org that has agents
  const withAgents = new Set([...s.vsa.agents.values()].map((a) => a.OrgId));
  const org = [...s.vsa.orgs.values()].find((o) => withAgents.has(o.OrgId) && o.OrgType === 'Customer');
  const root = org && [...s.vsa.groups.values()].find((g) => g.OrgId === org.OrgId && g.ParentMachineGroupId === null);
  if (org && root) {
    const gid = nextVsaId(s, 'group');
    s.vsa.groups.set(gid, { MachineGroupId: gid, MachineGroupName: `${root.MachineGroupName}.${LAB_GROUP}`, OrgId: org.OrgId, ParentMachineGroupId: root.MachineGroupId });
    for (let k = 0; k < 2; k++, n++) {
      const a = agent(org, gid, `${LAB_GROUP}.root.${org.OrgRef}`, `LAB-${k + 1}`, n);
      s.vsa.agents.set(a.AgentId, a);
    }
  }
}

/** B19 contacts and B20 contracts (see the file's head) */
function addContactCases(s: SandboxState, agent: (org: VsaOrg, groupId: string, groupPath: string, computer: string, n: number) => VsaAgent, next: () => number): void {
  const t = '2025-06-01T00:00:00.000Z';
  const fields = ([...s.vsa.orgs.values()][0]?.CustomFields ?? []).map((f) => ({ ...f, FieldValue: '' }));
  const pair = (name: string, ref: string): { org: VsaOrg; account: BmsAccount; main: number } => {
    const OrgId = nextVsaId(s, 'org');
    const org: VsaOrg = {
      OrgId, OrgName: name, OrgRef: ref, OrgType: 'Customer', DefaultDepartmentName: 'root', DefaultMachineGroupName: 'root', ParentOrgId: null, Website: null, NoOfEmployees: null, AnnualRevenue: null,
      ContactInfo: { PreferredContactMethod: 'Email', PrimaryPhone: null, PrimaryEmail: `it@${ref}.example`, Country: null, City: null }, CustomFields: fields.map((f) => ({ ...f })),
    };
    s.vsa.orgs.set(OrgId, org);
    const Id = nextBmsId(s);
    const account: BmsAccount = { Id, AccountCode: `ACC${String(Id).padStart(5, '0')}`, AccountName: name, AccountTypeId: 1, BusinessTypeId: 1, AccountManagerId: 1, ParentId: null, Website: null, Description: null, IsActive: true, CreatedOn: t, ModifiedOn: t };
    s.bms.accounts.set(Id, account);
    const main = nextBmsId(s);
    s.bms.locations.set(main, { Id: main, AccountId: Id, LocationName: 'Main', IsMain: true, IsActive: true, CreatedOn: t, ModifiedOn: t, Address1: null, City: null });
    s.truth.set(OrgId, Id);
    return { org, account, main };
  };
  const { org, account, main } = pair(CONTACT_ORG, 'harbordental');
  const contact = (first: string, last: string) => {
    const Id = nextBmsId(s);
    s.bms.contacts.set(Id, { Id, AccountId: account.Id, FirstName: first, LastName: last, EmailAddress: `${first}.${last}@harbordental.example`.toLowerCase(), IsActive: true });
    return Id;
  };
  const ids = { ann: contact('Ann', 'Lee'), bob: contact('Bob', 'Stone'), carl: contact('Carl', 'Diaz') };
  const gid = nextVsaId(s, 'group');
  s.vsa.groups.set(gid, { MachineGroupId: gid, MachineGroupName: 'root.harbordental', OrgId: org.OrgId, ParentMachineGroupId: null });
  for (const c of Object.values(CONTACT_CASES)) {
    const a = { ...agent(org, gid, 'root.harbordental', c.computer, next()), ContactName: c.name, ContactEmail: c.email };
    s.vsa.agents.set(a.AgentId, a);
    if (c !== CONTACT_CASES.handSet && c !== CONTACT_CASES.empty) continue;
    // BMS's own integration made this asset when the agent was installed
    const Id = nextBmsId(s);
    s.bms.assets.set(Id, {
      Id, Name: a.ComputerName, AccountId: account.Id, AccountLocationId: main, CategoryId: 1, DepartmentId: null, SerialNumber: a.Attributes.SerialNumber, MachineGroupId: gid,
      ComputerName: a.ComputerName, IpAddress: a.IPAddress, MacAddress: a.Attributes.MacAddress, OsType: a.OSType, OsInfo: a.OSInfo, IsActive: true, AgentId: a.AgentId,
      IntegrationTypeId: VSA_INTEGRATION_TYPE_ID, FirstCheckIn: t, LastCheckIn: t, LastReboot: t, Description: null, ContactId: c === CONTACT_CASES.handSet ? ids.bob : null, CreatedOn: t, ModifiedOn: t,
    });
  }
  // an account with an active contract whose org has no agents
  const legal = pair(CONTRACT_ONLY_ORG, 'quaysidelegal');
  const cid = nextBmsId(s);
  s.bms.contracts.set(cid, { Id: cid, AccountId: legal.account.Id, Name: 'Managed Services 1', IsDefault: true, SLAName: 'Gold', IsActive: true, EndDate: null });
}
