import { bridge, waitFor } from '../support/fake-bridge';
import ForgeReconciler from '@forge/react';
import { IssuePanel } from '../../src/frontend/issue-panel-view';
import type { IssueReleaseView, ResolverResult } from '../../src/contract';
import { findAll, snapshot, textOf, textsOf, type ForgeDoc } from '../../local/host/src/forge-doc';

const context = {
  moduleKey: 'release-readiness-panel',
  extension: { type: 'jira:issuePanel', issue: { id: '10012', key: 'SHOP-12', type: 'Story' }, project: { id: '10000', key: 'SHOP', type: 'software' } },
  accountId: 'user-alice',
  locale: 'en-US',
};

const view: IssueReleaseView = {
  issue: { key: 'SHOP-12', summary: 'Checkout with saved cards', statusName: 'In Progress', statusCategory: 'indeterminate', issueType: 'Story' },
  releases: [{ id: '10001', name: 'Shop 2.4', releaseDate: '2026-12-01', released: false, state: 'in-progress', daysToRelease: 5 }],
  openBlockers: [
    { key: 'SHOP-7', summary: 'Tokenise cards', statusName: 'In Progress', statusCategory: 'indeterminate', issueType: 'Task', fixVersions: ['Shop 2.4'] },
    { key: 'SHOP-9', summary: 'PCI review', statusName: 'To Do', statusCategory: 'new', issueType: 'Task', fixVersions: [] },
    { key: 'PAY-3', summary: 'Gateway upgrade', statusName: 'To Do', statusCategory: 'new', issueType: 'Task', fixVersions: ['Pay 1.1'] },
  ],
};

function answering(result: ResolverResult<IssueReleaseView> | Error) {
  return (name: string) => {
    if (name === 'getContext') return context;
    if (name === 'invoke') {
      if (result instanceof Error) throw result;
      return result;
    }
    return undefined;
  };
}

async function renderPanel(result: ResolverResult<IssueReleaseView> | Error): Promise<ForgeDoc> {
  bridge.reset(answering(result));
  ForgeReconciler.render(<IssuePanel />);
  await waitFor(() => !!bridge.forgeDoc && findAll(bridge.forgeDoc, 'Spinner').length === 0);
  return bridge.forgeDoc!;
}

const invokes = () => bridge.calls.filter((c) => c.name === 'invoke');
const lozenges = (doc: ForgeDoc) => findAll(doc, 'Lozenge').map((l) => ({ text: textOf(l), appearance: l.props.appearance }));

