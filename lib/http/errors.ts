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
/** The server refused the request as invalid or conflicting (400, 409, 422): its own words are kept. */
export class RejectedError extends ApiError {
  readonly code = 'rejected';
  constructor(message: string, ctx: ErrorContext, readonly status: number, readonly details: string[] = []) {
    super(message, ctx);
  }
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
