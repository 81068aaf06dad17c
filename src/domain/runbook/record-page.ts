import { STEP_KIND_LABELS, type FrozenRun, type FrozenStep, type StepEvent, type StepStatus } from '../../contract-runbook';
import type { UserSummary } from '../../contract-go-no-go';
import { type StatusColour, escapeXml, link, statusMacro, table } from '../reports/storage-format';
import { formatInstant } from '../release-plan/wording';

/**
 * The release's run book page in Confluence storage format, built from the frozen record alone
 * (so a retried publish writes the same body): the run's outcome, then plan against actual per
 * step with who did what, notes and votes, and the rollback with its steps when one was called.
 * Times read in the project's zone, which the page names. Failed and late steps carry a red or
 * yellow status lozenge so they stand out in Confluence.
 */

export const runBookPageTitle = (record: FrozenRun) => `Go-live run book: ${record.header.version.name} (${record.header.project.key})`;

/** "Sat 5 Dec 2026, 22:05" in the zone (the release plan's wording, one formatter for both pages). */
export function formatRunTime(at: string, zone: string): string {
  return formatInstant(Date.parse(at), zone);
}

const STATUS: Record<StepStatus, [StatusColour, string]> = {
  'not-started': ['Grey', 'Not run'],
  running: ['Blue', 'Running'],
  completed: ['Green', 'Completed'],
  failed: ['Red', 'Failed'],
  skipped: ['Grey', 'Skipped'],
};
const DID: Record<StepStatus, string> = { running: 'Started', completed: 'Completed', failed: 'Failed', skipped: 'Skipped', 'not-started': 'Reset' };

function span(from: string | undefined, to: string | undefined, zone: string): string {
  if (!from && !to) return '—';
  const day = (at: string) => formatRunTime(at, zone);
  // The end on the same day as the start reads as a time only.
  const end = to ? (from && day(from).slice(0, -7) === day(to).slice(0, -7) ? day(to).slice(-5) : day(to)) : '…';
  return escapeXml(`${from ? day(from) : '…'} – ${end}`);
}

const lines = (items: string[]) => (items.length ? items.join('<br />') : '—');

function ownerOf(step: FrozenStep, people: ReadonlyMap<string, string>): string {
  const owner = step.step.owner;
  if (!owner) return 'Release managers';
  return owner.type === 'user' ? (people.get(owner.accountId) ?? owner.accountId) : `Group ${owner.groupName}`;
}

function stepRows(steps: readonly FrozenStep[], zone: string, people: ReadonlyMap<string, string>, numberFrom: number): string[][] {
  return steps.map((s, i) => {
    const [colour, word] = STATUS[s.status];
    const lozenges = [statusMacro(colour, word), ...(s.lateByMinutes > 0 ? [statusMacro('Yellow', `Late ${s.lateByMinutes} min`)] : [])].join(' ');
    const who = s.history.map((e: StepEvent) => escapeXml(`${DID[e.status]} by ${e.by.displayName}, ${formatRunTime(e.at, zone).slice(-5)}${e.reason ? `: ${e.reason}` : ''}`));
    const notes = [
      ...(s.votes ?? []).map((v) => escapeXml(`Vote ${v.choice === 'continue' ? 'continue' : 'roll back'}: ${v.by.displayName}, ${formatRunTime(v.at, zone).slice(-5)}${v.reason ? ` (${v.reason})` : ''}`)),
      ...s.notes.map((n) => escapeXml(`${n.by.displayName}, ${formatRunTime(n.at, zone).slice(-5)}: ${n.text}`)),
    ];
    const title = `<strong>${escapeXml(s.step.title)}</strong>${s.step.environment ? `<br />${escapeXml(s.step.environment)}` : ''}${s.step.link ? `<br />${link(s.step.link, 'link')}` : ''}`;
    return [
      String(numberFrom + i),
      title,
      escapeXml(STEP_KIND_LABELS[s.step.kind]),
      escapeXml(ownerOf(s, people)),
      span(s.plannedStartAt, s.plannedEndAt, zone),
      span(s.actualStartAt, s.actualEndAt, zone),
      lozenges,
      lines(who),
      lines(notes),
    ];
  });
}

const HEADERS = ['#', 'Step', 'Kind', 'Owner', 'Planned', 'Actual', 'Status', 'Who', 'Notes and votes'];

export function renderRunBookStorage(record: FrozenRun, zone: string): string {
  const h = record.header;
  const people = new Map(h.people.map((p: UserSummary) => [p.accountId, p.displayName]));
  const forward = record.steps.filter((s) => s.phase === 'forward');
  const rollback = record.steps.filter((s) => s.phase === 'rollback');
  const outcome = h.status === 'completed' ? statusMacro('Green', 'Completed') : statusMacro('Red', 'Rolled back');
  const overBy = Math.round((Date.parse(h.actualEndAt) - Date.parse(h.plannedEndAt)) / 60_000);
  const failed = record.steps.filter((s) => s.status === 'failed').length;
  const late = record.steps.filter((s) => s.lateByMinutes > 0).length;
  const parts = [
    `<p>${outcome} ${escapeXml(`Started by ${h.startedBy.displayName} on ${formatRunTime(h.startedAt, zone)} ${h.authority === 'emergency-release' ? 'as an emergency release' : 'after the GO decision'}.`)}</p>`,
    `<p>${escapeXml(
      `Planned end ${formatRunTime(h.plannedEndAt, zone)}; the last step ended ${formatRunTime(h.actualEndAt, zone)}${overBy > 0 ? `, ${overBy} min later than planned` : ''}. ${failed} failed and ${late} late step${late === 1 ? '' : 's'}. Times in ${zone}.`,
    )}</p>`,
    '<h2>Plan and actual</h2>',
    table(HEADERS, stepRows(forward, zone, people, 1)),
  ];
  if (h.rollback) {
    parts.push(
      '<h2>Rollback</h2>',
      `<p>${statusMacro('Red', 'Rollback')} ${escapeXml(`Called by ${h.rollback.by.displayName} on ${formatRunTime(h.rollback.at, zone)}: ${h.rollback.reason}`)}</p>`,
      rollback.length ? table(HEADERS, stepRows(rollback, zone, people, forward.length + 1)) : '<p>The runbook had no rollback steps.</p>',
    );
  }
  parts.push(`<p><em>${escapeXml(`Written by the app from the run's frozen record (${formatRunTime(h.frozenAt, zone)}, plan revision ${h.planRevision}).`)}</em></p>`);
  return parts.join('');
}
