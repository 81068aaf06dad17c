import { useProjectTime } from '../project-time';
import { formatLongDate } from '../date-format';
import { useCallback, useEffect, useRef, useState } from 'react';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { SubPageNav } from '../components/SubPageNav';
import { color, font, space } from '../design';
import { createHistory, type PageContext, type PageHistory } from '../platform';
import { pathForRoute, routeFromPathname, type RouteId } from '../routes';
import { useProjectReleases } from '../use-project-releases';
import { PageLoading, lazyPage } from '../components/LazyPage';

// One chunk per sub-page, downloaded when it is first opened.
const ReleasesOverview = lazyPage(() => import('./ReleasesOverview').then((m) => m.ReleasesOverview));
const ReleaseReadinessPage = lazyPage(() => import('../readiness/ReleaseReadinessPage').then((m) => m.ReleaseReadinessPage));
const CalendarPage = lazyPage(() => import('./CalendarPage').then((m) => m.CalendarPage));
const GoNoGoPage = lazyPage<{ initialVersionId?: string | undefined; onOpenGoLive?: (versionId: string) => void }>(() => import('./GoNoGoPage').then((m) => m.GoNoGoPage));
const GoLivePage = lazyPage(() => import('./GoLivePage').then((m) => m.GoLivePage));
const EnvironmentsPage = lazyPage(() => import('./EnvironmentsPage').then((m) => m.EnvironmentsPage));
const KpisPage = lazyPage(() => import('./KpisPage').then((m) => m.KpisPage));
const ReleaseNotesPage = lazyPage(() => import('./ReleaseNotesPage').then((m) => m.ReleaseNotesPage));

// The calendar and environments load their own view (getReleaseCalendar), one call each.
const NEEDS_RELEASES: ReadonlySet<RouteId> = new Set<RouteId>(['overview']);

/**
 * jira:projectPage "releases-page". The sub-page comes from the Forge history
 * (`history.location.pathname`, one of the manifest's `pages[].route`); the in-page nav pushes onto
 * the same history, so Jira's own sub-page menu, the address bar and back/forward stay in step.
 */
export function ReleasesPage({ context }: { context: PageContext }) {
  const [route, setRoute] = useState<RouteId>();
  const [historyProblem, setHistoryProblem] = useState<string>();
  const history = useRef<PageHistory>();
  const [releasesNeeded, setReleasesNeeded] = useState(false);
  const releases = useProjectReleases(releasesNeeded);

  useEffect(() => {
    let cancelled = false;
    let unlisten: () => void = () => undefined;
    createHistory().then(
      (h) => {
        if (cancelled) return;
        history.current = h;
        setRoute(routeFromPathname(h.pathname));
        unlisten = h.listen((pathname) => setRoute(routeFromPathname(pathname)));
      },
      (error: unknown) => {
        if (cancelled) return;
        // The page still works, with navigation kept inside the frame.
        setHistoryProblem(error instanceof Error ? error.message : String(error));
        setRoute('overview');
      },
    );
    return () => {
      cancelled = true;
      unlisten();
    };
  }, []);

  useEffect(() => {
    if (route && NEEDS_RELEASES.has(route)) setReleasesNeeded(true);
  }, [route]);

  const navigate = useCallback((to: RouteId) => {
    setRoute(to);
    history.current?.push(pathForRoute(to));
  }, []);

  // Links that open a sub-page at one version: the overview's "Release notes" and "waiting for your
  // sign-off", the Go/No-Go board's "Go-live runbook".
  const [notesVersionId, openReleaseNotes] = useOpenAtVersion(navigate, 'release-notes');
  const [goNoGoVersionId, openGoNoGo] = useOpenAtVersion(navigate, 'go-no-go');
  const [goLiveVersionId, openGoLive] = useOpenAtVersion(navigate, 'go-live');

  const projectKey = context.project?.key;
  const projectName = releases.data?.project.name ?? projectKey ?? 'Project';
  const time = useProjectTime();

  return (
    <div style={{ display: 'flex', flexDirection: 'column' }}>
      <div style={{ marginBottom: space.s150, display: 'flex', alignItems: 'baseline', gap: space.s150, flexWrap: 'wrap' }}>
        <Heading size="large" as="h1">
          {projectName} releases
        </Heading>
        {/* Every day on these pages is a day in the project's release zone: say which. */}
        <span style={{ font: font.small, color: color.textSubtle }} data-testid="project-today" title="Change it under Project settings → Release settings → General">
          Today is {formatLongDate(time.today)} in {time.timeZone}
        </span>
      </div>
      {route && <SubPageNav current={route} onNavigate={navigate} />}
      {historyProblem && (
        <div style={{ marginBottom: space.s150 }}>
          <SectionMessage appearance="warning" title="Sub-page links are not connected to Jira">
            <p>
              Jira&apos;s page history could not be opened ({historyProblem}). The tabs above still work, but the address bar
              and the back button will not follow them.
            </p>
          </SectionMessage>
        </div>
      )}
      {!route ? (
        <div style={{ display: 'flex', justifyContent: 'center', padding: space.s400 }}>
          <Spinner size="large" label="Loading page" />
        </div>
      ) : !projectKey ? (
        <SectionMessage appearance="error" title="No project in the page context">
          <p>Jira did not say which project this page belongs to. Open the page from a project&apos;s navigation.</p>
        </SectionMessage>
      ) : (
        <PageLoading>
          <RouteView
            route={route}
            projectKey={projectKey}
            siteUrl={context.siteUrl}
            releases={releases}
            notesVersionId={notesVersionId}
            onOpenReleaseNotes={openReleaseNotes}
            goNoGoVersionId={goNoGoVersionId}
            onOpenGoNoGo={openGoNoGo}
            goLiveVersionId={goLiveVersionId}
            onOpenGoLive={openGoLive}
          />
        </PageLoading>
      )}
    </div>
  );
}

