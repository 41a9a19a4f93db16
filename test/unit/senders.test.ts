/** LOW-2 and LOW-7: who may talk to the background, and whose job events the views believe. */
import { describe, expect, it, vi } from 'vitest';
import { classifySender } from '@/lib/senders';

vi.mock('wxt/browser', () => ({ browser: { runtime: { id: 'me' } } }));
const { fromBackground } = await import('@/lib/events');

const BMS = 'https://bms.example.com';
const ext = 'chrome-extension://me-dynamic';
const tab = (url = `${BMS}/CRM/AccountEdit.aspx?ID=1`) => ({ id: 7, url });

describe('senders (LOW-2)', () => {
  it('the popup and options page are extension senders; an extension page framed by a web page is not', () => {
    expect(classifySender({ id: 'me', url: `${ext}/popup.html` }, 'me', BMS)?.kind).toBe('extension');
    expect(classifySender({ id: 'me', url: `${ext}/options.html`, tab: tab('chrome-extension://me/options.html'), frameId: 0 }, 'me', BMS)?.kind).toBe('extension');
    expect(classifySender({ id: 'me', url: `${ext}/popup.html`, tab: tab('https://evil.example.com/'), frameId: 3 }, 'me', BMS)).toBeNull();
  });
  it('a panel frame counts only inside a tab on the BMS origin, never as the top frame; its owner pins the document', () => {
    const f = classifySender({ id: 'me', url: `${ext}/bms-frame.html?panel=account&id=1`, tab: tab(), frameId: 4, documentId: 'doc-1' }, 'me', BMS);
    expect(f).toEqual({ kind: 'frame', tabId: 7, frameId: 4, owner: '7/4/doc-1' });
    expect(classifySender({ id: 'me', url: `${ext}/bms-frame.html`, tab: tab('https://evil.example.com/x'), frameId: 4 }, 'me', BMS)).toBeNull();
    expect(classifySender({ id: 'me', url: `${ext}/bms-frame.html`, tab: tab(), frameId: 0 }, 'me', BMS)).toBeNull();
    expect(classifySender({ id: 'me', url: `${ext}/bms-frame.html`, tab: tab(), frameId: 4 }, 'me', null)).toBeNull();
  });
  it('the content script: top frame of a BMS tab, by origin; a sandboxed (opaque) document or a sub-frame is refused', () => {
    expect(classifySender({ id: 'me', url: `${BMS}/x`, origin: BMS, tab: tab(), frameId: 0 }, 'me', BMS)?.kind).toBe('content');
    expect(classifySender({ id: 'me', url: `${BMS}/x`, tab: tab(), frameId: 0 }, 'me', BMS)?.kind).toBe('content'); // Firefox: no origin, the address says
    expect(classifySender({ id: 'me', url: `${BMS}/x`, origin: 'null', tab: tab(), frameId: 0 }, 'me', BMS)).toBeNull();
    expect(classifySender({ id: 'me', url: `${BMS}/x`, origin: BMS, tab: tab(), frameId: 2 }, 'me', BMS)).toBeNull();
    expect(classifySender({ id: 'me', url: 'https://bms.example.com:8443/x', tab: tab(), frameId: 0 }, 'me', BMS)).toBeNull();
    expect(classifySender({ id: 'other', url: `${BMS}/x`, origin: BMS, tab: tab(), frameId: 0 }, 'me', BMS)).toBeNull();
    expect(classifySender({ id: 'me', url: `${BMS}/x`, origin: BMS, frameId: 0 }, 'me', BMS)).toBeNull();
  });
});

describe('job events (LOW-7)', () => {
  it('views take job events from the background only', () => {
    expect(fromBackground({ id: 'me', url: 'chrome-extension://me/background.js' })).toBe(true);
    expect(fromBackground({ id: 'me', url: `${BMS}/x`, tab: { id: 7 } as never, frameId: 0 })).toBe(false);
    expect(fromBackground({ id: 'me', url: 'chrome-extension://me/bms-frame.html', tab: { id: 7 } as never, frameId: 3 })).toBe(false);
    expect(fromBackground({ id: 'other', url: 'chrome-extension://other/background.js' })).toBe(false);
    expect(fromBackground(undefined)).toBe(false);
  });
});
