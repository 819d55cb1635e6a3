import type { ZendeskEmulator } from './zendesk-emulator';

/**
 * How many records each unified list must return from a fresh Zendesk emulator, from its state. Staff
 * are users, end users contacts; the fixed lists (priorities, ticket types) and the tag cloud are not
 * counted here (their own tests check them).
 */
export function zendeskListCount(
  emulator: ZendeskEmulator,
  resource: string,
  query: Record<string, string>,
): number | undefined {
  const s = emulator.state;
  const users = [...s.users.values()];
  const ofTicket = s.comments.filter((c) => String(c.ticket_id) === query.ticket_id);
  const counts: Record<string, () => number> = {
    tickets: () => s.tickets.size,
    comments: () => ofTicket.length,
    attachments: () => ofTicket.reduce((n, c) => n + c.attachments.length, 0),
    users: () => users.filter((u) => u.role !== 'end-user').length,
    contacts: () => users.filter((u) => u.role === 'end-user').length,
    accounts: () => s.organizations.size,
    teams: () => s.groups.size,
    workspaces: () => s.brands.size,
    ticket_status: () => s.customStatuses.size,
    fields: () => s.ticketFields.size,
    collections: () => s.views.size,
  };
  return counts[resource]?.();
}
