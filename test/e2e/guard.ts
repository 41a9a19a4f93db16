/**
 * The mass-deactivation guard (MEDIUM-3) in a real browser: a tenant whose assets were synced, then
 * VSA suddenly answers no agents. The scheduled run (the schedule's own alarm, fired now) stops before
 * writing, and the badge and a notification say why; the same sync started from the popup asks the
 * admin first, and "Cancel" writes nothing.
 */
import type { Page } from 'puppeteer-core';
import type { Sandbox } from '../sandbox/server';
import type { Launched } from './browsers';
import { fillConnections, openOptions, saveConnections } from './flows';
import { type Harness, waitFor } from './harness';
import { text, typeInto, waitJob } from './ui';

type Progress = { jobId: string; kind: string; state: string; noteKey: string | null; note: string | null };

const writes = async (sb: Sandbox) => ((await (await fetch(`${sb.vsaUrl}/__sandbox/stats`)).json()) as { totals: { writes: number } }).totals.writes;

/** the extension's API in an extension page: `browser` in Firefox, `chrome` in Chromium */
type Api = {
  alarms: { create(name: string, info: { when: number }): Promise<void> };
  runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; reply: Progress | null }> };
  action: { getBadgeText(d: object): Promise<string> };
  notifications: { getAll(): Promise<Record<string, unknown>> };
};
const api = () => ((globalThis as unknown as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome);
const fireSchedule = (page: Page) => page.evaluate(`(${api.toString()})().alarms.create('bvs-scheduled-sync', { when: Date.now() + 50 })`);
const newestJob = (page: Page) => page.evaluate(`(${api.toString()})().runtime.sendMessage({ type: 'job.progress' })`) as Promise<{ ok: boolean; reply: Progress | null }>;
const badgeText = (page: Page) => page.evaluate(`(${api.toString()})().action.getBadgeText({})`) as Promise<string>;
/**
 * every notification the page sees from now on: headless Firefox closes one within a second, so the
 * page polls the list often and keeps what it saw
 */
const watchNotifications = (page: Page) => page.evaluate(`(() => { const seen = (globalThis.__bvsSeen = {}); const n = (${api.toString()})().notifications;
  for (const ev of [n.onShown, n.onClosed]) ev?.addListener((id) => { seen[id] ??= true; });
  setInterval(async () => Object.assign(seen, await n.getAll()), 50); })()`);
const notifications = (page: Page) => page.evaluate('globalThis.__bvsSeen') as Promise<Record<string, unknown>>;

export async function guardFlow(h: Harness, b: Launched, sb: Sandbox): Promise<void> {
  const opts = await openOptions(b);
  await fillConnections(opts, sb);
  await saveConnections(opts);
  // a gone agent's asset is deactivated at once (no grace period): the guard is all that stands in the way
  await opts.waitForSelector('#life-grace', { timeout: 10000 });
  const grace = await opts.$eval('#life-grace', (e) => (e as HTMLInputElement).value);
  await typeInto(opts, '#life-grace', '0');
  await opts.click('#settings-save');
  await waitFor(() => text(opts, '#settings-form [role=status]').catch(() => ''), (t) => /saved/i.test(t), 10000, 'settings saved');

  // the assets are synced once, from the popup
  const popup = await b.openExtensionPage('popup.html', '#title');
  await popup.waitForSelector('#tab-history', { timeout: 15000 });
  await popup.click('#tab-history');
  // History loads its audit log first; its buttons are disabled until then (a click would be lost)
  await popup.waitForSelector('#sync-assets:not([disabled])', { timeout: 15000 });
  await popup.click('#sync-assets');
  await waitJob(popup, 'planned', 60000);
  await popup.click('#job-run');
  await waitJob(popup, 'done', 120000);
  await popup.click('#job-close');
  const active = [...sb.state().bms.assets.values()].filter((a) => a.IsActive && a.AgentId).length;
  h.ok(active > 100, 'the tenant\'s assets are synced from VSA first', { active });

  // VSA suddenly answers no agents at all
  sb.state().vsa.agents.clear();
  const before = await writes(sb);
  const activeBefore = [...sb.state().bms.assets.values()].filter((a) => a.IsActive).length;
  await watchNotifications(opts);
  await fireSchedule(opts);
  const stopped = (await waitFor(
    () => newestJob(opts).then((r) => r.reply),
    (p) => !!p && p.kind === 'assets' && p.state === 'failed', 60000, 'the scheduled run to stop'))!;
  const after = await writes(sb);
  const activeAfter = [...sb.state().bms.assets.values()].filter((a) => a.IsActive).length;
  h.ok(after === before && activeAfter === activeBefore, 'the scheduled run writes nothing: no asset is deactivated', { before, after, activeBefore, activeAfter });
  h.ok(stopped.noteKey === 'note_deactivate_stopped_suspect' && /no agents at all/.test(stopped.note ?? ''), 'the scheduled run stops before writing and says why (VSA answered no agents)', stopped);
  const badge = await badgeText(opts);
  h.ok(/^\d+$/.test(badge) && Number(badge) > 0, 'the badge counts what needs attention', badge);
  const notes = await waitFor(() => notifications(opts), (n) => `job-${stopped.jobId}` in n, 10000, 'the notification').catch(() => ({} as Record<string, unknown>));
  const note = notes[`job-${stopped.jobId}`];
  // the text is the job's note (asserted above): Chrome lists notification ids only, headless Firefox closes one at once (seen by its events)
  h.ok(note !== undefined && (typeof note !== 'object' || /Stopped before writing|no agents/.test(String((note as { message?: unknown }).message))), 'a notification tells the admin the scheduled run stopped', notes);

  // the same sync from the popup asks first
  await popup.waitForSelector('#sync-assets:not([disabled])', { timeout: 15000 });
  await popup.click('#sync-assets');
  await waitJob(popup, 'planned', 60000);
  const guard = await text(popup, '#job-guard');
  h.ok(/no agents at all/.test(guard), 'the popup\'s preview says VSA\'s answer looks wrong', guard);
  await popup.click('#job-run');
  await popup.waitForSelector('#confirm', { timeout: 10000 });
  const asked = await text(popup, '#confirm');
  await popup.click('#confirm-no');
  await new Promise((r) => setTimeout(r, 500));
  h.ok(/Deactivate [\d,]+ assets in BMS\?/.test(asked) && (await writes(sb)) === before && (await popup.$eval('.job', (e) => e.getAttribute('data-state'))) === 'planned',
    'Run asks the admin first; Cancel writes nothing', { asked: asked.slice(0, 120) });
  await popup.click('#job-discard');
  await popup.close();
  // the grace period as it was, for the steps after this one
  await typeInto(opts, '#life-grace', grace);
  await opts.click('#settings-save');
  await opts.close();
}
