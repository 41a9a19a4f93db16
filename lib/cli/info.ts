/** The command line's read-only commands: status (the sync list's counts), probe (what the tenant supports), audit (the log). */
import { writeFileSync } from 'node:fs';
import { CAPABILITY_NAMES, probeConnections, type CapabilityRecord } from '../capabilities';
import type { FetchFn } from '../http/fetch';
import { auditCsv, auditJsonl } from '../sync/audit-csv';
import type { Journal } from '../sync/journal';
import type { LinkStoreInfo } from '../sync/link-store';
import type { JobManager } from '../sync/manager';
import type { CliArgs } from './args';
import type { CliConfig } from './config';
import { CliError, type Outcome } from './exit';
import type { Reporter } from './progress';

export async function statusCommand(manager: JobManager, journal: Journal, reporter: Reporter, links?: LinkStoreInfo): Promise<Outcome> {
  const ov = await manager.overview(true);
  const jobs = await Promise.all((await journal.jobs()).slice(0, 5).map(async (j) => ({ id: j.id, kind: j.kind, state: j.state, total: j.total, ...(await journal.counts(j.id)), updatedAt: new Date(j.updatedAt).toISOString(), note: j.note })));
  const c = ov.counts;
  const lines = [
    `${ov.rows.length} VSA orgs: ${c.linked} linked, ${c.suggested} suggested, ${c.conflict} conflict, ${c.unlinked} unlinked, ${c.never} never map.`,
    `Last asset sync from this journal: ${ov.lastSyncAt ? new Date(ov.lastSyncAt).toISOString() : 'never'}.`,
    ...(links ? [`Links: ${links.note}`] : []),
    ...(jobs.length ? ['Newest jobs:', ...jobs.map((j) => `  ${j.id}  ${j.kind} ${j.state}: ${j.done} done, ${j.failed} failed, ${j.pending + j.started} left of ${j.total}${j.note ? ` (${j.note})` : ''}`)] : ['No job in the journal yet.']),
  ];
  reporter.event({ event: 'status', orgs: ov.rows.length, counts: c, lastSyncAt: ov.lastSyncAt, links: links ?? null, jobs }, lines.join('\n'));
  return { kind: 'finished', failed: 0, state: 'done' };
}

/** one line per capability of contract §9: state, name, what was read, why */
export function capabilityLines(rec: CapabilityRecord): string[] {
  const lines = CAPABILITY_NAMES.map((n) => {
    const c = rec.caps[n];
    return `${c.state.padEnd(8)} ${n.padEnd(18)} ${c.reason}${c.mismatch ? ' (the answer did not have the expected shape)' : ''}${c.probe ? `  [${c.probe}]` : ''}`;
  });
  const d = rec.detail;
  const facts = [
    d.integrationType ? `integration ${d.integrationType}${d.integrationTypeId !== null ? ` (type ${d.integrationTypeId})` : ''}${d.integrationEnabled === false ? ', switched off' : ''}` : null,
    d.accountsModuleId !== null ? `accounts module ${d.accountsModuleId}${d.ruleFieldId !== null ? `, rule field ${d.ruleFieldId}` : ''}` : null,
    d.categories.length ? `categories ${d.categories.slice(0, 8).join(', ')}${d.categories.length > 8 ? ' …' : ''}` : null,
    d.vsaMethod ? `VSA sign-in by ${d.vsaMethod}` : null,
    `link fields: VSA org field ${d.vsaLinkField}, BMS account field ${d.bmsLinkField}${d.linkFieldId !== null ? ` (field ${d.linkFieldId})` : ''}`,
  ].filter(Boolean);
  if (facts.length) lines.push(`details  ${facts.join('; ')}`);
  return lines;
}

/** what the tenant supports (contract §9), read-only, as the settings' "Test connection" probes it */
export async function probeCommand(cfg: CliConfig, reporter: Reporter, fetchFn: FetchFn): Promise<Outcome> {
  const rec = await probeConnections(fetchFn, {
    vsa: { url: cfg.vsa.url, user: cfg.vsa.user, secret: cfg.vsa.secret, method: cfg.vsa.method },
    bms: { url: cfg.bms.url, tenant: cfg.bms.tenant, user: cfg.bms.user, password: cfg.bms.password },
  });
  const lines = [`Capabilities of tenant "${cfg.bms.tenant}" (BMS ${cfg.bms.url}, VSA ${cfg.vsa.url}):`, ...capabilityLines(rec)];
  reporter.event({ event: 'probe', capabilities: rec }, lines.join('\n'));
  return { kind: 'finished', failed: CAPABILITY_NAMES.filter((n) => rec.caps[n].mismatch).length, state: 'done' };
}

/** the audit log, newest first: CSV or JSON lines, to --out FILE or stdout */
export async function auditCommand(args: CliArgs, journal: Journal, reporter: Reporter, stdout: { write(s: string): void }): Promise<Outcome> {
  const entries = await journal.auditLog(args.limit);
  const text = args.format === 'jsonl' || (args.json && !args.out) ? auditJsonl(entries) : auditCsv(entries);
  if (args.out) {
    try {
      writeFileSync(args.out, text);
    } catch (e) {
      throw new CliError(`--out ${args.out}: cannot write it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`, 'input');
    }
    reporter.event({ event: 'audit', entries: entries.length, out: args.out }, `${entries.length} audit entries written to ${args.out}.`);
  } else stdout.write(text);
  return { kind: 'finished', failed: 0, state: 'done' };
}
