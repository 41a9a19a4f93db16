/**
 * Forms set D, decoys: one owner in two trades, sibling businesses, branch accounts of one business
 * (each with the accounts the org must never be auto-linked to), and orgs that have no account though
 * an account shares their owner or town.
 */
import type { Writer } from './core';
import type { Kit } from './set-d';
import { claim, sameOwnerSameTrade, toks } from './set-d-check';
import { CITIES, SECTORS, bizOf, branchWritings, compose, countryOf, makeBiz, ownerOf } from './set-d-words';

export const TWO_TRADES: [string, string][] = [['Plumbing', 'Electric'], ['Plumbing & Heating', 'Electrical'], ['Roofing', 'Siding'], ['Landscaping', 'Snow Removal'], ['Auto Repair', 'Towing'], ['Construction', 'Realty'], ['Insurance Agency', 'Tax Service'], ['Farms', 'Trucking'], ['Painting', 'Flooring'], ['Bakery', 'Catering'], ['Funeral Home', 'Monuments'], ['Florist', 'Garden Center'], ['Heating & Cooling', 'Plumbing'], ['Excavating', 'Septic Services'], ['Dental', 'Chiropractic'], ['Law Office', 'Title Company'], ['Accounting', 'Financial Planning'], ['Hardware', 'Lumber'], ['Motors', 'Marine'], ['Cabinetry', 'Countertops']];
export const SIBLINGS: [string, string][] = [['Dental', 'Dental Lab'], ['Dental Care', 'Dental Laboratory'], ['Medical Center', 'Medical Center Foundation'], ['Animal Hospital', 'Pet Resort'], ['Realty', 'Property Management'], ['Motors', 'Motors Collision Center'], ['Community Church', 'Christian School'], ['Plumbing', 'Plumbing Supply'], ['Landscaping', 'Landscape Supply'], ['Family Medicine', 'Family Pharmacy'], ['School District', 'Education Foundation'], ['Construction', 'Construction Supply'], ['Hospital', 'Hospital Auxiliary'], ['Electric', 'Electric Supply'], ['Country Club', 'Country Club Foundation'], ['Orthodontics', 'Oral Surgery'], ['Eye Care', 'Optical Lab'], ['Law Group', 'Title & Escrow'], ['Brewing Company', 'Taproom & Kitchen'], ['Golf Club', 'Golf Course Superintendents']];
const DE_TWO: [string, string][] = [['Elektro', 'Sanitär'], ['Autohaus', 'Reifenservice'], ['Bäckerei', 'Konditorei'], ['Malerbetrieb', 'Bodenbeläge'], ['Tischlerei', 'Fensterbau']];

/** an owner in two trades, or a business and its sibling: accounts for both, the org names one */
export const pair = (k: Kit, form: string, list: [string, string][]): Writer => (b) => {
  const c0 = countryOf(makeBiz(b.r));
  const de = form === 'two-trades' && c0 === 'de';
  const c = de ? 'de' : c0 === 'de' ? 'us' : c0;
  const owner = ownerOf(b.r, c, form === 'two-trades' ? 'S' : b.r() < 0.5 ? 'S' : 'P');
  const [t1, t2] = b.pick(de ? DE_TWO : list);
  const z1 = bizOf(c, owner, t1, de);
  const z2 = bizOf(c, owner, t2, de);
  if (!(claim(b.r, z1.name) && b.fresh(z1.name)) || !(claim(b.r, z2.name) && b.fresh(z2.name))) return;
  const a1 = b.account(k.legalName(z1));
  const a2 = b.account(k.legalName(z2));
  const [zt, at, af] = b.r() < 0.5 ? [z1, a1, a2] : [z2, a2, a1];
  const name = b.r() < 0.25 ? k.shortRef(zt.name, false).ref : k.variant(zt.name);
  b.org(name, at, form, { forbidden: [af] });
};

export const branchDecoy = (k: Kit): Writer => (b) => {
  const z = b.biz();
  const c = countryOf(z);
  const cities = [...new Set(Array.from({ length: 2 + Math.floor(b.r() * 2) }, () => b.pick(CITIES[c])))].filter((x) => !z.name.includes(x));
  if (cities.length < 2) return;
  const style = Math.floor(b.r() * 7);
  const hq = b.r() < 0.25;
  const ids = cities.map((city) => b.account(branchWritings(z.name, city)[style]));
  if (hq) {
    const h = b.account(k.legalName(z));
    if (b.r() < 0.5) {
      b.org(k.variant(z.name), h, 'branch-decoy', { forbidden: ids });
      return;
    }
    ids.push(h);
    cities.push('');
  }
  const i = Math.floor(b.r() * (hq ? cities.length - 1 : cities.length));
  let oStyle = Math.floor(b.r() * 6);
  if (oStyle >= style) oStyle++;
  const written = branchWritings(z.name, cities[i])[oStyle];
  const name = b.r() < 0.15 ? k.shortRef(written, false).ref : written;
  b.org(name, ids[i], 'branch-decoy', { forbidden: ids.filter((_, j) => j !== i) });
};

export const none = (k: Kit): Writer => (b) => {
  const z = b.biz();
  const c = countryOf(z);
  const x = b.r();
  let name = z.name;
  let owner = toks(z.owner);
  let trade = toks(z.trade);
  if (x < 0.35) {
    // the same owner in another trade: only the first has an account
    b.account(k.legalName(z));
    const [, t, pre] = b.pick(SECTORS[c]);
    name = compose(z.owner, t, pre);
    trade = toks(t);
    if (t === z.trade || !(claim(b.r, name) && b.fresh(name))) return;
  } else if (x < 0.55) {
    // a town's council is a customer, a business named after the town is not
    const town = ownerOf(b.r, c, 'P');
    const council = c === 'de' ? `Gemeinde ${town}` : `${b.pick(['City of', 'Town of', 'Village of'])} ${town}`;
    if (claim(b.r, council) && b.fresh(council)) b.account(council);
    const [, t, pre] = b.pick(SECTORS[c]);
    if (pre) return;
    name = `${town} ${t}`;
    owner = toks(town);
    trade = toks(t);
    if (!(claim(b.r, name) && b.fresh(name))) return;
  }
  const shown = b.r() < 0.25 ? k.shortRef(name, false).ref : name;
  const o = b.org(shown, null, 'none');
  const spare = b.biz().name;
  k.checks.push({ org: o, truth: null, fallback: spare, rival: (a) => sameOwnerSameTrade(owner, trade, a.toks) });
};

