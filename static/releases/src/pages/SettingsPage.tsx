import Heading from '@atlaskit/heading';
import { NotConfigured } from '../components/NotConfigured';
import { space } from '../design';
import type { PageContext } from '../platform';

/** jira:projectSettingsPage "release-settings". */
export function SettingsPage({ context }: { context: PageContext }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: space.s200 }}>
      <Heading size="large" as="h1">
        Release settings{context.project ? ` – ${context.project.key}` : ''}
      </Heading>
      <NotConfigured title="Release settings are not configured yet">
        <p>
          This page will hold the project&apos;s release settings: the environments to track, the Go/No-Go checklist and
          who signs off, and the Confluence space where release notes are published.
        </p>
        <p>None of these can be configured here yet; the Releases page works without them.</p>
      </NotConfigured>
    </div>
  );
}
