/**
 * The background's connection service: save connections (secrets into the secret store), test
 * them with a real login, and report their state. Pure of UI; its browser dependencies are passed in.
 */
import type { ConnectionState, Reply, Request } from './messages';
import { MessageError } from './messages';
import { bmsBaseUrl, bmsLogin } from './bms/auth';
import { probeConnections } from './capabilities/run';
import { probeKey, type CapabilityRecord } from './capabilities/types';
import { diagnose } from './http/diagnose';
import type { FetchFn } from './http/fetch';
import { guessBmsWebUrl, originPattern } from './http/url';
import { vsaBaseUrl, vsaLogin } from './vsa/auth';
import type { BmsConnection, Connections, SecretKey, VsaConnection } from './store/connections';
import { secretHint } from './store/connections';

export interface ConnectionDeps {
  fetch: FetchFn;
  load(): Promise<Connections>;
  save(c: Connections): Promise<void>;
  getSecret(k: SecretKey): Promise<string | null>;
  setSecret(k: SecretKey, v: string | null): Promise<void>;
  hasPermission(pattern: string): Promise<boolean>;
  onSaved?(c: Connections): Promise<void>;
  now?: () => number;
  /** where capability records are kept (lib/store/capabilities.ts); without it nothing is probed */
  capabilities?: { load(key: string): Promise<CapabilityRecord | null>; save(rec: CapabilityRecord): Promise<void> };
}

export class ConnectionService {
  private last: Partial<Record<SecretKey, ConnectionState>> = {};
  private probing: Promise<CapabilityRecord | null> | null = null;
  constructor(private deps: ConnectionDeps) {}

  /**
   * Probes what the saved tenant supports (contract §9), read-only, and stores the record under its
   * key. Run when connections are saved and by Test connection; one probe at a time (a second call
   * gets the one in flight). Null when neither system is set up.
   */
  probe(): Promise<CapabilityRecord | null> {
    this.probing ??= (async () => {
      try {
        const c = await this.deps.load();
        if (!c.vsa && !c.bms) return null;
        const [vs, bs] = await Promise.all([c.vsa ? this.deps.getSecret('vsa') : null, c.bms ? this.deps.getSecret('bms') : null]);
        const rec = await probeConnections(this.deps.fetch, {
          vsa: c.vsa && vs ? { url: c.vsa.url, user: c.vsa.user, secret: vs, method: c.vsa.method } : null,
          bms: c.bms && bs ? { url: c.bms.url, tenant: c.bms.tenant, user: c.bms.user, password: bs } : null,
        }, { now: () => this.now() });
        // a system set up without its secret still keys the record
        const keyed = { ...rec, vsaUrl: c.vsa?.url ?? null, bmsUrl: c.bms?.url ?? null, tenant: c.bms?.tenant ?? null, key: probeKey(c.vsa?.url ?? null, c.bms?.url ?? null, c.bms?.tenant ?? null) };
        await this.deps.capabilities?.save(keyed);
        return keyed;
      } finally {
        this.probing = null;
      }
    })();
    return this.probing;
  }

