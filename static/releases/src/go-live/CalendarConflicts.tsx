import type { StepCalendarConflict } from '../../../../src/contract';
import { color, font, space } from '../design';

/** The plan's steps against the release calendar, each conflict in the Calendar page's words with its fixes. */
export function CalendarConflicts({ conflicts }: { conflicts: StepCalendarConflict[] }) {
  if (!conflicts.length) return null;
  return (
    <div data-testid="golive-calendar-conflicts" style={{ display: 'flex', flexDirection: 'column', gap: space.s100 }}>
      <div style={{ font: font.small, color: color.textSubtle }}>Against the release calendar (bookings, freezes and maintenance of the steps’ environments):</div>
      {conflicts.map((c) => (
        <div key={c.id} data-testid="golive-calendar-conflict" data-rule={c.rule} data-severity={c.severity} style={{ borderLeft: `3px solid ${c.severity === 'error' ? color.borderDanger : color.borderInformation}`, paddingLeft: space.s100 }}>
          <div style={{ font: font.body, fontWeight: 600, color: c.severity === 'error' ? color.textDanger : color.textWarning }}>{c.title}</div>
          <div style={{ font: font.small, color: color.text }}>{c.explanation}</div>
          {c.fixes.map((f) => (
            <div key={f} style={{ font: font.small, color: color.textSubtle }}>
              Fix: {f}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
