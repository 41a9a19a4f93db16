/** The one owner of "what does this tenant support" (../shared/api-contract.md §9). */
export * from './types';
export { probeTenant, fromError, type ProbeTarget, type BmsGet } from './probe';
export { probeConnections, probeTarget, type ProbeConnections } from './run';
export { capabilityReport, CAPABILITY_ASSUMPTION, type CapabilityReport } from './report';
