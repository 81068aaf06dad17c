/**
 * Colours of the release plan (tiers, windows, severities): design tokens with light fallbacks,
 * so the calendar follows Jira's light and dark themes like the rest of the page.
 */
import { token } from '@atlaskit/tokens';
import type { ConflictSeverity, Tier } from '../../../../src/contract';

export interface Swatch {
  background: string;
  text: string;
  border: string;
}

const accent = (name: string, subtler: string, text: string, border: string): Swatch => ({
  background: token(`color.background.accent.${name}.subtler` as Parameters<typeof token>[0], subtler),
  text: token(`color.text.accent.${name}` as Parameters<typeof token>[0], text),
  border: token(`color.border.accent.${name}` as Parameters<typeof token>[0], border),
});

export const TIER_SWATCH: Record<Tier, Swatch> = {
  DEV: accent('gray', '#DDDEE1', '#505258', '#7D818A'),
  IT: accent('lime', '#D3F1A7', '#4C6B1F', '#6A9A23'),
  SIT: accent('teal', '#C6EDFB', '#206A83', '#2898BD'),
  UAT: accent('blue', '#CFE1FD', '#1558BC', '#357DE8'),
  NFT: accent('purple', '#EED7FC', '#803FA5', '#AF59E1'),
  PREPROD: accent('orange', '#FCE4A6', '#9E4C00', '#E06C00'),
  PROD: accent('magenta', '#FDD0EC', '#943D73', '#CD519D'),
};

export const HIDDEN_SWATCH: Swatch = accent('gray', '#DDDEE1', '#505258', '#7D818A');

export const WINDOW_SWATCH = {
  freeze: {
    background: token('color.background.danger', '#FFECEB'),
    text: token('color.text.danger', '#AE2E24'),
    border: token('color.border.danger', '#E2483D'),
  },
  maintenance: {
    background: token('color.background.warning', '#FFF5DB'),
    text: token('color.text.warning', '#9E4C00'),
    border: token('color.border.warning', '#E06C00'),
  },
} as const;

export const SEVERITY_APPEARANCE: Record<ConflictSeverity, 'removed' | 'moved' | 'default'> = {
  error: 'removed',
  warning: 'moved',
  info: 'default',
};

export const SEVERITY_LABEL: Record<ConflictSeverity, string> = { error: 'Clash', warning: 'Warning', info: 'Note' };

export const planColor = {
  conflictOutline: token('color.border.danger', '#E2483D'),
  todayLine: token('color.border.brand', '#1868DB'),
  raised: token('elevation.surface.raised', '#FFFFFF'),
  shadowRaised: token('elevation.shadow.raised', '0px 1px 1px #1E1F2140, 0px 0px 1px #1E1F214F'),
  borderBold: token('color.border.bold', '#7D818A'),
  ragRed: token('color.background.danger.bold', '#C9372C'),
  ragAmber: token('color.background.warning.bold', '#FBC828'),
  ragGreen: token('color.background.success.bold', '#1F845A'),
  ragNeutral: token('color.background.neutral.bold', '#44546F'),
  weekend: token('color.background.accent.gray.subtlest', '#F0F1F2'),
  textWarning: token('color.text.warning', '#9E4C00'),
  bgWarning: token('color.background.warning', '#FFF5DB'),
} as const;
