import type { ErrorBody } from '../../src/contract';
import { fieldErrors, formLevelError, humanDetail } from '../../static/releases/src/field-errors';
import { TEMPLATE_FIELD_LABELS } from '../../static/releases/src/release-notes/TemplateEditor';

const refused = (...details: string[]): ErrorBody => ({ code: 'VALIDATION', message: 'The request has invalid fields.', details });

describe('server validation in people’s words, next to the field at fault', () => {
  it.each([
    ['template.sections.0.title: Too small: expected string to have >=1 characters', 'template.sections.0.title', 'Section 1 title cannot be empty.'],
    ['template.sections.2.title: Too big: expected string to have <=120 characters', 'template.sections.2.title', 'Section 3 title can be at most 120 characters long.'],
    ['template.internalLabel: a Jira label: one word without spaces', 'template.internalLabel', 'Internal label must be a Jira label: one word without spaces.'],
    ['template.sections.1.labels.0: a Jira label: one word without spaces', 'template.sections.1.labels.0', 'Labels of section 2 must be a Jira label: one word without spaces.'],
    ['publishing.parentPageId: a Confluence page id (digits)', 'publishing.parentPageId', 'Parent page must be a Confluence page id (digits).'],
    ['template.audience: Invalid option: expected one of "customer"|"internal"', 'template.audience', undefined],
  ])('%s', (detail, path, expected) => {
    const errors = fieldErrors(refused(detail), TEMPLATE_FIELD_LABELS);
    if (expected === undefined) {
      expect(errors.byPath).toEqual({});
      expect(errors.other).toEqual([detail]);
    } else {
      expect(errors.byPath).toEqual({ [path]: expected });
      expect(Object.values(errors.byPath).join(' ')).not.toMatch(/Too (small|big)|expected/);
    }
  });

  it('leaves other errors alone and says above the form only what no field shows', () => {
    expect(fieldErrors({ code: 'CONFLICT', message: 'Someone saved meanwhile.' }, TEMPLATE_FIELD_LABELS)).toEqual({ byPath: {}, other: [] });
    const error = refused('template.sections.0.title: Too small: expected string to have >=1 characters', 'Publishing: the Confluence space XX does not exist or the app cannot see it.');
    const errors = fieldErrors(error, TEMPLATE_FIELD_LABELS);
    expect(formLevelError(error, errors)).toEqual({
      code: 'VALIDATION',
      message: 'One field needs a change: the form says what, in red next to it.',
      details: ['Publishing: the Confluence space XX does not exist or the app cannot see it.'],
    });
  });
});

describe('details of any refused request, where no form names the field', () => {
  it.each([
    ['policy.criteria.2.title: Too small: expected string to have >=1 characters', 'Title (criteria 3) cannot be empty.'],
    ['risk.likelihood: likelihood runs from 1 to 5', 'Likelihood: likelihood runs from 1 to 5'],
    ['versionId: a Jira version id (digits)', 'Version id must be a Jira version id (digits).'],
    ['100% of issues ready: 1 of 2 issues not ready.', '100% of issues ready: 1 of 2 issues not ready.'],
    ['Publishing: the Confluence space XX does not exist or the app cannot see it.', 'Publishing: the Confluence space XX does not exist or the app cannot see it.'],
  ])('%s', (detail, expected) => {
    expect(humanDetail(detail)).toBe(expected);
  });
});
