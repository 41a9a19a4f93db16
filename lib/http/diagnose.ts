/**
 * Turns what went wrong while reaching a server into the cause an admin can fix:
 * wrong URL, unreachable (down, DNS, certificate), wrong password, no permission, server error.
 */
import { ApiError, AuthError, InsecureUrlError, RedirectError, UnsupportedError, ForbiddenError, InvalidPayloadError, NetworkError, RateLimitedError, ServerError, SYSTEM_NAME, type System } from './errors';

export type DiagnosisCode = 'ok' | 'wrong-url' | 'unreachable' | 'auth' | 'forbidden' | 'server' | 'invalid-response' | 'unknown';

export interface Diagnosis {
  code: DiagnosisCode;
  message: string;
}

export function diagnose(system: System, url: string, e: unknown): Diagnosis {
  const name = SYSTEM_NAME[system];
  if (e instanceof AuthError) return { code: 'auth', message: e.message };
  if (e instanceof UnsupportedError || e instanceof RedirectError || e instanceof InsecureUrlError) return { code: 'wrong-url', message: e.message };
  if (e instanceof ForbiddenError) return { code: 'forbidden', message: e.message };
  if (e instanceof RateLimitedError) return { code: 'server', message: `${e.message} Try again in a minute.` };
  if (e instanceof NetworkError) {
    return { code: 'unreachable', message: `Cannot reach ${name} at ${url}: the server is down, the address is wrong, or its certificate is not trusted. (${e.message})` };
  }
  if (e instanceof ServerError) {
    if (e.status === 404) return { code: 'wrong-url', message: `${url} answered, but it is not the ${name} API (HTTP 404). Check the address.` };
    return { code: 'server', message: `${name} is having trouble (HTTP ${e.status}). Try again later. (${e.message})` };
  }
  if (e instanceof InvalidPayloadError) {
    return { code: 'wrong-url', message: `${url} answered, but not like the ${name} API. Check the address. (${e.message})` };
  }
  if (e instanceof ApiError) return { code: 'unknown', message: e.message };
  return { code: 'unknown', message: `${name}: ${e instanceof Error ? e.message : String(e)}` };
}
