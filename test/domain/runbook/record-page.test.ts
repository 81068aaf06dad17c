import type { FrozenRun, FrozenRunHeader, FrozenStep } from '../../../src/contract-runbook';
import { renderRunBookStorage } from '../../../src/domain/runbook/record-page';
import { storageFormatProblem } from '../../../local/fake-confluence/storage-format';
import { PRIYA, RAVI, aStep, t } from '../../support/runbook-builders';

/**
 * The run book page as a reader sees it: each paragraph and heading as its text, each table as
 * rows of cells, a status lozenge as [Colour Title]. Throws on anything else, so nothing on the
 * page goes unread.
 */
function readPage(page: string): (string | string[][])[] {
  const text = page.replace(
    /<ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">(\w+)<\/ac:parameter><ac:parameter ac:name="title">([^<]*)<\/ac:parameter><\/ac:structured-macro>/g,
    '[$1 $2]',
  );
  const blocks = [...text.matchAll(/<p>(.*?)<\/p>|<h2>(.*?)<\/h2>|<table><tbody>(.*?)<\/tbody><\/table>/g)];
  if (blocks.map((b) => b[0]).join('') !== text) throw new Error(`unexpected markup in ${text}`);
  return blocks.map(([, paragraph, heading, rows]) =>
    rows !== undefined ? [...rows.matchAll(/<tr>(.*?)<\/tr>/g)].map(([, row]) => [...row!.matchAll(/<t[hd]>(.*?)<\/t[hd]>/g)].map(([, cell]) => cell!)) : (paragraph ?? `## ${heading}`),
  );
}

const HEADERS = ['#', 'Step', 'Kind', 'Owner', 'Planned', 'Actual', 'Status', 'Who', 'Notes and votes'];

function aHeader(overrides: Partial<FrozenRunHeader> = {}): FrozenRunHeader {
  return {
    startedAt: t(0),
    startedBy: RAVI,
    authority: 'go-decision',
    mode: 'forward',
    status: 'completed',
    frozenAt: t(121),
    planRevision: 7,
    project: { id: '10000', key: 'SHOP' },
    version: { id: '10042', name: 'SHOP 3.0' },
    plannedEndAt: t(110),
    actualEndAt: t(120),
    people: [PRIYA],
    ...overrides,
  };
}

function aFrozenStep(id: string, overrides: Partial<FrozenStep> & { kind?: FrozenStep['step']['kind']; step?: Partial<FrozenStep['step']> } = {}): FrozenStep {
  const { kind, step, ...rest } = overrides;
  return {
    stepId: id,
    step: { ...aStep(id, kind ? { kind } : {}), ...step },
    phase: kind === 'rollback' ? 'rollback' : 'forward',
    status: 'not-started',
    lateByMinutes: 0,
    attempts: 0,
    history: [],
    notes: [],
    ...rest,
  };
}

/** Ran by someone from start to end (minutes after the go-live start). */
const ran = (start: number, end: number, by = RAVI): Partial<FrozenStep> => ({
  actualStartAt: t(start),
  actualEndAt: t(end),
  status: 'completed',
  attempts: 1,
  history: [
    { status: 'running', at: t(start), by },
    { status: 'completed', at: t(end), by },
  ],
});
const plannedFor = (start: number, end: number): Partial<FrozenStep> => ({ plannedStartAt: t(start), plannedEndAt: t(end) });

/** Planned 22:00–23:50 UTC; the deploy overran by 15 min, the smoke test by 10, the customer mail was skipped. */
const completed: FrozenRun = {
  header: aHeader(),
  steps: [
    aFrozenStep('backup', {
      kind: 'preparation',
      step: { owner: { type: 'user', accountId: 'priya' } },
      ...plannedFor(0, 30),
      ...ran(0, 30, PRIYA),
      notes: [{ at: t(10), by: RAVI, text: 'Snapshot 2 of 3 <done>' }],
    }),
    aFrozenStep('deploy', {
      step: { environment: 'PROD', link: 'https://ci.example.com/pipelines/42?stage=deploy&retry=1', owner: { type: 'user', accountId: 'dana' } },
      ...plannedFor(30, 90),
      ...ran(30, 105),
      lateByMinutes: 15,
    }),
    aFrozenStep('smoke-test', { kind: 'verification', ...plannedFor(90, 110), ...ran(105, 120), lateByMinutes: 10 }),
    aFrozenStep('go-no-go', {
      kind: 'checkpoint',
      step: { owner: { type: 'group', groupName: 'release-board' } },
      ...plannedFor(110, 110),
      ...ran(112, 114, PRIYA),
      votes: [
        { by: PRIYA, at: t(112), choice: 'continue' },
        { by: RAVI, at: t(113), choice: 'rollback', reason: 'p95 latency up 5%' },
      ],
      notes: [{ at: t(114), by: PRIYA, text: 'Outvoted: continuing' }],
    }),
    aFrozenStep('notify-customers', {
      kind: 'communication',
      ...plannedFor(110, 115),
      actualEndAt: t(115),
      status: 'skipped',
      reason: 'Status page is down',
      history: [{ status: 'skipped', at: t(115), by: PRIYA, reason: 'Status page is down' }],
    }),
    aFrozenStep('rb-redeploy', { kind: 'rollback' }),
  ],
};

