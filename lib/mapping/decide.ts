/**
 * From scores to decisions. `auto` needs a confidence of at least 0.95, a clear lead over the
 * runner-up, that no other org claims the same account with an auto-grade score (one-to-one), and
 * that no second signal disagrees: VSA's OrgRef against BMS's AccountCode (only when the tenant uses
 * them alike, i.e. some refs equal some codes) and the org's website domain against the account's
 * email domains. Agreeing signals raise the confidence. When nothing is good enough for review, the
 * best candidate is still returned (decision `none`) so the admin can take it in one click. Pure.
 */
import type { AccountIndex, NamedRecord, Scored } from './match';
import { normalizeName } from './normalize';
import type { NameReason, Prepared } from './score';

export type Decision = 'auto' | 'review' | 'none';
/** why a suggestion is not linked automatically */
export type Hold = 'ambiguous' | 'claimed' | 'code-differs' | 'domain-differs' | 'weak';
export type Signal = 'agree' | 'differ' | null;

export interface Suggestion {
  orgId: string;
  /** the best account; null only when no account shares anything with the org */
  accountId: string | null;
  confidence: number;
  decision: Decision;
  /**
   * what made the names match (or `no-match`), with the arguments its sentence needs; `code` /
   * `domain` when the names alone say little and a second signal that only this account shares carries it
   */
  reason: NameReason | 'no-match' | 'code' | 'domain';
  args: string[];
  /** why it is not `auto`, with its arguments (null for `auto`) */
  hold: Hold | null;
  holdArgs: string[];
  /** OrgRef vs AccountCode, website domain vs email domains: null when one side lacks it */
  signals: { code: Signal; domain: Signal };
  /** the next best account, when there is one */
  runnerUp: { accountId: string; confidence: number } | null;
}

export interface MatchOptions {
  /** pairs the admin rejected ("never map"): [orgId, accountId] */
  neverMap?: Iterable<readonly [string, string]>;
  /** below this a candidate is `none` (still returned, with its confidence) */
  reviewThreshold?: number;
  /** how far ahead of the runner-up an `auto` pair must be */
  autoMargin?: number;
}

export const AUTO_SCORE = 0.95;

/**
 * What a second signal that agrees with one account only makes of a pair at least: an OrgRef that is
 * the AccountCode of exactly one account (in a tenant that uses them alike), a website domain that is
 * the email domain of exactly one account, or both. Such a pair is as good as a name that differs a
 * little, whatever the names say, unless the name points to another account as well.
 */
const SIGNAL_FLOOR = { code: 0.96, domain: 0.955, both: 0.97 };

/** mailbox providers: a domain that unrelated businesses share names no one of them */
const SHARED_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'ymail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'msn.com',
  'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'gmx.de', 'gmx.net', 'web.de', 't-online.de', 'freenet.de',
  'bigpond.com', 'bigpond.net.au', 'optusnet.com.au', 'btinternet.com', 'sky.com', 'comcast.net', 'att.net', 'verizon.net', 'sbcglobal.net',
  'shaw.ca', 'rogers.com', 'sympatico.ca', 'videotron.ca', 'bell.net', 'mail.com', 'zoho.com', 'fastmail.com',
]);

