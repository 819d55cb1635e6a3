import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  basicCredentials,
  bearerToken,
  parseJsonLikeProvider,
  ProviderEmulator,
  type InjectedFault,
} from '../kit/provider-emulator';
import { WebhookEmitter } from '../kit/webhook-emitter';
import { EmulatedHooks } from '../kit/hooks';
import { registerDynamicWebhooks } from './jira-dynamic-webhooks';
import { JIRA_CLOUD_ID, jiraOAuthServer, registerAccessibleResources } from './oauth';
import { acceptFormData } from '../kit/multipart';
import { JIRA_MAX_ATTACHMENT_BYTES, registerAttachmentRoutes } from './jira-attachment-routes';
import { registerCommentRoutes } from './jira-comment-routes';
import { registerConfigRoutes } from './jira-config-routes';
import { registerIssueRoutes } from './jira-issue-routes';
import { registerPeopleRoutes } from './jira-people-routes';
import type { RenderContext } from './jira-render';
import { JIRA_ADMIN_ACCOUNT_ID, JIRA_SEED_CREDENTIALS, seedDirectory } from './jira-seed-directory';
import { seedIssues } from './jira-seed-issues';
import type { JiraSite } from './jira-site';
import { JiraState } from './jira-state';
import { signJiraDelivery } from './jira-webhooks';
import { newDeliveryUuid } from '../kit/delivery-ids';

export interface JiraEmulatorOptions {
  /** Time source of records written through the API and of webhooks (seed data has fixed times). */
  clock?: () => Date;
}

export interface JiraRateLimit {
  /** Requests allowed before every further one is answered 429. */
  limit: number;
  retryAfterSeconds?: number;
}

/** Jira Cloud's 429: `Retry-After` seconds, `X-RateLimit-Reset` as an ISO minute, and why. */
export function jiraRateLimitHeaders(
  now: Date,
  retryAfterSeconds: number,
  limit: number,
): Record<string, string> {
  const reset = new Date(now.getTime() + retryAfterSeconds * 1000).toISOString().slice(0, 16) + 'Z';
  return {
    'retry-after': String(retryAfterSeconds),
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': reset,
    'x-ratelimit-nearlimit': 'true',
    'ratelimit-reason': 'jira-burst-based',
    'content-type': 'application/json;charset=UTF-8',
  };
}

export const JIRA_RATE_LIMIT_BODY = { errorMessages: ['Rate limit exceeded.'], errors: {} };

/**
 * An in-memory Jira Cloud site speaking REST API v3 (`/rest/api/3/...`): basic auth with e-mail and
 * API token, Jira's error bodies and pagination (offset `startAt`/`maxResults` PageBeans, the enhanced
 * search's `nextPageToken`), 429s with Jira's rate-limit headers, and admin webhooks signed with
 * `X-Hub-Signature` for issue and comment changes made through the API.
 */
export class JiraEmulator extends ProviderEmulator implements JiraSite {
  readonly webhooks = new WebhookEmitter();
  readonly state: JiraState;
  private readonly credentials = new Map<string, { token: string; accountId: string }>([
    [
      JIRA_SEED_CREDENTIALS.email,
      { token: JIRA_SEED_CREDENTIALS.api_token, accountId: JIRA_ADMIN_ACCOUNT_ID },
    ],
  ]);
  private readonly accounts = new WeakMap<FastifyRequest, string>();
  private rateLimit?: Required<JiraRateLimit> & { used: number };
  private readonly clock: () => Date;
  /** OAuth (3LO) access tokens the API accepts, with when each expires. */
  readonly oauthTokens = new Map<string, number | undefined>();
  readonly oauth = jiraOAuthServer({
    accept: (token, expiresAt) => this.oauthTokens.set(token, expiresAt),
    revoke: (token) => this.oauthTokens.delete(token),
  });

  /** Dynamic webhooks registered by OAuth apps (each one receives the emulator's deliveries, JWT-signed). */
  readonly hooks = new EmulatedHooks(this.webhooks, 10_000);
  readonly dynamicWebhooks = registerDynamicWebhooks(this.app, this.hooks, (request) =>
    this.validOAuthToken(bearerToken(request)),
  );

  constructor(options: JiraEmulatorOptions = {}) {
    super();
    this.oauth.register(this.app);
    registerAccessibleResources(this.app, { url: 'https://acme.atlassian.net', name: 'acme' }, (token) =>
      this.validOAuthToken(token),
    );
    this.clock = options.clock ?? (() => new Date());
    this.state = new JiraState(this.clock);
    seedDirectory(this.state);
    seedIssues(this.state);
  }

