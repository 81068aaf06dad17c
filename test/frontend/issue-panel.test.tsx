import { bridge, waitFor } from '../support/fake-bridge';
import ForgeReconciler from '@forge/react';
import { IssuePanel } from '../../src/frontend/issue-panel-view';
import type { IssueReadinessView, ResolverResult, SignOffResult } from '../../src/contract';
import { findAll, textOf, textsOf, type ForgeDoc } from '../../local/host/src/forge-doc';

const context = {
  moduleKey: 'release-readiness-panel',
  extension: { type: 'jira:issuePanel', issue: { id: '10012', key: 'SHOP-12', type: 'Story' }, project: { id: '10000', key: 'SHOP', type: 'software' } },
  accountId: 'user-priya',
  locale: 'en-US',
  timezone: 'UTC',
};

const release = { id: '10005', name: 'SHOP 2.4', releaseDate: '2026-12-03', released: false, daysLeft: 9 };

const view: IssueReadinessView = {
  issue: { id: '10012', key: 'SHOP-12', summary: 'Checkout with saved cards', issueType: 'Story', statusName: 'In Review', statusCategory: 'indeterminate' },
  releases: [release],
  target: release,
  rag: 'red',
  ragReason: '2 blocking criteria fail: No open blockers, QA passed.',
  ready: false,
  readyForReleaseDate: false,
  results: [
    { id: 'fix-version-set', kind: 'fix-version-set', label: 'Fix version set', severity: 'blocking', status: 'pass', reason: 'Fix version: SHOP 2.4.' },
    { id: 'subtasks-done', kind: 'subtasks-done', label: 'All sub-tasks done', severity: 'blocking', status: 'na', reason: 'No sub-tasks.' },
    { id: 'not-flagged', kind: 'not-flagged', label: 'Not flagged', severity: 'advisory', status: 'fail', reason: 'Flagged as an impediment.' },
    {
      id: 'no-open-blockers',
      kind: 'no-open-blockers',
      label: 'No open blockers',
      severity: 'blocking',
      status: 'fail',
      reason: 'Blocked by 1 open issue: PAY-3.',
      issues: [{ key: 'PAY-3', summary: 'Gateway upgrade', statusName: 'To Do' }],
    },
    { id: 'qa-passed', kind: 'manual', label: 'QA passed', severity: 'blocking', status: 'fail', reason: 'Waiting for sign-off (qa-team).' },
    { id: 'code-reviewed', kind: 'manual', label: 'Code reviewed', severity: 'blocking', status: 'pass', reason: 'Signed off by Dana Kowalski.' },
  ],
  checks: [
    { criterionId: 'qa-passed', label: 'QA passed', description: 'Tested on staging.', signers: 'qa-team', canSign: true },
    {
      criterionId: 'code-reviewed',
      label: 'Code reviewed',
      signers: 'developers',
      canSign: false,
      current: { seq: 1, criterionId: 'code-reviewed', action: 'signed', accountId: 'dev', displayName: 'Dana Kowalski', at: '2026-11-23T15:30:00.000Z', evidenceUrl: 'https://git.example.com/pr/7', comment: 'Two approvals' },
    },
  ],
  history: [{ seq: 1, criterionId: 'code-reviewed', action: 'signed', accountId: 'dev', displayName: 'Dana Kowalski', at: '2026-11-23T15:30:00.000Z', evidenceUrl: 'https://git.example.com/pr/7', comment: 'Two approvals' }],
  policySource: 'default',
  generatedAt: '2026-11-24T10:00:00.000Z',
};

type Answer = ResolverResult<unknown> | Error;

function answering(first: Answer, onSign?: (payload: unknown) => Answer) {
  return (name: string, payload: unknown) => {
    if (name === 'getContext') return context;
    if (name === 'invoke') {
      const call = payload as { functionKey: string; payload: unknown };
      const answer = call.functionKey === 'signOffCheck' && onSign ? onSign(call.payload) : first;
      if (answer instanceof Error) throw answer;
      return answer;
    }
    return undefined;
  };
}

async function renderPanel(first: Answer, onSign?: (payload: unknown) => Answer): Promise<ForgeDoc> {
  bridge.reset(answering(first, onSign));
  ForgeReconciler.render(<IssuePanel />);
  await waitFor(() => !!bridge.forgeDoc && findAll(bridge.forgeDoc, 'Spinner').length === 0);
  return bridge.forgeDoc!;
}

