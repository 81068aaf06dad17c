import { AppError } from '../errors';
import type { JiraClient, JiraPermission } from '../integrations/jira/jira-client';

/** Asks Jira, as the user, whether they hold a project permission; refuses otherwise. */
export async function requireProjectPermission(jira: JiraClient, projectKey: string, permission: JiraPermission): Promise<void> {
  const granted = await jira.myPermissions(projectKey, [permission]);
  if (!granted[permission]) {
    throw new AppError(
      'FORBIDDEN',
      permission === 'BROWSE_PROJECTS'
        ? `You need the Browse Projects permission in ${projectKey} to see its releases.`
        : `You need the ${permission.replace(/_/g, ' ').toLowerCase()} permission in ${projectKey} to do this.`,
    );
  }
}
