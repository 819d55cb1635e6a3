/**
 * Seeded tickets and their conversations, after the "View a ticket" and "List all conversations of a
 * ticket" examples of Freshdesk's API v2 reference. Fourteen tickets (ids 1–14) in every default status
 * and both custom ones; ticket 13 is in the trash and ticket 14 is spam, so lists leave both out.
 */
import type { ProviderObject } from '../kit/described';

const SUBJECTS = [
  'Cannot log in after password reset',
  'Invoice shows the wrong VAT rate',
  'Refund for a damaged order',
  'Export to CSV drops the last row',
  'Mobile app crashes when offline',
  'How do I add a second admin?',
  'Delivery is two weeks late',
  'Feature request: dark mode',
];
const REQUESTERS = [19000001001, 19000001002, 19000001003, 19000001004, 19000001005, 19000001007];
const COMPANY: Record<number, number | null> = {
  19000001001: 19000000501,
  19000001002: 19000000501,
  19000001003: 19000000502,
  19000001004: 19000000502,
  19000001005: 19000000503,
  19000001007: null,
};
const STATUSES = [2, 2, 3, 4, 5, 6, 7, 2, 3, 2, 4, 2];
const TYPES = [
  'Question',
  'Incident',
  'Refund',
  'Problem',
  'Incident',
  'Question',
  'Problem',
  'Feature Request',
];

const at = (i: number, hour = 10) =>
  `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(10 + (i % 9)).padStart(2, '0')}T${hour}:00:00Z`;

function stats(status: number, updated: string): ProviderObject {
  return {
    agent_responded_at: updated,
    requester_responded_at: null,
    first_responded_at: updated,
    status_updated_at: updated,
    reopened_at: null,
    resolved_at: status === 4 || status === 5 ? updated : null,
    closed_at: status === 5 ? updated : null,
    pending_since: status === 3 ? updated : null,
  };
}

export const freshdeskTickets = (): ProviderObject[] =>
  Array.from({ length: 14 }, (_, i) => {
    const id = i + 1;
    const status = STATUSES[i % STATUSES.length];
    const requester = REQUESTERS[i % REQUESTERS.length];
    const created = at(i);
    const updated = at(i, 15);
    const subject = SUBJECTS[i % SUBJECTS.length] + (i >= SUBJECTS.length ? ` (#${id})` : '');
    const text = `Hello, ${subject.toLowerCase()}. Steps and screenshots are below.`;
    return {
      cc_emails: id % 4 === 0 ? ['manager@globex.example'] : [],
      fwd_emails: [],
      reply_cc_emails: id % 4 === 0 ? ['manager@globex.example'] : [],
      ticket_cc_emails: id % 4 === 0 ? ['manager@globex.example'] : [],
      fr_escalated: false,
      spam: id === 14,
      email_config_id: null,
      group_id: id % 3 === 0 ? null : id % 3 === 1 ? 19000000201 : 19000000202,
      priority: 1 + (i % 4),
      requester_id: requester,
      responder_id: id % 5 === 0 ? null : [19000000101, 19000000102, 19000000103][i % 3],
      source: [1, 2, 3, 7, 9, 10][i % 6],
      company_id: COMPANY[requester],
      status,
      subject,
      association_type: null,
      support_email: 'support@acme.freshdesk.com',
      to_emails: ['support@acme.freshdesk.com'],
      product_id: null,
      id,
      type: TYPES[i % TYPES.length],
      due_by: at(i + 1, 18),
      fr_due_by: at(i, 18),
      is_escalated: false,
      description: `<div>${text}</div>`,
      description_text: text,
      custom_fields: {
        cf_order_number: id % 2 === 0 ? `ORD-${4000 + id}` : null,
        cf_refund_reason: TYPES[i % TYPES.length] === 'Refund' ? 'Damaged' : null,
        cf_units: id % 2 === 0 ? id : null,
      },
      created_at: created,
      updated_at: updated,
      tags: id % 2 === 0 ? ['vip', 'billing'] : [],
      attachments:
        id === 3
          ? [
              {
                id: 19000007001,
                content_type: 'image/png',
                size: 48211,
                name: 'broken-box.png',
                attachment_url:
                  'https://s3.amazonaws.com/cdn.freshdesk.com/data/helpdesk/attachments/broken-box.png',
                created_at: created,
                updated_at: created,
              },
            ]
          : [],
      nr_due_by: null,
      nr_escalated: false,
      source_additional_info: null,
      structured_description: null,
      deleted: id === 13,
      stats: stats(status, updated),
    };
  });

type Kind = 'reply' | 'incoming' | 'private' | 'public-note';

function conversation(id: number, ticket: number, kind: Kind, minute: number): ProviderObject {
  const time = `2026-11-0${Math.min(ticket, 9)}T1${kind === 'incoming' ? 1 : 2}:${String(minute).padStart(2, '0')}:00Z`;
  const agent = [19000000101, 19000000102, 19000000103][ticket % 3];
  const text = {
    reply: 'Thanks for reaching out, we are looking into it.',
    incoming: 'Any news on this? It is still broken.',
    private: 'Internal: reproduced on staging, waiting for engineering.',
    'public-note': 'Note for everyone on this ticket: workaround posted in the portal.',
  }[kind];
  return {
    body: `<div>${text}</div>`,
    body_text: text,
    id,
    incoming: kind === 'incoming',
    private: kind === 'private',
    user_id: kind === 'incoming' ? 19000001001 + ((ticket - 1) % 5) : agent,
    support_email: kind === 'reply' ? 'support@acme.freshdesk.com' : null,
    source: kind === 'private' || kind === 'public-note' ? 2 : 0,
    category: kind === 'incoming' ? 3 : 2,
    to_emails: kind === 'reply' ? ['rachel@globex.example'] : [],
    from_email: kind === 'reply' ? 'support@acme.freshdesk.com' : null,
    cc_emails: [],
    bcc_emails: [],
    email_failure_count: null,
    outgoing_failures: null,
    thread_id: null,
    thread_message_id: null,
    created_at: time,
    updated_at: time,
    last_edited_at: null,
    last_edited_user_id: null,
    attachments: [],
    automation_id: null,
    automation_type_id: null,
    auto_response: false,
    ticket_id: ticket,
    source_additional_info: null,
  };
}

/** Seven conversations on ticket 1 (several pages at small sizes), three on tickets 2 and 3. */
export const freshdeskConversations = (): ProviderObject[] => {
  const kinds: Kind[] = ['reply', 'incoming', 'private', 'reply', 'public-note', 'incoming', 'private'];
  let id = 19000003001;
  return [
    ...kinds.map((kind, n) => conversation(id++, 1, kind, n)),
    ...[2, 3].flatMap((ticket) =>
      (['reply', 'incoming', 'private'] as Kind[]).map((kind, n) => conversation(id++, ticket, kind, n)),
    ),
  ];
};
