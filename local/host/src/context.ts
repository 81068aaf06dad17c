/**
 * The module context the host hands to an app iframe (what `view.getContext()` returns and what
 * `POST /api/invoke` receives as `extension`): the local imitation of Forge's FullContext.
 * Pure: tested in test/local/host/context.test.ts.
 */

export type ModuleKey = 'releases-page' | 'release-settings' | 'release-readiness-panel';

export const MODULES = {
  projectPage: 'releases-page',
  projectSettings: 'release-settings',
  issuePanel: 'release-readiness-panel',
} as const satisfies Record<string, ModuleKey>;

export type ColorMode = 'light' | 'dark';

export interface ProjectRef {
  id: string;
  key: string;
  type?: string;
}

export interface IssueExtensionRef {
  id: string;
  key: string;
  type: string;
}

export type Extension =
  | { type: 'jira:projectPage'; project: Required<ProjectRef>; location?: string }
  | { type: 'jira:projectSettingsPage'; project: Required<ProjectRef>; location?: string }
  | { type: 'jira:issuePanel'; issue: IssueExtensionRef; project: Required<ProjectRef>; location?: string };

export interface ModuleContext {
  moduleKey: ModuleKey;
  extension: Extension;
  accountId: string;
  accountType: 'licensed';
  localId: string;
  siteUrl: string;
  cloudId: 'local';
  environmentId: 'local';
  environmentType: 'DEVELOPMENT';
  locale: string;
  timezone: string;
  theme: { colorMode: ColorMode; light: 'light'; dark: 'dark'; spacing: 'spacing' };
}

export type ModuleTarget =
  | { moduleKey: 'releases-page'; project: ProjectRef }
  | { moduleKey: 'release-settings'; project: ProjectRef }
  | { moduleKey: 'release-readiness-panel'; project: ProjectRef; issue: IssueExtensionRef };

export interface HostEnv {
  accountId: string;
  siteUrl: string;
  timezone?: string;
  locale?: string;
  colorMode: ColorMode;
  /** The host page URL, handed on as `extension.location` like Jira does. */
  location?: string;
}

function project(p: ProjectRef): Required<ProjectRef> {
  return { id: String(p.id), key: p.key, type: p.type ?? 'software' };
}

export function buildExtension(target: ModuleTarget, location?: string): Extension {
  const loc = location ? { location } : {};
  switch (target.moduleKey) {
    case 'releases-page':
      return { type: 'jira:projectPage', project: project(target.project), ...loc };
    case 'release-settings':
      return { type: 'jira:projectSettingsPage', project: project(target.project), ...loc };
    case 'release-readiness-panel':
      return {
        type: 'jira:issuePanel',
        issue: { id: String(target.issue.id), key: target.issue.key, type: target.issue.type },
        project: project(target.project),
        ...loc,
      };
  }
}

/** Forge's localId is an extension ARI; issue panels get one per issue. */
export function localIdFor(target: ModuleTarget): string {
  const base = `ari:cloud:ecosystem::extension/local-app/local-env/static/${target.moduleKey}`;
  return target.moduleKey === 'release-readiness-panel' ? `${base}-${target.issue.id}` : base;
}

export function buildModuleContext(target: ModuleTarget, env: HostEnv): ModuleContext {
  return {
    moduleKey: target.moduleKey,
    extension: buildExtension(target, env.location),
    accountId: env.accountId,
    accountType: 'licensed',
    localId: localIdFor(target),
    siteUrl: env.siteUrl,
    cloudId: 'local',
    environmentId: 'local',
    environmentType: 'DEVELOPMENT',
    locale: env.locale ?? 'en-US',
    timezone: env.timezone ?? 'UTC',
    theme: { colorMode: env.colorMode, light: 'light', dark: 'dark', spacing: 'spacing' },
  };
}

/** The body of `POST /api/invoke` for a bridge `invoke` call from a frame with this context. */
export function invokeRequest(context: ModuleContext, call: { functionKey: string; payload?: unknown }) {
  return {
    accountId: context.accountId,
    moduleKey: context.moduleKey,
    extension: context.extension,
    functionKey: call.functionKey,
    payload: call.payload ?? {},
  };
}
