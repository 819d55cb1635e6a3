import type { FastifyInstance } from 'fastify';
import { repoRoute, type GithubContext, type RepoCall } from './context';
import { bodyOf, notFound, notSupplied, parseSince, queryOf, sendError, sendPage, sortBy } from './http';
import { applyIssueFields, applyState } from './issue-writes';
import * as render from './representations';
import { openIssue, type IssueState } from './state';

/** Issues (and the pull requests GitHub lists with them): list, get, create, update, sub-issues. */
export function registerIssueRoutes(app: FastifyInstance, ctx: GithubContext): void {
  const s = () => ctx.state;
  const isDeleted = (call: RepoCall) =>
    call.holdsIssues && ctx.deletedIssues.has(Number(call.params.issue_number));
  const rendered = (call: RepoCall, issue: IssueState, detail = false) =>
    render.issue(ctx.hosts(), s(), call.fullName, issue, detail);
  const find = (call: RepoCall, number: string) =>
    call.holdsIssues ? s().issues.find((i) => String(i.number) === number) : undefined;
  const gone = (call: RepoCall) => sendError(call.reply, 410, 'This issue was deleted');

  repoRoute(app, ctx, 'GET', '/issues', (call) => {
    const q = queryOf(call.request);
    const since = parseSince(q.since);
    if (since === 'invalid') return sendError(call.reply, 422, 'Invalid value for `since`.');
    const state = q.state ?? 'open';
    const wantedLabels = q.labels ? q.labels.split(',').map((l) => l.trim().toLowerCase()) : [];
    const issues = (call.holdsIssues ? s().issues : []).filter(
      (i) =>
        (state === 'all' || i.state === state) &&
        (since === undefined || Date.parse(i.updated_at) >= since) &&
        wantedLabels.every((l) => i.labels.some((name) => name.toLowerCase() === l)) &&
        matchesLogin(q.assignee, i.assignees) &&
        (q.creator === undefined || i.user === q.creator) &&
        matchesMilestone(q.milestone, i.milestone),
    );
    const sort = q.sort === 'updated' ? 'updated_at' : q.sort === 'comments' ? 'comments' : 'created_at';
    const key = (i: IssueState) =>
      sort === 'comments'
        ? s().comments.filter((c) => c.issue === i.number).length
        : `${i[sort]}#${pad(i.number)}`;
    const sorted = sortBy(issues, key, q.direction === 'asc' ? 'asc' : 'desc');
    return sendPage(
      call.request,
      call.reply,
      ctx.hosts().api,
      sorted,
      (i) => rendered(call, i),
      call.linkBase,
    );
  });

  repoRoute(app, ctx, 'GET', '/issues/:issue_number', (call) => {
    if (isDeleted(call)) return gone(call);
    const issue = find(call, call.params.issue_number);
    return issue ? rendered(call, issue, true) : notFound(call.reply);
  });

  repoRoute(app, ctx, 'POST', '/issues', (call) => {
    const body = bodyOf(call.request);
    if (!('title' in body) || body.title === null || body.title === '')
      return notSupplied(call.reply, 'title');
    if (!call.holdsIssues) return sendError(call.reply, 410, 'Issues are disabled for this repo');
    const now = ctx.now();
    const number = Math.max(0, ...s().issues.map((i) => i.number), ...ctx.deletedIssues) + 1;
    const issue = openIssue(s(), number, now, '');
    if (!applyIssueFields(ctx, call.reply, issue, body)) return call.reply;
    s().issues.push(issue);
    ctx.emit('issues', { action: 'opened', issue: rendered(call, issue) });
    return call.reply
      .status(201)
      .header('location', `${ctx.hosts().api}/repos/${call.fullName}/issues/${number}`)
      .send(rendered(call, issue, true));
  });

  repoRoute(app, ctx, 'PATCH', '/issues/:issue_number', (call) => {
    if (isDeleted(call)) return gone(call);
    const issue = find(call, call.params.issue_number);
    if (!issue) return notFound(call.reply);
    const body = bodyOf(call.request);
    if ('title' in body && (body.title === null || body.title === '')) {
      return sendError(call.reply, 422, 'Validation Failed', {
        errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
      });
    }
    const draft: IssueState = structuredClone(issue);
    if (!applyState(ctx, call.reply, draft, body) || !applyIssueFields(ctx, call.reply, draft, body)) {
      return call.reply;
    }
    const before = issue;
    draft.updated_at = ctx.now();
    s().issues[s().issues.indexOf(issue)] = draft;
    for (const [action, extra] of issueActions(before, draft)) {
      ctx.emit('issues', { action, issue: rendered(call, draft), ...extra(ctx, call) });
    }
    return rendered(call, draft, true);
  });

  repoRoute(app, ctx, 'GET', '/issues/:issue_number/sub_issues', (call) => {
    const parent = find(call, call.params.issue_number);
    if (!parent) return notFound(call.reply);
    const children = s().issues.filter((i) => i.parent === parent.number);
    return sendPage(
      call.request,
      call.reply,
      ctx.hosts().api,
      children,
      (i) => rendered(call, i),
      call.linkBase,
    );
  });
}

