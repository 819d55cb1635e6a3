/**
 * Seeded Intercom tickets and ticket parts, shaped after the Ticket and Ticket Part objects of the 2.16
 * description. A ticket is stored with the ids it references (`ticket_type_id`, `ticket_state_id`,
 * `contact_ids`: emulator-only fields) and served joined; its parts are their own collection
 * (`ticket_id` emulator-only), served inside the ticket as `ticket_parts`.
 */
import type { ProviderObject } from '../kit/described';
import { T0 } from './seed';
import { contactAuthor, contactId } from './seed-people';

/** Title, description, ticket type, state, contact (seed number), admin and team (0: none). */
type SeedTicket = [string, string | null, '67' | '68' | '69' | '70', string, number | null, number, number];

const CATEGORY: Record<string, string> = {
  '67': 'Customer',
  '68': 'Customer',
  '69': 'Back-office',
  '70': 'Tracker',
};
const RESOLVED = '8324';

// prettier-ignore
const TICKETS: SeedTicket[] = [
  ['Export button does nothing', 'Clicking Export on the reports page has no effect.', '67', '8322', 1, 991267461, 991267900],
  ['Charged twice in November', 'Two identical charges on the card.', '68', '8323', 2, 991267462, 991267901],
  ['Cannot invite teammates', 'The invite email never arrives.', '67', '8321', 3, 0, 991267900],
  ['Refund for unused seats', null, '68', '8324', 4, 991267462, 991267901],
  ['Rotate the SMTP credentials', 'Quarterly rotation, see runbook.', '69', '8325', 6, 991267463, 991267902],
  ['Dashboard slow for large accounts', 'Load time above 10 s with 5k projects.', '67', '8322', 7, 991267464, 991267902],
  ['Update the VAT number', 'New VAT number for invoices from January.', '68', '8321', 8, 0, 0],
  ['Login loop on Safari', 'Redirects back to the login page forever.', '67', '8324', 10, 991267461, 991267900],
  ['EU region outage 2024-12-17', 'Elevated error rates in eu-west-1.', '70', '8325', null, 991267463, 991267902],
  ['Webhook deliveries delayed', 'Webhooks arrive minutes late.', '67', '8323', 11, 991267460, 991267900],
  ['Upgrade to the annual plan', null, '68', '8322', 12, 991267462, 991267901],
  ['Backfill missing audit events', 'Events between 02:00 and 03:00 UTC were dropped.', '69', '8321', 6, 0, 991267902],
  ['CSV import rejects UTF-8 BOM', 'Files saved by Excel fail to import.', '67', '8321', 5, 0, 0],
  ['Close the Initech trial', 'Customer decided not to continue.', '69', '8324', 3, 991267465, 0],
];

/** Custom attributes (the Bug Report type's `Severity`) and links to conversations or tracker tickets, by index. */
const SEVERITY: Record<number, string> = { 0: 'High', 5: 'Medium', 9: 'Low' };
const LINKED: Record<number, { type: string; id: string; category: string | null }[]> = {
  0: [{ type: 'conversation', id: '1911149811', category: null }],
  5: [{ type: 'ticket', id: '639', category: 'Tracker' }],
};

export const INTERCOM_FIRST_TICKET_ID = 631;

export const intercomTickets = (): ProviderObject[] =>
  TICKETS.map(([title, description, type, state, contact, admin, team], i) => {
    const linked = LINKED[i] ?? [];
    return {
      type: 'ticket',
      id: String(INTERCOM_FIRST_TICKET_ID + i),
      ticket_id: String(38 + i),
      ticket_attributes: {
        _default_title_: title,
        _default_description_: description,
        ...(SEVERITY[i] ? { Severity: SEVERITY[i] } : {}),
      },
      ticket_state_id: state,
      ticket_type_id: type,
      contact_ids: contact ? [contactId(contact)] : [],
      admin_assignee_id: admin,
      team_assignee_id: team,
      created_at: T0 + 1_000 + i * 600,
      updated_at: T0 + 1_000 + i * 600 + 300,
      open: state !== RESOLVED,
      linked_objects: { type: 'list', data: linked, total_count: linked.length, has_more: false },
      category: CATEGORY[type],
      is_shared: CATEGORY[type] === 'Customer',
      previous_ticket_state_id: state === '8321' ? null : '8321',
    };
  });

const ADMIN_NAMES: Record<number, string> = {
  991267460: 'Amara Okafor',
  991267461: 'Liu Wei',
  991267462: 'Sofia Ramos',
  991267463: 'Jonas Berg',
  991267464: 'Priya Nair',
  991267465: 'Mateo Silva',
};

/** The author block Intercom puts on a part: an admin, or the contact (type `user`). */
export const adminAuthor = (id: number) => ({
  id: String(id),
  type: 'admin',
  name: ADMIN_NAMES[id],
  email: `${ADMIN_NAMES[id].split(' ')[0].toLowerCase()}@acme.example`,
});

export function part(
  id: number,
  ticketId: string,
  partType: string,
  at: number,
  author: ProviderObject,
  extra: Partial<ProviderObject> = {},
): ProviderObject {
  return {
    type: 'ticket_part',
    id: String(id),
    part_type: partType,
    body: null,
    created_at: at,
    updated_at: at,
    author,
    attachments: [],
    redacted: false,
    ticket_id: ticketId,
    ...extra,
  };
}

/** Each ticket: the state set on creation, then comments and notes (some tickets have many, for paging). */
export function intercomTicketParts(): ProviderObject[] {
  const parts: ProviderObject[] = [];
  let next = 185;
  TICKETS.forEach(([title, , type, , contact, adminId], i) => {
    const ticketId = String(INTERCOM_FIRST_TICKET_ID + i);
    const at = T0 + 1_000 + i * 600;
    const admin = adminAuthor(adminId || 991267460);
    parts.push(
      part(next++, ticketId, 'ticket_state_updated_by_admin', at + 1, admin, {
        ticket_state: 'submitted',
        previous_ticket_state: 'submitted',
      }),
    );
    const customer = contact ? contactAuthor(contact) : admin;
    const comments = i === 0 ? 6 : i % 3 === 0 ? 0 : 2;
    for (let c = 0; c < comments; c++) {
      const fromCustomer = c % 2 === 0 && contact !== null && CATEGORY[type] !== 'Back-office';
      parts.push(
        part(next++, ticketId, 'comment', at + 10 + c * 30, fromCustomer ? customer : admin, {
          body: fromCustomer
            ? `<p>Any news on "${title}"? (${c + 1})</p>`
            : `<p>We are looking into it (${c + 1}).</p>`,
        }),
      );
    }
    if (i % 2 === 0)
      parts.push(
        part(next++, ticketId, 'note', at + 200, admin, {
          body: `<p>Internal: checked the logs for ticket ${38 + i}.</p>`,
        }),
      );
    if (adminId)
      parts.push(
        part(next++, ticketId, 'assignment', at + 250, admin, {
          assigned_to: { type: 'admin', id: String(adminId) },
        }),
      );
  });
  return parts;
}
