import type { RunbookView } from '../../src/contract';
import { RUNBOOK_CSV_HEADER, runbookCsv, runbookMarkdown } from '../../static/releases/src/go-live/export';
import { PRIYA, RAVI, aPlan, aRun, aRunbookView, aStep, t } from '../support/runbook-builders';

const plan = aPlan([
  aStep('backup', { durationMinutes: 30, owner: { type: 'user', accountId: 'priya' }, kind: 'preparation' }),
  aStep('deploy', { after: ['backup'], durationMinutes: 45, environment: 'PROD', link: 'https://ci.example.com/run/7', title: 'Deploy, then | check' }),
  aStep('gate', { after: ['deploy'], durationMinutes: 5, kind: 'checkpoint', approvers: ['priya'] }),
  aStep('rb-redeploy', { kind: 'rollback', durationMinutes: 20 }),
]);

const ran = aRun(
  {
    backup: { status: 'completed', startedAt: t(0), endedAt: t(35), by: PRIYA, attempts: 1, notes: [{ at: t(10), by: PRIYA, text: 'Snapshot 42, "full"' }] },
    deploy: { status: 'failed', startedAt: t(35), endedAt: t(50), by: RAVI, attempts: 1, reason: 'TLS handshake\nrejected' },
  },
  { mode: 'rollback', rollback: { at: t(55), by: RAVI, reason: 'Deployment failed' } },
);

const lines = (csv: string) => csv.trimEnd().split('\r\n');

describe('the runbook exported', () => {
  it('as CSV: one row per step with planned times, status, who, reason, notes and link', () => {
    const csv = lines(runbookCsv(aRunbookView(plan, {}, ran)));
    expect(csv[0]).toBe(RUNBOOK_CSV_HEADER.join(','));
    expect(csv).toHaveLength(5);
    expect(csv[1]).toBe(`1,backup,Preparation,Priya Shah,,${t(0)},${t(30)},30,,yes,Completed,${t(0)},${t(35)},Priya Shah,,,"Priya Shah: Snapshot 42, ""full""",`);
    expect(csv[2]).toBe(`2,"Deploy, then | check",Deployment,,PROD,${t(30)},${t(75)},45,backup,yes,Failed,${t(35)},${t(50)},Ravi Menon,"TLS handshake\nrejected",,,https://ci.example.com/run/7`);
    expect(csv[3]).toContain(',Not started,,,,,Priya Shah: not voted,,');
  });

  it('as Markdown: the run’s story in the project’s zone, cells that cannot break the table', () => {
    const md = runbookMarkdown(aRunbookView(plan, {}, ran), 'Europe/Berlin');
    expect(md).toContain('# Go-live runbook: SHOP 3.0.0');
    expect(md).toContain('Rollback called by Ravi Menon at Sat 5 Dec, 23:55: Deployment failed');
    expect(md).toContain('| 2 | Deploy, then \\| check (critical) | Deployment | release managers | Sat 5 Dec, 23:30 – Sun 6 Dec, 00:15 | Failed: TLS handshake rejected | Sat 5 Dec, 23:35 – Sat 5 Dec, 23:50 | Ravi Menon |  |');
    expect(md).toContain('| 4 | rb redeploy | Rollback | release managers | Sat 5 Dec, 23:55 – Sun 6 Dec, 00:15 | Not started |');
  });

  it('as Markdown before the run: the plan with dependencies', () => {
    const { run: _run, ...planned } = aRunbookView(plan);
    const md = runbookMarkdown(planned as RunbookView, 'UTC');
    expect(md).toContain('| # | Step | Kind | Owner | Planned | Depends on |');
    expect(md).toContain('| 3 | gate (critical) | Go/no-go checkpoint | release managers | Sat 5 Dec, 23:15 – Sat 5 Dec, 23:20 | Deploy, then \\| check |');
    expect(md).not.toContain('Run:');
  });
});
