/** A tiny harness for the browser tests: named checks, "ok -"/"not ok -" lines, a closing count. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';

/** where screenshots go: run.ts gives a --mapping-store present run a folder of its own, as npm test runs it beside the other */
export let OUT = join(process.cwd(), 'test-output');
export function setOutputDir(dir: string): void {
  OUT = dir;
}

export class Harness {
  passed = 0;
  failed = 0;
  failures: string[] = [];
  constructor(readonly prefix: string) {}

  ok(cond: unknown, what: string, detail?: unknown): void {
    if (cond) {
      this.passed++;
      console.log(`ok - ${this.prefix}: ${what}`);
    } else {
      this.failed++;
      const line = `${this.prefix}: ${what}${detail !== undefined ? ` (got ${JSON.stringify(detail)})` : ''}`;
      this.failures.push(line);
      console.log(`not ok - ${line}`);
    }
  }

  /** `--only TEXT` (run.ts): run only the steps whose name contains TEXT, plus the steps that set up (`always`) */
  static only: string | null = null;

  /** runs one step; an exception fails that step with its message and the run goes on */
  async step(what: string, fn: () => Promise<void>, always = false): Promise<void> {
    if (Harness.only && !always && !what.includes(Harness.only)) {
      console.log(`# skipped (--only): ${this.prefix}: ${what}`);
      return;
    }
    const t0 = Date.now();
    try {
      await fn();
    } catch (e) {
      this.ok(false, `${what}: ${(e as Error).message.split('\n')[0]}`);
    }
    console.log(`# ${this.prefix}: ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `${name}.png`) as `${string}.png`;
  await page.screenshot({ path });
  return path;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10000, what = 'condition'): Promise<T> {
  const t0 = Date.now();
  let last: T | undefined;
  let lastErr: unknown;
  while (Date.now() - t0 < timeoutMs) {
    try {
      last = await fn();
      if (ok(last)) return last;
    } catch (e) {
      lastErr = e;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(last)}${lastErr ? `, last error ${(lastErr as Error).message}` : ''}`);
}