const pad = (n: number) => String(n).padStart(8, '0');

function matchesLogin(filter: string | undefined, assignees: string[]): boolean {
  if (filter === undefined) return true;
  if (filter === 'none') return assignees.length === 0;
  if (filter === '*') return assignees.length > 0;
  return assignees.includes(filter);
}

function matchesMilestone(filter: string | undefined, milestone: number | null): boolean {
  if (filter === undefined) return true;
  if (filter === 'none') return milestone === null;
  if (filter === '*') return milestone !== null;
  return String(milestone) === filter;
}

type Extra = (ctx: GithubContext, call: RepoCall) => Record<string, unknown>;

/** The deliveries GitHub sends for one PATCH: one per kind of change, each with its own action. */
function issueActions(before: IssueState, after: IssueState): [string, Extra][] {
  const actions: [string, Extra][] = [];
  const none: Extra = () => ({});
  const changes: Record<string, { from: unknown }> = {};
  if (before.title !== after.title) changes.title = { from: before.title };
  if (before.body !== after.body) changes.body = { from: before.body };
  if (Object.keys(changes).length > 0) actions.push(['edited', () => ({ changes })]);
  if (before.state !== after.state) actions.push([after.state === 'closed' ? 'closed' : 'reopened', none]);
  const userOf = (ctx: GithubContext, call: RepoCall, login: string) => {
    const user = ctx.state.users.find((u) => u.login === login);
    return user ? render.simpleUser(ctx.hosts(), user) : null;
  };
  const labelOf = (ctx: GithubContext, call: RepoCall, name: string) => {
    const l = ctx.state.labels.find((x) => x.name === name);
    return l ? render.label(ctx.hosts(), call.fullName, l) : { name };
  };
  for (const login of after.assignees.filter((a) => !before.assignees.includes(a))) {
    actions.push(['assigned', (ctx, call) => ({ assignee: userOf(ctx, call, login) })]);
  }
  for (const login of before.assignees.filter((a) => !after.assignees.includes(a))) {
    actions.push(['unassigned', (ctx, call) => ({ assignee: userOf(ctx, call, login) })]);
  }
  for (const name of after.labels.filter((l) => !before.labels.includes(l))) {
    actions.push(['labeled', (ctx, call) => ({ label: labelOf(ctx, call, name) })]);
  }
  for (const name of before.labels.filter((l) => !after.labels.includes(l))) {
    actions.push(['unlabeled', (ctx, call) => ({ label: labelOf(ctx, call, name) })]);
  }
  if (before.milestone !== after.milestone) {
    const number = after.milestone ?? before.milestone;
    const milestoneOf: Extra = (ctx, call) => {
      const m = ctx.state.milestones.find((x) => x.number === number);
      return { milestone: m ? render.milestone(ctx.hosts(), ctx.state, call.fullName, m) : null };
    };
    actions.push([after.milestone === null ? 'demilestoned' : 'milestoned', milestoneOf]);
  }
  if (before.type !== after.type) actions.push([after.type === null ? 'untyped' : 'typed', none]);
  if (actions.length === 0 && JSON.stringify(before.field_values) !== JSON.stringify(after.field_values)) {
    actions.push(['edited', () => ({ changes: {} })]);
  }
  return actions;
}
