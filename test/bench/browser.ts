/** The benchmarks' browser: Debian's Chromium with the sandbox build, connected to a sandbox. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Sandbox } from '../sandbox/server';
import { launch, type Launched } from '../e2e/browsers';
import { fillConnections, openOptions, saveConnections } from '../e2e/flows';

export const EXT = '.output/chrome-mv3-sandbox';

export async function connectedChromium(sb: Sandbox) {
  if (!existsSync(`${EXT}/manifest.json`)) execFileSync('npx', ['wxt', 'build', '--mode', 'sandbox'], { stdio: 'inherit' });
  const b: Launched = await launch('chromium', EXT);
  const o = await openOptions(b);
  await fillConnections(o, sb);
  await saveConnections(o);
  await o.close();
  const page = await b.browser.newPage();
  // tsx names inner functions with a helper the page does not have
  await page.evaluateOnNewDocument('globalThis.__name = (f) => f');
  return { b, page };
}
