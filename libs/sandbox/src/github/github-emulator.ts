import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken, ProviderEmulator } from '../kit/provider-emulator';
import { WebhookEmitter } from '../kit/webhook-emitter';
import type { GithubContext } from './context';
import { DOCS, sendError } from './http';
import * as render from './representations';
import { registerCommentRoutes } from './routes-comments';
import { registerIssueRoutes } from './routes-issues';
import { registerLabelAndMilestoneRoutes } from './routes-labels';
import { registerOrgRoutes } from './routes-org';
import { createSeedState, GITHUB_SEED_TOKEN } from './seed';
import type { GithubState } from './state';
import { EmulatedHooks } from '../kit/hooks';
import { EmulatedGithubApps } from './app-installations';
import { githubOAuthServer } from './oauth';
import { APP_AUTHENTICATED, registerAppRoutes } from './routes-apps';
import { registerHookRoutes } from './routes-hooks';
import { githubSigner } from './webhooks';

export interface GithubEmulatorOptions {
  /** The clock for records written through the API (seed data has fixed timestamps). */
  now?: () => Date;
  /** Primary rate limit per window (GitHub: 5,000 requests an hour for a personal token). */
  rateLimit?: number;
}

const API_VERSIONS = ['2022-11-28', '2026-03-10'];
const HOOK_ID = 460_001;

/**
 * An in-memory GitHub REST API (v3) for one organization: issues and pull requests, comments,
 * labels, milestones, assignees, repositories, teams, issue types and issue fields. Bearer-token
 * auth, GitHub's error bodies, `Link` pagination, primary and secondary rate limits, and signed
 * repository webhooks for every write.
 */
export class GithubEmulator extends ProviderEmulator implements GithubContext {
  state: GithubState = createSeedState();
  readonly deletedIssues = new Set<number>();
  readonly webhooks = new WebhookEmitter();
  readonly tokens = new Set<string>([GITHUB_SEED_TOKEN]);
  private readonly clock: () => Date;
  private readonly window = { limit: 5000, used: 0, resetAt: 0 };

  /** github.com's OAuth app endpoints; the tokens they issue are accepted by the API. */
  readonly oauth = githubOAuthServer({
    accept: (token) => this.tokens.add(token),
    revoke: (token) => this.tokens.delete(token),
  });

  /** Repository webhooks registered through the API (each one receives the emulator's deliveries). */
  readonly hooks = new EmulatedHooks(this.webhooks, 470_001);

  /** GitHub Apps registered here, their installations and the installation tokens they minted. */
  readonly apps = new EmulatedGithubApps();

  constructor(options: GithubEmulatorOptions = {}) {
    super();
    this.clock = options.now ?? (() => new Date());
    this.window.limit = options.rateLimit ?? 5000;
    this.oauth.register(this.app);
    registerHookRoutes(this.app, this, this.hooks, () => this.url);
    registerAppRoutes(this.app, this, this.apps, this.oauth, () => this.url);
  }

  hosts(): render.Hosts {
    return { api: this.url, web: 'https://github.com' };
  }

