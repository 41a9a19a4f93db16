/**
 * The Sync button beside each hardware asset link in the BMS page (F17). It stays in the page (a
 * one-asset sync is idempotent), in a closed shadow root, and acts on trusted events only: a script in
 * the page can neither read its result nor press it. After a change it offers "Reload to see it" (W5),
 * never over a form the admin is typing into. Plain DOM: the content script stays small.
 */
import { hasOpenForm } from '@/lib/host/anchors';
import { t } from '@/lib/i18n';
import { HOST_ATTR } from './frame-mount';

export type SendRaw = (msg: { type: string } & Record<string, unknown>) => Promise<unknown>;

interface SyncReply { changes: { field: string; before: string; after: string }[]; reason: string | null; progress: { failed: number; state: string; errors: { reason: string }[]; note: string | null } }

const fieldLabel = (f: string) => {
  const l = t(`field_${f}`);
  return l === `field_${f}` ? f : l;
};

const isOurs = (el: Element) => !!el.closest(`[${HOST_ATTR}]`);

export function mountRowSync(doc: Document, link: HTMLAnchorElement, assetId: number, send: SendRaw): { host: HTMLElement; remove: () => void } {
  const host = doc.createElement('span');
  host.setAttribute(HOST_ATTR, 'asset-sync');
  host.style.cssText = 'all: initial; display: inline-flex; gap: 4px; align-items: center; margin-right: 6px; vertical-align: middle; font: 12px system-ui, sans-serif;';
  const root = host.attachShadow({ mode: 'closed' });
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = '⟳';
  button.title = t('syncHint');
  button.setAttribute('aria-label', t('syncAsset', String(assetId)));
  Object.assign(button.style, { font: 'inherit', padding: '0 6px', cursor: 'pointer', border: '1px solid #8a9bab', borderRadius: '3px', background: 'transparent', color: 'inherit' });
  const status = doc.createElement('span');
  status.setAttribute('role', 'status');
  Object.assign(status.style, { maxWidth: '18em', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: 'inherit' });
  const reload = doc.createElement('button');
  reload.type = 'button';
  reload.textContent = t('reloadToSee');
  reload.hidden = true;
  Object.assign(reload.style, { font: 'inherit', padding: '0 6px', cursor: 'pointer' });
  root.append(button, status, reload);

  const say = (text: string, bad: boolean) => {
    status.textContent = text;
    status.title = text;
    status.setAttribute('role', bad ? 'alert' : 'status');
    status.style.color = bad ? '#c62828' : 'inherit';
  };
  const onSync = async (e: Event) => {
    if (!e.isTrusted || button.disabled) return;
    button.disabled = true;
    button.textContent = '…';
    reload.hidden = true;
    try {
      const env = (await send({ type: 'asset.sync', assetId })) as { ok: boolean; reply?: SyncReply; error?: string } | undefined;
      if (!env?.ok || !env.reply) throw new Error(env?.error ?? t('syncFailed'));
      const r = env.reply;
      if (r.progress.failed || r.progress.state === 'failed') say(r.progress.errors[0]?.reason ?? r.progress.note ?? r.reason ?? t('syncFailed'), true);
      else if (r.changes.length) {
        say(t('syncChanged', r.changes.map((c) => `${fieldLabel(c.field)}: ${c.before || '∅'} → ${c.after || '∅'}`).join('; ')), false);
        reload.hidden = false;
      } else say(r.reason ?? t('syncUnchanged'), !!r.reason);
    } catch (err) {
      say((err as Error).message, true);
    }
    button.textContent = '⟳';
    button.disabled = false;
  };
  const onReload = (e: Event) => {
    if (!e.isTrusted) return;
    if (hasOpenForm(doc, isOurs)) {
      say(t('reloadAfterSave'), true);
      return;
    }
    // a GET of the same address: a legacy postback is not sent again
    doc.defaultView!.location.assign(doc.defaultView!.location.href);
  };
  button.addEventListener('click', onSync);
  reload.addEventListener('click', onReload);
  // before the link: a grid cell that cuts long names off does not cut the button off
  link.before(host);
  return {
    host,
    remove() {
      button.removeEventListener('click', onSync);
      reload.removeEventListener('click', onReload);
      host.remove();
    },
  };
}