  protected override routes(app: FastifyInstance): void {
    app.addHook('onRequest', (request, reply, done) => {
      // auth.atlassian.com's consent and token endpoints, and accessible-resources, are not the site's API.
      if (/^\/(authorize|oauth\/token)/.test(request.url)) return done();
      if (this.authenticate(request, reply) && this.withinRateLimit(reply)) done();
    });
    // Jira answers malformed JSON with its usual error body, carrying the parser's message.
    parseJsonLikeProvider(app, (error) => error.message);
    app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      void reply.status(status).send({ errorMessages: [error.message], errors: {} });
    });
    // Paths Jira does not serve: the JAX-RS answer Jira Cloud gives.
    app.setNotFoundHandler((request, reply) => {
      void reply.status(404).send({ message: `null for uri: ${this.url}${request.url}`, 'status-code': 404 });
    });
    acceptFormData(app, JIRA_MAX_ATTACHMENT_BYTES);
    registerIssueRoutes(app, this);
    registerAttachmentRoutes(app, this);
    registerCommentRoutes(app, this);
    registerPeopleRoutes(app, this);
    registerConfigRoutes(app, this);
  }

  accountOf(request: FastifyRequest): string {
    return this.accounts.get(request) ?? JIRA_ADMIN_ACCOUNT_ID;
  }

  render(api: 2 | 3 = 3): RenderContext {
    return { base: this.url, state: this.state, api };
  }

  subscribeWebhooks(url: string, secret: string): void {
    this.webhooks.subscribe({ url, secret });
  }

  emit(payload: Record<string, unknown>, flow: 'Primary' | 'Secondary' = 'Primary'): void {
    this.webhooks.emit(payload, (body, secret) => signJiraDelivery(body, secret, newDeliveryUuid(), flow));
  }

  /** Another API token of an existing user (to act as someone else). */
  addCredentials(email: string, apiToken: string, accountId: string): void {
    this.credentials.set(email, { token: apiToken, accountId });
  }

  /** Answers 429 (with Jira's headers) to every request after the first `limit`; `undefined` lifts it. */
  limitRate(rateLimit: JiraRateLimit | undefined): void {
    this.rateLimit = rateLimit && { retryAfterSeconds: 2, ...rateLimit, used: 0 };
  }

  /** The next `times` requests (matching `match`) are rate limited the way Jira answers them. */
  injectRateLimit(times: number, retryAfterSeconds = 1, match?: RegExp): void {
    const fault: InjectedFault = {
      status: 429,
      headers: jiraRateLimitHeaders(this.clock(), retryAfterSeconds, 100),
      body: JIRA_RATE_LIMIT_BODY,
      times,
      match,
    };
    this.injectFault(fault);
  }

  /** An OAuth app reaches the site at api.atlassian.com/ex/jira/<cloud id>/…: the same API. */
  protected override rewriteUrl(url: string): string {
    const prefix = `/ex/jira/${JIRA_CLOUD_ID}/`;
    return url.startsWith(prefix) ? url.slice(prefix.length - 1) : url;
  }

  private validOAuthToken(token: string | undefined): boolean {
    if (token === undefined || !this.oauthTokens.has(token)) return false;
    const expiresAt = this.oauthTokens.get(token);
    return expiresAt === undefined || expiresAt > Date.now();
  }

  /** Jira Cloud answers bad or missing basic credentials with a plain-text 401. */
  private authenticate(request: FastifyRequest, reply: FastifyReply): boolean {
    if (this.validOAuthToken(bearerToken(request))) {
      this.accounts.set(request, JIRA_ADMIN_ACCOUNT_ID);
      return true;
    }
    const given = basicCredentials(request);
    const known = given && this.credentials.get(given.username);
    if (known && known.token === given.password) {
      this.accounts.set(request, known.accountId);
      return true;
    }
    void reply
      .status(401)
      .headers({
        'content-type': 'text/plain;charset=UTF-8',
        'www-authenticate': 'Basic realm="protected-area"',
        'x-seraph-loginreason': 'AUTHENTICATED_FAILED',
      })
      .send('Client must be authenticated to access this resource.');
    return false;
  }

  private withinRateLimit(reply: FastifyReply): boolean {
    const limit = this.rateLimit;
    if (!limit) return true;
    limit.used += 1;
    if (limit.used <= limit.limit) {
      void reply.header('x-ratelimit-limit', String(limit.limit));
      void reply.header('x-ratelimit-remaining', String(limit.limit - limit.used));
      return true;
    }
    void reply
      .status(429)
      .headers(jiraRateLimitHeaders(this.clock(), limit.retryAfterSeconds, limit.limit))
      .send(JIRA_RATE_LIMIT_BODY);
    return false;
  }
}
