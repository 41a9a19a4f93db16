/** Helpers for the UI e2e steps: accessibility checks with axe-core, themes, and the popup's list. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'puppeteer-core';
import { screenshot, sleep, waitFor } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeProblem { id: string; impact: string; help: string; nodes: string[] }

/**
 * Runs axe-core on the page (open shadow roots included) and returns the serious and critical
 * violations. `include` narrows it to a part of the page (an injected panel's host).
 */
export async function axeCheck(page: Page | Frame, include?: string): Promise<AxeProblem[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async (inc) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const res = await axe.run(inc ? { include: [inc] } : document, { resultTypes: ['violations'] });
    return res.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  }, include ?? null);
}

/** our pages follow the OS theme; `data-theme` on the root forces one (same CSS path) */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
  await sleep(50);
}

/** screenshots in light and dark, and the axe result of both */
export async function themedShots(page: Page, name: string): Promise<AxeProblem[]> {
  const out: AxeProblem[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await screenshot(page, `${name}-${theme}`);
    out.push(...(await axeCheck(page)));
  }
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
  return out;
}

export const text = (page: Page, sel: string) => page.$eval(sel, (e) => (e.textContent ?? '').trim());

/** types into an input the way a user does (clears it first) */
export async function typeInto(page: Page, sel: string, value: string): Promise<void> {
  await page.$eval(sel, (e) => {
    (e as HTMLInputElement).value = '';
    e.dispatchEvent(new Event('input', { bubbles: true }));
  });
  if (value) await page.type(sel, value);
}

/** ticks checkboxes in a virtualized list, scrolling down, until `n` are selected */
export async function selectRows(page: Page, scroller: string, n: number): Promise<number> {
  let picked = 0;
  for (let round = 0; round < 200 && picked < n; round++) {
    const boxes = await page.$$(`${scroller} li input[type=checkbox]:not(:checked):not(:disabled)`);
    for (const box of boxes) {
      if (picked >= n) break;
      const visible = await box.isIntersectingViewport().catch(() => false);
      if (!visible) continue;
      await box.click();
      picked++;
    }
    await page.$eval(scroller, (el) => el.scrollBy(0, el.clientHeight - 40));
    await sleep(60);
  }
  return picked;
}

export async function jobState(page: Page): Promise<string | null> {
  return page.$eval('.job', (e) => e.getAttribute('data-state')).catch(() => null);
}

export async function waitJob(page: Page, state: string, timeoutMs = 60000): Promise<string> {
  return (await waitFor(() => jobState(page), (s) => s === state, timeoutMs, `the job to be ${state}`))!;
}
