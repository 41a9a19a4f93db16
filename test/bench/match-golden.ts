/**
 * npx tsx test/bench/match-golden.ts save|check [file]
 *
 * The matcher's whole output (every org's suggestion: account, confidence, decision, reason and its
 * arguments, hold, signals, runner-up) on the name sets `bench -- match` times (forms sets A and B,
 * 10,000 × 10,000) and on the sandbox data `bench -- sync` starts (seeds 5, 6 and 7, with OrgRef /
 * AccountCode and domains as the sync passes them), and the top five of `AccountIndex.rank` (the
 * overview's reverse lookup: an account's name among the orgs) for a sample of names. `save` writes
 * it to `file` (default /tmp/match-golden.jsonl, one line per suggestion; not kept in the
 * repository: it is generated); `check` recomputes it and lists the first differences, so a change
 * made for speed can be shown to change no suggestion.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { AccountIndex, matchAll, type NamedRecord } from '@/lib/mapping/match';
import { accountSignals, orgRecord } from '@/lib/sync/match-input';
import { generate } from '../sandbox/seed';
import { setA } from '../unit/mapping/forms/set-a';
import { setB } from '../unit/mapping/forms/set-b';

/** the sandbox's data as `bench -- sync` starts it (agents too: they are drawn before the accounts) */
function sandboxSet(orgs: number, agents: number, seed: number): { orgs: NamedRecord[]; accounts: NamedRecord[] } {
  const s = generate({ orgs, agents, seed });
  return {
    orgs: [...s.vsa.orgs.values()].map((o) => orgRecord({ ...o, OrgId: String(o.OrgId) })),
    accounts: [...s.bms.accounts.values()].map((a) => {
      const sig = accountSignals(a as unknown as Record<string, unknown>);
      return { id: String(a.Id), name: a.AccountName, ref: sig.code, domains: sig.domains };
    }),
  };
}

function lines(): string[] {
  const out: string[] = [];
  const sets: [string, { orgs: NamedRecord[]; accounts: NamedRecord[] }][] = [
    ['formsA', setA(10000, 101, 10000)],
    ['formsB', setB(10000, 202, 10000)],
    ['seed5', sandboxSet(1000, 1000, 5)],
    ['seed6', sandboxSet(5000, 50000, 6)],
    ['seed7', sandboxSet(100, 1000, 7)],
  ];
  for (const [name, d] of sets) {
    for (const s of matchAll(d.orgs, d.accounts)) out.push(`${name}\t${JSON.stringify(s)}`);
    // names only (no second signals), as the bench and the CLI's plain lists match
    if (name.startsWith('seed')) for (const s of matchAll(d.orgs.map((o) => ({ id: o.id, name: o.name })), d.accounts.map((a) => ({ id: a.id, name: a.name })))) out.push(`${name}-names\t${JSON.stringify(s)}`);
    // the reverse lookup, as the overview does it: an account's name among orgs, best five
    const idx = new AccountIndex(d.orgs.map((o) => ({ id: o.id, name: o.name })));
    for (let i = 0; i < d.accounts.length; i += 7) out.push(`${name}-rank\t${d.accounts[i].id}\t${JSON.stringify(idx.rank(d.accounts[i].name, 5))}`);
  }
  return out;
}

const [mode = 'check', file = '/tmp/match-golden.jsonl'] = process.argv.slice(2);
const t0 = performance.now();
const now = lines();
const digest = createHash('sha256').update(now.join('\n')).digest('hex').slice(0, 16);
if (mode === 'save') {
  writeFileSync(file, `${now.join('\n')}\n`);
  console.log(`match-golden: saved ${now.length} lines to ${file} (sha256 ${digest}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
} else {
  const saved = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  let diffs = 0;
  for (let i = 0; i < Math.max(saved.length, now.length); i++) {
    if (saved[i] === now[i]) continue;
    if (++diffs <= 10) console.log(`line ${i + 1}\n  saved: ${saved[i] ?? '(none)'}\n  now:   ${now[i] ?? '(none)'}`);
  }
  console.log(diffs ? `match-golden: ${diffs} of ${saved.length} lines differ` : `match-golden: identical, ${now.length} lines (sha256 ${digest})`);
  process.exit(diffs ? 1 : 0);
}
