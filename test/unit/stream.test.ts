/** Paging 50,000 agents streams page by page (bounded memory) and returns each agent once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VsaClient } from '@/lib/vsa/client';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ orgs: 5000, agents: 50000, seed: 42 });
});
afterAll(() => sb.close());

describe('streaming 50,000 agents', () => {
  it('never fetches more than one page ahead of the consumer, and yields every agent exactly once', async () => {
    const c = new VsaClient({ fetch: (i, init) => fetch(i, init), credentials: { baseUrl: sb.vsaUrl, user: 'admin', secret: 'sandbox-token', method: 'token' }, rps: 1000 });
    const seen = new Set<string>();
    let maxAhead = 0;
    for await (const a of c.agents()) {
      seen.add(a.AgentId);
      // pages requested so far vs pages the consumer has reached
      const ahead = c.http.stats.requests - Math.ceil(seen.size / 100);
      maxAhead = Math.max(maxAhead, ahead);
    }
    expect(seen.size).toBe(50000);
    expect(c.http.stats.requests).toBe(500);
    expect(maxAhead).toBe(0);
  }, 120_000);
});
