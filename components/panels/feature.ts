/**
 * One in-page feature per file (as refined-github does): each declares the BMS page it belongs to and
 * attaches itself there through lib/host's anchors, inside a shadow root; it returns how to detach.
 */
import { render, type VNode } from 'preact';
import type { AnchorName } from '@/lib/host/anchors';
import { pageTheme, watchTheme } from '@/lib/host/anchors';
import type { BmsPage, Where } from '@/lib/host/routes';
import type { Ask, Subscribe } from '../api';
import { baseCss } from '../styles';

export const HOST_ATTR = 'data-bms-vsa-sync';

export interface PanelContext {
  doc: Document;
  win: Window;
  where: Where;
  ask: Ask;
  subscribe: Subscribe;
}

export interface PanelFeature {
  /** names the feature's shadow hosts (data-bms-vsa-sync="…") and its log lines */
  id: string;
  pages: BmsPage[];
  /** narrows the pages further (e.g. the account page's RMM Integration tab only) */
  when?: (w: Where) => boolean;
  /** stays attached across route changes while its pages match and its anchor is in the page (the top bar's chip) */
  sticky?: boolean;
  /** the anchor it needs; when it never appears the feature is skipped and that is reported once */
  anchor: AnchorName;
  attach(anchor: Element, ctx: PanelContext): () => void;
}

/**
 * A shadow host at `anchor` with the product's stylesheet, following the page's light/dark theme;
 * nothing leaks in or out. `render` draws into it; `remove` takes it away again.
 */
export function shadowMount(anchor: Element, id: string, placement: 'append' | 'prepend' | 'after' = 'append', inline = false) {
  const doc = anchor.ownerDocument;
  const host = doc.createElement(inline ? 'span' : 'div');
  host.setAttribute(HOST_ATTR, id);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = `${baseCss} :host { all: initial; display: ${inline ? 'inline-block' : 'block'}; } .bvs.panel { background: transparent; }`;
  const mount = doc.createElement(inline ? 'span' : 'div');
  mount.className = 'bvs panel';
  shadow.append(style, mount);
  if (placement === 'prepend') anchor.prepend(host);
  else if (placement === 'after') anchor.after(host);
  else anchor.append(host);
  const theme = () => host.setAttribute('data-theme', pageTheme(doc));
  theme();
  const stopTheme = watchTheme(doc, theme);
  return {
    host,
    render: (v: VNode) => render(v, mount),
    remove: () => {
      stopTheme();
      render(null, mount);
      host.remove();
    },
  };
}

/** progress for views in BMS pages: the background pushes to extension pages only, so panels poll */
export function pollJobs(ask: Ask, everyMs = 700): Subscribe {
  return (listener) => {
    let last = '';
    let stopped = false;
    const tick = async () => {
      if (stopped) return;
      try {
        const p = await ask({ type: 'job.progress' });
        const key = p ? `${p.jobId}|${p.state}|${p.done}|${p.failed}` : '';
        if (p && key !== last) {
          last = key;
          listener(p);
        }
      } catch {
        // the background is restarting: the next tick tries again
      }
      if (!stopped) setTimeout(tick, everyMs);
    };
    setTimeout(tick, everyMs);
    return () => {
      stopped = true;
    };
  };
}
