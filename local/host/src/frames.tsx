/**
 * App iframes on the host page: each registers a FrameRegistration (context, history, theming)
 * under its `data-forge-frame-id`, which custom-ui-bridge.ts reads to route bridge calls here.
 */
import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { buildModuleContext, type ColorMode, type ModuleContext, type ModuleTarget } from './context';
import type { FrameRegistration } from './bridge-host';
import { createFrameHistory, type FrameHistory, type HistoryHost } from './history';
import { nextFrameHeight } from './frame-size';

const registry = new Map<string, FrameRegistration>();
/** Frames that called enableTheming, with the document that asked (a reloaded frame must ask again). */
const themed = new Map<string, { iframe: HTMLIFrameElement; doc: Document | null }>();
let frameSeq = 0;
let currentColorMode: ColorMode = 'light';

export function frameRegistration(frameId: string): FrameRegistration | undefined {
  return registry.get(frameId);
}

/** Copy the host's token theme CSS and html theme attributes into a same-origin frame. */
function applyTheme(iframe: HTMLIFrameElement) {
  let doc: Document | null = null;
  try {
    doc = iframe.contentDocument;
  } catch {
    return;
  }
  if (!doc?.documentElement) return;
  const hostHtml = document.documentElement;
  for (const attr of ['data-theme', 'data-color-mode', 'data-contrast-mode']) {
    const v = hostHtml.getAttribute(attr);
    if (v) doc.documentElement.setAttribute(attr, v);
  }
  doc.documentElement.setAttribute('data-color-mode', currentColorMode);
  const head = doc.head ?? doc.documentElement;
  document.head.querySelectorAll('style[data-theme]').forEach((style) => {
    const id = style.getAttribute('data-theme') ?? '';
    if (!head.querySelector(`style[data-theme="${CSS.escape(id)}"]`)) {
      const copy = doc.createElement('style');
      copy.setAttribute('data-theme', id);
      copy.textContent = style.textContent;
      head.appendChild(copy);
    }
  });
}

/** The host's theme toggle changed: update every frame that called `view.theme.enable()`. */
export function setFramesColorMode(mode: ColorMode) {
  currentColorMode = mode;
  for (const [id, { iframe, doc }] of themed) {
    if (!iframe.isConnected) themed.delete(id);
    else if (iframe.contentDocument === doc) applyTheme(iframe);
  }
}

export interface AppFrameProps {
  src: string;
  target: ModuleTarget;
  accountId: string;
  colorMode: ColorMode;
  siteUrl: string;
  /** Backing for `view.createHistory()`; an in-memory one when absent. */
  historyHost?: HistoryHost;
  /** Called with the history once created, so the host can tell it about URL changes. */
  onHistory?: (history: FrameHistory | null) => void;
  minHeight: number;
  testId: string;
  title: string;
  style?: CSSProperties;
}

function memoryHistoryHost(): HistoryHost {
  let loc = { pathname: '/', search: '' };
  return { read: () => loc, write: (next) => (loc = next) };
}

export function AppFrame(props: AppFrameProps) {
  const frameId = useMemo(() => `forge-frame-${++frameSeq}`, []);
  const iframeRef = useRef<HTMLIFrameElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const historyRef = useRef<FrameHistory | null>(null);

  useEffect(() => {
    const registration: FrameRegistration = {
      frameId,
      context(): ModuleContext {
        const p = latest.current;
        return buildModuleContext(p.target, {
          accountId: p.accountId,
          siteUrl: p.siteUrl,
          colorMode: p.colorMode,
          timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
          locale: 'en-US',
        });
      },
      history() {
        if (!historyRef.current) {
          historyRef.current = createFrameHistory(latest.current.historyHost ?? memoryHistoryHost());
          latest.current.onHistory?.(historyRef.current);
        }
        return historyRef.current;
      },
      enableTheming() {
        const iframe = iframeRef.current;
        if (!iframe) return;
        themed.set(frameId, { iframe, doc: iframe.contentDocument });
        applyTheme(iframe);
      },
      reload() {
        historyRef.current = null;
        latest.current.onHistory?.(null);
        iframeRef.current?.contentWindow?.location.reload();
      },
    };
    registry.set(frameId, registration);
    return () => {
      registry.delete(frameId);
      themed.delete(frameId);
      latest.current.onHistory?.(null);
    };
  }, [frameId]);

  // Auto-size to the content (same-origin document; poll, as content changes without events).
  useEffect(() => {
    const timer = window.setInterval(() => {
      const iframe = iframeRef.current;
      if (!iframe) return;
      let doc: Document | null = null;
      try {
        doc = iframe.contentDocument;
      } catch {
        return;
      }
      if (!doc?.body || !doc.documentElement) return;
      const cs = doc.defaultView?.getComputedStyle(doc.body);
      const margins = cs ? parseFloat(cs.marginTop) + parseFloat(cs.marginBottom) : 0;
      const next = nextFrameHeight({
        docScrollHeight: doc.documentElement.scrollHeight,
        bodyHeight: doc.body.getBoundingClientRect().height + margins,
        current: iframe.clientHeight,
        min: latest.current.minHeight,
      });
      if (Math.abs(next - iframe.clientHeight) > 1) iframe.style.height = `${next}px`;
    }, 250);
    return () => window.clearInterval(timer);
  }, []);

  return (
    <iframe
      ref={iframeRef}
      src={props.src}
      title={props.title}
      data-forge-frame-id={frameId}
      data-testid={props.testId}
      data-module-key={props.target.moduleKey}
      style={{
        display: 'block',
        width: '100%',
        height: props.minHeight,
        border: 0,
        background: 'transparent',
        ...props.style,
      }}
    />
  );
}
