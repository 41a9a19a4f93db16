/**
 * npm run sandbox -- [--port P] [--orgs N] [--agents M] [--seed S] [--names-file F] [--seed-file F]
 *   [--latency MS] [--jitter MS] [--error-rate R] [--rate-limit RPS] [--burst-429 R] [--malformed-rate R]
 *   [--drop-rate R] [--token-ttl S] [--quota N] [--quota-time-scale X] [--max-page-size N]
 *   [--user U] [--password P] [--tenant T] [--vsa-token T] [--pages legacy|react|mixed|unseen|renamed]
 *   [--with CAPS] [--without CAPS]   tenant capabilities, comma-separated: mapping-store, integration, departments,
 *                                     legacy-locations, custom-field-module, category-table, account-contacts (capabilities.ts)
 */
import { parseArgs } from 'node:util';
import { capabilitiesFromFlags, CAPABILITY_FLAGS } from './capabilities';
import { PAGES_MODES, type PagesMode } from './pages';
import { startSandbox } from './server';

export const SANDBOX_FLAGS = {
  port: { type: 'string' }, host: { type: 'string' }, orgs: { type: 'string' }, agents: { type: 'string' }, seed: { type: 'string' },
  'names-file': { type: 'string' }, 'seed-file': { type: 'string' }, latency: { type: 'string' }, jitter: { type: 'string' },
  'error-rate': { type: 'string' }, 'rate-limit': { type: 'string' }, 'burst-429': { type: 'string' }, 'malformed-rate': { type: 'string' },
  'drop-rate': { type: 'string' }, 'token-ttl': { type: 'string' }, quota: { type: 'string' }, 'quota-time-scale': { type: 'string' },
  'max-page-size': { type: 'string' }, user: { type: 'string' }, password: { type: 'string' }, tenant: { type: 'string' },
  'vsa-token': { type: 'string' }, with: { type: 'string' }, without: { type: 'string' }, pages: { type: 'string' }, help: { type: 'boolean' },
} as const;

const KNOBS: Record<string, string> = {
  latency: 'latencyMs', jitter: 'jitterMs', 'error-rate': 'errorRate', 'rate-limit': 'rateLimitRps', 'burst-429': 'burst429Rate',
  'malformed-rate': 'malformedRate', 'drop-rate': 'dropResponseRate', 'token-ttl': 'tokenTtlSec', quota: 'quotaPerHour',
  'quota-time-scale': 'quotaTimeScale', 'max-page-size': 'maxPageSize',
};

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number ≥ 0, not "${v}"`);
  return n;
}

function pagesMode(v: string | undefined): PagesMode | undefined {
  if (v === undefined) return undefined;
  if (!(PAGES_MODES as readonly string[]).includes(v)) throw new Error(`--pages must be one of ${PAGES_MODES.join(', ')}, not "${v}"`);
  return v as PagesMode;
}

async function main() {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ options: SANDBOX_FLAGS, strict: true, allowPositionals: false }));
  } catch (e) {
    console.error(`sandbox: ${(e as Error).message}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(`usage: npm run sandbox -- [--port P] [--orgs N] [--agents M] [--seed S] [--names-file F] [--seed-file F]
  faults: [--latency MS] [--jitter MS] [--error-rate R] [--rate-limit RPS] [--burst-429 R] [--malformed-rate R]
          [--drop-rate R] [--token-ttl S] [--quota N] [--quota-time-scale X] [--max-page-size N]
  credentials: [--user U] [--password P] [--tenant T] [--vsa-token T]
  tenant capabilities: [--with LIST] [--without LIST], LIST of ${Object.keys(CAPABILITY_FLAGS).join(', ')}
    (defaults: departments off, everything else on)
  pages: [--pages legacy|react|mixed|unseen|renamed] (which generation of the replica BMS serves which page)`);
    return;
  }
  try {
    const faults: Record<string, number> = {};
    for (const [flag, knob] of Object.entries(KNOBS)) {
      const v = num(flag, values[flag] as string | undefined);
      if (v !== undefined) faults[knob] = v;
    }
    const capabilities = capabilitiesFromFlags(values.with as string | undefined, values.without as string | undefined);
    const sb = await startSandbox({
      port: num('port', values.port as string | undefined) ?? 4710,
      host: values.host as string | undefined,
      orgs: num('orgs', values.orgs as string | undefined),
      agents: num('agents', values.agents as string | undefined),
      seed: num('seed', values.seed as string | undefined),
      namesFile: values['names-file'] as string | undefined,
      seedFile: values['seed-file'] as string | undefined,
      credentials: {
        ...(values.user ? { user: values.user as string } : {}),
        ...(values.password ? { password: values.password as string } : {}),
        ...(values.tenant ? { tenant: values.tenant as string } : {}),
        ...(values['vsa-token'] ? { vsaToken: values['vsa-token'] as string } : {}),
      },
      faults,
      capabilities,
      pages: pagesMode(values.pages as string | undefined),
    });
    const s = sb.state();
    const off = Object.entries(sb.faults.bms.faults.capabilities).filter(([, on]) => !on).map(([k]) => k);
    console.error(`sandbox: tenant capabilities off: ${off.length ? off.join(', ') : 'none'}`);
    console.error(`sandbox: ${s.vsa.orgs.size} orgs, ${s.vsa.groups.size} machine groups, ${s.vsa.agents.size} agents; ${s.bms.accounts.size} accounts, ${s.bms.assets.size} assets`);
    console.log(`sandbox ready vsa=${sb.vsaUrl} bms-api=${sb.bmsApiUrl} bms=${sb.bmsUrl}`);
    const stop = () => sb.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    console.error(`sandbox: ${(e as Error).message}`);
    process.exit(2);
  }
}

void main();
