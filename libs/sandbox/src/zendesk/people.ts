import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZendeskContext } from './context';
import { bodyObject, idParam, notFound, param, queryOf, recordInvalid, route, type FieldError } from './http';
import { newEndUser, type UserRole, type ZdGroup, type ZdOrganization, type ZdUser } from './model';
import { paginate } from './pagination';
import { groupJson, organizationJson, userJson } from './serialize';

const ROLES: readonly UserRole[] = ['end-user', 'agent', 'admin'];

const tooShort = (field: string, label: string): Record<string, FieldError[]> => ({
  [field]: [{ description: `${label}:  is too short (minimum one character)`, error: 'ValueTooShort' }],
});

/** Users (agents, admins and end users), organizations and groups. */
export function peopleRoutes(app: FastifyInstance, ctx: ZendeskContext): void {
  const userOr404 = (request: FastifyRequest) => ctx.state.users.get(idParam(request)) ?? throwNotFound();
  const orgOr404 = (request: FastifyRequest) =>
    ctx.state.organizations.get(idParam(request)) ?? throwNotFound();
  const groupOr404 = (request: FastifyRequest) => ctx.state.groups.get(idParam(request)) ?? throwNotFound();

  route(app, 'GET', '/api/v2/users', (request) => {
    const query = queryOf(request);
    const many = query['role[]'];
    const roles = Array.isArray(many)
      ? many
      : many
        ? [many]
        : param(query, 'role')
          ? [param(query, 'role')]
          : [];
    const users = [...ctx.state.users.values()].filter((u) => roles.length === 0 || roles.includes(u.role));
    return paginate(users, 'users', query, `${ctx.base()}/api/v2/users`, (u) => userJson(u, ctx.base())).body;
  });
  route(app, 'GET', '/api/v2/users/:id', (request) => ({ user: userJson(userOr404(request), ctx.base()) }));
  route(app, 'POST', '/api/v2/users', (request, reply) => {
    const input = bodyObject(request, 'user');
    const now = ctx.timestamp();
    const blank = newEndUser(0, '', null, now);
    const user = applyUserInput(ctx, blank, input);
    user.id = ctx.nextId();
    ctx.state.users.set(user.id, user);
    ctx.events.userEvent('user.created', user);
    reply.status(201);
    return { user: userJson(user, ctx.base()) };
  });
  route(app, 'PUT', '/api/v2/users/:id', (request) => {
    const current = userOr404(request);
    const next = applyUserInput(ctx, current, bodyObject(request, 'user'));
    next.updated_at = ctx.timestamp();
    ctx.state.users.set(next.id, next);
    for (const [key, type] of [
      ['name', 'name'],
      ['role', 'role'],
      ['details', 'details'],
      ['notes', 'notes'],
    ] as const) {
      if (current[key] !== next[key])
        ctx.events.userEvent(`user.${type}_changed`, next, { current: next[key], previous: current[key] });
    }
    return { user: userJson(next, ctx.base()) };
  });
  // Zendesk soft-deletes users: the record stays readable with `active: false`.
  route(app, 'DELETE', '/api/v2/users/:id', (request) => {
    const user = userOr404(request);
    const deleted = { ...user, active: false, updated_at: ctx.timestamp() };
    ctx.state.users.set(user.id, deleted);
    ctx.events.userEvent('user.deleted', deleted);
    return { user: userJson(deleted, ctx.base()) };
  });

  route(
    app,
    'GET',
    '/api/v2/organizations',
    (request) =>
      paginate(
        [...ctx.state.organizations.values()],
        'organizations',
        queryOf(request),
        `${ctx.base()}/api/v2/organizations`,
        (o) => organizationJson(o, ctx.base()),
      ).body,
  );
  route(app, 'GET', '/api/v2/organizations/:id', (request) => ({
    organization: organizationJson(orgOr404(request), ctx.base()),
  }));
  route(app, 'POST', '/api/v2/organizations', (request, reply) => {
    const now = ctx.timestamp();
    const blank: ZdOrganization = {
      id: 0,
      name: '',
      domain_names: [],
      details: '',
      notes: '',
      group_id: null,
      tags: [],
      external_id: null,
      created_at: now,
      updated_at: now,
    };
    const org = applyOrganizationInput(ctx, blank, bodyObject(request, 'organization'));
    org.id = ctx.nextId();
    ctx.state.organizations.set(org.id, org);
    ctx.events.organizationEvent('organization.created', org);
    reply.status(201);
    return { organization: organizationJson(org, ctx.base()) };
  });
  route(app, 'PUT', '/api/v2/organizations/:id', (request) => {
    const current = orgOr404(request);
    const next = applyOrganizationInput(ctx, current, bodyObject(request, 'organization'));
    next.updated_at = ctx.timestamp();
    ctx.state.organizations.set(next.id, next);
    if (current.name !== next.name) {
      ctx.events.organizationEvent('organization.name_changed', next, {
        current: next.name,
        previous: current.name,
      });
    }
    if (JSON.stringify(current.tags) !== JSON.stringify(next.tags)) {
      ctx.events.organizationEvent('organization.tags_changed', next, {
        tags_added: next.tags.filter((t) => !current.tags.includes(t)),
        tags_removed: current.tags.filter((t) => !next.tags.includes(t)),
      });
    }
    return { organization: organizationJson(next, ctx.base()) };
  });
  route(app, 'DELETE', '/api/v2/organizations/:id', (request, reply) => {
    const org = orgOr404(request);
    ctx.state.organizations.delete(org.id);
    ctx.events.organizationEvent('organization.deleted', org);
    return reply.status(204).send();
  });

  route(
    app,
    'GET',
    '/api/v2/groups',
    (request) =>
      paginate(
        [...ctx.state.groups.values()],
        'groups',
        queryOf(request),
        `${ctx.base()}/api/v2/groups`,
        (g) => groupJson(g, ctx.base()),
      ).body,
  );
  route(app, 'GET', '/api/v2/groups/:id', (request) => ({
    group: groupJson(groupOr404(request), ctx.base()),
  }));
  route(app, 'POST', '/api/v2/groups', (request, reply) => {
    const now = ctx.timestamp();
    const blank: ZdGroup = {
      id: 0,
      name: '',
      description: '',
      default: false,
      is_public: true,
      created_at: now,
      updated_at: now,
    };
    const group = applyGroupInput(blank, bodyObject(request, 'group'));
    group.id = ctx.nextId();
    ctx.state.groups.set(group.id, group);
    reply.status(201);
    return { group: groupJson(group, ctx.base()) };
  });
  route(app, 'PUT', '/api/v2/groups/:id', (request) => {
    const next = applyGroupInput(groupOr404(request), bodyObject(request, 'group'));
    next.updated_at = ctx.timestamp();
    ctx.state.groups.set(next.id, next);
    return { group: groupJson(next, ctx.base()) };
  });
  route(app, 'DELETE', '/api/v2/groups/:id', (request, reply) => {
    ctx.state.groups.delete(groupOr404(request).id);
    return reply.status(204).send();
  });
}

