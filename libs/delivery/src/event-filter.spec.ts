import { eventTypePatternProblem, matchesEventType, matchesFilter, routes } from './event-filter';

describe('event filter', () => {
  it('matches exact types, one-segment wildcards and *', () => {
    expect(matchesEventType(['ticketing.ticket.created'], 'ticketing.ticket.created')).toBe(true);
    expect(matchesEventType(['ticketing.ticket.created'], 'ticketing.ticket.updated')).toBe(false);
    expect(matchesEventType(['ticketing.ticket.*'], 'ticketing.ticket.deleted')).toBe(true);
    expect(matchesEventType(['ticketing.ticket.*'], 'ticketing.comment.created')).toBe(false);
    expect(matchesEventType(['ticketing.*.deleted'], 'ticketing.comment.deleted')).toBe(true);
    expect(matchesEventType(['ticketing.*'], 'ticketing.ticket.created')).toBe(false);
    expect(matchesEventType(['*'], 'ticketing.comment.updated')).toBe(true);
    expect(matchesEventType([], 'ticketing.comment.updated')).toBe(false);
  });

  it('validates patterns', () => {
    expect(eventTypePatternProblem('ticketing.ticket.*')).toBeUndefined();
    expect(eventTypePatternProblem('*')).toBeUndefined();
    expect(eventTypePatternProblem('ticketing.tick*')).toContain('must be');
    expect(eventTypePatternProblem('ticketing..created')).toContain('must be');
    expect(eventTypePatternProblem('')).toContain('must be');
  });

  it('filters by connection when the subscription names one', () => {
    const rule = { event_types: ['*'], connection_id: 'con_a' };
    expect(matchesFilter(rule, { type: 'ticketing.ticket.created', connectionId: 'con_a' })).toBe(true);
    expect(matchesFilter(rule, { type: 'ticketing.ticket.created', connectionId: 'con_b' })).toBe(false);
    expect(matchesFilter({ ...rule, connection_id: null }, { type: 'x.y', connectionId: 'con_b' })).toBe(
      true,
    );
  });

  it('routes only events that happened after the subscription was created', () => {
    const rule = { event_types: ['*'], connection_id: null, created_at: '2026-01-01T00:00:00.000Z' };
    const event = { type: 'ticketing.ticket.created', connectionId: 'c' };
    expect(routes(rule, { ...event, time: '2026-01-01T00:00:00.001Z' })).toBe(true);
    expect(routes(rule, { ...event, time: '2025-12-31T23:59:59.999Z' })).toBe(false);
  });
});
