/** The frame handshake: a panel frame is served only once the content script of its tab vouched for the frame it placed. */
import { describe, expect, it } from 'vitest';
import { frameSearch, FrameVouches, isNonce } from '@/lib/frame-vouch';

const Q = '?panel=account&id=31';

describe('frame vouches', () => {
  it('a frame is vouched only by its own tab, for the address it was given, once', () => {
    let n = 0;
    const v = new FrameVouches(() => String(++n).padStart(32, '0'));
    const nonce = v.issue('7/4/doc', 7, Q);
    expect(isNonce(nonce)).toBe(true);
    expect(v.isVouched('7/4/doc')).toBe(false);
    expect(v.vouch(nonce, 8, Q)).toBe(false); // another tab's content script
    expect(v.vouch(nonce, 7, '?panel=account&id=32')).toBe(false); // not the address it placed
    expect(v.vouch('f'.repeat(32), 7, Q)).toBe(false); // a nonce nobody issued
    expect(v.isVouched('7/4/doc')).toBe(false);
    expect(v.vouch(nonce, 7, Q)).toBe(true);
    expect(v.isVouched('7/4/doc')).toBe(true);
    expect(v.vouch(nonce, 7, Q)).toBe(false); // used up
    expect(v.isVouched('7/9/other')).toBe(false);
    expect(v.isVouched(null)).toBe(false);
  });

  it('a new hello (reloaded or navigated frame) starts over unvouched, and the old nonce is void', () => {
    let n = 0;
    const v = new FrameVouches(() => String(++n).padStart(32, '0'));
    const first = v.issue('7/4/', 7, Q);
    expect(v.vouch(first, 7, Q)).toBe(true);
    const second = v.issue('7/4/', 7, '?panel=account&id=99');
    expect(v.isVouched('7/4/')).toBe(false);
    expect(v.vouch(first, 7, Q)).toBe(false);
    expect(v.vouch(second, 7, '?panel=account&id=99')).toBe(true);
  });

  it('ready waits for the vouch, and gives up after its time', async () => {
    const v = new FrameVouches();
    const nonce = v.issue('7/4/', 7, Q);
    const waiting = v.wait('7/4/', 1000);
    v.vouch(nonce, 7, Q);
    expect(await waiting).toBe(true);
    v.issue('7/5/', 7, Q);
    expect(await v.wait('7/5/', 20)).toBe(false);
  });

  it('the address part is the query the content script chose', () => {
    expect(frameSearch('moz-extension://u/bms-frame.html?panel=asset&id=3#theme=dark')).toBe('?panel=asset&id=3');
    expect(frameSearch('nonsense')).toBeNull();
    expect(frameSearch(undefined)).toBeNull();
  });
});
