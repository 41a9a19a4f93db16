/** The command line's exit codes (one function) and its progress on stderr: a bar in a terminal, plain lines otherwise. */
import { describe, expect, it } from 'vitest';
import { CliError, exitCode } from '@/lib/cli/exit';
import { duration, Reporter } from '@/lib/cli/progress';
import { AuthError, NetworkError } from '@/lib/http/errors';
import type { JobProgress } from '@/lib/sync/types';

describe('exit codes', () => {
  it.each([
    [{ kind: 'finished', failed: 0, state: 'done' }, 0],
    [{ kind: 'dry-run' }, 0],
    [{ kind: 'finished', failed: 3, state: 'done' }, 1],
    [{ kind: 'finished', failed: 0, state: 'failed' }, 2],
    [{ kind: 'error', error: new CliError('bad option', 'input') }, 2],
    [{ kind: 'error', error: new AuthError('BMS refused the login', { system: 'bms', endpoint: 'POST /security/authenticate' }) }, 2],
    [{ kind: 'error', error: new NetworkError('cannot reach', { system: 'vsa', endpoint: 'GET /auth' }) }, 2],
    [{ kind: 'error', error: new Error('There is no bulk job to undo.') }, 2],
    [{ kind: 'error', error: Object.assign(new Error('would deactivate 800 assets'), { name: 'GuardError' }) }, 3],
    [{ kind: 'error', error: new CliError('needs --yes', 'guard') }, 3],
    [{ kind: 'interrupted' }, 130],
    [{ kind: 'error', error: new TypeError('x is undefined') }, 70],
  ] as const)('%j → %i', (outcome, code) => {
    expect(exitCode(outcome as Parameters<typeof exitCode>[0])).toBe(code);
  });
});

const progress = (done: number, extra: Partial<JobProgress> = {}): JobProgress => ({
  jobId: 'import-x', kind: 'import', state: 'running', total: 1000, done, failed: 0, pending: 1000 - done, current: 'Acme GmbH',
  ratePerSec: null, etaSec: null, note: null, noteKey: null, noteArgs: [], summary: {}, errors: [], ...extra,
});

describe('progress on stderr', () => {
  const sink = (isTTY: boolean) => {
    const o = { text: '', isTTY, columns: 120, write: (s: string) => void (o.text += s) };
    return o;
  };

  it('draws a bar with counts, this run\'s rate and the ETA in a terminal; results go to stdout', () => {
    let t = 0;
    const out = sink(false);
    const err = sink(true);
    const r = new Reporter(out, err, false, () => t);
    r.progress(progress(100));
    t = 10_000;
    r.progress(progress(300, { failed: 2, pending: 698 }));
    expect(err.text).toContain('\r');
    expect(err.text).toMatch(/import \[#+-+\] 302\/1000 \(2 failed\) 20\.2\/s, about 35 s left {2}Acme GmbH/);
    r.event({ event: 'done' }, 'import done');
    expect(out.text).toBe('import done\n');
    expect(err.text.endsWith('\r\x1b[2K')).toBe(true); // the bar is cleared before a result
  });

  it('writes a plain line now and then when not a terminal, the last one always, never the same twice', () => {
    let t = 0;
    const err = sink(false);
    const r = new Reporter(sink(false), err, false, () => t, 5000);
    r.progress(progress(0));
    t = 1000;
    r.progress(progress(50)); // too soon
    t = 6000;
    r.progress(progress(600));
    r.progress(progress(1000, { pending: 0 }));
    r.progress(progress(1000, { pending: 0, state: 'done' }));
    expect(err.text.split('\n').filter(Boolean)).toEqual([
      'import: 0/1000 done',
      'import: 600/1000 done, 100.0/s, about 4 s left',
      'import: 1000/1000 done, 166.7/s, about 0 s left',
    ]);
  });

  it('with --json prints one object per event on stdout and nothing on stderr', () => {
    const out = sink(false);
    const err = sink(true);
    const r = new Reporter(out, err, true, () => 0);
    r.progress(progress(1000, { pending: 0 }));
    r.info('Stopping…', { event: 'stopping' });
    r.event({ event: 'done', failed: 0 }, 'text for people');
    expect(out.text.trim().split('\n').map((l) => JSON.parse(l).event)).toEqual(['progress', 'stopping', 'done']);
    expect(err.text).toBe('');
  });

  it('says durations the way people read them', () => {
    expect([duration(9), duration(249), duration(3909)]).toEqual(['9 s', '4:09', '1:05:09']);
  });
});
