import type { GithubEmulator } from './github-emulator';

/** How many records each unified list must return from a fresh GitHub emulator, from its state. */
export function githubListCount(
  emulator: GithubEmulator,
  resource: string,
  query: Record<string, string>,
): number | undefined {
  const s = emulator.state;
  const isPull = (n: number) => s.issues.some((i) => i.number === n && i.pull_request);
  const counts: Record<string, () => number> = {
    // Pull requests are not tickets, nor their comments.
    tickets: () => s.issues.filter((i) => !i.pull_request).length,
    comments: () => s.comments.filter((c) => String(c.issue) === query.ticket_id && !isPull(c.issue)).length,
    users: () => s.users.length,
    tags: () => s.labels.length,
    collections: () => s.milestones.length,
    // The owner's public repositories (private ones are reachable with get only).
    workspaces: () => s.repos.filter((r) => !r.private).length,
    organizations: () => s.memberships.length,
    teams: () => s.teams.length,
    tasks: () => s.issues.filter((i) => String(i.parent) === query.ticket_id).length,
    ticket_types: () => s.issueTypes.length,
    fields: () => s.issueFields.length,
    ticket_status: () => 2,
  };
  return counts[resource]?.();
}
