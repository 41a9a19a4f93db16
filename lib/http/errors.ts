/**
 * Typed errors of the API layer. Each message is a sentence an admin can act on and names the
 * system, the endpoint and, where there is one, the record.
 */
export type System = 'vsa' | 'bms';
export const SYSTEM_NAME: Record<System, string> = { vsa: 'Kaseya VSA', bms: 'Kaseya BMS' };

export interface ErrorContext {
  system: System;
  endpoint: string;
  recordId?: string | number;
}

export abstract class ApiError extends Error {
  abstract readonly code: string;
  constructor(message: string, readonly ctx: ErrorContext) {
    super(message);
    this.name = new.target.name;
  }
}

/** Login refused or a token rejected twice: the admin must fix the connection. */
export class AuthError extends ApiError {
  readonly code = 'auth';
}
export class ForbiddenError extends ApiError {
  readonly code = 'forbidden';
}
export class NotFoundError extends ApiError {
  readonly code = 'not-found';
}
export class RateLimitedError extends ApiError {
  readonly code = 'rate-limited';
  constructor(message: string, ctx: ErrorContext, readonly retryAfterMs: number | null) {
    super(message, ctx);
  }
}
/** The server could not be reached: wrong address, DNS, refused connection, TLS, timeout. */
export class NetworkError extends ApiError {
  readonly code = 'unreachable';
}
export class ServerError extends ApiError {
  readonly code = 'server';
  constructor(message: string, ctx: ErrorContext, readonly status: number) {
    super(message, ctx);
  }
}
/** The server answered with a redirect: never followed, so credentials go nowhere else (LOW-1). */
export class RedirectError extends ApiError {
  readonly code = 'redirect';
  constructor(message: string, ctx: ErrorContext, readonly location: string | null) {
    super(message, ctx);
  }
}
/** The address would send credentials in clear (http://) or elsewhere than an https server (LOW-1). */
export class InsecureUrlError extends ApiError {
  readonly code = 'insecure-url';
}
/** The server is a product or version we do not support (VSA 10). */
export class UnsupportedError extends ApiError {
  readonly code = 'unsupported';
}
/** The answer was larger than we accept (LOW-10). */
export class TooLargeError extends ApiError {
  readonly code = 'too-large';
  constructor(message: string, ctx: ErrorContext, readonly maxBytes: number) {
    super(message, ctx);
  }
}
/** The server refused the request as invalid or conflicting (400, 409, 422): its own words are kept. */
export class RejectedError extends ApiError {
  readonly code = 'rejected';
  constructor(message: string, ctx: ErrorContext, readonly status: number, readonly details: string[] = []) {
    super(message, ctx);
  }
}
/** What we were about to send does not match the API's request schema: nothing was sent. */
export class InvalidInputError extends ApiError {
  readonly code = 'invalid-input';
  constructor(message: string, ctx: ErrorContext, readonly fieldPath: string | null) {
    super(message, ctx);
  }
}

/** Validates a request body against its schema before anything is sent. */
export function checkInput<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown, ctx: ErrorContext): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue.path.map(String).join('.');
  throw new InvalidInputError(`Not sent to ${SYSTEM_NAME[ctx.system]} ${ctx.endpoint}${ctx.recordId !== undefined ? ` (record ${ctx.recordId})` : ''}: field "${path || '(body)'}" ${issue.message.toLowerCase()}.`, ctx, path || null);
}

/** The server answered, but not with what the contract promises. */
export class InvalidPayloadError extends ApiError {
  readonly code = 'invalid-response';
  constructor(message: string, ctx: ErrorContext, readonly fieldPath: string | null) {
    super(message, ctx);
  }
}

export function where(ctx: ErrorContext): string {
  return `${SYSTEM_NAME[ctx.system]} ${ctx.endpoint}${ctx.recordId !== undefined ? ` (record ${ctx.recordId})` : ''}`;
}
