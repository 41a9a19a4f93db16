#!/usr/bin/env node
/**
 * Makes a fresh machine ready: npm packages (npm ci, never a browser download) and Debian's
 * Chromium and Firefox ESR (apt-get when run as root; otherwise says exactly what to install).
 * Uses Node's built-ins only, so it runs before anything is installed.
 *
 *   node test/bootstrap.mjs [--browsers chromium,firefox|chromium|none]
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const arg = process.argv.indexOf('--browsers');
const wanted = (arg > 0 ? process.argv[arg + 1] : 'chromium,firefox').split(',').filter((b) => b && b !== 'none');

function run(cmd, env = {}) {
  console.log(`bootstrap: ${cmd}`);
  const r = spawnSync(cmd, { shell: true, stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`bootstrap: "${cmd}" failed (exit ${r.status}).`);
    process.exit(r.status || 1);
  }
}

// 1. npm packages
const lock = `${root}package-lock.json`;
const marker = `${root}node_modules/.package-lock.json`;
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  run('npm ci --no-audit --no-fund', { PUPPETEER_SKIP_DOWNLOAD: '1' });
}

// 2. browsers from Debian
const BROWSERS = {
  chromium: { env: 'BVS_CHROMIUM', paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'], pkg: 'chromium' },
  firefox: { env: 'BVS_FIREFOX', paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox'], pkg: 'firefox-esr' },
};
const missing = wanted.filter((b) => {
  const spec = BROWSERS[b];
  if (!spec) {
    console.error(`bootstrap: unknown browser "${b}"`);
    process.exit(2);
  }
  return !(process.env[spec.env] && existsSync(process.env[spec.env])) && !spec.paths.some((p) => existsSync(p));
});
if (missing.length) {
  const pkgs = missing.map((b) => BROWSERS[b].pkg).join(' ');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let hasApt;
  try {
    execSync('command -v apt-get', { stdio: 'ignore' });
    hasApt = true;
  } catch {
    hasApt = false;
  }
  if (isRoot && hasApt) {
    run('apt-get update -qq');
    run(`apt-get install -y -qq --no-install-recommends ${pkgs}`, { DEBIAN_FRONTEND: 'noninteractive' });
  } else {
    console.error(`bootstrap: the tests need ${missing.join(' and ')} from Debian. Install them with:\n\n    sudo apt-get install -y ${pkgs}\n`);
    console.error(`or point ${missing.map((b) => BROWSERS[b].env).join(' / ')} at a browser binary of your own.`);
    process.exit(1);
  }
}
