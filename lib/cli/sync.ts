/**
 * The jobs from the command line (B21), for a server that runs them nightly:
 *
 *   VSA_SECRET=… BMS_PASSWORD=… npm run sync -- import --config bms-vsa-sync.json [--yes]
 *   npx bms-vsa-sync sync assets --yes --json
 *
 * Parses the words, builds the context from the config file and the environment (the browser's
 * lib/sync/context.ts reads extension storage instead), opens the journal on disk, drives the same
 * JobManager facade as the extension, and maps every ending to an exit code in one place (exit.ts).
 * Audit entries written from here say channel "cli".
 */
import { diagnose } from '../http/diagnose';
import { ApiError } from '../http/errors';
import type { FetchFn } from '../http/fetch';
import { FileJournal } from '../store/node/journal-file';
import { FileLinks } from '../store/node/links-file';
import { withCapabilities } from '../sync/capable';
import { resolveLinkStore } from '../sync/link-store';
import { JobManager } from '../sync/manager';
import type { SyncContext } from '../sync/types';
import { JOBS, parseCli, USAGE, type CliArgs } from './args';
import { cliCapabilities } from './capabilities';
import { cliContext, loadConfig, type CliConfig } from './config';
import { CliError, EXIT, exitCode, type ExitCode, type Outcome } from './exit';
import { auditCommand, probeCommand, statusCommand } from './info';
import { runJobCommand } from './jobs';
import { Reporter, type Out } from './progress';

export interface CliIo {
  stdout: Out;
  stderr: Out;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  fetch?: FetchFn;
  /** registers what Ctrl-C (SIGINT, SIGTERM) does; returns the unregister */
  onStop?: (handler: () => void) => () => void;
}

