/** The Kafka topics are a public contract (see docs/events.md); names carry a version suffix. */
export const TOPICS = {
  rawWebhooks: 'ticketing.raw-webhooks.v1',
  tickets: 'ticketing.tickets.v1',
  comments: 'ticketing.comments.v1',
  dlq: 'ticketing.dlq.v1',
  connections: 'ticketing.connections.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Unified resource (plural, as in the API paths) → the topic its change events go to. */
export const RESOURCE_TOPICS: Readonly<Record<string, TopicName>> = {
  tickets: TOPICS.tickets,
  comments: TOPICS.comments,
};

export interface TopicSpec {
  topic: TopicName;
  numPartitions: number;
}

const PARTITIONS = 3;

export const ALL_TOPICS: readonly TopicSpec[] = Object.values(TOPICS).map((topic) => ({
  topic,
  numPartitions: PARTITIONS,
}));

export function topicForResource(resource: string): TopicName | undefined {
  return RESOURCE_TOPICS[resource];
}
