/** UI strings from public/_locales (English and German). */
import { browser } from 'wxt/browser';

const FSI = '\u2068';
const PDI = '\u2069';

/**
 * A substitution inside a sentence, bidi-isolated (FSI…PDI, LOW-9): an org or account name with
 * right-to-left text or override characters cannot reorder the rest of the sentence around it.
 * Plain numbers stay as they are.
 */
export function isolate(sub: string): string {
  return /^[\d\s.,:%+\-–·/]*$/.test(sub) ? sub : `${FSI}${sub}${PDI}`;
}

export function t(key: string, subs?: string | string[]): string {
  try {
    const isolated = subs === undefined ? undefined : Array.isArray(subs) ? subs.map(isolate) : isolate(subs);
    const msg = browser.i18n.getMessage(key as never, isolated as never);
    return msg || key;
  } catch {
    return key;
  }
}
