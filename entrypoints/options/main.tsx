import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ConnectionsForm } from '@/components/ConnectionsForm';
import { SettingsForm } from '@/components/SettingsForm';
import { baseCss } from '@/components/styles';
import { ask } from '@/lib/client';
import { t } from '@/lib/i18n';

document.documentElement.lang = browser.i18n.getUILanguage().split('-')[0] || 'en';
const style = document.createElement('style');
style.textContent = `${baseCss} body { margin: 0; background: var(--bvs-bg); } main { max-width: 640px; margin: 0 auto; padding: 20px; }`;
document.head.append(style);

render(
  <main class="bvs">
    <h1 id="title">{t('settingsTitle')}</h1>
    <p class="muted">{t('settingsIntro')}</p>
    <ConnectionsForm
      api={{
        load: () => ask({ type: 'connections.get' }),
        requestOrigins: (origins) => browser.permissions.request({ origins }),
        save: async (req) => {
          await ask(req);
        },
        test: (system) => ask({ type: 'connections.test', system }),
      }}
    />
    <SettingsForm ask={ask} />
  </main>,
  document.getElementById('app')!,
);
