/**
 * Design tokens used by this bundle, each with the light-theme value as fallback: Forge loads the
 * token CSS after `view.theme.enable()`, and until then (or in a host without it) the page must
 * still be legible. Colours come only from here so dark mode follows Jira.
 */
import { token } from '@atlaskit/tokens';
import type { CSSProperties } from 'react';

export const color = {
  text: token('color.text', '#172B4D'),
  textSubtle: token('color.text.subtle', '#44546F'),
  textSubtlest: token('color.text.subtlest', '#626F86'),
  textDanger: token('color.text.danger', '#AE2E24'),
  textWarning: token('color.text.warning', '#A54800'),
  textSuccess: token('color.text.success', '#216E4E'),
  textInformation: token('color.text.information', '#0055CC'),
  textSelected: token('color.text.selected', '#0C66E4'),
  link: token('color.link', '#0C66E4'),
  border: token('color.border', '#091E4224'),
  borderInput: token('color.border.input', '#8590A2'),
  bgInput: token('color.background.input', '#FFFFFF'),
  borderDanger: token('color.border.danger', '#E2483D'),
  borderSuccess: token('color.border.success', '#22A06B'),
  borderInformation: token('color.border.information', '#1D7AFC'),
  borderSelected: token('color.border.selected', '#0C66E4'),
  borderFocused: token('color.border.focused', '#388BFF'),
  surface: token('elevation.surface', '#FFFFFF'),
  surfaceSunken: token('elevation.surface.sunken', '#F7F8F9'),
  bgNeutral: token('color.background.neutral', '#091E420F'),
  bgNeutralHovered: token('color.background.neutral.subtle.hovered', '#091E420F'),
  bgSelected: token('color.background.selected', '#E9F2FF'),
  bgDanger: token('color.background.danger', '#FFECEB'),
  bgSuccess: token('color.background.success', '#DCFFF1'),
  bgInformation: token('color.background.information', '#E9F2FF'),
  barDone: token('color.background.success.bold', '#1F845A'),
  barInProgress: token('color.background.information.bold', '#0C66E4'),
  barTodo: token('color.background.accent.gray.subtler', '#DCDFE4'),
} as const;

export const space = {
  s050: token('space.050', '4px'),
  s100: token('space.100', '8px'),
  s150: token('space.150', '12px'),
  s200: token('space.200', '16px'),
  s300: token('space.300', '24px'),
  s400: token('space.400', '32px'),
} as const;

export const radius = token('radius.small', '3px');

export const font = {
  small: token('font.body.small', 'normal 400 11px/16px ui-sans-serif, -apple-system, BlinkMacSystemFont, "Segoe UI", Ubuntu, "Helvetica Neue", sans-serif'),
  body: token('font.body', 'normal 400 14px/20px ui-sans-serif, -apple-system, BlinkMacSystemFont, "Segoe UI", Ubuntu, "Helvetica Neue", sans-serif'),
} as const;

/** A native form control (input, select, textarea) drawn with the tokens; red border when invalid. */
export const inputStyle = (invalid = false): CSSProperties => ({
  font: font.body,
  color: color.text,
  background: color.bgInput,
  border: `1px solid ${invalid ? color.borderDanger : color.borderInput}`,
  borderRadius: radius,
  minHeight: 32,
  padding: `0 ${space.s100}`,
  boxSizing: 'border-box',
  width: '100%',
  colorScheme: 'light dark',
});

/** A compact native form control with a little vertical padding, sized by its container. */
export const compactInputStyle: CSSProperties = {
  font: font.body,
  color: color.text,
  background: color.bgInput,
  border: `1px solid ${color.borderInput}`,
  borderRadius: radius,
  padding: `${space.s050} ${space.s100}`,
  boxSizing: 'border-box',
  minHeight: 32,
};

/** A filter drop-down above a table: one line high, next to compact text fields. */
export const filterSelectStyle: CSSProperties = {
  font: font.body,
  color: color.text,
  background: color.bgInput,
  border: `1px solid ${color.borderInput}`,
  borderRadius: radius,
  height: 32,
  padding: `0 ${space.s100}`,
};

/** Bold fills for the light buttons of long lists (`go-live/RowButton.tsx`). */
export const buttonColor = {
  brand: token('color.background.brand.bold', '#0C66E4'),
  danger: token('color.background.danger.bold', '#C9372C'),
  neutral: token('color.background.neutral', '#091E420F'),
  disabled: token('color.background.disabled', '#091E4208'),
  textInverse: token('color.text.inverse', '#FFFFFF'),
  textDisabled: token('color.text.disabled', '#091E424F'),
} as const;
