import type { KpiFigureId } from '../../../src/contract-kpis';
import { bandRag } from '../../../src/domain/kpis/dora-bands';
import { judge } from '../../../src/domain/kpis/rag';

const table2023 = { doraTable: '2023' } as const;

describe('the colour of a stored figure (portfolio snapshots)', () => {
  it('judges a stored deployment frequency per week by the per-day band: 3 a week is high in 2023', () => {
    expect(judge('deployment-frequency', 3, table2023)).toEqual({
      band: { table: '2023', level: 'high', label: 'High', wording: 'Between once per day and once per week', rule: 'at least once per 7 days' },
      rag: 'green',
    });
  });

  it.each([
    // value as the figure stores it: per week for frequency, hours for times, a 0–1 share
    ['deployment-frequency', 7, '2023', 'elite', 'green'],
    ['deployment-frequency', 1, '2023', 'high', 'green'],
    ['deployment-frequency', 0.5, '2023', 'medium', 'amber'],
    ['deployment-frequency', 7, '2021', 'high', 'green'],
    ['deployment-frequency', 14, '2021', 'elite', 'green'],
    ['lead-time', 30, '2023', 'high', 'green'],
    ['lead-time', 30 * 24, '2023', 'medium', 'amber'],
    ['change-failure-rate', 0.75, '2023', 'low', 'red'],
    ['change-failure-rate', 0.25, '2021', 'high', 'green'],
    ['recovery-time', 11.5, '2023', 'high', 'green'],
    ['recovery-time', 48, '2023', 'medium', 'amber'],
  ] as const)('%s of %s with the %s table is %s, %s', (id, value, doraTable, level, rag) => {
    const judged = judge(id, value, { doraTable });
    expect({ table: judged.band?.table, level: judged.band?.level, rag: judged.rag }).toEqual({ table: doraTable, level, rag });
  });

  it.each([
    // higher is better
    ['on-time-delivery', 0.8, 'green'],
    ['on-time-delivery', 0.79, 'amber'],
    ['on-time-delivery', 0.5, 'amber'],
    ['on-time-delivery', 0.49, 'red'],
    ['readiness', 0.95, 'green'],
    ['readiness', 0.94, 'amber'],
    ['readiness', 0.8, 'amber'],
    ['readiness', 0.79, 'red'],
    // lower is better
    ['scope-change', 0.1, 'green'],
    ['scope-change', 0.11, 'amber'],
    ['scope-change', 0.25, 'amber'],
    ['scope-change', 0.26, 'red'],
    ['carry-over', 0, 'green'],
    ['carry-over', 0.2, 'amber'],
    ['carry-over', 0.5, 'red'],
    ['escaped-defects', 1, 'green'],
    ['escaped-defects', 3, 'amber'],
    ['escaped-defects', 4, 'red'],
    // no threshold: context only
    ['cycle-time', 500, 'neutral'],
    ['throughput', 0, 'neutral'],
  ] as const)('a release figure %s of %s is %s, with no DORA band', (id, value, rag) => {
    expect(judge(id as KpiFigureId, value, table2023)).toEqual({ rag });
  });

  it('leaves a figure with nothing to compute from uncoloured', () => {
    expect([judge('lead-time', null, table2023), judge('on-time-delivery', null, table2023)]).toEqual([{ rag: 'neutral' }, { rag: 'neutral' }]);
  });

  it.each([
    ['elite', 'green'],
    ['high', 'green'],
    ['medium', 'amber'],
    ['low', 'red'],
  ] as const)('a DORA band of level %s is %s', (level, rag) => {
    expect(bandRag({ table: '2023', level, label: level, wording: '', rule: '' })).toBe(rag);
  });

  it('a DORA figure without a band is neutral', () => {
    expect(bandRag(undefined)).toBe('neutral');
  });
});