describe('issue panel (real ForgeReconciler, fake bridge)', () => {
  it('shows a spinner first, then calls getIssueRelease exactly once', async () => {
    bridge.reset(answering({ ok: true, data: view }));
    ForgeReconciler.render(<IssuePanel />);
    await waitFor(() => !!bridge.forgeDoc);
    const first = snapshot(bridge.forgeDoc!);
    expect(first.type).toBe('Root');
    expect(findAll(first, 'Spinner')).toHaveLength(1);
    await waitFor(() => findAll(bridge.forgeDoc!, 'Spinner').length === 0);
    await new Promise((r) => setTimeout(r, 30));
    expect(invokes()).toHaveLength(1);
    expect(invokes()[0]!.payload).toMatchObject({ functionKey: 'getIssueRelease', payload: {} });
  });

  it('shows the fix version with its date, state lozenge and days left', async () => {
    const doc = await renderPanel({ ok: true, data: view });
    const texts = textsOf(doc);
    expect(texts).toEqual(expect.arrayContaining(['Fix version', 'Shop 2.4', '1 Dec 2026', '5 days left']));
    expect(lozenges(doc)).toContainEqual({ text: 'In progress', appearance: 'inprogress' });
  });

  it('words overdue and released versions', async () => {
    const doc = await renderPanel({
      ok: true,
      data: {
        ...view,
        openBlockers: [],
        releases: [
          { id: '1', name: 'Shop 2.3', releaseDate: '2026-11-20', released: false, state: 'overdue', daysToRelease: -3 },
          { id: '2', name: 'Shop 2.2', releaseDate: '2026-10-01', released: true, state: 'released', daysToRelease: -60 },
        ],
      },
    });
    expect(textsOf(doc)).toEqual(expect.arrayContaining(['Fix versions', '3 days late', 'Released 1 Oct 2026', 'No open blockers']));
    expect(textsOf(doc)).not.toContain('60 days late');
    expect(lozenges(doc)).toEqual(
      expect.arrayContaining([
        { text: 'Overdue', appearance: 'removed' },
        { text: 'Released', appearance: 'success' },
      ]),
    );
    const late = findAll(doc, (n) => n.type === 'Text' && textOf(n) === '3 days late')[0]!;
    expect(late.props.color).toBe('color.text.danger');
  });

  it('lists open blockers as /browse links with status and release, highlighting strays', async () => {
    const doc = await renderPanel({ ok: true, data: view });
    const links = findAll(doc, 'Link').map((l) => ({ href: l.props.href, text: textOf(l) }));
    expect(links).toEqual([
      { href: '/browse/SHOP-7', text: 'SHOP-7' },
      { href: '/browse/SHOP-9', text: 'SHOP-9' },
      { href: '/browse/PAY-3', text: 'PAY-3' },
    ]);
    expect(textsOf(doc)).toEqual(expect.arrayContaining(['Open blockers (3)', 'In Shop 2.4', 'Tokenise cards', 'PCI review']));
    const ls = lozenges(doc);
    expect(ls).toContainEqual({ text: 'To Do', appearance: 'default' });
    expect(ls).toContainEqual({ text: 'In no release', appearance: 'removed' });
    expect(ls).toContainEqual({ text: 'In Pay 1.1', appearance: 'moved' });
    // The blocker shipping with this release is not highlighted.
    expect(ls.filter((l) => l.text === 'In Shop 2.4')).toHaveLength(0);
    const bold = findAll(doc, (n) => n.type === 'Lozenge' && n.props.isBold === true).map(textOf);
    expect(bold).toEqual(['In no release', 'In Pay 1.1']);
  });

  it('shows an empty state when the issue has no fix version', async () => {
    const doc = await renderPanel({ ok: true, data: { ...view, releases: [], openBlockers: [] } });
    const empty = findAll(doc, 'EmptyState');
    expect(empty).toHaveLength(1);
    expect(empty[0]!.props.header).toBe('No fix version');
    expect(String(empty[0]!.props.description)).toContain('Set a fix version on SHOP-12');
    expect(findAll(doc, 'Lozenge')).toHaveLength(0);
  });

  it('still lists blockers when there is no fix version', async () => {
    const doc = await renderPanel({ ok: true, data: { ...view, releases: [] } });
    expect(findAll(doc, 'EmptyState')).toHaveLength(1);
    expect(findAll(doc, 'Link')).toHaveLength(3);
    // Without a release of its own, only "in no release" is worth flagging.
    const flagged = findAll(doc, (n) => n.type === 'Lozenge' && n.props.isBold === true).map((l) => ({ text: textOf(l), appearance: l.props.appearance }));
    expect(flagged).toEqual([{ text: 'In no release', appearance: 'removed' }]);
  });

  it('shows the catalogue message of a resolver error and retries on demand', async () => {
    const doc = await renderPanel({ ok: false, error: { code: 'FORBIDDEN', message: 'You do not have permission to browse this project.' } });
    const msg = findAll(doc, 'SectionMessage');
    expect(msg).toHaveLength(1);
    expect(msg[0]!.props.appearance).toBe('error');
    expect(textsOf(msg[0]!)).toContain('You do not have permission to browse this project.');

    const button = findAll(doc, 'Button')[0]!;
    expect(textOf(button)).toBe('Try again');
    expect(typeof button.props.onClick).toBe('function');
    bridge.handler = answering({ ok: true, data: view });
    (button.props.onClick as () => void)();
    await waitFor(() => findAll(bridge.forgeDoc!, 'Link').length === 3);
    expect(invokes()).toHaveLength(2);
    expect(findAll(bridge.forgeDoc!, 'SectionMessage')).toHaveLength(0);
  });

  it('shows a generic error when the bridge call itself fails', async () => {
    const doc = await renderPanel(new Error('socket hang up'));
    const msg = findAll(doc, 'SectionMessage')[0]!;
    expect(textOf(msg)).toContain('could not be loaded');
    expect(textOf(msg)).not.toContain('socket hang up');
  });
});
