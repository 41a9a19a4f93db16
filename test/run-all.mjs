#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint, unit tests, both builds and zips, web-ext lint, then the end-to-end
 * tests in real Chromium and Firefox. Every step runs even when an earlier one failed, and the run
 * ends with one summary line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
mkdirSync(`${root}test-output`, { recursive: true });
const only = process.argv.slice(2);

const steps = [
  { name: 'typecheck', cmd: 'npx tsc --noEmit' },
  { name: 'lint', cmd: 'npx eslint .' },
  { name: 'audit', cmd: 'node test/audit-deps.mjs', counts: 'lines' },
  { name: 'unit', cmd: 'npx vitest run --reporter=default --reporter=json --outputFile=test-output/vitest.json', counts: 'vitest' },
  { name: 'build', cmd: 'npx wxt build && npx wxt build -b firefox && npx wxt zip && npx wxt zip -b firefox' },
  { name: 'manifests', cmd: 'node test/check-manifests.mjs', counts: 'lines' },
  { name: 'web-ext lint', cmd: 'npx web-ext lint -s .output/firefox-mv3 --self-hosted --no-input --output text' },
  { name: 'sandbox build', cmd: 'npx wxt build --mode sandbox && npx wxt build -b firefox --mode sandbox' },
  { name: 'e2e', cmd: 'npx tsx test/e2e/run.ts', counts: 'lines' },
  // the popup's import, export, clear/link/undo again on a tenant that still has BMS's mapping store
  { name: 'e2e store', cmd: 'npx tsx test/e2e/run.ts --mapping-store present --only "popup:"', counts: 'lines' },
  { name: 'chaos', cmd: 'npx tsx test/e2e/chaos.ts', counts: 'chaos' },
  { name: 'cli chaos', cmd: 'npx tsx test/e2e/cli-chaos.ts', counts: 'chaos' },
].filter((s) => !only.length || only.includes(s.name));

let passed = 0;
let failed = 0;
const results = [];
for (const step of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${step.name}: ${step.cmd}`);
  const r = spawnSync(step.cmd, { shell: true, cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  const ok = r.status === 0;
  let p = ok ? 1 : 0;
  let f = ok ? 0 : 1;
  if (step.counts === 'vitest' && existsSync(`${root}test-output/vitest.json`)) {
    const j = JSON.parse(readFileSync(`${root}test-output/vitest.json`, 'utf8'));
    p = j.numPassedTests;
    f = j.numFailedTests + (ok || j.numFailedTests ? 0 : 1);
  } else if (step.counts === 'lines' || step.counts === 'chaos') {
    const m = /(\d+) passed, (\d+) failed\s*$/m.exec((r.stdout ?? '').trim().split('\n').filter((l) => !l.startsWith('{')).join('\n'));
    if (m) {
      p = Number(m[1]);
      f = Number(m[2]) + (ok || Number(m[2]) ? 0 : 1);
    }
  }
  passed += p;
  failed += f;
  results.push({ name: step.name, ok, p, f, s: ((Date.now() - t0) / 1000).toFixed(1) });
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(14)} ${String(r.p).padStart(4)} passed ${String(r.f).padStart(3)} failed  ${r.s} s`);
console.log(`summary: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
