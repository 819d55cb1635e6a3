import {
  ACTOR_TYPES,
  isActorType,
  isCollectionType,
  isPriorityCategory,
  isTicketStatusCategory,
} from './enums';
import {
  entityNameOf,
  isUnifiedResourceName,
  RESOURCE_ENTITY_NAMES,
  resourceOfEntity,
  UNIFIED_RESOURCES,
} from './resources';

describe('resource names', () => {
  it('has 17 distinct resources, each with a distinct singular entity name', () => {
    expect(new Set(UNIFIED_RESOURCES).size).toBe(17);
    expect(Object.keys(RESOURCE_ENTITY_NAMES).sort()).toEqual([...UNIFIED_RESOURCES].sort());
    expect(new Set(Object.values(RESOURCE_ENTITY_NAMES)).size).toBe(17);
  });

  it('maps plural resource names to the singular names used in event types, and back', () => {
    expect(entityNameOf('tickets')).toBe('ticket');
    expect(entityNameOf('comments')).toBe('comment');
    expect(entityNameOf('ticket_status')).toBe('ticket_status');
    expect(entityNameOf('ticket_priorities')).toBe('ticket_priority');
    expect(entityNameOf('task_lists')).toBe('task_list');
    for (const resource of UNIFIED_RESOURCES) expect(resourceOfEntity(entityNameOf(resource))).toBe(resource);
    expect(resourceOfEntity('issue')).toBeUndefined();
  });

  it('recognises resource names and closed-set members', () => {
    expect(isUnifiedResourceName('tickets')).toBe(true);
    expect(isUnifiedResourceName('ticket')).toBe(false);
    expect(isUnifiedResourceName(undefined)).toBe(false);
    expect(ACTOR_TYPES.every(isActorType)).toBe(true);
    expect(isActorType('agent')).toBe(false);
    expect(isTicketStatusCategory('on_hold')).toBe(true);
    expect(isTicketStatusCategory('closed')).toBe(false);
    expect(isPriorityCategory('urgent')).toBe(true);
    expect(isPriorityCategory(3)).toBe(false);
    expect(isCollectionType('sprint')).toBe(true);
    expect(isCollectionType('label')).toBe(false);
  });
});
