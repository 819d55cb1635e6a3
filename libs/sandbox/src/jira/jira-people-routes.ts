import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isRecordBody, pageBean, pageWindow, param, sendError, type Query } from './jira-http';
import type { JiraProject, JiraUser } from './jira-model';
import { avatarUrls, renderIssueType, renderUser, type RenderContext } from './jira-render';
import type { JiraSite } from './jira-site';

type Request = FastifyRequest<{ Params: { idOrKey: string }; Querystring: Query }>;

function expands(query: Query): Set<string> {
  return new Set((param(query, 'expand') ?? '').split(',').map((e) => e.trim()));
}

/** GET /user (and /myself) with `expand=groups,applicationRoles`: a `User`, with its locale. */
function userDetails(
  site: JiraSite,
  ctx: RenderContext,
  user: JiraUser,
  query: Query,
): Record<string, unknown> {
  const expand = expands(query);
  const groups = user.groupIds.flatMap((id) => {
    const group = site.state.groups.get(id);
    return group
      ? [
          {
            name: group.name,
            groupId: group.groupId,
            self: `${ctx.base}/rest/api/3/group?groupId=${group.groupId}`,
          },
        ]
      : [];
  });
  const roles = user.applicationRoles.map((key) => ({
    key,
    name: key === 'jira-software' ? 'Jira Software' : key,
  }));
  return {
    ...renderUser(ctx, user),
    locale: user.locale,
    groups: expand.has('groups')
      ? { size: groups.length, items: groups }
      : { size: groups.length, items: [] },
    applicationRoles: expand.has('applicationRoles')
      ? { size: roles.length, items: roles }
      : { size: roles.length, items: [] },
    expand: 'groups,applicationRoles',
  };
}

function projectSummary(
  site: JiraSite,
  ctx: RenderContext,
  project: JiraProject,
  query: Query,
): Record<string, unknown> {
  const expand = expands(query);
  const lead = site.state.users.get(project.leadAccountId);
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${ctx.base}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    ...(expand.has('description') ? { description: project.description } : {}),
    ...(expand.has('lead') && lead ? { lead: renderUser(ctx, lead) } : {}),
    name: project.name,
    avatarUrls: avatarUrls(ctx, 'project', project.id),
    projectTypeKey: project.projectTypeKey,
    simplified: project.simplified,
    style: project.simplified ? 'next-gen' : 'classic',
    isPrivate: false,
    properties: {},
    uuid: `7c0a0000-0000-4000-8000-0000000${project.id}`,
    ...(project.archived ? { archived: true } : {}),
  };
}

function projectDetails(site: JiraSite, ctx: RenderContext, project: JiraProject): Record<string, unknown> {
  const lead = site.state.users.get(project.leadAccountId);
  const types = [...site.state.issueTypes.values()].filter((t) => !t.projectId || t.projectId === project.id);
  return {
    ...projectSummary(site, ctx, project, { expand: 'description' }),
    lead: lead ? renderUser(ctx, lead) : null,
    components: [],
    issueTypes: types.map((t) => renderIssueType(ctx, t.id)),
    assigneeType: 'UNASSIGNED',
    versions: [],
    roles: {},
  };
}

const GROUP_NOT_FOUND = 'Specified group does not exist.';

