import { type ComponentType, type LazyExoticComponent, type ReactNode, Suspense, lazy } from 'react';
import Spinner from '@atlaskit/spinner';
import { space } from '../design';

/**
 * A page loaded on first use, in its own chunk: the first paint only downloads the shell and the
 * page being opened, not every page of the app (the main chunk has a size budget, vite.config.mts).
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: await load() }));
}

/** Shows Atlaskit's spinner while a lazy page's chunk downloads. */
export function PageLoading({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div style={{ display: 'flex', justifyContent: 'center', padding: space.s400 }} data-testid="page-loading">
          <Spinner size="large" label="Loading page" />
        </div>
      }
    >
      {children}
    </Suspense>
  );
}
