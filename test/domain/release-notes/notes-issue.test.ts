import { compareIssueKeys, notesIssueFromJira, notesSourceIssueFromJira, textParagraphs } from '../../../src/domain/release-notes/notes-issue';
import { RELEASE_NOTES_FIELD, UPGRADE_NOTES_FIELD, adf, jiraIssue } from './fixtures';

const text = (t: string) => ({ type: 'text', text: t });
const block = (type: string, ...content: unknown[]) => ({ type, content });
const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });

describe('text of a Jira text field', () => {
  it.each<[string, unknown, string[]]>([
    ['a plain string', 'One line', ['One line']],
    ['a plain string with blank lines', 'First.\n\nSecond\nstill second.', ['First.', 'Second still second.']],
    ['a plain string whose blank line holds spaces', 'First.\n  \nSecond.', ['First.', 'Second.']],
    ['a plain string opening with a blank line', '\n\nFirst.', ['First.']],
    ['an ADF document', adf('First.', 'Second.'), ['First.', 'Second.']],
    ['ADF with marks, a hard break and a mention', { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ask ' }, { type: 'mention', attrs: { id: 'x', text: '@Ravi' } }, { type: 'hardBreak' }, { type: 'text', text: 'now', marks: [{ type: 'strong' }] }] }] }, ['Ask @Ravi now']],
    ['ADF with a bullet list', { type: 'doc', version: 1, content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }] }] }] }, ['a', 'b']],
    [
      'ADF with a heading, a code block, an emoji and a link card',
      doc(block('heading', text('Upgrade')), block('codeBlock', text('npm ci')), block('paragraph', text('Shipped '), { type: 'emoji', attrs: { shortName: ':tada:' } }, text(' see '), { type: 'inlineCard', attrs: { url: 'https://wiki/x' } })),
      ['Upgrade', 'npm ci', 'Shipped :tada: see https://wiki/x'],
    ],
    ['ADF with one word split by marks, read without a space', doc(block('paragraph', text('Re-'), { type: 'text', text: 'index', marks: [{ type: 'em' }] })), ['Re-index']],
    ['ADF with an emoji that has no attributes', doc(block('paragraph', text('Hi '), { type: 'emoji' })), ['Hi']],
    ['ADF with an empty paragraph and a null node', doc(block('paragraph', text('a')), block('paragraph'), null, block('paragraph', text('b'))), ['a', 'b']],
    ['ADF with text, a hard break and a mention outside any paragraph', doc(text('stray'), { type: 'hardBreak' }, { type: 'mention', attrs: { text: '@Ravi' } }), []],
    ['ADF with malformed nodes: a text node without text, an emoji named by a number, a stray text on a card', doc(block('paragraph', { type: 'text', text: 5 }, { type: 'emoji', attrs: { text: 7 } }, { type: 'emoji', text: 'x', attrs: { shortName: ':)' } }, text('ok'))), [':)ok']],
    ['a plain string with Windows line ends', 'First.\r\n\r\nSecond\r\nstill second.', ['First.', 'Second still second.']],
    ['null', null, []],
    ['a number', 42, []],
    ['an empty document', { type: 'doc', version: 1, content: [] }, []],
  ])('%s', (_case, value, paragraphs) => {
    expect(textParagraphs(value)).toEqual(paragraphs);
  });
});

describe('an issue from a Jira search result', () => {
  it('reads type, labels, components, resolution state and the template fields', () => {
    const issue = jiraIssue({ key: 'SHOP-3', summary: '  Gift   cards ', type: 'Story', status: 'In Progress', labels: ['customer'], components: ['Checkout'], releaseNotes: adf('Buy gift cards.'), upgradeNotes: adf('Re-index.', 'Restart.') });
    expect(notesIssueFromJira(issue, { releaseNoteField: RELEASE_NOTES_FIELD, upgradeNotesField: UPGRADE_NOTES_FIELD })).toEqual({
      key: 'SHOP-3',
      summary: 'Gift cards',
      issueType: 'Story',
      subtask: false,
      labels: ['customer'],
      components: ['Checkout'],
      done: false,
      releaseNote: 'Buy gift cards.',
      upgradeNotes: ['Re-index.', 'Restart.'],
    });
  });

  it('reads component names given as objects or as text, and skips what has no name', () => {
    const components = [{ name: 'Checkout' }, 'Payments', null, 7, { id: '10' }, { name: '' }, ''];
    expect(notesIssueFromJira({ key: 'X-1', fields: { components } }, { releaseNoteField: null, upgradeNotesField: null }).components).toEqual(['Checkout', 'Payments']);
  });

  it('keeps only the text fields that hold text, and only labels that are text', () => {
    const issue = { key: 'SHOP-4', fields: { summary: 'Gift cards', labels: ['customer', null, 7], [RELEASE_NOTES_FIELD]: adf(''), [UPGRADE_NOTES_FIELD]: 'Restart.' } };
    expect(notesSourceIssueFromJira(issue, [RELEASE_NOTES_FIELD, UPGRADE_NOTES_FIELD])).toEqual({
      key: 'SHOP-4',
      summary: 'Gift cards',
      issueType: 'Issue',
      subtask: false,
      labels: ['customer'],
      components: [],
      done: false,
      fieldText: { [UPGRADE_NOTES_FIELD]: ['Restart.'] },
    });
  });

  it('tolerates missing fields', () => {
    expect(notesIssueFromJira({ key: 'X-1', fields: {} }, { releaseNoteField: 'customfield_1', upgradeNotesField: null })).toEqual({
      key: 'X-1',
      summary: 'X-1',
      issueType: 'Issue',
      subtask: false,
      labels: [],
      components: [],
      done: false,
      upgradeNotes: [],
    });
  });
});

describe('issue key order', () => {
  it('sorts by project, then number', () => {
    expect(['SHOP-10', 'PAY-2', 'SHOP-9', 'SHOP-100'].sort(compareIssueKeys)).toEqual(['PAY-2', 'SHOP-9', 'SHOP-10', 'SHOP-100']);
    expect(['SHOP-3', 'PAY-20'].sort(compareIssueKeys)).toEqual(['PAY-20', 'SHOP-3']);
  });
});
