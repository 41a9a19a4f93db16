#!/usr/bin/env node
/** `npm run demo`: install what a fresh machine lacks (npm packages, Debian's Chromium), then run the demo. */
import { spawnSync } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;
const boot = spawnSync(process.execPath, [`${root}test/bootstrap.mjs`, '--browsers', 'chromium'], { stdio: 'inherit' });
if (boot.status !== 0) process.exit(boot.status ?? 1);
const r = spawnSync('npx', ['tsx', 'test/demo/demo.ts', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