function throwNotFound(): never {
  throw notFound();
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

function applyUserInput(ctx: ZendeskContext, current: ZdUser, input: Record<string, unknown>): ZdUser {
  const next: ZdUser = { ...current, tags: [...current.tags], user_fields: { ...current.user_fields } };
  if ('name' in input) next.name = text(input.name, '').trim();
  if (next.name === '') throw recordInvalid(tooShort('name', 'Name'));
  if ('email' in input) {
    const email = input.email === null ? null : String(input.email).trim().toLowerCase();
    if (email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      throw recordInvalid({
        email: [{ description: `Email: ${email} is not properly formatted`, error: 'InvalidFormat' }],
      });
    }
    const taken = [...ctx.state.users.values()].some((u) => u.email === email && u.id !== current.id);
    if (email !== null && taken) {
      throw recordInvalid({
        email: [
          { description: `Email: ${email} is already being used by another user`, error: 'DuplicateValue' },
        ],
      });
    }
    next.email = email;
  }
  if ('role' in input) {
    if (!ROLES.includes(input.role as UserRole)) {
      throw recordInvalid({
        role: [{ description: `Role: ${String(input.role)} is not valid`, error: 'InvalidValue' }],
      });
    }
    next.role = input.role as UserRole;
  }
  if ('phone' in input) next.phone = input.phone === null ? null : String(input.phone);
  if ('details' in input) next.details = text(input.details, '');
  if ('notes' in input) next.notes = text(input.notes, '');
  if ('suspended' in input) next.suspended = input.suspended === true;
  if ('organization_id' in input) {
    const id = input.organization_id === null ? null : Number(input.organization_id);
    if (id !== null && !ctx.state.organizations.has(id)) {
      throw recordInvalid({
        organization_id: [{ description: `Organization: ${id} is not valid`, error: 'InvalidValue' }],
      });
    }
    next.organization_id = id;
  }
  if ('default_group_id' in input)
    next.default_group_id = input.default_group_id === null ? null : Number(input.default_group_id);
  if (typeof input.user_fields === 'object' && input.user_fields !== null)
    Object.assign(next.user_fields, input.user_fields);
  return next;
}

function applyOrganizationInput(
  ctx: ZendeskContext,
  current: ZdOrganization,
  input: Record<string, unknown>,
): ZdOrganization {
  const next: ZdOrganization = {
    ...current,
    domain_names: [...current.domain_names],
    tags: [...current.tags],
  };
  if ('name' in input) next.name = text(input.name, '').trim();
  if (next.name === '') throw recordInvalid(tooShort('name', 'Name'));
  const taken = [...ctx.state.organizations.values()].some(
    (o) => o.name.toLowerCase() === next.name.toLowerCase() && o.id !== current.id,
  );
  if (taken)
    throw recordInvalid({ name: [{ description: 'Name: has already been taken', error: 'DuplicateValue' }] });
  if (Array.isArray(input.domain_names)) next.domain_names = input.domain_names.map(String);
  if ('details' in input) next.details = text(input.details, '');
  if ('notes' in input) next.notes = text(input.notes, '');
  if (Array.isArray(input.tags)) next.tags = input.tags.map(String);
  if ('external_id' in input)
    next.external_id = input.external_id === null ? null : String(input.external_id);
  if ('group_id' in input) next.group_id = input.group_id === null ? null : Number(input.group_id);
  return next;
}

function applyGroupInput(current: ZdGroup, input: Record<string, unknown>): ZdGroup {
  const next: ZdGroup = { ...current };
  if ('name' in input) next.name = text(input.name, '').trim();
  if (next.name === '') throw recordInvalid(tooShort('name', 'Name'));
  if ('description' in input) next.description = text(input.description, '');
  if ('is_public' in input) next.is_public = input.is_public !== false;
  return next;
}
