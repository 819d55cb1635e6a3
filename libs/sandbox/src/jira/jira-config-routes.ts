import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isRecordBody, pageBean, pageWindow, param, sendError, type Query } from './jira-http';
import type { JiraField, JiraIssueType, JiraPriority } from './jira-model';
import { renderAttachment, renderIssueType, renderStatus, type RenderContext } from './jira-render';
import type { JiraSite } from './jira-site';

type ById = FastifyRequest<{ Params: { id: string }; Querystring: Query }>;

const CUSTOM_TYPES: Record<string, { type: string; items?: string; richText?: boolean }> = {
  textfield: { type: 'string' },
  textarea: { type: 'string', richText: true },
  float: { type: 'number' },
  select: { type: 'option' },
  multiselect: { type: 'array', items: 'option' },
  datepicker: { type: 'date' },
  datetime: { type: 'datetime' },
  url: { type: 'string' },
  userpicker: { type: 'user' },
  labels: { type: 'array', items: 'string' },
};
const CUSTOM_PREFIX = 'com.atlassian.jira.plugin.system.customfieldtypes:';

function fieldDetails(field: JiraField): Record<string, unknown> {
  return {
    id: field.id,
    key: field.id,
    name: field.name,
    custom: field.custom,
    orderable: !['created', 'updated', 'creator', 'resolutiondate', 'status'].includes(field.id),
    navigable: true,
    searchable: true,
    clauseNames: field.custom ? [`cf[${field.schema.customId}]`, field.name] : [field.id],
    schema: field.schema,
  };
}

