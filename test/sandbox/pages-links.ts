/**
 * Which generation of the replica BMS serves which page (the `pages` flag), and the addresses of
 * each generation's pages. Menus and row links always point at the generation that serves a page.
 *   legacy   every page is WebForms            react    every page is React (`/react/…`)
 *   mixed    accounts and asset detail legacy, the asset list and RMM settings React
 *   unseen   React addresses, markup the extension has never seen (no anchor matches)
 *   renamed  React markup at addresses no built-in route knows (the admin teaches them)
 */
export const PAGES_MODES = ['legacy', 'react', 'mixed', 'unseen', 'renamed'] as const;
export type PagesMode = (typeof PAGES_MODES)[number];
export type Gen = 'legacy' | 'react' | 'renamed';
export type Kind = 'accounts' | 'account' | 'assets' | 'asset' | 'settings';

const GEN: Record<PagesMode, Record<Kind, Gen>> = {
  legacy: { accounts: 'legacy', account: 'legacy', assets: 'legacy', asset: 'legacy', settings: 'legacy' },
  react: { accounts: 'react', account: 'react', assets: 'react', asset: 'react', settings: 'react' },
  mixed: { accounts: 'legacy', account: 'legacy', assets: 'react', asset: 'legacy', settings: 'react' },
  unseen: { accounts: 'react', account: 'react', assets: 'react', asset: 'react', settings: 'react' },
  renamed: { accounts: 'renamed', account: 'renamed', assets: 'renamed', asset: 'renamed', settings: 'renamed' },
};

const URLS: Record<Gen, { accounts: () => string; account: (id: number, tab?: string) => string; assets: (acc: number | null) => string; asset: (id: number) => string; settings: () => string }> = {
  legacy: {
    accounts: () => '/CRM/AccountsListing.aspx',
    account: (id) => `/CRM/AccountEdit.aspx?ID=${id}`,
    assets: (acc) => `/MSP/HardwareAssetsListing.aspx${acc ? `?AccountID=${acc}` : ''}`,
    asset: (id) => `/MSP/HardwareAssetEdit.aspx?ID=${id}`,
    settings: () => '/Administration/RMMIntegrationSettings.aspx',
  },
  react: {
    accounts: () => '/react/crm/accounts',
    account: (id, tab) => `/react/crm/accounts/${id}${tab ? `/${tab}` : ''}`,
    assets: (acc) => `/react/servicedesk/assets/hardware${acc ? `?accountId=${acc}` : ''}`,
    asset: (id) => `/react/servicedesk/assets/hardware/${id}`,
    settings: () => '/react/admin/servicedesk/rmm-integration-settings/accounts-synchronization',
  },
  renamed: {
    accounts: () => '/app/customers',
    account: (id, tab) => `/app/customers/${id}/${tab ?? 'locations'}`,
    assets: (acc) => `/app/devices${acc ? `?customer=${acc}` : ''}`,
    asset: (id) => `/app/devices/${id}`,
    settings: () => '/app/settings/rmm',
  },
};

export function pageLinks(mode: () => PagesMode) {
  const u = (k: Kind) => URLS[GEN[mode()][k]];
  return {
    accounts: () => u('accounts').accounts(),
    account: (id: number, tab?: string) => u('account').account(id, tab),
    assets: (acc: number | null) => u('assets').assets(acc),
    asset: (id: number) => u('asset').asset(id),
    settings: () => u('settings').settings(),
    /** the generation serving a kind of page, for the React shell's config */
    gen: (k: Kind) => GEN[mode()][k],
  };
}
export type PageLinks = ReturnType<typeof pageLinks>;
