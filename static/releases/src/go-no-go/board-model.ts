/**
 * Pure helpers of the Go/No-Go page (tested in test/static/go-no-go-model.test.ts): ids for
 * idempotent requests, the heat map's cells, wording.
 */
import type { AuditEntry, BoardRisk, RiskLevel } from '../../../../src/contract';

/** A client-generated id (risks, votes, decisions) so a repeated click is the same request. */
export function newClientId(prefix: string): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Score bands of the 5 x 5 matrix, as the server has them (src/domain/go-no-go/risks.ts). */
export function levelOfScore(score: number): RiskLevel {
  if (score >= 20) return 'critical';
  if (score >= 10) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}

export interface HeatCell {
  likelihood: number;
  impact: number;
  score: number;
  level: RiskLevel;
  count: number;
  risks: BoardRisk[];
  label: string;
}

/** Rows from likelihood 5 (top) to 1, columns impact 1 to 5: the usual orientation. */
export function heatMapRows(heatMap: number[][], risks: readonly BoardRisk[]): HeatCell[][] {
  const open = risks.filter((r) => r.status === 'open' || r.status === 'mitigating');
  const rows: HeatCell[][] = [];
  for (let likelihood = 5; likelihood >= 1; likelihood--) {
    const row: HeatCell[] = [];
    for (let impact = 1; impact <= 5; impact++) {
      const count = heatMap[likelihood - 1]?.[impact - 1] ?? 0;
      const score = likelihood * impact;
      const inCell = open.filter((r) => r.likelihood === likelihood && r.impact === impact);
      const level = levelOfScore(score);
      row.push({
        likelihood,
        impact,
        score,
        level,
        count,
        risks: inCell,
        label: `Likelihood ${likelihood}, impact ${impact}, score ${score} (${level}): ${count === 0 ? 'no open risks' : `${count} open risk${count === 1 ? '' : 's'}${inCell.length ? `: ${inCell.map((r) => r.title).join(', ')}` : ''}`}`,
      });
    }
    rows.push(row);
  }
  return rows;
}

const HIDDEN_KEYS = new Set(['id', 'at', 'round', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'roleId']);

function short(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value !== 'object') return String(value);
  if ('displayName' in value && typeof value.displayName === 'string') return value.displayName;
  if (Array.isArray(value)) return value.length ? value.map(short).join(', ') : '–';
  return JSON.stringify(value);
}

/**
 * A readable form of an audit entry's before/after value: its fields as "name: value", people by
 * name, bookkeeping fields left out (the CSV export has the complete JSON).
 */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'object' || Array.isArray(value)) return short(value);
  const text = Object.entries(value)
    .filter(([key, v]) => !HIDDEN_KEYS.has(key) && v !== '' && v !== undefined)
    .map(([key, v]) => `${key}: ${short(v)}`)
    .join('; ');
  return text.length > 240 ? `${text.slice(0, 237)}…` : text;
}

export function auditActionLabel(entry: Pick<AuditEntry, 'action'>): string {
  const labels: Record<string, string> = {
    'risk.added': 'Risk added',
    'risk.updated': 'Risk changed',
    'vote.cast': 'Vote',
    'vote.changed': 'Vote changed',
    'criterion.ticked': 'Criterion ticked',
    'criterion.unticked': 'Criterion unticked',
    'board.release-type': 'Release type',
    'round.started': 'New round',
    'decision.recorded': 'Decision',
    'decision.recorded-with-override': 'Decision (override)',
    'jira.version-released': 'Released in Jira',
    'jira.release-failed': 'Jira release failed',
    'review.created': 'Review started',
    'review.updated': 'Review changed',
    'review.completed': 'Review completed',
    'settings.policy-updated': 'Settings',
  };
  return labels[entry.action] ?? entry.action;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
