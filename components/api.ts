/** What every UI component gets from its entrypoint: a way to ask the background, and job events. */
import type { AnyRequest, JobProgress, Reply } from '@/lib/messages';

export type Ask = <M extends AnyRequest>(msg: M) => Promise<Reply<M['type']>>;
/** subscribes to progress pushed by the background; returns the unsubscribe */
export type Subscribe = (listener: (p: JobProgress) => void) => () => void;
