/**
 * Registers the BMS content script for the BMS web origin the admin configured, once (and only
 * while) host permission for it is granted. One build thus serves every tenant and the sandbox.
 */
import { browser } from 'wxt/browser';
import { originPattern } from '../http/url';

export const CONTENT_SCRIPT_ID = 'bms-panels';
export const CONTENT_SCRIPT_FILE = 'content-scripts/bms.js';

export async function syncContentScriptRegistration(bmsWebUrl: string | null): Promise<'registered' | 'no-permission' | 'not-configured'> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] }).catch(() => []);
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (!bmsWebUrl) return 'not-configured';
  const pattern = originPattern(bmsWebUrl);
  if (!(await browser.permissions.contains({ origins: [pattern] }))) return 'no-permission';
  await browser.scripting.registerContentScripts([
    { id: CONTENT_SCRIPT_ID, matches: [pattern], js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
  ]);
  return 'registered';
}
