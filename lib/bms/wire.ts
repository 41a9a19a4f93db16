/**
 * BMS on the wire (../shared/api-contract.md §5, §6): the vendor's document says PascalCase
 * (`Result.AccessToken`), tenants answer camelCase (`result.accessToken`). Both are accepted by
 * matching every key case-insensitively against the keys of the schema the answer is read with
 * (`ipAddress`, `IPAddress` and `IpAddress` all become the schema's `IPAddress`), before anything
 * reads it; a key the schema does not name gets its first letter upper-cased. Requests stay
 * PascalCase. Failures come as `success:false` inside an HTTP 200 and are errors at any status.
 */
import type { z } from 'zod';

export type Casing = 'pascal' | 'camel' | 'mixed' | 'none';

const upperFirst = (k: string) => (k.length && k[0] >= 'a' && k[0] <= 'z' ? k[0].toUpperCase() + k.slice(1) : k);

/** what a schema (zod 4) expects at this level: the keys of an object, the items of an array */
interface Expect {
  keys?: Map<string, { key: string; schema: z.ZodType }>;
  item?: z.ZodType;
  value?: z.ZodType;
}

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; options?: z.ZodType[]; valueType?: z.ZodType; getter?: () => z.ZodType; left?: z.ZodType; right?: z.ZodType };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** the object shapes and array items a schema allows at its top, through optional, nullable, unions, pipes … */
function expectOf(schema: z.ZodType | null | undefined, depth = 0): Expect {
  const out: Expect = {};
  const visit = (s: z.ZodType | undefined, d: number) => {
    if (!s || d > 12) return;
    const def = defOf(s);
    switch (def.type) {
      case 'object':
        out.keys ??= new Map();
        for (const [k, v] of Object.entries(def.shape ?? {})) if (!out.keys.has(k.toLowerCase())) out.keys.set(k.toLowerCase(), { key: k, schema: v });
        return;
      case 'array':
        out.item ??= def.element;
        return;
      case 'record':
        out.value ??= def.valueType;
        return;
      case 'union':
        for (const o of def.options ?? []) visit(o, d + 1);
        return;
      case 'intersection':
        visit(def.left, d + 1);
        visit(def.right, d + 1);
        return;
      case 'pipe':
        visit(def.in, d + 1);
        return;
      case 'lazy':
        visit(def.getter?.(), d + 1);
        return;
      default:
        if (def.innerType) visit(def.innerType, d + 1);
    }
  };
  visit(schema ?? undefined, depth);
  return out;
}

/**
 * A copy of `body` with its keys spelled as `schema` spells them, matched case-insensitively at every
 * level; keys the schema does not know get an upper-case first letter (values untouched). Where one
 * object holds two spellings of one key, the schema's own spelling wins.
 */
export function schemaKeys(body: unknown, schema?: z.ZodType | null): unknown {
  if (body === null || typeof body !== 'object') return body;
  const want = expectOf(schema);
  if (Array.isArray(body)) return body.map((x) => schemaKeys(x, want.item));
  const out: Record<string, unknown> = {};
  const exact = new Set<string>();
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const match = want.keys?.get(k.toLowerCase());
    const key = match?.key ?? upperFirst(k);
    if (key in out && (exact.has(key) || key !== k)) continue;
    if (key === k) exact.add(key);
    out[key] = schemaKeys(v, match?.schema ?? want.value);
  }
  return out;
}

/** without a schema: every key's first letter upper-cased (the error envelope, logins read before a schema applies) */
export function pascalKeys(body: unknown): unknown {
  return schemaKeys(body, null);
}

/** the casing of an answer's top-level keys, for the log and the smoke run */
export function casingOf(body: unknown): Casing {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'none';
  let lower = 0;
  let upper = 0;
  for (const k of Object.keys(body)) {
    if (/^[a-z]/.test(k)) lower++;
    else if (/^[A-Z]/.test(k)) upper++;
  }
  return lower && upper ? 'mixed' : lower ? 'camel' : upper ? 'pascal' : 'none';
}

/**
 * The HTTP status a (normalised) BMS answer stands for: `Success:false` is a failure whatever the
 * HTTP status; its `Error.Code` names the kind when it is an HTTP-like code, else it is a refusal (400).
 */
export function bmsBodyStatus(httpStatus: number, body: unknown): number {
  if (httpStatus >= 400) return httpStatus;
  const b = body as { Success?: unknown; Error?: { Code?: unknown } | null } | null;
  if (!b || typeof b !== 'object' || b.Success !== false) return httpStatus;
  const code = typeof b.Error?.Code === 'number' ? b.Error.Code : Number(b.Error?.Code);
  return Number.isInteger(code) && code >= 400 && code <= 599 ? code : 400;
}

/** the server's own words from a failed answer: Error.Message and every SubError */
export function bmsErrorMessage(body: unknown): { message?: string; details?: string[] } | undefined {
  const e = (body as { Error?: { Message?: unknown; SubErrors?: unknown } | null } | null)?.Error;
  if (!e || typeof e !== 'object') return undefined;
  const details = Array.isArray(e.SubErrors)
    ? e.SubErrors.map((x) => (typeof x === 'string' ? x : x && typeof x === 'object' ? String((x as { Message?: unknown }).Message ?? JSON.stringify(x)) : '')).filter(Boolean)
    : [];
  const message = typeof e.Message === 'string' && e.Message ? e.Message : details.length ? 'the request was refused' : undefined;
  return { message: message !== undefined ? message + (details.length ? ` (${details.join('; ')})` : '') : undefined, details };
}
