/**
 * Who sent a runtime message (LOW-2), as a pure function of the sender and the configured BMS origin:
 * - an extension page (popup, options): our extension document, not framed by a web page;
 * - a panel frame: our frame document (FRAME_PATH) in a sub-frame of a tab whose top document is on
 *   the BMS origin; its owner key pins tab, frame and (Chrome) document;
 * - the content script: the top frame of such a tab, judged by the sender's origin where the browser
 *   gives it (opaque for a sandboxed document) and by its address otherwise;
 * - anything else: nobody we trust (null).
 */
import type { SenderKind } from './messages';

export const FRAME_PATH = '/bms-frame.html';

export interface SenderInfo { id?: string; url?: string; origin?: string; frameId?: number; documentId?: string; tab?: { id?: number; url?: string } }
export interface Sender { kind: SenderKind; tabId: number | null; frameId: number | null; owner: string | null }

export const originOf = (u: string | undefined | null): string | null => {
  try {
    return u ? new URL(u).origin : null;
  } catch {
    return null;
  }
};

export function classifySender(s: SenderInfo, runtimeId: string, bmsOrigin: string | null): Sender | null {
  if (s.id !== runtimeId) return null;
  const url = s.url ?? '';
  const tabId = s.tab?.id ?? null;
  const frameId = s.frameId ?? null;
  let parsed: URL | null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (parsed && /^(chrome|moz)-extension:$/.test(parsed.protocol)) {
    if (parsed.pathname === FRAME_PATH) {
      if (tabId === null || !frameId || !bmsOrigin || originOf(s.tab?.url) !== bmsOrigin) return null;
      return { kind: 'frame', tabId, frameId, owner: `${tabId}/${frameId}/${s.documentId ?? ''}` };
    }
    // an extension page framed by some web page is not the popup or the options page
    if (tabId !== null && frameId !== 0) return null;
    return { kind: 'extension', tabId, frameId, owner: null };
  }
  if (tabId === null || frameId !== 0 || !bmsOrigin) return null;
  const origin = s.origin ?? originOf(url);
  if (origin !== bmsOrigin || originOf(s.tab?.url) !== bmsOrigin) return null;
  return { kind: 'content', tabId, frameId, owner: null };
}
