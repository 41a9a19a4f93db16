#!/usr/bin/env node
/**
 * Bundles the command line (lib/cli/sync.ts and the engine it drives) into dist/cli.mjs for the
 * packed package (`npm pack` runs this as prepack): one ES module for Node 20, with LMDB (a native
 * module, prebuilt inside its registry packages) left to the package's dependencies.
 */
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
await build({
  entryPoints: [`${root}lib/cli/sync.ts`],
  outfile: `${root}dist/cli.mjs`,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['lmdb'],
  alias: { '@': root.replace(/\/$/, '') },
  // some bundled CommonJS (papaparse) calls require(): give the module one
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
console.log('bundle-cli: dist/cli.mjs');
