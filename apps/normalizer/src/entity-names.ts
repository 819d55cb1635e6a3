const SINGULAR: Record<string, string> = { tickets: 'ticket', comments: 'comment' };

/** `tickets` → `ticket`, as used in event types (`ticketing.ticket.created`). */
export function singularOf(resource: string): string {
  return SINGULAR[resource] ?? resource;
}
