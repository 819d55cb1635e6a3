import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ISSUE_NOT_FOUND, isRecordBody, param, sendError, type Query } from './jira-http';
import { changeItems, checkIssueWrite } from './jira-issue-write';
import { JqlError, parseJql } from './jira-jql';
import type { StoredIssue } from './jira-model';
import { renderIssue } from './jira-render';
import type { JiraSite } from './jira-site';
import { commentDelivery, issueDelivery } from './jira-webhooks';

type IssueRequest = FastifyRequest<{ Params: { idOrKey: string }; Querystring: Query }>;

/** The enhanced search's page token: opaque to clients, tied to the query it was issued for. */
function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ offset, jql })).toString('base64url');
}

function decodeToken(token: string, jql: string): number | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      offset?: unknown;
      jql?: unknown;
    };
    return decoded.jql === jql && typeof decoded.offset === 'number' ? decoded.offset : undefined;
  } catch {
    return undefined;
  }
}

/** GET and POST /rest/api/3/search/jql: `nextPageToken` pagination, `isLast`, no total. */
function search(
  site: JiraSite,
  request: FastifyRequest,
  reply: FastifyReply,
  input: Record<string, unknown>,
) {
  const jql = typeof input.jql === 'string' ? input.jql : '';
  const fields = Array.isArray(input.fields)
    ? input.fields.join(',')
    : typeof input.fields === 'string'
      ? input.fields
      : 'id';
  const onlyIds = fields.split(',').every((f) => f.trim() === 'id');
  const requested = Number(input.maxResults ?? 50);
  const maxResults = Math.max(1, Math.min(Number.isFinite(requested) ? requested : 50, onlyIds ? 5000 : 100));
  let offset = 0;
  if (typeof input.nextPageToken === 'string' && input.nextPageToken !== '') {
    const decoded = decodeToken(input.nextPageToken, jql);
    if (decoded === undefined)
      return sendError(reply, 400, ['The provided next page token is invalid or expired.']);
    offset = decoded;
  }
  let query;
  try {
    query = parseJql(jql, site.state, site.accountOf(request));
  } catch (error) {
    if (error instanceof JqlError) return sendError(reply, 400, [error.message]);
    throw error;
  }
  if (!query.bounded) {
    return sendError(reply, 400, [
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    ]);
  }
  const live = [...site.state.issues.values()].filter(
    (issue) => !site.state.projects.get(issue.projectId)?.deleted,
  );
  const matches = live.filter(query.matches).sort(query.compare);
  const page = matches.slice(offset, offset + maxResults);
  const isLast = offset + page.length >= matches.length;
  const ctx = site.render(3);
  return reply.send({
    issues: page.map((issue) => (onlyIds ? { id: issue.id } : renderIssue(ctx, issue, fields))),
    ...(isLast ? {} : { nextPageToken: encodeToken(offset + page.length, jql) }),
    isLast,
  });
}

/** Jira cascades the deletion to the issue's comments, announced as secondary-flow `comment_deleted`. */
function deleteIssue(site: JiraSite, issue: StoredIssue, accountId: string): void {
  const { state } = site;
  const delivery = issueDelivery(site, 'deleted', issue, accountId);
  const comments = state
    .commentsOf(issue.id)
    .map((comment) => commentDelivery(site, 'deleted', comment, issue));
  for (const comment of state.commentsOf(issue.id)) state.comments.delete(comment.id);
  for (const attachment of state.attachmentsOf(issue.id)) state.attachments.delete(attachment.id);
  state.issues.delete(issue.id);
  site.emit(delivery);
  for (const comment of comments) site.emit(comment, 'Secondary');
}

