/**
 * npm run bench -- pairs --file names.csv [--json]
 *
 * The matcher on a name set someone else built: a CSV with the columns `org` and `account`, one
 * pair per row (the org name as written on one side, the account name it stands for). Every
 * account name becomes an account, every org name an org whose truth is its row's account (an
 * account name listed twice counts as found when either is chosen). Prints auto precision, top-1
 * recall, auto coverage and the wrong auto-links, so a public or customer set can be tried
 * without adding it to the repository.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { matchAll } from '@/lib/mapping/match';

export async function benchPairs(args: { json: boolean; file?: string }) {
  if (!args.file) throw new Error('bench pairs: --file <csv with columns org, account> is required');
  const rows = Papa.parse<Record<string, string>>(readFileSync(args.file, 'utf8'), { header: true, skipEmptyLines: true }).data.filter((r) => r.org?.trim() && r.account?.trim());
  if (!rows.length) throw new Error(`bench pairs: ${args.file} has no rows with both an "org" and an "account" column`);
  const accounts = rows.map((r, i) => ({ id: `a${i}`, name: r.account }));
  const orgs = rows.map((r, i) => ({ id: `o${i}`, name: r.org }));
  const t0 = performance.now();
  const suggestions = matchAll(orgs, accounts);
  const ms = performance.now() - t0;
  const right = (s: (typeof suggestions)[number], i: number) => s.accountId !== null && accounts[Number(s.accountId.slice(1))].name === accounts[i].name;
  let auto = 0, autoOk = 0, top1 = 0;
  const wrong: string[] = [];
  suggestions.forEach((s, i) => {
    const ok = right(s, i);
    if (ok) top1++;
    if (s.decision !== 'auto') return;
    auto++;
    if (ok) autoOk++;
    else wrong.push(`${orgs[i].name} → ${accounts[Number(s.accountId!.slice(1))].name} (${s.reason}, ${s.confidence})`);
  });
  const figures = {
    bench: 'pairs', file: args.file, pairs: rows.length, ms: Math.round(ms),
    autoPrecision: auto ? autoOk / auto : 1, top1Recall: top1 / rows.length, autoCoverage: autoOk / rows.length,
    counts: { auto, review: suggestions.filter((s) => s.decision === 'review').length, none: suggestions.filter((s) => s.decision === 'none').length },
    wrongAuto: wrong,
  };
  console.log(`pairs: ${rows.length} from ${args.file} in ${ms.toFixed(0)} ms — auto precision ${figures.autoPrecision.toFixed(3)}, top-1 recall ${figures.top1Recall.toFixed(3)}, auto coverage ${figures.autoCoverage.toFixed(3)} (${auto} auto, ${figures.counts.review} review, ${figures.counts.none} none)`);
  for (const w of wrong) console.log(`  wrong auto-link: ${w}`);
  if (args.json) console.log(JSON.stringify(figures));
  return figures;
}
