/**
 * The matcher's dev set: org and account names with the real-world variations of the sandbox's
 * generator (legal suffixes, case, "&"/"and", accents, transliteration, "The", abbreviations,
 * punctuation, typos, spacing, word order), decoys that are different businesses, and orgs with no
 * account at all, with the truth of which account each org is.
 */
import { generate } from '../../sandbox/seed';
import type { NamedRecord } from '@/lib/mapping/match';

export interface DevSet {
  orgs: NamedRecord[];
  accounts: NamedRecord[];
  truth: Map<string, string | null>;
}

export function devSet(orgs: number, seed: number): DevSet {
  const s = generate({ orgs, agents: 0, seed });
  return {
    orgs: [...s.vsa.orgs.values()].map((o) => ({ id: String(o.OrgId), name: o.OrgName })),
    accounts: [...s.bms.accounts.values()].map((a) => ({ id: String(a.Id), name: a.AccountName })),
    truth: new Map([...s.truth].map(([o, a]) => [String(o), a === null ? null : String(a)])),
  };
}

export interface Scores {
  autoPrecision: number;
  top1Recall: number;
  autoShare: number;
  noneCorrect: number;
  counts: { auto: number; review: number; none: number };
}

export function score(d: DevSet, suggestions: { orgId: string; accountId: string | null; decision: string }[]): Scores {
  let auto = 0, autoOk = 0, withTruth = 0, top1 = 0, noTruth = 0, noneOk = 0, review = 0, none = 0;
  for (const s of suggestions) {
    const truth = d.truth.get(s.orgId) ?? null;
    if (s.decision === 'auto') {
      auto++;
      if (s.accountId === truth) autoOk++;
    } else if (s.decision === 'review') review++;
    else none++;
    if (truth !== null) {
      withTruth++;
      if (s.accountId === truth) top1++;
    } else {
      noTruth++;
      if (s.decision !== 'auto') noneOk++;
    }
  }
  return {
    autoPrecision: auto ? autoOk / auto : 1,
    top1Recall: withTruth ? top1 / withTruth : 1,
    autoShare: suggestions.length ? auto / suggestions.length : 0,
    noneCorrect: noTruth ? noneOk / noTruth : 1,
    counts: { auto, review, none },
  };
}
