/**
 * The chaos test of the command line (npm run chaos:cli; also part of npm test), like the browser's
 * (chaos.ts) but with the packed package: `npm pack`, unpack, and run its bin as a child process.
 * Against the sandbox with 10% 5xx, 429 bursts and 5-second tokens, `sync import --yes` of 1,000
 * orgs is killed (SIGKILL) again and again while it writes, and run again each time, until it ends.
 * On the v3 default tenant, as the browser's: no mapping store, so the links live in the VSA org field
 * (read here from the sandbox's data, never through the product's client). Afterwards every org of the
 * plan is linked exactly once, no account is made twice, nothing is lost, and the journal agrees.
 * Prints its figures and, last, one JSON object of them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FileJournal } from '../../lib/store/node/journal-file';
import { startSandbox } from '../sandbox/server';
import { mappingStoreOn, teamLinks } from './links';

const { values } = parseArgs({ options: { orgs: { type: 'string', default: '1000' }, kills: { type: 'string', default: '5' } } });
const ORGS = Number(values.orgs);
const KILLS = Number(values.kills);
const FAULTS = { errorRate: 0.1, burst429Rate: 0.01, burst429Ms: 1000, tokenTtlSec: 5 };
const root = new URL('../..', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** npm pack → unpack → the package's bin, its dependencies resolved from this checkout's node_modules */
function packed(work: string): string {
  const r = spawnSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  const x = spawnSync('tar', ['xzf', join(work, tgz), '-C', work]);
  if (x.status !== 0) throw new Error(`tar failed: ${x.stderr}`);
  symlinkSync(join(root, 'node_modules'), join(work, 'package', 'node_modules'));
  return join(work, 'package', 'bin', 'bms-vsa-sync.mjs');
}

interface Run { code: number | null; killed: boolean; events: { event: string; [k: string]: unknown }[] }

function runCli(bin: string, cwd: string, args: string[], killAfter: ((events: Run['events']) => Promise<boolean>) | null): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'sync', ...args], { cwd, env: { ...process.env, VSA_SECRET: 'sandbox-token', BMS_PASSWORD: 'sandbox' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { code: null, killed: false, events: [] };
    let buf = '';
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        try {
          run.events.push(JSON.parse(line));
        } catch {
          console.log(`cli chaos: not JSON on stdout: ${line.slice(0, 200)}`);
        }
        if (!armed && killAfter && run.events.some((e) => e.event === 'progress')) {
          armed = true;
          void killAfter(run.events).then((kill) => {
            if (kill && run.code === null) {
              run.killed = true;
              child.kill('SIGKILL');
            }
          });
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      const s = d.toString().trim();
      if (s) console.log(`cli chaos: stderr: ${s.slice(0, 300)}`);
    });
    child.on('exit', (code) => {
      run.code = code;
      resolve(run);
    });
  });
}

