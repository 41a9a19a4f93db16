import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * One build for every tenant: host access is requested at run time for the BMS and VSA origins the
 * admin configures (optional_host_permissions), and the BMS content script is registered then.
 *
 * `--mode sandbox` builds the same extension for the e2e tests and the demo, with the loopback
 * origins of the local sandbox granted up front: neither Chromium nor Firefox lets automation click
 * "Allow" in the permission prompt, and an already granted origin makes the request resolve at once.
 */
export default defineConfig({
  manifestVersion: 3,
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications', 'scripting'],
    host_permissions: mode === 'sandbox' ? ['http://127.0.0.1/*', 'http://localhost/*'] : [],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_extName__', default_icon: { 16: 'icon-16.png', 32: 'icon-32.png', 48: 'icon-48.png', 128: 'icon-128.png' } },
    icons: { 16: 'icon-16.png', 32: 'icon-32.png', 48: 'icon-48.png', 128: 'icon-128.png' },
    // the panel frames' document, and only it, may load inside a web page; the BMS origin is known at run
    // time only, so the frame renders once the background confirms its tab is on that origin. Chrome
    // gives it a per-session address (use_dynamic_url); Firefox's moz-extension host is per install.
    web_accessible_resources: [
      { resources: ['bms-frame.html'], matches: ['https://*/*', 'http://*/*'], ...(browser === 'firefox' ? {} : { use_dynamic_url: true }) },
    ],
    // AbortSignal.any (every API call's timeout joined with the caller's cancel) needs Chrome 116
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '116' }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'bms-vsa-sync@bms-vsa-sync.dev',
              // data_collection_permissions needs Firefox 140
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  // the build mode is part of the zip's name: a sandbox zip (loopback granted) never overwrites the product's
  zip: { artifactTemplate: '{{name}}-{{version}}-{{browser}}-{{mode}}.zip' },
  vite: () => ({
    plugins: [preact()],
  }),
});