export function registerPeopleRoutes(app: FastifyInstance, site: JiraSite): void {
  app.get<{ Querystring: Query }>('/rest/api/3/users/search', (request, reply) => {
    const { startAt, maxResults } = pageWindow(request.query, 50, 1000);
    const ctx = site.render(3);
    return reply.send(
      [...site.state.users.values()].slice(startAt, startAt + maxResults).map((u) => renderUser(ctx, u)),
    );
  });
  app.get<{ Querystring: Query }>('/rest/api/3/user', (request, reply) => {
    const accountId = param(request.query, 'accountId');
    if (!accountId) return sendError(reply, 400, ['The accountId query parameter needs to be provided.']);
    const user = site.state.users.get(accountId);
    if (!user)
      return sendError(reply, 404, ['Specified user does not exist or you do not have required permissions']);
    return reply.send(userDetails(site, site.render(3), user, request.query));
  });
  app.get<{ Querystring: Query }>('/rest/api/3/myself', (request, reply) => {
    const user = site.state.users.get(site.accountOf(request));
    return user
      ? reply.send(userDetails(site, site.render(3), user, request.query))
      : sendError(reply, 404, []);
  });

  app.get<{ Querystring: Query }>('/rest/api/3/group/bulk', (request, reply) => {
    const ids = ([] as (string | undefined)[])
      .concat(request.query.groupId)
      .filter((g): g is string => Boolean(g));
    const groups = [...site.state.groups.values()].filter((g) => ids.length === 0 || ids.includes(g.groupId));
    const ctx = site.render(3);
    return reply.send(
      pageBean(
        `${ctx.base}/rest/api/3/group/bulk`,
        groups.map((g) => ({ name: g.name, groupId: g.groupId })),
        pageWindow(request.query, 50, 50),
      ),
    );
  });
  /** GET /rest/api/3/group (deprecated by Atlassian in favour of group/member, still served). */
  app.get<{ Querystring: Query }>('/rest/api/3/group', (request, reply) => {
    const id = param(request.query, 'groupId');
    const name = param(request.query, 'groupname');
    const group = [...site.state.groups.values()].find(
      (g) => g.groupId === id || (name !== undefined && g.name === name),
    );
    if (!group) return sendError(reply, 404, [GROUP_NOT_FOUND]);
    const ctx = site.render(3);
    const members = [...site.state.users.values()].filter((u) => u.groupIds.includes(group.groupId));
    return reply.send({
      name: group.name,
      groupId: group.groupId,
      self: `${ctx.base}/rest/api/3/group?groupId=${group.groupId}`,
      users: {
        size: members.length,
        items: members.map((u) => renderUser(ctx, u)),
        'max-results': 50,
        'start-index': 0,
        'end-index': Math.max(0, members.length - 1),
      },
      expand: 'users',
    });
  });
  app.post('/rest/api/3/group', (request, reply) => {
    const body = isRecordBody(request.body) ? request.body : {};
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (name === '') return sendError(reply, 400, ['You must specify a group name.']);
    if ([...site.state.groups.values()].some((g) => g.name.toLowerCase() === name.toLowerCase())) {
      return sendError(reply, 400, ['A group with this name already exists.']);
    }
    const n = site.state.nextId();
    const group = { groupId: `0a1b2c3d-0000-4000-8000-0000000${n}`, name };
    site.state.groups.set(group.groupId, group);
    const ctx = site.render(3);
    return reply.status(201).send({
      name: group.name,
      groupId: group.groupId,
      self: `${ctx.base}/rest/api/3/group?groupId=${group.groupId}`,
      users: { size: 0, items: [], 'max-results': 50, 'start-index': 0, 'end-index': 0 },
      expand: 'users',
    });
  });
  app.delete<{ Querystring: Query }>('/rest/api/3/group', (request, reply) => {
    const id = param(request.query, 'groupId');
    const name = param(request.query, 'groupname');
    const group = [...site.state.groups.values()].find(
      (g) => g.groupId === id || (name !== undefined && g.name === name),
    );
    if (!group) return sendError(reply, 404, [GROUP_NOT_FOUND]);
    site.state.groups.delete(group.groupId);
    for (const user of site.state.users.values())
      user.groupIds = user.groupIds.filter((g) => g !== group.groupId);
    return reply.status(200).send();
  });

  app.get<{ Querystring: Query }>('/rest/api/3/project/search', (request, reply) => {
    const ctx = site.render(3);
    const text = (param(request.query, 'query') ?? '').toLowerCase();
    const projects = [...site.state.projects.values()].filter(
      (p) =>
        !p.deleted &&
        !p.archived &&
        (p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text)),
    );
    const values = projects.map((p) => projectSummary(site, ctx, p, request.query));
    return reply.send(
      pageBean(`${ctx.base}/rest/api/3/project/search`, values, pageWindow(request.query, 50, 100)),
    );
  });
  const projectOf = (request: Request, reply: FastifyReply) => {
    const project = site.state.findProject(request.params.idOrKey);
    if (!project) sendError(reply, 404, [`No project could be found with key '${request.params.idOrKey}'.`]);
    return project;
  };
  app.get('/rest/api/3/project/:idOrKey', (request: Request, reply) => {
    const project = projectOf(request, reply);
    return project ? reply.send(projectDetails(site, site.render(3), project)) : reply;
  });
  app.put('/rest/api/3/project/:idOrKey', (request: Request, reply) => {
    const project = projectOf(request, reply);
    if (!project) return reply;
    const body = isRecordBody(request.body) ? request.body : {};
    const errors: Record<string, string> = {};
    if ('name' in body && (typeof body.name !== 'string' || body.name.trim().length < 2)) {
      errors.projectName = 'You must specify a valid project name.';
    }
    if ('key' in body && (typeof body.key !== 'string' || !/^[A-Z][A-Z0-9]{1,9}$/.test(body.key))) {
      errors.projectKey =
        'Project keys must start with an uppercase letter, followed by one or more uppercase alphanumeric characters.';
    }
    if ('description' in body && typeof body.description !== 'string')
      errors.description = 'The description must be text.';
    if (Object.keys(errors).length > 0) return sendError(reply, 400, [], errors);
    const updated: JiraProject = {
      ...project,
      ...(typeof body.name === 'string' ? { name: body.name } : {}),
      ...(typeof body.key === 'string' ? { key: body.key } : {}),
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
    };
    site.state.projects.set(project.id, updated);
    return reply.send(projectDetails(site, site.render(3), updated));
  });
  app.delete('/rest/api/3/project/:idOrKey', (request: Request, reply) => {
    const project = projectOf(request, reply);
    if (!project) return reply;
    // With enableUndo (the default) the project goes to the trash; either way it is gone from the API.
    site.state.projects.set(project.id, { ...project, deleted: true });
    return reply.status(204).send();
  });
}
