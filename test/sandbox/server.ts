/**
 * Starts the sandbox: the fake VSA API, the fake BMS API and the replica BMS pages, each on its own
 * origin (port), all over one in-memory, seeded state. Used by the CLI, the e2e tests, the chaos
 * tests, the benchmarks and the demo.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Env } from './api';
import type { TenantCapabilities } from './capabilities';
import { bmsApiApp } from './bms-api';
import { FaultState, parseFaultPatch, type System } from './faults';
import { nextVsaId, type SandboxState } from './model';
import { pagesApp, type PagesMode } from './pages';
import { generate, type NamesFile } from './seed';
import { vsaApp, type Credentials } from './vsa';

export interface SandboxOptions {
  port?: number;
  host?: string;
  orgs?: number;
  agents?: number;
  seed?: number;
  namesFile?: string;
  names?: NamesFile;
  /** a JSON file holding a whole data set (the format of GET /__sandbox/data) instead of generating one */
  seedFile?: string;
  credentials?: Partial<Credentials>;
  faults?: Partial<Record<string, unknown>>;
  /** what the tenant supports, kept across resets (capabilities.ts; defaults: departments off, the rest on) */
  capabilities?: Partial<TenantCapabilities>;
  quiet?: boolean;
  /** VSA's built-in orgs and a lab machine group in the seed (tenant-cases.ts) */
  tenantCases?: boolean;
  /** which generation of the replica BMS serves which page (test/sandbox/pages-links.ts); legacy by default */
  pages?: PagesMode;
}

export interface Sandbox {
  vsaUrl: string;
  bmsApiUrl: string;
  bmsUrl: string;
  state: () => SandboxState;
  faults: Record<System, FaultState>;
  credentials: Credentials;
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_CREDENTIALS: Credentials = { user: 'admin', password: 'sandbox', tenant: 'sandbox', vsaToken: 'sandbox-token' };

export function readNamesFile(path: string): NamesFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`--names-file ${path}: cannot read it as JSON (${(e as Error).message})`, { cause: e });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`--names-file ${path}: expected {"orgs":[…],"accounts":[…],"machineGroups":[…],"agents":[…]}`);
  const out: NamesFile = {};
  for (const key of ['orgs', 'accounts', 'machineGroups', 'agents'] as const) {
    const v = (raw as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`--names-file ${path}: "${key}" must be a list of strings`);
    out[key] = v as string[];
  }
  return out;
}

/** Serializes the whole state (both systems) as plain JSON. */
export function dumpState(s: SandboxState) {
  return {
    vsa: { orgs: [...s.vsa.orgs.values()], machineGroups: [...s.vsa.groups.values()], agents: [...s.vsa.agents.values()] },
    bms: {
      accounts: [...s.bms.accounts.values()],
      locations: [...s.bms.locations.values()],
      departments: [...s.bms.departments.values()],
      contacts: [...s.bms.contacts.values()],
      assets: [...s.bms.assets.values()],
      mappings: Object.fromEntries([...s.bms.mappings].map(([k, m]) => [k, [...m.values()]])),
      customFields: [...s.bms.customFields.values()],
      customFieldData: Object.fromEntries(s.bms.customFieldData),
      categories: s.bms.categories,
      contracts: [...s.bms.contracts.values()],
      tickets: [...s.bms.tickets.values()],
      jobs: [...s.bms.jobs.values()].map(({ JobId, kind, JobStatus, Details }) => ({ JobId, kind, JobStatus, details: Details.length })),
    },
    truth: Object.fromEntries(s.truth),
    nextId: s.nextId,
  };
}

export function loadState(dump: ReturnType<typeof dumpState>): SandboxState {
  const byId = <T, K>(rows: T[], key: (r: T) => K) => new Map(rows.map((r) => [key(r), r]));
  return {
    vsa: {
      orgs: byId(dump.vsa.orgs, (o) => o.OrgId),
      groups: byId(dump.vsa.machineGroups, (g) => g.MachineGroupId),
      agents: byId(dump.vsa.agents, (a) => a.AgentId),
    },
    bms: {
      accounts: byId(dump.bms.accounts, (a) => a.Id),
      locations: byId(dump.bms.locations, (l) => l.Id),
      departments: byId(dump.bms.departments, (d) => d.Id),
      contacts: byId(dump.bms.contacts ?? [], (c) => c.Id),
      assets: byId(dump.bms.assets, (a) => a.Id),
      mappings: new Map(Object.entries(dump.bms.mappings).map(([k, rows]) => [k, byId(rows, (m) => m.ExternalId)])),
      jobs: new Map(),
      customFields: byId(dump.bms.customFields, (f) => f.Id),
      customFieldData: new Map(Object.entries(dump.bms.customFieldData)),
      categories: dump.bms.categories,
      contracts: byId(dump.bms.contracts ?? [], (c) => c.Id),
      tickets: byId(dump.bms.tickets ?? [], (t) => t.Id),
    },
    truth: new Map(Object.entries(dump.truth ?? {}).map(([k, v]) => [String(k), v])),
    nextId: dump.nextId,
  };
}

