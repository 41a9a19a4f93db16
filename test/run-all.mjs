#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint, unit tests, both builds and zips, web-ext lint, the end-to-end tests
 * in real Chromium and Firefox, and the two chaos tests. Every step runs even when an earlier one
 * failed, and the run ends with one summary line (the steps in the order below, each with its counts
 * and seconds) and exits non-zero when anything failed.
 *
 * What runs beside what, so the run fits a 2-core machine's time:
 *   1. first, alone, one after another: the build and zips, manifests, web-ext lint, the sandbox
 *      build (the e2e and the browser chaos test load it). Nothing else runs yet, so nothing writes into
 *      the project while the zips (the Firefox one packs the sources) are made;
 *   2. then three lanes side by side, each one step after another:
 *      - checks: typecheck, lint, audit, unit, e2e store;
 *      - e2e: the e2e, the longest step, so it starts as early as it can;
 *      - chaos: chaos, then cli chaos.
 *   Measured on 2 cores (CPU seconds of the step's process tree, sampled from /proc, against wall
 *   seconds), these steps mostly wait, not compute: e2e ~180 of 670, chaos ~31 of 514, cli chaos ~9 of
 *   65, unit ~98 of 158, e2e store ~51 of 153. The e2e and the chaos jobs go at the pace the product's
 *   clients keep to (BMS's and VSA's rate limits) and wait for the browser, the worker and the sandbox;
 *   the unit tests run in one worker (vitest keeps one core free on 2). So side by side they cost each
 *   other little, and the run takes about as long as the e2e. They share nothing: every sandbox
 *   listens on a port of its own (port 0), every browser has a profile directory of its own (a new
 *   temporary one), the e2e store's screenshots go to test-output/mapping-store/, cli chaos bundles
 *   dist/cli.mjs (which no other step reads) and packs and runs in a temporary directory, and the
 *   builds they load are made in step 1.
 * Each step's output (stdout and stderr) is kept and printed whole, under its `=== name: command`
 * header, when the step ends, so the lanes never interleave line by line.
 *
 *   node test/run-all.mjs [step name ...]   (only those steps, e.g. `node test/run-all.mjs unit chaos`)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
mkdirSync(`${root}test-output`, { recursive: true });
const only = process.argv.slice(2);

// lane: 'first' steps run before the others, alone; then the 'checks', 'e2e' and 'chaos' lanes run side by side
const LANES = ['checks', 'e2e', 'chaos'];
const steps = [
  { name: 'typecheck', lane: 'checks', cmd: 'npx tsc --noEmit' },
  { name: 'lint', lane: 'checks', cmd: 'npx eslint .' },
  { name: 'audit', lane: 'checks', cmd: 'node test/audit-deps.mjs', counts: 'lines' },
  { name: 'unit', lane: 'checks', cmd: 'npx vitest run --reporter=default --reporter=json --outputFile=test-output/vitest.json', counts: 'vitest' },
  { name: 'build', lane: 'first', cmd: 'npx wxt build && npx wxt build -b firefox && npx wxt zip && npx wxt zip -b firefox' },
  { name: 'manifests', lane: 'first', cmd: 'node test/check-manifests.mjs', counts: 'lines' },
  { name: 'web-ext lint', lane: 'first', cmd: 'npx web-ext lint -s .output/firefox-mv3 --self-hosted --no-input --output text' },
  { name: 'sandbox build', lane: 'first', cmd: 'npx wxt build --mode sandbox && npx wxt build -b firefox --mode sandbox' },
  { name: 'e2e', lane: 'e2e', cmd: 'npx tsx test/e2e/run.ts', counts: 'lines' },
  // the popup's import, export, clear/link/undo again on a tenant that still has BMS's mapping store
  { name: 'e2e store', lane: 'checks', cmd: 'npx tsx test/e2e/run.ts --mapping-store present --only "popup:"', counts: 'lines' },
  { name: 'chaos', lane: 'chaos', cmd: 'npx tsx test/e2e/chaos.ts', counts: 'chaos' },
  { name: 'cli chaos', lane: 'chaos', cmd: 'npx tsx test/e2e/cli-chaos.ts', counts: 'chaos' },
].filter((s) => !only.length || only.includes(s.name));

const tStart = Date.now();
const since = () => `${Math.round((Date.now() - tStart) / 1000)} s`;

/** runs one step with its output kept (stdout alone for the counts; stdout and stderr together, in order, for the log) */
function run(step) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    console.log(`--- ${step.name}: started at ${since()} (${step.lane} lane)`);
    const child = spawn(step.cmd, { shell: true, cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    const out = [];
    const log = [];
    child.stdout.on('data', (d) => {
      out.push(d);
      log.push(d);
    });
    child.stderr.on('data', (d) => log.push(d));
    child.on('error', (e) => log.push(Buffer.from(`run-all: could not start "${step.cmd}": ${e.message}\n`)));
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const text = Buffer.concat(log).toString('utf8');
      process.stdout.write(`\n=== ${step.name}: ${step.cmd}\n${text}${text.endsWith('\n') || !text ? '' : '\n'}`);
      resolve(score(step, code === 0, stdout, ((Date.now() - t0) / 1000).toFixed(1)));
    });
  });
}

/** a step's passed/failed counts: from vitest's JSON, from its closing "N passed, M failed" line, or 1/0 by exit code */
function score(step, ok, stdout, s) {
  let p = ok ? 1 : 0;
  let f = ok ? 0 : 1;
  if (step.counts === 'vitest' && existsSync(`${root}test-output/vitest.json`)) {
    const j = JSON.parse(readFileSync(`${root}test-output/vitest.json`, 'utf8'));
    p = j.numPassedTests;
    f = j.numFailedTests + (ok || j.numFailedTests ? 0 : 1);
  } else if (step.counts === 'lines' || step.counts === 'chaos') {
    const m = /(\d+) passed, (\d+) failed\s*$/m.exec(stdout.trim().split('\n').filter((l) => !l.startsWith('{')).join('\n'));
    if (m) {
      p = Number(m[1]);
      f = Number(m[2]) + (ok || Number(m[2]) ? 0 : 1);
    }
  }
  return { name: step.name, ok, p, f, s };
}

async function lane(name) {
  const rs = [];
  for (const step of steps.filter((s) => s.lane === name)) rs.push(await run(step));
  return rs;
}

const results = [...(await lane('first')), ...(await Promise.all(LANES.map(lane))).flat()];
results.sort((a, b) => steps.findIndex((s) => s.name === a.name) - steps.findIndex((s) => s.name === b.name));
const passed = results.reduce((a, r) => a + r.p, 0);
const failed = results.reduce((a, r) => a + r.f, 0);

console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(14)} ${String(r.p).padStart(4)} passed ${String(r.f).padStart(3)} failed  ${r.s} s`);
console.log(`wall: ${since()}`);
console.log(`summary: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
