/**
 * A panel frame is served only once the content script in its own tab vouches for it (HIGH-1): the
 * background's sender check says "a frame of ours in a tab on the BMS origin", but not who made the
 * <iframe> nor what its direct parent is (Firefox has no location.ancestorOrigins, and a BMS page may
 * itself frame our web-accessible document). The handshake:
 *   1. the frame says `frame.hello`; the background answers with a fresh nonce bound to the frame's
 *      owner key, tab and address;
 *   2. the frame posts the nonce to window.parent with the BMS origin as target (a parent on any other
 *      origin never receives it);
 *   3. the content script takes it only from the window of an <iframe> it placed itself and sends
 *      `frame.vouch` with the nonce and the address it gave that frame;
 *   4. the background marks the frame vouched when tab and address match; `frame.ready` waits for that.
 * Until then every other request of that frame is refused. A new hello (the frame reloaded or was
 * navigated) starts over unvouched. A page that reads the nonce in flight cannot use it: only the
 * content script can vouch, and only for a window it placed.
 */

export interface Pending { owner: string; tabId: number; search: string; vouched: boolean }

const NONCE = /^[0-9a-f]{32}$/;
export const isNonce = (s: unknown): s is string => typeof s === 'string' && NONCE.test(s);

/** the part of a frame's address the content script chose: panel, id and dock (origin and fragment vary) */
export function frameSearch(url: string | undefined | null): string | null {
  try {
    return url ? new URL(url).search : null;
  } catch {
    return null;
  }
}

export class FrameVouches {
  private byNonce = new Map<string, Pending>();
  private byOwner = new Map<string, Pending>();
  private waiters = new Map<string, (() => void)[]>();

  constructor(private readonly random: () => string = randomNonce, private readonly max = 200) {}

  /** step 1: a fresh nonce for this frame (its earlier one, and its vouch, no longer count) */
  issue(owner: string, tabId: number, search: string): string {
    this.drop(owner);
    const p: Pending = { owner, tabId, search, vouched: false };
    const nonce = this.random();
    this.byNonce.set(nonce, p);
    this.byOwner.set(owner, p);
    while (this.byOwner.size > this.max) this.drop(this.byOwner.keys().next().value!);
    return nonce;
  }

  /** step 3: the content script of `tabId` vouches for the frame it placed at `search`; false when nothing matches */
  vouch(nonce: string, tabId: number, search: string): boolean {
    const p = this.byNonce.get(nonce);
    if (!p || p.tabId !== tabId || p.search !== search) return false;
    this.byNonce.delete(nonce); // once
    p.vouched = true;
    for (const w of this.waiters.get(p.owner) ?? []) w();
    this.waiters.delete(p.owner);
    return true;
  }

  isVouched(owner: string | null | undefined): boolean {
    return !!owner && this.byOwner.get(owner)?.vouched === true;
  }

  /** step 4: resolves true once the frame is vouched, false after `ms` */
  wait(owner: string, ms: number): Promise<boolean> {
    if (this.isVouched(owner)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        const list = this.waiters.get(owner)?.filter((w) => w !== done) ?? [];
        if (list.length) this.waiters.set(owner, list);
        else this.waiters.delete(owner);
        resolve(false);
      }, ms);
      this.waiters.set(owner, [...(this.waiters.get(owner) ?? []), done]);
    });
  }

  private drop(owner: string): void {
    const old = this.byOwner.get(owner);
    if (!old) return;
    this.byOwner.delete(owner);
    for (const [n, p] of this.byNonce) if (p === old) this.byNonce.delete(n);
  }
}

function randomNonce(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}
