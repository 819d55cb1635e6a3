/** The 17 unified resources, named as in the API paths (`/unified/ticketing/{resource}`). */
export const UNIFIED_RESOURCES = [
  'accounts',
  'attachments',
  'collections',
  'comments',
  'contacts',
  'fields',
  'organizations',
  'tags',
  'task_lists',
  'tasks',
  'teams',
  'ticket_priorities',
  'ticket_status',
  'ticket_types',
  'tickets',
  'users',
  'workspaces',
] as const;

export type UnifiedResourceName = (typeof UNIFIED_RESOURCES)[number];

/** Singular entity names, used in change-event types: `ticketing.<entity>.<action>`. */
export const RESOURCE_ENTITY_NAMES = {
  accounts: 'account',
  attachments: 'attachment',
  collections: 'collection',
  comments: 'comment',
  contacts: 'contact',
  fields: 'field',
  organizations: 'organization',
  tags: 'tag',
  task_lists: 'task_list',
  tasks: 'task',
  teams: 'team',
  ticket_priorities: 'ticket_priority',
  ticket_status: 'ticket_status',
  ticket_types: 'ticket_type',
  tickets: 'ticket',
  users: 'user',
  workspaces: 'workspace',
} as const satisfies Record<UnifiedResourceName, string>;

export type UnifiedEntityName = (typeof RESOURCE_ENTITY_NAMES)[UnifiedResourceName];

/** Fields the engine or the provider sets: never part of a create or update body. */
export const READ_ONLY_FIELDS = ['id', 'created_at', 'updated_at', 'etag'] as const;
export type ReadOnlyField = (typeof READ_ONLY_FIELDS)[number];

export function isUnifiedResourceName(value: unknown): value is UnifiedResourceName {
  return typeof value === 'string' && (UNIFIED_RESOURCES as readonly string[]).includes(value);
}

/** `tickets` → `ticket`. */
export function entityNameOf(resource: UnifiedResourceName): UnifiedEntityName {
  return RESOURCE_ENTITY_NAMES[resource];
}

/** `ticket` → `tickets`; undefined for a name that is not a unified entity. */
export function resourceOfEntity(entity: string): UnifiedResourceName | undefined {
  return UNIFIED_RESOURCES.find((resource) => RESOURCE_ENTITY_NAMES[resource] === entity);
}
