/**
 * Forms set D, second signals: an org whose OrgRef is the account's AccountCode, or whose website is one
 * of the account's email domains, while its name alone says less (the code itself, initials, the owner
 * word, the domain); and decoys, where a name that looks right belongs to a business whose code and
 * domain say otherwise.
 */
import type { Writer } from './core';
import type { Kit } from './set-d';
import { CITIES, countryOf, foldAccents, LEGAL } from './set-d-words';

const initialsOf = (name: string) => foldAccents(name, false).split(/[^A-Za-z0-9]+/).filter((w) => w && !/^(and|of|the)$/i.test(w)).map((w) => w[0].toUpperCase()).join('');

const signals = (k: Kit): Writer => (b) => {
  const z = b.biz();
  const code = k.code(z);
  const dom = k.domain(z);
  const x = b.r();
  const weak = () => b.pick([initialsOf(z.name), z.owner, `${z.owner} ${b.pick(['Office', 'Main', 'Clients', 'Site'])}`, initialsOf(z.name).toLowerCase()]);
  if (x < 0.35) {
    const a = b.account(k.legalName(z), { ref: code, domains: b.r() < 0.5 ? [dom] : [] });
    b.org(b.r() < 0.4 ? code : weak(), a, 'signals', { ref: code });
  } else if (x < 0.7) {
    const more = b.r() < 0.3 ? [dom.replace(/\.[a-z.]+$/, '.net')] : [];
    const a = b.account(k.legalName(z), { ref: b.r() < 0.5 ? code : null, domains: [dom, ...more] });
    const stem = dom.split('.')[0];
    b.org(b.r() < 0.5 ? stem : b.r() < 0.5 ? dom : weak(), a, 'signals', { domains: [dom] });
  } else {
    const a = b.account(k.legalName(z), { ref: code, domains: [dom] });
    b.org(weak(), a, 'signals', { ref: code, domains: [dom] });
  }
};

const signalsDecoy = (k: Kit): Writer => (b) => {
  const z = b.biz();
  const c = countryOf(z);
  const alike = b.account(k.legalName(z), { ref: k.code(z), domains: [k.domain(z)] });
  const city = b.pick(CITIES[c]).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (b.r() < 0.5) {
    // the same trading name, another business: its code and domain are the org's
    const h = k.holding(z);
    const code = k.code({ ...z, name: h });
    const dom = k.domain(z, city);
    const other = b.account(`${h} ${b.pick(LEGAL[c])}`, { ref: code, domains: [dom] });
    b.org(k.variant(z.name), other, 'signals-decoy', { ref: code, domains: [dom], forbidden: [alike] });
  } else {
    // the same name, but code and website of a business the PSA does not hold
    b.org(k.variant(z.name), null, 'signals-decoy', { ref: k.code(z), domains: [k.domain(z, city)], forbidden: [alike] });
  }
};

export function signalWriters(lazy: (f: (k: Kit) => Writer) => Writer, wSignals: number, wDecoy: number): [Writer, number][] {
  return [[lazy(signals), wSignals], [lazy(signalsDecoy), wDecoy]];
}
