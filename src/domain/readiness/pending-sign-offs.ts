/**
 * The readiness checks someone could sign off and nobody has, on the issues of unreleased
 * versions, read from the release summaries (summary.ts). Pure.
 */
import type { WaitingSignOffIssue, WaitingSignOffs } from '../../contract-go-no-go';
import { type ReadinessPolicy, type Signer, isManual, maySign } from './policy';
import type { PendingSet } from './summary';

/** Issues listed per version; the rest are counted (the Readiness page lists them all). */
export const SIGN_OFF_ISSUES_LISTED = 5;

export interface ReleaseIssuesToSign {
  versionId: string;
  versionName: string;
  releaseDate?: string;
  /** The release summary's sets of outstanding manual checks (summary.ts): count and first issues by key. */
  pending: readonly PendingSet[];
}

/** Jira keys in their natural order: SHOP-9 before SHOP-10. */
const byKey = (a: { issueKey: string }, b: { issueKey: string }) => a.issueKey.localeCompare(b.issueKey, 'en', { numeric: true });

/**
 * Per version (in the order given) the issues with checks left for this signer: their count and
 * the first few by key. Each set keeps its first issues by key, so the first few of the sets that
 * hold a check of theirs are the first few of all.
 */
export function signOffsWaitingFor(signer: Signer, policy: ReadinessPolicy, releases: readonly ReleaseIssuesToSign[]): WaitingSignOffs[] {
  const theirs = policy.criteria.filter(isManual).filter((c) => maySign(c, signer));
  if (theirs.length === 0) return [];
  return releases.flatMap((release) => {
    let issueCount = 0;
    const issues: WaitingSignOffIssue[] = [];
    for (const set of release.pending) {
      const checks = theirs.filter((c) => set.checks.includes(c.id)).map((c) => ({ criterionId: c.id, label: c.label }));
      if (checks.length === 0) continue;
      issueCount += set.count;
      issues.push(...set.first.map((i) => ({ issueKey: i.key, summary: i.summary, checks })));
    }
    if (issueCount === 0) return [];
    issues.sort(byKey);
    return [
      {
        versionId: release.versionId,
        versionName: release.versionName,
        ...(release.releaseDate ? { releaseDate: release.releaseDate } : {}),
        issueCount,
        issues: issues.slice(0, SIGN_OFF_ISSUES_LISTED),
      },
    ];
  });
}
