/**
 * The product's look, as one stylesheet string: used by the extension pages and inside the shadow
 * roots of in-page panels (so neither leaks into the other). Light and dark follow the OS on
 * extension pages and the host page inside BMS (`data-theme` on the shadow host).
 */
export const baseCss = `
:host, :root {
  --bvs-bg: #ffffff; --bvs-fg: #17212b; --bvs-muted: #5b6b7b; --bvs-line: #d5dde5; --bvs-accent: #1565c0;
  --bvs-ok: #1b7f3b; --bvs-warn: #9a6100; --bvs-bad: #b3261e; --bvs-chip: #eef3f8;
  color-scheme: light;
  font: 13px/1.45 system-ui, "Segoe UI", Roboto, Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root:not([data-theme='light']) {
    --bvs-bg: #161d24; --bvs-fg: #e3e9ef; --bvs-muted: #9fb0c0; --bvs-line: #2e3b48; --bvs-accent: #7ab8ff;
    --bvs-ok: #6fd08c; --bvs-warn: #f0b957; --bvs-bad: #ff8a80; --bvs-chip: #22303c; color-scheme: dark;
  }
}
:host([data-theme='dark']), :root[data-theme='dark'] {
  --bvs-bg: #161d24; --bvs-fg: #e3e9ef; --bvs-muted: #9fb0c0; --bvs-line: #2e3b48; --bvs-accent: #7ab8ff;
  --bvs-ok: #6fd08c; --bvs-warn: #f0b957; --bvs-bad: #ff8a80; --bvs-chip: #22303c; color-scheme: dark;
}
.bvs { color: var(--bvs-fg); background: var(--bvs-bg); }
.bvs h1 { font-size: 16px; margin: 0 0 8px; }
.bvs h2 { font-size: 14px; margin: 12px 0 6px; }
.bvs p { margin: 4px 0; }
.bvs button { font: inherit; padding: 5px 12px; border-radius: 4px; border: 1px solid var(--bvs-line); background: var(--bvs-chip); color: var(--bvs-fg); cursor: pointer; }
.bvs button.primary { background: var(--bvs-accent); border-color: var(--bvs-accent); color: #fff; }
.bvs button:disabled { opacity: .6; cursor: default; }
.bvs button:focus-visible, .bvs input:focus-visible, .bvs select:focus-visible, .bvs a:focus-visible { outline: 2px solid var(--bvs-accent); outline-offset: 2px; }
.bvs label { display: block; margin: 8px 0 2px; color: var(--bvs-muted); }
.bvs input, .bvs select { font: inherit; width: 100%; box-sizing: border-box; padding: 6px 8px; border: 1px solid var(--bvs-line); border-radius: 4px; background: var(--bvs-bg); color: var(--bvs-fg); }
.bvs fieldset { border: 1px solid var(--bvs-line); border-radius: 6px; padding: 8px 12px 12px; margin: 0 0 12px; }
.bvs legend { font-weight: 600; padding: 0 4px; }
.bvs .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.bvs .muted { color: var(--bvs-muted); }
.bvs .status { display: flex; gap: 8px; align-items: flex-start; padding: 6px 0; }
.bvs .dot { width: 10px; height: 10px; border-radius: 50%; margin-top: 4px; flex: none; background: var(--bvs-muted); }
.bvs .dot.ok { background: var(--bvs-ok); }
.bvs .dot.error, .bvs .dot.no-permission { background: var(--bvs-bad); }
.bvs .dot.not-configured, .bvs .dot.unknown { background: var(--bvs-warn); }
.bvs .msg { overflow-wrap: anywhere; }
.bvs .error-text { color: var(--bvs-bad); }
.bvs .ok-text { color: var(--bvs-ok); }
.bvs .chip { display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px; border-radius: 12px; background: var(--bvs-chip); border: 1px solid var(--bvs-line); font-size: 12px; max-width: 360px; }
.bvs .chip .label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bvs .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
