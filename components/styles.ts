/**
 * The product's look, as one stylesheet string: used by the extension pages and inside the shadow
 * roots of in-page panels (so neither leaks into the other). Light and dark follow the OS on
 * extension pages and the host page inside BMS (`data-theme` on the shadow host).
 */
export const baseCss = `
:host, :root {
  --bvs-bg: #ffffff; --bvs-fg: #17212b; --bvs-muted: #5b6b7b; --bvs-line: #d5dde5; --bvs-accent: #1565c0;
  --bvs-ok: #1b7f3b; --bvs-warn: #8a5700; --bvs-bad: #b3261e; --bvs-chip: #eef3f8; --bvs-on-accent: #ffffff; --bvs-sel: #e3eefb;
  color-scheme: light;
  font: 13px/1.45 system-ui, "Segoe UI", Roboto, Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root:not([data-theme='light']) {
    --bvs-bg: #161d24; --bvs-fg: #e3e9ef; --bvs-muted: #9fb0c0; --bvs-line: #2e3b48; --bvs-accent: #7ab8ff;
    --bvs-ok: #6fd08c; --bvs-warn: #f0b957; --bvs-bad: #ff8a80; --bvs-chip: #22303c; --bvs-on-accent: #0b1622; --bvs-sel: #1f3347; color-scheme: dark;
  }
}
:host([data-theme='light']), :root[data-theme='light'] {
  --bvs-bg: #ffffff; --bvs-fg: #17212b; --bvs-muted: #5b6b7b; --bvs-line: #d5dde5; --bvs-accent: #1565c0;
  --bvs-ok: #1b7f3b; --bvs-warn: #8a5700; --bvs-bad: #b3261e; --bvs-chip: #eef3f8; --bvs-on-accent: #ffffff; --bvs-sel: #e3eefb; color-scheme: light;
}
:host([data-theme='dark']), :root[data-theme='dark'] {
  --bvs-bg: #161d24; --bvs-fg: #e3e9ef; --bvs-muted: #9fb0c0; --bvs-line: #2e3b48; --bvs-accent: #7ab8ff;
  --bvs-ok: #6fd08c; --bvs-warn: #f0b957; --bvs-bad: #ff8a80; --bvs-chip: #22303c; --bvs-on-accent: #0b1622; --bvs-sel: #1f3347; color-scheme: dark;
}
.bvs { color: var(--bvs-fg); background: var(--bvs-bg); font: 13px/1.45 system-ui, "Segoe UI", Roboto, Arial, sans-serif; }
.bvs h1 { font-size: 16px; margin: 0 0 8px; }
.bvs h2 { font-size: 14px; margin: 12px 0 6px; }
.bvs p { margin: 4px 0; }
.bvs button { font: inherit; padding: 5px 12px; border-radius: 4px; border: 1px solid var(--bvs-line); background: var(--bvs-chip); color: var(--bvs-fg); cursor: pointer; }
.bvs button.primary { background: var(--bvs-accent); border-color: var(--bvs-accent); color: var(--bvs-on-accent); }
.bvs button.danger { background: var(--bvs-bad); border-color: var(--bvs-bad); color: var(--bvs-on-accent); }
.bvs button.icon { padding: 2px 8px; line-height: 1.2; }
.bvs label.button { display: inline-block; margin: 0; padding: 5px 12px; border-radius: 4px; border: 1px solid var(--bvs-line); background: var(--bvs-chip); color: var(--bvs-fg); cursor: pointer; }
.bvs label.button:focus-within { outline: 2px solid var(--bvs-accent); outline-offset: 2px; }
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
.bvs .warn-text { color: var(--bvs-warn); }
.bvs .chip { display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px; border-radius: 12px; background: var(--bvs-chip); border: 1px solid var(--bvs-line); font-size: 12px; max-width: 360px; }
.bvs .chip .label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bvs .small { font-size: 12px; }
.bvs .spacer { flex: 1 1 auto; }
.bvs .row.end { justify-content: flex-end; margin-top: 10px; }
.bvs .label, .bvs .name, .bvs .account, .bvs .clip { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; unicode-bidi: isolate; }
.bvs.popup { width: 760px; box-sizing: border-box; padding: 10px 12px; }
.bvs .head h1 { margin: 0; }
.bvs .tabs { display: flex; gap: 2px; border-bottom: 1px solid var(--bvs-line); margin: 8px 0; }
.bvs .tabs [role=tab] { border: 1px solid transparent; border-bottom: none; border-radius: 4px 4px 0 0; background: transparent; }
.bvs .tabs [role=tab][aria-selected=true] { border-color: var(--bvs-line); background: var(--bvs-bg); font-weight: 600; margin-bottom: -1px; }
.bvs .toolbar { margin: 6px 0; }
.bvs .summary { gap: 6px; }
.bvs .summary .count { padding: 3px 10px; border-radius: 14px; }
.bvs .summary .count.on { outline: 2px solid var(--bvs-accent); }
.bvs .scroller { overflow: auto; border: 1px solid var(--bvs-line); border-radius: 6px; position: relative; contain: strict; }
.bvs .scroller .empty { padding: 12px; }
.bvs ul.rows { list-style: none; margin: 0; padding: 0; position: relative; }
.bvs ul.rows > li { position: absolute; top: 0; left: 0; right: 0; display: flex; align-items: center; gap: 8px; padding: 0 8px; box-sizing: border-box; border-bottom: 1px solid var(--bvs-line); }
.bvs ul.rows > li input[type=checkbox] { width: auto; flex: none; margin: 0; }
.bvs ul.rows .name { flex: 1 1 0; min-width: 0; }
.bvs ul.rows .account { flex: 1 1 0; min-width: 0; color: var(--bvs-muted); }
.bvs ul.rows .account .why { display: block; font-size: 11px; line-height: 1.2; overflow: hidden; text-overflow: ellipsis; }
.bvs ul.rows .badge { width: 84px; text-align: center; box-sizing: border-box; }
.bvs ul.rows .actions { display: flex; gap: 4px; flex: none; }
.bvs ul.rows .actions button { padding: 2px 8px; font-size: 12px; }
.bvs .badge { flex: none; font-size: 11px; padding: 1px 8px; border-radius: 10px; border: 1px solid currentColor; }
.bvs .badge.linked { color: var(--bvs-ok); }
.bvs .badge.suggested { color: var(--bvs-accent); }
.bvs .badge.conflict { color: var(--bvs-bad); }
.bvs .badge.unlinked, .bvs .badge.never { color: var(--bvs-muted); }
.bvs progress { width: 100%; height: 14px; accent-color: var(--bvs-accent); }
.bvs .job { border: 1px solid var(--bvs-line); border-radius: 6px; padding: 8px 12px; margin: 8px 0; background: var(--bvs-chip); }
.bvs .job h2 { margin-top: 0; }
.bvs .job ul.errors, .bvs .conflicts ul { max-height: 110px; overflow: auto; margin: 4px 0; padding-left: 18px; }
.bvs .job .current { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bvs dialog.dialog { border: 1px solid var(--bvs-line); border-radius: 8px; padding: 12px 16px; max-width: min(640px, 92vw); width: 92vw; box-sizing: border-box; }
.bvs dialog.dialog::backdrop, dialog.dialog::backdrop { background: rgba(0,0,0,.4); }
.bvs .dialog-head { display: flex; align-items: center; gap: 8px; }
.bvs .dialog-head h2 { flex: 1; margin: 0 0 8px; overflow-wrap: anywhere; }
.bvs ul.warnings { padding-left: 18px; }
.bvs .not-shared { margin: 6px 0; padding: 6px 8px; border: 1px solid #b26a00; border-radius: 4px; overflow-wrap: anywhere; }
.bvs ul.warnings li { margin: 4px 0; overflow-wrap: anywhere; }
.bvs .picker ul.options { list-style: none; margin: 6px 0; padding: 0; max-height: 260px; overflow: auto; border: 1px solid var(--bvs-line); border-radius: 4px; }
.bvs .picker li[role=option] { display: flex; gap: 8px; align-items: center; padding: 5px 8px; cursor: pointer; }
.bvs .picker li[role=option].active { background: var(--bvs-sel); }
.bvs .picker li .label { flex: 1; min-width: 0; }
.bvs label.radio, .bvs label.check { display: flex; gap: 8px; align-items: center; color: var(--bvs-fg); margin: 6px 0; }
.bvs label.radio input, .bvs label.check input { width: auto; margin: 0; }
.bvs table { border-collapse: collapse; width: 100%; table-layout: fixed; }
.bvs th, .bvs td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--bvs-line); vertical-align: middle; }
.bvs th { color: var(--bvs-muted); font-weight: 600; font-size: 12px; }
.bvs td.nowrap { white-space: nowrap; }
.bvs table.custom th:last-child, .bvs table.custom td:last-child { width: 40px; }
.bvs .audit-wrap { max-height: 330px; overflow: auto; border: 1px solid var(--bvs-line); border-radius: 6px; }
.bvs table.audit th:nth-child(1) { width: 140px; } .bvs table.audit th:nth-child(2) { width: 50px; } .bvs table.audit th:nth-child(3) { width: 70px; }
.bvs ul.locations { max-height: 160px; overflow: auto; }
.bvs dl.facts { display: grid; grid-template-columns: minmax(120px, 180px) 1fr; gap: 4px 12px; margin: 8px 0; }
.bvs dl.facts dt { color: var(--bvs-muted); }
.bvs dl.facts dd { margin: 0; min-width: 0; }
.bvs.panel .rmm-panel { border-top: 1px solid var(--bvs-line); margin-top: 16px; padding-top: 8px; }
.bvs.panel .accounts-sync-panel { border-bottom: 1px solid var(--bvs-line); margin-bottom: 16px; padding-bottom: 12px; }
.bvs .asset-sync { display: inline-flex; align-items: center; gap: 6px; margin-right: 8px; max-width: 100%; }
.bvs .asset-sync .sync-msg.clip { max-width: 260px; display: inline-block; vertical-align: middle; }
.bvs .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
