import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { repoRoute, type GithubContext } from './context';
import { notFound, queryOf, sendPage, sortBy } from './http';
import * as render from './representations';
import { registerOrgPlanningRoutes } from './routes-planning';

/** Repositories, users, organizations and teams: read-only, as a ticketing integration uses them. */
export function registerOrgRoutes(app: FastifyInstance, ctx: GithubContext): void {
  const s = () => ctx.state;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const orgOf = (login: string) => s().orgs.find((o) => o.login.toLowerCase() === login.toLowerCase());

  repoRoute(app, ctx, 'GET', '', (call) => render.repository(ctx.hosts(), s(), call.repo, true));

  repoRoute(app, ctx, 'GET', '/assignees', (call) => {
    const users = sortBy(s().users, (u) => u.login.toLowerCase(), 'asc');
    return sendPage(
      call.request,
      call.reply,
      ctx.hosts().api,
      users,
      (u) => render.simpleUser(ctx.hosts(), u),
      call.linkBase,
    );
  });

  repoRoute(app, ctx, 'GET', '/assignees/:assignee', (call) =>
    s().users.some((u) => u.login.toLowerCase() === call.params.assignee.toLowerCase())
      ? call.reply.status(204).send()
      : notFound(call.reply),
  );

  /** Public repositories of a user or organization; `sort` defaults to full_name. */
  app.get('/users/:username/repos', (request, reply) => {
    const owner = params(request).username.toLowerCase();
    const q = queryOf(request);
    const repos = s().repos.filter((r) => r.owner.toLowerCase() === owner && !r.private);
    const sort = q.sort ?? 'full_name';
    const key = (r: (typeof repos)[number]) =>
      sort === 'created'
        ? r.created_at
        : sort === 'updated'
          ? r.updated_at
          : sort === 'pushed'
            ? r.pushed_at
            : r.name;
    const direction =
      q.direction === 'asc' || q.direction === 'desc' ? q.direction : sort === 'full_name' ? 'asc' : 'desc';
    return sendPage(request, reply, ctx.hosts().api, sortBy(repos, key, direction), (r) =>
      render.repository(ctx.hosts(), s(), r),
    );
  });

  app.get('/user', () => {
    const me = s().users.find((u) => u.login === s().authenticatedUser);
    return me ? render.fullUser(ctx.hosts(), me) : {};
  });

  app.get('/users/:username', (request, reply) => {
    const login = params(request).username.toLowerCase();
    const user = s().users.find((u) => u.login.toLowerCase() === login);
    return user ? render.fullUser(ctx.hosts(), user) : notFound(reply);
  });

  /** The durable-id form of the profile: logins can change, ids never do. */
  app.get('/user/:account_id', (request, reply) => {
    const user = s().users.find((u) => String(u.id) === params(request).account_id);
    return user ? render.fullUser(ctx.hosts(), user) : notFound(reply);
  });

  app.get('/user/orgs', (request, reply) => {
    const orgs = s().memberships.flatMap((login) => s().orgs.filter((o) => o.login === login));
    return sendPage(request, reply, ctx.hosts().api, orgs, (o) => render.simpleOrg(ctx.hosts(), o));
  });

  app.get('/orgs/:org', (request, reply) => {
    const org = orgOf(params(request).org);
    return org ? render.fullOrg(ctx.hosts(), s(), org) : notFound(reply);
  });

  app.get('/orgs/:org/teams', (request, reply: FastifyReply) => {
    const org = orgOf(params(request).org);
    if (!org) return notFound(reply);
    const teams = sortBy(
      s().teams.filter((t) => t.org === org.login),
      (t) => t.name.toLowerCase(),
      'asc',
    );
    return sendPage(request, reply, ctx.hosts().api, teams, (t) => render.team(ctx.hosts(), s(), t));
  });

  app.get('/orgs/:org/teams/:team_slug', (request, reply) => {
    const org = orgOf(params(request).org);
    const team = s().teams.find((t) => t.org === org?.login && t.slug === params(request).team_slug);
    return team ? render.team(ctx.hosts(), s(), team, true) : notFound(reply);
  });

  registerOrgPlanningRoutes(app, ctx);
}
