/** Runs the command line in this process against a sandbox: a config in a temp dir, captured stdout/stderr. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@/lib/cli/sync';
import type { Sandbox } from '../../sandbox/server';

export interface Ran { code: number; out: string; err: string; json: Record<string, unknown>[] }

export function cliFor(sb: () => Sandbox, configOverride?: (c: Record<string, unknown>) => unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'bvs-cli-'));
  const write = () => {
    const s = sb();
    const config = { vsa: { url: s.vsaUrl, user: 'admin', method: 'token' }, bms: { url: s.bmsApiUrl, tenant: 'sandbox', user: 'admin' }, settings: { requestsPerSecond: 1000, concurrency: 8 } };
    writeFileSync(join(dir, 'bms-vsa-sync.json'), JSON.stringify(configOverride ? configOverride(config) : config));
  };
  const env = { VSA_SECRET: 'sandbox-token', BMS_PASSWORD: 'sandbox' };
  return {
    dir,
    /** runs one command; `stop` receives the Ctrl-C handler the command registers */
    async run(argv: string[], opts: { env?: Record<string, string | undefined>; stop?: (press: () => void) => void } = {}): Promise<Ran> {
      write();
      let out = '';
      let err = '';
      const code = await runCli(argv, {
        stdout: { write: (s) => void (out += s) },
        stderr: { write: (s) => void (err += s) },
        env: { ...env, ...opts.env },
        cwd: dir,
        onStop: (handler) => {
          opts.stop?.(handler);
          return () => undefined;
        },
      });
      const json = argv.includes('--json') ? out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : [];
      return { code, out, err, json };
    },
  };
}

/** calls that change something: anything but a GET, less the logins */
export async function writeCalls(sb: Sandbox): Promise<{ count: number; calls: string[]; writes: number }> {
  const stats = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { vsa: { requests: Record<string, number> }; bms: { requests: Record<string, number> }; totals: { writes: number } };
  const calls = Object.entries({ ...stats.vsa.requests, ...stats.bms.requests })
    .filter(([k]) => !k.startsWith('GET ') && !/\/security\/|\/api\/token$/.test(k))
    .map(([k, n]) => `${k} ×${n}`);
  return { count: calls.length, calls, writes: stats.totals.writes };
}

export const resetStats = async (sb: Sandbox) => void (await fetch(`${sb.vsaUrl}/__sandbox/stats/reset`, { method: 'POST' }));
