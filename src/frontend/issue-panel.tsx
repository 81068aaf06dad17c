/** UI Kit entry for the `release-readiness-panel` jira:issuePanel module. */
import ForgeReconciler from '@forge/react';
import { IssuePanel } from './issue-panel-view';

ForgeReconciler.render(<IssuePanel />);
