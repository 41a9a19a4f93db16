/**
 * The sandbox's seed for what real MSP tenants run into (issue #16; spec B15–B18), added after the
 * generated data so the rest of a seed stays as it was: VSA's own orgs (myOrg, Kserver, Unnamed) with
 * agents, and a BMS account named "Unnamed" a name match would pick; a "lab" machine group of lab
 * machines an exclusion rule keeps out. Reinstalled agents and hand edits happen at run time
 * (POST /__sandbox/vsa/reinstall/:agentId, PATCH /__sandbox/bms/assets/:id).
 */
import { nextBmsId, nextVsaId, type SandboxState, type VsaAgent, type VsaOrg } from './model';

export const BUILT_IN_ORGS = [
  { name: 'My MSP (myOrg)', ref: 'myOrg' },
  { name: 'Kaseya Server', ref: 'kserver' },
  { name: 'Unnamed', ref: 'unnamed' },
] as const;
export const LAB_GROUP = 'lab';

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
