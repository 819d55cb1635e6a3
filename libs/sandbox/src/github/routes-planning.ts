import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GithubContext } from './context';
import { bodyOf, invalidValue, isString, notFound, notSupplied, validationFailed } from './http';
import * as render from './representations';
import type {
  IssueFieldDataType,
  IssueFieldOptionState,
  IssueFieldState,
  IssueTypeColor,
  IssueTypeState,
} from './state';

const COLORS: readonly IssueTypeColor[] = [
  'gray',
  'blue',
  'green',
  'yellow',
  'orange',
  'red',
  'pink',
  'purple',
];
const DATA_TYPES: readonly IssueFieldDataType[] = ['text', 'number', 'date', 'single_select', 'multi_select'];

/**
 * An organization's issue types (`/orgs/{org}/issue-types`) and issue fields (`/orgs/{org}/issue-fields`).
 * Neither list is paginated; types are updated with PUT (the whole type), fields with PATCH.
 */
export function registerOrgPlanningRoutes(app: FastifyInstance, ctx: GithubContext): void {
  const s = () => ctx.state;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  /** Only the seeded organization has issue types and fields; other known orgs have none. */
  const orgOf = (request: FastifyRequest) => {
    const login = params(request).org.toLowerCase();
    const org = s().orgs.find((o) => o.login.toLowerCase() === login);
    return org ? { org, planned: s().issueRepo.split('/')[0] === org.login } : undefined;
  };

  app.get('/orgs/:org/issue-types', (request, reply) => {
    const found = orgOf(request);
    if (!found) return notFound(reply);
    return found.planned ? s().issueTypes.map(render.issueType) : [];
  });

  const writeType = (request: FastifyRequest, reply: FastifyReply, existing?: IssueTypeState) => {
    const body = bodyOf(request);
    if (!isString(body.name) || body.name === '') return notSupplied(reply, 'name');
    if (typeof body.is_enabled !== 'boolean') return notSupplied(reply, 'is_enabled');
    if (body.color !== undefined && body.color !== null && !COLORS.includes(body.color as IssueTypeColor)) {
      return invalidValue(reply, 'color', body.color, `one of ${COLORS.join(', ')}`);
    }
    const name = body.name;
    if (s().issueTypes.some((t) => t !== existing && t.name.toLowerCase() === name.toLowerCase())) {
      return validationFailed(reply, [{ resource: 'IssueType', code: 'already_exists', field: 'name' }]);
    }
    const now = ctx.now();
    const type: IssueTypeState = existing ?? {
      id: s().sequences.issueType++,
      name,
      description: null,
      color: null,
      is_enabled: true,
      created_at: now,
      updated_at: now,
    };
    Object.assign(type, {
      name,
      description: isString(body.description) ? body.description : null,
      color: (body.color as IssueTypeColor | undefined) ?? null,
      is_enabled: body.is_enabled,
      updated_at: now,
    });
    if (!existing) s().issueTypes.push(type);
    return existing ? render.issueType(type) : reply.status(200).send(render.issueType(type));
  };

  app.post('/orgs/:org/issue-types', (request, reply) =>
    orgOf(request)?.planned ? writeType(request, reply) : notFound(reply),
  );

  const findType = (request: FastifyRequest) =>
    orgOf(request)?.planned
      ? s().issueTypes.find((t) => String(t.id) === params(request).issue_type_id)
      : undefined;

  app.put('/orgs/:org/issue-types/:issue_type_id', (request, reply) => {
    const type = findType(request);
    return type ? writeType(request, reply, type) : notFound(reply);
  });

  app.delete('/orgs/:org/issue-types/:issue_type_id', (request, reply) => {
    const type = findType(request);
    if (!type) return notFound(reply);
    s().issueTypes.splice(s().issueTypes.indexOf(type), 1);
    for (const issue of s().issues) if (issue.type === type.id) issue.type = null;
    return reply.status(204).send();
  });

  app.get('/orgs/:org/issue-fields', (request, reply) => {
    const found = orgOf(request);
    if (!found) return notFound(reply);
    return found.planned ? s().issueFields.map(render.issueField) : [];
  });

  const findField = (request: FastifyRequest) =>
    orgOf(request)?.planned
      ? s().issueFields.find((f) => String(f.id) === params(request).issue_field_id)
      : undefined;

  app.post('/orgs/:org/issue-fields', (request, reply) => {
    if (!orgOf(request)?.planned) return notFound(reply);
    const body = bodyOf(request);
    if (!isString(body.name) || body.name === '') return notSupplied(reply, 'name');
    if (!DATA_TYPES.includes(body.data_type as IssueFieldDataType)) {
      return body.data_type === undefined
        ? notSupplied(reply, 'data_type')
        : invalidValue(reply, 'data_type', body.data_type, `one of ${DATA_TYPES.join(', ')}`);
    }
    const now = ctx.now();
    const field: IssueFieldState = {
      id: s().sequences.issueField++,
      name: body.name,
      description: null,
      data_type: body.data_type as IssueFieldDataType,
      visibility: 'organization_members_only',
      options: null,
      created_at: now,
      updated_at: now,
    };
    if (!applyField(reply, field, body)) return reply;
    s().issueFields.push(field);
    return reply.status(200).send(render.issueField(field));
  });

  app.patch('/orgs/:org/issue-fields/:issue_field_id', (request, reply) => {
    const field = findField(request);
    if (!field) return notFound(reply);
    const draft = { ...field };
    if (!applyField(reply, draft, bodyOf(request))) return reply;
    Object.assign(field, draft, { updated_at: ctx.now() });
    return render.issueField(field);
  });

  app.delete('/orgs/:org/issue-fields/:issue_field_id', (request, reply) => {
    const field = findField(request);
    if (!field) return notFound(reply);
    s().issueFields.splice(s().issueFields.indexOf(field), 1);
    for (const issue of s().issues)
      issue.field_values = issue.field_values.filter((v) => v.field_id !== field.id);
    return reply.status(204).send();
  });

  /** name, description, visibility and options; select fields need at least one option. */
  function applyField(reply: FastifyReply, field: IssueFieldState, body: Record<string, unknown>): boolean {
    if ('name' in body && (!isString(body.name) || body.name === '')) {
      validationFailed(reply, [{ resource: 'IssueField', code: 'missing_field', field: 'name' }]);
      return false;
    }
    const name = isString(body.name) ? body.name : field.name;
    if (s().issueFields.some((f) => f.id !== field.id && f.name.toLowerCase() === name.toLowerCase())) {
      validationFailed(reply, [{ resource: 'IssueField', code: 'already_exists', field: 'name' }]);
      return false;
    }
    const selects = field.data_type === 'single_select' || field.data_type === 'multi_select';
    let options = field.options;
    if ('options' in body) {
      const given = Array.isArray(body.options)
        ? (body.options as { name?: unknown; color?: unknown }[])
        : [];
      options = given.map((o): IssueFieldOptionState => ({
        id: s().sequences.option++,
        name: String(o?.name ?? ''),
        color: COLORS.includes(o?.color as IssueTypeColor) ? (o.color as IssueTypeColor) : 'gray',
      }));
    }
    if (selects && (!options || options.length === 0 || options.some((o) => o.name === ''))) {
      validationFailed(reply, [{ resource: 'IssueField', code: 'missing_field', field: 'options' }]);
      return false;
    }
    field.name = name;
    if ('description' in body) field.description = isString(body.description) ? body.description : null;
    if (body.visibility === 'all' || body.visibility === 'organization_members_only')
      field.visibility = body.visibility;
    field.options = selects ? options : null;
    return true;
  }
}
