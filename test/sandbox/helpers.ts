/** Small HTTP helpers for tests that talk to the sandbox the way a client would (no product code). */
import { createHash } from 'node:crypto';
import type { Sandbox } from './server';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

export function vsaPasswordHeader(user: string, password: string, nonce = '4711'): string {
  const pass2 = sha256(sha256(password + user) + nonce);
  const pass1 = sha1(sha1(password + user) + nonce);
  const raw = `user=${user},pass2=${pass2},pass1=${pass1},rpass2=${sha256(password)},rpass1=${sha1(password)},rand2=${nonce}`;
  return `Basic ${Buffer.from(raw).toString('base64')}`;
}

export async function vsaToken(sb: Sandbox): Promise<string> {
  const r = await fetch(`${sb.vsaUrl}/api/v1.0/auth`, { headers: { Authorization: `Basic ${Buffer.from('admin:sandbox-token').toString('base64')}` } });
  const body = (await r.json()) as { Result: { Token: string } };
  return body.Result.Token;
}

/** BMS answers camelCase by default (v3) or PascalCase (knob): tests read both as PascalCase */
export function pascal<T = unknown>(body: unknown): T {
  if (Array.isArray(body)) return body.map((x) => pascal(x)) as T;
  if (body === null || typeof body !== 'object') return body as T;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k ? k[0].toUpperCase() + k.slice(1) : k, pascal(v)])) as T;
}

/** a BMS answer's JSON with its keys PascalCase */
export async function bmsJson<T = unknown>(r: Response): Promise<T> {
  const text = await r.text();
  return pascal<T>(text ? JSON.parse(text) : undefined);
}

export async function bmsToken(sb: Sandbox): Promise<string> {
  const r = await fetch(`${sb.bmsApiUrl}/v2/security/authenticate`, {
    method: 'POST',
    body: new URLSearchParams({ GrantType: 'password', UserName: 'admin', Password: 'sandbox', Tenant: 'sandbox' }),
  });
  const body = await bmsJson<{ Result: { AccessToken: string } }>(r);
  return body.Result.AccessToken;
}

export async function setFaults(sb: Sandbox, faults: Record<string, unknown>): Promise<void> {
  const r = await fetch(`${sb.vsaUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(faults) });
  if (!r.ok) throw new Error(`faults: ${await r.text()}`);
}
