import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupHome } from '@/components/PopupHome';
import { baseCss } from '@/components/styles';
import { ask } from '@/lib/client';

document.documentElement.lang = browser.i18n.getUILanguage().split('-')[0] || 'en';
const style = document.createElement('style');
style.textContent = baseCss;
document.head.append(style);

render(
  <PopupHome
    status={(refresh) => ask({ type: 'connections.status', refresh })}
    openOptions={() => browser.runtime.openOptionsPage()}
  />,
  document.getElementById('app')!,
);
