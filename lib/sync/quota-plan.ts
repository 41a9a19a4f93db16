/**
 * How many calls a planned job makes to each BMS endpoint, against BMS's quota (1,500 calls per hour
 * per endpoint): the dry run says when a job will pace itself, and about how long it will take,
 * instead of the job failing halfway. Pure.
 */
import type { JobKind } from './journal';

export const BMS_CALLS_PER_HOUR = 1500;
const MAPPING_BATCH = 100;
const ASSET_BATCH = 500;

export function estimateBmsCalls(kind: JobKind, summary: Record<string, number>): Record<string, number> {
  const n = (k: string) => summary[k] ?? 0;
  // a bulk call is followed by polls of its status: count one poll per call at least
  const bulk = (items: number, size: number) => Math.ceil(items / size);
  switch (kind) {
    case 'import':
      return { 'POST /crm/accounts': n('create'), 'POST /rmm/{integrationType}/mappings/{entityType}': bulk(n('link') + n('create'), MAPPING_BATCH), 'GET /rmm/{integrationType}/mappings/status/{jobId}': bulk(n('link') + n('create'), MAPPING_BATCH) };
    case 'export':
    case 'push':
      return { 'POST /rmm/{integrationType}/mappings/{entityType}': bulk(n('link') + n('createOrg'), MAPPING_BATCH), 'GET /rmm/{integrationType}/mappings/status/{jobId}': bulk(n('link') + n('createOrg'), MAPPING_BATCH) };
    case 'assets':
      return {
        'POST /crm/accounts': n('newAccount'),
        'POST /crm/accounts/{accountId}/locations': n('createLocation'),
        'POST /rmm/{integrationType}/assets': bulk(n('push'), ASSET_BATCH),
        'PUT /rmm/{integrationType}/assets/deactivate': bulk(n('deactivate'), ASSET_BATCH),
        'GET /rmm/{integrationType}/assets/status/{jobId}': bulk(n('push'), ASSET_BATCH) + bulk(n('deactivate'), ASSET_BATCH),
        'POST /rmm/{integrationType}/mappings/{entityType}': bulk(n('link'), MAPPING_BATCH),
      };
    case 'undo':
      return { 'DELETE /rmm/{integrationType}/mappings/{entityType}': bulk(n('unlink'), MAPPING_BATCH) };
  }
}

/** a sentence for the dry run when the job needs more of an endpoint than BMS allows in an hour (after what is used already) */
export function quotaNote(kind: JobKind, summary: Record<string, number>, usedThisHour: (endpoint: string) => number = () => 0, limit = BMS_CALLS_PER_HOUR): { text: string; args: string[] } | null {
  const calls = estimateBmsCalls(kind, summary);
  let worst: [string, number] | null = null;
  for (const [ep, c] of Object.entries(calls)) {
    const need = c + usedThisHour(ep);
    if (need > limit * 0.8 && (!worst || need > worst[1])) worst = [ep, need];
  }
  if (!worst) return null;
  const hours = worst[1] / limit;
  const took = hours < 1 ? 'about an hour' : `about ${Math.ceil(hours * 10) / 10} hours`;
  const need = worst[1].toLocaleString('en-US');
  const per = limit.toLocaleString('en-US');
  return {
    text: `This job needs about ${need} calls to ${worst[0]}; BMS allows ${per} an hour per endpoint, so it paces itself and takes ${took}. Nothing fails for it; it can run in the background.`,
    args: [String(worst[1]), worst[0], String(limit), String(Math.max(1, Math.ceil(hours * 10) / 10))],
  };
}
