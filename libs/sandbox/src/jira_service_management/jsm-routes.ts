/**
 * The routes of the JSM emulator that its collections cannot derive: keys in place of issue ids,
 * per-desk customers and organizations, SLAs, workflow transitions, and the Jira platform calls a JSM
 * integration makes on the same site (issue edit, transitions, user).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorContext, EmulatorKit, EmulatorPaging, ProviderObject } from '../kit/described';
import { isAdfDocument, adfToText } from '../jira/jira-adf';
import { ISSUE_NOT_FOUND } from '../jira/jira-http';
import { jiraIssue, jiraUser } from './jsm-jira';
import { jsmError, organizationDto, slaDtos, userDto } from './jsm-render';
import { JSM_STATUSES, JSM_TRANSITIONS } from './seed';

const SD = '/rest/servicedeskapi';
const JSON_TYPE = 'application/json;charset=UTF-8';
const PAGING: EmulatorPaging = {
  style: 'offset',
  startParam: 'start',
  sizeParam: 'limit',
  defaultSize: 50,
  maxSize: 50,
};
/** The service desk the API user is not an agent of. */
const NO_AGENT_DESK = '3';
const EXPERIMENTAL_MESSAGE =
  "This API is experimental. Experimental APIs are not guaranteed to be stable within the preview period. You must set the header 'X-ExperimentalApi: opt-in' to opt into using this API.";

