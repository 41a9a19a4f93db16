/**
 * Which BMS page an address shows (W1). Real BMS is path-routed, in two generations at once
 * (../shared/api-contract.md §8): legacy WebForms pages (`/CRM/…aspx?ID=`) and React pages under
 * `/react/…`. The exact addresses of the pages we attach to are not public, so every line of
 * CANDIDATES is [assumed], with example addresses; patterns an admin teaches (W2) come first.
 * An address that matches nothing is unknown: no page is ever the default.
 */
import { compilePattern, matchPattern, PatternError, type BmsPage, type CompiledPattern } from './patterns';

export type { BmsPage } from './patterns';
export type Generation = 'legacy' | 'react' | 'learned';

export interface Where {
  page: BmsPage;
  /** the account or asset number; null on pages without one, or when only the form action has it */
  id: number | null;
  /** the React tab segment, when the address has one (legacy tabs are postbacks: the DOM says) */
  tab: string | null;
  generation: Generation;
  /** the pattern that matched, for logs and the popup */
  pattern: string;
}

interface Candidate { page: BmsPage; generation: 'legacy' | 'react'; pattern: string; examples: string[] }

/** [assumed] every line: built after §8's confirmed shapes (`/MSP/TicketEdit.aspx?ID=`, `/react/servicedesk/tickets/{id}`) */
export const CANDIDATES: Candidate[] = [
  { page: 'account', generation: 'legacy', pattern: '/CRM/AccountEdit.aspx?ID={id}', examples: ['/CRM/AccountEdit.aspx?ID=1204'] },
  { page: 'account', generation: 'legacy', pattern: '/CRM/AccountDetails.aspx?ID={id}', examples: ['/CRM/AccountDetails.aspx?id=77'] },
  { page: 'account', generation: 'react', pattern: '/react/crm/accounts/{id}', examples: ['/react/crm/accounts/1204'] },
  { page: 'account', generation: 'react', pattern: '/react/crm/accounts/{id}/{tab}', examples: ['/react/crm/accounts/1204/rmm-integration', '/react/crm/accounts/9/locations'] },
  { page: 'asset-list', generation: 'legacy', pattern: '/MSP/HardwareAssetsListing.aspx', examples: ['/MSP/HardwareAssetsListing.aspx', '/MSP/HardwareAssetsListing.aspx?AccountID=12'] },
  { page: 'asset-list', generation: 'react', pattern: '/react/servicedesk/assets/hardware', examples: ['/react/servicedesk/assets/hardware', '/react/servicedesk/assets/hardware?accountId=12'] },
  { page: 'asset', generation: 'legacy', pattern: '/MSP/HardwareAssetEdit.aspx?ID={id}', examples: ['/MSP/HardwareAssetEdit.aspx?ID=5512'] },
  { page: 'asset', generation: 'react', pattern: '/react/servicedesk/assets/hardware/{id}', examples: ['/react/servicedesk/assets/hardware/5512'] },
  { page: 'rmm-settings', generation: 'legacy', pattern: '/Administration/RMMIntegrationSettings.aspx', examples: ['/Administration/RMMIntegrationSettings.aspx'] },
  { page: 'rmm-settings', generation: 'react', pattern: '/react/admin/servicedesk/rmm-integration-settings', examples: ['/react/admin/servicedesk/rmm-integration-settings'] },
  { page: 'rmm-settings', generation: 'react', pattern: '/react/admin/servicedesk/rmm-integration-settings/{tab}', examples: ['/react/admin/servicedesk/rmm-integration-settings/accounts-synchronization'] },
];

const BUILT_IN: (CompiledPattern & { generation: 'legacy' | 'react' })[] = CANDIDATES.map((c) => ({ ...compilePattern(c.page, c.pattern), generation: c.generation }));

/** a pattern the admin taught, as stored with the settings */
export interface LearnedPattern { page: BmsPage; pattern: string }

export interface PatternProblem { index: number; page: BmsPage; pattern: string; error: string }

/** compiles the taught patterns once: the good ones, and each bad one with the reason (it matches nothing) */
export function compileLearned(learned: readonly LearnedPattern[]): { compiled: CompiledPattern[]; problems: PatternProblem[] } {
  const compiled: CompiledPattern[] = [];
  const problems: PatternProblem[] = [];
  learned.forEach((l, index) => {
    try {
      compiled.push(compilePattern(l.page, l.pattern));
    } catch (e) {
      problems.push({ index, page: l.page, pattern: l.pattern, error: e instanceof PatternError ? e.message : String(e) });
    }
  });
  return { compiled, problems };
}

const cache = new WeakMap<readonly LearnedPattern[], CompiledPattern[]>();
function learnedOf(learned: readonly LearnedPattern[]): CompiledPattern[] {
  let c = cache.get(learned);
  if (!c) {
    c = compileLearned(learned).compiled;
    cache.set(learned, c);
  }
  return c;
}

function sameOrigin(url: URL, bmsWebUrl: string): boolean {
  try {
    return url.origin === new URL(bmsWebUrl).origin;
  } catch {
    return false;
  }
}

/** Which BMS page an address shows, or null when it is not one we know (or not on the BMS origin). */
export function whereAmI(href: string, bmsWebUrl: string | null, learned: readonly LearnedPattern[] = []): Where | null {
  if (!bmsWebUrl) return null;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (!sameOrigin(url, bmsWebUrl)) return null;
  for (const p of learnedOf(learned)) {
    const m = matchPattern(p, url);
    if (m) return { page: p.page, ...m, generation: 'learned', pattern: p.pattern };
  }
  for (const p of BUILT_IN) {
    const m = matchPattern(p, url);
    if (m) return { page: p.page, ...m, generation: p.generation, pattern: p.pattern };
  }
  return null;
}

/** the id a page's form posts to (legacy `#aspnetForm` action), read with the pattern that matched its address */
export function idFromAction(action: string | null, base: string, bmsWebUrl: string, learned: readonly LearnedPattern[] = []): number | null {
  if (!action) return null;
  try {
    return whereAmI(new URL(action, base).href, bmsWebUrl, learned)?.id ?? null;
  } catch {
    return null;
  }
}
