/**
 * The readiness checks someone could sign off and nobody has, on the issues of unreleased
 * versions, read from the stored release roll-ups (which keep each issue's signed checks). Pure.
 */
import type { WaitingSignOffIssue, WaitingSignOffs } from '../../contract-go-no-go';
import { type ReadinessPolicy, type Signer, appliesTo, isManual, maySign } from './policy';

/** Issues listed per version; the rest are counted (the Readiness page lists them all). */
export const SIGN_OFF_ISSUES_LISTED = 5;

export interface ReleaseIssuesToSign {
  versionId: string;
  versionName: string;
  releaseDate?: string;
  /** The roll-up's issues: key, summary, type and the ids of the checks signed now (`s`). */
  issues: ReadonlyArray<{ key: string; summary: string; issueType: string; s: readonly string[] }>;
}

/** Jira keys in their natural order: SHOP-9 before SHOP-10. */
const byKey = (a: { issueKey: string }, b: { issueKey: string }) => a.issueKey.localeCompare(b.issueKey, 'en', { numeric: true });

/** Per version (in the order given) the issues with checks left for this signer: their count and the first few by key. */
export function signOffsWaitingFor(signer: Signer, policy: ReadinessPolicy, releases: readonly ReleaseIssuesToSign[]): WaitingSignOffs[] {
  const theirs = policy.criteria.filter(isManual).filter((c) => maySign(c, signer));
  if (theirs.length === 0) return [];
  return releases.flatMap((release) => {
    const issues: WaitingSignOffIssue[] = release.issues
      .map((issue) => ({
        issueKey: issue.key,
        summary: issue.summary,
        checks: theirs.filter((c) => appliesTo(c, issue.issueType) && !issue.s.includes(c.id)).map((c) => ({ criterionId: c.id, label: c.label })),
      }))
      .filter((item) => item.checks.length > 0)
      .sort(byKey);
    if (issues.length === 0) return [];
    return [
      {
        versionId: release.versionId,
        versionName: release.versionName,
        ...(release.releaseDate ? { releaseDate: release.releaseDate } : {}),
        issueCount: issues.length,
        issues: issues.slice(0, SIGN_OFF_ISSUES_LISTED),
      },
    ];
  });
}
