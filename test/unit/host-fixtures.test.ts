// @vitest-environment happy-dom
/**
 * lib/host's anchors on saved BMS pages of both generations and of the unseen-markup variant
 * (test/fixtures, saved from the replica by capture.mts), as refined-github tests its selectors: every
 * anchor has exact expected counts per page; on every other page it must match nothing. The same pages
 * with every class removed keep the anchors that have id/role fallbacks. Record ids come from the
 * address, the form action and row links, never from data attributes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANCHORS, anchorMatches, assetLinks, pageRecordId, type AnchorName } from '@/lib/host/anchors';
import { whereAmI } from '@/lib/host/routes';

const BMS = 'https://bms.example.com';
const FIXTURES = readdirSync(`${process.cwd()}/test/fixtures`).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5));
const raw = (name: string) => readFileSync(`${process.cwd()}/test/fixtures/${name}.html`, 'utf8');
const load = (name: string) => new DOMParser().parseFromString(raw(name), 'text/html');
const unclassed = (name: string) => {
  const doc = load(name);
  doc.querySelectorAll('[class]').forEach((e) => e.removeAttribute('class'));
  return doc;
};
/** the address a fixture was saved from (its first line says) */
const savedFrom = (name: string) => `${BMS}${/saved from the replica BMS \(([^,]+),/.exec(raw(name))![1]}`;

/** [count, fixture]: where each anchor must match, and how often; 0 on every fixture not listed */
const EXPECT: Record<AnchorName, [number, string][]> = {
  accountTabs: [[1, 'legacy-account'], [1, 'legacy-account-rmm'], [1, 'react-account'], [1, 'react-account-rmm']],
  rmmPane: [[1, 'legacy-account-rmm'], [1, 'react-account-rmm']],
  assetGrid: [[1, 'legacy-assets'], [1, 'react-assets']],
  assetToolbar: [[1, 'legacy-asset'], [1, 'react-asset']],
  settingsTabs: [[1, 'legacy-settings'], [1, 'react-settings']],
  accountsSyncPane: [[1, 'legacy-settings'], [1, 'react-settings']],
};
/** anchors that still match when every class is gone (ids, roles, aria labels) */
const WITHOUT_CLASSES: AnchorName[] = ['rmmPane', 'assetGrid', 'accountsSyncPane', 'settingsTabs', 'accountTabs'];

describe('anchors on saved BMS pages', () => {
  it('every anchor has expected counts, in both generations, and none on the unseen markup', () => {
    expect(Object.keys(EXPECT).sort()).toEqual(Object.keys(ANCHORS).sort());
    for (const [name, list] of Object.entries(EXPECT)) {
      expect(list.some(([, f]) => f.startsWith('legacy-')) && list.some(([, f]) => f.startsWith('react-')), name).toBe(true);
      for (const [, f] of list) expect(FIXTURES, `${name}: fixture ${f}`).toContain(f);
    }
  });
  for (const fixture of FIXTURES) {
    it(`${fixture}: exact counts`, () => {
      const doc = load(fixture);
      for (const [name, list] of Object.entries(EXPECT) as [AnchorName, [number, string][]][]) {
        const want = list.find(([, f]) => f === fixture)?.[0] ?? 0;
        expect(anchorMatches(doc, name).length, `${name} on ${fixture}`).toBe(want);
        if (WITHOUT_CLASSES.includes(name)) expect(anchorMatches(unclassed(fixture), name).length, `${name} on ${fixture} without classes`).toBe(want);
      }
    });
  }
  it('the unseen variant has the same pages and routes, with none of the anchors', () => {
    for (const f of FIXTURES.filter((x) => x.startsWith('unseen-'))) {
      expect(whereAmI(savedFrom(f), BMS), f).not.toBeNull();
      for (const name of Object.keys(ANCHORS) as AnchorName[]) expect(anchorMatches(load(f), name), `${name} on ${f}`).toHaveLength(0);
    }
  });
});

describe('record ids from addresses, form actions and row links', () => {
  it('the asset list: one link per row in every generation, ids from the hrefs (not data attributes)', () => {
    const ids = (f: string, doc = load(f)) => assetLinks(doc, savedFrom(f), BMS).map((l) => l.assetId);
    const legacy = ids('legacy-assets');
    expect(legacy).toHaveLength(10);
    expect(ids('react-assets')).toEqual(legacy);
    expect(ids('unseen-assets')).toEqual(legacy);
    expect(ids('legacy-assets', unclassed('legacy-assets'))).toEqual(legacy);
    // no row link on other pages: no buttons there
    expect(ids('legacy-account-rmm')).toEqual([]);
    // data attributes are the page's business: removing them changes nothing
    const doc = load('react-assets');
    doc.querySelectorAll('*').forEach((e) => [...e.attributes].filter((a) => a.name.startsWith('data-')).forEach((a) => e.removeAttribute(a.name)));
    expect(ids('react-assets', doc)).toEqual(legacy);
  });
  it('legacy pages carry the id in the address and in #aspnetForm\'s action', () => {
    for (const f of ['legacy-account-rmm', 'legacy-asset']) {
      const doc = load(f);
      const w = whereAmI(savedFrom(f), BMS)!;
      expect(w.id).toBeGreaterThan(0);
      // the same page, reached at an address without the id: the form action says
      const bare = whereAmI(savedFrom(f).replace(/\?ID=\d+/, ''), BMS)!;
      expect(bare.id).toBeNull();
      expect(pageRecordId(doc, bare, BMS, [], savedFrom(f))).toBe(w.id);
    }
    expect(whereAmI(savedFrom('legacy-ticket'), BMS)).toBeNull();
  });
});
