/**
 * The KPIs sub-page: DORA and release figures with their bands and everything they were computed
 * from, the items behind each figure, weekly trends, the sync status and the Confluence page's
 * status. One resolver call for first paint (getKpiReport); drill-downs load on demand.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { KpiFigure, KpiFigureId, KpiReportView } from '../../../../src/contract';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageSkeleton } from '../components/PageSkeleton';
import { color, font, space } from '../design';
import { Drilldown } from '../kpis/Drilldown';
import { FigureCard } from '../kpis/FigureCard';
import { dayBefore, longDay } from '../kpis/kpi-display';
import { PublicationStatus, SyncStatusPanel } from '../kpis/SyncStatusPanel';
import { TrendChart } from '../kpis/TrendChart';
import { useKpiReport } from '../kpis/use-kpi-report';
import { RecordedDeployments } from '../kpis/RecordedDeployments';

const GRID = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: space.s150 } as const;

export function KpisPage({ projectKey }: { projectKey: string }) {
  const state = useKpiReport();
  const [selected, setSelected] = useState<KpiFigureId>();
  const [syncProblem, setSyncProblem] = useState<string>();
  const { report, error, reload, loading } = state;

  if (!report) {
    if (error) return <ErrorMessage title="Could not load the KPIs" error={error} onRetry={reload} />;
    return <PageSkeleton label="Loading the KPIs" />;
  }

  const sync = async () => {
    setSyncProblem(undefined);
    const result = await state.sync();
    if (!result.ok) setSyncProblem(result.error.message);
  };
  const group = (name: KpiFigure['group']) => report.figures.filter((f) => f.group === name);
  const selectedFigure = report.figures.find((f) => f.id === selected);
  const toggle = (id: KpiFigureId) => setSelected((current) => (current === id ? undefined : id));

  const section = (title: string, name: KpiFigure['group']) => (
    <section aria-label={title} style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }}>
      <h3 style={{ margin: 0, font: font.body, fontSize: 16, fontWeight: 600, color: color.text }}>{title}</h3>
      <div style={GRID}>
        {group(name).map((figure) => (
          <FigureCard key={figure.id} figure={figure} selected={selected === figure.id} onDrilldown={() => toggle(figure.id)} />
        ))}
      </div>
      {selectedFigure?.group === name && <Drilldown figureId={selectedFigure.id} title={selectedFigure.title} projectKey={projectKey} />}
    </section>
  );

  return (
    <div data-testid="kpis-page" style={{ display: 'flex', flexDirection: 'column', gap: space.s200 }}>
      {error && <ErrorMessage title="Could not refresh the KPIs" error={error} onRetry={reload} />}
      <div style={{ display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap' }}>
        <h2 style={{ margin: 0, fontSize: 20, fontWeight: 600, color: color.text }}>Delivery KPIs</h2>
        <span data-testid="kpi-window" style={{ font: font.small, color: color.textSubtle }}>
          {longDay(report.window.from)} – {longDay(dayBefore(report.window.to))} · {report.window.days} days · {report.window.timeZone} · percentiles{' '}
          {report.settings.percentileMethod} · DORA {report.settings.doraTable} bands
        </span>
        <span style={{ flex: 1 }} />
        <Button appearance="subtle" onClick={reload} isDisabled={loading}>
          Refresh
        </Button>
      </div>
      <SyncStatusPanel sync={report.sync} canAdminister={report.canAdminister} syncing={state.syncing} onSync={() => void sync()} />
      {syncProblem && (
        <SectionMessage appearance="error" title="The sync could not be started">
          <p>{syncProblem}</p>
        </SectionMessage>
      )}
      <PublicationStatus publication={report.publication} />
      <p data-testid="kpi-deployment-source" style={{ margin: 0, font: font.small, color: color.textSubtle }}>
        <strong>Deployments:</strong> {report.deploymentSourceReason}
      </p>
      {report.notes.map((note) => (
        <p key={note} style={{ margin: 0, font: font.small, color: color.textSubtle }}>
          {note}
        </p>
      ))}
      {section('DORA', 'dora')}
      {section('Releases', 'release')}
      <Trends report={report} />
      {report.canAdminister && <RecordedDeployments onChanged={reload} />}
    </div>
  );
}

function Trends({ report }: { report: KpiReportView }) {
  const recomputed = report.trends[0]?.points.filter((p) => p.source === 'recomputed').length ?? 0;
  return (
    <section aria-label="Trends" style={{ display: 'flex', flexDirection: 'column', gap: space.s100 }}>
      <h3 style={{ margin: 0, font: font.body, fontSize: 16, fontWeight: 600, color: color.text }}>Trends</h3>
      <p style={{ margin: 0, font: font.small, color: color.textSubtle }}>
        One point per week: the figure for the {report.window.days} days ending that Monday. Filled points are the weekly snapshots the app kept
        {recomputed ? `; hollow points (${recomputed}) were recomputed from the synced history` : ''}.
      </p>
      <div style={{ ...GRID, gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))' }}>
        {report.trends.map((trend) => (
          <TrendChart key={trend.figureId} trend={trend} />
        ))}
      </div>
    </section>
  );
}
