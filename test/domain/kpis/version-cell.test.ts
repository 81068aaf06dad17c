import { readVersionCell, versionCell } from '../../../src/domain/kpis/version-cell';

describe('a release in a KPI drill-down cell', () => {
  it.each([
    ['a plain name', { id: '10001', name: 'SHOP 2.1' }],
    ['a CalVer name', { id: '10002', name: '2026.12.1' }],
    ['a name with a bar', { id: '10003', name: 'Web | iOS 4.0' }],
    ['a name of bars', { id: '10004', name: '||' }],
  ])('reads back %s whole', (_, version) => {
    expect(readVersionCell(versionCell(version))).toEqual(version);
  });

  it.each([
    ['without a bar', 'SHOP 2.1'],
    ['with an empty id', '|SHOP 2.1'],
  ])('reads a cell %s as a name alone', (_, cell) => {
    expect(readVersionCell(cell)).toEqual({ id: '', name: 'SHOP 2.1' });
  });
});
