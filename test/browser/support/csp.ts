import type { Page } from 'playwright-core';

/**
 * Collects every Content-Security-Policy violation in a page and its frames: the browser's
 * `securitypolicyviolation` events (reported through a binding, which the policy cannot block) and
 * its "Refused to ..." console messages. The local host serves the Custom UI under Forge's policy,
 * so anything collected here is something Forge would block on a real site.
 */
export async function collectCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeBinding('__reportCspViolation', (_source, text: string) => {
    violations.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation?: (text: string) => void }).__reportCspViolation;
      report?.(`${e.effectiveDirective} refused ${e.blockedURI || 'inline code'} in ${e.documentURI} (${e.sourceFile || 'document'}:${e.lineNumber})`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** Throws, failing the test, when a page broke the policy. */
export function assertNoCspViolations(violations: readonly string[]): void {
  if (violations.length === 0) return;
  throw new Error(`The page broke Forge's Content-Security-Policy (Forge would block this):\n${[...new Set(violations)].join('\n')}`);
}
