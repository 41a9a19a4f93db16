/**
 * The DOM anchors the extension attaches to on BMS pages, all in one table. Each anchor lists
 * selectors from most to least specific, so a small markup change falls back instead of breaking;
 * when none matches, the caller does not inject and reports it once.
 */
export type AnchorName = 'topbar' | 'accountTabs' | 'rmmIntegrationPane' | 'assetGrid' | 'assetDetailActions' | 'accountsSync';

export const ANCHORS: Record<AnchorName, string[]> = {
  topbar: ['header.bms-topbar', 'header[role="banner"]', 'body > header'],
  accountTabs: ['.bms-account ul.bms-tabs[role="tablist"]', '[role="tablist"]'],
  rmmIntegrationPane: ['.bms-tab-pane[data-tab="rmm-integration"]', '[role="tabpanel"][data-tab="rmm-integration"]'],
  assetGrid: ['[data-bms-grid="hardware-assets"] table', 'table[aria-label="Hardware assets"]'],
  assetDetailActions: ['.bms-asset .bms-asset-actions', '.bms-asset'],
  accountsSync: ['.bms-accounts-sync', '[data-bms-grid="accounts-sync"]'],
};

export function findAnchor(root: ParentNode, name: AnchorName): Element | null {
  for (const sel of ANCHORS[name]) {
    const el = root.querySelector(sel);
    if (el) return el;
  }
  return null;
}

/** Resolves when the anchor appears (SPA pages render after navigation), or null after timeoutMs. */
export function waitForAnchor(root: Document, name: AnchorName, timeoutMs = 5000): Promise<Element | null> {
  const found = findAnchor(root, name);
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      const el = findAnchor(root, name);
      if (el) {
        obs.disconnect();
        clearTimeout(timer);
        resolve(el);
      }
    });
    obs.observe(root.documentElement, { childList: true, subtree: true });
    const timer = setTimeout(() => {
      obs.disconnect();
      resolve(null);
    }, timeoutMs);
  });
}
