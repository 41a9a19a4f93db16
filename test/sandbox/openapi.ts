/**
 * The vendor's OpenAPI document (lib/bms/bms-openapi-subset.json, a copy of
 * ../shared/bms-openapi-subset.json) compiled into validators. The fake BMS API checks request bodies
 * with them, and the contract test checks every response the fake sends.
 * Read as data: the sandbox shares no code with the product's client.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';

export const OPENAPI_PATH = fileURLToPath(new URL('../../lib/bms/bms-openapi-subset.json', import.meta.url));

/**
 * Fields the product relies on that the published document lacks, each [assumed] in
 * ../shared/api-contract.md ("per-account departments ... and DepartmentId on hardware assets").
 * Kept in this one place; the contract test allows exactly these and nothing else.
 */
export const ASSUMED_EXTRA_PROPERTIES: Record<string, Record<string, object>> = {
  HardwareAssetInputDto: { DepartmentId: { type: 'integer', nullable: true } },
  HardwareAssetOutputDto: { DepartmentId: { type: 'integer', nullable: true }, Department: { type: 'string', nullable: true } },
  IntegrationtAssetInputDto: { DepartmentId: { type: 'string', nullable: true } },
};

/** the document's response envelope around a result schema */
const envelope = (result: object) => ({
  type: 'object',
  properties: { Success: { type: 'boolean' }, Error: { $ref: '#/components/schemas/ErrorInfo' }, Result: result },
  additionalProperties: false,
});
/** the envelope around a list of one schema of the document */
const listEnvelope = (dto: string) => envelope({ type: 'array', items: { $ref: `#/components/schemas/${dto}` }, nullable: true });

/** Schemas for the assumed endpoints (not in the vendor's document), in the same style. */
const ASSUMED_SCHEMAS: Record<string, object> = {
  AccountContactOutputDto: {
    type: 'object',
    properties: { Id: { type: 'integer' }, AccountId: { type: 'integer' }, FirstName: { type: 'string', nullable: true }, LastName: { type: 'string', nullable: true }, EmailAddress: { type: 'string', nullable: true }, IsActive: { type: 'boolean' } },
    additionalProperties: false,
  },
  AccountContactOutputDtoListResponse: listEnvelope('AccountContactOutputDto'),
  AccountDepartmentOutputDto: {
    type: 'object',
    properties: { Id: { type: 'integer' }, AccountId: { type: 'integer' }, Name: { type: 'string', nullable: true }, IsActive: { type: 'boolean' } },
    additionalProperties: false,
  },
  AccountDepartmentOutputDtoListResponse: listEnvelope('AccountDepartmentOutputDto'),
  AccountDepartmentOutputDtoResponse: envelope({ $ref: '#/components/schemas/AccountDepartmentOutputDto' }),
  AccountDepartmentInputDto: {
    type: 'object',
    required: ['Name'],
    properties: { Name: { type: 'string', minLength: 1 }, IsActive: { type: 'boolean', nullable: true } },
    additionalProperties: false,
  },
  AccountLocationPutInputDto: {
    type: 'object',
    properties: { LocationName: { type: 'string', minLength: 1 }, IsMain: { type: 'boolean' }, IsActive: { type: 'boolean' } },
    additionalProperties: false,
  },
  /** the document names no response for GET/POST/PUT /v2/rmm/{integrationType}: the usual envelope is assumed */
  IntegrationSettingDtoResponse: envelope({ $ref: '#/components/schemas/IntegrationSettingDto' }),
  /** error body of any failed call */
  ErrorResponse: {
    type: 'object',
    properties: { Success: { type: 'boolean' }, Error: { $ref: '#/components/schemas/ErrorInfo' }, Result: {} },
    required: ['Success', 'Error'],
    additionalProperties: false,
  },
};

export interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: { content?: Record<string, { schema?: unknown }> }; responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

let cached: { doc: OpenApiDoc; ajv: Ajv } | null = null;

export function loadOpenApi(): { doc: OpenApiDoc; ajv: Ajv } {
  if (cached) return cached;
  const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as OpenApiDoc;
  const components = structuredClone(doc.components);
  for (const [name, extra] of Object.entries(ASSUMED_EXTRA_PROPERTIES)) {
    const schema = components.schemas[name];
    if (!schema?.properties) throw new Error(`OpenAPI: ${name} is missing from the vendor document`);
    Object.assign(schema.properties, extra);
  }
  Object.assign(components.schemas, ASSUMED_SCHEMAS);
  // OpenAPI 3.0 allows `nullable` on a schema without `type` (any value); Ajv does not: drop it there
  const untyped = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.nullable !== undefined && o.type === undefined) delete o.nullable;
    for (const v of Object.values(o)) untyped(v);
  };
  untyped(components);
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = (addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport;
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  for (const f of ['int32', 'int64', 'double', 'float']) ajv.addFormat(f, true);
  ajv.addSchema({ $id: 'bms', components }, 'bms');
  cached = { doc, ajv };
  return cached;
}

const validators = new Map<string, ValidateFunction>();
export function validator(schemaName: string): ValidateFunction {
  let v = validators.get(schemaName);
  if (!v) {
    const { ajv } = loadOpenApi();
    v = ajv.compile({ $ref: `bms#/components/schemas/${schemaName}` });
    validators.set(schemaName, v);
  }
  return v;
}
export function arrayValidator(schemaName: string): ValidateFunction {
  const key = `${schemaName}[]`;
  let v = validators.get(key);
  if (!v) {
    const { ajv } = loadOpenApi();
    v = ajv.compile({ type: 'array', items: { $ref: `bms#/components/schemas/${schemaName}` } });
    validators.set(key, v);
  }
  return v;
}

export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 10).map((e) => {
    const where = e.instancePath || '(body)';
    if (e.keyword === 'additionalProperties') return `${where}: unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    if (e.keyword === 'required') return `${where}: ${(e.params as { missingProperty: string }).missingProperty} is required`;
    return `${where}: ${e.message ?? e.keyword}`;
  });
}
