/**
 * A panel in an extension-owned frame: the content script only places and sizes an <iframe> whose
 * document is an extension page (entrypoints/bms-frame), so the page can neither read nor click into
 * it. The frame sits in a closed shadow root; a guard (as Bitwarden's inline menu does) restores the
 * host's style when the page changes it, puts it back when the page removes it, and gives up (closes
 * it, says so once) when the page keeps fighting or hides it (clickjacking). Its own writes pause the
 * guard, so repairs never loop.
 */
export const HOST_ATTR = 'data-bms-vsa-sync';

export interface FrameSpec {
  /** which panel the frame shows (its document reads it from the address) */
  panel: 'account' | 'accounts-sync' | 'asset';
  /** the account or asset number, when the panel is for one */
  id: number | null;
  theme: 'light' | 'dark';
}

export interface FrameMount {
  host: HTMLElement;
  setTheme(t: 'light' | 'dark'): void;
  remove(): void;
}

/** what the frame may tell its parent: its size, collapsed or not, that the admin asked for a reload, and its handshake nonce */
export type FrameNote = { bvs: 'size'; height: number; collapsed: boolean } | { bvs: 'reload' } | { bvs: 'hello'; nonce: string };

const MAX_REPAIRS = 20;
const REPAIR_WINDOW_MS = 5000;
const DOCK_WIDTH = 420;
const DOCK_COLLAPSED = 60;

export function frameUrl(base: string, spec: FrameSpec, docked: boolean): string {
  const q = new URLSearchParams({ panel: spec.panel, ...(spec.id !== null ? { id: String(spec.id) } : {}), ...(docked ? { dock: '1' } : {}) });
  return `${base}?${q}#theme=${spec.theme}`;
}

function hostCss(docked: boolean, collapsed: boolean, height: number): string {
  const common = 'all: initial; display: block; visibility: visible; opacity: 1; pointer-events: auto; transform: none; filter: none; clip-path: none;';
  if (!docked) return `${common} position: relative; width: 100%; height: ${height}px; margin: 8px 0;`;
  return `${common} position: fixed; top: 72px; right: 0; width: ${collapsed ? DOCK_COLLAPSED : DOCK_WIDTH}px; height: ${Math.min(height, Math.round(window.innerHeight * 0.85))}px; z-index: 2147483646; box-shadow: 0 4px 18px rgba(0,0,0,.25); border-radius: 6px 0 0 6px; overflow: hidden;`;
}

export function mountFrame(opts: {
  doc: Document;
  /** the anchor it goes into (appended), or null to dock at the page edge (W3) */
  anchor: Element | null;
  spec: FrameSpec;
  frameBase: string;
  extOrigins: string[];
  onNote: (n: FrameNote) => void;
  /** the frame's handshake: vouch for it with its nonce and the address this mount gave it (lib/frame-vouch.ts) */
  onHello?: (nonce: string, src: string) => void;
  /** the page fought the frame or hid it: it is closed; say so once */
  onGiveUp: (why: string) => void;
}): FrameMount {
  const { doc, anchor, spec } = opts;
  const docked = anchor === null;
  const host = doc.createElement('div');
  host.setAttribute(HOST_ATTR, `frame-${spec.panel}`);
  const shadow = host.attachShadow({ mode: 'closed' });
  const frame = doc.createElement('iframe');
  frame.src = frameUrl(opts.frameBase, spec, docked);
  frame.title = 'bms-vsa-sync';
  frame.setAttribute('allowtransparency', 'true');
  Object.assign(frame.style, { border: '0', width: '100%', height: '100%', display: 'block', colorScheme: 'normal' });
  shadow.append(frame);

  let height = docked ? 320 : 160;
  let collapsed = false;
  let closed = false;
  let writing = false;
  const repairs: number[] = [];
  const parent = docked ? doc.body : anchor!;

  const apply = () => {
    writing = true;
    host.style.cssText = hostCss(docked, collapsed, height);
    for (const a of [...host.attributes]) if (a.name !== 'style' && a.name !== HOST_ATTR) host.removeAttribute(a.name);
    if (!host.isConnected && parent.isConnected) parent.append(host);
    void Promise.resolve().then(() => (writing = false));
  };
  const giveUp = (why: string) => {
    if (closed) return;
    remove();
    opts.onGiveUp(why);
  };
  const repaired = () => {
    const now = Date.now();
    repairs.push(now);
    while (repairs.length && now - repairs[0] > REPAIR_WINDOW_MS) repairs.shift();
    if (repairs.length > MAX_REPAIRS) giveUp('the page keeps changing the panel');
    else apply();
  };
  const guard = new MutationObserver((records) => {
    if (writing || closed) return;
    if (records.some((r) => r.type === 'attributes' && r.target === host) || !host.isConnected) repaired();
  });
  const onMessage = (e: MessageEvent) => {
    if (e.source !== frame.contentWindow || !opts.extOrigins.includes(e.origin)) return;
    const n = e.data as FrameNote | null;
    if (n?.bvs === 'size' && Number.isFinite(n.height)) {
      height = Math.max(40, Math.min(4000, Math.ceil(n.height)));
      collapsed = !!n.collapsed;
      apply();
    } else if (n?.bvs === 'reload') opts.onNote(n);
    else if (n?.bvs === 'hello' && typeof n.nonce === 'string') opts.onHello?.(n.nonce, frame.src);
  };
  // clickjacking: a panel the page made invisible or covered is closed, not left to be clicked blind
  const hiddenCheck = window.setInterval(() => {
    if (closed || !host.isConnected) return;
    const win = doc.defaultView!;
    for (let el: Element | null = host; el; el = el.parentElement) {
      const cs = win.getComputedStyle(el);
      if (Number(cs.opacity) < 0.9 || cs.visibility === 'hidden') return giveUp('the page made the panel invisible');
    }
    const r = host.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) {
      const cx = Math.min(Math.max(r.left + r.width / 2, 0), win.innerWidth - 1);
      const cy = Math.min(Math.max(r.top + Math.min(r.height / 2, 20), 0), win.innerHeight - 1);
      const top = r.bottom > 0 && r.top < win.innerHeight ? doc.elementFromPoint(cx, cy) : host;
      if (top && top !== host && !host.contains(top)) return giveUp('the page covered the panel');
    }
  }, 1000);

  function remove() {
    if (closed) return;
    closed = true;
    guard.disconnect();
    window.removeEventListener('message', onMessage);
    window.clearInterval(hiddenCheck);
    host.remove();
  }

  apply();
  window.addEventListener('message', onMessage);
  guard.observe(host, { attributes: true });
  guard.observe(parent, { childList: true });
  return {
    host,
    setTheme(t) {
      if (closed || t === spec.theme) return;
      spec.theme = t;
      // only the fragment changes: the frame hears hashchange, nothing reloads
      frame.src = frameUrl(opts.frameBase, spec, docked);
    },
    remove,
  };
}
