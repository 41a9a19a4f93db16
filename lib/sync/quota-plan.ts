/**
 * How many calls a planned job makes to each BMS endpoint, against BMS's quota (1,500 calls per hour
 * per endpoint): the dry run says when a job will pace itself, and about how long it will take,
 * instead of the job failing halfway. Pure.
 */
import type { JobKind } from './journal';

export const BMS_CALLS_PER_HOUR = 1500;
const MAPPING_BATCH = 100;
const ASSET_BATCH = 500;

/** calls a per-record sync makes per BMS endpoint (estimates for the dry run: a create looks up first) */
export function recordCalls(summary: Record<string, number>): Record<string, number> {
  const n = (k: string) => summary[k] ?? 0;
  const fresh = n('recordNew');
  const known = n('record') - fresh;
  return {
    'GET /servicedesk/hardwareasset/searchselect': fresh * 2,
    'GET /servicedesk/hardwareasset/{assetId}': known + Math.ceil(fresh / 2) + n('deactivateRecord'),
    'POST /servicedesk/hardwareasset': fresh,
    'PUT /servicedesk/hardwareasset/{assetId}': known + n('deactivateRecord'),
  };
}

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
        ...recordCalls(summary),
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

/**
 * The dry run's word on a per-record asset sync (one hardware-asset call per agent, not one bulk call
 * per 500): how many calls it makes and how long BMS's quota makes it take, always said, since it is
 * the slow way. Null when nothing goes per record.
 */
export function perRecordNote(summary: Record<string, number>, usedThisHour: (endpoint: string) => number = () => 0, limit = BMS_CALLS_PER_HOUR): { text: string; args: string[]; calls: number; hours: number } | null {
  const records = (summary.record ?? 0) + (summary.deactivateRecord ?? 0);
  if (!records) return null;
  const calls = recordCalls(summary);
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  // endpoints have their own quota and are used side by side: the busiest one sets the pace
  const worst = Math.max(...Object.entries(calls).map(([ep, c]) => c + usedThisHour(ep)));
  const hours = worst / limit;
  const took = hours <= 1 ? 'within the hour' : `about ${Math.ceil(hours * 10) / 10} hours`;
  return {
    text: `${records.toLocaleString('en-US')} asset(s) are written one record at a time (BMS's bulk push is used only for orgs whose mapping BMS's own store confirms): about ${total.toLocaleString('en-US')} calls; at ${limit.toLocaleString('en-US')} calls an hour per endpoint that takes ${took}. It paces itself and can run in the background.`,
    args: [String(records), String(total), String(limit), hours <= 1 ? '1' : String(Math.ceil(hours * 10) / 10)],
    calls: total,
    hours,
  };
}
