import type { PollDefinition, ResourceDefinition } from './definition';

/**
 * The usual ways a resource is polled (docs/polling.md), named so definitions read as data:
 * lists filtered by update time, lists sorted by it, small lists diffed whole, and records listed per
 * ticket.
 */
export const POLL_UPDATED_SINCE: PollDefinition = { changes: 'updated_at', deletions: 'reconcile' };
export const POLL_WHOLE_LIST: PollDefinition = { changes: 'full', deletions: 'reconcile' };
export const POLL_PER_TICKET: PollDefinition = {
  changes: 'full',
  parent: { resource: 'tickets', query: 'ticket_id' },
  deletions: 'reconcile',
};

/**
 * Lists that cannot filter by update time but sort by it, newest first: `sort` is the provider's query
 * parameters for that order (docs/polling.md, `updated_desc`).
 */
export function pollNewestUpdatedFirst(sort: Readonly<Record<string, string>>): PollDefinition {
  return { changes: 'updated_desc', sort, deletions: 'reconcile' };
}

/** The resource with its poll block. */
export function polled(resource: ResourceDefinition, poll: PollDefinition): ResourceDefinition {
  return { ...resource, poll };
}
