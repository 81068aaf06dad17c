import { token } from '@atlaskit/tokens';

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above the value (an axis top people can read). */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Chart colours from the design tokens (light values as fallback), so dark mode follows Jira. */
export const chartColour = {
  brand: token('color.chart.brand', '#1D7AFC'),
  neutral: token('color.chart.neutral', '#8590A2'),
  success: token('color.chart.success.bold', '#22A06B'),
  warning: token('color.chart.warning.bold', '#E56910'),
  danger: token('color.chart.danger.bold', '#E2483D'),
  grid: token('color.border', '#091E4224'),
  text: token('color.text.subtle', '#44546F'),
  surface: token('elevation.surface', '#FFFFFF'),
} as const;
