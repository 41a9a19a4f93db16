/** Panel frames hear their own jobs over a port (Firefox delivers no runtime broadcast to a framed extension page). */
import { describe, expect, it } from 'vitest';
import { FrameJobPorts, frameJobFeed, type PortLike } from '@/lib/frame-jobs';
import type { JobProgress } from '@/lib/messages';

const progress = (jobId: string, state: JobProgress['state'] = 'running', current: string | null = null): JobProgress => ({
  jobId, kind: 'import', state, total: 1, done: state === 'done' ? 1 : 0, failed: 0, pending: 0, current, ratePerSec: null, etaSec: null,
  note: null, noteKey: null, noteArgs: [], summary: {}, errors: [], confirm: null,
});

/** two ends of a port: what one posts the other hears; disconnect closes both */
function pair(): [PortLike & { sent: unknown[]; closed: boolean }, PortLike & { sent: unknown[]; closed: boolean }] {
  const make = () => {
    const msg: ((m: unknown) => void)[] = [];
    const disc: (() => void)[] = [];
    return { sent: [] as unknown[], closed: false, msg, disc, onMessage: { addListener: (f: (m: unknown) => void) => msg.push(f) }, onDisconnect: { addListener: (f: () => void) => disc.push(f) } };
  };
  const a = make();
  const b = make();
  const end = (me: typeof a, other: typeof a) => Object.assign(me, {
    postMessage(m: unknown) {
      if (me.closed) throw new Error('closed');
      me.sent.push(m);
      for (const f of other.msg) f(structuredClone(m));
    },
    disconnect() {
      if (me.closed) return;
      me.closed = other.closed = true;
      for (const f of other.disc) f(); // the other end hears it, as in the browsers
    },
  });
  return [end(a, b), end(b, a)];
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('frame job ports', () => {
  it('a frame hears the progress of the jobs it planned, scrubbed, and nothing of other jobs', async () => {
    const owners = new Map([['import-a', '7/4/'], ['import-b', '7/9/']]);
    const hub = new FrameJobPorts({ ownerOf: (id) => owners.get(id), scrub: async () => (v) => JSON.parse(JSON.stringify(v).replaceAll('vsa.example.com', '…')) });
    const [bg, frame] = pair();
    const heard: JobProgress[] = [];
    frame.onMessage.addListener((m) => heard.push((m as { progress: JobProgress }).progress));
    hub.add(bg, '7/4/');
    hub.publish(progress('import-a', 'running', 'vsa.example.com org 1'));
    hub.publish(progress('import-b')); // another frame's job
    hub.publish(progress('import-popup')); // the popup's job: no frame owns it
    hub.publish(progress('import-a', 'done'));
    await flush();
    expect(heard.map((p) => [p.jobId, p.state])).toEqual([['import-a', 'running'], ['import-a', 'done']]);
    expect(heard[0].current).toBe('… org 1');
  });

  it('a port that opens late gets its newest job at once; a closed port is dropped', async () => {
    const hub = new FrameJobPorts({ ownerOf: () => '7/4/', scrub: async () => (v) => v });
    const [bg, frame] = pair();
    const heard: unknown[] = [];
    frame.onMessage.addListener((m) => heard.push(m));
    hub.add(bg, '7/4/', progress('import-a', 'done'));
    await flush();
    expect(heard).toHaveLength(1);
    frame.disconnect();
    expect(hub.size).toBe(0);
    hub.publish(progress('import-a', 'done'));
    await flush();
    expect(heard).toHaveLength(1);
  });

  it('the frame side: opens one port for its listeners, passes only job events, and opens it again when woken after it closed', async () => {
    let opened = 0;
    let bgEnd: ReturnType<typeof pair>[0] | null = null;
    const feed = frameJobFeed(() => {
      opened++;
      const [f, b] = pair();
      bgEnd = b;
      return f;
    });
    const heard: string[] = [];
    const off = feed.subscribe((p) => heard.push(p.jobId));
    feed.subscribe((p) => heard.push(`2:${p.jobId}`));
    expect(opened).toBe(1);
    bgEnd!.postMessage({ event: 'job.progress', progress: progress('import-a') });
    bgEnd!.postMessage({ event: 'job.progress', progress: { jobId: 'x' } }); // malformed: dropped
    bgEnd!.postMessage({ hello: 1 });
    expect(heard).toEqual(['import-a', '2:import-a']);
    feed.wake();
    expect(opened).toBe(1); // still open
    bgEnd!.disconnect(); // the service worker stopped
    feed.wake();
    expect(opened).toBe(2);
    off();
    bgEnd!.postMessage({ event: 'job.progress', progress: progress('import-b') });
    expect(heard).toEqual(['import-a', '2:import-a', '2:import-b']);
  });

  it('a frame whose extension is gone does not throw when it wakes', () => {
    const feed = frameJobFeed(() => {
      throw new Error('Extension context invalidated.');
    });
    expect(() => feed.subscribe(() => undefined)).not.toThrow();
    expect(() => feed.wake()).not.toThrow();
  });
});
