import type { BoardRisk } from '../../src/contract';
import { riskLevel } from '../../src/domain/go-no-go/risks';
import { describeValue, heatMapRows, levelOfScore, newClientId } from '../../static/releases/src/go-no-go/board-model';

const risk = (likelihood: number, impact: number, status: BoardRisk['status'] = 'open', title = `L${likelihood}I${impact}`): BoardRisk => ({
  id: title,
  title,
  description: '',
  likelihood,
  impact,
  score: likelihood * impact,
  level: riskLevel(likelihood * impact),
  mitigation: '',
  status,
  createdAt: '',
  createdBy: { accountId: 'a', displayName: 'A' },
  updatedAt: '',
  updatedBy: { accountId: 'a', displayName: 'A' },
});

describe('the Go/No-Go page model', () => {
  it.each(Array.from({ length: 25 }, (_, i) => [Math.floor(i / 5) + 1, (i % 5) + 1]))('bands likelihood %i x impact %i as the server does', (l, i) => {
    expect(levelOfScore(l * i)).toBe(riskLevel(l * i));
  });

  it('lays the heat map out with likelihood 5 on top and impact 1 on the left, labelling every cell', () => {
    const heatMap = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    heatMap[4]![0] = 2;
    const rows = heatMapRows(heatMap, [risk(5, 1), risk(5, 1, 'mitigating', 'Second'), risk(5, 1, 'closed', 'Closed one')]);
    expect(rows.map((r) => r[0]?.likelihood)).toEqual([5, 4, 3, 2, 1]);
    expect(rows[0]?.map((c) => c.impact)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]?.[0]).toMatchObject({ count: 2, score: 5, level: 'medium' });
    expect(rows[0]?.[0]?.label).toBe('Likelihood 5, impact 1, score 5 (medium): 2 open risks: L5I1, Second');
    expect(rows[4]?.[4]?.label).toBe('Likelihood 1, impact 5, score 5 (medium): no open risks');
  });

  it('makes ids the server accepts for idempotent requests, different every time', () => {
    const a = newClientId('vote');
    expect(a).toMatch(/^[A-Za-z0-9_-]{6,64}$/);
    expect(newClientId('vote')).not.toBe(a);
  });

  it.each([
    [{ value: 'NO_GO', comment: 'Runbook missing', voter: { accountId: 'x', displayName: 'Dana Kowalski' }, id: 'v1', at: 't', round: 1 }, 'value: NO_GO; comment: Runbook missing; voter: Dana Kowalski'],
    [{ releaseType: null }, 'releaseType: –'],
    [{ released: true, releaseDate: '2026-11-24' }, 'released: true; releaseDate: 2026-11-24'],
    [undefined, ''],
  ])('describes %p for the audit table', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});
