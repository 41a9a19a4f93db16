/**
 * npm run bench -- <name> [--json]: benchmarks that print ratios measured side by side in one run.
 * With --json the last line printed is one JSON object of the figures. `sync --part records,bulk` runs
 * only those parts of the sync bench (import, bulk, records, worker).
 */
import { parseArgs } from 'node:util';
import { benchMatch } from './match';
import { benchSync, SYNC_PARTS } from './sync';
import { benchUi } from './ui';
import { benchPanels } from './panels';
import { benchPairs } from './pairs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean', default: false }, orgs: { type: 'string' }, sample: { type: 'string' }, runs: { type: 'string' }, file: { type: 'string' }, part: { type: 'string' } } });
const name = positionals[0] ?? 'match';
const AVAILABLE: Record<string, () => Promise<unknown>> = {
  match: () => benchMatch({ json: values.json, orgs: Number(values.orgs ?? 10000), sample: Number(values.sample ?? 300), runs: Number(values.runs ?? 7) }),
  sync: () => {
    const parts = values.part?.split(',').map((p) => p.trim()).filter(Boolean) ?? [];
    const unknown = parts.filter((p) => !(SYNC_PARTS as readonly string[]).includes(p));
    if (unknown.length) {
      console.error(`bench sync: no part "${unknown.join(', ')}"; parts: ${SYNC_PARTS.join(', ')}`);
      process.exit(2);
    }
    return benchSync({ json: values.json, parts });
  },
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
