import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KpiFigureId } from '../../../src/contract-kpis';
import { computeKpiReport } from '../../../src/domain/kpis/report';
import { type KpiExample, exampleInput } from './kpi-example';

const DOC = join(__dirname, '../../../docs/kpi-definitions.md');

function examples(): KpiExample[] {
  const text = readFileSync(DOC, 'utf8');
  return [...text.matchAll(/```json kpi-example\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string) as KpiExample);
}

const SECONDARY: Record<string, string> = { p85: '85th percentile', medianSlip: 'Median slip', unattributed: 'Incidents not attributed', notRecovered: 'Not recovered yet' };

describe('docs/kpi-definitions.md', () => {
  it('has worked examples', () => {
    expect(examples().length).toBeGreaterThanOrEqual(10);
  });

  it.each(examples().map((e) => [e.name, e] as const))('worked example: %s', (_name, example) => {
    const report = computeKpiReport(exampleInput(example), new Date(example.now));
    for (const [id, expected] of Object.entries(example.expect)) {
      const figure = report.figures.find((f) => f.id === (id as KpiFigureId));
      if (!figure) throw new Error(`no figure ${id}`);
      for (const [field, value] of Object.entries(expected)) {
        const where = `${id}.${field}`;
        if (field === 'value') expect([where, figure.value === null ? null : Number((figure.value as number).toFixed(6))]).toEqual([where, value === null ? null : Number((value as number).toFixed(6))]);
        else if (field === 'numerator') expect([where, figure.numerator.value]).toEqual([where, value]);
        else if (field === 'denominator') expect([where, figure.denominator?.value]).toEqual([where, value]);
        else if (field === 'band') expect([where, figure.band?.level]).toEqual([where, value]);
        else if (field === 'rows') expect([where, figure.drilldownRows]).toEqual([where, value]);
        else if (field === 'note') expect([where, figure.notes.join(' ')]).toEqual([where, expect.stringContaining(value as string)]);
        else if (SECONDARY[field]) {
          const secondary = figure.secondary.find((s) => s.label === SECONDARY[field]);
          expect([where, secondary?.value === null || secondary?.value === undefined ? null : Number(secondary.value.toFixed(6))]).toEqual([where, Number((value as number).toFixed(6))]);
        } else throw new Error(`unknown expectation ${where}`);
      }
    }
  });
});
