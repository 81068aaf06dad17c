import type { PlanEvidence, ReadinessEvidence, SignOffRoleDefinition, SignOffVote, UserSummary } from '../../src/contract-go-no-go';
import type { RiskRecord } from '../../src/domain/go-no-go/board';

export const person = (accountId: string, displayName = accountId): UserSummary => ({ accountId, displayName });

export function aReadiness(overrides: Partial<ReadinessEvidence> = {}): ReadinessEvidence {
  return {
    source: 'jira',
    sourceLabel: 'Jira (done issues count as ready)',
    computedAt: '2026-11-24T10:00:00.000Z',
    total: 12,
    ready: 12,
    notReady: 0,
    failuresByCriterion: [],
    openBlockerBugs: 0,
    blockedByOpen: 0,
    blockingIssues: [],
    blockingCount: 0,
    partial: false,
    ...overrides,
  };
}

export const noPlan: PlanEvidence = { available: false, reason: 'no environment plan.' };

export function aRole(id: string, approvers: string[], name = id.toUpperCase()): SignOffRoleDefinition {
  return { id, name, approverAccountIds: approvers };
}

let voteSeq = 0;
export function aVote(roleId: string, voter: string, value: SignOffVote['value'], at = '2026-11-24T09:00:00.000Z', overrides: Partial<SignOffVote> = {}): SignOffVote {
  voteSeq++;
  return { id: `vote-${String(voteSeq).padStart(4, '0')}`, roleId, voter: person(voter), value, comment: value === 'GO' ? '' : 'because', at, round: 1, ...overrides };
}

export function aRisk(overrides: Partial<RiskRecord> = {}): RiskRecord {
  return {
    id: 'risk-000001',
    title: 'Payment provider cut-over',
    description: '',
    likelihood: 2,
    impact: 2,
    mitigation: '',
    status: 'open',
    createdAt: '2026-11-20T10:00:00.000Z',
    createdBy: person('rm'),
    updatedAt: '2026-11-20T10:00:00.000Z',
    updatedBy: person('rm'),
    ...overrides,
  };
}
