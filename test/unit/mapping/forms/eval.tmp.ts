import { matchAll } from '@/lib/mapping/match';
import { setA } from './set-a';
import { scoreForms } from './core';
const d = setA(Number(process.argv[2] ?? 3000), Number(process.argv[3] ?? 101));
const t0 = performance.now();
const s = matchAll(d.orgs, d.accounts);
console.log('ms', Math.round(performance.now() - t0), d.orgs.length, d.accounts.length);
const sc = scoreForms(d, s);
const f = (x: any) => `P ${x.autoPrecision.toFixed(3)} R ${x.top1Recall.toFixed(3)} C ${x.autoCoverage.toFixed(3)} n ${x.orgs} forb ${x.forbiddenAutoLinks}`;
console.log('all', f(sc.all));
for (const [k, v] of Object.entries(sc.byForm)) console.log(k.padEnd(14), f(v));
const want = process.argv[4];
if (want) {
  const acc = new Map(d.accounts.map((a) => [a.id, a.name]));
  const org = new Map(d.orgs.map((a) => [a.id, a.name]));
  let n = 0;
  for (const x of s) {
    const t = d.truth.get(x.orgId) ?? null;
    const bad = (x.decision === 'auto' && x.accountId !== t) || (t !== null && (x.accountId !== t || x.decision !== 'auto'));
    if (d.form.get(x.orgId) === want && bad && n++ < 25) console.log(JSON.stringify(org.get(x.orgId)), '→', JSON.stringify(acc.get(x.accountId ?? '')), x.decision, x.confidence, x.reason, x.hold, '| truth', JSON.stringify(t && acc.get(t)));
  }
}
