/**
 * All knowledge of BMS web pages lives in lib/host: this file holds the route table. The real
 * tenant's routes are [assumed] (../shared/api-contract.md, "BMS web pages"); each is one line here.
 */
export type BmsPage = 'crm-accounts' | 'crm-account' | 'hardware-assets' | 'hardware-asset' | 'accounts-sync';
export type AccountTab = 'details' | 'locations' | 'departments' | 'rmm-integration';

export interface Where {
  page: BmsPage;
  accountId?: number;
  tab?: AccountTab;
  assetId?: number;
}

const ROUTES: { page: BmsPage; re: RegExp; params?: (m: RegExpExecArray) => Partial<Where> }[] = [
  { page: 'crm-accounts', re: /^\/crm\/accounts\/?$/ },
  {
    page: 'crm-account',
    re: /^\/crm\/accounts\/(\d+)(?:\/(details|locations|departments|rmm-integration))?\/?$/,
    params: (m) => ({ accountId: Number(m[1]), tab: (m[2] as AccountTab | undefined) ?? 'details' }),
  },
  { page: 'hardware-assets', re: /^\/servicedesk\/assets\/hardware\/?$/ },
  { page: 'hardware-asset', re: /^\/servicedesk\/assets\/hardware\/(\d+)\/?$/, params: (m) => ({ assetId: Number(m[1]) }) },
  { page: 'accounts-sync', re: /^\/admin\/servicedesk\/rmm-integration\/accounts-sync\/?$/ },
];

/** Which BMS page a URL shows, or null when it is not a BMS page we know (or not on the BMS origin). */
export function whereAmI(href: string, bmsWebUrl: string | null): Where | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (!bmsWebUrl) return null;
  try {
    if (url.origin !== new URL(bmsWebUrl).origin) return null;
  } catch {
    return null;
  }
  const hash = url.hash.replace(/^#/, '');
  const path = (hash.split('?')[0] || '/crm/accounts').replace(/\/{2,}/g, '/');
  for (const r of ROUTES) {
    const m = r.re.exec(path);
    if (m) return { page: r.page, ...(r.params ? r.params(m) : {}) };
  }
  return null;
}
