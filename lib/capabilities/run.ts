/**
 * Runs the probe with real clients built from connection details and secrets: used by the
 * background's connection service (Test connection, saving connections) and by `npm run smoke`.
 * Its own clients, with few retries: a probe reports what it sees rather than waiting out a storm.
 */
import type { z } from 'zod';
import { bmsLegacyLogin } from '../bms/legacy-token';
import { BmsClient } from '../bms/client';
import type { FetchFn } from '../http/fetch';
import { VsaClient } from '../vsa/client';
import { probeTenant, type ProbeTarget } from './probe';
import type { CapabilityRecord } from './types';

export interface ProbeConnections {
  vsa: { url: string; user: string; secret: string; method: 'token' | 'password' } | null;
  bms: { url: string; tenant: string; user: string; password: string } | null;
}

export function probeTarget(fetch: FetchFn, c: ProbeConnections, opts: { retries?: number; now?: () => number } = {}): ProbeTarget & { clients: { vsa: VsaClient | null; bms: BmsClient | null } } {
  const retries = opts.retries ?? 1;
  const vsa = c.vsa ? new VsaClient({ fetch, credentials: { baseUrl: c.vsa.url, user: c.vsa.user, secret: c.vsa.secret, method: c.vsa.method }, retries }) : null;
  const bms = c.bms ? new BmsClient({ fetch, credentials: { baseUrl: c.bms.url, tenant: c.bms.tenant, user: c.bms.user, password: c.bms.password }, retries }) : null;
  const b = c.bms;
  return {
    vsaUrl: c.vsa?.url ?? null,
    bmsUrl: c.bms?.url ?? null,
    tenant: c.bms?.tenant ?? null,
    now: opts.now,
    clients: { vsa, bms },
    vsa: vsa && c.vsa ? {
      method: c.vsa.method,
      login: async () => { await vsa.session.header(); },
      orgs: async (max) => {
        const out: { CustomFields?: { FieldName: string }[] | null }[] = [];
        for await (const o of vsa.orgs()) if (out.push(o) >= max) break;
        return out;
      },
    } : undefined,
    bms: bms && b ? {
      login: async () => { await bms.auth.header(); },
      get: async (path, endpoint, schema, query) => (await bms.http.request({ method: 'GET', path, endpoint, schema, query })) as z.infer<typeof schema>,
      legacyLogin: async () => { await bmsLegacyLogin(fetch, b.url, b.tenant, b.user, b.password); },
    } : undefined,
  };
}

export function probeConnections(fetch: FetchFn, c: ProbeConnections, opts: { retries?: number; now?: () => number } = {}): Promise<CapabilityRecord> {
  return probeTenant(probeTarget(fetch, c, opts));
}
