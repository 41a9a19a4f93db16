/**
 * Job progress for panel frames: each frame holds one port to the background (runtime.connect, name
 * FRAME_JOBS_PORT) and hears over it the progress of the jobs it planned, and nothing else.
 *
 * Why a port and not the broadcast the popup hears: Firefox gives an extension page framed inside a
 * web page only content-script-level messaging, so runtime.sendMessage from the background never
 * reaches it (w3c/webextensions#35); Chrome delivers the broadcast, but a frame has no business
 * hearing jobs it did not start. Both ends live here: `FrameJobPorts` in the background, `frameJobFeed`
 * in the frame. The background's side scrubs every event as it scrubs replies to BMS pages.
 */
import { JobEvent, type JobProgress } from './messages';

export const FRAME_JOBS_PORT = 'bvs-frame-jobs';

/** the part of a runtime.Port both ends use */
export interface PortLike {
  name?: string;
  postMessage(msg: unknown): void;
  disconnect(): void;
  onDisconnect: { addListener(fn: () => void): void };
  onMessage: { addListener(fn: (msg: unknown) => void): void };
}

/** the background's side: the open frame ports, each with the owner key of its frame (lib/senders) */
export class FrameJobPorts {
  private ports = new Set<{ port: PortLike; owner: string }>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly opts: {
    /** the owner key of the frame that planned a job, if a frame did */
    ownerOf: (jobId: string) => string | undefined;
    /** what goes to a BMS tab carries no server address or user name */
    scrub: () => Promise<(v: unknown) => unknown>;
  }) {}

  get size(): number {
    return this.ports.size;
  }

  /** a frame's port; `newest` is its newest own job, sent at once (events it missed while the port was closed) */
  add(port: PortLike, owner: string, newest?: JobProgress | null): void {
    const entry = { port, owner };
    this.ports.add(entry);
    port.onDisconnect.addListener(() => this.ports.delete(entry));
    if (newest) this.send([entry], newest);
  }

  /** a job's progress, to the frames that planned it (none for the popup's or an alarm's jobs) */
  publish(progress: JobProgress): void {
    const owner = this.opts.ownerOf(progress.jobId);
    if (!owner) return;
    const to = [...this.ports].filter((e) => e.owner === owner);
    if (to.length) this.send(to, progress);
  }

  /** in order: one event's scrubbing never overtakes the one before */
  private send(to: { port: PortLike; owner: string }[], progress: JobProgress): void {
    this.queue = this.queue.then(async () => {
      const scrub = await this.opts.scrub();
      const msg = scrub({ event: 'job.progress', progress });
      for (const e of to) {
        try {
          e.port.postMessage(msg);
        } catch {
          this.ports.delete(e); // closed meanwhile
        }
      }
    }).catch(() => undefined);
  }
}

/**
 * The frame's side: one port, opened on the first listener and again by `wake()` after it closed (a
 * stopped service worker closes it); the frame wakes it before every request, so a job it starts is
 * always heard. Only events that pass JobEvent reach the listeners.
 */
export function frameJobFeed(connect: () => PortLike): { subscribe: (l: (p: JobProgress) => void) => () => void; wake: () => void } {
  const listeners = new Set<(p: JobProgress) => void>();
  let port: PortLike | null = null;
  const wake = () => {
    if (port || !listeners.size) return;
    let p: PortLike;
    try {
      p = connect();
    } catch {
      return; // the extension is gone (updated or removed)
    }
    port = p;
    p.onMessage.addListener((msg) => {
      const ev = JobEvent.safeParse(msg);
      if (ev.success) for (const l of listeners) l(ev.data.progress);
    });
    p.onDisconnect.addListener(() => {
      if (port === p) port = null;
    });
  };
  return {
    wake,
    subscribe(l) {
      listeners.add(l);
      wake();
      return () => {
        listeners.delete(l);
        if (!listeners.size && port) {
          const p = port;
          port = null;
          p.disconnect();
        }
      };
    },
  };
}
