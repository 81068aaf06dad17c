import { type CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { sortRisks, toBoardRisk } from '../../../src/domain/go-no-go/board';
import { isOnScale, riskLevel, riskScore, rollUpRisks } from '../../../src/domain/go-no-go/risks';
import { aRisk } from '../../support/go-no-go-builders';

const today = '2026-11-24' as CalendarDate;

describe('risk scores', () => {
  it.each([
    [1, 1, 1, 'low'],
    [2, 2, 4, 'low'],
    [1, 5, 5, 'medium'],
    [3, 3, 9, 'medium'],
    [2, 5, 10, 'high'],
    [4, 4, 16, 'high'],
    [4, 5, 20, 'critical'],
    [5, 5, 25, 'critical'],
  ])('likelihood %i x impact %i scores %i, a %s risk', (likelihood, impact, score, level) => {
    expect(riskScore(likelihood, impact)).toBe(score);
    expect(riskLevel(score)).toBe(level);
  });

  it.each([[0, 3], [6, 1], [2.5, 2], [3, -1], [Number.NaN, 1]])('refuses likelihood %p and impact %p: off the 1-5 scale', (likelihood, impact) => {
    expect(isOnScale(likelihood) && isOnScale(impact)).toBe(false);
    expect(() => riskScore(likelihood, impact)).toThrow(RangeError);
  });
});

describe('the risk roll-up of a release', () => {
  it.each([
    ['no risks', [], 'green'],
    ['only low and medium open risks', [aRisk({ likelihood: 1, impact: 2 }), aRisk({ likelihood: 3, impact: 3 })], 'green'],
    ['an open high risk', [aRisk({ likelihood: 3, impact: 4 })], 'amber'],
    ['a high risk being mitigated', [aRisk({ likelihood: 3, impact: 4, status: 'mitigating' })], 'amber'],
    ['an open high risk past its due date', [aRisk({ likelihood: 3, impact: 4, dueDate: '2026-11-23' })], 'red'],
    ['an open high risk due today', [aRisk({ likelihood: 3, impact: 4, dueDate: '2026-11-24' })], 'amber'],
    ['an open critical risk', [aRisk({ likelihood: 5, impact: 4 })], 'red'],
    ['a closed critical risk', [aRisk({ likelihood: 5, impact: 5, status: 'closed' })], 'green'],
    ['an accepted critical risk', [aRisk({ likelihood: 5, impact: 5, status: 'accepted' })], 'green'],
    ['a high and a critical risk', [aRisk({ likelihood: 3, impact: 4 }), aRisk({ likelihood: 5, impact: 5 })], 'red'],
  ])('is %s → %s', (_case, risks, rag) => {
    expect(rollUpRisks(risks, today).rag).toBe(rag);
  });

  it('counts open risks by level and on the likelihood x impact heat map', () => {
    const rollup = rollUpRisks(
      [aRisk({ likelihood: 5, impact: 1 }), aRisk({ likelihood: 5, impact: 1 }), aRisk({ likelihood: 2, impact: 5 }), aRisk({ likelihood: 4, impact: 5, status: 'closed' })],
      today,
    );
    expect(rollup.openByLevel).toEqual({ low: 0, medium: 2, high: 1, critical: 0 });
    expect(rollup.heatMap[4]?.[0]).toBe(2);
    expect(rollup.heatMap[1]?.[4]).toBe(1);
    expect(rollup.heatMap[3]?.[4]).toBe(0);
    expect(rollup.heatMap.flat().reduce((a, b) => a + b, 0)).toBe(3);
    expect(rollup.reasons).toEqual(['High risk open: Payment provider cut-over']);
  });
});

describe('the order of risks on the board', () => {
  it('lists open risks first, then mitigating, accepted and closed; the highest score first; then by title', () => {
    const risks = [
      aRisk({ id: '1', title: 'Closed but critical', likelihood: 5, impact: 5, status: 'closed' }),
      aRisk({ id: '2', title: 'Accepted', likelihood: 5, impact: 5, status: 'accepted' }),
      aRisk({ id: '3', title: 'Open, low', likelihood: 1, impact: 2, status: 'open' }),
      aRisk({ id: '4', title: 'Mitigating', likelihood: 5, impact: 5, status: 'mitigating' }),
      aRisk({ id: '5', title: 'Open, high (B)', likelihood: 4, impact: 3, status: 'open' }),
      aRisk({ id: '6', title: 'Open, high (A)', likelihood: 3, impact: 4, status: 'open' }),
    ];
    expect(sortRisks(risks.map(toBoardRisk)).map((r) => r.title)).toEqual([
      'Open, high (A)',
      'Open, high (B)',
      'Open, low',
      'Mitigating',
      'Accepted',
      'Closed but critical',
    ]);
  });
});

describe('the RAG of the risks, whatever their order', () => {
  it('stays red when an amber risk follows a red one', () => {
    const critical = aRisk({ title: 'Payments outage', likelihood: 5, impact: 5 });
    const high = aRisk({ title: 'Slow search', likelihood: 4, impact: 3 });
    expect(rollUpRisks([critical, high], today).rag).toBe('red');
    expect(rollUpRisks([high, critical], today).rag).toBe('red');
  });
});

describe('the roll-up says why, risk by risk', () => {
  it('names each critical, overdue high and high open risk, and no medium one however late', () => {
    const rollup = rollUpRisks(
      [
        aRisk({ title: 'Payments outage', likelihood: 5, impact: 4 }),
        aRisk({ title: 'Card vault migration', likelihood: 4, impact: 3, dueDate: '2026-11-20' }),
        aRisk({ title: 'Slow search', likelihood: 3, impact: 4, dueDate: '2026-11-30' }),
        aRisk({ title: 'Old browser support', likelihood: 3, impact: 3, dueDate: '2026-11-01' }),
      ],
      today,
    );
    expect(rollup).toEqual({
      rag: 'red',
      openByLevel: { low: 0, medium: 1, high: 2, critical: 1 },
      heatMap: [
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 1, 1, 0],
        [0, 0, 1, 0, 0],
        [0, 0, 0, 1, 0],
      ],
      reasons: ['Critical risk open: Payments outage', 'High risk past its due date (2026-11-20): Card vault migration', 'High risk open: Slow search'],
    });
  });

  it('says which scores are off the scale', () => {
    expect(() => riskScore(0, 3)).toThrow('Likelihood and impact run from 1 to 5; got 0 and 3.');
  });
});
