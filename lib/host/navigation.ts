/**
 * BMS is a single-page app: pages change without a reload. Calls `onChange` with the new URL on
 * every route change (hash changes, history navigation, and a light poll for pushState routers).
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
  win.addEventListener('hashchange', check);
  win.addEventListener('popstate', check);
  const timer = win.setInterval(check, pollMs);
  return () => {
    win.removeEventListener('hashchange', check);
    win.removeEventListener('popstate', check);
    win.clearInterval(timer);
  };
}
