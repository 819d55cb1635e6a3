/**
 * Ticket conversations: Freshdesk lists them per ticket, creates them through two actions (a public
 * reply that e-mails the requester, or a note — private by default) and edits or deletes them by their
 * own id under /conversations. Only notes can be edited. A reply or a note fires the "ticket updates"
 * automation rules (Reply is sent / Note is added), so each creation announces a ticket webhook.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext, EmulatorKit, EmulatorPaging, ProviderObject } from '../kit/described';
import { allowOnly, invalid, optionalId, requireString, stamp } from './errors';

const text = (html: string) => html.replace(/<[^>]*>/g, '').trim();

function ticketOf(ctx: EmulatorContext): ProviderObject | undefined {
  return ctx.find('tickets', (t) => String(t.id) === ctx.params.ticket && t.deleted !== true);
}

/** Freshdesk touches the ticket when a conversation is added, so `{{ticket.modified_on}}` moves on. */
function touch(ctx: EmulatorContext, ticketId: unknown, now: string): void {
  const tickets = ctx.records('tickets');
  const index = tickets.findIndex((t) => t.id === ticketId);
  if (index >= 0) tickets[index] = { ...tickets[index], updated_at: now };
}

function author(input: ProviderObject, ctx: EmulatorContext, caller: number, contactsToo: boolean) {
  const id = optionalId(input, 'user_id');
  if (id === undefined || id === null) return caller;
  const known =
    ctx.find('agents', (a) => a.id === id) ??
    (contactsToo ? ctx.find('contacts', (c) => c.id === id && c.deleted !== true) : undefined);
  if (!known) invalid('user_id', 'There is no contact or agent matching the given user_id');
  return id;
}

export function conversationRoutes(
  app: FastifyInstance,
  kit: EmulatorKit,
  paging: EmulatorPaging,
  callerOf: (request: FastifyRequest) => number,
): void {
  app.get('/api/v2/tickets/:ticket/conversations', async (request, reply) => {
    const ctx = kit.context(request);
    if (!ticketOf(ctx)) return kit.notFound(reply, 'tickets');
    const matching = ctx
      .records('conversations')
      .filter((c) => String(c.ticket_id) === ctx.params.ticket)
      .sort(
        (a, b) => String(a.created_at).localeCompare(String(b.created_at)) || Number(a.id) - Number(b.id),
      );
    const page = kit.page(matching, paging, ctx);
    if ('refused' in page)
      return invalid('per_page', 'It should be a Positive Integer less than or equal to 100');
    void reply.headers(page.headers);
    return page.items;
  });

  const create = (kind: 'reply' | 'note') =>
    app.post(`/api/v2/tickets/:ticket/${kind === 'reply' ? 'reply' : 'notes'}`, async (request, reply) => {
      const ctx = kit.context(request);
      const ticket = ticketOf(ctx);
      if (!ticket) return kit.notFound(reply, 'tickets');
      const input = (request.body ?? {}) as ProviderObject;
      allowOnly(
        input,
        kind === 'reply'
          ? ['body', 'from_email', 'user_id', 'cc_emails', 'bcc_emails']
          : ['body', 'private', 'incoming', 'notify_emails', 'user_id'],
      );
      const body = requireString(input, 'body');
      if (body.trim() === '')
        invalid('body', 'It should not be blank as this is a mandatory field', 'invalid_value');
      const isPrivate = kind === 'note' && input.private !== false;
      const now = stamp(ctx.now());
      const requester = ctx.find('contacts', (c) => c.id === ticket.requester_id);
      const stored: ProviderObject = {
        body,
        body_text: text(body),
        id: ctx.nextId('conversations'),
        incoming: kind === 'note' && input.incoming === true,
        private: isPrivate,
        user_id: author(input, ctx, callerOf(request), kind === 'note'),
        support_email: null,
        source: kind === 'reply' ? 0 : 2,
        category: 2,
        to_emails: kind === 'reply' && requester?.email ? [requester.email] : [],
        from_email: kind === 'reply' ? (input.from_email ?? 'support@acme.freshdesk.com') : null,
        cc_emails: (input.cc_emails as string[] | undefined) ?? [],
        bcc_emails: (input.bcc_emails as string[] | undefined) ?? [],
        email_failure_count: null,
        outgoing_failures: null,
        created_at: now,
        updated_at: now,
        last_edited_at: null,
        last_edited_user_id: null,
        attachments: [],
        ticket_id: ticket.id,
        source_additional_info: null,
      };
      ctx.records('conversations').push(stored);
      touch(ctx, ticket.id, now);
      kit.announce('conversations', 'created', stored, ctx);
      const common = {
        body_text: stored.body_text,
        body: stored.body,
        id: stored.id,
        user_id: stored.user_id,
        ticket_id: stored.ticket_id,
        attachments: [],
        created_at: now,
        updated_at: now,
      };
      // The two actions answer with different shapes: a reply says whom it e-mailed, a note whether it is private.
      return reply.status(201).send(
        kind === 'reply'
          ? {
              ...common,
              from_email: stored.from_email,
              cc_emails: stored.cc_emails,
              bcc_emails: stored.bcc_emails,
              replied_to: stored.to_emails,
            }
          : {
              ...common,
              incoming: stored.incoming,
              private: stored.private,
              support_email: null,
              notified_to: (input.notify_emails as string[] | undefined) ?? [],
            },
      );
    });
  create('reply');
  create('note');

  app.put('/api/v2/conversations/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const all = ctx.records('conversations');
    const index = all.findIndex((c) => String(c.id) === ctx.params.id);
    if (index < 0) return kit.notFound(reply, 'conversations');
    const input = (request.body ?? {}) as ProviderObject;
    allowOnly(input, ['body']);
    const body = requireString(input, 'body');
    if (all[index].source !== 2) invalid('id', 'Only notes can be edited', 'invalid_value');
    const now = stamp(ctx.now());
    all[index] = {
      ...all[index],
      body,
      body_text: text(body),
      updated_at: now,
      last_edited_at: now,
      last_edited_user_id: callerOf(request),
    };
    return all[index];
  });

  app.delete('/api/v2/conversations/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const all = ctx.records('conversations');
    const index = all.findIndex((c) => String(c.id) === ctx.params.id);
    if (index < 0) return kit.notFound(reply, 'conversations');
    all.splice(index, 1);
    return reply.status(204).send();
  });
}
