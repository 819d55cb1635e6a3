/**
 * Ticket conversations: listed per ticket (`{"conversations": […]}`), created through the reply action
 * (e-mails the requester) or the notes action (private by default), edited (notes only) and deleted by
 * their own id under /conversations; every answer wraps one in `{"conversation": …}`. A reply or note
 * fires the "ticket is updated" workflow (Note is added / Reply is sent).
 */
import type { FastifyInstance } from 'fastify';
import { allowOnly, invalid, optionalId, requireString, stamp } from '../freshdesk/errors';
import type { EmulatorContext, EmulatorKit, EmulatorPaging, ProviderObject } from '../kit/described';

/** The agent the emulator's API key belongs to. */
export const FRESHSERVICE_CALLER_ID = 4000001;

const text = (html: string) => html.replace(/<[^>]*>/g, '').trim();
const byTime = (a: ProviderObject, b: ProviderObject) =>
  String(a.created_at).localeCompare(String(b.created_at)) || Number(a.id) - Number(b.id);

function ticketOf(ctx: EmulatorContext): ProviderObject | undefined {
  return ctx.find('tickets', (t) => String(t.id) === ctx.params.ticket && t.deleted !== true);
}

function author(input: ProviderObject, ctx: EmulatorContext): number {
  const id = optionalId(input, 'user_id');
  if (id === undefined || id === null) return FRESHSERVICE_CALLER_ID;
  if (!ctx.find('agents', (a) => a.id === id) && !ctx.find('requesters', (r) => r.id === id))
    invalid('user_id', 'There is no requester or agent matching the given user_id');
  return id;
}

function conversationAt(ctx: EmulatorContext): number {
  return ctx.records('conversations').findIndex((c) => String(c.id) === ctx.params.id);
}

export function conversationRoutes(app: FastifyInstance, kit: EmulatorKit, paging: EmulatorPaging): void {
  app.get('/api/v2/tickets/:ticket/conversations', async (request, reply) => {
    const ctx = kit.context(request);
    if (!ticketOf(ctx)) return kit.notFound(reply, 'tickets');
    const matching = ctx
      .records('conversations')
      .filter((c) => String(c.ticket_id) === ctx.params.ticket)
      .sort(byTime);
    const page = kit.page(matching, paging, ctx);
    if ('refused' in page)
      return invalid('per_page', 'It should be a Positive Integer less than or equal to 100');
    void reply.headers(page.headers);
    return { conversations: page.items };
  });

  for (const kind of ['reply', 'notes'] as const)
    app.post(`/api/v2/tickets/:ticket/${kind}`, async (request, reply) => {
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
      if (body.trim() === '') invalid('body', 'It should not be blank as this is a mandatory field');
      const now = stamp(ctx.now());
      const requester = ctx.find('requesters', (r) => r.id === ticket.requester_id);
      const stored: ProviderObject = {
        id: ctx.nextId('conversations'),
        user_id: author(input, ctx),
        to_emails: kind === 'reply' && requester ? [requester.primary_email] : [],
        from_email: kind === 'reply' ? (input.from_email ?? 'support@acme.freshservice.com') : null,
        cc_emails: (input.cc_emails as string[] | undefined) ?? [],
        bcc_emails: (input.bcc_emails as string[] | undefined) ?? [],
        body,
        body_text: text(body),
        ticket_id: ticket.id,
        incoming: kind === 'notes' && input.incoming === true,
        private: kind === 'notes' && input.private !== false,
        source: kind === 'reply' ? 0 : 2,
        support_email: null,
        attachments: [],
        created_at: now,
        updated_at: now,
      };
      ctx.records('conversations').push(stored);
      const tickets = ctx.records('tickets');
      tickets[tickets.indexOf(ticket)] = { ...ticket, updated_at: now };
      kit.announce('conversations', 'created', stored, ctx);
      return reply.status(201).send({ conversation: stored });
    });

  app.put('/api/v2/conversations/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const all = ctx.records('conversations');
    const index = conversationAt(ctx);
    if (index < 0) return kit.notFound(reply, 'conversations');
    const input = (request.body ?? {}) as ProviderObject;
    allowOnly(input, ['body']);
    const body = requireString(input, 'body');
    if (all[index].source !== 2) invalid('id', 'Only notes can be edited');
    all[index] = { ...all[index], body, body_text: text(body), updated_at: stamp(ctx.now()) };
    return { conversation: all[index] };
  });

  app.delete('/api/v2/conversations/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const index = conversationAt(ctx);
    if (index < 0) return kit.notFound(reply, 'conversations');
    ctx.records('conversations').splice(index, 1);
    return reply.status(204).send();
  });
}
