/** The command line's words: which job, and what narrows it. Bad input is a CliError (exit 2) naming the option. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CliError } from './exit';

export const JOBS = ['import', 'export', 'assets', 'push-new', 'undo'] as const;
export const COMMANDS = [...JOBS, 'status', 'probe', 'audit', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  command: Command;
  yes: boolean;
  /** the admin's yes to the mass-deactivation guard: --yes alone never answers it */
  allowMassDeactivation: boolean;
  json: boolean;
  config?: string;
  journal?: string;
  orgs: string[];
  agent?: string;
  /** ids read from --select FILE, or a mappings CSV (B6) for import */
  select?: { ids: string[] } | { csv: string };
  accept: 'auto' | 'auto+review';
  create: boolean | null;
  force: boolean;
  /** assets: new agent ids whose relink (a suspected reinstall, B16) the admin accepts or rejects */
  acceptRelink: string[];
  rejectRelink: string[];
  since?: string;
  job?: string;
  retryFailed: boolean;
  format: 'csv' | 'jsonl';
  out?: string;
  limit: number;
}

export const USAGE = `usage: bms-vsa-sync sync <job> [options]     (from the repository: npm run sync -- <job> [options])

jobs (each prints its dry run first, and writes only with --yes):
  import      link VSA orgs to BMS accounts, creating accounts for orgs without one
  export      create VSA orgs for BMS accounts without one, and link them
  assets      push VSA agents to BMS as assets, in the locations their rules say
  push-new    create orgs for the BMS accounts made since the last check (or --since)
  undo        remove the links a bulk job made (the newest, or --job ID)
and:
  status      the sync list's counts (linked, suggested, conflict, unlinked, never) and the journal's jobs
  probe       what the tenant supports, endpoint by endpoint (read-only)
  audit       the audit log of every write: --format csv|jsonl, --out FILE, --limit N

options:
  --yes              do it (without it, a job only prints its dry run)
  --allow-mass-deactivation   with --yes: go ahead although the mass-deactivation guard tripped
                     (--yes alone stops there, so an unattended --yes never deactivates most assets)
  --json             one JSON object per event on stdout, for scripts
  --config FILE      the config file (default ./bms-vsa-sync.json or $BVS_CONFIG)
  --journal DIR      where the journal lives (default: "journal" in the config file)
  --org ID           only this org (import, assets; repeatable)
  --agent ID         only this agent (assets)
  --select FILE      only the ids in FILE, one a line (orgs for import, accounts for export);
                     for import also a mappings CSV as the extension exports it (links and rules)
  --accept auto|auto+review   which suggestions import takes (default auto)
  --create / --no-create      create accounts for orgs without a match (default: the config's autoCreateAccounts)
  --force            assets: push every agent, even those unchanged since the last sync
  --accept-relink ID assets, with --yes: relink the asset of the removed agent the dry run names to this
                     new agent (a suspected reinstall; repeatable; undo with undo --job)
  --reject-relink ID assets, with --yes: this new agent is not a reinstall; it gets its own asset (repeatable)
  --since ISO-DATE   push-new: accounts created since then
  --job ID           undo: the job to undo
  --retry-failed     run the failed items of the newest job of that kind again

secrets come from the environment only: VSA_SECRET (token or password) and BMS_PASSWORD.
exit codes: 0 done, 1 items failed, 2 cannot connect or bad input, 3 stopped by the mass-deactivation guard,
130 interrupted (the same command resumes), 70 an unexpected error.`;

const OPTIONS = {
  yes: { type: 'boolean' }, json: { type: 'boolean' }, config: { type: 'string' }, journal: { type: 'string' },
  org: { type: 'string', multiple: true }, agent: { type: 'string' }, select: { type: 'string' }, accept: { type: 'string' },
  create: { type: 'boolean' }, 'no-create': { type: 'boolean' }, force: { type: 'boolean' }, 'accept-relink': { type: 'string', multiple: true }, 'reject-relink': { type: 'string', multiple: true }, since: { type: 'string' }, job: { type: 'string' },
  'retry-failed': { type: 'boolean' }, 'allow-mass-deactivation': { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' }, limit: { type: 'string' }, help: { type: 'boolean' },
  // a secret on the command line ends up in shell history and `ps`: refused with the reason
  password: { type: 'string' }, secret: { type: 'string' }, token: { type: 'string' },
} as const;

const ID = /^\d{1,26}$/;

/** reads --select FILE: a mappings CSV (a header naming org_id) or ids one a line, # comments allowed */
export function readSelect(file: string): { ids: string[] } | { csv: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`--select ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`, 'input');
  }
  const first = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  if (/(^|,)\s*"?org_id"?\s*(,|$)/i.test(first)) return { csv: text };
  const ids: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const v = line.replace(/#.*$/, '').trim();
    if (!v) return;
    if (!ID.test(v)) throw new CliError(`--select ${file}, line ${i + 1}: "${v.slice(0, 40)}" is not an id (digits only).`, 'input');
    ids.push(v);
  });
  if (!ids.length) throw new CliError(`--select ${file}: the file lists no id.`, 'input');
  return { ids };
}

