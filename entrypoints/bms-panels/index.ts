import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { accountRmmPanel } from '@/components/panels/AccountRmmPanel';
import { accountsSyncPanel } from '@/components/panels/AccountsSyncPanel';
import { assetDetailSync, assetListSync } from '@/components/panels/AssetSync';
import { pollJobs } from '@/components/panels/feature';
import { runFeatures } from '@/components/panels/runner';
import { statusChip } from '@/components/panels/StatusChip';
import { ask } from '@/lib/client';

/**
 * The in-page features, loaded by the background into a BMS tab when its content script asks
 * (page.panels). Runs in the content script's isolated world: it talks only to the background.
 */
export default defineUnlistedScript(async () => {
  const g = globalThis as unknown as { __bmsVsaSyncPanels?: boolean };
  if (g.__bmsVsaSyncPanels) return; // injected once per page
  g.__bmsVsaSyncPanels = true;
  let bmsWebUrl: string | null;
  try {
    ({ bmsWebUrl } = await ask({ type: 'page.context' }));
  } catch {
    return; // not the configured BMS origin: the background does not talk to us
  }
  if (!bmsWebUrl) return;
  runFeatures([statusChip, accountRmmPanel, assetListSync, assetDetailSync, accountsSyncPanel], { doc: document, win: window, ask, subscribe: pollJobs(ask) }, bmsWebUrl);
});