async function main() {
  const t0 = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'bvs-cli-chaos-'));
  const bin = packed(work);
  console.log(`cli chaos: packed and unpacked the package (${Math.round((Date.now() - t0) / 100) / 10} s)`);
  // the v3 default tenant: no mapping store, links in the VSA org field
  const sb = await startSandbox({ orgs: ORGS, agents: ORGS, seed: 3, faults: { jobDelayMs: 50 } });
  if (mappingStoreOn(sb)) throw new Error('the default tenant has a mapping store: this test means the tenant without one');
  const cwd = join(work, 'run');
  spawnSync('mkdir', ['-p', cwd]);
  writeFileSync(join(cwd, 'bms-vsa-sync.json'), JSON.stringify({
    vsa: { url: sb.vsaUrl, user: 'admin', method: 'token' },
    bms: { url: sb.bmsApiUrl, tenant: 'sandbox', user: 'admin' },
    settings: { requestsPerSecond: 200, concurrency: 4 },
  }));
  const fig = { job: 'cli import', items: 0, kills: 0, runs: 0, duplicates: -1, lost: -1, unlinked: -1, failedItems: -1, faultsSurvived: 0, seconds: 0, state: '', exit: -1, passed: false };
  try {
    for (const target of ['vsa', 'bms']) await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ ...FAULTS, target, jobDelayMs: 50 }) });
    const s = sb.state();
    // org id → linked account id, from the VSA org field in the sandbox's state
    const maps = () => teamLinks(sb);
    const storeBefore = s.bms.mappings.get('vsa/account')?.size ?? 0;
    const deadline = Date.now() + Number(process.env.CHAOS_MINUTES ?? 8) * 60_000;
    let last: Run | null = null;
    while (Date.now() < deadline) {
      const before = maps().size + s.bms.accounts.size;
      // killed a while after it starts writing, until enough kills are made; then it runs to the end
      const kill = fig.kills < KILLS ? async () => {
        await sleep(1500 + Math.random() * 1500);
        return maps().size + s.bms.accounts.size > before;
      } : null;
      last = await runCli(bin, cwd, ['import', '--yes', '--accept', 'auto+review', '--create', '--json'], kill);
      fig.runs++;
      const plan = last.events.find((e) => e.event === 'plan') as { total?: number; resumed?: boolean } | undefined;
      if (plan && !plan.resumed && !fig.items) fig.items = plan.total ?? 0;
      if (last.killed) {
        fig.kills++;
        console.log(`cli chaos: killed the command (SIGKILL) while it wrote (${fig.kills})`);
        continue;
      }
      if (last.code === 0) break;
      console.log(`cli chaos: the command ended with exit ${last.code}; running it again`);
    }
    fig.exit = last?.code ?? -1;
    const journal = new FileJournal(join(cwd, 'bms-vsa-sync-journal'));
    const ran = (await journal.jobs('import')).filter((j) => j.state !== 'planned' && j.state !== 'cancelled');
    const items = (await Promise.all(ran.map((j) => journal.items(j.id)))).flat();
    const counts = await Promise.all(ran.map((j) => journal.counts(j.id)));
    fig.state = ran.map((j) => j.state).join(',');
    fig.failedItems = counts.reduce((a, c) => a + c.failed, 0);
    fig.lost = counts.reduce((a, c) => a + c.pending + c.started, 0);
    const links = maps();
    fig.unlinked = items.filter((i) => !links.has(i.key)).length;
    await journal.close();
    const names = [...s.bms.accounts.values()].map((a) => a.AccountName);
    fig.duplicates = names.length - new Set(names).size;
    const psa = [...links.values()].map((m) => m.PsaId);
    // one account per org, each linked account exists, and BMS's mapping store was never written
    const oneToOne = new Set(psa).size === psa.length && psa.every((id) => s.bms.accounts.has(id));
    const storeUntouched = (s.bms.mappings.get('vsa/account')?.size ?? 0) === storeBefore;
    const stats = (await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { vsa: { faults: Record<string, number> }; bms: { faults: Record<string, number> } };
    fig.faultsSurvived = [...Object.values(stats.vsa.faults), ...Object.values(stats.bms.faults)].reduce((a, c) => a + c, 0);
    fig.passed = fig.exit === 0 && fig.kills >= KILLS && fig.items > 0 && items.length >= fig.items && fig.duplicates === 0 && fig.lost === 0 && fig.unlinked === 0 && fig.failedItems === 0 && oneToOne && storeUntouched && ran.every((j) => j.state === 'done');
    fig.seconds = Math.round((Date.now() - t0) / 100) / 10;
    console.log(`${fig.passed ? 'ok' : 'not ok'} - cli chaos import: ${fig.items} items, ${fig.kills} kills in ${fig.runs} runs: exit ${fig.exit}, job ${fig.state}, ${fig.unlinked} unlinked, ${fig.duplicates} duplicates, ${fig.lost} lost, ${fig.failedItems} failed, one-to-one ${oneToOne}, mapping store untouched ${storeUntouched}, ${fig.faultsSurvived} faults survived, ${fig.seconds} s`);
  } finally {
    await sb.close();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`cli chaos: ${fig.passed ? 1 : 0} passed, ${fig.passed ? 0 : 1} failed`);
  console.log(JSON.stringify({ cliChaos: fig }));
  process.exit(fig.passed ? 0 : 1);
}

main().catch((e) => {
  console.error(`cli chaos: ${(e as Error).stack ?? e}`);
  console.log('cli chaos: 0 passed, 1 failed');
  process.exit(1);
});
