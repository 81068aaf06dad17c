import { releaseRag, renderReleaseStatusPage } from '../../../src/domain/reports/release-status-page';
import { aReleaseSummary } from '../../support/builders';

describe('the RAG of a release in the weekly status', () => {
  it.each([
    ['released', { state: 'released' as const, released: true }, 'Green'],
    ['overdue', { state: 'overdue' as const, daysToRelease: -2 }, 'Red'],
    ['due in 5 days with half the work done', { daysToRelease: 5, percentDone: 50 }, 'Yellow'],
    ['due in 5 days and nearly done', { daysToRelease: 5, percentDone: 85 }, 'Green'],
    ['due in a month', { daysToRelease: 30, percentDone: 10 }, 'Green'],
    ['without dates', { state: 'unscheduled' as const, daysToRelease: null }, 'Grey'],
  ])('%s is %s', (_case, overrides, colour) => {
    expect(releaseRag(aReleaseSummary(overrides)).colour).toBe(colour);
  });

  it('turns At risk close to the date when the readiness roll-up has issues not ready, as the calendar does', () => {
    const nearlyDone = aReleaseSummary({ daysToRelease: 5, percentDone: 85 });
    expect(releaseRag(nearlyDone, { readiness: { ready: 17, atRisk: 0, notReady: 3 } })).toEqual({ colour: 'Yellow', label: 'At risk' });
    expect(releaseRag(nearlyDone, { readiness: { ready: 20, atRisk: 2, notReady: 0 } })).toEqual({ colour: 'Green', label: 'On track' });
    // Far from the date, open work is normal.
    expect(releaseRag(aReleaseSummary({ daysToRelease: 30, percentDone: 10 }), { readiness: { ready: 1, atRisk: 0, notReady: 19 } }).label).toBe('On track');
  });
});

describe('the status page', () => {
  const view = {
    project: { id: '10000', key: 'SHOP', name: 'Web <Shop>' },
    generatedAt: '2026-11-24T10:00:00.000Z',
    releases: [aReleaseSummary(), aReleaseSummary({ id: '10000', name: '1.1.0', released: true, state: 'released', releaseDate: '2026-11-01' })],
    olderReleasedCount: 0,
  };

  it('escapes Jira text and links versions back to Jira', () => {
    const page = renderReleaseStatusPage(view, 'https://acme.atlassian.net');
    expect(page).toContain('Web &lt;Shop&gt;');
    expect(page).toContain('href="https://acme.atlassian.net/projects/SHOP/versions/10001"');
    expect(page).toContain('<ac:parameter ac:name="colour">Green</ac:parameter>');
    expect(page).toContain('2026-12-04 (in 10 days)');
  });

  it('is the same for the same data whenever it is rendered', () => {
    expect(renderReleaseStatusPage({ ...view, generatedAt: '2026-12-01T00:00:00Z' }, '')).toBe(renderReleaseStatusPage(view, ''));
  });
});
