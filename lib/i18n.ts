/** UI strings from public/_locales (English and German). */
import { browser } from 'wxt/browser';

export function t(key: string, subs?: string | string[]): string {
  try {
    const msg = browser.i18n.getMessage(key as never, subs as never);
    return msg || key;
  } catch {
    return key;
  }
}
