/**
 * The UI Kit frame's renderer: Forge UI Kit apps (@forge/react) do not touch the DOM, they send a
 * forgeDoc tree with `__bridge.callBridge('reconcile', {forgeDoc})`. On Forge, Jira renders it
 * with Atlaskit; here the frame does (React 18 + Atlaskit; one renderer per type in ./ui-kit). Function props
 * (onClick, onChange, onSubmit ...) are the app's own functions and are called directly.
 * Unknown component types render as a visible "Unknown component X" box.
 */
import { Component, useEffect, useState, type ErrorInfo, type ReactNode } from 'react';
import '@atlaskit/css-reset';
import { createRoot } from 'react-dom/client';
import SectionMessage from '@atlaskit/section-message';
import { isForgeDoc, type ForgeDoc } from './forge-doc';
import { bridge } from './ui-kit/frame-bridge';
import { installRenderers, Node } from './ui-kit/node';
import { CONTENT_RENDERERS } from './ui-kit/content-renderers';
import { FORM_RENDERERS } from './ui-kit/form-renderers';

installRenderers(CONTENT_RENDERERS, FORM_RENDERERS);

// ---------------------------------------------------------------------------------------------
// forgeDoc store: the reconciler sends the same (mutated) root on every commit.

let latestDoc: ForgeDoc | null = null;
const subscribers = new Set<() => void>();

function onReconcile(payload: unknown) {
  const doc = (payload as { forgeDoc?: unknown } | null)?.forgeDoc;
  if (!isForgeDoc(doc)) return;
  latestDoc = doc;
  subscribers.forEach((s) => s());
}

bridge?.handleLocally?.('reconcile', onReconcile);

class Boundary extends Component<{ children: ReactNode; resetKey: number }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(prev: { resetKey: number }) {
    // A new forgeDoc may render fine: try again.
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('forgeDoc render failed', error, info.componentStack);
  }
  override render() {
    if (this.state.error) {
      return (
        <SectionMessage appearance="error" title="The local UI Kit renderer failed">
          <p>{String(this.state.error.message)}</p>
        </SectionMessage>
      );
    }
    return this.props.children;
  }
}

function PanelRoot() {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const s = () => setVersion((v) => v + 1);
    subscribers.add(s);
    if (latestDoc) s();
    return () => {
      subscribers.delete(s);
    };
  }, []);
  return (
    <div data-testid="forge-doc-root" data-version={version} style={{ padding: 2 }}>
      {latestDoc ? (
        <Boundary resetKey={version}>
          <Node node={latestDoc} />
        </Boundary>
      ) : null}
    </div>
  );
}

// Theming like Jira does for UI Kit: the host copies its token theme into this frame.
void bridge?.callBridge('enableTheming').catch(() => undefined);

const rootElement = document.getElementById('root');
if (rootElement) createRoot(rootElement).render(<PanelRoot />);
