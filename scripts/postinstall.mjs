#!/usr/bin/env node
// In the repository, prepares WXT's types (wxt prepare). Installed as a package (npx bms-vsa-sync),
// there is no extension to prepare: nothing to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
if (existsSync(`${root}wxt.config.ts`)) {
  const r = spawnSync('npx', ['wxt', 'prepare'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
}
