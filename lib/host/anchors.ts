/**
 * Where on a BMS page the extension places its panels, all in one table (W3). Each anchor lists
 * selectors for both generations (../shared/api-contract.md §8): legacy WebForms ids (`ctl00_ph…`)
 * and Telerik classes, React `psa-*` classes, then looser fallbacks. All of them are [assumed]: no
 * real tenant's markup for these pages is public. test/unit/host-fixtures.test.ts counts each one on
 * saved pages of both generations. When none matches, the panel docks at the page edge instead.
 * Record ids never come from data attributes: from the address, the form action or row links (W4).
 */
import { idFromAction, whereAmI, type LearnedPattern, type Where } from './routes';

export type AnchorName = 'accountTabs' | 'rmmPane' | 'assetGrid' | 'assetToolbar' | 'settingsTabs' | 'accountsSyncPane';

/** [assumed] every selector; most specific first, one generation's and the other's side by side */
export const ANCHORS: Record<AnchorName, string[]> = {
  /** the account page's tab strip: the page is one we know, even when the RMM Integration tab is not open */
  accountTabs: ['#ctl00_phContent_tsAccount', '.psa-account-view .psa-tabs[role="tablist"]', 'div.RadTabStrip[id$="_tsAccount"]', '[role="tablist"] > [role="tab"][id$="-tab-rmm-integration"]'],
  /** the open RMM Integration tab of an account */
  rmmPane: ['#ctl00_phContent_pvRMMIntegration', 'section.psa-tab-panel#psa-tabpanel-rmm-integration', 'div.rmpView[id$="_pvRMMIntegration"]', '[role="tabpanel"][id$="rmm-integration"]'],
  /** the Hardware Assets grid (the Sync buttons go into its rows) */
  assetGrid: ['#ctl00_phListing_rgAssets', '.psa-grid .psa-grid-table', 'div.RadGrid[id$="_rgAssets"]', 'table[aria-label="Hardware assets"]'],
  /** the toolbar of a hardware asset */
  assetToolbar: ['#ctl00_phContent_pnlToolbar', '.psa-asset-view .psa-asset-actions', '[id$="_pnlToolbar"]', '.psa-asset-view .psa-toolbar'],
  /** the tab strip of RMM Integration Settings */
  settingsTabs: ['#ctl00_phContent_tsSettings', '.psa-tabs[role="tablist"] > #psa-tab-accounts-synchronization', 'div.RadTabStrip[id$="_tsSettings"]', '[role="tablist"] > [role="tab"][id$="-tab-accounts-synchronization"]'],
  /** the open Accounts Synchronization tab of RMM Integration Settings */
  accountsSyncPane: ['#ctl00_phContent_pvAccountsSynchronization', 'section.psa-tab-panel#psa-tabpanel-accounts-synchronization', '[id$="_pvAccountsSynchronization"]', '[role="tabpanel"][id$="accounts-synchronization"]'],
};

/** the first selector of the anchor that matches, and how many elements it matches */
export function anchorMatches(root: ParentNode, name: AnchorName): Element[] {
  for (const sel of ANCHORS[name]) {
    const found = [...root.querySelectorAll(sel)];
    if (found.length) return found;
  }
  return [];
}

export function findAnchor(root: ParentNode, name: AnchorName): Element | null {
  return anchorMatches(root, name)[0] ?? null;
}

/** Resolves when the anchor appears (React pages render after navigation), or null after timeoutMs. */
export function waitForAnchor(doc: Document, names: AnchorName[], timeoutMs = 5000): Promise<{ name: AnchorName; el: Element } | null> {
  const look = () => {
    for (const name of names) {
      const el = findAnchor(doc, name);
      if (el) return { name, el };
    }
    return null;
  };
  const found = look();
  if (found || timeoutMs <= 0) return Promise.resolve(found);
  return new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      const hit = look();
      if (hit) {
        obs.disconnect();
        clearTimeout(timer);
        resolve(hit);
      }
    });
    obs.observe(doc.documentElement, { childList: true, subtree: true });
    const timer = setTimeout(() => {
      obs.disconnect();
      resolve(null);
    }, timeoutMs);
  });
}

/** the record id of the page: from its address, else from the legacy form's action (`#aspnetForm`) */
export function pageRecordId(doc: Document, where: Where, bmsWebUrl: string, learned: readonly LearnedPattern[] = [], base = doc.baseURI): number | null {
  if (where.id !== null) return where.id;
  const form = doc.getElementById('aspnetForm');
  return form?.tagName === 'FORM' ? idFromAction(form.getAttribute('action'), base, bmsWebUrl, learned) : null;
}

export interface AssetLink {
  /** the link to the asset's page: the Sync button goes right before it */
  link: HTMLAnchorElement;
  assetId: number;
}

/** every link in the page to a hardware asset's page, by its address (rows of the list, on any markup) */
export function assetLinks(root: ParentNode, baseUrl: string, bmsWebUrl: string, learned: readonly LearnedPattern[] = [], skip?: (el: Element) => boolean): AssetLink[] {
  const out: AssetLink[] = [];
  const seen = new Set<number>();
  for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    if (skip?.(a)) continue;
    let href: string;
    try {
      href = new URL(a.getAttribute('href') ?? '', baseUrl).href;
    } catch {
      continue;
    }
    const w = whereAmI(href, bmsWebUrl, learned);
    if (w?.page !== 'asset' || w.id === null || seen.has(w.id)) continue;
    seen.add(w.id);
    out.push({ link: a, assetId: w.id });
  }
  return out;
}

const LUMINANCE_DARK = 0.4;

/** [assumed] no theme attribute is known (§8): the page is dark when its computed background is, else the OS says (W6) */
export function pageTheme(doc: Document): 'light' | 'dark' {
  const win = doc.defaultView;
  for (const el of [doc.body, doc.documentElement]) {
    if (!el || !win) continue;
    const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)/.exec(win.getComputedStyle(el).backgroundColor);
    if (!m) continue;
    const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
    if (alpha < 0.5) continue;
    const [r, g, b] = [m[1], m[2], m[3]].map((x) => Number(x) / 255);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < LUMINANCE_DARK ? 'dark' : 'light';
  }
  return win?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** calls onChange when the page's theme changes (attributes of html/body, or the OS setting); returns the stop */
export function watchTheme(doc: Document, onChange: (t: 'light' | 'dark') => void): () => void {
  let last = pageTheme(doc);
  const check = () => {
    const now = pageTheme(doc);
    if (now !== last) {
      last = now;
      onChange(now);
    }
  };
  const obs = new MutationObserver(check);
  obs.observe(doc.documentElement, { attributes: true });
  if (doc.body) obs.observe(doc.body, { attributes: true });
  const mq = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
  mq?.addEventListener('change', check);
  return () => {
    obs.disconnect();
    mq?.removeEventListener('change', check);
  };
}

/** W5: whether the admin has typed into a form on the page (a reload would lose it) */
export function hasOpenForm(doc: Document, skip?: (el: Element) => boolean): boolean {
  for (const el of doc.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')) {
    if (skip?.(el)) continue;
    if (el instanceof HTMLSelectElement) {
      if ([...el.options].some((o) => o.selected !== o.defaultSelected)) return true;
    } else if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      if (el.checked !== el.defaultChecked) return true;
    } else if (!(el instanceof HTMLInputElement && ['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type)) && el.value !== el.defaultValue) {
      return true;
    }
  }
  return false;
}
