/**
 * The Intercom routes the kit cannot derive: the ticket search (a POST whose paging is in the body),
 * replies and notes on tickets, deletes that answer 200 with a body, the create-or-update endpoints of
 * companies and tags, and the 403 of a token without write scopes.
 */
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext, EmulatorKit, EmulatorPaging, ProviderObject } from '../kit/described';
import { cursorList, errorList, failure, IntercomInvalid, renderPart, renderTicket, unix } from './render';
import { INTERCOM_READ_ONLY_TOKEN } from './seed';
import { adminAuthor, part } from './seed-tickets';
import { matches, type Filter } from './search';
import { companyChanges, nextHexId } from './writes';

const SEARCH_PAGING: EmulatorPaging = {
  style: 'cursor',
  cursorParam: 'starting_after',
  sizeParam: 'per_page',
  defaultSize: 20,
  maxSize: 150,
};
function reply(body: ProviderObject, ticket: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const kind = String(body.message_type);
  if (!['comment', 'note', 'quick_reply'].includes(kind))
    throw new IntercomInvalid('message_type is invalid');
  if (kind !== 'quick_reply' && (typeof body.body !== 'string' || body.body.trim() === ''))
    throw new IntercomInvalid('Body is required for comment and note message types');
  let author: ProviderObject;
  if (body.type === 'admin') {
    const admin = ctx.find('admins', (a) => a.id === String(body.admin_id));
    if (body.admin_id === undefined) throw new IntercomInvalid('admin_id is required');
    if (!admin) throw failure(404, 'Admin not found');
    author = adminAuthor(Number(admin.id));
  } else if (body.type === 'user') {
    if (kind !== 'comment') throw new IntercomInvalid('Users can only reply with comments');
    if (ticket.category === 'Back-office')
      throw new IntercomInvalid('User replies are not allowed on Backoffice tickets', 'parameter_mismatch');
    const contact = ctx.find(
      'contacts',
      (c) =>
        (body.intercom_user_id !== undefined && c.id === body.intercom_user_id) ||
        (body.user_id !== undefined && c.external_id === body.user_id) ||
        (body.email !== undefined && c.email === body.email),
    );
    if (!contact) throw failure(404, 'User Not Found');
    author = { id: contact.id, type: 'user', name: contact.name, email: contact.email };
  } else throw new IntercomInvalid('type must be admin or user');
  const now = typeof body.created_at === 'number' ? body.created_at : unix(ctx);
  return part(ctx.nextId('ticket_parts'), String(ticket.id), kind, now, author, {
    body: kind === 'quick_reply' ? null : body.body,
    app_package_code: 'unified-ticketing',
  });
}

