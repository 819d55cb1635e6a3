/**
 * Closed sets of the unified model. The JSON Schemas under `../schemas` carry the same values
 * (a unit test keeps both in step); docs/unified-model.md explains each value.
 */

/** Who did something: a user of the ticketing system, an external contact, or the system itself. */
export const ACTOR_TYPES = ['user', 'contact', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Unified category of a provider status; the provider's own status id and name are kept beside it. */
export const TICKET_STATUS_CATEGORIES = ['open', 'in_progress', 'on_hold', 'done', 'cancelled'] as const;
export type TicketStatusCategory = (typeof TICKET_STATUS_CATEGORIES)[number];

/** Unified category of a provider priority, lowest first. */
export const PRIORITY_CATEGORIES = ['low', 'medium', 'high', 'urgent'] as const;
export type PriorityCategory = (typeof PRIORITY_CATEGORIES)[number];

/** Which grouping system of the provider a Collection maps to. */
export const COLLECTION_TYPES = [
  'project',
  'list',
  'epic',
  'milestone',
  'repository',
  'folder',
  'board',
  'sprint',
  'other',
] as const;
export type CollectionType = (typeof COLLECTION_TYPES)[number];

function member<T extends string>(values: readonly T[]): (value: unknown) => value is T {
  return (value: unknown): value is T =>
    typeof value === 'string' && (values as readonly string[]).includes(value);
}

export const isActorType = member(ACTOR_TYPES);
export const isTicketStatusCategory = member(TICKET_STATUS_CATEGORIES);
export const isPriorityCategory = member(PRIORITY_CATEGORIES);
export const isCollectionType = member(COLLECTION_TYPES);
