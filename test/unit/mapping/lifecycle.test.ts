import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_LIFECYCLE, findOrphans, findReinstalls, normalizeMacs, normalizeSerial, planLifecycle, type GoneAsset } from '@/lib/mapping/lifecycle';

const now = Date.UTC(2026, 11, 1);

describe('agent lifecycle (B18)', () => {
  it('a gone agent waits out the grace period, then its asset is deactivated; a returning agent reactivates', () => {
    const tracked = [
      { agentId: 'here', active: true },
      { agentId: 'just-gone', active: true },
      { agentId: 'gone-3d', active: true, goneSince: now - 3 * DAY_MS },
      { agentId: 'gone-7d', active: true, goneSince: now - 7 * DAY_MS },
      { agentId: 'back', active: true, goneSince: now - 2 * DAY_MS },
      { agentId: 'back-deactivated', active: false, goneSince: now - 20 * DAY_MS },
      { agentId: 'long-deactivated', active: false, goneSince: now - 20 * DAY_MS },
    ];
    const p = planLifecycle(new Set(['here', 'back', 'back-deactivated']), tracked, now, DEFAULT_LIFECYCLE);
    expect(p.markGone).toEqual(['just-gone']);
    expect(p.waiting).toEqual([{ agentId: 'just-gone', daysLeft: 7 }, { agentId: 'gone-3d', daysLeft: 4 }]);
    expect(p.deactivate).toEqual(['gone-7d']);
    expect(p.returned).toEqual([{ agentId: 'back', wasActive: true }, { agentId: 'back-deactivated', wasActive: false }]);
  });

  it('a grace period of 0 deactivates at once', () => {
    const p = planLifecycle(new Set(), [{ agentId: 'a', active: true }], now, { ...DEFAULT_LIFECYCLE, graceDays: 0 });
    expect(p).toEqual({ markGone: [], waiting: [], deactivate: ['a'], returned: [] });
  });

  it('orphans both ways: assets without a live agent, agents without an asset (in scope only)', () => {
    const o = findOrphans(
      [{ agentId: 'a1', name: 'PC1', orgId: '1' }, { agentId: 'a2', name: 'PC2', orgId: '1' }, { agentId: 'a3', name: 'LAB', orgId: '1' }, { agentId: 'a4', name: 'PC4', orgId: '1' }],
      [{ agentId: 'a1', psaAssetId: 1, active: true }, { agentId: 'x', psaAssetId: 9, active: true, goneSince: now }, { agentId: 'a4', psaAssetId: 4, active: false }],
      (id) => id !== 'a3',
    );
    expect(o.assetsWithoutAgent).toEqual([{ agentId: 'x', psaAssetId: 9, active: true, goneSince: now }]);
    expect(o.agentsWithoutAsset.map((a) => a.agentId)).toEqual(['a2', 'a4']);
  });
});

describe('reinstalled agents (B16)', () => {
  it('serial numbers and MACs are normalized; placeholders identify nothing', () => {
    expect(normalizeSerial(' abc123 ')).toBe('ABC123');
    for (const junk of ['To be filled by O.E.M.', 'Default string', 'System Serial Number', '0000000', 'N/A', '', null, 'xx', 'AAAAAA']) expect(normalizeSerial(junk)).toBeNull();
    expect(normalizeMacs('00:1A:2B:3C:4D:5E, 00-1a-2b-3c-4d-5f;001A2B3C4D5E')).toEqual(['001A2B3C4D5E', '001A2B3C4D5F']);
    // empty, broadcast and locally administered (VPN, Hyper-V) addresses are not the machine's
    expect(normalizeMacs('00:00:00:00:00:00 FF:FF:FF:FF:FF:FF 02:00:4C:4F:4F:50 1A2B')).toEqual([]);
  });

  const gone = (x: Partial<GoneAsset> & { agentId: string }): GoneAsset => ({ name: `old-${x.agentId}`, accountId: 5, psaAssetId: 100, serialNumber: null, macAddress: null, goneSince: now - DAY_MS, ...x });
  const fresh = (agentId: string, serialNumber: string | null, macAddress: string | null = null, accountId = 5) => ({ agentId, name: `new-${agentId}`, accountId, serialNumber, macAddress });

  it('a new agent with the serial of a recently removed agent of the same account is a relink proposal', () => {
    const r = findReinstalls([fresh('n1', 'SN-77')], [gone({ agentId: 'o1', serialNumber: 'sn-77', psaAssetId: 321 })], now, DEFAULT_LIFECYCLE);
    expect(r.ambiguous).toEqual([]);
    expect(r.proposals).toEqual([{
      newAgentId: 'n1', newAgentName: 'new-n1', oldAgentId: 'o1', oldAgentName: 'old-o1', psaAssetId: 321, accountId: 5, by: 'serial', value: 'SN-77',
      message: 'New agent "new-n1" has the serial number SN-77 of removed agent "old-o1": relink its asset 321 (keeps history and contract units) instead of creating a second one?',
    }]);
  });

  it('by MAC when the serial is missing; not across accounts; not after the window', () => {
    const r = findReinstalls([fresh('n1', null, '00:1A:2B:3C:4D:5E')], [gone({ agentId: 'o1', macAddress: '001a2b3c4d5e' })], now, DEFAULT_LIFECYCLE);
    expect(r.proposals).toMatchObject([{ by: 'mac', value: '001A2B3C4D5E', oldAgentId: 'o1' }]);
    expect(r.proposals[0].message).toContain('MAC 00:1A:2B:3C:4D:5E');
    expect(findReinstalls([fresh('n1', 'SN-77', null, 6)], [gone({ agentId: 'o1', serialNumber: 'SN-77' })], now, DEFAULT_LIFECYCLE).proposals).toEqual([]);
    expect(findReinstalls([fresh('n1', 'SN-77')], [gone({ agentId: 'o1', serialNumber: 'SN-77', goneSince: now - 31 * DAY_MS })], now, DEFAULT_LIFECYCLE).proposals).toEqual([]);
    // placeholder serials never match
    expect(findReinstalls([fresh('n1', 'To be filled by O.E.M.')], [gone({ agentId: 'o1', serialNumber: 'To be filled by O.E.M.' })], now, DEFAULT_LIFECYCLE).proposals).toEqual([]);
  });

  it('ambiguous matches are reported, never guessed', () => {
    const two = findReinstalls([fresh('n1', 'SN-1')], [gone({ agentId: 'o1', serialNumber: 'SN-1' }), gone({ agentId: 'o2', serialNumber: 'SN-1' })], now, DEFAULT_LIFECYCLE);
    expect(two.proposals).toEqual([]);
    expect(two.ambiguous).toEqual([{ agentId: 'n1', message: 'New agent "new-n1" matches 2 removed agents ("old-o1", "old-o2"): link it by hand.' }]);
    const claimed = findReinstalls([fresh('n1', 'SN-1'), fresh('n2', 'SN-1')], [gone({ agentId: 'o1', serialNumber: 'SN-1' })], now, DEFAULT_LIFECYCLE);
    expect(claimed.proposals).toEqual([]);
    expect(claimed.ambiguous.map((a) => a.agentId)).toEqual(['n1', 'n2']);
  });
});
