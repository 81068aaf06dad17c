import type { ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { space } from '../design';
import type { PageContext } from '../platform';
import { ReleasePlanSettingsSection } from '../plan/ReleasePlanSettingsSection';
import { ReleaseNotesSettingsSection } from '../release-notes/ReleaseNotesSettingsSection';
import { KpiSettingsSection } from '../kpis/KpiSettingsSection';
import { ReadinessPolicySection } from '../readiness/ReadinessPolicySection';
import { ReleaseTimeZoneSection } from '../settings/ReleaseTimeZoneSection';
import { RunbookTemplatesSection } from '../go-live/RunbookTemplatesSection';

/**
 * The sections of the settings page, one tab each. Every section is its own component file (it
 * loads and saves its own settings); add yours here with one line.
 */
const SECTIONS: Array<{ id: string; label: string; render: (context: PageContext) => ReactNode }> = [
  { id: 'general', label: 'General', render: (context) => <ReleaseTimeZoneSection projectKey={context.project?.key} /> },
  { id: 'environments', label: 'Environments & calendar', render: (context) => <ReleasePlanSettingsSection context={context} /> },
  { id: 'release-notes', label: 'Release notes', render: (context) => <ReleaseNotesSettingsSection projectKey={context.project?.key} /> },
  { id: 'kpis', label: 'Delivery KPIs', render: (context) => <KpiSettingsSection projectKey={context.project?.key} /> },
  { id: 'readiness', label: 'Readiness policy', render: (context) => <ReadinessPolicySection projectKey={context.project?.key} /> },
  { id: 'runbooks', label: 'Go-live runbooks', render: () => <RunbookTemplatesSection /> },
];

/** jira:projectSettingsPage "release-settings". */
export function SettingsPage({ context }: { context: PageContext }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: space.s200 }}>
      <Heading size="large" as="h1">
        Release settings{context.project ? ` – ${context.project.key}` : ''}
      </Heading>
      <Tabs id="release-settings-tabs" testId="settings-tabs" shouldUnmountTabPanelOnChange>
        <TabList>
          {SECTIONS.map((section) => (
            <Tab key={section.id} testId={`settings-tab-${section.id}`}>
              {section.label}
            </Tab>
          ))}
        </TabList>
        {SECTIONS.map((section) => (
          <TabPanel key={section.id} testId={`settings-panel-${section.id}`}>
            <div style={{ paddingTop: space.s200, width: '100%' }}>{section.render(context)}</div>
          </TabPanel>
        ))}
      </Tabs>
    </div>
  );
}
