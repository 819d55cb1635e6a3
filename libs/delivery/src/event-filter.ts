/**
 * Event type patterns of a subscription: an exact type (`ticketing.ticket.created`), `*` in place
 * of one dot-separated segment (`ticketing.ticket.*`, `ticketing.*.deleted`), or `*` alone for
 * every event.
 */
const PATTERN = /^(\*|[a-z0-9_-]+(\.([a-z0-9_-]+|\*))*)$/;

export function eventTypePatternProblem(pattern: string): string | undefined {
  if (PATTERN.test(pattern)) return undefined;
  return `event type "${pattern}" must be a dotted type whose segments may be "*" (e.g. ticketing.ticket.*), or "*"`;
}

export function matchesEventType(patterns: readonly string[], type: string): boolean {
  const segments = type.split('.');
  return patterns.some((pattern) => {
    if (pattern === '*') return true;
    const parts = pattern.split('.');
    return parts.length === segments.length && parts.every((p, i) => p === '*' || p === segments[i]);
  });
}

/** What the dispatcher needs to know about an event to route it. */
export interface RoutableEvent {
  type: string;
  connectionId: string | null;
  /** CloudEvent `time` (ISO-8601): when the platform accepted the change. */
  time: string;
}

/** What routing needs to know about a subscription. */
export interface RoutingRule {
  event_types: readonly string[];
  connection_id: string | null;
  created_at: string;
}

/** The subscription's filter alone: its event types, and its connection when it names one. */
export function matchesFilter(
  rule: Omit<RoutingRule, 'created_at'>,
  event: Omit<RoutableEvent, 'time'>,
): boolean {
  if (rule.connection_id !== null && rule.connection_id !== event.connectionId) return false;
  return matchesEventType(rule.event_types, event.type);
}

/**
 * Live routing: the filter, and only events that happened after the subscription was created — a
 * dispatcher starting on a topic's history, or a normalizer replaying old deliveries, must not send
 * a new subscriber what preceded it. (An explicit replay uses the filter alone.)
 */
export function routes(rule: RoutingRule, event: RoutableEvent): boolean {
  if (Date.parse(event.time) < Date.parse(rule.created_at)) return false;
  return matchesFilter(rule, event);
}
