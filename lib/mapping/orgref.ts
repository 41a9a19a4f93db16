/**
 * A safe, unique VSA OrgRef derived from an account name ([assumed] rule of the contract: 1–100
 * lower-case letters, digits, "-" or "_", starting with a letter or digit). Deterministic, so a job
 * that resumes derives the same ref and finds the org it may already have made.
 */
import { foldCharacters } from './normalize';

export const ORG_REF_MAX = 40;

export function baseOrgRef(name: string, fallbackId: string | number): string {
  const s = foldCharacters(name ?? '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ORG_REF_MAX)
    .replace(/-+$/, '');
  return s || `account-${fallbackId}`;
}

/** the base ref, or base-2, base-3 … when `taken` already has it; adds the result to `taken` */
export function uniqueOrgRef(name: string, fallbackId: string | number, taken: Set<string>): string {
  const base = baseOrgRef(name, fallbackId);
  let ref = base;
  for (let n = 2; taken.has(ref); n++) ref = `${base.slice(0, ORG_REF_MAX - String(n).length - 1)}-${n}`;
  taken.add(ref);
  return ref;
}
