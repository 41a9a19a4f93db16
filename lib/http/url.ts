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
