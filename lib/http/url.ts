/** Normalizes what admins type as a server address. */
export function normalizeBaseUrl(input: string, stripPaths: RegExp[] = []): string {
  const u = new URL(input.trim());
  let path = u.pathname.replace(/\/+$/, '');
  for (const re of stripPaths) path = path.replace(re, '');
  return `${u.protocol}//${u.host}${path}`;
}

/** The match pattern that grants host access to the server of `url` (any port, as match patterns do). */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

export function originOf(url: string): string {
  return new URL(url).origin;
}

/** https://api.bms.kaseya.com → https://bms.kaseya.com (the web UI next to the API host). */
export function guessBmsWebUrl(apiUrl: string): string {
  const u = new URL(apiUrl);
  const host = u.hostname.startsWith('api.') ? u.hostname.slice(4) : u.hostname;
  return `${u.protocol}//${host}${u.port ? `:${u.port}` : ''}`;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Plain http:// is allowed only for a loopback server, and only where the sandbox runs: the
 * sandbox build, the tests and the Node command-line tools. The shipped build speaks https only (LOW-1).
 */
export function loopbackHttpAllowed(): boolean {
  const env = (import.meta as { env?: { MODE?: string } }).env;
  return !env?.MODE || env.MODE === 'sandbox' || env.MODE === 'test';
}

/** why this address may not carry credentials, or null when it may */
export function insecureUrlProblem(url: string, allowLoopbackHttp = loopbackHttpAllowed()): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url}" is not a full address`;
  }
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && allowLoopbackHttp && LOOPBACK.test(u.hostname)) return null;
  if (u.protocol === 'http:') return `${u.origin} is not encrypted (http://): use its https:// address`;
  return `${u.protocol} addresses are not supported: use https://`;
}
