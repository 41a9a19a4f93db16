import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ConnectionService } from '@/lib/connections';
import { dispatch, type Envelope, type SenderKind } from '@/lib/messages';
import { syncContentScriptRegistration } from '@/lib/host/registration';
import { connectionsItem, getSecret, setSecret } from '@/lib/store/connections';
import { lastPushCheckItem, settingsItem } from '@/lib/store/settings';
import { syncContext } from '@/lib/sync/context';
import { IdbJournal } from '@/lib/store/journal-idb';
import { JobManager } from '@/lib/sync/manager';
import { attention } from '@/lib/sync/attention';

const RESUME_ALARM = 'bvs-resume';
// the sandbox build (tests, demo) checks more often, so a stopped worker is back within seconds
const RESUME_MINUTES = import.meta.env.MODE === 'sandbox' ? 0.05 : 0.5;
const PUSH_ALARM = 'bvs-push-new-accounts';
const PUSH_MINUTES = import.meta.env.MODE === 'sandbox' ? 0.1 : 5;
const SCHEDULE_ALARM = 'bvs-scheduled-sync';
const PANELS_FILE = '/bms-panels.js';

/** the notification in the browser's language (public/_locales), English when a key is missing */
function localized(a: ReturnType<typeof attention>, kind: string): string | null {
  const texts = a.parts.map((p) => browser.i18n.getMessage(p.key as never, [p.n] as never));
  if (!texts.length || texts.some((x) => !x)) return null;
  if (a.parts[0].key.startsWith('att_stopped_')) return texts[0];
  return `${browser.i18n.getMessage(`att_after_${kind}` as never) || kind}: ${texts.join('; ')}.`;
}

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
      jobs.forgetCache();
      await syncContentScriptRegistration(c.bms?.webUrl ?? null);
    },
  });

  /** jobs started by an alarm (scheduled sync, push of new accounts), not by an admin watching */
  const unattended = new Set<string>();
  const jobs = new JobManager(
    new IdbJournal(),
    syncContext,
    (progress) => {
      browser.runtime.sendMessage({ event: 'job.progress', progress }).catch(() => undefined); // no open view: fine
      if (progress.state === 'running' || progress.state === 'planned') return;
      // the badge counts what needs attention; a job that ends with errors or conflicts says so (B7, B8)
      const a = attention(progress, jobs.conflictsInList());
      void browser.action.setBadgeText({ text: a.count ? String(Math.min(a.count, 9999)) : '' });
      // the admin watches the jobs they start; notify for the ones that run on their own, and for any that stopped
      if (a.message && (unattended.has(progress.jobId) || progress.state === 'failed')) {
        unattended.delete(progress.jobId);
        void browser.notifications.create(`job-${progress.jobId}`, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon-128.png'),
          title: 'bms-vsa-sync',
          message: localized(a, progress.kind) ?? a.message,
        }).catch(() => undefined);
      }
    },
    (busy) => {
      if (busy) void browser.alarms.create(RESUME_ALARM, { periodInMinutes: RESUME_MINUTES });
      else void browser.alarms.clear(RESUME_ALARM);
    },
  );
  const pushNewAccounts = async () => {
    const s = await settingsItem.getValue();
    if (!s.pushNewAccounts) return;
    const since = await lastPushCheckItem.getValue();
    if (!since) {
      // only accounts created from now on are pushed
      await lastPushCheckItem.setValue(new Date().toISOString());
      return;
    }
    const { checkedAt, progress } = await jobs.planPushNew(since);
    if (progress) unattended.add(progress.jobId);
    await lastPushCheckItem.setValue(checkedAt);
  };
  let lastPageCheck = 0;
  const scheduleAlarms = async () => {
    const s = await settingsItem.getValue();
    if (s.pushNewAccounts) await browser.alarms.create(PUSH_ALARM, { periodInMinutes: PUSH_MINUTES });
    else await browser.alarms.clear(PUSH_ALARM);
    if (s.syncEveryMinutes > 0) await browser.alarms.create(SCHEDULE_ALARM, { periodInMinutes: Math.max(1, s.syncEveryMinutes) });
    else await browser.alarms.clear(SCHEDULE_ALARM);
  };
  browser.alarms.onAlarm.addListener((a) => {
    if (a.name === RESUME_ALARM) void jobs.resume();
    if (a.name === PUSH_ALARM) void pushNewAccounts().catch((e) => console.warn('[bms-vsa-sync] push of new accounts:', e));
    if (a.name === SCHEDULE_ALARM) {
      void jobs.planAssetSync({}).then((p) => {
        unattended.add(p.progress.jobId);
        return jobs.start(p.progress.jobId);
      }).catch((e) => console.warn('[bms-vsa-sync] scheduled sync:', e));
    }
  });
  settingsItem.watch(() => void scheduleAlarms());
  void scheduleAlarms();
  // a restarted worker picks up where the journal says it stopped
  void jobs.resume();

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
        'page.context': async () => {
          // an admin opened a BMS page: a good moment to look for new accounts (at most once a minute)
          if (Date.now() - lastPageCheck > 60_000) {
            lastPageCheck = Date.now();
            void pushNewAccounts().catch(() => undefined);
          }
          return { bmsWebUrl: (await connectionsItem.getValue()).bms?.webUrl ?? null };
        },
        'settings.get': () => settingsItem.getValue(),
        'settings.save': async (req) => {
          await settingsItem.setValue(req.settings);
          return { ok: true as const };
        },
        'job.planImport': (req) => jobs.planImport(req.selection),
        'job.planExport': (req) => jobs.planExport({ accountIds: req.accountIds }),
        'job.planAssetSync': (req) => jobs.planAssetSync({ orgId: req.orgId, agentId: req.agentId, force: req.force }),
        'mapping.neverMap': (req) => jobs.neverMap(req.orgId, req.accountId, req.on),
        'audit.export': () => jobs.auditCsv(),
        'job.planUndo': (req) => jobs.planUndo(req.jobId),
        'job.start': (req) => jobs.start(req.jobId),
        'job.progress': (req) => jobs.progress(req.jobId),
        'job.cancel': (req) => jobs.cancel(req.jobId),
        'job.retryFailed': (req) => jobs.retryFailed(req.jobId),
        'sync.overview': (req) => jobs.overview(req.refresh ?? false),
        'mapping.unlink': (req) => jobs.unlink(req.orgId),
        'mapping.warnings': (req) => jobs.warnings(req.orgId, req.accountId),
        'mapping.ackNames': (req) => jobs.ackNames(req.orgId),
        'mapping.ruleInfo': (req) => jobs.ruleInfo(req.orgId),
        'mapping.saveRule': (req) => jobs.saveRule(req.orgId, req.rule),
        'mappings.csvExport': () => jobs.mappingsCsv(),
        'mappings.csvImport': (req) => jobs.planCsvImport(req.csv),
        'audit.list': (req) => jobs.auditList(req.limit),
        'asset.sync': (req) => jobs.syncAsset(req.assetId),
        'account.mapping': (req) => jobs.accountMapping(req.accountId),
        'page.panels': async (_req, meta) => {
          if (meta.tabId === null) throw new Error('The panels go into a BMS tab only.');
          // the panels (Preact, components, protocol) load only into BMS pages that ask: the content script stays small
          await browser.scripting.executeScript({ target: { tabId: meta.tabId, frameIds: [meta.frameId ?? 0] }, files: [PANELS_FILE] });
          return { ok: true as const };
        },
      }, { tabId: sender.tab?.id ?? null, frameId: sender.frameId ?? null });
      sendResponse(reply);
    })();
    return true;
  });

  browser.permissions.onAdded.addListener(() => void syncRegistration());
  browser.permissions.onRemoved.addListener(() => void syncRegistration());
  browser.runtime.onInstalled.addListener(() => void syncRegistration());
  browser.runtime.onStartup.addListener(() => void syncRegistration());
});
