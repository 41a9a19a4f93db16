/** The tenant's capability record (lib/capabilities) on a job context, for the browser and the command line alike. */
import type { CapabilityRecord } from '../capabilities/types';
import type { SyncContext } from './types';

/** bulk asset pushes only where the record says BMS's VSA integration is on (never on an unprobed one) */
export function withCapabilities(ctx: SyncContext, caps: CapabilityRecord): SyncContext {
  return { ...ctx, caps, integrationOn: caps.caps.integration.state === 'present' && caps.detail.integrationEnabled !== false };
}
