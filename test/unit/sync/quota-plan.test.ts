import { describe, expect, it } from 'vitest';
import { estimateBmsCalls, quotaNote } from '@/lib/sync/quota-plan';

describe('dry run against BMS quota', () => {
  it('counts calls per endpoint: bulk links by the hundred, account creates one by one', () => {
    expect(estimateBmsCalls('import', { link: 1204, create: 312 })).toEqual({
      'POST /crm/accounts': 312, 'POST /rmm/{integrationType}/mappings/{entityType}': 16, 'GET /rmm/{integrationType}/mappings/status/{jobId}': 16,
    });
    expect(estimateBmsCalls('assets', { push: 50_000, createLocation: 3 })['POST /rmm/{integrationType}/assets']).toBe(100);
  });
  it('says nothing for a job that fits, and when and how long a big one paces itself', () => {
    expect(quotaNote('import', { link: 5000, create: 300 })).toBeNull();
    expect(quotaNote('assets', { push: 50_000 })).toBeNull(); // bulk: 100 calls
    const note = quotaNote('import', { create: 4500 })!.text;
    expect(note).toContain('4,500 calls to POST /crm/accounts');
    expect(note).toContain('about 3 hours');
    // what was already used this hour counts
    expect(quotaNote('import', { create: 1000 }, () => 400)!.text).toContain('1,400 calls');
    expect(quotaNote('import', { create: 4500 })!.args).toEqual(['4500', 'POST /crm/accounts', '1500', '3']);
  });
});