/**
 * An emergency release rolled back at 22:55 after the deploy failed; the cache warm-up was still
 * running; the redeploy of the old version ran past midnight UTC, 45 min late.
 */
const rolledBack: FrozenRun = {
  header: aHeader({
    authority: 'emergency-release',
    mode: 'rollback',
    status: 'rolled-back',
    rollback: { at: t(55), by: RAVI, reason: 'Deploy failed & cannot be retried tonight' },
    actualEndAt: t(145),
    frozenAt: t(146),
  }),
  steps: [
    aFrozenStep('backup', { ...plannedFor(0, 30), ...ran(0, 30) }),
    aFrozenStep('deploy', {
      ...plannedFor(30, 90),
      actualStartAt: t(35),
      actualEndAt: t(50),
      status: 'failed',
      attempts: 1,
      reason: 'Migration 42 locks the orders table',
      history: [
        { status: 'running', at: t(35), by: RAVI },
        { status: 'failed', at: t(50), by: RAVI, reason: 'Migration 42 locks the orders table' },
      ],
    }),
    aFrozenStep('warm-caches', {
      ...plannedFor(30, 40),
      actualStartAt: t(40),
      status: 'running',
      attempts: 1,
      history: [{ status: 'running', at: t(40), by: PRIYA }],
    }),
    aFrozenStep('smoke-test', { kind: 'verification', ...plannedFor(90, 110) }),
    aFrozenStep('rb-redeploy', { kind: 'rollback', ...plannedFor(55, 85), ...ran(55, 130), lateByMinutes: 45 }),
    aFrozenStep('rb-verify', { kind: 'rollback', ...plannedFor(85, 100), ...ran(130, 145) }),
  ],
};

const NOT_RUN = '[Grey Not run]';

describe('the run book page of a finished go-live', () => {
  it('reads a completed run: outcome, planned against actual end, then every forward step with who did what', () => {
    expect(readPage(renderRunBookStorage(completed, 'UTC'))).toEqual([
      '[Green Completed] Started by Ravi Menon on Sat, 5 Dec 2026, 22:00 after the GO decision.',
      'Planned end Sat, 5 Dec 2026, 23:50; the last step ended Sun, 6 Dec 2026, 00:00, 10 min later than planned. 0 failed and 2 late steps. Times in UTC.',
      '## Plan and actual',
      [
        HEADERS,
        [
          '1',
          '<strong>backup</strong>',
          'Preparation',
          'Priya Shah',
          'Sat, 5 Dec 2026, 22:00 – 22:30',
          'Sat, 5 Dec 2026, 22:00 – 22:30',
          '[Green Completed]',
          'Started by Priya Shah, 22:00<br />Completed by Priya Shah, 22:30',
          'Ravi Menon, 22:10: Snapshot 2 of 3 &lt;done&gt;',
        ],
        [
          '2',
          '<strong>deploy</strong><br />PROD<br /><a href="https://ci.example.com/pipelines/42?stage=deploy&amp;retry=1">link</a>',
          'Deployment',
          'dana',
          'Sat, 5 Dec 2026, 22:30 – 23:30',
          'Sat, 5 Dec 2026, 22:30 – 23:45',
          '[Green Completed] [Yellow Late 15 min]',
          'Started by Ravi Menon, 22:30<br />Completed by Ravi Menon, 23:45',
          '—',
        ],
        [
          '3',
          '<strong>smoke test</strong>',
          'Verification',
          'Release managers',
          'Sat, 5 Dec 2026, 23:30 – 23:50',
          'Sat, 5 Dec 2026, 23:45 – Sun, 6 Dec 2026, 00:00',
          '[Green Completed] [Yellow Late 10 min]',
          'Started by Ravi Menon, 23:45<br />Completed by Ravi Menon, 00:00',
          '—',
        ],
        [
          '4',
          '<strong>go no go</strong>',
          'Go/no-go checkpoint',
          'Group release-board',
          'Sat, 5 Dec 2026, 23:50 – 23:50',
          'Sat, 5 Dec 2026, 23:52 – 23:54',
          '[Green Completed]',
          'Started by Priya Shah, 23:52<br />Completed by Priya Shah, 23:54',
          'Vote continue: Priya Shah, 23:52<br />Vote roll back: Ravi Menon, 23:53 (p95 latency up 5%)<br />Priya Shah, 23:54: Outvoted: continuing',
        ],
        [
          '5',
          '<strong>notify customers</strong>',
          'Communication',
          'Release managers',
          'Sat, 5 Dec 2026, 23:50 – 23:55',
          '… – Sat, 5 Dec 2026, 23:55',
          '[Grey Skipped]',
          'Skipped by Priya Shah, 23:55: Status page is down',
          '—',
        ],
      ],
      '<em>Written by the app from the run&#39;s frozen record (Sun, 6 Dec 2026, 00:01, plan revision 7).</em>',
    ]);
  });
});

