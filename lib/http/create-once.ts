/**
 * Writes are never duplicated: a create that timed out, lost its answer or came back garbled may
 * have succeeded. Before trying again, look the record up (by its natural key) and adopt it.
 */
import { InvalidPayloadError, NetworkError, ServerError } from './errors';

export interface CreateOnce<T> {
  create: () => Promise<T>;
  /** finds the record the create would have made, or null */
  find: () => Promise<T | null>;
  attempts?: number;
  /** further errors after which the record may exist and is looked up (besides network, 5xx, garbled) */
  retryOn?: (e: unknown) => boolean;
}

export async function createOnce<T>({ create, find, attempts = 4, retryOn }: CreateOnce<T>): Promise<{ record: T; adopted: boolean }> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) {
      const existing = await find();
      if (existing) return { record: existing, adopted: true };
    }
    try {
      return { record: await create(), adopted: false };
    } catch (e) {
      if (!(e instanceof NetworkError || e instanceof ServerError || e instanceof InvalidPayloadError || retryOn?.(e))) throw e;
      lastError = e;
    }
  }
  const existing = await find();
  if (existing) return { record: existing, adopted: true };
  throw lastError;
}
