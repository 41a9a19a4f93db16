#!/usr/bin/env node
// bms-vsa-sync sync <job> [options]: the jobs of the extension from the command line (see README, "Command line")
import { main } from '../dist/cli.mjs';

const [word, ...rest] = process.argv.slice(2);
if (word === 'sync') await main(rest);
else await main(word === undefined ? ['help'] : [word, ...rest]);
