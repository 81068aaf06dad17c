/**
 * The local host page: imitates Jira around the app (top bar with user and project switchers,
 * project sidebar, the app's project page and settings page, an issue list and issue view with
 * the issue panel) and plays the Forge platform for the app iframes (bridge-host.ts).
 */
import '@atlaskit/css-reset';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import { SessionError, getSession, postJson, type Session } from './api';
import { createBridgeHost } from './bridge-host';
import { MODULES, type ColorMode } from './context';
import { TriggersDrawer } from './drawer';
import { AppFrame, frameRegistration, setFramesColorMode } from './frames';
import type { FrameHistory } from './history';
import { IssueList, IssueView } from './pages';
import { appLocation, formatHash, parseHash, RELEASE_SUBPAGES, routeProjectKey, switchProject, type HashState, type HostRoute } from './routes';
import { Avatar, styles } from './ui';

const LS_USER = 'localForge.accountId';
const LS_THEME = 'localForge.colorMode';

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // private mode: the hash still carries ?as=
  }
}

/** Change the host URL; `replace` leaves no history entry. Either way listeners hear 'hashchange'. */
export function setHash(hash: string, mode: 'push' | 'replace' = 'push') {
  if (window.location.hash === hash) return;
  if (mode === 'push') {
    window.location.hash = hash;
  } else {
    window.history.replaceState(window.history.state, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
}

function useHashState(): HashState {
  const [state, setState] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setState(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return state;
}

// ---------------------------------------------------------------------------------------------
// The Forge platform stand-in, reachable from app iframes as parent.__localForgeHost.

let sessionUsers: Session['users'] = [];

const bridgeHost = createBridgeHost({
  frame: frameRegistration,
  postJson,
  siteOrigin: window.location.origin,
  goTo(route, appSearch) {
    const state = parseHash(window.location.hash);
    setHash(formatHash(route, { as: state.as, appSearch }));
  },
  hrefFor(route, appSearch) {
    return `/${formatHash(route, { as: parseHash(window.location.hash).as, appSearch })}`;
  },
  openTab(url) {
    window.open(url, '_blank', 'noopener');
  },
  leaveTo(url) {
    window.location.assign(url);
  },
  openEvents(url, onMessage) {
    return new Promise((resolve, reject) => {
      const source = new EventSource(url);
      source.onmessage = (event: MessageEvent<string>) => onMessage(event.data);
      source.onopen = () => resolve(() => source.close());
      // Before it opened: the subscription failed (the page polls instead). After: EventSource reconnects by itself.
      source.onerror = () => {
        if (source.readyState === EventSource.CLOSED) reject(new Error(`The realtime stream ${url} could not be opened.`));
      };
    });
  },
  log(frameId, name, payload) {
    if (name === 'onError') console.error(`[${frameId}] app error`, payload);
    else console.debug(`[${frameId}] bridge ${name}`, payload);
  },
});

(window as unknown as { __localForgeHost: unknown }).__localForgeHost = {
  callBridge: bridgeHost.callBridge,
  /** For the UI Kit renderer's <User>: account id → display name. */
  users: () => sessionUsers.map((u) => ({ accountId: u.accountId, displayName: u.displayName })),
};

// ---------------------------------------------------------------------------------------------

const navLink = (active: boolean) => ({
  display: 'inline-flex',
  alignItems: 'center',
  height: 32,
  padding: '0 10px',
  borderRadius: 4,
  fontWeight: 500,
  textDecoration: 'none',
  color: active ? token('color.text.selected') : token('color.text.subtle'),
  background: active ? token('color.background.selected') : 'transparent',
});

const sideLink = (active: boolean, indent = 0) => ({
  display: 'block',
  padding: `6px 12px 6px ${12 + indent}px`,
  borderRadius: 4,
  textDecoration: 'none',
  fontSize: 14,
  color: active ? token('color.text.selected') : token('color.text'),
  background: active ? token('color.background.selected') : 'transparent',
  fontWeight: active ? 600 : 400,
});

function HostApp() {
  const hash = useHashState();
  const [session, setSession] = useState<Session | null>(null);
  const [sessionError, setSessionError] = useState<SessionError | null>(null);
  const [colorMode, setColorMode] = useState<ColorMode>(() => (readStorage(LS_THEME) === 'dark' ? 'dark' : 'light'));
  const [storedUser, setStoredUser] = useState<string | null>(() => readStorage(LS_USER));
  const [drawerOpen, setDrawerOpen] = useState(false);
  const releasesHistory = useRef<FrameHistory | null>(null);

  useEffect(() => {
    getSession()
      .then((s) => {
        sessionUsers = s.users;
        setSession(s);
      })
      .catch((e: unknown) => setSessionError(e instanceof SessionError ? e : new SessionError(String(e))));
  }, []);

  useEffect(() => {
    document.documentElement.setAttribute('data-color-mode', colorMode);
    void setGlobalTheme({ colorMode, light: 'light', dark: 'dark', spacing: 'spacing', typography: 'typography' }).then(() =>
      setFramesColorMode(colorMode),
    );
  }, [colorMode]);

  const accountId = useMemo(() => {
    if (!session) return '';
    const known = (id: string | null | undefined) => !!id && session.users.some((u) => u.accountId === id);
    if (known(hash.as)) return hash.as!;
    if (known(storedUser)) return storedUser!;
    return session.defaultAccountId || session.users[0]?.accountId || '';
  }, [session, hash.as, storedUser]);

  // No project in the URL: go to the home project's Releases page (SHOP on demo data).
  useEffect(() => {
    if (!session || hash.route.kind !== 'home') return;
    const first = session.projects.find((p) => p.key === session.defaultProjectKey) ?? session.projects[0];
    if (first) setHash(formatHash({ kind: 'releases', projectKey: first.key, subPath: '/' }, { as: hash.as }), 'replace');
  }, [session, hash]);

  // The project page frame keeps its iframe across sub-pages: tell its history about URL changes.
  useEffect(() => {
    releasesHistory.current?.sync();
  }, [hash]);

  const href = useCallback((route: HostRoute) => formatHash(route, { as: hash.as }), [hash.as]);

  const projectKey = routeProjectKey(hash.route);
  const project = session?.projects.find((p) => p.key === projectKey) ?? null;

  const switchUser = (id: string) => {
    writeStorage(LS_USER, id);
    setStoredUser(id);
    if (hash.as) setHash(formatHash(hash.route, { as: id, appSearch: hash.appSearch }), 'replace');
  };

  const toggleTheme = () => {
    const next = colorMode === 'dark' ? 'light' : 'dark';
    writeStorage(LS_THEME, next);
    setColorMode(next);
  };

  if (sessionError) {
    return (
      <div style={{ padding: 32 }} data-testid="session-error" data-code={sessionError.code ?? 'runtime'}>
        {sessionError.code ? (
          <SectionMessage appearance="warning" title={sessionError.code === 'QUOTA_EXHAUSTED' ? 'Jira’s hourly API quota is used up' : 'Jira is rate limiting the app'}>
            <p>{sessionError.message}</p>
            {sessionError.retryAt && (
              <p>
                It resets at <strong>{sessionError.retryAt.slice(11, 16)} UTC</strong> ({sessionError.retryAt.slice(0, 10)}); reload then.
              </p>
            )}
            <p>
              On demo data this is the fake Jira’s quota switch: turn it off with{' '}
              <code>{'PUT /__admin/faults {"quotaExhausted":false}'}</code> on the fake Jira and reload this page.
            </p>
          </SectionMessage>
        ) : (
          <SectionMessage appearance="error" title="The local runtime is not answering">
            <p>{sessionError.message}</p>
          </SectionMessage>
        )}
      </div>
    );
  }
  if (!session) {
    return (
      <div style={{ padding: 32 }}>
        <Spinner size="large" label="Loading the local host" />
      </div>
    );
  }

  const user = session.users.find((u) => u.accountId === accountId);
  const route = hash.route;
  const releasesHistoryHost = project
    ? {
        read: () => {
          const s = parseHash(window.location.hash);
          return appLocation(s.route.kind === 'releases' ? s.route : { kind: 'releases', projectKey: project.key, subPath: '/' }, s.appSearch);
        },
        write: (loc: { pathname: string; search: string }, mode: 'push' | 'replace') => {
          const s = parseHash(window.location.hash);
          setHash(formatHash({ kind: 'releases', projectKey: project.key, subPath: loc.pathname }, { as: s.as, appSearch: loc.search }), mode);
        },
        go: (delta: number) => window.history.go(delta),
      }
    : undefined;

  let content: JSX.Element;
  if (!project && route.kind !== 'home') {
    content = (
      <SectionMessage appearance="warning" title={`Project ${projectKey ?? ''} not found`}>
        <p>
          The local session knows these projects: {session.projects.map((p) => p.key).join(', ') || 'none'}. Pick one in the project switcher.
        </p>
      </SectionMessage>
    );
  } else if (!project) {
    content = <p>No projects in this session.</p>;
  } else if (route.kind === 'releases') {
    content = (
      <AppFrame
        key={`releases|${project.key}|${accountId}`}
        src="/apps/releases/"
        title="Releases"
        testId="app-frame"
        target={{ moduleKey: MODULES.projectPage, project: { id: project.id, key: project.key, type: 'software' } }}
        accountId={accountId}
        colorMode={colorMode}
        siteUrl={window.location.origin}
        historyHost={releasesHistoryHost}
        onHistory={(h) => (releasesHistory.current = h)}
        minHeight={Math.max(400, window.innerHeight - 120)}
      />
    );
  } else if (route.kind === 'settings') {
    content = (
      <AppFrame
        key={`settings|${project.key}|${accountId}`}
        src="/apps/releases/"
        title="Release settings"
        testId="app-frame"
        target={{ moduleKey: MODULES.projectSettings, project: { id: project.id, key: project.key, type: 'software' } }}
        accountId={accountId}
        colorMode={colorMode}
        siteUrl={window.location.origin}
        minHeight={Math.max(400, window.innerHeight - 120)}
      />
    );
  } else if (route.kind === 'issues') {
    content = <IssueList key={`${project.key}|${accountId}`} projectKey={project.key} accountId={accountId} href={href} />;
  } else if (route.kind === 'issue') {
    content = <IssueView issueKey={route.issueKey} accountId={accountId} colorMode={colorMode} projects={session.projects} href={href} />;
  } else {
    content = <Spinner />;
  }

  const subPath = route.kind === 'releases' ? route.subPath : null;
  const page = route.kind;

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: token('elevation.surface'), color: token('color.text') }}>
      <header
        data-testid="top-bar"
        style={{
          height: 56,
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: '0 16px',
          borderBottom: `1px solid ${token('color.border')}`,
          background: token('elevation.surface'),
          position: 'sticky',
          top: 0,
          zIndex: 100,
        }}
      >
        <a href={href({ kind: 'releases', projectKey: project?.key ?? '', subPath: '/' })} style={{ display: 'flex', alignItems: 'center', gap: 8, textDecoration: 'none', color: token('color.text') }}>
          <span
            style={{
              width: 24,
              height: 24,
              borderRadius: 4,
              background: token('color.background.brand.bold'),
              color: token('color.text.inverse'),
              display: 'inline-flex',
              alignItems: 'center',
              justifyContent: 'center',
              fontWeight: 700,
            }}
          >
            J
          </span>
          <span style={{ fontWeight: 600 }}>Jira</span>
          <Lozenge appearance={session.mode === 'demo' ? 'new' : 'success'}>{session.mode === 'demo' ? 'local demo' : 'live Jira'}</Lozenge>
        </a>
        <select
          aria-label="Project"
          data-testid="project-switcher"
          value={project?.key ?? ''}
          onChange={(e) => setHash(formatHash(switchProject(route, e.target.value), { as: hash.as }))}
          style={styles.select}
        >
          {!project ? <option value="">Choose a project</option> : null}
          {session.projects.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name} ({p.key})
            </option>
          ))}
        </select>
        <nav style={{ display: 'flex', gap: 4 }} aria-label="Project">
          {project ? (
            <>
              <a data-testid="nav-releases" href={href({ kind: 'releases', projectKey: project.key, subPath: '/' })} style={navLink(page === 'releases')}>
                Releases
              </a>
              <a data-testid="nav-settings" href={href({ kind: 'settings', projectKey: project.key })} style={navLink(page === 'settings')}>
                Project settings
              </a>
              <a data-testid="nav-issues" href={href({ kind: 'issues', projectKey: project.key })} style={navLink(page === 'issues' || page === 'issue')}>
                Issues
              </a>
            </>
          ) : null}
        </nav>
        <div style={{ flex: 1 }} />
        <Button onClick={() => setDrawerOpen((o) => !o)} isSelected={drawerOpen} testId="triggers-button">
          Triggers &amp; events
        </Button>
        <Button appearance="subtle" onClick={toggleTheme} testId="theme-toggle">
          {colorMode === 'dark' ? 'Light theme' : 'Dark theme'}
        </Button>
        <label style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <Avatar name={user?.displayName ?? accountId} />
          <select aria-label="Acting user" data-testid="user-switcher" value={accountId} onChange={(e) => switchUser(e.target.value)} style={styles.select}>
            {session.users.map((u) => (
              <option key={u.accountId} value={u.accountId}>
                {u.displayName}
              </option>
            ))}
          </select>
        </label>
      </header>

      <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        {project ? (
          <aside
            data-testid="project-sidebar"
            style={{ width: 240, flex: 'none', borderRight: `1px solid ${token('color.border')}`, padding: '16px 8px', background: token('elevation.surface.sunken') }}
          >
            <div style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '0 12px 16px' }}>
              <Avatar name={project.name} size={32} />
              <div>
                <div style={{ fontWeight: 600 }}>{project.name}</div>
                <div style={{ ...styles.subtle, fontSize: 12 }}>Software project</div>
              </div>
            </div>
            <a href={href({ kind: 'issues', projectKey: project.key })} style={sideLink(page === 'issues' || page === 'issue')}>
              Issues
            </a>
            <div style={{ ...styles.subtle, fontSize: 11, fontWeight: 700, textTransform: 'uppercase', padding: '16px 12px 4px' }}>Apps</div>
            <a href={href({ kind: 'releases', projectKey: project.key, subPath: '/' })} style={{ ...sideLink(false), fontWeight: page === 'releases' ? 600 : 400 }}>
              Releases
            </a>
            {RELEASE_SUBPAGES.map((sp, i) => (
              <a
                key={sp.route}
                data-testid={`subpage-${sp.route.slice(1)}`}
                href={href({ kind: 'releases', projectKey: project.key, subPath: sp.route })}
                style={sideLink(page === 'releases' && (subPath === sp.route || (i === 0 && subPath === '/')), 16)}
              >
                {sp.title}
              </a>
            ))}
            <div style={{ borderTop: `1px solid ${token('color.border')}`, margin: '16px 12px 8px' }} />
            <a href={href({ kind: 'settings', projectKey: project.key })} style={sideLink(page === 'settings')}>
              Project settings
            </a>
          </aside>
        ) : null}
        <main style={{ flex: 1, minWidth: 0, padding: route.kind === 'releases' || route.kind === 'settings' ? 0 : '24px 32px' }} data-testid="host-main">
          {content}
        </main>
      </div>

      {drawerOpen ? (
        <TriggersDrawer
          projectKey={project?.key ?? null}
          projectId={project?.id ?? null}
          projectToday={project?.today ?? null}
          jiraSendsEvents={session.mode === 'demo'}
          accountId={accountId}
          issueKey={route.kind === 'issue' ? route.issueKey : null}
          onClose={() => setDrawerOpen(false)}
        />
      ) : null}
    </div>
  );
}

const rootElement = document.getElementById('root');
if (rootElement) createRoot(rootElement).render(<HostApp />);
