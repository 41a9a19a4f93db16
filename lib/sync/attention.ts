/**
 * What needs the admin's attention after a job (B7, B8), for the badge and the notification: failed
 * items, agents left unplaced, agents that moved, and conflicts in the sync list. Pure.
 */
export interface Attention {
  /** the badge's number; 0 clears it */
  count: number;
  /** the notification's text, or null when nothing needs saying */
  message: string | null;
}

const KIND: Record<string, string> = { import: 'import', export: 'export', push: 'push of new accounts', assets: 'asset sync', undo: 'undo' };

export function attention(p: { kind: string; state: string; failed: number; note: string | null; summary: Record<string, number> }, conflictsInList: number): Attention {
  const what = KIND[p.kind] ?? p.kind;
  if (p.state === 'failed') return { count: Math.max(1, p.failed + conflictsInList), message: `The ${what} stopped: ${p.note ?? 'see the extension'}` };
  const unplaced = p.kind === 'assets' ? (p.summary.unplaced ?? 0) : 0;
  const moved = p.kind === 'assets' ? (p.summary.moved ?? 0) : 0;
  const count = p.failed + unplaced + conflictsInList;
  const parts: string[] = [];
  if (p.failed) parts.push(`${p.failed} item(s) failed and can be retried`);
  if (unplaced) parts.push(`${unplaced} agent(s) could not be placed on an account`);
  if (moved) parts.push(`${moved} agent(s) moved between machine groups`);
  if (conflictsInList) parts.push(`${conflictsInList} org(s) have a conflict (renamed, deactivated or duplicate names)`);
  return { count, message: parts.length ? `After the ${what}: ${parts.join('; ')}.` : null };
}
