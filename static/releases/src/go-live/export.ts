import type { RunbookView } from '../../../../src/contract';
import { csvText } from '../csv';
import { type PlanRow, STATUS_TEXT, checkpointVotes, formatDuration, formatInstant, formatOffset, planRows } from './golive-model';

/**
 * The runbook as files people take elsewhere: CSV (one row per step, instants in UTC ISO form so
 * spreadsheets sort them) and Markdown (the plan and, once it ran, who did what when, in the
 * project's zone). Both are made from the same rows the page shows.
 */

const planned = (row: PlanRow) => ({
  start: row.plannedStart ?? (row.plannedOffset ? formatOffset(row.plannedOffset.start) : ''),
  end: row.plannedEnd ?? (row.plannedOffset ? formatOffset(row.plannedOffset.end) : ''),
});

const notesOf = (row: PlanRow) => (row.state?.notes ?? []).map((n) => `${n.by.displayName}: ${n.text}`);
const votesOf = (row: PlanRow, view: RunbookView) => checkpointVotes(row, view).map((v) => `${v.name}: ${v.choice ?? 'not voted'}${v.reason ? ` (${v.reason})` : ''}`);

export const RUNBOOK_CSV_HEADER = ['#', 'Step', 'Kind', 'Owner', 'Environment', 'Planned start', 'Planned end', 'Duration (min)', 'Depends on', 'Critical', 'Status', 'Started', 'Ended', 'By', 'Reason', 'Votes', 'Notes', 'Link'] as const;

export function runbookCsv(view: RunbookView): string {
  const rows = planRows(view).map((row) => {
    const times = planned(row);
    return [
      row.index + 1,
      row.step.title,
      row.kindLabel,
      row.owner,
      row.step.environment ?? '',
      times.start,
      times.end,
      row.step.durationMinutes,
      row.dependsOn.join('; '),
      row.critical ? 'yes' : '',
      view.run ? STATUS_TEXT[row.state?.status ?? 'not-started'] : '',
      row.state?.startedAt ?? '',
      row.state?.endedAt ?? '',
      row.state?.by?.displayName ?? '',
      row.state?.reason ?? '',
      votesOf(row, view).join('; '),
      notesOf(row).join(' | '),
      row.step.link ?? '',
    ];
  });
  return csvText([RUNBOOK_CSV_HEADER, ...rows]);
}

/** Markdown table cells: a pipe or a line break would end the cell. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function runbookMarkdown(view: RunbookView, timeZone: string): string {
  const when = (iso: string | undefined) => (iso ? (/^\d{4}-/.test(iso) ? formatInstant(iso, timeZone) : iso) : '');
  const run = view.run;
  const lines = [`# Go-live runbook: ${view.version.name}`, ''];
  if (view.plan.goLiveStart) lines.push(`Go-live start: ${formatInstant(view.plan.goLiveStart, timeZone)} (${timeZone})`);
  if (view.schedule) lines.push(`Planned: ${formatDuration(view.schedule.endMinute)} from the go-live start; rollback takes ${formatDuration(view.schedule.rollbackMinutes)}.`);
  if (run) {
    lines.push(`Run: ${run.progress.status.replace('-', ' ')}, started by ${run.header.startedBy.displayName} at ${formatInstant(run.header.startedAt, timeZone)}.`);
    if (run.header.rollback) lines.push(`Rollback called by ${run.header.rollback.by.displayName} at ${formatInstant(run.header.rollback.at, timeZone)}: ${run.header.rollback.reason}`);
  }
  lines.push('', run ? '| # | Step | Kind | Owner | Planned | Status | Actual | By | Notes |' : '| # | Step | Kind | Owner | Planned | Depends on |', run ? '|---|---|---|---|---|---|---|---|---|' : '|---|---|---|---|---|---|');
  for (const row of planRows(view)) {
    const times = planned(row);
    const plannedText = times.start ? `${when(times.start)} – ${when(times.end)}` : row.rollback ? 'when rolled back' : '';
    const base = [String(row.index + 1), `${row.step.title}${row.critical ? ' (critical)' : ''}`, row.kindLabel, row.owner || 'release managers', plannedText];
    const rest = run
      ? [
          [STATUS_TEXT[row.state?.status ?? 'not-started'], row.state?.reason ?? ''].filter(Boolean).join(': '),
          row.state?.startedAt ? `${when(row.state.startedAt)} – ${when(row.state.endedAt)}` : '',
          row.state?.by?.displayName ?? '',
          [...votesOf(row, view), ...notesOf(row)].join('; '),
        ]
      : [row.dependsOn.join(', ')];
    lines.push(`| ${[...base, ...rest].map(cell).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
