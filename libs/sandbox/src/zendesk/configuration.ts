import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZendeskContext } from './context';
import { bodyObject, idParam, notFound, param, queryOf, recordInvalid, route } from './http';
import type { StatusCategory, ZdBrand, ZdCustomStatus, ZdTicketField } from './model';
import { paginate } from './pagination';
import { brandJson, customStatusJson, ticketFieldJson, viewJson } from './serialize';

const CATEGORIES: readonly StatusCategory[] = ['new', 'open', 'pending', 'hold', 'solved'];
const CUSTOM_FIELD_TYPES = [
  'text',
  'textarea',
  'checkbox',
  'date',
  'integer',
  'decimal',
  'regexp',
  'partialcreditcard',
  'multiselect',
  'tagger',
  'lookup',
];

const blank = (field: string, label: string) =>
  recordInvalid({ [field]: [{ description: `${label}: cannot be blank`, error: 'BlankValue' }] });

/** Brands, custom ticket statuses, ticket fields, tags and views: the account's configuration. */
export function configurationRoutes(app: FastifyInstance, ctx: ZendeskContext): void {
  const found = <T>(value: T | undefined): T => {
    if (value === undefined) throw notFound();
    return value;
  };
  const brandOf = (r: FastifyRequest) => found(ctx.state.brands.get(idParam(r)));
  const statusOf = (r: FastifyRequest) => found(ctx.state.customStatuses.get(idParam(r)));
  const fieldOf = (r: FastifyRequest) => found(ctx.state.ticketFields.get(idParam(r)));

  route(
    app,
    'GET',
    '/api/v2/brands',
    (request) =>
      paginate(
        [...ctx.state.brands.values()],
        'brands',
        queryOf(request),
        `${ctx.base()}/api/v2/brands`,
        (b) => brandJson(b, ctx.base()),
      ).body,
  );
  route(app, 'GET', '/api/v2/brands/:id', (request) => ({ brand: brandJson(brandOf(request), ctx.base()) }));
  route(app, 'POST', '/api/v2/brands', (request, reply) => {
    const input = bodyObject(request, 'brand');
    const now = ctx.timestamp();
    const brand = applyBrand(
      { id: 0, name: '', subdomain: '', active: true, default: false, created_at: now, updated_at: now },
      input,
    );
    if (brand.subdomain === '') throw blank('subdomain', 'Subdomain');
    brand.id = ctx.nextId();
    ctx.state.brands.set(brand.id, brand);
    reply.status(201);
    return { brand: brandJson(brand, ctx.base()) };
  });
  route(app, 'PUT', '/api/v2/brands/:id', (request) => {
    const brand = applyBrand(brandOf(request), bodyObject(request, 'brand'));
    brand.updated_at = ctx.timestamp();
    ctx.state.brands.set(brand.id, brand);
    return { brand: brandJson(brand, ctx.base()) };
  });
  route(app, 'DELETE', '/api/v2/brands/:id', (request, reply) => {
    const brand = brandOf(request);
    if (brand.default)
      throw recordInvalid({
        base: [{ description: 'The default brand cannot be deleted', error: 'InvalidValue' }],
      });
    ctx.state.brands.delete(brand.id);
    return reply.status(204).send();
  });

  // Custom statuses are listed without pagination, as Zendesk documents ("No pagination is provided").
  route(app, 'GET', '/api/v2/custom_statuses', (request) => {
    const query = queryOf(request);
    const categories = param(query, 'status_categories')?.split(',');
    const active = param(query, 'active');
    const statuses = [...ctx.state.customStatuses.values()]
      .filter((s) => !categories || categories.includes(s.status_category))
      .filter((s) => active === undefined || String(s.active) === active);
    return { custom_statuses: statuses.map((s) => customStatusJson(s, ctx.base())) };
  });
  route(app, 'GET', '/api/v2/custom_statuses/:id', (request) => ({
    custom_status: customStatusJson(statusOf(request), ctx.base()),
  }));
  route(app, 'POST', '/api/v2/custom_statuses', (request, reply) => {
    const input = bodyObject(request, 'custom_status');
    if (!CATEGORIES.includes(input.status_category as StatusCategory)) {
      throw recordInvalid({
        status_category: [
          {
            description: `Status category: ${String(input.status_category)} is not valid`,
            error: 'InvalidValue',
          },
        ],
      });
    }
    const now = ctx.timestamp();
    const status = applyStatus(
      {
        id: 0,
        status_category: input.status_category as StatusCategory,
        agent_label: '',
        end_user_label: '',
        description: '',
        end_user_description: '',
        active: true,
        default: false,
        created_at: now,
        updated_at: now,
      },
      input,
    );
    status.id = ctx.nextId();
    ctx.state.customStatuses.set(status.id, status);
    reply.status(201);
    return { custom_status: customStatusJson(status, ctx.base()) };
  });
  route(app, 'PUT', '/api/v2/custom_statuses/:id', (request) => {
    const status = applyStatus(statusOf(request), bodyObject(request, 'custom_status'));
    status.updated_at = ctx.timestamp();
    ctx.state.customStatuses.set(status.id, status);
    return { custom_status: customStatusJson(status, ctx.base()) };
  });

  route(app, 'GET', '/api/v2/ticket_fields', (request) => {
    const query = queryOf(request);
    const fields = [...ctx.state.ticketFields.values()];
    if (param(query, 'page[size]') !== undefined || param(query, 'page[after]') !== undefined) {
      return paginate(fields, 'ticket_fields', query, `${ctx.base()}/api/v2/ticket_fields`, (f) =>
        ticketFieldJson(f, ctx.base()),
      ).body;
    }
    // Without cursor parameters every field comes back, ordered by position (Zendesk's "no pagination").
    const byPosition = fields.sort((a, b) => a.position - b.position);
    return {
      ticket_fields: byPosition.map((f) => ticketFieldJson(f, ctx.base())),
      next_page: null,
      previous_page: null,
      count: fields.length,
    };
  });
  route(app, 'GET', '/api/v2/ticket_fields/:id', (request) => ({
    ticket_field: ticketFieldJson(fieldOf(request), ctx.base()),
  }));
  route(app, 'POST', '/api/v2/ticket_fields', (request, reply) => {
    const input = bodyObject(request, 'ticket_field');
    if (!CUSTOM_FIELD_TYPES.includes(String(input.type))) {
      throw recordInvalid({
        type: [{ description: `Type: ${String(input.type)} is not valid`, error: 'InvalidValue' }],
      });
    }
    const now = ctx.timestamp();
    const field = applyField(
      {
        id: ctx.nextId(),
        type: String(input.type),
        title: '',
        description: '',
        position: 9999,
        active: true,
        required: false,
        visible_in_portal: false,
        editable_in_portal: false,
        removable: true,
        tag: null,
        regexp_for_validation: null,
        created_at: now,
        updated_at: now,
      },
      input,
    );
    if (field.type === 'tagger' || field.type === 'multiselect') field.custom_field_options ??= [];
    ctx.state.ticketFields.set(field.id, field);
    reply.status(201);
    return { ticket_field: ticketFieldJson(field, ctx.base()) };
  });
  route(app, 'PUT', '/api/v2/ticket_fields/:id', (request) => {
    const field = applyField(fieldOf(request), bodyObject(request, 'ticket_field'));
    field.updated_at = ctx.timestamp();
    ctx.state.ticketFields.set(field.id, field);
    return { ticket_field: ticketFieldJson(field, ctx.base()) };
  });
  route(app, 'DELETE', '/api/v2/ticket_fields/:id', (request, reply) => {
    const field = fieldOf(request);
    if (!field.removable)
      throw recordInvalid({
        base: [{ description: 'System fields cannot be deleted', error: 'InvalidValue' }],
      });
    ctx.state.ticketFields.delete(field.id);
    return reply.status(204).send();
  });

  route(app, 'GET', '/api/v2/tags', (request) => {
    const counts = new Map<string, number>();
    for (const ticket of ctx.state.tickets.values())
      for (const tag of ticket.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    // Most popular first, as Zendesk lists tags; the rank serves as the cursor position.
    const ranked = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([name, count], rank) => ({ id: rank + 1, name, count }));
    return paginate(ranked, 'tags', queryOf(request), `${ctx.base()}/api/v2/tags`, ({ name, count }) => ({
      name,
      count,
    })).body;
  });

  route(
    app,
    'GET',
    '/api/v2/views',
    (request) =>
      paginate([...ctx.state.views.values()], 'views', queryOf(request), `${ctx.base()}/api/v2/views`, (v) =>
        viewJson(v, ctx.base()),
      ).body,
  );
  route(app, 'GET', '/api/v2/views/:id', (request) => ({
    view: viewJson(found(ctx.state.views.get(idParam(request))), ctx.base()),
  }));
}

