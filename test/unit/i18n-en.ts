/**
 * The English UI strings for component tests, in place of `@/lib/i18n` (which asks the browser):
 *   vi.mock('@/lib/i18n', () => import('<relative path>/i18n-en'));
 * `$1`, `$2`… are filled as the browser fills them; an unknown key comes back as the key itself.
 */
import { readFileSync } from 'node:fs';

const en = JSON.parse(readFileSync(`${process.cwd()}/public/_locales/en/messages.json`, 'utf8')) as Record<string, { message: string }>;

const fill = (msg: string, subs?: string | string[]) => [subs ?? []].flat().reduce((m, v, i) => m.replace(`$${i + 1}`, v), msg);

export const t = (k: string, subs?: string | string[]): string => fill(en[k]?.message ?? k, subs);

/** an unknown key shows as `??key`, so a test can see that a text is missing */
export const tStrict = (k: string, subs?: string | string[]): string => fill(en[k]?.message ?? `??${k}`, subs);

export const isolate = (s: string): string => s;
