import type {
  JiraField,
  JiraGroup,
  JiraIssueType,
  JiraPriority,
  JiraProject,
  JiraResolution,
  JiraStatus,
  JiraUser,
  StoredAttachment,
  StoredComment,
  StoredIssue,
} from './jira-model';

/** Jira's timestamp format: milliseconds and an offset without colon (`2026-01-05T09:00:00.000+0000`). */
export function jiraTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

export function parseJiraTimestamp(value: string): number {
  return Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

/** The in-memory site: every collection the emulator serves, plus id sequences and a clock. */
export class JiraState {
  readonly users = new Map<string, JiraUser>();
  readonly groups = new Map<string, JiraGroup>();
  readonly projects = new Map<string, JiraProject>();
  readonly issueTypes = new Map<string, JiraIssueType>();
  readonly statuses = new Map<string, JiraStatus>();
  readonly resolutions = new Map<string, JiraResolution>();
  readonly priorities = new Map<string, JiraPriority>();
  readonly fields = new Map<string, JiraField>();
  readonly labels = new Set<string>();
  readonly issues = new Map<string, StoredIssue>();
  readonly comments = new Map<string, StoredComment>();
  readonly attachments = new Map<number, StoredAttachment>();
  /** Last issue number used per project key (keys are never reused, as in Jira). */
  readonly issueCounters = new Map<string, number>();
  private sequence = 20000;

  constructor(private readonly clock: () => Date) {}

  now(): string {
    return jiraTimestamp(this.clock());
  }

  nowMs(): number {
    return this.clock().getTime();
  }

  /** Ids of records created through the API, above every seeded id. */
  nextId(): string {
    this.sequence += 1;
    return String(this.sequence);
  }

  nextIssueKey(projectKey: string): string {
    const next = (this.issueCounters.get(projectKey) ?? 0) + 1;
    this.issueCounters.set(projectKey, next);
    return `${projectKey}-${next}`;
  }

  findIssue(idOrKey: string): StoredIssue | undefined {
    const byId = this.issues.get(idOrKey);
    if (byId) return byId;
    const key = idOrKey.toUpperCase();
    return [...this.issues.values()].find((issue) => issue.key === key);
  }

  findProject(idOrKey: string): JiraProject | undefined {
    const byId = this.projects.get(idOrKey);
    if (byId && !byId.deleted) return byId;
    const key = idOrKey.toUpperCase();
    return [...this.projects.values()].find((p) => p.key === key && !p.deleted);
  }

  findStatus(idOrName: string): JiraStatus | undefined {
    return (
      this.statuses.get(idOrName) ??
      [...this.statuses.values()].find((s) => s.name.toLowerCase() === idOrName.toLowerCase())
    );
  }

  commentsOf(issueId: string): StoredComment[] {
    return [...this.comments.values()]
      .filter((c) => c.issueId === issueId)
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  attachmentsOf(issueId: string): StoredAttachment[] {
    return [...this.attachments.values()].filter((a) => a.issueId === issueId).sort((a, b) => a.id - b.id);
  }

  childrenOf(issueId: string): StoredIssue[] {
    return [...this.issues.values()].filter((i) => i.parentId === issueId);
  }
}
