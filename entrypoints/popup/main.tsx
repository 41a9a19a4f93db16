import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '@/components/Popup';
import { baseCss } from '@/components/styles';
import { ask } from '@/lib/client';
import { subscribeJobs } from '@/lib/events';

document.documentElement.lang = browser.i18n.getUILanguage().split('-')[0] || 'en';
const style = document.createElement('style');
style.textContent = `${baseCss} body { margin: 0; background: var(--bvs-bg); }`;
document.head.append(style);

/** the tab the admin opened the popup on; when the popup is itself a tab, the web tab used last */
async function currentUrl(): Promise<string | null> {
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (active?.url && /^https?:/.test(active.url)) return active.url;
  const web = (await browser.tabs.query({})).filter((t) => t.url && /^https?:/.test(t.url));
  web.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return web[0]?.url ?? null;
}

render(<Popup ask={ask} subscribe={subscribeJobs} openOptions={() => browser.runtime.openOptionsPage()} currentUrl={currentUrl} />, document.getElementById('app')!);
