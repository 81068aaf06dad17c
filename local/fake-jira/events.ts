/** Jira product events as Forge delivers them to an app's trigger, built from fake-Jira changes. */
import type { DatasetChangeHistory, DatasetIssue, DatasetIssueLink, DatasetVersion } from './dataset';
import type { Renderer } from './render';
import type { JiraStore, Principal } from './store';

export interface EventChangeItem {
  field: string;
  fieldtype: string;
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface IssueProductEvent {
  eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue';
  issue: { id: string; key: string; fields: Record<string, unknown> };
  atlassianId?: string;
  associatedUsers?: Array<{ accountId: string }>;
  changelog?: { id: string; items: EventChangeItem[] };
}

export interface VersionProductEvent {
  eventType: 'avi:jira:created:version' | 'avi:jira:updated:version' | 'avi:jira:released:version' | 'avi:jira:unreleased:version';
  version: Record<string, unknown> & { id: string; name: string; projectId: number; released: boolean; archived: boolean };
  atlassianId?: string;
  /** When Jira raised the event (ms since the epoch), as Jira's webhook payloads carry it. */
  timestamp?: number;
}

export interface IssueLinkProductEvent {
  eventType: 'avi:jira:created:issuelink';
  id: number;
  sourceIssueId: number;
  destinationIssueId: number;
  issueLinkType: { id: number; name: string; outwardName: string; inwardName: string; isSubTaskLinkType: boolean; isSystemLinkType: boolean };
  systemLink: boolean;
  atlassianId?: string;
}

export type JiraProductEvent = IssueProductEvent | VersionProductEvent | IssueLinkProductEvent;

export type EventListener = (event: JiraProductEvent) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  constructor(
    private readonly store: JiraStore,
    private readonly render: Renderer,
  ) {}

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers synchronously, after the change; a failing listener does not affect the others. */
  private emit(event: JiraProductEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(structuredClone(event));
      } catch {
        // A listener's failure is its own business, as with Forge triggers.
      }
    }
  }

  private actor(principal: Principal): { atlassianId?: string } {
    const id = principal.user?.accountId;
    return id ? { atlassianId: id } : {};
  }

  issue(eventType: IssueProductEvent['eventType'], issue: DatasetIssue, principal: Principal, history?: DatasetChangeHistory | null): void {
    const ref = (accountId: string | null) => (accountId ? { accountId } : null);
    const fields: Record<string, unknown> = {
      summary: issue.summary,
      issuetype: this.render.fieldValue(issue, 'issuetype', principal),
      creator: ref(issue.reporterAccountId),
      created: issue.created,
      project: this.render.fieldValue(issue, 'project', principal),
      reporter: ref(issue.reporterAccountId),
      assignee: ref(issue.assigneeAccountId),
      updated: issue.updated,
      status: this.render.fieldValue(issue, 'status', principal),
    };
    const actor = this.actor(principal);
    this.emit({
      eventType,
      issue: { id: issue.id, key: issue.key, fields },
      ...actor,
      ...(actor.atlassianId ? { associatedUsers: [{ accountId: actor.atlassianId }] } : {}),
      ...(history ? { changelog: { id: history.id, items: history.items.map((i) => ({ ...i })) } } : {}),
    });
  }

  version(eventType: VersionProductEvent['eventType'], version: DatasetVersion, principal: Principal): void {
    this.emit({ eventType, version: this.render.version(version, new Set()) as VersionProductEvent['version'], timestamp: this.store.now(), ...this.actor(principal) });
  }

  issueLink(link: DatasetIssueLink, principal: Principal): void {
    const type = this.store.linkTypesById.get(link.typeId);
    this.emit({
      eventType: 'avi:jira:created:issuelink',
      id: Number(link.id),
      sourceIssueId: Number(link.sourceIssueId),
      destinationIssueId: Number(link.destinationIssueId),
      issueLinkType: {
        id: Number(link.typeId),
        name: type?.name ?? '',
        outwardName: type?.outward ?? '',
        inwardName: type?.inward ?? '',
        isSubTaskLinkType: false,
        isSystemLinkType: false,
      },
      systemLink: false,
      ...this.actor(principal),
    });
  }
}
