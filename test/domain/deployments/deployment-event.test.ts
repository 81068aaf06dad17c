import { deploymentEventSchema } from '../../../src/domain/deployments/deployment-event';

// What a CI/CD pipeline may post for a deployment (docs/deployments.md): the schema is the contract,
// strict so that a typo in a field name is refused rather than silently dropped.
const minimal = { deploymentId: 'shop-web-1842', environment: 'production', status: 'successful', deployedAt: '2026-11-20T14:05:00Z' };
const complete = {
  ...minimal,
  updatedAt: '2026-11-20T15:05:00+01:00',
  projectKey: 'SHOP',
  version: 'SHOP 2.4.0',
  issueKeys: ['SHOP-12', 'PAY_2-123456789'],
  pipeline: { name: 'deploy-prod', url: 'https://ci.example.com/pipelines/1842' },
  commit: '9fceb02',
  commits: [{ sha: '9fceb02d0ae598e95dc970b74767f19372d61af8', committedAt: '2026-11-19T09:12:00Z' }],
  firstCommitAt: '2026-11-19T09:12:00Z',
  isRollback: false,
  isHotfix: true,
};
const messageOf = (event: unknown) => deploymentEventSchema.safeParse(event).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('the deployment event a pipeline posts', () => {
  it.each<[string, Record<string, unknown>]>([
    ['only the required fields', minimal],
    ['every field', complete],
    ['a deployment id of 120 characters', { ...minimal, deploymentId: 'a'.repeat(120) }],
    ['letters, digits, dot, dash and underscore in the id', { ...minimal, deploymentId: 'Shop_web-2.4.0' }],
    ['a project key of one letter, or of 20 characters', { ...minimal, projectKey: 'A', issueKeys: ['ABCDEFGHIJ0123456789-1'] }],
    ['a time with an offset', { ...minimal, deployedAt: '2026-11-20T15:05:00+01:00' }],
    ['an environment of 80 characters', { ...minimal, environment: 'e'.repeat(80) }],
    ['500 issue keys and 500 commits', { ...minimal, issueKeys: Array.from({ length: 500 }, (_, i) => `SHOP-${i + 1}`), commits: Array.from({ length: 500 }, () => complete.commits[0]) }],
    ['a pipeline with only a name', { ...minimal, pipeline: { name: 'deploy' } }],
    ['a short commit hash in upper case', { ...minimal, commits: [{ sha: 'ABCD', committedAt: '2026-11-19T09:12:00Z' }] }],
    ['each of the statuses: rolled back', { ...minimal, status: 'rolled_back' }],
  ])('is accepted with %s', (_case, event) => {
    expect(messageOf(event)).toBeUndefined();
  });

  it('keeps the environment and the version as given, without surrounding spaces', () => {
    expect(deploymentEventSchema.parse({ ...minimal, environment: ' production ', version: ' SHOP 2.4.0 ' })).toMatchObject({ environment: 'production', version: 'SHOP 2.4.0' });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['without a deployment id', { ...minimal, deploymentId: undefined }, 'deploymentId: Invalid input: expected string, received undefined'],
    ['a deployment id with a space', { ...minimal, deploymentId: 'shop web' }, 'deploymentId: use 1-120 letters, digits, dot, dash or underscore'],
    ['a deployment id of 121 characters', { ...minimal, deploymentId: 'a'.repeat(121) }, 'deploymentId: use 1-120 letters, digits, dot, dash or underscore'],
    ['an empty deployment id', { ...minimal, deploymentId: '' }, 'deploymentId: use 1-120 letters, digits, dot, dash or underscore'],
    ['a blank environment', { ...minimal, environment: '   ' }, 'environment: Too small: expected string to have >=1 characters'],
    ['an environment of 81 characters', { ...minimal, environment: 'e'.repeat(81) }, 'environment: Too big: expected string to have <=80 characters'],
    ['a status Jira does not know', { ...minimal, status: 'done' }, 'status: Invalid option: expected one of "pending"|"in_progress"|"successful"|"failed"|"rolled_back"|"cancelled"'],
    ['a date without a time', { ...minimal, deployedAt: '2026-11-20' }, 'deployedAt: Invalid ISO datetime'],
    ['an update time that is not a time', { ...minimal, updatedAt: 'yesterday' }, 'updatedAt: Invalid ISO datetime'],
    ['a project key in lower case', { ...minimal, projectKey: 'shop' }, 'projectKey: a Jira project key such as SHOP'],
    ['a project key of 21 characters', { ...minimal, projectKey: 'A'.repeat(21) }, 'projectKey: a Jira project key such as SHOP'],
    ['a project key after other text', { ...minimal, projectKey: 'my SHOP' }, 'projectKey: a Jira project key such as SHOP'],
    ['a project key before other text', { ...minimal, projectKey: 'SHOP project' }, 'projectKey: a Jira project key such as SHOP'],
    ['a blank version', { ...minimal, version: ' ' }, 'version: Too small: expected string to have >=1 characters'],
    ['a version of 256 characters', { ...minimal, version: 'v'.repeat(256) }, 'version: Too big: expected string to have <=255 characters'],
    ['an issue key without its number', { ...minimal, issueKeys: ['SHOP-'] }, 'issueKeys.0: Jira issue keys such as SHOP-12'],
    ['an issue key after other text', { ...minimal, issueKeys: ['fixes SHOP-12'] }, 'issueKeys.0: Jira issue keys such as SHOP-12'],
    ['an issue key before other text', { ...minimal, issueKeys: ['SHOP-12 fixed'] }, 'issueKeys.0: Jira issue keys such as SHOP-12'],
    ['an issue number of ten digits', { ...minimal, issueKeys: ['SHOP-1234567890'] }, 'issueKeys.0: Jira issue keys such as SHOP-12'],
    ['501 issue keys', { ...minimal, issueKeys: Array.from({ length: 501 }, (_, i) => `SHOP-${i + 1}`) }, 'issueKeys: Too big: expected array to have <=500 items'],
    ['a pipeline name of 201 characters', { ...minimal, pipeline: { name: 'p'.repeat(201) } }, 'pipeline.name: Too big: expected string to have <=200 characters'],
    ['a pipeline link that is not a URL', { ...minimal, pipeline: { name: 'deploy', url: 'pipelines/1842' } }, 'pipeline.url: Invalid URL'],
    ['a pipeline link of 2001 characters', { ...minimal, pipeline: { name: 'deploy', url: `https://ci.example.com/${'x'.repeat(1978)}` } }, 'pipeline.url: Too big: expected string to have <=2000 characters'],
    ['an unknown pipeline field', { ...minimal, pipeline: { name: 'deploy', id: 7 } }, 'pipeline: Unrecognized key: "id"'],
    ['a commit of 81 characters', { ...minimal, commit: 'c'.repeat(81) }, 'commit: Too big: expected string to have <=80 characters'],
    ['a commit hash of three characters', { ...minimal, commits: [{ sha: 'abc', committedAt: '2026-11-19T09:12:00Z' }] }, 'commits.0.sha: a commit hash'],
    ['a commit hash of 65 characters', { ...minimal, commits: [{ sha: 'a'.repeat(65), committedAt: '2026-11-19T09:12:00Z' }] }, 'commits.0.sha: a commit hash'],
    ['a commit hash that is not hexadecimal', { ...minimal, commits: [{ sha: 'main', committedAt: '2026-11-19T09:12:00Z' }] }, 'commits.0.sha: a commit hash'],
    ['a commit hash inside a longer text', { ...minimal, commits: [{ sha: 'sha 9fceb02', committedAt: '2026-11-19T09:12:00Z' }] }, 'commits.0.sha: a commit hash'],
    ['a commit time that is not a time', { ...minimal, commits: [{ sha: '9fceb02', committedAt: 'monday' }] }, 'commits.0.committedAt: Invalid ISO datetime'],
    ['an unknown commit field', { ...minimal, commits: [{ sha: '9fceb02', committedAt: '2026-11-19T09:12:00Z', author: 'dana' }] }, 'commits.0: Unrecognized key: "author"'],
    ['501 commits', { ...minimal, commits: Array.from({ length: 501 }, () => complete.commits[0]) }, 'commits: Too big: expected array to have <=500 items'],
    ['a first commit time that is not a time', { ...minimal, firstCommitAt: '2026-11-19' }, 'firstCommitAt: Invalid ISO datetime'],
    ['a rollback flag as text', { ...minimal, isRollback: 'yes' }, 'isRollback: Invalid input: expected boolean, received string'],
    ['a hotfix flag as text', { ...minimal, isHotfix: 'true' }, 'isHotfix: Invalid input: expected boolean, received string'],
    ['a misspelt field', { ...minimal, enviroment: 'production' }, ': Unrecognized key: "enviroment"'],
  ])('is refused with %s, saying why', (_case, event, message) => {
    expect(messageOf(event)).toEqual([message]);
  });
});
