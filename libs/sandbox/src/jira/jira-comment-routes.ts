import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAdfDocument, isRecord } from './jira-adf';
import {
  ISSUE_NOT_FOUND,
  isRecordBody,
  pageBean,
  pageWindow,
  param,
  sendError,
  type Query,
} from './jira-http';
import type { AdfNode, StoredComment, StoredIssue } from './jira-model';
import { renderComment } from './jira-render';
import type { JiraSite } from './jira-site';
import { commentDelivery, issueDelivery } from './jira-webhooks';

type CommentRequest = FastifyRequest<{ Params: { idOrKey: string; id?: string }; Querystring: Query }>;

/** Jira Service Management marks internal notes with the `sd.public.comment` property. */
function isInternal(body: Record<string, unknown>): boolean {
  const properties = Array.isArray(body.properties) ? body.properties : [];
  return properties.some(
    (p) => isRecord(p) && p.key === 'sd.public.comment' && isRecord(p.value) && p.value.internal === true,
  );
}

function checkBody(body: Record<string, unknown>, reply: FastifyReply): AdfNode | undefined {
  if (body.body === undefined || body.body === null) {
    sendError(reply, 400, [], { comment: 'Comment body can not be empty!' });
    return undefined;
  }
  if (!isAdfDocument(body.body)) {
    sendError(reply, 400, [], {
      comment: 'Comment body must be an Atlassian Document (see the Atlassian Document Format).',
    });
    return undefined;
  }
  return body.body;
}

function visibilityOf(body: Record<string, unknown>): StoredComment['visibility'] {
  const v = body.visibility;
  if (!isRecord(v) || (v.type !== 'role' && v.type !== 'group') || typeof v.value !== 'string')
    return undefined;
  return {
    type: v.type,
    value: v.value,
    identifier: typeof v.identifier === 'string' ? v.identifier : v.value,
  };
}

/** Comments change their issue too: Jira also sends `jira:issue_updated` with the comment. */
function notify(
  site: JiraSite,
  event: 'created' | 'updated' | 'deleted',
  comment: StoredComment,
  issue: StoredIssue,
  accountId: string,
): void {
  site.emit(commentDelivery(site, event, comment, issue));
  const eventTypeName = {
    created: 'issue_commented',
    updated: 'issue_comment_edited',
    deleted: 'issue_comment_deleted',
  }[event];
  site.emit(issueDelivery(site, 'updated', issue, accountId, { eventTypeName, items: [], comment }));
}

export function registerCommentRoutes(app: FastifyInstance, site: JiraSite): void {
  const issueOf = (request: CommentRequest, reply: FastifyReply) => {
    const issue = site.state.findIssue(request.params.idOrKey);
    if (!issue) sendError(reply, 404, [ISSUE_NOT_FOUND]);
    return issue;
  };
  const commentOf = (request: CommentRequest, reply: FastifyReply) => {
    const issue = issueOf(request, reply);
    if (!issue) return undefined;
    const comment = site.state.comments.get(request.params.id ?? '');
    if (!comment || comment.issueId !== issue.id) {
      sendError(reply, 404, [`Can not find a comment for the id: ${request.params.id ?? ''}.`]);
      return undefined;
    }
    return { issue, comment };
  };

  app.get('/rest/api/3/issue/:idOrKey/comment', (request: CommentRequest, reply) => {
    const issue = issueOf(request, reply);
    if (!issue) return reply;
    const { startAt, maxResults } = pageWindow(request.query, 5000, 5000);
    const all = site.state.commentsOf(issue.id);
    if (param(request.query, 'orderBy') === '-created') all.reverse();
    const ctx = site.render(3);
    return reply.send({
      comments: all.slice(startAt, startAt + maxResults).map((c) => renderComment(ctx, c)),
      maxResults,
      startAt,
      total: all.length,
    });
  });

  app.post('/rest/api/3/issue/:idOrKey/comment', (request: CommentRequest, reply) => {
    const issue = issueOf(request, reply);
    if (!issue) return reply;
    const body = isRecordBody(request.body) ? request.body : {};
    const doc = checkBody(body, reply);
    if (!doc) return reply;
    const { state } = site;
    const accountId = site.accountOf(request);
    const now = state.now();
    const comment: StoredComment = {
      id: state.nextId(),
      issueId: issue.id,
      authorId: accountId,
      updateAuthorId: accountId,
      body: doc,
      created: now,
      updated: now,
      visibility: visibilityOf(body),
      jsdPublic: !isInternal(body),
    };
    state.comments.set(comment.id, comment);
    const touched = { ...issue, updated: now };
    state.issues.set(issue.id, touched);
    notify(site, 'created', comment, touched, accountId);
    return reply.status(201).send(renderComment(site.render(3), comment));
  });

  app.get('/rest/api/3/issue/:idOrKey/comment/:id', (request: CommentRequest, reply) => {
    const found = commentOf(request, reply);
    return found ? reply.send(renderComment(site.render(3), found.comment)) : reply;
  });

  app.put('/rest/api/3/issue/:idOrKey/comment/:id', (request: CommentRequest, reply) => {
    const found = commentOf(request, reply);
    if (!found) return reply;
    const body = isRecordBody(request.body) ? request.body : {};
    const doc = checkBody(body, reply);
    if (!doc) return reply;
    const accountId = site.accountOf(request);
    const updated: StoredComment = {
      ...found.comment,
      body: doc,
      updateAuthorId: accountId,
      updated: site.state.now(),
      visibility: 'visibility' in body ? visibilityOf(body) : found.comment.visibility,
      jsdPublic: 'properties' in body ? !isInternal(body) : found.comment.jsdPublic,
    };
    site.state.comments.set(updated.id, updated);
    notify(site, 'updated', updated, found.issue, accountId);
    return reply.send(renderComment(site.render(3), updated));
  });

  app.delete('/rest/api/3/issue/:idOrKey/comment/:id', (request: CommentRequest, reply) => {
    const found = commentOf(request, reply);
    if (!found) return reply;
    site.state.comments.delete(found.comment.id);
    notify(site, 'deleted', found.comment, found.issue, site.accountOf(request));
    return reply.status(204).send();
  });

  /** POST /rest/api/3/comment/list: comments by id, whatever their issue (a PageBean). */
  app.post<{ Querystring: Query }>('/rest/api/3/comment/list', (request, reply) => {
    const body = isRecordBody(request.body) ? request.body : {};
    const ids = Array.isArray(body.ids) ? body.ids.map(String) : undefined;
    if (!ids) return sendError(reply, 400, [], { ids: 'The list of comment IDs must not be empty.' });
    const ctx = site.render(3);
    const found = ids.flatMap((id) => {
      const comment = site.state.comments.get(id);
      return comment ? [renderComment(ctx, comment)] : [];
    });
    return reply.send(
      pageBean(`${ctx.base}/rest/api/3/comment/list`, found, pageWindow(request.query, 50, 1000)),
    );
  });
}
