import type { GoNoGoDecision } from '../../contract-go-no-go';
import { calendarDateIn } from '../../domain/calendar/calendar-date';
import { pirDueDate } from '../../domain/go-no-go/pir';
import type { IndexDoc } from '../../store/go-no-go-store';
import { keys } from '../../store/keys';
import { updateVersioned } from '../../store/versioned-update';
import type { BoardSession } from './session';
import { markKpiInputsChanged } from '../kpi-inputs-mark';

/**
 * Keeps the project's list of decided releases (and their review deadlines) in step with a
 * decision. Idempotent: the board view calls it again should it find the list behind.
 */
export async function indexDecision(session: BoardSession, decision: GoNoGoDecision): Promise<void> {
  const policy = session.settings.policies[decision.snapshot.releaseType];
  const decidedOn = calendarDateIn(new Date(decision.decidedAt), session.deps.timeZone);
  const due = decision.value === 'GO' ? pirDueDate(decidedOn, policy.pirDueDays) : undefined;
  const versionId = decision.snapshot.version.id;
  await updateVersioned<IndexDoc>(session.deps.store, keys.goNoGoIndex(session.project.id), () => ({ releases: {} }), (index) => {
    const existing = index.releases[versionId];
    if (existing?.decisionId === decision.id) return undefined;
    return {
      releases: {
        ...index.releases,
        [versionId]: {
          decisionId: decision.id,
          versionName: decision.snapshot.version.name,
          releaseType: decision.snapshot.releaseType,
          value: decision.value,
          decidedAt: decision.decidedAt,
          ...(due ? { reviewDueDate: due } : {}),
          reviewCompleted: existing?.reviewCompleted ?? false,
        },
      },
    };
  });
  // Releases decided as hotfix or emergency count as hotfixes in the KPIs (marked on a repeat too:
  // the run that indexed it may have died before marking).
  await markKpiInputsChanged(session.deps.store, { projectId: session.project.id });
}
