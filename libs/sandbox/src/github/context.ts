import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from './http';
import type { Hosts } from './representations';
import type { GithubState, RepoState } from './state';

/** What route modules need from the emulator: its state, hosts, clock and webhook sender. */
export interface GithubContext {
  readonly state: GithubState;
  /** Numbers of issues deleted (in the web UI): GitHub answers 410 Gone for them. */
  readonly deletedIssues: Set<number>;
  hosts(): Hosts;
  /** Now, in GitHub's second-precision ISO format. */
  now(): string;
  /** Sends a repository webhook (`X-GitHub-Event: event`) to the subscribers. */
  emit(event: string, payload: Record<string, unknown>): void;
}

export interface RepoCall {
  repo: RepoState;
  fullName: string;
  /** Only the seeded repository holds issues, labels and milestones; the others are empty. */
  holdsIssues: boolean;
  /** This path under `/repositories/{id}`: the form GitHub uses in `Link` headers of repository lists. */
  linkBase: string;
  params: Record<string, string>;
  request: FastifyRequest;
  reply: FastifyReply;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Registers a repository-scoped route under both addresses GitHub answers on:
 * `/repos/{owner}/{repo}/…` and `/repositories/{repository_id}/…`.
 */
export function repoRoute(
  app: FastifyInstance,
  ctx: GithubContext,
  method: Method,
  suffix: string,
  handler: (call: RepoCall) => unknown,
): void {
  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const params = request.params as Record<string, string>;
    const repo = params.repository_id
      ? ctx.state.repos.find((r) => String(r.id) === params.repository_id)
      : ctx.state.repos.find(
          (r) =>
            r.owner.toLowerCase() === params.owner?.toLowerCase() &&
            r.name.toLowerCase() === params.repo?.toLowerCase(),
        );
    if (!repo) return notFound(reply);
    const fullName = `${repo.owner}/${repo.name}`;
    return handler({
      repo,
      fullName,
      holdsIssues: fullName === ctx.state.issueRepo,
      linkBase: request.url.split('?')[0].replace(/^\/repos\/[^/]+\/[^/]+/, `/repositories/${repo.id}`),
      params,
      request,
      reply,
    });
  };
  app.route({ method, url: `/repos/:owner/:repo${suffix}`, handler: handle });
  app.route({ method, url: `/repositories/:repository_id${suffix}`, handler: handle });
}
