/** The fixed colours of the release figures at their edges (docs/kpi-definitions.md, "RAG"). */
import type { ExampleIssue, ExampleVersion } from './kpi-example';
import { plannedVersion, releaseFigure } from './release-report';

const NOW = '2026-03-15T12:00:00Z';
const settings = { windowDays: 14 };
const rag = (example: Parameters<typeof releaseFigure>[0], id: Parameters<typeof releaseFigure>[1]) => {
  const { figure } = releaseFigure(example, id);
  return [figure.display, figure.rag];
};

/** 2026.3.10, started 2 March, shipped on its planned 10 March with `issues` issues of which `done` were resolved the day before. */
function release(issues: number, done: number): ExampleIssue[] {
  return Array.from({ length: issues }, (_, i) => ({
    key: `SHOP-${i + 1}`,
    type: 'Story',
    created: '2026-02-20T09:00:00Z',
    ...(i < done ? { started: '2026-03-03T09:00:00Z', resolved: '2026-03-09T09:00:00Z', resolution: 'Done' } : {}),
    fixVersions: [['2026.3.10', '2026-02-25T09:00:00Z', null]],
  }));
}
const shipped = [plannedVersion('2026.3.10', '2026-03-10', '2026-03-10T16:00:00Z', { startDate: '2026-03-02' })];

describe('readiness and carry-over colours', () => {
  it.each([
    [20, 19, ['95%', 'green'], ['5%', 'green']],
    [10, 9, ['90%', 'amber'], ['10%', 'green']],
    [5, 4, ['80%', 'amber'], ['20%', 'amber']],
    [4, 3, ['75%', 'red'], ['25%', 'amber']],
    [7, 5, ['71.4%', 'red'], ['28.6%', 'red']],
  ])('a release of %i issues with %i done by its day', (issues, done, readiness, carryOver) => {
    const example = { now: NOW, settings, versions: shipped, issues: release(issues, done) };
    expect([rag(example, 'readiness'), rag(example, 'carry-over')]).toEqual([readiness, carryOver]);
  });
});

describe('scope change colours', () => {
  it.each([
    [10, 1, ['10%', 'green']],
    [4, 1, ['25%', 'amber']],
    [7, 2, ['28.6%', 'red']],
  ])('%i issues at the start, %i added later', (atStart, added, expected) => {
    const late = Array.from({ length: added }, (_, i): ExampleIssue => ({ key: `SHOP-${100 + i}`, type: 'Story', created: '2026-03-04T09:00:00Z', fixVersions: [['2026.3.10', '2026-03-04T09:00:00Z', null]] }));
    expect(rag({ now: NOW, settings, versions: shipped, issues: [...release(atStart, atStart), ...late] }, 'scope-change')).toEqual(expected);
  });
});

describe('on-time delivery colours', () => {
  const versions = (count: number, onTime: number): ExampleVersion[] =>
    Array.from({ length: count }, (_, i) => plannedVersion(`2026.3.${i + 1}`, `2026-03-0${i + 1}`, `2026-03-0${i + 1 + (i < onTime ? 0 : 1)}T16:00:00Z`));
  it.each([
    [5, 4, ['80%', 'green']],
    [2, 1, ['50%', 'amber']],
    [3, 1, ['33.3%', 'red']],
  ])('%i versions, %i on time', (count, onTime, expected) => {
    expect(rag({ now: NOW, settings, versions: versions(count, onTime) }, 'on-time-delivery')).toEqual(expected);
  });
});

describe('escaped defect colours', () => {
  it.each([
    [1, ['1 per release', 'green']],
    [3, ['3 per release', 'amber']],
    [4, ['4 per release', 'red']],
  ])('%i bugs raised against one release', (bugs, expected) => {
    const issues = Array.from({ length: bugs }, (_, i): ExampleIssue => ({ key: `SHOP-${200 + i}`, type: 'Bug', created: '2026-03-11T09:00:00Z', affects: ['2026.3.10'] }));
    expect(rag({ now: NOW, settings, versions: shipped, issues }, 'escaped-defects')).toEqual(expected);
  });
});
