/**
 * BMS on the wire (../shared/api-contract.md §5, §6): the vendor's document says PascalCase
 * (`Result.AccessToken`), tenants answer camelCase (`result.accessToken`). Both are accepted by
 * upper-casing the first letter of every key before anything reads an answer; requests stay
 * PascalCase. Failures come as `success:false` inside an HTTP 200 and are errors at any status.
 */

export type Casing = 'pascal' | 'camel' | 'mixed' | 'none';

const upperFirst = (k: string) => (k.length && k[0] >= 'a' && k[0] <= 'z' ? k[0].toUpperCase() + k.slice(1) : k);

/** a copy of `body` with every key's first letter upper-cased (values untouched) */
export function pascalKeys(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(pascalKeys);
  if (body === null || typeof body !== 'object') return body;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const key = upperFirst(k);
    // both spellings of one key in one object: the document's wins
    if (key in out && key !== k) continue;
    out[key] = pascalKeys(v);
  }
  return out;
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