function priorityJson(ctx: RenderContext, p: JiraPriority): Record<string, unknown> {
  return {
    self: `${ctx.base}/rest/api/3/priority/${p.id}`,
    statusColor: p.statusColor,
    description: p.description,
    iconUrl: `${ctx.base}${p.iconUrl}`,
    name: p.name,
    id: p.id,
    isDefault: p.isDefault,
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function registerConfigRoutes(app: FastifyInstance, site: JiraSite): void {
  app.get('/rest/api/3/issuetype', (_request, reply) =>
    reply.send([...site.state.issueTypes.keys()].map((id) => renderIssueType(site.render(3), id))),
  );
  app.get('/rest/api/3/issuetype/:id', (request: ById, reply) =>
    site.state.issueTypes.has(request.params.id)
      ? reply.send(renderIssueType(site.render(3), request.params.id))
      : sendError(reply, 404, [`The issue type with id '${request.params.id}' does not exist.`]),
  );
  const checkType = (body: Record<string, unknown>, self?: JiraIssueType): Record<string, string> => {
    const name = text(body.name);
    const clash = [...site.state.issueTypes.values()].some(
      (t) => t !== self && t.name.toLowerCase() === name.toLowerCase(),
    );
    if ((self === undefined || 'name' in body) && name === '')
      return { name: 'The issue type name must not be empty.' };
    if (name.length > 60) return { name: 'The issue type name must not exceed 60 characters.' };
    return clash ? { name: 'An issue type with this name already exists.' } : {};
  };
  app.post('/rest/api/3/issuetype', (request, reply) => {
    const body = isRecordBody(request.body) ? request.body : {};
    const errors = checkType(body);
    if (Object.keys(errors).length > 0) return sendError(reply, 400, [], errors);
    const subtask = body.type === 'subtask' || body.hierarchyLevel === -1;
    const type: JiraIssueType = {
      id: site.state.nextId(),
      name: text(body.name),
      description: text(body.description),
      subtask,
      hierarchyLevel: subtask ? -1 : 0,
      avatarId: 10318,
    };
    site.state.issueTypes.set(type.id, type);
    return reply.status(201).send(renderIssueType(site.render(3), type.id));
  });
  app.put('/rest/api/3/issuetype/:id', (request: ById, reply) => {
    const type = site.state.issueTypes.get(request.params.id);
    if (!type)
      return sendError(reply, 404, [`The issue type with id '${request.params.id}' does not exist.`]);
    const body = isRecordBody(request.body) ? request.body : {};
    const errors = checkType(body, type);
    if (Object.keys(errors).length > 0) return sendError(reply, 400, [], errors);
    site.state.issueTypes.set(type.id, {
      ...type,
      ...('name' in body ? { name: text(body.name) } : {}),
      ...('description' in body ? { description: text(body.description) } : {}),
    });
    return reply.send(renderIssueType(site.render(3), type.id));
  });
  app.delete('/rest/api/3/issuetype/:id', (request: ById, reply) => {
    if (!site.state.issueTypes.has(request.params.id)) {
      return sendError(reply, 404, [`The issue type with id '${request.params.id}' does not exist.`]);
    }
    const alternative = param(request.query, 'alternativeIssueTypeId');
    const inUse = [...site.state.issues.values()].filter((i) => i.issuetypeId === request.params.id);
    if (inUse.length > 0 && !(alternative && site.state.issueTypes.has(alternative))) {
      return sendError(reply, 409, ['The issue type is in use: specify an alternative issue type.']);
    }
    for (const issue of inUse)
      site.state.issues.set(issue.id, { ...issue, issuetypeId: alternative ?? issue.issuetypeId });
    site.state.issueTypes.delete(request.params.id);
    return reply.status(204).send();
  });

  app.get('/rest/api/3/status', (_request, reply) =>
    reply.send([...site.state.statuses.keys()].map((id) => renderStatus(site.render(3), id))),
  );
  app.get('/rest/api/3/status/:id', (request: ById, reply) => {
    const status = site.state.findStatus(request.params.id);
    return status
      ? reply.send(renderStatus(site.render(3), status.id))
      : sendError(reply, 404, [`The status with id '${request.params.id}' does not exist.`]);
  });

  app.get<{ Querystring: Query }>('/rest/api/3/priority/search', (request, reply) => {
    const ctx = site.render(3);
    const values = [...site.state.priorities.values()].map((p) => priorityJson(ctx, p));
    return reply.send(
      pageBean(`${ctx.base}/rest/api/3/priority/search`, values, pageWindow(request.query, 50, 50)),
    );
  });
  app.get('/rest/api/3/priority/:id', (request: ById, reply) => {
    const priority = site.state.priorities.get(request.params.id);
    return priority
      ? reply.send(priorityJson(site.render(3), priority))
      : sendError(reply, 404, [`The priority with id '${request.params.id}' does not exist.`]);
  });
  const checkPriority = (body: Record<string, unknown>, self?: JiraPriority): Record<string, string> => {
    const errors: Record<string, string> = {};
    if ((self === undefined || 'name' in body) && text(body.name) === '')
      errors.name = 'The priority name must not be empty.';
    else if ([...site.state.priorities.values()].some((p) => p !== self && p.name === text(body.name)))
      errors.name = 'A priority with this name already exists.';
    if (
      (self === undefined || 'statusColor' in body) &&
      !/^#[0-9a-fA-F]{3,6}$/.test(text(body.statusColor))
    ) {
      errors.statusColor = 'The status color must be a hex color code, e.g. #FF0000.';
    }
    return errors;
  };
  app.post('/rest/api/3/priority', (request, reply) => {
    const body = isRecordBody(request.body) ? request.body : {};
    const errors = checkPriority(body);
    if (Object.keys(errors).length > 0) return sendError(reply, 400, [], errors);
    const id = site.state.nextId();
    const iconUrl = text(body.iconUrl) || '/images/icons/priorities/medium.svg';
    site.state.priorities.set(id, {
      id,
      name: text(body.name),
      description: text(body.description),
      statusColor: text(body.statusColor),
      iconUrl,
      isDefault: false,
    });
    return reply.status(201).send({ id });
  });
  app.put('/rest/api/3/priority/:id', (request: ById, reply) => {
    const priority = site.state.priorities.get(request.params.id);
    if (!priority)
      return sendError(reply, 404, [`The priority with id '${request.params.id}' does not exist.`]);
    const body = isRecordBody(request.body) ? request.body : {};
    const errors = checkPriority(body, priority);
    if (Object.keys(errors).length > 0) return sendError(reply, 400, [], errors);
    site.state.priorities.set(priority.id, {
      ...priority,
      ...('name' in body ? { name: text(body.name) } : {}),
      ...('description' in body ? { description: text(body.description) } : {}),
      ...('statusColor' in body ? { statusColor: text(body.statusColor) } : {}),
    });
    return reply.status(204).send();
  });

  app.get('/rest/api/3/field', (_request, reply) =>
    reply.send([...site.state.fields.values()].map(fieldDetails)),
  );
  app.get<{ Querystring: Query }>('/rest/api/3/field/search', (request, reply) => {
    const ids = ([] as (string | undefined)[])
      .concat(request.query.id)
      .filter((i): i is string => Boolean(i));
    const kinds = (param(request.query, 'type') ?? '').split(',').filter(Boolean);
    const fields = [...site.state.fields.values()].filter(
      (f) =>
        (ids.length === 0 || ids.includes(f.id)) &&
        (kinds.length === 0 || kinds.includes(f.custom ? 'custom' : 'system')),
    );
    const values = fields.map((f) => ({
      id: f.id,
      name: f.name,
      schema: f.schema,
      ...(f.description ? { description: f.description } : {}),
      key: f.id,
      isLocked: false,
      ...(f.searcherKey ? { searcherKey: f.searcherKey } : {}),
      screensCount: 1,
      contextsCount: 1,
      lastUsed: { type: 'NOT_TRACKED' },
    }));
    return reply.send(
      pageBean(`${site.render(3).base}/rest/api/3/field/search`, values, pageWindow(request.query, 50, 100)),
    );
  });
  app.post('/rest/api/3/field', (request, reply) => {
    const body = isRecordBody(request.body) ? request.body : {};
    const typeKey = text(body.type);
    const kind = typeKey.startsWith(CUSTOM_PREFIX)
      ? CUSTOM_TYPES[typeKey.slice(CUSTOM_PREFIX.length)]
      : undefined;
    if (text(body.name) === '')
      return sendError(reply, 400, [], { name: 'You must specify a name for the custom field.' });
    if (!kind) return sendError(reply, 400, [`Custom field type '${typeKey}' not found.`]);
    const n = Number(site.state.nextId());
    const field: JiraField = {
      id: `customfield_${n}`,
      name: text(body.name),
      custom: true,
      description: text(body.description) || undefined,
      schema: { type: kind.type, ...(kind.items ? { items: kind.items } : {}), custom: typeKey, customId: n },
      searcherKey: text(body.searcherKey) || undefined,
      richText: kind.richText,
    };
    site.state.fields.set(field.id, field);
    return reply.status(201).send(fieldDetails(field));
  });
  app.put('/rest/api/3/field/:id', (request: ById, reply) => {
    const field = site.state.fields.get(request.params.id);
    if (!field?.custom) return sendError(reply, 404, ['The custom field was not found.']);
    const body = isRecordBody(request.body) ? request.body : {};
    if ('name' in body && text(body.name) === '')
      return sendError(reply, 400, [], { name: 'You must specify a name for the custom field.' });
    site.state.fields.set(field.id, {
      ...field,
      ...('name' in body ? { name: text(body.name) } : {}),
      ...('description' in body ? { description: text(body.description) } : {}),
    });
    return reply.status(204).send();
  });

  app.get<{ Querystring: Query }>('/rest/api/3/label', (request, reply) => {
    const ctx = site.render(3);
    return reply.send(
      pageBean(
        `${ctx.base}/rest/api/3/label`,
        [...site.state.labels].sort(),
        pageWindow(request.query, 1000, 1000),
      ),
    );
  });

  const attachmentOf = (id: string) => site.state.attachments.get(Number(id));
  app.get('/rest/api/3/attachment/:id', (request: ById, reply) => {
    const attachment = attachmentOf(request.params.id);
    if (!attachment)
      return sendError(reply, 404, [`The attachment with id '${request.params.id}' does not exist`]);
    const ctx = site.render(3);
    return reply.send({
      ...renderAttachment(ctx, attachment),
      self: `${ctx.base}/rest/api/3/attachment/${attachment.id}`,
      properties: {},
    });
  });
  app.delete('/rest/api/3/attachment/:id', (request: ById, reply) => {
    const attachment = attachmentOf(request.params.id);
    if (!attachment)
      return sendError(reply, 404, [`The attachment with id '${request.params.id}' does not exist`]);
    site.state.attachments.delete(attachment.id);
    return reply.status(204).send();
  });
}