/** a reference or code compared without case and punctuation */
export const refKey = (s: string | null | undefined) => (s ? s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') : '');

/** "https://www.Acme-Dental.com/about" or "it@acme-dental.com" → "acme-dental.com" */
export function domainKey(s: string | null | undefined): string {
  let d = (s ?? '').trim().toLowerCase();
  if (!d) return '';
  d = d.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^[^@/]*@/, '').replace(/[/?#:].*$/, '').replace(/^www\d*\./, '').replace(/\.$/, '');
  // internationalized names too (müller.example), as typed or in punycode
  return /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u.test(d) ? d.normalize('NFC') : '';
}

const round = (x: number) => Math.round(x * 1000) / 1000;

const NO_DOMAINS: readonly string[] = Object.freeze([]);
/** a record's domains, each once (most records have none: one shared empty list) */
const domainsOf = (r: NamedRecord): readonly string[] => (r.domains?.length ? [...new Set(r.domains.map(domainKey).filter(Boolean))] : NO_DOMAINS);

export function decide(orgs: NamedRecord[], prepared: Prepared[], index: AccountIndex, opts: MatchOptions): Suggestion[] {
  const accounts = index.accounts;
  const reviewThreshold = opts.reviewThreshold ?? 0.8;
  const autoMargin = opts.autoMargin ?? 0.03;
  // the accounts by id only when there are never-map pairs to look up
  let accIndex: Map<string, number> | null = null;
  const never = new Map<string, Set<number>>();
  for (const [o, a] of opts.neverMap ?? []) {
    accIndex ??= new Map(accounts.map((x, i) => [x.id, i]));
    const i = accIndex.get(a);
    if (i === undefined) continue;
    let s = never.get(o);
    if (!s) never.set(o, (s = new Set()));
    s.add(i);
  }
  const byCode = new Map<string, number[]>();
  const byDomain = new Map<string, number[]>();
  const accCode = accounts.map((a) => refKey(a.ref));
  const accDomains = accounts.map(domainsOf);
  accCode.forEach((c, i) => c && add(byCode, c, i));
  accDomains.forEach((ds, i) => ds.forEach((d) => add(byDomain, d, i)));
  const orgCode = orgs.map((o) => refKey(o.ref));
  const orgDomains = orgs.map(domainsOf);
  // the tenant uses OrgRef and AccountCode for the same thing only if some of them agree
  const withRef = orgCode.filter(Boolean).length;
  const agreeing = orgCode.filter((c) => c && byCode.has(c)).length;
  const codesInUse = agreeing > 0 && agreeing >= 0.05 * Math.min(withRef, accCode.filter(Boolean).length);

  /** the one account an org's OrgRef or website names, by that signal alone (-1: none, or two that disagree) */
  const signalled = (o: number): { acc: number; code: boolean; domain: boolean } | null => {
    const byRef = codesInUse && orgCode[o] ? byCode.get(orgCode[o]) : undefined;
    const codeAcc = byRef?.length === 1 ? byRef[0] : -1;
    let domainAcc = -1;
    for (const d of orgDomains[o]) {
      const l = SHARED_MAIL.has(d) ? undefined : byDomain.get(d);
      if (l?.length !== 1) continue;
      if (domainAcc >= 0 && domainAcc !== l[0]) return null;
      domainAcc = l[0];
    }
    if (codeAcc >= 0 && domainAcc >= 0 && codeAcc !== domainAcc) return null;
    const acc = codeAcc >= 0 ? codeAcc : domainAcc;
    return acc < 0 ? null : { acc, code: codeAcc >= 0, domain: domainAcc >= 0 };
  };
  /** per org: the account a unique signal names, when that lifted its score */
  const lifted: number[] = [];
  /** the reason of a pair that a signal carries */
  const signalReason = new Map<Scored, [Suggestion['reason'], string[]]>();
  const signals = (o: number, acc: number) => {
    const code: Signal = codesInUse && orgCode[o] && accCode[acc] ? (orgCode[o] === accCode[acc] ? 'agree' : 'differ') : null;
    const domain: Signal = orgDomains[o].length && accDomains[acc].length ? (orgDomains[o].some((d) => accDomains[acc].includes(d)) ? 'agree' : 'differ') : null;
    return SIGNALS[sigIndex(code) * 3 + sigIndex(domain)];
  };
  const anySignals = codesInUse || byDomain.size > 0;
  // per org: its best candidates, and their second signals beside them
  const sigs: Suggestion['signals'][][] = [];
  const ranked = prepared.map((p, o) => {
    const ex = never.size ? never.get(orgs[o].id) : undefined;
    let extra: number[] = NO_EXTRA;
    if (anySignals) {
      const byRef = codesInUse && orgCode[o] ? byCode.get(orgCode[o]) : undefined;
      if (byRef || orgDomains[o].length) {
        extra = byRef ? [...byRef] : [];
        for (const d of orgDomains[o]) extra.push(...(byDomain.get(d) ?? []));
      }
    }
    // only the best two are used, unless an agreeing signal may lift a lower one above them
    const mayBoost = anySignals && ((codesInUse && orgCode[o] !== '') || orgDomains[o].length > 0);
    const r = index.rankPrepared(p, mayBoost ? 4 : 2, ex ? (i) => ex.has(i) : undefined, extra.length <= 5 ? extra : NO_EXTRA, true);
    if (!anySignals) return r;
    const one = mayBoost ? signalled(o) : null;
    // the account a unique signal names is a candidate, however little its name shares
    if (one && !r.some((s) => s.acc === one.acc) && !ex?.has(one.acc)) r.push({ score: 0, reason: 'similar', args: [], acc: one.acc });
    const sig = r.map((s) => signals(o, s.acc));
    let boosted = false;
    r.forEach((s, x) => {
      const boost = (sig[x].code === 'agree' ? 0.04 : 0) + (sig[x].domain === 'agree' ? 0.03 : 0);
      if (boost) {
        s.score = Math.min(0.999, s.score + boost);
        boosted = true;
      }
      if (one && s.acc === one.acc) {
        const floor = one.code && one.domain ? SIGNAL_FLOOR.both : one.code ? SIGNAL_FLOOR.code : SIGNAL_FLOOR.domain;
        if (s.score < floor) {
          // the names alone are not what links them: the signal is the reason
          if (s.score < reviewThreshold) signalReason.set(s, one.code ? ['code', [orgs[o].ref ?? '']] : ['domain', [orgDomains[o].find((d) => accDomains[one.acc].includes(d)) ?? '']]);
          s.score = floor;
          boosted = true;
        }
        lifted[o] = one.acc;
      }
    });
    if (boosted) {
      const order = r.map((_, x) => x).sort((a, b) => r[b].score - r[a].score || r[a].acc - r[b].acc);
      const rs = order.map((x) => r[x]);
      sigs[o] = order.map((x) => sig[x]);
      return rs;
    }
    sigs[o] = sig;
    return r;
  });

  // one-to-one: an account claimed with an auto-grade score by more than one org is auto for none of them
  const claims = new Map<number, number[]>();
  ranked.forEach((r, o) => {
    // an org that cannot tell this account from its runner-up claims nothing
    if (r[0] && r[0].score >= AUTO_SCORE && !(r[1] && r[0].score - r[1].score < autoMargin)) add(claims, r[0].acc, o);
  });

  return orgs.map((org, o): Suggestion => {
    const [best, second] = ranked[o];
    const runnerUp = second ? { accountId: accounts[second.acc].id, confidence: round(second.score) } : null;
    if (!best) {
      return { orgId: org.id, accountId: null, confidence: 0, decision: 'none', reason: 'no-match', args: [], hold: null, holdArgs: [], signals: { code: null, domain: null }, runnerUp: null };
    }
    const sig = anySignals ? sigs[o][0] : NO_SIGNALS;
    const made = (decision: Decision, hold: Hold | null, holdArgs: string[]) => suggestion(org, accounts[best.acc], best, signalReason.get(best), sig, runnerUp, decision, hold, holdArgs);
    const grade: Decision = best.score >= reviewThreshold ? 'review' : 'none';
    const capped = best.score >= AUTO_SCORE ? 'review' : grade;
    // a second signal that disagrees is said first: it is what the admin should check
    if (sig.code === 'differ') return made(capped, 'code-differs', [orgs[o].ref ?? '', accounts[best.acc].ref ?? '']);
    if (sig.domain === 'differ') return made(capped, 'domain-differs', [orgDomains[o].join(', '), accDomains[best.acc].join(', ')]);
    if (best.score < AUTO_SCORE) return made(grade, 'weak', []);
    // the name points to one account, the OrgRef or website that only one account shares to another
    if (lifted[o] !== undefined && lifted[o] !== best.acc) return made('review', 'ambiguous', [accounts[lifted[o]].name]);
    if (second && best.score - second.score < autoMargin) return made('review', 'ambiguous', [accounts[second.acc].name]);
    // the org names a site that was set aside to reach an account without it, while another candidate names that site: a branch of its own
    const branch = best.reason === 'site' ? branchNamed(prepared[o], best, ranked[o], index) : -1;
    if (branch >= 0) return made('review', 'ambiguous', [accounts[branch].name]);
    const claimants = claims.get(best.acc);
    const rival = claimants?.find((x) => x !== o);
    if (rival !== undefined) return made('review', 'claimed', [orgs[rival].name]);
    return made('auto', null, []);
  });
}

function suggestion(org: NamedRecord, account: NamedRecord, best: Scored, bySignal: [Suggestion['reason'], string[]] | undefined, signals: Suggestion['signals'], runnerUp: Suggestion['runnerUp'], decision: Decision, hold: Hold | null, holdArgs: string[]): Suggestion {
  const [reason, args] = bySignal ?? [best.reason, best.args];
  return { orgId: org.id, accountId: account.id, confidence: round(best.score), decision, reason, args, hold, holdArgs, signals, runnerUp };
}

const NO_EXTRA: number[] = [];

/**
 * When the best pair was made by setting aside the org's site ("Acme – Denver" → "Acme"), another of
 * the org's candidates whose name holds that site's words (the account "Acme Inc – Denver"), or -1.
 */
function branchNamed(org: Prepared, best: Scored, candidates: readonly Scored[], index: AccountIndex): number {
  const part = org.variants.find((v) => v.kind === 'site' && v.dropped === best.args[0]);
  if (!part) return -1;
  const site = normalizeName(part.dropped).tokens.filter((t) => !index.siteNoun(t));
  if (!site.length) return -1;
  // the other account holds the business's words and the site's: that business's branch
  const words = [...part.n.tokens, ...site];
  for (const c of candidates) {
    if (c === best) continue;
    const tokens = index.prep[c.acc].variants[0].n.tokens;
    if (words.every((w) => tokens.includes(w))) return c.acc;
  }
  return -1;
}

/** the nine pairs of signals, one shared read-only object each (not one per candidate) */
const SIGNAL_VALUES: Signal[] = [null, 'agree', 'differ'];
const sigIndex = (s: Signal) => (s === null ? 0 : s === 'agree' ? 1 : 2);
const SIGNALS: readonly Suggestion['signals'][] = SIGNAL_VALUES.flatMap((code) => SIGNAL_VALUES.map((domain) => Object.freeze({ code, domain })));
const NO_SIGNALS = SIGNALS[0];

function add<K>(m: Map<K, number[]>, k: K, v: number): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
