import { checkAgainstWindow } from '../../../src/domain/runbook/window';
import { t } from '../../support/runbook-builders';

const window = (id: string, from: number, to: number) => ({ id, environmentName: 'PROD-EU', from: t(from), to: t(to) });

describe('the go-live against its maintenance window', () => {
  it.each([
    ['fits inside the window', { start: t(0), end: t(90) }, [window('w', -30, 120)], { windowId: 'w', fits: true, minutesOver: 0, minutesEarly: 0 }],
    ['ends 25 minutes after the window closes', { start: t(0), end: t(145) }, [window('w', 0, 120)], { fits: false, minutesOver: 25, minutesEarly: 0 }],
    ['starts 15 minutes before the window opens', { start: t(0), end: t(60) }, [window('w', 15, 120)], { fits: false, minutesOver: 0, minutesEarly: 15 }],
    ['picks the window that overlaps most', { start: t(0), end: t(120) }, [window('short', -60, 10), window('long', 0, 180)], { windowId: 'long', fits: true }],
  ])('%s', (_case, goLive, windows, expected) => {
    expect(checkAgainstWindow(goLive, windows)).toMatchObject(expected);
  });

  it('says nothing when no window overlaps the go-live', () => {
    expect(checkAgainstWindow({ start: t(0), end: t(60) }, [window('yesterday', -1500, -1400)])).toBeUndefined();
  });
});

describe('the go-live against a window it only touches', () => {
  it.each([
    ['a window opening as the go-live ends', { start: t(0), end: t(60) }, [window('w', 60, 120)], undefined],
    ['a go-live of milestones only, before the window', { start: t(-10), end: t(-10) }, [window('w', 0, 120)], undefined],
    ['a go-live of milestones only, as the window opens', { start: t(0), end: t(0) }, [window('w', 0, 120)], { windowId: 'w', environmentName: 'PROD-EU', from: t(0), to: t(120), fits: true, minutesOver: 0, minutesEarly: 0 }],
    ['a go-live of milestones only, inside the window', { start: t(60), end: t(60) }, [window('w', 0, 120)], { windowId: 'w', environmentName: 'PROD-EU', from: t(0), to: t(120), fits: true, minutesOver: 0, minutesEarly: 0 }],
    ['a go-live of milestones only, as the window closes', { start: t(120), end: t(120) }, [window('w', 0, 120)], undefined],
  ])('%s', (_case, goLive, windows, expected) => {
    expect(checkAgainstWindow(goLive, windows)).toEqual(expected);
  });
});
