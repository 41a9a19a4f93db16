import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ConnectionService } from '@/lib/connections';
import { dispatch, type Envelope } from '@/lib/messages';
import { classifySender, originOf, type Sender, type SenderInfo } from '@/lib/senders';
import { syncContentScriptRegistration } from '@/lib/host/registration';
import { loadCapabilities, saveCapabilities } from '@/lib/store/capabilities';
import { connectionsItem, getSecret, setSecret } from '@/lib/store/connections';
import { lastPruneItem, lastPushCheckItem, retentionOf, settingsItem, withDefaults } from '@/lib/store/settings';
import { forgetContext, syncContext } from '@/lib/sync/context';
import { billingReport } from '@/lib/sync/billing-report';
import { clearSessionTokens } from '@/lib/store/tokens';
import { releaseUnusedHosts } from '@/lib/host-access';
import { IdbJournal } from '@/lib/store/journal-idb';
import { JobManager } from '@/lib/sync/manager';
import { singleFlight } from '@/lib/sync/single-flight';
import { isolate } from '@/lib/i18n';
import { attention } from '@/lib/sync/attention';
import { FrameOwners } from '@/lib/frame-owners';
import { FRAME_JOBS_PORT, FrameJobPorts, type PortLike } from '@/lib/frame-jobs';
import { frameSearch, FrameVouches } from '@/lib/frame-vouch';

const RESUME_ALARM = 'bvs-resume';
// the sandbox build (tests, demo) checks more often, so a stopped worker is back within seconds
const RESUME_MINUTES = import.meta.env.MODE === 'sandbox' ? 0.05 : 0.5;
const PUSH_ALARM = 'bvs-push-new-accounts';
const PUSH_MINUTES = import.meta.env.MODE === 'sandbox' ? 0.1 : 5;
const SCHEDULE_ALARM = 'bvs-scheduled-sync';
// the journal's clean-up (LOW-4): twice a day, and a minute after the alarm is first made
const PRUNE_ALARM = 'bvs-prune';
const PRUNE_MINUTES = 720;

/** the notification in the browser's language (public/_locales), English when a key is missing */
function localized(a: ReturnType<typeof attention>, kind: string, note?: { noteKey: string | null; noteArgs: string[] }): string | null {
  // a stopped job's note in the admin's language too, when it has a key
  const noteText = note?.noteKey ? browser.i18n.getMessage(note.noteKey as never, note.noteArgs.map(isolate) as never) : '';
  const texts = a.parts.map((p) => browser.i18n.getMessage(p.key as never, [p.key.startsWith('att_stopped_') && noteText ? noteText : p.n] as never));
  if (!texts.length || texts.some((x) => !x)) return null;
  if (a.parts[0].key.startsWith('att_stopped_')) return texts[0];
  return `${browser.i18n.getMessage(`att_after_${kind}` as never) || kind}: ${texts.join('; ')}.`;
}

/** who sent a message: lib/senders.ts decides, against the configured BMS origin (LOW-2) */
async function senderOf(sender: Browser.runtime.MessageSender): Promise<Sender | null> {
  return classifySender(sender as SenderInfo, browser.runtime.id, originOf((await connectionsItem.getValue()).bms?.webUrl));
}

