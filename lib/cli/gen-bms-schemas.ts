/**
 * Generates lib/bms/schemas.gen.ts from the vendor's OpenAPI document (lib/bms/bms-openapi-subset.json):
 * one zod schema per component schema the product uses, types by z.infer. Run: npm run gen:bms
 * (test/unit/bms-schemas.test.ts fails when the checked-in file is out of date).
 *
 * The document marks almost no output field as required; the fields the product cannot work without
 * are listed in REQUIRED below, in one place. Unknown extra fields pass through (looseObject).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Schema = {
  type?: string; format?: string; nullable?: boolean; $ref?: string; items?: Schema; properties?: Record<string, Schema>;
  required?: string[]; enum?: unknown[]; minLength?: number; minimum?: number; maximum?: number; additionalProperties?: unknown;
};

export const DOC_PATH = fileURLToPath(new URL('../bms/bms-openapi-subset.json', import.meta.url));
export const OUT_PATH = fileURLToPath(new URL('../bms/schemas.gen.ts', import.meta.url));

/**
 * Output fields without which a record is useless to the product (the document requires none).
 * "Field" must be present and not null; "Field?" must be present but may be null (names: a record
 * with a blank name is still a record the admin must see).
 */
export const REQUIRED: Record<string, string[]> = {
  TokenOutputDto: ['AccessToken', 'AccessTokenExpireOn'],
  AccountLookupOutputDto: ['Id', 'Name?', 'IsActive'],
  AccountSummaryOutputDto: ['Id', 'AccountName?', 'IsActive'],
  AccountLocationOutputDto: ['Id', 'LocationName?', 'IsMain', 'IsActive'],
  AccountLocationLookupOutputDto: ['Id', 'Name?', 'IsMain'],
  LocationLookupOutputDto: ['Id', 'Name?'],
  DepartmentLookupOutputDto: ['Id', 'Name?'],
  HardwareAssetOutputDto: ['Id', 'Name?', 'AccountId', 'IsActive'],
  HardwareAssetsListSearchSelectOutputDto: ['Id', 'AssetName?', 'AccountId', 'IsActive'],
  EntityMappingOutputDto: ['ExternalId', 'PsaId'],
  IntegrationJobOutputDto: ['JobId'],
  IntegrationAssetJobStatusOutputDto: ['JobId', 'JobStatus'],
  IntegrationAssetJobDetailOutput: ['StatusCode'],
  IntegrationMappingJobStatusOutputDto: ['JobId', 'JobStatus'],
  IntegrationMappingJobDetailOutput: ['StatusCode'],
  CustomFieldOutputDto: ['Id', 'Name'],
  CustomFieldDataOutputDto: ['CustomFieldId'],
};

/** the envelopes: Result is required on a success */
const ENVELOPE_RESULT_REQUIRED = /Response$/;

const ROOTS = [
  'TokenOutputDtoResponse', 'AccountLookupOutputDtoListResponse', 'AccountSummaryOutputDtoIEnumerablePagedResponse',
  'AccountSummaryOutputDtoResponse', 'AccountSummaryOutputDto', 'AccountPostInputDto', 'AccountPutInputDto',
  'AccountLocationLookupOutputDtoListResponse', 'AccountLocationOutputDtoResponse', 'AccountLocationInputDto',
  'LocationLookupOutputDtoListResponse', 'DepartmentLookupOutputDtoListResponse', 'HardwareAssetInputDto',
  'HardwareAssetOutputDtoResponse', 'HardwareAssetsListSearchSelectOutputDtoIEnumerableResponse',
  'EntityMappingOutputDtoIEnumerablePagedResponse', 'ImportEntityMappingInputDto', 'DeleteEntityMappingInputDto',
  'IntegrationtAssetInputDto', 'IntegrationDeactivateAssetInputDto', 'IntegrationJobOutputDtoResponse',
  'IntegrationAssetJobStatusOutputDtoResponse', 'IntegrationMappingJobStatusOutputDtoResponse',
  'CustomFieldOutputDtoIEnumerableResponse', 'CustomFieldDataOutputDtoIEnumerableResponse', 'CustomFieldDataPutInputDto',
  'ErrorInfo',
];

export function generate(docText: string): string {
  const doc = JSON.parse(docText) as { components: { schemas: Record<string, Schema> } };
  const all = doc.components.schemas;
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const s = all[name];
    if (!s) throw new Error(`OpenAPI: schema ${name} is missing`);
    const refs: string[] = [];
    const walk = (x: Schema | undefined) => {
      if (!x) return;
      if (x.$ref) refs.push(x.$ref.split('/').pop()!);
      walk(x.items);
      for (const p of Object.values(x.properties ?? {})) walk(p);
    };
    walk(s);
    refs.forEach(visit);
    order.push(name);
  };
  ROOTS.forEach(visit);

  const expr = (s: Schema, owner: string): string => {
    let e: string;
    if (s.$ref && s.$ref.endsWith('/ErrorInfo')) return 'ErrorInfo.nullable()'; // tolerate "Error": null on successes
    if (s.$ref) e = s.$ref.split('/').pop()!;
    else if (s.type === 'integer') e = `z.number().int()${s.minimum !== undefined ? `.min(${s.minimum})` : ''}${s.maximum !== undefined ? `.max(${s.maximum})` : ''}`;
    else if (s.type === 'number') e = 'z.number()';
    else if (s.type === 'boolean') e = 'z.boolean()';
    else if (s.type === 'string') e = `z.string()${s.minLength ? `.min(${s.minLength})` : ''}`;
    else if (s.type === 'array') e = `z.array(${expr(s.items ?? {}, owner)})`;
    else if (s.type === 'object' && s.properties) e = objectExpr(s, owner);
    else e = 'z.unknown()';
    return s.nullable && e !== 'z.unknown()' ? `${e}.nullable()` : e;
  };
  const strict = (name: string) => new Set((REQUIRED[name] ?? []).filter((f) => !f.endsWith('?')));
  const objectExpr = (s: Schema, name: string): string => {
    const req = new Set([...(s.required ?? []), ...(REQUIRED[name] ?? []).map((f) => f.replace(/\?$/, ''))]);
    const notNull = strict(name);
    if (ENVELOPE_RESULT_REQUIRED.test(name) && s.properties?.Result) req.add('Result');
    const props = Object.entries(s.properties ?? {}).map(([k, v]) => {
      const e = expr(notNull.has(k) ? { ...v, nullable: false } : v, name);
      return `  ${k}: ${e}${req.has(k) ? '' : '.optional()'},`;
    });
    return `z.looseObject({\n${props.join('\n')}\n})`;
  };

  const lines = [
    '// Generated by lib/cli/gen-bms-schemas.ts from lib/bms/bms-openapi-subset.json. Do not edit: run `npm run gen:bms`.',
    "import { z } from 'zod';",
    '',
  ];
  for (const name of order) {
    const s = all[name];
    lines.push(`export const ${name} = ${s.type === 'object' || s.properties ? objectExpr(s, name) : expr(s, name)};`);
    lines.push(`export type ${name} = z.infer<typeof ${name}>;`);
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OUT_PATH, generate(readFileSync(DOC_PATH, 'utf8')));
  console.log(`wrote ${OUT_PATH}`);
}
