/**
 * The colour of a figure: DORA figures by their band (elite and high green, medium amber, low red),
 * release figures by the fixed thresholds of RELEASE_RAG, the rest neutral. Used where only a
 * stored value is at hand (snapshots on the portfolio page).
 */
import type { KpiBand, KpiFigureId, KpiRag } from '../../contract-kpis';
import { type DoraMetric, bandRag, doraBand } from './dora-bands';
import { RELEASE_RAG } from './release';
import type { KpiSettings } from './settings';

const DORA: Partial<Record<KpiFigureId, DoraMetric>> = {
  'deployment-frequency': 'deployment-frequency',
  'lead-time': 'lead-time',
  'change-failure-rate': 'change-failure-rate',
  'recovery-time': 'recovery-time',
};

/** Band and colour of a stored value (per week for frequency, as the figure stores it). */
export function judge(id: KpiFigureId, value: number | null, settings: Pick<KpiSettings, 'doraTable'>): { band?: KpiBand; rag: KpiRag } {
  if (value === null) return { rag: 'neutral' };
  const metric = DORA[id];
  if (metric) {
    const band = doraBand(settings.doraTable, metric, metric === 'deployment-frequency' ? value / 7 : value);
    return { band, rag: bandRag(band) };
  }
  const higher = (t: { green: number; amber: number }): KpiRag => (value >= t.green ? 'green' : value >= t.amber ? 'amber' : 'red');
  const lower = (t: { green: number; amber: number }): KpiRag => (value <= t.green ? 'green' : value <= t.amber ? 'amber' : 'red');
  switch (id) {
    case 'on-time-delivery':
      return { rag: higher(RELEASE_RAG.onTime) };
    case 'readiness':
      return { rag: higher(RELEASE_RAG.readiness) };
    case 'scope-change':
      return { rag: lower(RELEASE_RAG.scopeChange) };
    case 'escaped-defects':
      return { rag: lower(RELEASE_RAG.escapedPerRelease) };
    case 'carry-over':
      return { rag: lower(RELEASE_RAG.carryOver) };
    default:
      return { rag: 'neutral' };
  }
}