/** the words of an error for the admin: a connection problem in the options page's words */
function explain(e: unknown): string {
  if (e instanceof ApiError) {
    const url = (e.ctx.system === 'vsa' ? 'the VSA server' : 'the BMS API');
    return diagnose(e.ctx.system, url, e).message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** one login each first, so a wrong address or password is said plainly before anything is read */
async function connect(cfg: CliConfig, ctx: SyncContext): Promise<void> {
  for (const [system, login] of [['vsa', () => ctx.vsa.session.header()], ['bms', () => ctx.bms.auth.header()]] as const) {
    try {
      await login();
    } catch (e) {
      throw new CliError(e instanceof ApiError ? diagnose(system, system === 'vsa' ? cfg.vsa.url : cfg.bms.url, e).message : explain(e), 'connect');
    }
  }
}

async function execute(args: CliArgs, io: CliIo, reporter: Reporter): Promise<Outcome> {
  const fetchFn = io.fetch ?? ((i, init) => fetch(i, init));
  const cfg = loadConfig({ file: args.config, journal: args.journal, env: io.env, cwd: io.cwd });
  if (args.command === 'probe') {
    await connect(cfg, cliContext(cfg, fetchFn));
    return probeCommand(cfg, reporter, fetchFn);
  }
  const journal = new FileJournal(cfg.journal);
  const isJob = (JOBS as readonly string[]).includes(args.command);
  let stopping = false;
  let unregister = () => undefined as void;
  try {
    if (isJob) {
      const held = journal.lock(args.command);
      if (held) {
        throw new CliError(`Another bms-vsa-sync command (${held.what}, process ${held.pid} on ${held.host}, since ${new Date(held.since).toISOString()}) is using the journal ${cfg.journal}. Wait for it to end, or stop it (a stopped job resumes on the next run).`, 'input');
      }
    }
    if (isJob) {
      // old history goes first, as the config's retention says (never a running job, nor one Undo or Retry may still need)
      const pruned = await journal.prune(cfg.retention);
      if (pruned.jobs || pruned.audit) {
        reporter.info(`Journal clean-up: ${pruned.jobs} finished job(s) older than ${cfg.retention.keepJobsDays} days or beyond the newest ${cfg.retention.keepJobsCount} (${pruned.items} items) and ${pruned.audit} audit entries older than ${cfg.retention.keepAuditDays} days removed.`, { event: 'pruned', ...pruned });
      }
    }
    if (args.command === 'audit') return await auditCommand(args, journal, reporter, io.stdout);
    const bare = cliContext(cfg, fetchFn);
    await connect(cfg, bare);
    // what the tenant supports (contract §9): the journal's record, probed again when missing or a day old
    const caps = await cliCapabilities(cfg, journal, fetchFn);
    if (caps.probed && !reporter.json) reporter.info(`Checked what tenant "${cfg.bms.tenant}" supports (run "probe" for the details).`);
    const ctx = withCapabilities(bare, caps.record);
    // where the team keeps links (B9), chosen from that record as the extension chooses; links kept only here live in the journal's file
    const links = resolveLinkStore({ vsa: ctx.vsa, bms: ctx.bms }, new FileLinks(journal), caps.record);
    ctx.links = links.store;
    ctx.linkInfo = links.info;
    if (!links.info.shared) reporter.info(`Note: ${links.info.note}`, { event: 'links', ...links.info });
    const manager = new JobManager(journal, async () => ctx, (p) => reporter.progress(p), undefined, { stopping: () => stopping });
    if (args.command === 'status') return await statusCommand(manager, journal, reporter, ctx.linkInfo);
    let interrupts = 0;
    unregister = io.onStop?.(() => {
      interrupts++;
      if (interrupts === 1) {
        stopping = true;
        reporter.info('Stopping after the items in hand… (Ctrl-C again to quit at once; the journal keeps every item either way)', { event: 'stopping' });
      } else {
        reporter.info('Quit at once. The next run looks up the items that were in flight before it writes them again.', { event: 'quit' });
        journal.unlock();
        process.exit(EXIT.interrupted);
      }
    }) ?? unregister;
    const outcome = await runJobCommand({ args, manager, journal, reporter, journalDir: cfg.journal, autoCreate: cfg.settings.autoCreateAccounts, stopping: () => stopping });
    await manager.waitIdle();
    return outcome;
  } finally {
    unregister();
    journal.unlock();
    await journal.close();
  }
}

/** runs one command line; resolves with its exit code (never throws) */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  let args: CliArgs;
  const early = new Reporter(io.stdout, io.stderr, argv.includes('--json'));
  try {
    args = parseCli(argv);
  } catch (e) {
    const code = exitCode({ kind: 'error', error: e });
    early.info(`bms-vsa-sync: ${explain(e)}`, { event: 'error', message: explain(e), exit: code });
    return code;
  }
  if (args.command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.done;
  }
  const reporter = new Reporter(io.stdout, io.stderr, args.json);
  let outcome: Outcome;
  try {
    outcome = await execute(args, io, reporter);
  } catch (e) {
    outcome = { kind: 'error', error: e };
  }
  const code = exitCode(outcome);
  if (outcome.kind === 'error') {
    const e = outcome.error;
    const message = code === EXIT.internal ? `unexpected error (please report it): ${e instanceof Error ? e.stack ?? e.message : String(e)}` : explain(e);
    reporter.clearBar();
    reporter.info(`bms-vsa-sync: ${message}`, { event: 'error', message, exit: code });
  }
  if (args.json) reporter.event({ event: 'exit', code });
  return code;
}

/** the process's entry: real stdio, Ctrl-C and SIGTERM, unhandled rejections as exit 70 */
export async function main(argv = process.argv.slice(2)): Promise<void> {
  // stdout carries results (and --json events) only: what the engine logs goes to stderr
  console.log = console.info = console.debug = console.warn = console.error;
  process.on('unhandledRejection', (e) => {
    process.stderr.write(`bms-vsa-sync: unexpected error (please report it): ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(EXIT.internal);
  });
  const onStop = (handler: () => void) => {
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  };
  const code = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, onStop });
  process.exitCode = code;
}

if (process.argv[1] && /lib[\\/]cli[\\/]sync\.ts$/.test(process.argv[1])) void main();
