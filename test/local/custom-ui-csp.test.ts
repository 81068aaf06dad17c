import { join } from 'node:path';
import { CSP_REPORT_PATH, customUiCspDirectives, manifestPermissions } from '../../local/custom-ui-csp';

const SITE = 'http://127.0.0.1:4000';
const directive = (directives: string[], name: string) => directives.find((d) => d.startsWith(`${name} `)) ?? '';

describe('the Content-Security-Policy the local host serves the Custom UI under (Forge’s, from @forge/csp)', () => {
  const permissions = manifestPermissions(join(__dirname, '../..'));
  const page = '<!doctype html><html><head><script type="module" src="./assets/index.js"></script></head><body></body></html>';

  it('allows scripts only from the app itself and Forge’s CDN: no inline code, no eval', () => {
    const scriptSrc = directive(customUiCspDirectives(page, permissions, SITE), 'script-src');
    expect(scriptSrc).toMatch(/^script-src 'self' https:\/\/forge\.cdn\.prod\.atlassian-dev\.net /);
    expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('gives inline styles only because manifest.yml asks for them (permissions.content.styles)', () => {
    expect(directive(customUiCspDirectives(page, permissions, SITE), 'style-src')).toContain("'unsafe-inline'");
    expect(directive(customUiCspDirectives(page, {}, SITE), 'style-src')).not.toContain("'unsafe-inline'");
  });

  it('allows an inline script of index.html by its hash, as Forge does, and no other', () => {
    const withInline = page.replace('</head>', '<script>window.answer = 42;</script></head>');
    expect(directive(customUiCspDirectives(withInline, permissions, SITE), 'script-src')).toMatch(/'sha256-[A-Za-z0-9+/=]{44}'/);
  });

  it('lets the page load images from its Jira site, sandboxes it, and reports violations to the local host', () => {
    const directives = customUiCspDirectives(page, permissions, SITE);
    expect(directive(directives, 'img-src')).toContain(SITE);
    expect(directive(directives, 'sandbox')).toContain('allow-scripts');
    expect(directive(directives, 'report-uri')).toBe(`report-uri ${CSP_REPORT_PATH}`);
  });
});
