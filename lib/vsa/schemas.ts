/**
 * VSA REST payloads (../shared/api-contract.md: envelope, orgs, machine groups, agents). VSA ids are
 * large decimals, sent as numbers or strings: they become strings here, as BMS stores them.
 * Unknown extra fields pass through; missing or mistyped required fields are errors.
 */
import { z } from 'zod';

/**
 * A VSA id (15–26 digits on real servers) as a digit string. A bare JSON number is accepted only
 * while a double holds it exactly: the lossless parse (lib/http/fetch.ts) hands longer ones over as
 * strings, so a number past 2^53 here was rounded somewhere and is refused, as is `5.2e+25`.
 */
export const VsaId = z.union([
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER, 'is a number too large to be exact: the id was rounded'),
  z.string().regex(/^\d{1,30}$/, 'must be a numeric id'),
]).transform(String);
const optStr = z.string().nullable().optional();

export const VsaOrg = z.looseObject({
  OrgId: VsaId,
  OrgName: z.string(),
  OrgRef: z.string(),
  OrgType: optStr,
  ParentOrgId: VsaId.nullable().optional(),
  DefaultMachineGroupName: optStr,
  DefaultDepartmentName: optStr,
  Website: optStr,
  CustomFields: z.array(z.looseObject({ FieldName: z.string(), FieldValue: z.string().nullable().optional() })).nullable().optional(),
});
export type VsaOrg = z.infer<typeof VsaOrg>;

export const VsaOrgInput = z.object({
  OrgName: z.string().trim().min(1),
  OrgRef: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/),
  OrgType: z.string().optional(),
  Website: z.string().optional(),
  DefaultMachineGroupName: z.string().optional(),
  DefaultDepartmentName: z.string().optional(),
  CustomFields: z.array(z.object({ FieldName: z.string().min(1), FieldValue: z.string() })).optional(),
});
export type VsaOrgInput = z.infer<typeof VsaOrgInput>;

/**
 * The body of PUT /system/orgs/{id}: the whole org as read, changed where we mean to (PUT replaces,
 * §3). OrgRef is sent back as VSA has it, so its format is not re-checked here.
 */
export const VsaOrgReplace = z.looseObject({
  OrgName: z.string().min(1),
  OrgRef: z.string().min(1),
  ParentOrgId: z.string().regex(/^\d{1,30}$/).nullable(),
  CustomFields: z.array(z.object({ FieldName: z.string().min(1), FieldValue: z.string() })),
});

/** the answer to a create: the new id alone (§3), or [assumed: older servers] the record with its id */
export const VsaCreated = z.union([
  VsaId,
  z.looseObject({ OrgId: VsaId }).transform((o) => o.OrgId),
  z.looseObject({ MachineGroupId: VsaId }).transform((o) => o.MachineGroupId),
]);

export const VsaMachineGroup = z.looseObject({
  MachineGroupId: VsaId,
  MachineGroupName: z.string(),
  OrgId: VsaId,
  ParentMachineGroupId: VsaId.nullable().optional(),
});
export type VsaMachineGroup = z.infer<typeof VsaMachineGroup>;

export const VsaAgent = z.looseObject({
  AgentId: VsaId,
  AgentName: z.string(),
  ComputerName: z.string(),
  OrgId: VsaId,
  MachineGroupId: VsaId,
  MachineGroup: optStr,
  OSType: optStr,
  OSInfo: optStr,
  IPAddress: optStr,
  LastCheckInTime: optStr,
  FirstCheckIn: optStr,
  LastRebootTime: optStr,
  Online: z.number().int().nullable().optional(),
  Attributes: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type VsaAgent = z.infer<typeof VsaAgent>;

/** { TotalRecords?, Result, ResponseCode, Status, Error } */
export const envelope = <T extends z.ZodType>(result: T) =>
  z.looseObject({
    TotalRecords: z.number().int().nonnegative().optional(),
    Result: result,
    ResponseCode: z.number().int().optional(),
    Status: z.string().optional(),
    Error: z.string().nullable().optional(),
  });

export const listOf = <T extends z.ZodType>(item: T) => envelope(z.array(item));

export function vsaErrorMessage(body: unknown): { message?: string } | undefined {
  const e = (body as { Error?: unknown } | null)?.Error;
  return typeof e === 'string' && e !== 'None' && e !== '' ? { message: e } : undefined;
}

/**
 * The status a VSA answer stands for (../shared/api-contract.md §2): success ⇔ HTTP 2xx and
 * ResponseCode absent, 0 or 200–299. A failure inside an HTTP 200 (`"ResponseCode": 401,
 * "Status": "OK", "Error": "None"`) counts as that ResponseCode.
 */
export function vsaBodyStatus(httpStatus: number, body: unknown): number {
  if (httpStatus < 200 || httpStatus >= 300) return httpStatus;
  const rc = (body as { ResponseCode?: unknown } | null)?.ResponseCode;
  const code = typeof rc === 'number' ? rc : typeof rc === 'string' && /^\d+$/.test(rc) ? Number(rc) : undefined;
  if (code === undefined || code === 0 || (code >= 200 && code < 300)) return httpStatus;
  return code >= 400 && code <= 599 ? code : 400;
}

/** a row of GET /assetmgmt/audit: the agent's id and whatever the audit summary holds */
export const VsaAuditRow = z.looseObject({ AgentId: VsaId });
export type VsaAuditRow = z.infer<typeof VsaAuditRow>;
