import type { AuditEntry } from '../../../src/contract-go-no-go';
import { type CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { csvCell } from '../../../src/domain/csv';
import { AUDIT_CSV_COLUMNS, auditCsv } from '../../../src/domain/go-no-go/audit-csv';
import { pirDueDate, pirStatus } from '../../../src/domain/go-no-go/pir';

const day = (d: string) => d as CalendarDate;

describe('post-implementation review deadlines', () => {
  it.each([
    ['an emergency release decided on Monday, due in 2 days', '2026-11-23', 2, '2026-11-25'],
    ['a hotfix, due in 5 days', '2026-11-28', 5, '2026-12-03'],
    ['a minor release without a deadline', '2026-11-23', null, undefined],
  ])('%s', (_case, decided, days, due) => {
    expect(pirDueDate(day(decided), days)).toBe(due);
  });

  it.each([
    ['completed after the deadline', { completed: true, dueDate: day('2026-11-20') }, { status: 'completed' }],
    ['not written, deadline passed', { completed: false, dueDate: day('2026-11-20') }, { status: 'overdue', days: 4 }],
    ['not written, due today', { completed: false, dueDate: day('2026-11-24') }, { status: 'due', days: 0 }],
    ['not written, no deadline', { completed: false }, { status: 'open' }],
  ])('%s', (_case, input, expected) => {
    expect(pirStatus(input, day('2026-11-24'))).toEqual(expected);
  });
});

describe('the audit log as CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['with "quotes"', '"with ""quotes"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    [undefined, ''],
    [null, ''],
    [{ released: true }, '"{""released"":true}"'],
  ])('writes %p as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('has a header and one CRLF row per entry, oldest first as given', () => {
    const entry = (id: string, summary: string): AuditEntry => ({
      id,
      at: '2026-11-24T10:00:00.000Z',
      actor: { accountId: 'a1', displayName: 'Ravi Menon' },
      versionId: '10012',
      versionName: 'SHOP 2.4.1',
      action: 'vote.cast',
      summary,
      after: { value: 'GO' },
    });
    const csv = auditCsv([entry('e1', 'Voted GO for QA.'), entry('e2', 'Voted NO-GO for Operations: "not yet", sorry.')]);
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(rows[1]).toBe('2026-11-24T10:00:00.000Z,Ravi Menon,a1,SHOP 2.4.1,vote.cast,Voted GO for QA.,,"{""value"":""GO""}",e1');
    expect(rows[2]).toContain('"Voted NO-GO for Operations: ""not yet"", sorry."');
    expect(rows).toHaveLength(4);
    expect(rows[3]).toBe('');
  });
});
