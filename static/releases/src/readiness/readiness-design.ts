/**
 * Colours of readiness (RAG and criterion states): design tokens with light fallbacks, so the
 * pages follow Jira's light and dark themes.
 */
import { token } from '@atlaskit/tokens';
import type { ReadinessRag } from '../../../../src/contract';
import { ISSUE_READINESS, LOZENGE_APPEARANCE, type LozengeAppearance } from '../../../../src/domain/status/vocabulary';

export interface RagSwatch {
  /** Strong fill: bars and the dot. */
  bold: string;
  /** Soft fill behind text. */
  subtle: string;
  text: string;
}

export const RAG_SWATCH: Record<ReadinessRag, RagSwatch> = {
  red: {
    bold: token('color.background.danger.bold', '#C9372C'),
    subtle: token('color.background.danger', '#FFECEB'),
    text: token('color.text.danger', '#AE2E24'),
  },
  amber: {
    bold: token('color.background.warning.bold', '#F5CD47'),
    subtle: token('color.background.warning', '#FFF7D6'),
    text: token('color.text.warning', '#A54800'),
  },
  green: {
    bold: token('color.background.success.bold', '#1F845A'),
    subtle: token('color.background.success', '#DCFFF1'),
    text: token('color.text.success', '#216E4E'),
  },
};

export const RAG_LOZENGE: Record<ReadinessRag, LozengeAppearance> = {
  red: LOZENGE_APPEARANCE[ISSUE_READINESS.red.colour],
  amber: LOZENGE_APPEARANCE[ISSUE_READINESS.amber.colour],
  green: LOZENGE_APPEARANCE[ISSUE_READINESS.green.colour],
};
export const RAG_WORD: Record<ReadinessRag, string> = { red: ISSUE_READINESS.red.word, amber: ISSUE_READINESS.amber.word, green: ISSUE_READINESS.green.word };
