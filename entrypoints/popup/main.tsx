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

render(<Popup ask={ask} subscribe={subscribeJobs} openOptions={() => browser.runtime.openOptionsPage()} />, document.getElementById('app')!);
