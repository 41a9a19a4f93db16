/** e2e of the capability probe (contract §9): the options page says what the tenant supports; the rule editor degrades. */
import type { Sandbox } from '../sandbox/server';
import type { Launched } from './browsers';
import { screenshot, waitFor, type Harness } from './harness';
import { mappingStoreOn } from './links';

const caps = (sb: Sandbox, c: Record<string, boolean>) =>
  fetch(`${sb.bmsApiUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ target: 'bms', capabilities: c }) });

export async function capabilityFlow(h: Harness, b: Launched, sb: Sandbox): Promise<void> {
  const name = b.name;
  const before = { ...sb.faults.bms.faults.capabilities };
  const opts = await b.openExtensionPage('options.html', '#title');
  const state = (cap: string) => opts.$eval(`#capabilities [data-capability="${cap}"]`, (e) => e.getAttribute('data-state')).catch(() => null);
  const line = (cap: string) => opts.$eval(`#capabilities [data-capability="${cap}"] [data-role="line"]`, (e) => e.textContent ?? '').catch(() => '');
  try {
    await waitFor(() => state('legacyLocations'), (s) => s !== null, 30000, 'the probe on the options page');
    const probedAt = await opts.$eval('#caps-probed-at', (e) => e.textContent ?? '');
    h.ok(/Checked/.test(probedAt), 'the options page shows when the tenant was probed', probedAt);
    h.ok(/Group Id locations: added through BMS's legacy API/.test(await line('legacyLocations')), 'the probe in plain words: Group Id locations through the legacy API', await line('legacyLocations'));
    if (mappingStoreOn(sb)) h.ok(/Links are shared with your team through BMS's mapping store/.test(await line('mappingStore')), 'the probe in plain words: links shared through the mapping store', await line('mappingStore'));
    else h.ok(/mapping store is not available on this tenant: links are shared with your team through the VSA org field "\u2068?BMS Account Id\u2069?"/.test(await line('mappingStore')), 'the probe in plain words: no mapping store, links shared through the VSA org field', await line('mappingStore'));

    // the tenant loses departments and the legacy API: "Check again" sees it
    await caps(sb, { departments: false, legacyLocations: false });
    await opts.click('#caps-probe');
    await waitFor(() => state('departments'), (s) => s === 'absent', 30000, 'departments absent after Check again');
    h.ok(/Departments: BMS's API has none; set them in BMS/.test(await line('departments')), 'departments absent: the options page says to set them in BMS', await line('departments'));
    h.ok((await state('legacyLocations')) === 'absent', 'legacy locations absent after Check again');
    await screenshot(opts, `${name}-options-capabilities`);

    // the rule editor of a linked org whose account lacks its Group Id locations
    const popup = await b.openExtensionPage('popup.html', '#title');
    await waitFor(() => popup.$$eval('li.org', (l) => l.length), (n) => n > 0, 30000, 'the org list');
    await popup.click('.summary .count[data-status="linked"]');
    await waitFor(() => popup.$$eval('li.org button.rule', (l) => l.length), (n) => n > 0, 15000, 'a linked org');
    await popup.click('li.org button.rule');
    await waitFor(() => popup.$('#rule-dialog form.rule-editor'), (e) => e !== null, 20000, 'the rule editor');
    await popup.click('#rule-dialog input[value="custom"]');
    await waitFor(() => popup.$('#rule-custom'), (e) => e !== null, 5000, 'the custom rule');
    const heads = await popup.$$eval('#rule-custom th', (l) => l.map((e) => e.textContent ?? ''));
    const deptSelect = await popup.$('#rule-custom select[aria-label="Department"]');
    const why = await popup.$eval('#rule-no-departments', (e) => e.textContent ?? '').catch(() => '');
    h.ok(!heads.includes('Department') && deptSelect === null && /BMS's API has no departments/.test(why), 'departments absent: the Custom rule editor has no department column and says why', { heads, why });
    await popup.click('#rule-dialog input[value="groupId"]');
    await waitFor(() => popup.$('#rule-group-help'), (e) => e !== null, 5000, 'the Group Id rule');
    const missing = await popup.$$eval('#rule-group-missing [data-missing-location]', (l) => l.map((e) => e.textContent ?? ''));
    const said = await popup.$eval('#rule-group-missing', (e) => e.textContent ?? '').catch(() => '');
    h.ok(missing.length > 0 && /Add these \d+ locations in BMS/.test(said), 'legacy locations absent: the Group Id rule lists the locations an admin must add', { missing, said: said.slice(0, 120) });
    await screenshot(popup, `${name}-rule-degraded`);
    await popup.close();
  } finally {
    // back to the tenant the other flows expect
    await caps(sb, before);
    await opts.click('#caps-probe').catch(() => undefined);
    await waitFor(() => state('departments'), (s) => s === (before.departments ? 'present' : 'absent'), 30000, 'the capabilities restored').catch(() => undefined);
    await opts.close();
  }
}
