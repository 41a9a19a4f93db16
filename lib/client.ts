/** How UI contexts (popup, options, content script) talk to the background: lib/messages over runtime messaging. */
import { browser } from 'wxt/browser';
import { request, type AnyRequest, type Reply } from './messages';

export function ask<M extends AnyRequest>(msg: M): Promise<Reply<M['type']>> {
  return request(async (m) => browser.runtime.sendMessage(m), msg);
}
