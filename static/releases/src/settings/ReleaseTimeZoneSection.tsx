/**
 * Release settings → General: the project's release time zone. Every "today", days left,
 * overdue, freeze window, GO release date, weekly report week and KPI day of the project is
 * counted in it (docs/time.md). Default: the site's zone as Jira reports it.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ErrorBody, ProjectTimeView } from '../../../../src/contract';
import { ErrorMessage } from '../components/ErrorMessage';
import { color, font, space } from '../design';
import { invoke } from '../platform';
import { SelectInput } from '../plan/form-controls';

const FOLLOW_SITE = '';

/** Every zone the browser knows, for the picker (the server checks the choice again). */
function knownZones(): string[] {
  try {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    const zones = intl.supportedValuesOf?.('timeZone') ?? [];
    return zones.includes('UTC') ? zones : ['UTC', ...zones];
  } catch {
    return ['UTC'];
  }
}

const SOURCE_TEXT: Record<ProjectTimeView['source'], string> = {
  project: 'chosen for this project',
  site: "the site's default zone in Jira",
  default: 'UTC, because Jira did not report a site zone',
};

export function ReleaseTimeZoneSection({ projectKey }: { projectKey?: string }) {
  const [view, setView] = useState<ProjectTimeView>();
  const [error, setError] = useState<ErrorBody>();
  const [draft, setDraft] = useState(FOLLOW_SITE);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const zones = useMemo(knownZones, []);

  const accept = useCallback((next: ProjectTimeView) => {
    setView(next);
    setDraft(next.source === 'project' ? next.timeZone : FOLLOW_SITE);
  }, []);

  const load = useCallback(() => {
    setError(undefined);
    void invoke('getProjectTime', { withAccess: true }).then((result) => (result.ok ? accept(result.data) : setError(result.error)));
  }, [accept]);
  useEffect(load, [load]);

  if (!view) {
    if (error) return <ErrorMessage title="Could not load the release time zone" error={error} onRetry={load} />;
    return <Spinner size="medium" label="Loading the release time zone" />;
  }

  const chosen = view.source === 'project' ? view.timeZone : null;
  const siteLabel = view.siteTimeZone ? `Follow the site (${view.siteTimeZone})` : 'Follow the site (UTC until Jira reports a zone)';
  const options = [{ value: FOLLOW_SITE, label: siteLabel }, ...zones.map((zone) => ({ value: zone, label: zone }))];
  const dirty = (draft || null) !== chosen;

  const save = async () => {
    setSaving(true);
    setSaved(false);
    setError(undefined);
    const result = await invoke('saveProjectTimeZone', { timeZone: draft || null, expectedTimeZone: chosen });
    setSaving(false);
    if (result.ok) {
      accept(result.data);
      setSaved(true);
    } else setError(result.error);
  };

  return (
    <section aria-labelledby="release-time-zone-heading" style={{ display: 'flex', flexDirection: 'column', gap: space.s150, maxWidth: 720 }} data-testid="release-time-zone">
      <Heading size="medium" as="h2" id="release-time-zone-heading">
        Release time zone
      </Heading>
      <p style={{ margin: 0, font: font.body, color: color.textSubtle }}>
        {projectKey ?? 'This project'} counts its days in this zone: today, days left and overdue releases, change freezes, the release date a GO decision
        writes, the week of the weekly status and the days of the delivery KPIs. A release due today is on time until midnight here.
      </p>
      <p style={{ margin: 0, font: font.body, color: color.text }} data-testid="release-time-zone-current">
        Now <strong>{view.timeZone}</strong> <Lozenge appearance={view.source === 'project' ? 'inprogress' : 'default'}>{SOURCE_TEXT[view.source]}</Lozenge> · today is{' '}
        <strong>{view.today}</strong> there.
      </p>
      {/* A block of its own: the field grows along its row, and this column must not stretch it. */}
      <div>
        <SelectInput label="Time zone" value={draft} options={options} onValue={(value) => setDraft(value)} testId="release-time-zone-select" width={360} />
      </div>
      {!view.canEdit && <p style={{ margin: 0, font: font.small, color: color.textSubtle }}>Only administrators of the project and its release managers can change it.</p>}
      {error && <ErrorMessage title="The release time zone was not saved" error={error} />}
      {saved && !dirty && (
        <SectionMessage appearance="success">
          <p>Saved. Every page of {projectKey ?? 'the project'} now counts days in {view.timeZone}.</p>
        </SectionMessage>
      )}
      <div>
        <Button appearance="primary" isDisabled={!view.canEdit || !dirty || saving} onClick={() => void save()} testId="release-time-zone-save">
          {saving ? 'Saving…' : 'Save time zone'}
        </Button>
      </div>
    </section>
  );
}
