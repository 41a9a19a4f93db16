/**
 * The DOM anchors the extension attaches to on BMS pages, all in one table. Each anchor lists
 * selectors from most to least specific, so a small markup change falls back instead of breaking;
 * when none matches, the caller does not inject and reports it once.
 */
export type AnchorName = 'topbar' | 'accountTabs' | 'rmmIntegrationPane' | 'assetGrid' | 'assetDetailActions' | 'accountsSync' | 'assetRow' | 'assetDetail';

export const ANCHORS: Record<AnchorName, string[]> = {
  topbar: ['header.bms-topbar', 'header[role="banner"]', 'body > header'],
  accountTabs: ['.bms-account ul.bms-tabs[role="tablist"]', '[role="tablist"]'],
  rmmIntegrationPane: ['.bms-tab-pane[data-tab="rmm-integration"]', '[role="tabpanel"][data-tab="rmm-integration"]'],
  assetGrid: ['[data-bms-grid="hardware-assets"] table', 'table[aria-label="Hardware assets"]'],
  assetDetailActions: ['.bms-asset .bms-asset-actions', '.bms-asset', 'section[data-asset-id]'],
  accountsSync: ['.bms-accounts-sync', '[data-bms-grid="accounts-sync"]'],
  /** one row per hardware asset in the list, carrying the asset id (and the agent id when the integration made it) */
  assetRow: ['[data-bms-grid="hardware-assets"] tbody tr[data-asset-id]', 'table[aria-label="Hardware assets"] tbody tr[data-asset-id]'],
  assetDetail: ['.bms-asset[data-asset-id]', '[data-asset-id].bms-card', 'section[data-asset-id]'],
};

/** the attributes BMS puts on asset rows and the asset card [assumed for the real tenant] */
const ASSET_ID_ATTR = 'data-asset-id';
const AGENT_ID_ATTR = 'data-agent-id';

export interface AssetSpot {
  /** the row or card of the asset */
  el: Element;
  assetId: number;
  /** the VSA agent behind the asset; null for an asset not made by the integration */
  agentId: string | null;
  /** where a Sync button goes: the row's first cell, or the detail page's toolbar */
  slot: Element;
}

function spot(el: Element, slot: Element | null): AssetSpot | null {
  const id = Number(el.getAttribute(ASSET_ID_ATTR));
  if (!Number.isInteger(id) || id < 1 || !slot) return null;
  const agent = el.getAttribute(AGENT_ID_ATTR);
  return { el, assetId: id, agentId: agent && agent.trim() ? agent.trim() : null, slot };
}

/** every asset row of the Hardware Assets list, with where its Sync button goes */
export function assetRows(root: ParentNode): AssetSpot[] {
  for (const sel of ANCHORS.assetRow) {
    const rows = [...root.querySelectorAll(sel)];
    if (rows.length) return rows.map((r) => spot(r, r.querySelector('td'))).filter((x): x is AssetSpot => x !== null);
  }
  return [];
}

/** the asset of the asset detail page, with its toolbar */
export function assetDetail(root: ParentNode): AssetSpot | null {
  const card = findAnchor(root, 'assetDetail');
  return card ? spot(card, findAnchor(card, 'assetDetailActions') ?? findAnchor(root, 'assetDetailActions')) : null;
}

/** the page's own theme (BMS sets data-theme on <html>) */
export function pageTheme(doc: Document): 'light' | 'dark' {
  return doc.documentElement.getAttribute('data-theme') === 'dark' ? 'dark' : 'light';
}

export function watchTheme(doc: Document, onChange: (t: 'light' | 'dark') => void): () => void {
  const obs = new MutationObserver(() => onChange(pageTheme(doc)));
  obs.observe(doc.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => obs.disconnect();
}

/** asks BMS to draw the current page again (after a sync changed what it shows), without a reload */
export function refreshView(win: Window): void {
  win.dispatchEvent(new HashChangeEvent('hashchange', { oldURL: win.location.href, newURL: win.location.href }));
}

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