const invokes = () => bridge.calls.filter((c) => c.name === 'invoke').map((c) => c.payload as { functionKey: string; payload: unknown });
const byTestId = (doc: ForgeDoc, testId: string) => findAll(doc, (n) => n.props.testId === testId);
const click = (node: ForgeDoc) => (node.props.onClick as () => void)();
const type = (node: ForgeDoc, value: string) => (node.props.onChange as (e: unknown) => void)({ target: { value }, currentTarget: { value } });

describe('the readiness issue panel (real ForgeReconciler, fake bridge)', () => {
  it('shows a spinner first, then calls getIssueReadiness exactly once', async () => {
    bridge.reset(answering({ ok: true, data: view }));
    ForgeReconciler.render(<IssuePanel />);
    await waitFor(() => !!bridge.forgeDoc);
    expect(findAll(bridge.forgeDoc!, 'Spinner')).toHaveLength(1);
    await waitFor(() => findAll(bridge.forgeDoc!, 'Spinner').length === 0);
    await new Promise((r) => setTimeout(r, 30));
    expect(invokes().map((c) => [c.functionKey, c.payload])).toEqual([['getIssueReadiness', {}]]);
  });

  it('leads with the RAG, whether it is ready for the release date, and the release with days left', async () => {
    const doc = await renderPanel({ ok: true, data: view });
    const rag = byTestId(doc, 'readiness-rag')[0]!;
    expect({ text: textOf(rag), appearance: rag.props.appearance, bold: rag.props.isBold }).toEqual({ text: 'Not ready', appearance: 'removed', bold: true });
    expect(textsOf(doc)).toEqual(expect.arrayContaining(['Ready for 3 Dec 2026? No.', view.ragReason, 'SHOP 2.4', '3 Dec 2026 · 9 days left']));
  });

  it('lists failing criteria first with their reasons, links the blocking issues, and folds away what does not apply', async () => {
    const doc = await renderPanel({ ok: true, data: view });
    expect(textsOf(doc)).toContain('Criteria · 2 of 5 met');
    const order = findAll(doc, (n) => typeof n.props.testId === 'string' && (n.props.testId as string).startsWith('criterion-')).map((n) => n.props.testId);
    expect(order).toEqual(['criterion-no-open-blockers', 'criterion-qa-passed', 'criterion-not-flagged', 'criterion-fix-version-set', 'criterion-code-reviewed']);
    expect(findAll(doc, 'Link').filter((l) => String(l.props.href).startsWith('/browse/')).map((l) => [l.props.href, textOf(l)])).toEqual([['/browse/PAY-3', 'PAY-3']]);
    expect(textsOf(doc)).toContain('Not applicable: All sub-tasks done (no sub-tasks).');
    const advisory = byTestId(doc, 'criterion-not-flagged')[0]!;
    expect(findAll(advisory, 'Lozenge').map((l) => [textOf(l), l.props.appearance])).toEqual([['Not met', 'moved']]);
  });

  it('offers sign-off only where the user may sign, and says who may otherwise', async () => {
    const doc = await renderPanel({ ok: true, data: view });
    expect(byTestId(doc, 'sign-qa-passed')).toHaveLength(1);
    expect(byTestId(doc, 'revoke-code-reviewed')).toHaveLength(0);
    const signed = byTestId(doc, 'criterion-code-reviewed')[0]!;
    expect(textsOf(signed)).toEqual(expect.arrayContaining(['23 Nov 2026, 15:30', 'Evidence: git.example.com/pr/7', '“Two approvals”']));
    expect(findAll(signed, 'Link')[0]!.props).toMatchObject({ href: 'https://git.example.com/pr/7', openNewTab: true });
    const history = byTestId(doc, 'sign-off-history')[0]!;
    expect(textsOf(history)).toEqual(expect.arrayContaining(['Signed', 'Dana Kowalski signed off Code reviewed']));
  });

  it('shows sign-off times in the project’s zone, named for a reader in another zone', async () => {
    const doc = await renderPanel({ ok: true, data: { ...view, timeZone: 'Pacific/Auckland' } });
    // 15:30 UTC on 23 Nov is 04:30 on the 24th in Auckland; the reader's Jira profile says UTC.
    expect(textsOf(byTestId(doc, 'criterion-code-reviewed')[0]!)).toContain('24 Nov 2026, 04:30 GMT+13');
  });

  it('signs a check off with evidence and a comment, then shows the answer', async () => {
    const signedView: IssueReadinessView = {
      ...view,
      results: view.results.map((r) => (r.id === 'qa-passed' ? { ...r, status: 'pass', reason: 'Signed off by Priya Shah.' } : r)),
      checks: view.checks.map((c) => (c.criterionId === 'qa-passed' ? { ...c, current: { seq: 2, criterionId: 'qa-passed', action: 'signed', accountId: 'user-priya', displayName: 'Priya Shah', at: '2026-11-24T10:00:00.000Z' } } : c)),
    };
    const seen: unknown[] = [];
    let doc = await renderPanel({ ok: true, data: view }, (payload) => {
      seen.push(payload);
      return { ok: true, data: { outcome: 'recorded', view: signedView } satisfies SignOffResult };
    });
    click(byTestId(doc, 'sign-qa-passed')[0]!);
    await waitFor(() => byTestId(bridge.forgeDoc!, 'sign-off-form-qa-passed').length === 1);
    doc = bridge.forgeDoc!;
    expect(textsOf(doc)).toContain('You confirm: Tested on staging.');
    type(byTestId(doc, 'sign-off-evidence')[0]!, 'https://ci.example.com/run/42');
    await waitFor(() => byTestId(bridge.forgeDoc!, 'sign-off-evidence')[0]!.props.value === 'https://ci.example.com/run/42');
    type(byTestId(bridge.forgeDoc!, 'sign-off-comment')[0]!, '  Passed on staging ');
    await waitFor(() => byTestId(bridge.forgeDoc!, 'sign-off-comment')[0]!.props.value === '  Passed on staging ');
    click(byTestId(bridge.forgeDoc!, 'confirm-sign-off')[0]!);
    await waitFor(() => byTestId(bridge.forgeDoc!, 'sign-off-notice').length === 1);
    expect(seen).toEqual([{ criterionId: 'qa-passed', action: 'sign', evidenceUrl: 'https://ci.example.com/run/42', comment: 'Passed on staging' }]);
    expect(textsOf(bridge.forgeDoc!)).toContain('“QA passed” signed off.');
    expect(byTestId(bridge.forgeDoc!, 'revoke-qa-passed')).toHaveLength(1);
    expect(byTestId(bridge.forgeDoc!, 'sign-off-form-qa-passed')).toHaveLength(0);
  });

  it('keeps the form open with the refusal when the server says no', async () => {
    const doc = await renderPanel({ ok: true, data: view }, () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'Only qa-team may sign off "QA passed".' } }));
    click(byTestId(doc, 'sign-qa-passed')[0]!);
    await waitFor(() => byTestId(bridge.forgeDoc!, 'confirm-sign-off').length === 1);
    click(byTestId(bridge.forgeDoc!, 'confirm-sign-off')[0]!);
    await waitFor(() => byTestId(bridge.forgeDoc!, 'sign-off-error').length === 1);
    expect(textOf(byTestId(bridge.forgeDoc!, 'sign-off-error')[0]!)).toContain('Only qa-team may sign off "QA passed".');
    expect(byTestId(bridge.forgeDoc!, 'sign-off-form-qa-passed')).toHaveLength(1);
    expect(findAll(bridge.forgeDoc!, 'Lozenge').some((l) => textOf(l) === 'Not ready')).toBe(true);
  });

  it('shows an empty state when the issue has no fix version, and still the criteria', async () => {
    const doc = await renderPanel({ ok: true, data: { ...view, releases: [], target: undefined, readyForReleaseDate: null } as IssueReadinessView });
    const empty = findAll(doc, 'EmptyState');
    expect(empty).toHaveLength(1);
    expect(empty[0]!.props.header).toBe('Not planned for a release');
    expect(String(empty[0]!.props.description)).toContain('SHOP-12 has no fix version');
    expect(byTestId(doc, 'readiness-rag')).toHaveLength(0);
    expect(byTestId(doc, 'criterion-qa-passed')).toHaveLength(1);
  });

  it('shows the catalogue message of a resolver error and retries on demand', async () => {
    const doc = await renderPanel({ ok: false, error: { code: 'NOT_FOUND', message: 'SHOP-12 does not exist or you do not have permission to see it (Browse Projects).' } });
    const msg = findAll(doc, 'SectionMessage');
    expect(msg).toHaveLength(1);
    expect(textsOf(msg[0]!)).toContain('SHOP-12 does not exist or you do not have permission to see it (Browse Projects).');
    bridge.handler = answering({ ok: true, data: view });
    click(findAll(doc, 'Button').find((b) => textOf(b) === 'Try again')!);
    await waitFor(() => byTestId(bridge.forgeDoc!, 'readiness-rag').length === 1);
    expect(invokes()).toHaveLength(2);
  });

  it('shows a generic error when the bridge call itself fails', async () => {
    const doc = await renderPanel(new Error('socket hang up'));
    const msg = findAll(doc, 'SectionMessage')[0]!;
    expect(textOf(msg)).toContain('could not be loaded');
    expect(textOf(msg)).not.toContain('socket hang up');
  });
});