export function parseCli(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${(e as Error).message}. See --help.`, 'input');
  }
  const v = parsed.values;
  const pos = parsed.positionals[0] === 'sync' ? parsed.positionals.slice(1) : parsed.positionals;
  for (const k of ['password', 'secret', 'token'] as const) {
    if (v[k] !== undefined) throw new CliError(`--${k}: secrets are never given on the command line (they would show in the shell history and the process list). Set VSA_SECRET and BMS_PASSWORD in the environment.`, 'input');
  }
  const command = (v.help ? 'help' : pos[0] ?? 'help') as Command;
  if (!COMMANDS.includes(command)) throw new CliError(`"${pos[0]}" is not a job. The jobs: ${COMMANDS.join(', ')}.`, 'input');
  if (pos.length > 1) throw new CliError(`Unexpected "${pos[1]}": ids go with --org, --agent or --select FILE.`, 'input');
  for (const o of v.org ?? []) if (!ID.test(o)) throw new CliError(`--org ${o}: an org id is digits only.`, 'input');
  if (v.agent !== undefined && !ID.test(v.agent)) throw new CliError(`--agent ${v.agent}: an agent id is digits only.`, 'input');
  if (v.accept !== undefined && v.accept !== 'auto' && v.accept !== 'auto+review') throw new CliError(`--accept ${v.accept}: use auto or auto+review.`, 'input');
  if (v.format !== undefined && v.format !== 'csv' && v.format !== 'jsonl') throw new CliError(`--format ${v.format}: use csv or jsonl.`, 'input');
  if (v.create && v['no-create']) throw new CliError('--create and --no-create: choose one.', 'input');
  if (v.since !== undefined && Number.isNaN(Date.parse(v.since))) throw new CliError(`--since ${v.since}: not a date (use 2026-11-30 or 2026-11-30T08:00:00Z).`, 'input');
  const limit = v.limit === undefined ? 100_000 : Number(v.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit ${v.limit}: a whole number of entries, 1 or more.`, 'input');
  const narrowing = (flag: string, jobs: readonly Command[]) => {
    if (!jobs.includes(command)) throw new CliError(`${flag} does not apply to ${command}.`, 'input');
  };
  if (v.org?.length) narrowing('--org', ['import', 'assets']);
  if (v.agent !== undefined) narrowing('--agent', ['assets']);
  for (const flag of ['accept-relink', 'reject-relink'] as const) {
    if (!v[flag]?.length) continue;
    narrowing(`--${flag}`, ['assets']);
    for (const id of v[flag]) if (!ID.test(id)) throw new CliError(`--${flag} ${id}: an agent id is digits only.`, 'input');
  }
  if (v['accept-relink']?.some((id) => v['reject-relink']?.includes(id))) throw new CliError('--accept-relink and --reject-relink name the same agent: choose one.', 'input');
  if (v.select !== undefined) narrowing('--select', ['import', 'export']);
  if (v.agent !== undefined && v.org?.length) throw new CliError('--org and --agent: choose one (an agent belongs to one org).', 'input');
  if ((v.org?.length ?? 0) > 1 && command === 'assets') throw new CliError('assets takes one --org at a time.', 'input');
  if (v.select !== undefined && v.org?.length) throw new CliError('--org and --select: choose one.', 'input');
  const select = v.select === undefined ? undefined : readSelect(v.select);
  if (select && 'csv' in select && command !== 'import') throw new CliError(`--select ${v.select}: a mappings CSV goes with import; export takes account ids, one a line.`, 'input');
  return {
    command, yes: !!v.yes, allowMassDeactivation: !!v['allow-mass-deactivation'], json: !!v.json, config: v.config, journal: v.journal, orgs: v.org ?? [], agent: v.agent, select,
    accept: (v.accept as CliArgs['accept']) ?? 'auto', create: v.create ? true : v['no-create'] ? false : null, force: !!v.force,
    acceptRelink: v['accept-relink'] ?? [], rejectRelink: v['reject-relink'] ?? [],
    since: v.since, job: v.job, retryFailed: !!v['retry-failed'], format: (v.format as CliArgs['format']) ?? 'csv', out: v.out, limit,
  };
}
