/**
 * npm run bench -- <name> [--json]: benchmarks that print ratios measured side by side in one run.
 * With --json the last line printed is one JSON object of the figures.
 */
import { parseArgs } from 'node:util';
import { benchMatch } from './match';
import { benchSync } from './sync';
import { benchUi } from './ui';
import { benchPanels } from './panels';
import { benchPairs } from './pairs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean', default: false }, orgs: { type: 'string' }, sample: { type: 'string' }, runs: { type: 'string' }, file: { type: 'string' } } });
const name = positionals[0] ?? 'match';
const AVAILABLE: Record<string, () => Promise<unknown>> = {
  match: () => benchMatch({ json: values.json, orgs: Number(values.orgs ?? 10000), sample: Number(values.sample ?? 300), runs: Number(values.runs ?? 7) }),
  sync: () => benchSync({ json: values.json }),
  ui: () => benchUi({ json: values.json }),
  panels: () => benchPanels({ json: values.json }),
  pairs: () => benchPairs({ json: values.json, file: values.file }),
};
const run = AVAILABLE[name];
if (!run) {
  console.error(`bench: "${name}" is not built yet; available: ${Object.keys(AVAILABLE).join(', ')}`);
  process.exit(2);
}
await run();
