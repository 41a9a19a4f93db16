/**
 * What needs the admin's attention after a job (B7, B8), for the badge and the notification: failed
 * items, agents left unplaced, agents that moved, and conflicts in the sync list. Pure.
 */
export interface Attention {
  /** the badge's number; 0 clears it */
  count: number;
  /** the notification's text, or null when nothing needs saying */
  message: string | null;
  /** the same as message keys of public/_locales with their numbers, for the admin's language */
  parts: { key: string; n: string }[];
}

const KIND: Record<string, string> = { import: 'import', export: 'export', push: 'push of new accounts', assets: 'asset sync', undo: 'undo' };

export function attention(p: { kind: string; state: string; failed: number; note: string | null; summary: Record<string, number> }, conflictsInList: number): Attention {
  const what = KIND[p.kind] ?? p.kind;
  if (p.state === 'failed') return { count: Math.max(1, p.failed + conflictsInList), message: `The ${what} stopped: ${p.note ?? 'see the extension'}`, parts: [{ key: `att_stopped_${p.kind}`, n: p.note ?? '' }] };
  const unplaced = p.kind === 'assets' ? (p.summary.unplaced ?? 0) : 0;
  const moved = p.kind === 'assets' ? (p.summary.moved ?? 0) : 0;
  const count = p.failed + unplaced + conflictsInList;
  const found: [string, number, string][] = [
    ['att_failed', p.failed, 'item(s) failed and can be retried'],
    ['att_unplaced', unplaced, 'agent(s) could not be placed on an account'],
    ['att_moved', moved, 'agent(s) moved between machine groups'],
    ['att_conflicts', conflictsInList, 'org(s) have a conflict (renamed, deactivated or duplicate names)'],
  ];
  const present = found.filter(([, n]) => n > 0);
  const parts = present.map(([, n, text]) => `${n} ${text}`);
  const keys = present.map(([key, n]) => ({ key, n: String(n) }));
  return { count, message: parts.length ? `After the ${what}: ${parts.join('; ')}.` : null, parts: keys };
}