function applyBrand(current: ZdBrand, input: Record<string, unknown>): ZdBrand {
  const next = { ...current };
  if ('name' in input) next.name = String(input.name ?? '').trim();
  if (next.name === '') throw blank('name', 'Name');
  if ('subdomain' in input) next.subdomain = String(input.subdomain ?? '').trim();
  if ('active' in input) next.active = input.active !== false;
  return next;
}

function applyStatus(current: ZdCustomStatus, input: Record<string, unknown>): ZdCustomStatus {
  const next = { ...current };
  if ('agent_label' in input) next.agent_label = String(input.agent_label ?? '').trim();
  if (next.agent_label === '') throw blank('agent_label', 'Agent label');
  if ('end_user_label' in input) next.end_user_label = String(input.end_user_label ?? '');
  if (next.end_user_label === '') next.end_user_label = next.agent_label;
  if ('description' in input) next.description = String(input.description ?? '');
  if ('end_user_description' in input) next.end_user_description = String(input.end_user_description ?? '');
  if ('active' in input) next.active = input.active !== false;
  return next;
}

function applyField(current: ZdTicketField, input: Record<string, unknown>): ZdTicketField {
  const next = { ...current };
  if ('title' in input) next.title = String(input.title ?? '').trim();
  if (next.title === '') throw blank('title', 'Title');
  if ('description' in input) next.description = String(input.description ?? '');
  if ('required' in input) next.required = input.required === true;
  if ('active' in input) next.active = input.active !== false;
  if ('visible_in_portal' in input) next.visible_in_portal = input.visible_in_portal === true;
  if ('regexp_for_validation' in input)
    next.regexp_for_validation = input.regexp_for_validation ? String(input.regexp_for_validation) : null;
  if (Array.isArray(input.custom_field_options)) {
    next.custom_field_options = (input.custom_field_options as { name?: unknown; value?: unknown }[]).map(
      (o, i) => ({
        id: current.id * 100 + i,
        name: String(o.name ?? o.value ?? ''),
        value: String(o.value ?? ''),
      }),
    );
  }
  return next;
}