export function registerIssueRoutes(app: FastifyInstance, site: JiraSite): void {
  app.get<{ Querystring: Query }>('/rest/api/3/search/jql', (request, reply) =>
    search(site, request, reply, {
      jql: param(request.query, 'jql'),
      fields: param(request.query, 'fields'),
      maxResults: param(request.query, 'maxResults'),
      nextPageToken: param(request.query, 'nextPageToken'),
    }),
  );
  app.post('/rest/api/3/search/jql', (request, reply) =>
    search(site, request, reply, isRecordBody(request.body) ? request.body : {}),
  );

  app.post('/rest/api/3/issue', (request, reply) => {
    const body = isRecordBody(request.body) ? request.body : {};
    const { errors, changes } = checkIssueWrite(site.state, body, undefined);
    if (Object.keys(errors).length > 0) return sendError(reply, 400, [], errors);
    const { state } = site;
    const project = state.projects.get(changes.projectId ?? '');
    if (!project) return sendError(reply, 400, [], { project: 'Specify a valid project ID or key' });
    const now = state.now();
    const accountId = site.accountOf(request);
    const issue: StoredIssue = {
      id: state.nextId(),
      key: state.nextIssueKey(project.key),
      projectId: project.id,
      summary: '',
      description: null,
      issuetypeId: '',
      statusId: '10000',
      priorityId: [...state.priorities.values()].find((p) => p.isDefault)?.id ?? null,
      assigneeId: null,
      reporterId: accountId,
      creatorId: accountId,
      labels: [],
      duedate: null,
      parentId: null,
      resolutionId: null,
      resolutiondate: null,
      created: now,
      updated: now,
      statuscategorychangedate: now,
      customFields: {},
      ...changes,
    };
    for (const label of issue.labels) state.labels.add(label);
    state.issues.set(issue.id, issue);
    const blank = {
      ...issue,
      summary: '',
      description: null,
      assigneeId: null,
      priorityId: null,
      labels: [],
      duedate: null,
      parentId: null,
      customFields: {},
    };
    site.emit(
      issueDelivery(site, 'created', issue, accountId, {
        eventTypeName: 'issue_created',
        items: changeItems(state, blank, issue),
      }),
    );
    return reply
      .status(201)
      .send({ id: issue.id, key: issue.key, self: `${site.render(3).base}/rest/api/3/issue/${issue.id}` });
  });

  app.get('/rest/api/3/issue/:idOrKey', (request: IssueRequest, reply) => {
    const issue = site.state.findIssue(request.params.idOrKey);
    if (!issue) return sendError(reply, 404, [ISSUE_NOT_FOUND]);
    return reply.send(renderIssue(site.render(3), issue, param(request.query, 'fields') ?? '*all'));
  });

  app.put('/rest/api/3/issue/:idOrKey', (request: IssueRequest, reply) => {
    const { state } = site;
    const issue = state.findIssue(request.params.idOrKey);
    if (!issue) return sendError(reply, 404, [ISSUE_NOT_FOUND]);
    const body = isRecordBody(request.body) ? request.body : {};
    const { errors, changes } = checkIssueWrite(state, body, issue);
    if (Object.keys(errors).length > 0) return sendError(reply, 400, [], errors);
    const updated: StoredIssue = { ...issue, ...changes, updated: state.now() };
    for (const label of updated.labels) state.labels.add(label);
    state.issues.set(issue.id, updated);
    const items = changeItems(state, issue, updated);
    const onlyAssignee = items.length === 1 && items[0].fieldId === 'assignee';
    site.emit(
      issueDelivery(site, 'updated', updated, site.accountOf(request), {
        eventTypeName: onlyAssignee ? 'issue_assigned' : 'issue_updated',
        items,
      }),
    );
    if (param(request.query, 'returnIssue') === 'true')
      return reply.send(renderIssue(site.render(3), updated));
    return reply.status(204).send();
  });

  app.delete('/rest/api/3/issue/:idOrKey', (request: IssueRequest, reply) => {
    const { state } = site;
    const issue = state.findIssue(request.params.idOrKey);
    if (!issue) return sendError(reply, 404, [ISSUE_NOT_FOUND]);
    const subtasks = state
      .childrenOf(issue.id)
      .filter((child) => state.issueTypes.get(child.issuetypeId)?.subtask);
    if (subtasks.length > 0 && param(request.query, 'deleteSubtasks') !== 'true') {
      return sendError(reply, 400, [
        "The issue has subtasks. You must specify the 'deleteSubtasks' parameter to delete this issue with its subtasks.",
      ]);
    }
    const accountId = site.accountOf(request);
    for (const subtask of subtasks) deleteIssue(site, subtask, accountId);
    // Children of an epic survive it, without their parent.
    for (const child of state.childrenOf(issue.id)) state.issues.set(child.id, { ...child, parentId: null });
    deleteIssue(site, issue, accountId);
    return reply.status(204).send();
  });
}
