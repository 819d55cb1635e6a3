import { eventTypesOf, topicContracts } from '@app/bus';
import { eventTypePatternProblem, matchesEventType } from '@app/delivery';

/** Every event type a subscription can receive: the change events of every resource topic and the connection events. */
export const SUBSCRIBABLE_EVENT_TYPES: readonly string[] = topicContracts().flatMap(eventTypesOf);

/**
 * Why a subscription's event type pattern is refused, or undefined: it must be well formed and match at
 * least one event type of the contract, so that a misspelt type (`ticketing.usr.*`) is a 400 instead of a
 * subscription that silently never receives anything.
 */
export function eventTypeProblem(pattern: string): string | undefined {
  const syntax = eventTypePatternProblem(pattern);
  if (syntax) return syntax;
  if (SUBSCRIBABLE_EVENT_TYPES.some((type) => matchesEventType([pattern], type))) return undefined;
  return (
    `event type "${pattern}" matches no event type of the contract ` +
    '(ticketing.{entity}.{created|updated|deleted|synced} for every unified resource, e.g. ticketing.user.*, ' +
    'or ticketing.connection.*; see docs/events.md)'
  );
}
