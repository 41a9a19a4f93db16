/**
 * npm run bench -- match [--json] [--orgs N] [--sample N] [--runs N]
 *
 * Our matcher beside the JavaScript peers a developer would reach for (fuse.js, fuzzysort, uFuzzy),
 * in one process, on the forms dev set (10,000 orgs × 10,000 accounts): the `tune` part (set A) and
 * the `held-out` part (set B, other templates and seed, never tuned on), and sets C and D (written
 * apart from the matcher and from A and B, from the issue's forms only). Per form: auto precision,
 * top-1 recall and auto coverage. A peer has no decisions: every match it returns counts as its
 * "auto" link. Our time is the median of several full runs back to back (index built in each), with
 * the first run of the process (cold) and runs after a forced full collection printed beside; peers
 * that are too slow for all pairs run on a sample of orgs and are extrapolated (labelled so). The
 * machine's load average is printed: on a shared machine it skews wall times (CPU time is printed beside).
 */
import { loadavg } from 'node:os';
import Fuse from 'fuse.js';
import fuzzysort from 'fuzzysort';
import uFuzzy from '@leeoniya/ufuzzy';
import { matchAll } from '@/lib/mapping/match';
import { scoreForms, type FormScores, type FormsSet } from '../unit/mapping/forms/core';
import { setA } from '../unit/mapping/forms/set-a';
import { setB } from '../unit/mapping/forms/set-b';
import { setC } from '../unit/mapping/forms/set-c';
import { setD } from '../unit/mapping/forms/set-d';

type Pairs = { orgId: string; accountId: string | null; decision: string }[];
interface Peer {
  name: string;
  setup: (d: FormsSet) => unknown;
  one: (state: unknown, org: string, d: FormsSet) => string | null;
}

