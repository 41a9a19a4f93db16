/**
 * e2e of W2: on BMS pages at addresses no built-in route knows (the replica's "renamed" variant), the
 * admin says in the popup "This page is an account"; the panel then appears on that page and on a
 * sibling (same pattern, another id) without reloading the extension; the options page lists the
 * pattern, names a malformed edit precisely, and removes it.
 */
import type { Sandbox } from '../sandbox/server';
import type { Launched } from './browsers';
import { bmsUrls, gotoPage, panelFrame, setPagesMode, waitFrame } from './bms';
import { openOptions } from './flows';
import { screenshot, sleep, waitFor, type Harness } from './harness';

export async function teachFlow(h: Harness, b: Launched, sb: Sandbox): Promise<void> {
  await setPagesMode(sb, 'renamed');
  const url = bmsUrls(sb, 'renamed');
  const [a1, a2] = [...sb.state().bms.accounts.values()].filter((a) => a.IsActive).map((a) => a.Id);
  const page = await b.browser.newPage();
  try {
    await gotoPage(page, url.account(a1, 'rmm-integration'));
    const routeOf = () => page.evaluate(() => document.documentElement.getAttribute('data-bms-vsa-sync-route'));
    await waitFor(routeOf, (r) => r === 'other', 10000, 'the content script');
    await sleep(500);
    h.ok((await panelFrame(page, 'account')) === null, 'renamed: an address no route knows is no page of ours: no panel, no guess');

    const popup = await b.openExtensionPage('popup.html', '#teach-account');
    const offer = await popup.$eval('#teach-title', (e) => e.textContent ?? '');
    await popup.click('#teach-account');
    const note = await waitFor(() => popup.$eval('#teach-note', (e) => e.textContent ?? '').catch(() => ''), (t) => t.length > 0, 10000, 'the popup to learn the page');
    await screenshot(popup, `${b.name}-popup-teach`);
    h.ok(/does not recognise/.test(offer) && note.includes(`/app/customers/{id}/rmm-integration`), 'the popup offers "This page is: …" on an unknown BMS page and derives where the id sits', { offer, note });
    await popup.close();

    await page.bringToFront();
    const f = await waitFrame(page, 'account', '#bvs-not-linked, #bvs-linked-org', 20000).catch(() => null);
    h.ok(f !== null && (await routeOf()) === 'account', 'the taught page shows its panel at once, without reloading the page or the extension');
    await gotoPage(page, url.account(a2, 'rmm-integration'));
    const f2 = await waitFrame(page, 'account', '#bvs-not-linked, #bvs-linked-org', 20000).catch(() => null);
    const forA2 = f2 ? new URL(await f2.evaluate(() => location.href)).searchParams.get('id') : null;
    h.ok(forA2 === String(a2), 'a sibling page (same pattern, another account) shows the panel for its own account', { forA2, a2 });

    const opts = await openOptions(b);
    await opts.waitForSelector('#learned-pages li.learned input.pattern');
    const listed = await opts.$eval('#learned-pages li.learned input.pattern', (e) => (e as HTMLInputElement).value);
    await opts.$eval('#learned-pages li.learned input.pattern', (e) => ((e as HTMLInputElement).value = ''));
    await opts.type('#learned-pages li.learned input.pattern', '/app/customers/x/rmm-integration');
    const error = await waitFor(() => opts.$eval('#learned-error-0', (e) => e.textContent ?? '').catch(() => ''), (t) => t.length > 0, 5000, 'the pattern error');
    await opts.click('#settings-save');
    const refused = await waitFor(() => opts.$$eval('#settings-form [role=alert]', (els) => els.map((e) => e.textContent ?? '').join(' ')).catch(() => ''), (t) => /Fix the page patterns/.test(t), 5000, 'the refusal').catch(() => '');
    await opts.click('#learned-pages .learned-remove');
    await opts.click('#settings-save');
    const saved = await waitFor(() => opts.$eval('#settings-form [role=status]', (e) => e.textContent ?? '').catch(() => ''), (t) => /saved/i.test(t), 5000, 'saved');
    h.ok(listed === '/app/customers/{id}/rmm-integration' && /no \{id\}/.test(error) && /Fix the page patterns/.test(refused) && !!saved, 'the options page lists the taught pattern, names what is wrong with a bad edit, refuses to save it, and removes it', { listed, error, refused });
    await opts.close();
    await page.reload();
    await sleep(1500);
    h.ok((await panelFrame(page, 'account')) === null, 'a removed pattern no longer counts');
  } finally {
    await page.close().catch(() => undefined);
    await setPagesMode(sb, 'legacy');
  }
}
