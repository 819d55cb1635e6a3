/** The Kafka topics are a public contract (see docs/events.md); names carry a version suffix. */
export const TOPICS = {
  rawWebhooks: 'ticketing.raw-webhooks.v1',
  tickets: 'ticketing.tickets.v1',
  comments: 'ticketing.comments.v1',
  dlq: 'ticketing.dlq.v1',
  connections: 'ticketing.connections.v1',
  // One topic per further unified resource, named after its API path (`/unified/ticketing/{resource}`).
  accounts: 'ticketing.accounts.v1',
  attachments: 'ticketing.attachments.v1',
  collections: 'ticketing.collections.v1',
  contacts: 'ticketing.contacts.v1',
  fields: 'ticketing.fields.v1',
  organizations: 'ticketing.organizations.v1',
  tags: 'ticketing.tags.v1',
  taskLists: 'ticketing.task_lists.v1',
  tasks: 'ticketing.tasks.v1',
  teams: 'ticketing.teams.v1',
  ticketPriorities: 'ticketing.ticket_priorities.v1',
  ticketStatus: 'ticketing.ticket_status.v1',
  ticketTypes: 'ticketing.ticket_types.v1',
  users: 'ticketing.users.v1',
  workspaces: 'ticketing.workspaces.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Unified resource (plural, as in the API paths) → the topic its change events go to. */
export const RESOURCE_TOPICS: Readonly<Record<string, TopicName>> = {
  tickets: TOPICS.tickets,
  comments: TOPICS.comments,
  accounts: TOPICS.accounts,
  attachments: TOPICS.attachments,
  collections: TOPICS.collections,
  contacts: TOPICS.contacts,
  fields: TOPICS.fields,
  organizations: TOPICS.organizations,
  tags: TOPICS.tags,
  task_lists: TOPICS.taskLists,
  tasks: TOPICS.tasks,
  teams: TOPICS.teams,
  ticket_priorities: TOPICS.ticketPriorities,
  ticket_status: TOPICS.ticketStatus,
  ticket_types: TOPICS.ticketTypes,
  users: TOPICS.users,
  workspaces: TOPICS.workspaces,
};

/** Topics that carry unified change events (the ones HTTP subscriptions and the dispatcher read). */
export const CHANGE_EVENT_TOPICS: readonly TopicName[] = [...new Set(Object.values(RESOURCE_TOPICS))];

export interface TopicSpec {
  topic: TopicName;
  numPartitions: number;
}

const PARTITIONS = 3;

export const ALL_TOPICS: readonly TopicSpec[] = Object.values(TOPICS).map((topic) => ({
  topic,
  numPartitions: PARTITIONS,
}));

/** How many partitions a topic of ours has (what a consumer may handle in parallel at most). */
export function partitionsOf(topic: TopicName): number {
  return ALL_TOPICS.find((spec) => spec.topic === topic)?.numPartitions ?? PARTITIONS;
}

export function topicForResource(resource: string): TopicName | undefined {
  return Object.prototype.hasOwnProperty.call(RESOURCE_TOPICS, resource)
    ? RESOURCE_TOPICS[resource]
    : undefined;
}
