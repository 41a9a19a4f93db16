import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ConnectionService } from '@/lib/connections';
import { dispatch, type Envelope, type SenderKind } from '@/lib/messages';
import { syncContentScriptRegistration } from '@/lib/host/registration';
import { connectionsItem, getSecret, setSecret } from '@/lib/store/connections';

/** Who sent a message: an extension page, the content script on the configured BMS origin, or nobody we trust. */
async function senderKind(sender: Browser.runtime.MessageSender): Promise<SenderKind | null> {
  if (sender.id !== browser.runtime.id) return null;
  const url = sender.url ?? '';
  if (url.startsWith(browser.runtime.getURL('/'))) return 'extension';
  if (!sender.tab) return null;
  const { bms } = await connectionsItem.getValue();
  try {
    if (bms && new URL(url).origin === new URL(bms.webUrl).origin) return 'content';
  } catch {
    return null;
  }
  return null;
}

export default defineBackground(() => {
  const connections = new ConnectionService({
    fetch: (input, init) => fetch(input, init),
    load: () => connectionsItem.getValue(),
    save: (c) => connectionsItem.setValue(c),
    getSecret,
    setSecret,
    hasPermission: (origin) => browser.permissions.contains({ origins: [origin] }),
    onSaved: async (c) => {
      await syncContentScriptRegistration(c.bms?.webUrl ?? null);
    },
  });

  const syncRegistration = async () => {
    const { bms } = await connectionsItem.getValue();
    await syncContentScriptRegistration(bms?.webUrl ?? null).catch((e) => console.error('[bms-vsa-sync] content script registration failed:', e));
  };

  browser.runtime.onMessage.addListener((msg: unknown, sender, sendResponse: (r: Envelope) => void) => {
    void (async () => {
      const kind = await senderKind(sender);
      const reply = await dispatch(msg, kind, {
        'connections.get': () => connections.get(),
        'connections.save': (req) => connections.save(req),
        'connections.test': (req) => connections.test(req.system),
        'connections.status': (req) => connections.status(req.refresh ?? false),
        'page.context': async () => ({ bmsWebUrl: (await connectionsItem.getValue()).bms?.webUrl ?? null }),
      });
      sendResponse(reply);
    })();
    return true;
  });

  browser.permissions.onAdded.addListener(() => void syncRegistration());
  browser.permissions.onRemoved.addListener(() => void syncRegistration());
  browser.runtime.onInstalled.addListener(() => void syncRegistration());
  browser.runtime.onStartup.addListener(() => void syncRegistration());
});
