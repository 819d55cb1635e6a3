import type { FastifyInstance } from 'fastify';
import { repoRoute, type GithubContext, type RepoCall } from './context';
import {
  bodyOf,
  isString,
  notFound,
  notSupplied,
  parseSince,
  queryOf,
  sendError,
  sendPage,
  sortBy,
} from './http';
import * as render from './representations';
import type { CommentState } from './state';

/** Issue comments: per issue and repository-wide (both include comments on pull requests). */
export function registerCommentRoutes(app: FastifyInstance, ctx: GithubContext): void {
  const s = () => ctx.state;
  const rendered = (call: RepoCall, c: CommentState) => render.comment(ctx.hosts(), s(), call.fullName, c);
  const issueOf = (call: RepoCall, number: string | number) =>
    call.holdsIssues ? s().issues.find((i) => String(i.number) === String(number)) : undefined;
  const find = (call: RepoCall) =>
    call.holdsIssues ? s().comments.find((c) => String(c.id) === call.params.comment_id) : undefined;
  const emit = (call: RepoCall, action: string, c: CommentState, extra: Record<string, unknown> = {}) => {
    const issue = issueOf(call, c.issue);
    if (!issue) return;
    ctx.emit('issue_comment', {
      action,
      issue: render.issue(ctx.hosts(), s(), call.fullName, issue),
      comment: rendered(call, c),
      ...extra,
    });
  };

  /** `since` (inclusive, on updated_at); default order is ascending id. */
  const listed = (call: RepoCall, comments: CommentState[]) => {
    const q = queryOf(call.request);
    const since = parseSince(q.since);
    if (since === 'invalid') return sendError(call.reply, 422, 'Invalid value for `since`.');
    const recent = comments.filter((c) => since === undefined || Date.parse(c.updated_at) >= since);
    const ordered =
      q.sort === 'created' || q.sort === 'updated'
        ? sortBy(
            recent,
            (c) => `${q.sort === 'updated' ? c.updated_at : c.created_at}#${String(c.id).padStart(12, '0')}`,
            q.direction === 'desc' ? 'desc' : 'asc',
          )
        : sortBy(recent, (c) => c.id, 'asc');
    return sendPage(
      call.request,
      call.reply,
      ctx.hosts().api,
      ordered,
      (c) => rendered(call, c),
      call.linkBase,
    );
  };

  repoRoute(app, ctx, 'GET', '/issues/comments', (call) =>
    listed(call, call.holdsIssues ? s().comments : []),
  );

  repoRoute(app, ctx, 'GET', '/issues/:issue_number/comments', (call) => {
    const issue = issueOf(call, call.params.issue_number);
    if (!issue) return notFound(call.reply);
    return listed(
      call,
      s().comments.filter((c) => c.issue === issue.number),
    );
  });

  repoRoute(app, ctx, 'POST', '/issues/:issue_number/comments', (call) => {
    const issue = issueOf(call, call.params.issue_number);
    if (!issue) return notFound(call.reply);
    const body = bodyOf(call.request);
    if (!isString(body.body) || body.body === '') return notSupplied(call.reply, 'body');
    const now = ctx.now();
    const c: CommentState = {
      id: s().sequences.comment++,
      issue: issue.number,
      user: s().authenticatedUser,
      body: body.body,
      created_at: now,
      updated_at: now,
    };
    s().comments.push(c);
    emit(call, 'created', c);
    return call.reply
      .status(201)
      .header('location', `${ctx.hosts().api}/repos/${call.fullName}/issues/comments/${c.id}`)
      .send(rendered(call, c));
  });

  repoRoute(app, ctx, 'GET', '/issues/comments/:comment_id', (call) => {
    const c = find(call);
    return c ? rendered(call, c) : notFound(call.reply);
  });

  repoRoute(app, ctx, 'PATCH', '/issues/comments/:comment_id', (call) => {
    const c = find(call);
    if (!c) return notFound(call.reply);
    const body = bodyOf(call.request);
    if (!isString(body.body) || body.body === '') return notSupplied(call.reply, 'body');
    const from = c.body;
    c.body = body.body;
    c.updated_at = ctx.now();
    emit(call, 'edited', c, { changes: { body: { from } } });
    return rendered(call, c);
  });

  repoRoute(app, ctx, 'DELETE', '/issues/comments/:comment_id', (call) => {
    const c = find(call);
    if (!c) return notFound(call.reply);
    s().comments.splice(s().comments.indexOf(c), 1);
    emit(call, 'deleted', c);
    return call.reply.status(204).send();
  });
}
