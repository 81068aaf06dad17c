import type { FrozenRun } from '../../../src/contract-runbook';
import { renderRunBookStorage } from '../../../src/domain/runbook/record-page';
import { storageFormatProblem } from '../../../local/fake-confluence/storage-format';
import { aFrozenStep, aHeader, completed, plannedFor, ran, rolledBack } from '../../support/runbook-frozen';
import { t } from '../../support/runbook-builders';

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