export function intercomRoutes(app: FastifyInstance, kit: EmulatorKit): void {
  app.addHook('onRequest', async (request, res) => {
    const write = request.method !== 'GET' && !request.url.split('?')[0].endsWith('/search');
    if (!write || request.headers.authorization !== `Bearer ${INTERCOM_READ_ONLY_TOKEN}`) return undefined;
    await res
      .status(403)
      .type('application/json; charset=utf-8')
      .send(errorList('forbidden', 'You do not have the required scope to write to this resource'));
    return res;
  });

  app.post('/tickets/search', async (request) => {
    const ctx = kit.context(request);
    const body = (request.body ?? {}) as {
      query?: Filter;
      pagination?: { per_page?: unknown; starting_after?: unknown };
    };
    if (typeof body.query !== 'object' || body.query === null) throw new IntercomInvalid('query is required');
    const matching = ctx
      .records('tickets')
      .filter((t) => matches(t, body.query as Filter, ctx))
      .sort((a, b) => Number(a.id) - Number(b.id));
    const paging = body.pagination ?? {};
    const query: Record<string, string> = {};
    if (paging.per_page !== undefined && paging.per_page !== null) query.per_page = String(paging.per_page);
    if (typeof paging.starting_after === 'string') query.starting_after = paging.starting_after;
    const page = kit.page(matching, SEARCH_PAGING, { ...ctx, query });
    if ('refused' in page) throw new IntercomInvalid(page.refused);
    return cursorList(
      page.items.map((t) => renderTicket(t, ctx)),
      page.info,
      'ticket.list',
      'tickets',
    );
  });

  app.post('/tickets/:id/reply', async (request, res) => {
    const ctx = kit.context(request);
    const ticket = ctx.find('tickets', (t) => t.id === ctx.params.id);
    if (!ticket) return kit.notFound(res, 'tickets');
    const created = reply((request.body ?? {}) as ProviderObject, ticket, ctx);
    ctx.records('ticket_parts').push(created);
    ticket.updated_at = created.created_at;
    kit.announce('ticket_parts', 'created', created, ctx);
    return renderPart(created);
  });

  app.delete('/tickets/:id', async (request, res) => {
    const ctx = kit.context(request);
    const ticket = ctx.find('tickets', (t) => t.id === ctx.params.id);
    if (!ticket) return kit.notFound(res, 'tickets');
    remove(ctx, 'tickets', ticket);
    for (const p of ctx.records('ticket_parts').filter((r) => r.ticket_id === ticket.id))
      remove(ctx, 'ticket_parts', p);
    return { id: ticket.id, object: 'ticket', deleted: true };
  });

  app.delete('/contacts/:id', async (request, res) => {
    const ctx = kit.context(request);
    const contact = ctx.find('contacts', (c) => c.id === ctx.params.id);
    if (!contact) return kit.notFound(res, 'contacts');
    remove(ctx, 'contacts', contact);
    kit.announce('contacts', 'deleted', contact, ctx);
    return { type: 'contact', id: contact.id, external_id: contact.external_id, deleted: true };
  });

  // Create or update: a known `company_id` updates that company, anything else creates one.
  app.post('/companies', async (request) => {
    const ctx = kit.context(request);
    const input = (request.body ?? {}) as ProviderObject;
    const changes = companyChanges(input, ctx, true);
    const existing =
      input.company_id !== undefined
        ? ctx.find('companies', (c) => c.company_id === input.company_id)
        : undefined;
    if (existing) {
      const before = structuredClone(existing);
      Object.assign(existing, changes, { updated_at: unix(ctx) });
      kit.announce('companies', 'updated', existing, ctx, before);
      return existing;
    }
    const now = unix(ctx);
    const created: ProviderObject = {
      type: 'company',
      company_id: null,
      id: nextHexId(ctx, 'companies'),
      app_id: ctx.records('companies')[0]?.app_id,
      name: null,
      remote_created_at: now,
      created_at: now,
      updated_at: now,
      monthly_spend: 0,
      session_count: 0,
      user_count: 0,
      tags: { type: 'tag.list', tags: [] },
      segments: { type: 'segment.list', segments: [] },
      plan: {},
      custom_attributes: {},
      ...changes,
    };
    ctx.records('companies').push(created);
    kit.announce('companies', 'created', created, ctx);
    return created;
  });

  app.delete('/companies/:id', async (request, res) => {
    const ctx = kit.context(request);
    const company = ctx.find('companies', (c) => c.id === ctx.params.id);
    if (!company) return kit.notFound(res, 'companies');
    remove(ctx, 'companies', company);
    for (const c of ctx.records('contacts'))
      c.company_ids = (c.company_ids as string[]).filter((id) => id !== company.id);
    kit.announce('companies', 'deleted', company, ctx);
    return { id: company.id, object: 'company', deleted: true };
  });

  // Create (by a new name), find (a known name, case-insensitive) or rename (with `id`).
  app.post('/tags', async (request, res) => {
    const ctx = kit.context(request);
    const input = (request.body ?? {}) as ProviderObject;
    if (typeof input.name !== 'string' || input.name.trim() === '')
      throw new IntercomInvalid('invalid tag parameters');
    if (input.id !== undefined) {
      const tag = ctx.find('tags', (t) => t.id === String(input.id));
      if (!tag) return kit.notFound(res, 'tags');
      tag.name = input.name;
      return tag;
    }
    const known = ctx.find('tags', (t) => String(t.name).toLowerCase() === String(input.name).toLowerCase());
    if (known) return known;
    const created = { type: 'tag', id: String(ctx.nextId('tags')), name: input.name };
    ctx.records('tags').push(created);
    return created;
  });

  app.delete('/tags/:id', async (request, res) => {
    const ctx = kit.context(request);
    const tag = ctx.find('tags', (t) => t.id === ctx.params.id);
    if (!tag) return kit.notFound(res, 'tags');
    remove(ctx, 'tags', tag);
    for (const c of ctx.records('contacts'))
      c.tag_ids = (c.tag_ids as string[]).filter((id) => id !== tag.id);
    return res.status(200).send();
  });
}

function remove(ctx: EmulatorContext, collection: string, record: ProviderObject): void {
  const records = ctx.records(collection);
  records.splice(records.indexOf(record), 1);
}