/** The version a sub-page should open at, and the action that navigates there with it. */
function useOpenAtVersion(navigate: (to: RouteId) => void, route: RouteId): [string | undefined, (versionId: string) => void] {
  const [versionId, setVersionId] = useState<string>();
  const open = useCallback(
    (id: string) => {
      setVersionId(id);
      navigate(route);
    },
    [navigate, route],
  );
  return [versionId, open];
}

function RouteView({
  route,
  projectKey,
  siteUrl,
  releases,
  notesVersionId,
  onOpenReleaseNotes,
  goNoGoVersionId,
  onOpenGoNoGo,
  goLiveVersionId,
  onOpenGoLive,
}: {
  route: RouteId;
  projectKey: string;
  siteUrl?: string;
  releases: ReturnType<typeof useProjectReleases>;
  notesVersionId?: string;
  onOpenReleaseNotes: (versionId: string) => void;
  goNoGoVersionId?: string;
  onOpenGoNoGo: (versionId: string) => void;
  goLiveVersionId?: string;
  onOpenGoLive: (versionId: string) => void;
}) {
  switch (route) {
    case 'overview':
      return <ReleasesOverview projectKey={projectKey} siteUrl={siteUrl} releases={releases} onOpenReleaseNotes={onOpenReleaseNotes} onOpenGoNoGo={onOpenGoNoGo} onOpenGoLive={onOpenGoLive} />;
    case 'readiness':
      return <ReleaseReadinessPage projectKey={projectKey} siteUrl={siteUrl} />;
    case 'calendar':
      return <CalendarPage projectKey={projectKey} />;
    case 'go-no-go':
      return <GoNoGoPage initialVersionId={goNoGoVersionId} onOpenGoLive={onOpenGoLive} />;
    case 'go-live':
      return <GoLivePage initialVersionId={goLiveVersionId} />;
    case 'environments':
      return <EnvironmentsPage projectKey={projectKey} />;
    case 'kpis':
      return <KpisPage projectKey={projectKey} />;
    case 'release-notes':
      return <ReleaseNotesPage projectKey={projectKey} initialVersionId={notesVersionId} />;
  }
}
