import { render } from 'preact';
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { CapabilitiesView } from '@/components/CapabilitiesView';
import { ConnectionsForm } from '@/components/ConnectionsForm';
import { SettingsForm } from '@/components/SettingsForm';
import { baseCss } from '@/components/styles';
import { ask } from '@/lib/client';
import { t } from '@/lib/i18n';

document.documentElement.lang = browser.i18n.getUILanguage().split('-')[0] || 'en';
const style = document.createElement('style');
style.textContent = `${baseCss} body { margin: 0; background: var(--bvs-bg); } main { max-width: 640px; margin: 0 auto; padding: 20px; }`;
document.head.append(style);

/** bumped after a save or a test: the capability view reads the record again (waiting for the probe they started) */
const probed = signal(0);

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
          probed.value++;
        },
        test: async (system) => {
          const s = await ask({ type: 'connections.test', system });
          probed.value++;
          return s;
        },
      }}
    />
    <CapabilitiesView api={{ get: () => ask({ type: 'capabilities.get' }), probe: () => ask({ type: 'capabilities.probe' }) }} reload={probed} />
    <SettingsForm ask={ask} />
  </main>,
  document.getElementById('app')!,
);