function listen(app: Hono<Env>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }) as Server;
    server.once('listening', () => resolve(server));
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is already in use: choose another with --port`) : e));
  });
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? '127.0.0.1';
  const seed = opts.seed ?? 1;
  const names = opts.names ?? (opts.namesFile ? readNamesFile(opts.namesFile) : undefined);
  const build = (): SandboxState => {
    if (opts.seedFile) {
      try {
        return loadState(JSON.parse(readFileSync(opts.seedFile, 'utf8')));
      } catch (e) {
        throw new Error(`--seed-file ${opts.seedFile}: ${(e as Error).message}`, { cause: e });
      }
    }
    return generate({ orgs: opts.orgs ?? 200, agents: opts.agents ?? 2000, seed, names, tenantCases: opts.tenantCases });
  };
  let state = build();
  const credentials: Credentials = { ...DEFAULT_CREDENTIALS, ...(opts.credentials ?? {}) };
  const faults: Record<System, FaultState> = { vsa: new FaultState('vsa', seed), bms: new FaultState('bms', seed) };
  const applyFaults = (input: unknown) => {
    const { target, patch } = parseFaultPatch(input);
    const reset = !!(input as { reset?: boolean }).reset;
    for (const t of target) {
      if (reset) faults[t].reset();
      const { capabilities, ...rest } = patch;
      Object.assign(faults[t].faults, rest);
      if (capabilities) faults[t].faults.capabilities = { ...faults[t].faults.capabilities, ...capabilities };
    }
  };
  for (const f of Object.values(faults)) {
    f.capabilityBase = { ...f.capabilityBase, ...(opts.capabilities ?? {}) };
    f.faults.capabilities = { ...f.capabilityBase };
  }
  if (opts.faults) applyFaults(opts.faults);

  const getState = () => state;
  const vsa = vsaApp(getState, faults.vsa, () => credentials);
  const bmsApi = bmsApiApp(getState, faults.bms, () => credentials);
  const pages = pagesApp(getState, opts.pages ?? 'legacy');

  const control = new Hono<Env>();
  control.get('/__sandbox/stats', (c) =>
    c.json({
      vsa: faults.vsa.stats,
      bms: { ...faults.bms.stats, quotaUsed: faults.bms.quotaUse() },
      totals: {
        requests: sum(faults.vsa.stats.requests) + sum(faults.bms.stats.requests),
        writes: faults.vsa.stats.writes + faults.bms.stats.writes,
      },
    }),
  );
  control.get('/__sandbox/data', (c) => c.json(dumpState(state)));
  control.post('/__sandbox/reset', async (c) => {
    const body = (await c.req.text()) || '{}';
    let keepFaults: boolean;
    try {
      keepFaults = !!(JSON.parse(body) as { keepFaults?: boolean }).keepFaults;
    } catch {
      return c.json({ error: 'reset: body must be JSON' }, 400);
    }
    state = build();
    bmsApi.invalidate();
    bmsApi.tokens.clear();
    for (const f of Object.values(faults)) {
      if (keepFaults) f.resetStats();
      else f.reset();
    }
    return c.json({ ok: true });
  });
  control.get('/__sandbox/faults', (c) => c.json({ vsa: faults.vsa.faults, bms: faults.bms.faults }));
  control.post('/__sandbox/faults', async (c) => {
    try {
      applyFaults(JSON.parse((await c.req.text()) || '{}'));
    } catch (e) {
      return c.json({ error: (e as Error).message }, 400);
    }
    return c.json({ vsa: faults.vsa.faults, bms: faults.bms.faults });
  });
  control.post('/__sandbox/stats/reset', (c) => {
    for (const f of Object.values(faults)) f.resetStats();
    return c.json({ ok: true });
  });
  // changes made "in VSA" or "in BMS" by a person, for tests: patch or remove records
  control.patch('/__sandbox/:system/:kind/:id', async (c) => {
    const target = recordMap(state, c.req.param('system'), c.req.param('kind'));
    if (!target) return c.json({ error: `unknown record kind ${c.req.param('system')}/${c.req.param('kind')}` }, 404);
    const id = c.req.param('id');
    const rec = target.get(id) as Record<string, unknown> | undefined;
    if (!rec) return c.json({ error: `no ${c.req.param('kind')} ${id}` }, 404);
    let patch: unknown;
    try {
      patch = JSON.parse(await c.req.text());
    } catch {
      return c.json({ error: 'body must be a JSON object' }, 400);
    }
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return c.json({ error: 'body must be a JSON object' }, 400);
    Object.assign(rec, patch);
    if ('ModifiedOn' in rec && !('ModifiedOn' in (patch as object))) rec.ModifiedOn = new Date().toISOString();
    bmsApi.invalidate();
    return c.json(rec);
  });
  // a reinstalled agent, as VSA shows one: the agent is removed and a new one (new id, same machine, serial,
  // MAC and machine group) checks in; answers the new agent's id
  control.post('/__sandbox/vsa/reinstall/:agentId', (c) => {
    const old = state.vsa.agents.get(c.req.param('agentId'));
    if (!old) return c.json({ error: `no agent ${c.req.param('agentId')}` }, 404);
    state.vsa.agents.delete(old.AgentId);
    const AgentId = nextVsaId(state, 'agent');
    const t = new Date().toISOString();
    state.vsa.agents.set(AgentId, { ...old, AgentId, FirstCheckIn: t, LastCheckInTime: t, LastRebootTime: t, Attributes: { ...old.Attributes } });
    return c.json({ oldAgentId: old.AgentId, newAgentId: AgentId });
  });
  control.delete('/__sandbox/:system/:kind/:id', (c) => {
    const target = recordMap(state, c.req.param('system'), c.req.param('kind'));
    if (!target) return c.json({ error: 'unknown record kind' }, 404);
    const ok = target.delete(c.req.param('id'));
    bmsApi.invalidate();
    return c.json({ deleted: ok }, ok ? 200 : 404);
  });

  const withControl = (app: Hono<Env>) => {
    const root = new Hono<Env>();
    root.route('/', control);
    root.route('/', app);
    return root;
  };

  const base = opts.port ?? 0;
  const servers: Server[] = [];
  try {
    servers.push(await listen(withControl(vsa), base, host));
    servers.push(await listen(withControl(bmsApi.app), base ? base + 1 : 0, host));
    servers.push(await listen(withControl(pages), base ? base + 2 : 0, host));
  } catch (e) {
    for (const s of servers) s.close();
    throw e;
  }
  const url = (s: Server) => `http://${host}:${(s.address() as AddressInfo).port}`;
  return {
    vsaUrl: url(servers[0]),
    bmsApiUrl: url(servers[1]),
    bmsUrl: url(servers[2]),
    state: getState,
    faults,
    credentials,
    reset() {
      state = build();
      bmsApi.invalidate();
      for (const f of Object.values(faults)) f.reset();
    },
    close: () =>
      Promise.all(servers.map((s) => new Promise<void>((r) => {
        s.closeAllConnections?.();
        s.close(() => r());
      }))).then(() => undefined),
  };
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/** the records of one kind, and how its ids are typed (VSA: digit strings, BMS: numbers) */
function recordMap(s: SandboxState, system: string, kind: string): { get(id: string): unknown; delete(id: string): boolean } | null {
  if (system === 'vsa') {
    const m = ({ orgs: s.vsa.orgs, machinegroups: s.vsa.groups, agents: s.vsa.agents } as Record<string, Map<string, unknown>>)[kind];
    return m ? { get: (id) => m.get(id), delete: (id) => m.delete(id) } : null;
  }
  const b = recordMapBms(s, system, kind);
  return b ? { get: (id) => b.get(Number(id)), delete: (id) => b.delete(Number(id)) } : null;
}
function recordMapBms(s: SandboxState, system: string, kind: string): Map<number, unknown> | null {
  if (system === 'bms') return ({ accounts: s.bms.accounts, locations: s.bms.locations, departments: s.bms.departments, contacts: s.bms.contacts, assets: s.bms.assets, customfields: s.bms.customFields } as Record<string, Map<number, unknown>>)[kind] ?? null;
  return null;
}