/** replies to BMS pages carry no server address and no user name (HIGH-1), not even inside an error text */
async function scrubber(): Promise<(v: unknown) => unknown> {
  const c = await connectionsItem.getValue();
  const secrets = [c.vsa?.url, c.bms?.url, c.vsa?.user, c.bms?.user, c.bms?.tenant]
    .flatMap((x) => (x ? [x, originOf(x) ? new URL(x).host : x] : []))
    .filter((x): x is string => typeof x === 'string' && x.length >= 3)
    .sort((a, b) => b.length - a.length);
  return (v) => {
    if (!secrets.length) return v;
    let text = JSON.stringify(v);
    for (const x of secrets) {
      const lit = JSON.stringify(x).slice(1, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      text = text.replace(new RegExp(`(?<![\\w.@-])${lit}(?![\\w@-]|\\.\\w)`, 'gi'), '…');
    }
    return JSON.parse(text) as unknown;
  };
}

export default defineBackground(() => {
  const connections = new ConnectionService({
    fetch: (input, init) => fetch(input, init),
    load: () => connectionsItem.getValue(),
    save: (c) => connectionsItem.setValue(c),
    getSecret,
    setSecret,
    hasPermission: (origin) => browser.permissions.contains({ origins: [origin] }),
    capabilities: { load: loadCapabilities, save: saveCapabilities },
    onSaved: async (c) => {
      jobs.forgetCache();
      // new or removed credentials: no client or session token of the old ones is used again (LOW-6)
      forgetContext();
      await clearSessionTokens();
      // hosts of servers no longer configured are given back (LOW-8)
      await releaseUnusedHosts(c, browser.permissions, browser.runtime.getManifest().host_permissions ?? []).catch((e) => console.warn('[bms-vsa-sync] host permissions not given back:', e));
      await syncContentScriptRegistration(c.bms?.webUrl ?? null);
    },
  });

  /** jobs started by an alarm (scheduled sync, push of new accounts), not by an admin watching */
  const unattended = new Set<string>();
  const journal = new IdbJournal();
  /** jobs planned by a panel frame: started, watched or undone only by the frame that planned them */
  const owners = new FrameOwners();
  const framePorts = new FrameJobPorts({ ownerOf: (id) => owners.ownerOf(id), scrub: scrubber });
  const jobs = new JobManager(
    journal,
    syncContext,
    (progress) => {
      browser.runtime.sendMessage({ event: 'job.progress', progress }).catch(() => undefined); // no open view: fine
      framePorts.publish(progress); // the panel frames hear only their own jobs, over their ports
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
          message: localized(a, progress.kind, progress) ?? a.message,
        }).catch(() => undefined);
      }
    },
    (busy) => {
      if (busy) void browser.alarms.create(RESUME_ALARM, { periodInMinutes: RESUME_MINUTES });
      else void browser.alarms.clear(RESUME_ALARM);
    },
  );
  // one check at a time: the alarm and a BMS page opening at once share one run (LOW-5)
  const pushNewAccounts = singleFlight(async () => {
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
  });
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
        // nobody watches a scheduled run: one that would deactivate too much stops before writing (MEDIUM-3)
        return jobs.start(p.progress.jobId, { unattended: true });
      }).catch((e) => console.warn('[bms-vsa-sync] scheduled sync:', e));
    }
  });
  // old history goes as the settings say (never a running job, nor one Undo or Retry may still need)
  const prune = singleFlight(async () => {
    const r = await journal.prune(retentionOf(await settingsItem.getValue()));
    await lastPruneItem.setValue({ at: Date.now(), ...r });
  });
  browser.alarms.onAlarm.addListener((a) => {
    if (a.name === PRUNE_ALARM) void prune().catch((e) => console.warn('[bms-vsa-sync] journal clean-up:', e));
  });
  // an alarm outlives the worker (not always a browser restart): made again only when missing, so its period holds
  void browser.alarms.get(PRUNE_ALARM).then(async (a) => {
    if (!a) await browser.alarms.create(PRUNE_ALARM, { delayInMinutes: 1, periodInMinutes: PRUNE_MINUTES });
  });
  settingsItem.watch(() => void scheduleAlarms());
  void scheduleAlarms();
  // a restarted worker picks up where the journal says it stopped
  void jobs.resume();

  const syncRegistration = async () => {
    const { bms } = await connectionsItem.getValue();
    await syncContentScriptRegistration(bms?.webUrl ?? null).catch((e) => console.error('[bms-vsa-sync] content script registration failed:', e));
  };

  const newestOwned = async (owner: string | null) => {
    const id = owners.newest(owner);
    return id ? jobs.progress(id) : null;
  };
  /** frames the content script of their tab vouched for (lib/frame-vouch.ts); the others get nothing but the handshake */
  const vouches = new FrameVouches();
  const HANDSHAKE = new Set(['frame.hello', 'frame.ready']);
  /** the sandbox build (e2e) keeps what BMS pages and frames sent, for the hostile-page test to count */
  const pageLog: { at: number; kind: string | null; type: string; ok: boolean; tabId: number | null; frameId: number | null }[] = [];
  const logPage = (entry: (typeof pageLog)[number]) => {
    if (import.meta.env.MODE !== 'sandbox') return;
    pageLog.push(entry);
    if (pageLog.length > 500) pageLog.shift();
    void browser.storage.session.set({ 'sandbox:pageMessages': pageLog }).catch(() => undefined);
  };
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== FRAME_JOBS_PORT || !port.sender) return port.disconnect();
    let open = true;
    port.onDisconnect.addListener(() => (open = false));
    void senderOf(port.sender).then(async (from) => {
      const ok = from?.kind === 'frame' && vouches.isVouched(from.owner);
      logPage({ at: Date.now(), kind: from?.kind ?? null, type: 'port', ok, tabId: port.sender?.tab?.id ?? null, frameId: port.sender?.frameId ?? null });
      if (!ok || !from?.owner) return port.disconnect();
      const newest = await newestOwned(from.owner).catch(() => null);
      if (open) framePorts.add(port as unknown as PortLike, from.owner, newest);
    });
  });

  browser.runtime.onMessage.addListener((msg: unknown, sender, sendResponse: (r: Envelope) => void) => {
    void (async () => {
      const from = await senderOf(sender);
      const kind = from?.kind ?? null;
      const mine = (jobId: string | undefined) => owners.check(kind, from?.owner, jobId);
      const type = String((msg as { type?: unknown } | null)?.type ?? '').slice(0, 40);
      const unvouched = kind === 'frame' && !HANDSHAKE.has(type) && !vouches.isVouched(from?.owner);
      const reply: Envelope = unvouched ? { ok: false, error: 'This panel was not placed by the extension on this page.', code: 'forbidden' } : await dispatch(msg, kind, {
        'connections.get': () => connections.get(),
        'connections.save': (req) => connections.save(req),
        'connections.test': async (req) => {
          const state = await connections.test(req.system);
          // Test connection also checks again what the tenant supports (capabilities.get waits for it)
          if (state.state === 'ok') void connections.probe().then(() => jobs.forgetCache()).catch((e) => console.warn('[bms-vsa-sync] capability probe failed:', e));
          return state;
        },
        'connections.status': (req) => connections.status(req.refresh ?? false),
        'frame.hello': async () => ({ bmsOrigin: originOf((await connectionsItem.getValue()).bms?.webUrl)!, nonce: vouches.issue(from!.owner!, from!.tabId!, frameSearch(sender.url) ?? '') }),
        'frame.vouch': async (req) => {
          if (!vouches.vouch(req.nonce, from!.tabId!, req.search)) throw Object.assign(new Error('No panel of this tab waits for that.'), { code: 'forbidden' });
          return { ok: true as const };
        },
        'frame.ready': async () => {
          if (!(await vouches.wait(from!.owner!, 5000))) throw Object.assign(new Error('This panel was not placed by the extension on this page.'), { code: 'forbidden' });
          return { ok: true as const };
        },
        'capabilities.get': () => connections.capabilities(),
        'capabilities.probe': async () => {
          const rec = await connections.probe();
          jobs.forgetCache();
          return rec;
        },
        'page.context': async () => {
          // an admin opened a BMS page: a good moment to look for new accounts (at most once a minute)
          if (Date.now() - lastPageCheck > 60_000) {
            lastPageCheck = Date.now();
            void pushNewAccounts().catch(() => undefined);
          }
          return { bmsWebUrl: (await connectionsItem.getValue()).bms?.webUrl ?? null, learned: (await settingsItem.getValue()).learnedPages ?? [] };
        },
        'settings.get': async () => withDefaults(await settingsItem.getValue()),
        'settings.save': async (req) => {
          await settingsItem.setValue(req.settings);
          return { ok: true as const };
        },
        'job.planImport': (req) => jobs.planImport(req.selection),
        'job.planExport': (req) => jobs.planExport({ accountIds: req.accountIds }),
        'job.planAssetSync': (req) => jobs.planAssetSync({ orgId: req.orgId, agentId: req.agentId, force: req.force }),
        'mapping.neverMap': (req) => jobs.neverMap(req.orgId, req.accountId, req.on),
        'audit.export': () => jobs.auditCsv(),
        'billing.report': async () => billingReport(await syncContext()),
        'job.planUndo': (req) => jobs.planUndo(mine(req.jobId)),
        'relink.accept': (req) => jobs.acceptRelink(mine(req.jobId)!, req.newAgentId),
        'relink.reject': (req) => jobs.rejectRelink(mine(req.jobId)!, req.newAgentId),
        'mapping.assetsOff': async (req) => {
          const s = withDefaults(await settingsItem.getValue());
          const off = new Set(s.assetsOffOrgs);
          if (req.on) off.add(req.orgId);
          else off.delete(req.orgId);
          await settingsItem.setValue({ ...s, assetsOffOrgs: [...off] });
          return { ok: true as const };
        },
        'orphans.list': () => jobs.orphans(),
        'orphans.deactivate': (req) => jobs.deactivateOrphan(req.agentId),
        // only an extension page (the popup's confirmation) can say yes to a mass deactivation
        'job.start': (req) => jobs.start(mine(req.jobId)!, { confirmed: req.confirmed === true && kind === 'extension' }),
        'job.progress': (req) => (kind === 'frame' && !req.jobId ? Promise.resolve(newestOwned(from!.owner)) : jobs.progress(mine(req.jobId))),
        'job.cancel': (req) => jobs.cancel(mine(req.jobId)!),
        'job.retryFailed': (req) => jobs.retryFailed(mine(req.jobId)!),
        'sync.overview': (req) => jobs.overview(req.refresh ?? false),
        'mapping.unlink': (req) => jobs.unlink(req.orgId),
        'mapping.warnings': (req) => jobs.warnings(req.orgId, req.accountId, req.action),
        'mapping.ackNames': (req) => jobs.ackNames(req.orgId),
        'mapping.ruleInfo': (req) => jobs.ruleInfo(req.orgId),
        'mapping.saveRule': (req) => jobs.saveRule(req.orgId, req.rule),
        'mappings.csvExport': () => jobs.mappingsCsv(),
        'mappings.csvImport': (req) => jobs.planCsvImport(req.csv),
        'audit.list': async (req) => {
          const k = retentionOf(await settingsItem.getValue());
          return { ...(await jobs.auditList(req.limit)), kept: { jobsDays: k.keepJobsDays, jobsCount: k.keepJobsCount, auditDays: k.keepAuditDays, lastPrune: await lastPruneItem.getValue() } };
        },
        'asset.sync': (req) => jobs.syncAsset(req.assetId),
        // a frame gets this account's suggestions, never the list of every free org
        'account.mapping': async (req) => {
          const m = await jobs.accountMapping(req.accountId);
          return kind === 'extension' ? m : { ...m, suggestions: m.suggestions.slice(0, 10), freeOrgs: [] };
        },
      }, { tabId: from?.tabId ?? null, frameId: from?.frameId ?? null, kind: kind ?? undefined, owner: from?.owner ?? null });
      if (kind === 'frame' && reply.ok) owners.own(reply.reply, from!.owner!);
      if (kind !== 'extension') logPage({ at: Date.now(), kind, type, ok: reply.ok, tabId: sender.tab?.id ?? null, frameId: sender.frameId ?? null });
      sendResponse(kind === 'extension' || !reply.ok ? reply : ((await scrubber())(reply) as Envelope));
    })();
    return true;
  });

  browser.permissions.onAdded.addListener(() => void syncRegistration());
  browser.permissions.onRemoved.addListener(() => void syncRegistration());
  browser.runtime.onInstalled.addListener(() => void syncRegistration());
  browser.runtime.onStartup.addListener(() => void syncRegistration());
});
