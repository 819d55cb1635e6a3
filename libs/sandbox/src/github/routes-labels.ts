import type { FastifyInstance } from 'fastify';
import { repoRoute, type GithubContext, type RepoCall } from './context';
import { bodyOf, isString, notFound, notSupplied, queryOf, sendPage, sortBy, validationFailed } from './http';
import * as render from './representations';
import type { LabelState, MilestoneState } from './state';

const HEX = /^[0-9a-fA-F]{6}$/;

/** Labels (addressed by name) and milestones (addressed by number), with their webhooks. */
export function registerLabelAndMilestoneRoutes(app: FastifyInstance, ctx: GithubContext): void {
  const s = () => ctx.state;
  const renderLabel = (call: RepoCall, l: LabelState) => render.label(ctx.hosts(), call.fullName, l);
  const renderMilestone = (call: RepoCall, m: MilestoneState) =>
    render.milestone(ctx.hosts(), s(), call.fullName, m);
  const findLabel = (call: RepoCall, name: string) =>
    call.holdsIssues ? s().labels.find((l) => l.name.toLowerCase() === name.toLowerCase()) : undefined;
  const findMilestone = (call: RepoCall) =>
    call.holdsIssues
      ? s().milestones.find((m) => String(m.number) === call.params.milestone_number)
      : undefined;

  repoRoute(app, ctx, 'GET', '/labels', (call) => {
    const labels = call.holdsIssues ? sortBy(s().labels, (l) => l.name.toLowerCase(), 'asc') : [];
    return sendPage(
      call.request,
      call.reply,
      ctx.hosts().api,
      labels,
      (l) => renderLabel(call, l),
      call.linkBase,
    );
  });

  repoRoute(app, ctx, 'GET', '/labels/:name', (call) => {
    const l = findLabel(call, call.params.name);
    return l ? renderLabel(call, l) : notFound(call.reply);
  });

  repoRoute(app, ctx, 'POST', '/labels', (call) => {
    const body = bodyOf(call.request);
    if (!isString(body.name) || body.name.trim() === '') return notSupplied(call.reply, 'name');
    if (!call.holdsIssues) return notFound(call.reply);
    const color = body.color === undefined ? 'ededed' : String(body.color).replace(/^#/, '');
    if (!HEX.test(color))
      return validationFailed(call.reply, [{ resource: 'Label', code: 'invalid', field: 'color' }]);
    if (findLabel(call, body.name)) {
      return validationFailed(call.reply, [{ resource: 'Label', code: 'already_exists', field: 'name' }]);
    }
    const l: LabelState = {
      id: s().sequences.label++,
      name: body.name,
      color: color.toLowerCase(),
      description: isString(body.description) ? body.description : null,
      default: false,
    };
    s().labels.push(l);
    ctx.emit('label', { action: 'created', label: renderLabel(call, l) });
    return call.reply.status(201).send(renderLabel(call, l));
  });

  repoRoute(app, ctx, 'PATCH', '/labels/:name', (call) => {
    const l = findLabel(call, call.params.name);
    if (!l) return notFound(call.reply);
    const body = bodyOf(call.request);
    const color = body.color === undefined ? l.color : String(body.color).replace(/^#/, '');
    if (!HEX.test(color))
      return validationFailed(call.reply, [{ resource: 'Label', code: 'invalid', field: 'color' }]);
    const newName = isString(body.new_name) && body.new_name !== '' ? body.new_name : l.name;
    const clash = findLabel(call, newName);
    if (clash && clash !== l) {
      return validationFailed(call.reply, [{ resource: 'Label', code: 'already_exists', field: 'name' }]);
    }
    const changes: Record<string, { from: unknown }> = {};
    if (newName !== l.name) changes.name = { from: l.name };
    if (color.toLowerCase() !== l.color) changes.color = { from: l.color };
    if ('description' in body && body.description !== l.description)
      changes.description = { from: l.description };
    for (const issue of s().issues) issue.labels = issue.labels.map((n) => (n === l.name ? newName : n));
    l.name = newName;
    l.color = color.toLowerCase();
    if ('description' in body) l.description = isString(body.description) ? body.description : null;
    ctx.emit('label', { action: 'edited', label: renderLabel(call, l), changes });
    return renderLabel(call, l);
  });

  repoRoute(app, ctx, 'DELETE', '/labels/:name', (call) => {
    const l = findLabel(call, call.params.name);
    if (!l) return notFound(call.reply);
    s().labels.splice(s().labels.indexOf(l), 1);
    for (const issue of s().issues) issue.labels = issue.labels.filter((n) => n !== l.name);
    ctx.emit('label', { action: 'deleted', label: renderLabel(call, l) });
    return call.reply.status(204).send();
  });

  repoRoute(app, ctx, 'GET', '/milestones', (call) => {
    const q = queryOf(call.request);
    const state = q.state ?? 'open';
    const open = call.holdsIssues ? s().milestones.filter((m) => state === 'all' || m.state === state) : [];
    const completeness = (m: MilestoneState) => {
      const issues = s().issues.filter((i) => i.milestone === m.number);
      return issues.length ? issues.filter((i) => i.state === 'closed').length / issues.length : 0;
    };
    const key = (m: MilestoneState) =>
      q.sort === 'completeness'
        ? completeness(m)
        : `${m.due_on ?? '9999'}#${String(m.number).padStart(8, '0')}`;
    const sorted = sortBy(open, key, q.direction === 'desc' ? 'desc' : 'asc');
    return sendPage(
      call.request,
      call.reply,
      ctx.hosts().api,
      sorted,
      (m) => renderMilestone(call, m),
      call.linkBase,
    );
  });

  repoRoute(app, ctx, 'GET', '/milestones/:milestone_number', (call) => {
    const m = findMilestone(call);
    return m ? renderMilestone(call, m) : notFound(call.reply);
  });

  repoRoute(app, ctx, 'POST', '/milestones', (call) => {
    const body = bodyOf(call.request);
    if (!isString(body.title) || body.title === '') return notSupplied(call.reply, 'title');
    if (!call.holdsIssues) return notFound(call.reply);
    if (s().milestones.some((m) => m.title === body.title)) {
      return validationFailed(call.reply, [
        { resource: 'Milestone', code: 'already_exists', field: 'title' },
      ]);
    }
    const now = ctx.now();
    const m: MilestoneState = {
      id: s().sequences.milestone++,
      number: Math.max(0, ...s().milestones.map((x) => x.number)) + 1,
      title: body.title,
      description: null,
      state: 'open',
      creator: s().authenticatedUser,
      due_on: null,
      created_at: now,
      updated_at: now,
      closed_at: null,
    };
    if (!applyMilestone(call, m, body, now)) return call.reply;
    s().milestones.push(m);
    ctx.emit('milestone', { action: 'created', milestone: renderMilestone(call, m) });
    return call.reply.status(201).send(renderMilestone(call, m));
  });

  repoRoute(app, ctx, 'PATCH', '/milestones/:milestone_number', (call) => {
    const m = findMilestone(call);
    if (!m) return notFound(call.reply);
    const body = bodyOf(call.request);
    if ('title' in body && (!isString(body.title) || body.title === '')) {
      return validationFailed(call.reply, [{ resource: 'Milestone', code: 'missing_field', field: 'title' }]);
    }
    if (isString(body.title) && s().milestones.some((x) => x !== m && x.title === body.title)) {
      return validationFailed(call.reply, [
        { resource: 'Milestone', code: 'already_exists', field: 'title' },
      ]);
    }
    const draft = { ...m };
    const now = ctx.now();
    if (!applyMilestone(call, draft, body, now)) return call.reply;
    const changes: Record<string, { from: unknown }> = {};
    for (const key of ['title', 'description', 'due_on'] as const) {
      if (draft[key] !== m[key]) changes[key] = { from: m[key] };
    }
    const reopened = m.state !== draft.state ? (draft.state === 'closed' ? 'closed' : 'opened') : undefined;
    Object.assign(m, draft, { updated_at: now });
    if (Object.keys(changes).length > 0) {
      ctx.emit('milestone', { action: 'edited', milestone: renderMilestone(call, m), changes });
    }
    if (reopened) ctx.emit('milestone', { action: reopened, milestone: renderMilestone(call, m) });
    return renderMilestone(call, m);
  });

  repoRoute(app, ctx, 'DELETE', '/milestones/:milestone_number', (call) => {
    const m = findMilestone(call);
    if (!m) return notFound(call.reply);
    const last = renderMilestone(call, m);
    s().milestones.splice(s().milestones.indexOf(m), 1);
    for (const issue of s().issues) if (issue.milestone === m.number) issue.milestone = null;
    ctx.emit('milestone', { action: 'deleted', milestone: last });
    return call.reply.status(204).send();
  });
}

/** title, state, description and due_on of a milestone write; false after answering the 422. */
function applyMilestone(
  call: RepoCall,
  m: MilestoneState,
  body: Record<string, unknown>,
  now: string,
): boolean {
  if ('state' in body && body.state !== 'open' && body.state !== 'closed') {
    validationFailed(call.reply, [
      { resource: 'Milestone', code: 'invalid', field: 'state', value: body.state },
    ]);
    return false;
  }
  if (
    'due_on' in body &&
    body.due_on !== null &&
    !(isString(body.due_on) && Number.isFinite(Date.parse(body.due_on)))
  ) {
    validationFailed(call.reply, [
      { resource: 'Milestone', code: 'invalid', field: 'due_on', value: body.due_on },
    ]);
    return false;
  }
  if (isString(body.title)) m.title = body.title;
  if ('description' in body) m.description = isString(body.description) ? body.description : null;
  if ('due_on' in body) {
    m.due_on = isString(body.due_on) ? new Date(body.due_on).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
  }
  if (body.state === 'closed' && m.state === 'open') {
    m.state = 'closed';
    m.closed_at = now;
  } else if (body.state === 'open' && m.state === 'closed') {
    m.state = 'open';
    m.closed_at = null;
  }
  return true;
}
