import type { RunbookView } from '../../../../src/contract';
import { type PlanRow, type StepActionType, asksForVote, checkpointVotes, planRows, stepActions } from './golive-model';

/**
 * One row of the Go-live step list with everything it draws decided, so the row needs nothing
 * else from the view. Rows whose content did not change keep their object from the previous
 * answer: the page refreshes the whole view on every realtime notice, and a memoised row that
 * gets the same object is not drawn again (one changed step redraws one row, not 300).
 */
export interface StepRowModel {
  row: PlanRow;
  actions: StepActionType[];
  votes: ReturnType<typeof checkpointVotes>;
  asksForVote: boolean;
  /** A rollback step while the run goes forward: shown, but faded. */
  dimmed: boolean;
  /** The row's content as text: equal text, equal row. */
  signature: string;
}

export function stepRowModels(view: RunbookView, previous?: ReadonlyMap<string, StepRowModel>): StepRowModel[] {
  const live = view.run !== undefined;
  return planRows(view).map((row) => {
    const checkpoint = live && row.step.kind === 'checkpoint' && (row.step.approvers?.length ?? 0) > 0;
    const fresh = {
      row,
      actions: stepActions(row, view),
      votes: checkpoint ? checkpointVotes(row, view) : [],
      asksForVote: checkpoint && asksForVote(row, view),
      dimmed: row.rollback && view.run?.header.mode !== 'rollback',
    };
    const signature = JSON.stringify(fresh);
    const before = previous?.get(row.step.id);
    return before?.signature === signature ? before : { ...fresh, signature };
  });
}