const PEERS: Peer[] = [
  {
    name: 'fuse.js',
    setup: (d) => new Fuse(d.accounts, { keys: ['name'], includeScore: true, threshold: 0.4, ignoreLocation: true }),
    one: (f, name) => (f as Fuse<{ id: string; name: string }>).search(name, { limit: 1 })[0]?.item.id ?? null,
  },
  {
    name: 'fuzzysort',
    setup: (d) => d.accounts.map((a) => ({ id: a.id, prepared: fuzzysort.prepare(a.name) })),
    one: (targets, name) => fuzzysort.go(name, targets as { id: string; prepared: ReturnType<typeof fuzzysort.prepare> }[], { key: 'prepared', limit: 1, threshold: 0.3 })[0]?.obj.id ?? null,
  },
  {
    name: '@leeoniya/ufuzzy',
    setup: (d) => ({ uf: new uFuzzy({ intraMode: 1 }), hay: d.accounts.map((a) => a.name) }),
    one: (s, name, d) => {
      const { uf, hay } = s as { uf: uFuzzy; hay: string[] };
      const [idxs, info, order] = uf.search(hay, name, 0, 1000);
      if (!idxs || !idxs.length) return null;
      return d.accounts[order && info ? info.idx[order[0]] : idxs[0]].id;
    },
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const round = (s: FormScores) => ({ autoPrecision: r3(s.autoPrecision), top1Recall: r3(s.top1Recall), autoCoverage: r3(s.autoCoverage), orgs: s.orgs, forbiddenAutoLinks: s.forbiddenAutoLinks });

/** a peer on a sample of orgs: its time extrapolated to all orgs, and its scores on the sample */
function runPeer(p: Peer, d: FormsSet, sample: FormsSet['orgs']) {
  const t0 = performance.now();
  const state = p.setup(d);
  const setupMs = performance.now() - t0;
  const t1 = performance.now();
  const pairs: Pairs = sample.map((o) => {
    const a = p.one(state, o.name, d);
    return { orgId: o.id, accountId: a, decision: a === null ? 'none' : 'auto' };
  });
  const perOrg = (performance.now() - t1) / sample.length;
  return { ms: setupMs + perOrg * d.orgs.length, scores: scoreForms(d, pairs) };
}

export async function benchMatch(args: { json: boolean; orgs: number; sample: number; runs?: number }) {
  const runs = Math.max(3, args.runs ?? 5);
  const log = (s: string) => console.log(s);
  // the timed set alone in the heap while ours is timed: the other parts are made after
  const timed = setA(args.orgs, 101, args.orgs);
  log(`match: ${timed.orgs.length} orgs × ${timed.accounts.length} accounts (forms dev set, tune part); ${runs} runs; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on this machine`);

  // ours: every org, the index built in each run. The runs follow one another, as calls in one
  // process do; the first run of the process is timed apart (cold: nothing of the matcher is compiled
  // yet). Runs that each start after a forced full collection are timed beside: such a collection
  // also frees the hidden classes of the last run's index, and V8 drops the optimized code built on
  // them (node --trace-opt: 40–60 functions optimized again in each such run, 5–15 back to back), so
  // those runs time the JIT warming up again as much as the matcher.
  const gc = (globalThis as { gc?: () => void }).gc;
  const timeOne = () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = matchAll(timed.orgs, timed.accounts);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return { out, wall, cpu: (c.user + c.system) / 1000 };
  };
  const first = timeOne();
  let ours = first.out;
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = timeOne();
    ours = r.out;
    walls.push(r.wall);
    cpus.push(r.cpu);
  }
  const forced: number[] = [];
  for (let i = 0; gc && i < Math.min(runs, 5); i++) {
    gc();
    forced.push(timeOne().wall);
  }
  const oursMs = median(walls);
  const oursCpu = median(cpus);
  const forcedMs = forced.length ? median(forced) : null;
  const parts: [string, FormsSet][] = [
    ['tune', timed],
    ['held-out', setB(args.orgs, 202, args.orgs)],
    // written apart from the matcher and from sets A and B, from the issue's forms only
    ['set C', setC(args.orgs, 303, args.orgs)],
    ['set D', setD(args.orgs, 404, args.orgs)],
  ];
  const oursScores = Object.fromEntries(parts.map(([name, d]) => [name, scoreForms(d, d === timed ? ours : matchAll(d.orgs, d.accounts))]));

  const step = Math.max(1, Math.floor(timed.orgs.length / args.sample));
  const peers = PEERS.map((p) => {
    const res = parts.map(([name, d]) => [name, runPeer(p, d, d.orgs.filter((_, i) => i % step === 0).slice(0, args.sample))] as const);
    return { name: p.name, ms: res[0][1].ms, scores: Object.fromEntries(res.map(([n, r]) => [n, r.scores])) };
  });

  const fmt = (s: FormScores) => `${s.autoPrecision.toFixed(3)} ${s.top1Recall.toFixed(3)} ${s.autoCoverage.toFixed(3)}`;
  for (const [name] of parts) {
    log('');
    log(`${name} part — precision / top-1 recall / auto coverage (ours on all orgs; peers on a sample of ${args.sample})`);
    log(`${'form'.padEnd(14)} ${'n'.padStart(5)}  ${'bms-vsa-sync'.padEnd(17)} ${PEERS.map((p) => p.name.padEnd(17)).join(' ')}`);
    const forms = ['all', ...Object.keys(oursScores[name].byForm)];
    for (const f of forms) {
      const o = f === 'all' ? oursScores[name].all : oursScores[name].byForm[f];
      const ps = peers.map((p) => (f === 'all' ? p.scores[name].all : p.scores[name].byForm[f]));
      log(`${f.padEnd(14)} ${String(o.orgs).padStart(5)}  ${fmt(o).padEnd(17)} ${ps.map((s) => (s ? fmt(s) : '—').padEnd(17)).join(' ')}`);
    }
  }
  log('');
  log(`${'contender'.padEnd(20)} ${`time ${timed.orgs.length}×${timed.accounts.length}`.padStart(16)} ${'ratio'.padStart(8)}`);
  log(`${'bms-vsa-sync'.padEnd(20)} ${`${oursMs.toFixed(0)} ms`.padStart(16)} ${'1.0×'.padStart(8)}   (median of ${runs} runs back to back, range ${Math.min(...walls).toFixed(0)}–${Math.max(...walls).toFixed(0)} ms; CPU ${oursCpu.toFixed(0)} ms)`);
  log(`${''.padEnd(20)} ${''.padStart(16)} ${''.padStart(8)}   first run of the process (cold) ${first.wall.toFixed(0)} ms${forcedMs === null ? '' : `; each after a forced full collection ${forcedMs.toFixed(0)} ms (median of ${forced.length})`}`);
  for (const p of peers) log(`${p.name.padEnd(20)} ${`${p.ms >= 10000 ? `${(p.ms / 1000).toFixed(1)} s` : `${p.ms.toFixed(0)} ms`}*`.padStart(16)} ${`${(p.ms / oursMs).toFixed(1)}×`.padStart(8)}`);
  log(`* extrapolated from ${args.sample} orgs`);

  const peer = (n: string) => peers.find((p) => p.name === n)!;
  const moreAccurate = peers.every((p) => parts.every(([n]) => oursScores[n].all.top1Recall > p.scores[n].all.top1Recall && oursScores[n].all.autoPrecision > p.scores[n].all.autoPrecision));
  const figures = {
    bench: 'match', orgs: timed.orgs.length, accounts: timed.accounts.length, runs, loadavg: loadavg().map((x) => +x.toFixed(2)),
    ours: { medianMs: Math.round(oursMs), cpuMs: Math.round(oursCpu), runsMs: walls.map(Math.round), coldMs: Math.round(first.wall), afterForcedGcMs: forcedMs === null ? null : Math.round(forcedMs), parts: Object.fromEntries(parts.map(([n]) => [n, { all: round(oursScores[n].all), byForm: Object.fromEntries(Object.entries(oursScores[n].byForm).map(([f, s]) => [f, round(s)])) }])) },
    peers: Object.fromEntries(peers.map((p) => [p.name, { ms: Math.round(p.ms), extrapolatedFrom: args.sample, ratioToOurs: +(p.ms / oursMs).toFixed(1), parts: Object.fromEntries(parts.map(([n]) => [n, { all: round(p.scores[n].all), byForm: Object.fromEntries(Object.entries(p.scores[n].byForm).map(([f, s]) => [f, round(s)])) }])) }])),
    targets: {
      underHalfSecond: oursMs <= 500,
      fiftyTimesFuse: peer('fuse.js').ms / oursMs >= 50,
      fasterThanFuzzysort: peer('fuzzysort').ms > oursMs,
      fasterThanUFuzzy: peer('@leeoniya/ufuzzy').ms > oursMs,
      moreAccurate,
      accuracy: parts.every(([n]) => oursScores[n].all.autoPrecision >= 0.995 && oursScores[n].all.top1Recall >= 0.97 && oursScores[n].all.autoCoverage >= 0.85 && oursScores[n].all.forbiddenAutoLinks === 0),
    },
  };
  if (args.json) console.log(JSON.stringify(figures));
  return figures;
}
