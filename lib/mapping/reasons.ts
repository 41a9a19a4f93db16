/**
 * "Why this suggestion", as sentences the UI words in the admin's language: each is a locale key
 * (`why_*` for what made the names match, `hold_*` for why it was not linked automatically,
 * `signal_*` for a second signal that agrees) with its arguments. Pure.
 */
import type { Hold, Suggestion } from './decide';
import type { NameReason } from './score';

export interface Sentence {
  key: string;
  args: string[];
}

/** every reason code with the number of arguments its sentence takes (a test checks en + de) */
export const REASON_ARGS: Record<NameReason | 'no-match' | 'code' | 'domain', number> = {
  'same-name': 0, case: 0, initials: 0, number: 0, saint: 0, possessive: 0, abbrev: 0, and: 0, typography: 0, accents: 0, the: 0, legal: 1,
  ref: 1, order: 0, joined: 1, site: 1, dba: 1, shortened: 2, 'typo-swap': 2, 'typo-key': 2, 'typo-double': 2, 'typo-drop': 2, 'typo-space': 1,
  typo: 2, plural: 2, 'extra-word': 1, similar: 0, 'no-match': 0, code: 1, domain: 1,
};
export const HOLD_ARGS: Record<Hold, number> = { ambiguous: 1, claimed: 1, 'code-differs': 2, 'domain-differs': 2, weak: 0 };
export const SIGNAL_KEYS = ['signal_code', 'signal_domain'] as const;

export const reasonKey = (r: string) => `why_${r.replace(/-/g, '_')}`;
export const holdKey = (h: string) => `hold_${h.replace(/-/g, '_')}`;

export function explain(s: Pick<Suggestion, 'reason' | 'args' | 'hold' | 'holdArgs' | 'signals'>): Sentence[] {
  const out: Sentence[] = [{ key: reasonKey(s.reason), args: s.args.slice(0, REASON_ARGS[s.reason]) }];
  // (a signal that is the reason itself is not said twice)
  if (s.signals.code === 'agree' && s.reason !== 'code') out.push({ key: 'signal_code', args: [] });
  if (s.signals.domain === 'agree' && s.reason !== 'domain') out.push({ key: 'signal_domain', args: [] });
  if (s.hold) out.push({ key: holdKey(s.hold), args: s.holdArgs.slice(0, HOLD_ARGS[s.hold]) });
  return out;
}

/** a sentence in a given message table (for the CLI, which has no browser i18n) */
export function render(sentences: Sentence[], messages: Record<string, { message: string }>): string {
  return sentences
    .map(({ key, args }) => (Object.hasOwn(messages, key) ? messages[key].message : key).replace(/\$(\d)/g, (_m, d: string) => args[Number(d) - 1] ?? ''))
    .join(' ');
}
