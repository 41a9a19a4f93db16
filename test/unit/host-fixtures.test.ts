// @vitest-environment happy-dom
/**
 * lib/host against saved BMS pages (test/fixtures, captured from the replica by capture.mts): every
 * anchor is found on its page, survives small markup changes (class names gone) through its fallbacks,
 * and fails softly (null, reported once, page untouched) when the markup is really different.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { assetDetail, assetRows, findAnchor, type AnchorName } from '@/lib/host/anchors';
import { runFeatures } from '@/components/panels/runner';
import type { PanelFeature } from '@/components/panels/feature';

const load = (name: string) => new DOMParser().parseFromString(readFileSync(`${process.cwd()}/test/fixtures/${name}.html`, "utf8"), 'text/html');
/** the same page with every class attribute removed: a redesign that keeps roles, ids and data attributes */
const unclassed = (name: string) => {
  const doc = load(name);
  doc.querySelectorAll('[class]').forEach((e) => e.removeAttribute('class'));
  return doc;
};

const EXPECT: Record<string, AnchorName[]> = {
  'crm-accounts': ['topbar'],
  'crm-account-rmm': ['topbar', 'accountTabs', 'rmmIntegrationPane'],
  'hardware-assets': ['topbar', 'assetGrid', 'assetRow'],
  'hardware-asset': ['topbar', 'assetDetail', 'assetDetailActions'],
  'accounts-sync': ['topbar', 'accountsSync'],
};

describe('anchors on saved BMS pages', () => {
  for (const [page, anchors] of Object.entries(EXPECT)) {
    it(`${page}: every anchor is found, also without class names`, () => {
      for (const doc of [load(page), unclassed(page)]) {
        for (const a of anchors) expect(findAnchor(doc, a), `${page} ${a}`).not.toBeNull();
      }
    });
  }
  it('anchors of other pages are not found where they do not belong', () => {
    expect(findAnchor(load('crm-accounts'), 'rmmIntegrationPane')).toBeNull();
    expect(findAnchor(load('hardware-assets'), 'accountsSync')).toBeNull();
    expect(findAnchor(load('accounts-sync'), 'assetRow')).toBeNull();
  });
  it('reads asset ids and agent ids from the list and the detail page', () => {
    for (const doc of [load('hardware-assets'), unclassed('hardware-assets')]) {
      const rows = assetRows(doc);
      expect(rows.length).toBeGreaterThan(5);
      expect(rows.every((r) => Number.isInteger(r.assetId) && r.slot.tagName === 'TD')).toBe(true);
      expect(rows.some((r) => r.agentId !== null)).toBe(true);
      expect(rows.some((r) => r.agentId === null)).toBe(true); // printers: no VSA agent
    }
    const d = assetDetail(load('hardware-asset'))!;
    expect(d.assetId).toBeGreaterThan(0);
    expect(d.agentId).toMatch(/^\d+$/);
    expect(d.slot.className).toContain('bms-asset-actions');
    expect(assetDetail(unclassed('hardware-asset'))?.assetId).toBe(d.assetId);
  });
  it('a really different page: anchors are null, the feature is skipped and reported once, nothing thrown', async () => {
    const doc = load('crm-account-rmm');
    doc.querySelectorAll('[data-tab], [role="tabpanel"]').forEach((e) => {
      e.removeAttribute('data-tab');
      e.removeAttribute('role');
    });
    expect(findAnchor(doc, 'rmmIntegrationPane')).toBeNull();
    // run the features on this page in the live document
    document.body.replaceWith(document.importNode(doc.body, true));
    const attach = vi.fn(() => () => undefined);
    const feature: PanelFeature = { id: 'account-rmm', pages: ['crm-account'], anchor: 'rmmIntegrationPane', attach };
    const log = vi.fn();
    const win = { location: new URL('https://bms.example.com/#/crm/accounts/3/rmm-integration'), addEventListener: () => undefined, removeEventListener: () => undefined, setInterval: () => 0, clearInterval: () => undefined } as unknown as Window;
    const stop = runFeatures([feature], { doc: document, win, ask: vi.fn() as never, subscribe: () => () => undefined }, 'https://bms.example.com', log, 50);
    await new Promise((r) => setTimeout(r, 120));
    expect(attach).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toContain('account-rmm');
    expect(document.documentElement.getAttribute('data-bms-vsa-sync-route')).toBe('crm-account');
    stop();
  });
});
