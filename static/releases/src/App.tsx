import { useEffect, useState } from 'react';
import Spinner from '@atlaskit/spinner';
import type { ErrorBody } from '../../../src/contract';
import { ErrorMessage, localError } from './components/ErrorMessage';
import { space } from './design';
import { getContext, invoke, type PageContext } from './platform';
import { type ProjectTime, ProjectTimeProvider, projectTimeFrom } from './project-time';
import { PageLoading, lazyPage } from './components/LazyPage';

// Each module's page in its own chunk: the settings page never downloads the project page's code.
const ReleasesPage = lazyPage(() => import('./pages/ReleasesPage').then((m) => m.ReleasesPage));
const SettingsPage = lazyPage(() => import('./pages/SettingsPage').then((m) => m.SettingsPage));

/** Manifest module keys served by this one bundle. */
export const MODULES = {
  releasesPage: 'releases-page',
  releaseSettings: 'release-settings',
} as const;

type Loaded = { status: 'loading' } | { status: 'ready'; context: PageContext; time: ProjectTime } | { status: 'failed'; error: ErrorBody };

export function App() {
  const [state, setState] = useState<Loaded>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    // The page's "today" is the server's in the project's zone: asked for alongside the context.
    Promise.all([getContext(), invoke('getProjectTime', {})]).then(
      ([context, time]) => {
        if (cancelled) return;
        if (time.ok) setState({ status: 'ready', context, time: projectTimeFrom(time.data) });
        else setState({ status: 'failed', error: time.error });
      },
      (error: unknown) => !cancelled && setState({ status: 'failed', error: localError('Jira did not hand over the page context.', error) }),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <div className="rr-page">
      <PageLoading>{renderBody(state)}</PageLoading>
    </div>
  );
}

function renderBody(state: Loaded) {
  if (state.status === 'loading') {
    return (
      <div style={{ display: 'flex', justifyContent: 'center', padding: space.s400 }}>
        <Spinner size="large" label="Loading" />
      </div>
    );
  }
  if (state.status === 'failed') return <ErrorMessage title="This page could not start" error={state.error} />;
  switch (state.context.moduleKey) {
    case MODULES.releasesPage:
      return (
        <ProjectTimeProvider value={state.time}>
          <ReleasesPage context={state.context} />
        </ProjectTimeProvider>
      );
    case MODULES.releaseSettings:
      return (
        <ProjectTimeProvider value={state.time}>
          <SettingsPage context={state.context} />
        </ProjectTimeProvider>
      );
    default:
      return (
        <ErrorMessage
          title="Unknown page"
          error={{ code: 'INTERNAL', message: `This bundle has no view for the module "${state.context.moduleKey}".` }}
        />
      );
  }
}
