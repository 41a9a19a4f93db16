/** Logging in is safe to repeat: retry it through network errors, 5xx and 429 like any idempotent call. */
import pRetry from 'p-retry';
import { NetworkError, RateLimitedError, ServerError } from './errors';

export function withLoginRetry<T>(login: () => Promise<T>, opts: { retries?: number; minBackoffMs?: number; maxRetryAfterMs?: number } = {}): Promise<T> {
  return pRetry(login, {
    retries: opts.retries ?? 5,
    minTimeout: opts.minBackoffMs ?? 300,
    maxTimeout: 20_000,
    randomize: true,
    shouldRetry: ({ error }) => error instanceof NetworkError || error instanceof ServerError || (error instanceof RateLimitedError && (error.retryAfterMs ?? 0) <= (opts.maxRetryAfterMs ?? 120_000)),
    onFailedAttempt: async ({ error, retriesLeft }) => {
      if (retriesLeft > 0 && error instanceof RateLimitedError && error.retryAfterMs) await new Promise((r) => setTimeout(r, error.retryAfterMs!));
    },
  });
}
