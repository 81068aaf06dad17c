/**
 * The Content-Security-Policy Forge serves a Custom UI resource under, built by Forge's own code
 * (`@forge/csp`): the policy a production site gets, from the manifest's `permissions` (content
 * and external) and the resource's index.html (inline script hashes, a legacy CSP meta tag).
 * The local host sends it with the Custom UI so that the browser blocks, locally, what Forge would
 * block on a real site. Only where reports go differs: Forge's collector is replaced by the local
 * host's, so a violation is logged by `npm start` instead of sent to Atlassian.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import type { Permissions } from '@forge/manifest';
import { load } from 'cheerio';
import { parse } from 'yaml';

export const CSP_REPORT_PATH = '/api/csp-report';

// The same cheerio `load`; @forge/csp's types name cheerio's ESM declarations and ours may resolve
// to its CommonJS ones (as under the Forge bundler's ts-loader), which TypeScript sees as unrelated.
const cheerioLoader = load as unknown as ConstructorParameters<typeof CSPProcessingService>[1];

export function manifestPermissions(root: string): Permissions {
  const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as { permissions?: Permissions };
  return manifest.permissions ?? {};
}

/**
 * The directives of the policy, in Forge's order, for `html` served on the Jira site `siteUrl`
 * (Forge passes the site's origin as `hostname`: the page may load its images and call it).
 */
export function customUiCspDirectives(html: string, permissions: Permissions, siteUrl: string): string[] {
  const quiet = { info: () => undefined };
  const existingCSPDetails = new CSPProcessingService(quiet, cheerioLoader).getCspDetails(html, permissions);
  const directives = new CSPInjectionService().getInjectableCSP({ existingCSPDetails, microsEnv: 'prod', hostname: new URL(siteUrl).origin });
  return directives.map((d) => (d.startsWith('report-uri ') ? `report-uri ${CSP_REPORT_PATH}` : d));
}

export function customUiCsp(html: string, permissions: Permissions, siteUrl: string): string {
  return customUiCspDirectives(html, permissions, siteUrl).join('; ');
}
