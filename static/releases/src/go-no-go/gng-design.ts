/**
 * Design tokens the Go/No-Go board needs beyond ../design.ts, each with its light fallback, so
 * dark mode follows Jira. Colours for verdicts, RAG and risk levels come only from here.
 */
import { token } from '@atlaskit/tokens';
import type { BoardRag, CriterionStatus, RiskLevel, RoleState, Verdict } from '../../../../src/contract';

export const tone = {
  successBold: token('color.background.success.bold', '#1F845A'),
  warningBold: token('color.background.warning.bold', '#F5CD47'),
  dangerBold: token('color.background.danger.bold', '#C9372C'),
  neutralBold: token('color.background.neutral.bold', '#44546F'),
  textInverse: token('color.text.inverse', '#FFFFFF'),
  textWarningInverse: token('color.text.warning.inverse', '#172B4D'),
  textWarning: token('color.text.warning', '#A54800'),
  bgWarning: token('color.background.warning', '#FFF7D6'),
  borderWarning: token('color.border.warning', '#E56910'),
  surfaceRaised: token('elevation.surface.raised', '#FFFFFF'),
  shadowRaised: token('elevation.shadow.raised', '0px 1px 1px #091E4240, 0px 0px 1px #091E424F'),
  cellLow: token('color.background.accent.green.subtler', '#BAF3DB'),
  cellMedium: token('color.background.accent.yellow.subtler', '#F8E6A0'),
  cellHigh: token('color.background.accent.orange.subtle', '#FEC195'),
  cellCritical: token('color.background.accent.red.subtle', '#FD9891'),
  cellText: token('color.text', '#172B4D'),
} as const;

export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export const VERDICT_TEXT: Record<Verdict, string> = { GO: 'Ready for GO', NO_GO: 'NO-GO', PENDING: 'Not ready yet' };

export function verdictColours(verdict: Verdict): { background: string; text: string } {
  if (verdict === 'GO') return { background: tone.successBold, text: tone.textInverse };
  if (verdict === 'NO_GO') return { background: tone.dangerBold, text: tone.textInverse };
  return { background: tone.warningBold, text: tone.textWarningInverse };
}

export const RAG_TEXT: Record<BoardRag, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

export function ragColour(rag: BoardRag): string {
  return rag === 'green' ? tone.successBold : rag === 'amber' ? tone.warningBold : tone.dangerBold;
}

export const STATUS_TEXT: Record<CriterionStatus, string> = { pass: 'Met', fail: 'Failed', pending: 'Pending', 'not-available': 'Not available' };

export function statusAppearance(status: CriterionStatus): LozengeAppearance {
  return status === 'pass' ? 'success' : status === 'fail' ? 'removed' : status === 'pending' ? 'inprogress' : 'default';
}

export const ROLE_STATE_TEXT: Record<RoleState, string> = { GO: 'GO', NO_GO: 'NO-GO', GO_WITH_CONDITIONS: 'GO with conditions', PENDING: 'Waiting' };

export function roleStateAppearance(state: RoleState): LozengeAppearance {
  return state === 'GO' ? 'success' : state === 'NO_GO' ? 'removed' : state === 'GO_WITH_CONDITIONS' ? 'moved' : 'default';
}

export function levelColour(level: RiskLevel): string {
  return level === 'critical' ? tone.cellCritical : level === 'high' ? tone.cellHigh : level === 'medium' ? tone.cellMedium : tone.cellLow;
}

export function levelAppearance(level: RiskLevel): LozengeAppearance {
  return level === 'critical' ? 'removed' : level === 'high' ? 'moved' : level === 'medium' ? 'inprogress' : 'success';
}