  now(): string {
    return this.clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  subscribeWebhooks(url: string, secret: string): void {
    this.webhooks.subscribe({ url, secret });
  }

  emit(event: string, payload: Record<string, unknown>): void {
    const s = this.state;
    const repo = s.repos.find((r) => `${r.owner}/${r.name}` === s.issueRepo);
    const org = s.orgs.find((o) => o.login === repo?.owner);
    const sender = s.users.find((u) => u.login === s.authenticatedUser);
    if (!repo) return;
    this.webhooks.emit(
      {
        ...payload,
        repository: render.repository(this.hosts(), s, repo),
        ...(org ? { organization: render.simpleOrg(this.hosts(), org) } : {}),
        sender: sender ? render.simpleUser(this.hosts(), sender) : null,
      },
      githubSigner(event, HOOK_ID, repo.id),
    );
  }

  /** Deletes an issue as a repository admin does in the web UI (REST has no delete): `issues.deleted`. */
  deleteIssue(number: number): void {
    const issue = this.state.issues.find((i) => i.number === number);
    if (!issue) throw new Error(`no issue #${number}`);
    const last = render.issue(this.hosts(), this.state, this.state.issueRepo, issue);
    this.state.issues = this.state.issues.filter((i) => i !== issue);
    this.state.comments = this.state.comments.filter((c) => c.issue !== number);
    this.deletedIssues.add(number);
    this.emit('issues', { action: 'deleted', issue: last });
  }

  /** Uses up the primary rate limit: the next request answers 403 with `x-ratelimit-remaining: 0`. */
  exhaustRateLimit(): void {
    this.resetAt();
    this.window.used = this.window.limit;
  }

  /**
   * The next `times` requests hit a secondary rate limit: 429 (or 403) with `retry-after`, as GitHub
   * answers bursts and concurrent requests.
   */
  secondaryRateLimit(times: number, retryAfterSeconds = 1, status: 403 | 429 = 429): void {
    this.injectFault({
      status,
      times,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-limit': String(this.window.limit),
        'x-ratelimit-remaining': String(Math.max(0, this.window.limit - this.window.used)),
        'x-ratelimit-reset': String(this.resetAt()),
        'x-ratelimit-used': String(this.window.used),
        'x-ratelimit-resource': 'core',
      },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
          'If you reach out to GitHub Support for help, please include the request ID.',
        documentation_url: `${DOCS}/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
        status: String(status),
      },
    });
  }

  /** Back to the seed: state, deletions, rate-limit window and recorded deliveries. */
  reset(): void {
    this.state = createSeedState();
    this.deletedIssues.clear();
    this.window.used = 0;
    this.requests.length = 0;
    this.webhooks.deliveries.length = 0;
    this.clearFaults();
  }

  protected routes(app: FastifyInstance): void {
    app.addHook('onRequest', (request, reply, done) => {
      // github.com's OAuth pages are not the API: no token, version or rate limit there.
      if (request.url.startsWith('/login/oauth/')) return done();
      // Apps authenticate with their JWT (or as an OAuth app): the routes check it themselves.
      if (APP_AUTHENTICATED.test(request.url)) return done();
      if (this.guard(request, reply)) done();
    });
    // GitHub reads any body as JSON whatever its content type, and an empty one (DELETE) as none.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, text, done) => {
      if (text === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text as string) as unknown);
      } catch {
        done(Object.assign(new Error('Problems parsing JSON'), { code: 'GITHUB_BAD_JSON' }), undefined);
      }
    });
    app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'Not Found'));
    app.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
      if (error.code === 'GITHUB_BAD_JSON') return sendError(reply, 400, 'Problems parsing JSON');
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      return sendError(reply, status, status === 500 ? 'Server Error' : 'Bad Request');
    });
    registerIssueRoutes(app, this);
    registerCommentRoutes(app, this);
    registerLabelAndMilestoneRoutes(app, this);
    registerOrgRoutes(app, this);
  }

  /** Authentication, API version and the primary rate limit; false once it has answered. */
  private guard(request: FastifyRequest, reply: FastifyReply): boolean {
    reply.header('x-github-media-type', 'github.v3; format=json');
    reply.header('x-github-request-id', randomUUID().toUpperCase());
    const version = request.headers['x-github-api-version'];
    if (typeof version === 'string' && !API_VERSIONS.includes(version)) {
      sendError(reply, 400, `API version ${version} is not supported.`);
      return false;
    }
    reply.header('x-github-api-version-selected', typeof version === 'string' ? version : API_VERSIONS[0]);
    const token = bearerToken(request);
    if (!token) {
      sendError(reply, 401, 'Requires authentication');
      return false;
    }
    if (!this.tokens.has(token) && !this.apps.accepts(token)) {
      sendError(reply, 401, 'Bad credentials');
      return false;
    }
    const reset = this.resetAt();
    const exhausted = this.window.used >= this.window.limit;
    if (!exhausted) this.window.used++;
    reply.headers({
      'x-ratelimit-limit': String(this.window.limit),
      'x-ratelimit-remaining': String(this.window.limit - this.window.used),
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-used': String(this.window.used),
      'x-ratelimit-resource': 'core',
    });
    if (exhausted) {
      const me = this.state.users.find((u) => u.login === this.state.authenticatedUser);
      sendError(
        reply,
        403,
        `API rate limit exceeded for user ID ${me?.id ?? 0}. If you reach out to GitHub Support for help, ` +
          'please include the request ID.',
      );
      return false;
    }
    return true;
  }

  /** A window lasts an hour from its first request; `x-ratelimit-reset` is its end in unix seconds. */
  private resetAt(): number {
    const now = Math.floor(this.clock().getTime() / 1000);
    if (this.window.resetAt <= now) {
      this.window.resetAt = now + 3600;
      this.window.used = 0;
    }
    return this.window.resetAt;
  }
}
