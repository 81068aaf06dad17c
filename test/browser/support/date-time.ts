import type { FrameLocator } from 'playwright-core';

/** Types a wall time into an Atlaskit date-time picker (`DateTimeInput`): the date, then the time, each confirmed with Enter. */
export async function typeDateTime(app: FrameLocator, testId: string, wall: string): Promise<void> {
  const [date = '', time = ''] = wall.split('T');
  for (const [part, text] of [['datepicker', date], ['timepicker', time]] as const) {
    const input = app.getByTestId(`${testId}-picker--${part}--container`).getByRole('combobox');
    await input.fill(text);
    await input.press('Enter');
  }
  await app.locator(`[data-testid="${testId}"][data-value="${wall}"]`).waitFor();
}
