import { EMBEDDED_CHANGELOG_LIMIT, changelogPossiblyCut } from '../../src/app/kpi-sync';

const histories = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i), created: '2026-11-01T10:00:00.000+0000', items: [] }));

describe('an embedded changelog that may be cut short is read in full', () => {
  it.each<[string, { total?: number; histories?: unknown[] } | undefined, boolean]>([
    ['no changelog at all', undefined, true],
    ['histories left out', { total: 3 }, true],
    ['fewer histories than its total', { total: 41, histories: histories(40) }, true],
    [`a full page of ${EMBEDDED_CHANGELOG_LIMIT} whose total says no more`, { total: 40, histories: histories(40) }, true],
    [`a full page of ${EMBEDDED_CHANGELOG_LIMIT} without a total`, { histories: histories(40) }, true],
    ['a short page matching its total', { total: 12, histories: histories(12) }, false],
    ['a short page without a total', { histories: histories(39) }, false],
    ['an issue never changed', { total: 0, histories: [] }, false],
  ])('%s: %s', (_case, changelog, cut) => {
    expect(changelogPossiblyCut(changelog)).toBe(cut);
  });
});