  /** the stored record of the saved tenant (waits for a probe in flight); null when never probed */
  async capabilities(): Promise<CapabilityRecord | null> {
    if (this.probing) await this.probing.catch(() => null);
    const c = await this.deps.load();
    if (!c.vsa && !c.bms) return null;
    return (await this.deps.capabilities?.load(probeKey(c.vsa?.url ?? null, c.bms?.url ?? null, c.bms?.tenant ?? null))) ?? null;
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  async get(): Promise<Reply<'connections.get'>> {
    const c = await this.deps.load();
    const vs = c.vsa ? await this.deps.getSecret('vsa') : null;
    const bs = c.bms ? await this.deps.getSecret('bms') : null;
    return {
      vsa: c.vsa ? { ...c.vsa, hasSecret: !!vs, secretHint: secretHint(vs) } : null,
      bms: c.bms ? { ...c.bms, hasSecret: !!bs, secretHint: secretHint(bs) } : null,
    };
  }

  async save(req: Request<'connections.save'>): Promise<Reply<'connections.save'>> {
    const prev = await this.deps.load();
    const next: Connections = { vsa: null, bms: null };
    if (req.vsa) {
      const vsa: VsaConnection = { url: vsaBaseUrl(req.vsa.url), user: req.vsa.user.trim(), method: req.vsa.method };
      const secret = req.vsa.secret ? req.vsa.secret : (await this.deps.getSecret('vsa'));
      if (!secret) throw new MessageError(`Enter the VSA ${vsa.method === 'token' ? 'access token' : 'password'}.`, 'bad-request');
      // a changed user or server never inherits the old secret silently
      if (!req.vsa.secret && prev.vsa && (prev.vsa.url !== vsa.url || prev.vsa.user !== vsa.user || prev.vsa.method !== vsa.method)) {
        throw new MessageError(`The VSA server, user or sign-in method changed: enter the ${vsa.method === 'token' ? 'access token' : 'password'} again.`, 'bad-request');
      }
      if (req.vsa.secret) await this.deps.setSecret('vsa', req.vsa.secret);
      next.vsa = vsa;
    } else {
      await this.deps.setSecret('vsa', null);
    }
    if (req.bms) {
      const url = bmsBaseUrl(req.bms.url);
      const bms: BmsConnection = { url, webUrl: req.bms.webUrl ? new URL(req.bms.webUrl).origin : guessBmsWebUrl(url), tenant: req.bms.tenant.trim(), user: req.bms.user.trim() };
      const secret = req.bms.password ? req.bms.password : await this.deps.getSecret('bms');
      if (!secret) throw new MessageError('Enter the BMS password.', 'bad-request');
      if (!req.bms.password && prev.bms && (prev.bms.url !== bms.url || prev.bms.user !== bms.user || prev.bms.tenant !== bms.tenant)) {
        throw new MessageError('The BMS server, company or user changed: enter the password again.', 'bad-request');
      }
      if (req.bms.password) await this.deps.setSecret('bms', req.bms.password);
      next.bms = bms;
    } else {
      await this.deps.setSecret('bms', null);
    }
    await this.deps.save(next);
    this.last = {};
    await this.deps.onSaved?.(next);
    // what the tenant supports is checked again for the saved connections (not awaited: capabilities() waits for it)
    if (this.deps.capabilities) void this.probe().catch((e) => console.warn('[bms-vsa-sync] capability probe failed:', e));
    return { ok: true };
  }

  private state(system: SecretKey, state: ConnectionState['state'], code: ConnectionState['code'], message: string): ConnectionState {
    const s: ConnectionState = { system, state, code, message, checkedAt: this.now() };
    this.last[system] = s;
    return s;
  }

  async test(system: SecretKey): Promise<ConnectionState> {
    const c = await this.deps.load();
    const conn = c[system];
    const label = system === 'vsa' ? 'Kaseya VSA' : 'Kaseya BMS';
    if (!conn) return this.state(system, 'not-configured', 'not-configured', `${label} is not set up yet. Open the settings to connect it.`);
    const secret = await this.deps.getSecret(system);
    if (!secret) return this.state(system, 'not-configured', 'not-configured', `${label} has no ${system === 'vsa' ? 'password or access token' : 'password'} saved.`);
    const origins = [originPattern(conn.url)];
    for (const o of origins) {
      if (!(await this.deps.hasPermission(o))) {
        return this.state(system, 'no-permission', 'no-permission', `The extension may not contact ${new URL(conn.url).host} yet. Save the settings again and allow access.`);
      }
    }
    try {
      if (system === 'vsa') {
        const v = conn as VsaConnection;
        await vsaLogin(this.deps.fetch, v.url, v.user, secret, v.method);
      } else {
        const b = conn as BmsConnection;
        await bmsLogin(this.deps.fetch, b.url, b.tenant, b.user, secret);
      }
      return this.state(system, 'ok', 'ok', `Connected to ${label} at ${new URL(conn.url).host} as ${conn.user}.`);
    } catch (e) {
      const d = diagnose(system, conn.url, e);
      return this.state(system, 'error', d.code === 'ok' ? 'unknown' : d.code, d.message);
    }
  }

  /** The last known state of each connection; tests again when asked to, or when never tested. */
  async status(refresh = false): Promise<Reply<'connections.status'>> {
    const out = {} as Reply<'connections.status'>;
    for (const system of ['vsa', 'bms'] as const) {
      const known = this.last[system];
      out[system] = !refresh && known ? known : await this.test(system);
    }
    return out;
  }
}
