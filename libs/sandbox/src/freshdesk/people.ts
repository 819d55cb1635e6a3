/**
 * Contacts, companies and groups as Freshdesk validates them. Contacts need a name and one way to reach
 * them, e-mails are unique (409), and DELETE moves a contact to the trash: it still reads, with
 * `deleted: true`, but lists (which can filter on `_updated_since`, `email`, `company_id`) leave it out.
 */
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext, EmulatorKit, EmulatorPaging, ProviderObject } from '../kit/described';
import { allowOnly, conflict, EMAIL, invalid, optionalId, requireString, stamp } from './errors';

const CONTACT_FIELDS = [
  'name',
  'email',
  'phone',
  'mobile',
  'twitter_id',
  'unique_external_id',
  'other_emails',
  'company_id',
  'description',
  'job_title',
  'language',
  'time_zone',
  'address',
  'tags',
  'custom_fields',
  'view_all_tickets',
];

function contactAttributes(input: ProviderObject, ctx: EmulatorContext, self?: unknown): ProviderObject {
  allowOnly(input, CONTACT_FIELDS);
  if (input.name !== undefined) requireString(input, 'name');
  if (typeof input.email === 'string') {
    if (!EMAIL.test(input.email)) invalid('email', 'It should be a valid email address');
    if (ctx.find('contacts', (c) => c.email === input.email && c.id !== self)) conflict('email');
  }
  if (input.other_emails !== undefined) {
    const others = input.other_emails;
    if (!Array.isArray(others) || others.some((e) => typeof e !== 'string' || !EMAIL.test(e)))
      invalid('other_emails', 'It should contain elements that are valid email addresses');
  }
  const company = optionalId(input, 'company_id');
  if (company && !ctx.find('companies', (c) => c.id === company))
    invalid('company_id', 'There is no company matching the given company_id');
  return input;
}

export function createContact(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  requireString(input, 'name');
  const attrs = contactAttributes(input, ctx);
  if (!['email', 'phone', 'mobile', 'twitter_id', 'unique_external_id'].some((k) => attrs[k]))
    invalid(
      'email',
      'Please fill at least 1 of email, mobile, phone, twitter_id, unique_external_id fields',
      'missing_field',
    );
  const now = stamp(ctx.now());
  return {
    ...ctx.records('contacts')[0],
    active: false,
    address: null,
    company_id: null,
    description: null,
    email: null,
    job_title: null,
    mobile: null,
    phone: null,
    twitter_id: null,
    unique_external_id: null,
    other_emails: [],
    custom_fields: {},
    tags: [],
    ...attrs,
    id: ctx.nextId('contacts'),
    deleted: false,
    created_at: now,
    updated_at: now,
  };
}

export function updateContact(contact: ProviderObject, input: ProviderObject, ctx: EmulatorContext) {
  return { ...contact, ...contactAttributes(input, ctx, contact.id), updated_at: stamp(ctx.now()) };
}

export function companyWrite(create: boolean) {
  return (input: ProviderObject, ctx: EmulatorContext, company?: ProviderObject): ProviderObject => {
    allowOnly(input, [
      'name',
      'description',
      'note',
      'domains',
      'health_score',
      'account_tier',
      'renewal_date',
      'industry',
      'custom_fields',
    ]);
    if (create || input.name !== undefined) requireString(input, 'name');
    if (
      input.name !== undefined &&
      ctx.find('companies', (c) => c.name === input.name && c.id !== company?.id)
    )
      conflict('name');
    if (
      input.domains !== undefined &&
      (!Array.isArray(input.domains) || input.domains.some((d) => typeof d !== 'string'))
    )
      invalid('domains', 'It should be a/an Array', 'datatype_mismatch');
    const now = stamp(ctx.now());
    if (company) return { ...company, ...input, updated_at: now };
    return {
      ...{ description: null, note: null, domains: [], health_score: null, account_tier: 'Basic' },
      ...{ renewal_date: null, industry: null, custom_fields: {} },
      ...input,
      id: ctx.nextId('companies'),
      created_at: now,
      updated_at: now,
    };
  };
}

export function groupWrite(create: boolean) {
  return (input: ProviderObject, ctx: EmulatorContext, group?: ProviderObject): ProviderObject => {
    allowOnly(input, [
      'name',
      'description',
      'agent_ids',
      'auto_ticket_assign',
      'escalate_to',
      'unassigned_for',
    ]);
    if (create || input.name !== undefined) requireString(input, 'name');
    if (input.name !== undefined && ctx.find('groups', (g) => g.name === input.name && g.id !== group?.id))
      conflict('name');
    if (input.agent_ids !== undefined) {
      const ids = input.agent_ids;
      const unknown = Array.isArray(ids)
        ? ids.filter((id) => !ctx.find('agents', (a) => a.id === id))
        : [ids];
      if (unknown.length > 0)
        invalid('agent_ids', `There are no records matching the ids: '${unknown.join(',')}'`);
    }
    const now = stamp(ctx.now());
    if (group) return { ...group, ...input, updated_at: now };
    return {
      id: ctx.nextId('groups'),
      name: input.name,
      description: null,
      escalate_to: null,
      unassigned_for: null,
      business_hour_id: null,
      group_type: 'support_agent_group',
      agent_ids: [],
      auto_ticket_assign: 0,
      ...input,
      created_at: now,
      updated_at: now,
    };
  };
}

/** GET /contacts (not the trashed ones unless `state=deleted`) and DELETE /contacts/:id (to the trash). */
export function contactRoutes(app: FastifyInstance, kit: EmulatorKit, paging: EmulatorPaging): void {
  app.get('/api/v2/contacts', async (request, reply) => {
    const ctx = kit.context(request);
    const q = ctx.query;
    if (q._updated_since !== undefined && !Number.isFinite(Date.parse(q._updated_since)))
      invalid('_updated_since', "It should be in the 'valid date time' format");
    const matching = ctx
      .records('contacts')
      .filter((c) => (q.state === 'deleted' ? c.deleted === true : c.deleted !== true))
      .filter((c) => !q.email || c.email === q.email)
      .filter((c) => !q.company_id || String(c.company_id) === q.company_id)
      .filter((c) => !q._updated_since || Date.parse(String(c.updated_at)) >= Date.parse(q._updated_since))
      .sort((a, b) => Number(a.id) - Number(b.id));
    const page = kit.page(matching, paging, ctx);
    if ('refused' in page)
      return invalid('per_page', 'It should be a Positive Integer less than or equal to 100');
    void reply.headers(page.headers);
    return page.items;
  });

  app.delete('/api/v2/contacts/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const contacts = ctx.records('contacts');
    const index = contacts.findIndex((c) => String(c.id) === ctx.params.id && c.deleted !== true);
    if (index < 0) return kit.notFound(reply, 'contacts');
    contacts[index] = { ...contacts[index], deleted: true, updated_at: stamp(ctx.now()) };
    return reply.status(204).send();
  });
}
