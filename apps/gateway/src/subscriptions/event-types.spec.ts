import { RESOURCE_TOPICS } from '@app/bus';
import { entityNameOf, UNIFIED_RESOURCES } from '@app/unified-models';
import { eventTypeProblem, SUBSCRIBABLE_EVENT_TYPES } from './event-types';

describe('subscription event types', () => {
  it('takes every type of every resource topic, synced included, and the connection events', () => {
    expect(Object.keys(RESOURCE_TOPICS).sort()).toEqual([...UNIFIED_RESOURCES].sort());
    for (const resource of UNIFIED_RESOURCES)
      for (const action of ['created', 'updated', 'deleted', 'synced'])
        expect(SUBSCRIBABLE_EVENT_TYPES).toContain(`ticketing.${entityNameOf(resource)}.${action}`);
    for (const pattern of [
      '*',
      'ticketing.user.*',
      'ticketing.task_list.created',
      'ticketing.*.synced',
      'ticketing.*.deleted',
      'ticketing.connection.needs_reauth',
    ])
      expect([pattern, eventTypeProblem(pattern)]).toEqual([pattern, undefined]);
  });

  it('refuses malformed patterns and patterns that match nothing, saying why', () => {
    expect(eventTypeProblem('ticketing.tick*')).toContain('must be');
    expect(eventTypeProblem('ticketing.usr.*')).toContain('matches no event type');
    expect(eventTypeProblem('ticketing.user.renamed')).toContain('matches no event type');
    expect(eventTypeProblem('ticketing.*')).toContain('matches no event type');
  });
});
