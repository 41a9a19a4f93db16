import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CAPABILITY_NAMES, CapabilityError, CapabilityRecord, hasCapability, probeKey, requireCapability, unprobedRecord, type CapabilityName } from '../../../lib/capabilities';
import { loadCapabilities, saveCapabilities } from '../../../lib/store/capabilities';

const key = { vsaUrl: 'https://vsa.example', bmsUrl: 'https://api.bms.example', tenant: 'Acme' };
function record(states: Partial<Record<CapabilityName, 'present' | 'absent' | 'unknown'>>, now = 1000): CapabilityRecord {
  const r = unprobedRecord(key, 'not probed', now);
  for (const [n, s] of Object.entries(states)) r.caps[n as CapabilityName] = { state: s, reason: `${n} is ${s}`, probe: 'GET /x' };
  return r;
}

describe('capability record', () => {
  it('requireCapability passes only on present, and names the capability, state and cause otherwise', () => {
    const r = record({ departments: 'present', legacyLocations: 'absent', mappingStore: 'unknown' });
    expect(() => requireCapability(r, 'departments')).not.toThrow();
    const absent = (() => { try { requireCapability(r, 'legacyLocations'); } catch (e) { return e as CapabilityError; } })();
    expect(absent).toBeInstanceOf(CapabilityError);
    expect(absent?.state).toBe('absent');
    expect(absent?.message).toMatch(/adding locations.*not available.*legacyLocations is absent/);
    const unknown = (() => { try { requireCapability(r, 'mappingStore'); } catch (e) { return e as CapabilityError; } })();
    expect(unknown?.state).toBe('unknown');
    expect(unknown?.message).toMatch(/could not be checked.*Test connection/);
    expect(() => requireCapability(null, 'departments')).toThrow(/capability check first/);
    expect(hasCapability(r, 'departments')).toBe(true);
    expect(hasCapability(r, 'mappingStore')).toBe(false);
    expect(hasCapability(undefined, 'departments')).toBe(false);
  });

  it('an unprobed record has every row unknown, never present', () => {
    const r = unprobedRecord(key, 'BMS unreachable', 5);
    for (const n of CAPABILITY_NAMES) expect(r.caps[n].state).toBe('unknown');
    expect(CapabilityRecord.parse(r)).toEqual(r);
  });

  it('keys by VSA URL, BMS URL and tenant (tenant case-insensitive)', () => {
    expect(probeKey('a', 'b', 'Acme')).toBe(probeKey('a', 'b', ' acme '));
    expect(probeKey('a', 'b', 'acme')).not.toBe(probeKey('a', 'c', 'acme'));
    expect(probeKey('a', 'b', 'acme')).not.toBe(probeKey('x', 'b', 'acme'));
  });

  it('is stored per tenant; one tenant never reads another\'s answers; unreadable copies read as unprobed', async () => {
    fakeBrowser.reset();
    const a = record({ departments: 'present' }, 1);
    const b = { ...record({ departments: 'absent' }, 2), key: probeKey('v', 'b', 'other'), tenant: 'other' };
    await saveCapabilities(a);
    await saveCapabilities(b);
    expect((await loadCapabilities(a.key))?.caps.departments.state).toBe('present');
    expect((await loadCapabilities(b.key))?.caps.departments.state).toBe('absent');
    expect(await loadCapabilities(probeKey('v', 'b', 'nobody'))).toBeNull();
    await fakeBrowser.storage.local.set({ capabilities: { [a.key]: { version: 1, key: a.key } } });
    expect(await loadCapabilities(a.key)).toBeNull();
  });
});
