import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoDataset } from '../../local/fake-jira/demo-data';
import { DEMO_NOW } from '../support/demo-site';

/** The README's deployment-event example is meant to be pasted against `npm start` on demo data. */
it('names a project, a version and issues of that version that the demo data has', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const body = /^BODY='(.*)'$/m.exec(readme)?.[1];
  expect(body).toBeDefined();
  const event = JSON.parse(body!.replace(`"'$NOW'"`, '"2026-11-24T10:00:00Z"')) as { projectKey: string; version: string; issueKeys: string[] };
  const dataset = generateDemoDataset(DEMO_NOW);
  const project = dataset.projects.find((p) => p.key === event.projectKey);
  expect(project).toBeDefined();
  const version = dataset.versions.find((v) => v.projectId === project!.id && v.name === event.version);
  expect(version).toBeDefined();
  for (const key of event.issueKeys) expect(dataset.issues.find((i) => i.key === key)?.fixVersionIds).toContain(version!.id);
});