export function registerJsmRoutes(app: FastifyInstance, kit: EmulatorKit): void {
  const fail = (reply: FastifyReply, status: number, message: string, key: string) =>
    reply.status(status).type(JSON_TYPE).send(jsmError(message, key));
  const jiraFail = (
    reply: FastifyReply,
    status: number,
    messages: string[],
    errors: Record<string, string> = {},
  ) => reply.status(status).type(JSON_TYPE).send({ errorMessages: messages, errors });
  const paged = (
    request: FastifyRequest,
    reply: FastifyReply,
    records: ProviderObject[],
    render: (r: ProviderObject) => unknown,
  ) => {
    const ctx = kit.context(request);
    const page = kit.page(records, PAGING, ctx);
    if ('refused' in page) return fail(reply, 400, page.refused, 'sd.error.bad.request');
    const values = page.items.map(render);
    return {
      _expands: [],
      size: values.length,
      start: page.info.start,
      limit: page.info.requested,
      isLastPage: page.info.nextUrl === undefined,
      _links: {
        base: `${ctx.baseUrl()}${SD}`,
        context: '',
        ...(page.info.nextUrl ? { next: page.info.nextUrl } : {}),
      },
      values,
    };
  };
  const requestOf = (ctx: EmulatorContext, id: string) => ctx.find('requests', (r) => r.issueId === id);

  // JSM and Jira take an issue key wherever they take its id: keys become ids before any route runs.
  app.addHook('preHandler', async (request) => {
    const params = request.params as Record<string, string> | undefined;
    for (const name of ['issue', 'id'] as const) {
      const value = params?.[name];
      if (!value || !/^[A-Z][A-Z0-9_]*-\d+$/.test(value) || !/\/(request|issue)\//.test(request.url))
        continue;
      const found = kit.context(request).find('requests', (r) => r.issueKey === value);
      if (found) params[name] = String(found.issueId);
    }
  });
  // Agents of a desk only: the API user is none of desk 3's.
  app.addHook('preHandler', async (request, reply) => {
    const desk = (request.params as Record<string, string> | undefined)?.desk;
    if (desk === NO_AGENT_DESK)
      await fail(
        reply,
        403,
        'You do not have permission to access this service desk.',
        'sd.agent.permission.violation',
      );
  });

  const deskOr404 = (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = kit.context(request);
    const desk = ctx.find('serviceDesks', (d) => d.id === ctx.params.desk);
    if (!desk) void kit.notFound(reply, 'serviceDesks');
    return desk ? ctx : undefined;
  };

  app.get(`${SD}/servicedesk/:desk/customer`, async (request, reply) => {
    if (request.headers['x-experimentalapi'] !== 'opt-in')
      return fail(reply, 412, EXPERIMENTAL_MESSAGE, 'sd.api.experimental.optin.required');
    const ctx = deskOr404(request, reply);
    if (!ctx) return reply;
    const q = (ctx.query.query ?? '').toLowerCase();
    const customers = ctx
      .records('customers')
      .filter((c) => (c.serviceDeskIds as string[]).includes(ctx.params.desk))
      .filter((c) => `${String(c.displayName)} ${String(c.emailAddress)}`.toLowerCase().includes(q));
    return paged(request, reply, customers, (c) => userDto(ctx, c.accountId));
  });
  app.post(`${SD}/servicedesk/:desk/customer`, async (request, reply) => {
    const ctx = deskOr404(request, reply);
    if (!ctx) return reply;
    const body = (request.body ?? {}) as { accountIds?: unknown; usernames?: unknown };
    const ids = [
      ...(Array.isArray(body.accountIds) ? body.accountIds : []),
      ...(Array.isArray(body.usernames) ? body.usernames : []),
    ];
    const customers = ids.map((id) => ctx.find('customers', (c) => c.accountId === id));
    for (const c of customers)
      if (c && !(c.serviceDeskIds as string[]).includes(ctx.params.desk))
        (c.serviceDeskIds as string[]).push(ctx.params.desk);
    if (ids.length === 0 || customers.includes(undefined))
      return fail(reply, 400, 'One or more of the customers do not exist.', 'sd.customer.error.not.found');
    return reply.status(204).send();
  });

  app.get(`${SD}/servicedesk/:desk/organization`, async (request, reply) => {
    const ctx = deskOr404(request, reply);
    if (!ctx) return reply;
    const orgs = ctx
      .records('organizations')
      .filter((o) => (o.serviceDeskIds as string[]).includes(ctx.params.desk));
    return paged(request, reply, orgs, (o) => organizationDto(ctx, o));
  });
  app.post(`${SD}/servicedesk/:desk/organization`, async (request, reply) => {
    const ctx = deskOr404(request, reply);
    if (!ctx) return reply;
    const id = String((request.body as { organizationId?: unknown } | null)?.organizationId ?? '');
    const org = ctx.find('organizations', (o) => o.id === id);
    if (!org) return kit.notFound(reply, 'organizations');
    const desks = org.serviceDeskIds as string[];
    if (!desks.includes(ctx.params.desk)) desks.push(ctx.params.desk);
    return reply.status(204).send();
  });

  app.get(`${SD}/request/:issue/sla`, async (request, reply) => {
    const ctx = kit.context(request);
    const r = requestOf(ctx, ctx.params.issue);
    return r ? paged(request, reply, slaDtos(ctx, r), (s) => s) : kit.notFound(reply, 'requests');
  });
  app.get(`${SD}/request/:issue/sla/:metric`, async (request, reply) => {
    const ctx = kit.context(request);
    const r = requestOf(ctx, ctx.params.issue);
    const sla = r && slaDtos(ctx, r).find((s) => s.id === ctx.params.metric);
    return sla ?? fail(reply, 404, 'The SLA metric does not exist.', 'sd.sla.error.not.found');
  });

  const available = (r: ProviderObject) => JSM_TRANSITIONS.filter((t) => t.to !== r.status);
  app.get(`${SD}/request/:issue/transition`, async (request, reply) => {
    const ctx = kit.context(request);
    const r = requestOf(ctx, ctx.params.issue);
    return r
      ? paged(request, reply, available(r), ({ id, name }) => ({ id, name }))
      : kit.notFound(reply, 'requests');
  });
  app.post(`${SD}/request/:issue/transition`, async (request, reply) => {
    const ctx = kit.context(request);
    const r = requestOf(ctx, ctx.params.issue);
    if (!r) return kit.notFound(reply, 'requests');
    const body = (request.body ?? {}) as { id?: unknown; additionalComment?: { body?: unknown } };
    const transition = available(r).find((t) => t.id === String(body.id));
    if (!transition)
      return fail(
        reply,
        400,
        `The transition ID '${String(body.id)}' is not valid for this request.`,
        'sd.transition.error.invalid',
      );
    const before = structuredClone(r);
    const now = Date.parse(ctx.now());
    Object.assign(r, { status: transition.to, statusMs: now, updatedMs: now });
    if (typeof body.additionalComment?.body === 'string') {
      const comment = {
        id: String(ctx.nextId('comments')),
        issueId: r.issueId,
        body: body.additionalComment.body,
        public: true,
        authorId: before.reporterId,
        createdMs: now,
      };
      ctx.records('comments').push(comment);
      kit.announce('comments', 'created', comment, ctx);
    }
    kit.announce('requests', 'updated', r, ctx, before);
    return reply.status(204).send();
  });

  // The Jira platform on the same site: transitions with their target status, edits, users.
  app.get('/rest/api/3/issue/:id/transitions', async (request, reply) => {
    const ctx = kit.context(request);
    const r = requestOf(ctx, ctx.params.id);
    if (!r) return jiraFail(reply, 404, [ISSUE_NOT_FOUND]);
    return {
      expand: 'transitions',
      transitions: available(r).map((t) => {
        const status = JSM_STATUSES[t.to];
        return {
          id: t.id,
          name: t.name,
          to: {
            self: `${ctx.baseUrl()}/rest/api/3/status/${status.id}`,
            name: t.to,
            id: status.id,
            statusCategory: { key: status.category.toLowerCase() },
          },
          hasScreen: false,
          isGlobal: true,
          isInitial: false,
          isAvailable: true,
          isConditional: false,
          isLooped: false,
        };
      }),
    };
  });
  app.put('/rest/api/3/issue/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const r = requestOf(ctx, ctx.params.id);
    if (!r) return jiraFail(reply, 404, [ISSUE_NOT_FOUND]);
    const fields = ((request.body ?? {}) as { fields?: ProviderObject }).fields ?? {};
    const errors: Record<string, string> = {};
    const next: ProviderObject = {};
    for (const [field, value] of Object.entries(fields)) {
      if (field === 'summary') {
        if (typeof value !== 'string' || value.trim() === '')
          errors.summary = 'You must specify a summary of the issue.';
        else next.summary = value;
      } else if (field === 'description') {
        if (value !== null && !isAdfDocument(value))
          errors.description =
            'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
        else next.description = value === null ? null : adfToText(value);
      } else if (field === 'labels') next.labels = Array.isArray(value) ? value : [];
      else if (field === 'duedate') next.duedate = value;
      else if (field === 'priority')
        next.priority =
          value === null
            ? null
            : {
                id: String((value as ProviderObject).id ?? '3'),
                name:
                  { '1': 'Highest', '2': 'High', '3': 'Medium', '4': 'Low', '5': 'Lowest' }[
                    String((value as ProviderObject).id)
                  ] ?? 'Medium',
              };
      else if (field === 'assignee')
        next.assigneeId = value === null ? null : (value as ProviderObject).accountId;
      else if (field === 'customfield_10050')
        next.customFields = value === null ? {} : { customfield_10050: value };
      else errors[field] = `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;
    }
    if (Object.keys(errors).length > 0) return jiraFail(reply, 400, [], errors);
    const before = structuredClone(r);
    Object.assign(r, next, { updatedMs: Date.parse(ctx.now()) });
    kit.announce('requests', 'updated', r, ctx, before);
    return ctx.query.returnIssue === 'true' ? jiraIssue(ctx, r, 3) : reply.status(204).send();
  });
  app.get('/rest/api/:version/user', async (request, reply) => {
    const ctx = kit.context(request);
    const user = jiraUser(ctx, ctx.query.accountId, ctx.params.version === '2' ? 2 : 3);
    return (
      user ??
      jiraFail(reply, 404, [`The user with account ID '${String(ctx.query.accountId)}' does not exist`])
    );
  });
}