describe('the run book page of a rolled-back go-live', () => {
  it('reads the failed, running and unrun forward steps, then the rollback: who called it, why, and its steps numbered on', () => {
    const page = renderRunBookStorage(rolledBack, 'UTC');
    expect(storageFormatProblem(page)).toBeUndefined();
    expect(readPage(page)).toEqual([
      '[Red Rolled back] Started by Ravi Menon on Sat, 5 Dec 2026, 22:00 as an emergency release.',
      'Planned end Sat, 5 Dec 2026, 23:50; the last step ended Sun, 6 Dec 2026, 00:25, 35 min later than planned. 1 failed and 1 late step. Times in UTC.',
      '## Plan and actual',
      [
        HEADERS,
        [
          '1',
          '<strong>backup</strong>',
          'Deployment',
          'Release managers',
          'Sat, 5 Dec 2026, 22:00 – 22:30',
          'Sat, 5 Dec 2026, 22:00 – 22:30',
          '[Green Completed]',
          'Started by Ravi Menon, 22:00<br />Completed by Ravi Menon, 22:30',
          '—',
        ],
        [
          '2',
          '<strong>deploy</strong>',
          'Deployment',
          'Release managers',
          'Sat, 5 Dec 2026, 22:30 – 23:30',
          'Sat, 5 Dec 2026, 22:35 – 22:50',
          '[Red Failed]',
          'Started by Ravi Menon, 22:35<br />Failed by Ravi Menon, 22:50: Migration 42 locks the orders table',
          '—',
        ],
        ['3', '<strong>warm caches</strong>', 'Deployment', 'Release managers', 'Sat, 5 Dec 2026, 22:30 – 22:40', 'Sat, 5 Dec 2026, 22:40 – …', '[Blue Running]', 'Started by Priya Shah, 22:40', '—'],
        ['4', '<strong>smoke test</strong>', 'Verification', 'Release managers', 'Sat, 5 Dec 2026, 23:30 – 23:50', '—', NOT_RUN, '—', '—'],
      ],
      '## Rollback',
      '[Red Rollback] Called by Ravi Menon on Sat, 5 Dec 2026, 22:55: Deploy failed &amp; cannot be retried tonight',
      [
        HEADERS,
        [
          '5',
          '<strong>rb redeploy</strong>',
          'Rollback',
          'Release managers',
          'Sat, 5 Dec 2026, 22:55 – 23:25',
          'Sat, 5 Dec 2026, 22:55 – Sun, 6 Dec 2026, 00:10',
          '[Green Completed] [Yellow Late 45 min]',
          'Started by Ravi Menon, 22:55<br />Completed by Ravi Menon, 00:10',
          '—',
        ],
        [
          '6',
          '<strong>rb verify</strong>',
          'Rollback',
          'Release managers',
          'Sat, 5 Dec 2026, 23:25 – 23:40',
          'Sun, 6 Dec 2026, 00:10 – 00:25',
          '[Green Completed]',
          'Started by Ravi Menon, 00:10<br />Completed by Ravi Menon, 00:25',
          '—',
        ],
      ],
      '<em>Written by the app from the run&#39;s frozen record (Sun, 6 Dec 2026, 00:26, plan revision 7).</em>',
    ]);
  });

  it('says so when the runbook had no rollback steps to run', () => {
    const withoutRollbackSteps = { ...rolledBack, steps: rolledBack.steps.filter((s) => s.phase === 'forward') };
    expect(readPage(renderRunBookStorage(withoutRollbackSteps, 'UTC')).slice(4)).toEqual([
      '## Rollback',
      '[Red Rollback] Called by Ravi Menon on Sat, 5 Dec 2026, 22:55: Deploy failed &amp; cannot be retried tonight',
      'The runbook had no rollback steps.',
      '<em>Written by the app from the run&#39;s frozen record (Sun, 6 Dec 2026, 00:26, plan revision 7).</em>',
    ]);
  });
});

describe("the run book page's summary of the end against the plan", () => {
  it.each([
    ['on the minute', t(110), 'the last step ended Sat, 5 Dec 2026, 23:50.'],
    ['20 min early', t(90), 'the last step ended Sat, 5 Dec 2026, 23:30.'],
    ['a minute late', t(111), 'the last step ended Sat, 5 Dec 2026, 23:51, 1 min later than planned.'],
  ])('a run that ended %s', (_when, actualEndAt, ended) => {
    const run: FrozenRun = { header: aHeader({ actualEndAt }), steps: [aFrozenStep('deploy', { ...plannedFor(0, 110), ...ran(0, 100) })] };
    expect(readPage(renderRunBookStorage(run, 'UTC'))[1]).toBe(`Planned end Sat, 5 Dec 2026, 23:50; ${ended} 0 failed and 0 late steps. Times in UTC.`);
  });
});
