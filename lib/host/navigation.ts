/**
 * BMS's React pages change route without a reload (pushState), which a content script cannot hook:
 * calls `onChange` with the new address on history navigation (popstate) and from a light poll (W6).
 * The runner also checks on every re-render of the page, which is quicker than the poll.
 */
export function watchNavigation(win: Window, onChange: (href: string) => void, pollMs = 250): () => void {
  let last = win.location.href;
  const check = () => {
    const now = win.location.href;
    if (now !== last) {
      last = now;
      onChange(now);
    }
  };
  win.addEventListener('popstate', check);
  const timer = win.setInterval(check, pollMs);
  return () => {
    win.removeEventListener('popstate', check);
    win.clearInterval(timer);
  };
}
