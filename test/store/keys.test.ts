import { keys } from '../../src/store/keys';
import { keyProblem } from '../../src/store/kv-limits';

describe('storage keys', () => {
  it.each([
    ['a deployment id from CI', () => keys.deployment('gha-run-4711.2')],
    ['a Go/No-Go audit entry', () => keys.goNoGoAudit('10000', '10021', '20261124T100000000Z', 'f3b1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d')],
    ['a month of KPI facts', () => keys.kpiFacts('10000', '2026-11', 3)],
    ['a quarter of bookings', () => keys.planBookings('production', '2026q4')],
  ])('are valid Forge keys: %s', (_case, build) => {
    expect(keyProblem(build())).toBeUndefined();
  });

  it.each([
    ['a colon, which would let a part reach into another key', () => keys.deployment('run:1')],
    ['a space', () => keys.planProject('SHOP 2')],
    ['a slash', () => keys.notesPublication('10021/1')],
    ['a non-ASCII letter', () => keys.reportOutcome('SHÖP')],
    ['nothing', () => keys.readinessPolicy('')],
  ])('refuse a part with %s', (_case, build) => {
    expect(build).toThrow(/characters Forge keys do not allow/);
  });

  it('keep one kind of record under its own prefix, so a query lists only that kind', () => {
    expect(keys.deployment('gha-1').startsWith(keys.deploymentPrefix())).toBe(true);
    expect(keys.deploymentAudit('20261124T100000000Z', 'e1').startsWith(keys.deploymentPrefix())).toBe(false);
    expect(keys.goNoGoAudit('10000', '10021', '20261124T100000000Z', 'e1').startsWith(keys.goNoGoAuditPrefix('10000', '10021'))).toBe(true);
    // Version 1002 must not list version 10021's entries.
    expect(keys.goNoGoAudit('10000', '10021', '20261124T100000000Z', 'e1').startsWith(keys.goNoGoAuditPrefix('10000', '1002'))).toBe(false);
  });
});
