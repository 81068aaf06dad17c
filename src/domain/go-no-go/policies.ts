import type { CriterionDefinition, ReleaseType, ReleaseTypePolicy, SignOffRoleDefinition } from '../../contract-go-no-go';
import { AUTO_CRITERION_LABELS, type AutoCriterionRule } from '../../contract-go-no-go';

/**
 * Release types and what each needs before a GO: the defaults a project starts from, and the
 * rules a project's own policy must keep. Emergency and hotfix releases get a reduced set and a
 * post-implementation review with a deadline.
 */

const auto = (rule: AutoCriterionRule, blocking: boolean): CriterionDefinition => ({ id: rule, kind: 'auto', rule, title: AUTO_CRITERION_LABELS[rule], blocking });
const manual = (id: string, title: string, blocking: boolean): CriterionDefinition => ({ id, kind: 'manual', title, blocking });
const role = (id: string, name: string): SignOffRoleDefinition => ({ id, name, approverAccountIds: [] });

/** Fresh copies every call: callers may change what they get. */
export function defaultPolicies(): Record<ReleaseType, ReleaseTypePolicy> {
  return {
    major: {
      criteria: [
        auto('issues-ready', true),
        auto('no-open-blocker-bugs', true),
        auto('no-open-blocking-links', true),
        auto('environment-slots-done', false),
        auto('no-calendar-conflicts', false),
        auto('no-open-high-risks', false),
        auto('sign-off-quorum', true),
        manual('m-change-approval', 'Change approved by the change advisory board', true),
        manual('m-rollback-plan', 'Rollback plan tested', true),
        manual('m-release-notes', 'Release notes published', false),
        manual('m-runbook', 'Runbook and monitoring updated', false),
      ],
      roles: [role('qa', 'QA'), role('product', 'Product'), role('operations', 'Operations'), role('security', 'Security'), role('business', 'Business')],
      quorum: { kind: 'all' },
      pirDueDays: null,
    },
    minor: {
      criteria: [
        auto('issues-ready', true),
        auto('no-open-blocker-bugs', true),
        auto('no-open-blocking-links', true),
        auto('environment-slots-done', false),
        auto('no-calendar-conflicts', false),
        auto('no-open-high-risks', false),
        auto('sign-off-quorum', true),
        manual('m-rollback-plan', 'Rollback plan tested', true),
        manual('m-release-notes', 'Release notes published', false),
      ],
      roles: [role('qa', 'QA'), role('product', 'Product'), role('operations', 'Operations')],
      quorum: { kind: 'all' },
      pirDueDays: null,
    },
    patch: {
      criteria: [
        auto('issues-ready', true),
        auto('no-open-blocker-bugs', true),
        auto('no-open-blocking-links', true),
        auto('sign-off-quorum', true),
        manual('m-rollback-plan', 'Rollback plan ready', true),
      ],
      roles: [role('qa', 'QA'), role('operations', 'Operations')],
      quorum: { kind: 'all' },
      pirDueDays: null,
    },
    hotfix: {
      criteria: [
        auto('issues-ready', true),
        auto('sign-off-quorum', true),
        manual('m-fix-verified', 'Fix verified in a production-like environment', true),
        manual('m-rollback-plan', 'Rollback plan ready', true),
      ],
      roles: [role('qa', 'QA'), role('operations', 'Operations')],
      quorum: { kind: 'all' },
      pirDueDays: 5,
    },
    emergency: {
      criteria: [auto('sign-off-quorum', true), manual('m-incident-reference', 'Incident reference recorded', true), manual('m-rollback-plan', 'Rollback plan ready', false)],
      roles: [role('operations', 'Operations'), role('product', 'Product')],
      quorum: { kind: 'at-least', count: 1 },
      pirDueDays: 2,
    },
  };
}

export const POLICY_LIMITS = { criteria: 20, roles: 10, approversPerRole: 10, pirDueDaysMax: 90 } as const;

/** Problems that make a policy unusable, in words for the person editing it; empty when fine. */
export function policyProblems(policy: ReleaseTypePolicy): string[] {
  const problems: string[] = [];
  const criterionIds = new Set<string>();
  for (const criterion of policy.criteria) {
    if (criterionIds.has(criterion.id)) problems.push(`The criterion id "${criterion.id}" appears twice.`);
    criterionIds.add(criterion.id);
    if (criterion.kind === 'auto' && criterion.rule !== criterion.id) problems.push(`The automatic criterion "${criterion.title}" must have its rule as id.`);
    if (criterion.kind === 'manual' && (criterion.rule !== undefined || !criterion.id.startsWith('m-'))) {
      problems.push(`The manual criterion "${criterion.title}" needs an id starting with "m-" and no rule.`);
    }
    if (!criterion.title.trim()) problems.push('Every criterion needs a title.');
  }
  const roleIds = new Set<string>();
  for (const r of policy.roles) {
    if (roleIds.has(r.id)) problems.push(`The role id "${r.id}" appears twice.`);
    roleIds.add(r.id);
    if (!r.name.trim()) problems.push('Every role needs a name.');
    if (new Set(r.approverAccountIds).size !== r.approverAccountIds.length) problems.push(`${r.name} names the same approver twice.`);
  }
  if (policy.quorum.kind === 'at-least' && (policy.quorum.count < 1 || policy.quorum.count > policy.roles.length)) {
    problems.push(`The quorum asks for ${policy.quorum.count} approving roles, but there ${policy.roles.length === 1 ? 'is 1 role' : `are ${policy.roles.length} roles`}.`);
  }
  const usesQuorum = policy.criteria.some((c) => c.rule === 'sign-off-quorum');
  if (policy.roles.length > 0 && !usesQuorum) problems.push('Roles are set up but no criterion asks for their sign-off quorum.');
  return problems;
}

const SEMVER = /(\d+)\.(\d+)(?:\.(\d+))?/;

/**
 * A first guess at a version's release type until someone chooses one: emergency or hotfix when
 * the name or description says so, otherwise from the version number (x.0 major, x.y minor,
 * x.y.z patch).
 */
export function inferReleaseType(version: { name: string; description?: string }): ReleaseType {
  const text = `${version.name} ${version.description ?? ''}`.toLowerCase();
  if (/\bemergency\b/.test(text)) return 'emergency';
  if (/\bhot\s?fix/.test(text)) return 'hotfix';
  const match = SEMVER.exec(version.name);
  if (!match) return 'minor';
  const [, , minor, patch] = match;
  if (patch !== undefined && Number(patch) > 0) return 'patch';
  if (Number(minor) === 0) return 'major';
  return 'minor';
}
