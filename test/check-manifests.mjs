#!/usr/bin/env node
/**
 * The shipped (production) builds grant no host and carry their minimum browser versions; their zips
 * are named for the production mode, so a sandbox zip cannot pass for one. Run after `wxt build`
 * and `wxt zip` for both browsers (a step of `npm test`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const problems = [];
let checks = 0;
const check = (ok, what) => {
  checks++;
  if (!ok) problems.push(what);
};
for (const dir of ['chrome-mv3', 'firefox-mv3']) {
  const file = `${root}.output/${dir}/manifest.json`;
  check(existsSync(file), `${file} is missing: build first`);
  if (!existsSync(file)) continue;
  const m = JSON.parse(readFileSync(file, 'utf8'));
  check((m.host_permissions ?? []).length === 0, `${dir}: host_permissions must be empty, is ${JSON.stringify(m.host_permissions)}`);
  check(!(m.content_scripts ?? []).length, `${dir}: no content_scripts in the manifest (registered at run time for the one BMS origin)`);
  check(!/127\.0\.0\.1|localhost/.test(JSON.stringify(m)), `${dir}: the manifest names a loopback host`);
  check((m.permissions ?? []).every((p) => !p.includes('://')), `${dir}: a host in permissions`);
  if (dir.startsWith('chrome')) check(Number(m.minimum_chrome_version) >= 116, `${dir}: minimum_chrome_version must be at least 116 (AbortSignal.any), is ${m.minimum_chrome_version}`);
  else check(Number.parseFloat(m.browser_specific_settings?.gecko?.strict_min_version ?? '0') >= 140, `${dir}: strict_min_version must be at least 140`);
}
const zips = existsSync(`${root}.output`) ? readdirSync(`${root}.output`).filter((f) => f.endsWith('.zip')) : [];
for (const b of ['chrome', 'firefox']) check(zips.some((z) => z.endsWith(`-${b}-production.zip`)), `no production zip for ${b} in .output (${zips.join(', ') || 'none'})`);
check(zips.every((z) => !/-sandbox\.zip$/.test(z) || !/-production\.zip$/.test(z)), 'a zip is named both sandbox and production');
for (const p of problems) console.log(`FAIL ${p}`);
console.log(`${checks - problems.length} passed, ${problems.length} failed`);
process.exit(problems.length ? 1 : 0);
