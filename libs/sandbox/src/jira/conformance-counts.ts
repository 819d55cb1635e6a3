import type { JiraEmulator } from './jira-emulator';

/**
 * How many records each unified list must return from a fresh Jira emulator, counted from its state:
 * tickets are every issue (the list's JQL is `project IS NOT EMPTY`), comments and attachments those of
 * the plan's ticket.
 */
export function jiraListCount(
  emulator: JiraEmulator,
  resource: string,
  query: Record<string, string>,
): number | undefined {
  const s = emulator.state;
  const ofTicket = <T extends { issueId: string }>(items: Iterable<T>) =>
    [...items].filter((i) => i.issueId === query.ticket_id).length;
  const counts: Record<string, () => number> = {
    tickets: () => s.issues.size,
    comments: () => ofTicket(s.comments.values()),
    attachments: () => ofTicket(s.attachments.values()),
    teams: () => s.groups.size,
    workspaces: () => s.projects.size,
    ticket_types: () => s.issueTypes.size,
    ticket_status: () => s.statuses.size,
    ticket_priorities: () => s.priorities.size,
    fields: () => s.fields.size,
    tags: () => s.labels.size,
  };
  return counts[resource]?.();
}
