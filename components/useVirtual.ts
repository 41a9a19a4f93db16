/** @tanstack/virtual-core for Preact: only the rows in view are in the DOM (5,000+ orgs stay fluid). */
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer, type VirtualizerOptions } from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';

export function useVirtualizer(opts: { count: number; getScrollElement: () => HTMLElement | null; rowHeight: number; overscan?: number }): Virtualizer<HTMLElement, Element> {
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const options: VirtualizerOptions<HTMLElement, Element> = {
    count: opts.count,
    getScrollElement: opts.getScrollElement,
    estimateSize: () => opts.rowHeight,
    overscan: opts.overscan ?? 6,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    // rows are all one height: a row never needs measuring
    initialRect: { width: 0, height: opts.rowHeight * 12 },
    onChange: () => rerender(undefined as never),
  };
  const [v] = useState(() => new Virtualizer(options));
  v.setOptions(options);
  useLayoutEffect(() => v._didMount(), []);
  useLayoutEffect(() => {
    v._willUpdate();
  });
  return v;
}
