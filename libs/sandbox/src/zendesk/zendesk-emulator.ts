import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  basicCredentials,
  bearerToken,
  parseJsonLikeProvider,
  ProviderEmulator,
  type InjectedFault,
} from '../kit/provider-emulator';
import { WebhookEmitter } from '../kit/webhook-emitter';
import { attachmentRoutes } from './attachments';
import { configurationRoutes } from './configuration';
import type { ZendeskContext } from './context';
import { ZendeskEventPublisher } from './events';
import { ZENDESK_ERRORS } from './http';
import { EmulatedHooks } from '../kit/hooks';
import { registerTokenRevocation, zendeskOAuthServer } from './oauth';
import { registerWebhookRoutes } from './webhook-routes';
import type { ZdUser, ZendeskState } from './model';
import { peopleRoutes } from './people';
import { seedZendesk, ZENDESK_SEED_ACCOUNT_ID, ZENDESK_SEED_CREDENTIALS } from './seed';
import { ticketRoutes } from './tickets';
import { deletedTicketRoutes } from './deleted-tickets';

export interface ZendeskEmulatorOptions {
  credentials?: { email: string; api_token: string };
  /** The clock for timestamps of writes and webhook signatures (seed data never uses it). */
  now?: () => Date;
}

const DEFAULT_RATE_LIMIT = 700;

/**
 * An in-memory Zendesk Support (REST API v2) on loopback: tickets, comments, attachments, users,
 * organizations, groups, brands, custom statuses, ticket fields, tags, views and the search export,
 * with Zendesk's auth (`{email}/token` + API token), error bodies, both pagination styles, rate-limit
 * headers and signed event-subscription webhooks for every write.
 */
export class ZendeskEmulator extends ProviderEmulator {
  readonly state: ZendeskState;
  readonly webhooks = new WebhookEmitter();
  private readonly credentials: { email: string; api_token: string };
  private readonly clock: () => Date;
  private readonly publisher: ZendeskEventPublisher;
  private rateLimit = DEFAULT_RATE_LIMIT;
  private enforceRateLimit = false;
  private window = { startedAt: 0, used: 0 };
  private contentBase?: string;

  /** OAuth access tokens the API accepts, with when each expires. */
  readonly oauthTokens = new Map<string, number | undefined>();
  readonly oauth = zendeskOAuthServer({
    accept: (token, expiresAt) => this.oauthTokens.set(token, expiresAt),
    revoke: (token) => this.oauthTokens.delete(token),
  });

  /** Webhooks created through the API (each one receives the emulator's event deliveries). */
  readonly hooks = new EmulatedHooks(this.webhooks, 1, (n) => `01JZWEBHOOK${String(n).padStart(15, '0')}`);

  constructor(options: ZendeskEmulatorOptions = {}) {
    // The base constructor registers the routes, which read these fields through the context lazily.
    super();
    this.oauth.register(this.app);
    registerTokenRevocation(this.app, this.oauth);
    registerWebhookRoutes(this.app, this.hooks);
    this.credentials = options.credentials ?? { ...ZENDESK_SEED_CREDENTIALS };
    this.clock = options.now ?? (() => new Date());
    this.state = seedZendesk();
    this.publisher = new ZendeskEventPublisher(this.webhooks, ZENDESK_SEED_ACCOUNT_ID, this.clock);
  }

  /**
   * Where content URLs redirect to: Zendesk serves files from another host (`*.zdusercontent.com`);
   * the emulator serves them itself unless a test names another origin reaching it (`http://localhost:…`).
   */
  serveContentFrom(base: string | undefined): void {
    this.contentBase = base;
  }

  subscribeWebhooks(url: string, secret: string): void {
    this.webhooks.subscribe({ url, secret });
  }

  /** Turns on the account-wide limiter: past `limit` requests in a minute, 429 with Retry-After. */
  enableRateLimit(limit: number): void {
    this.rateLimit = limit;
    this.enforceRateLimit = true;
    this.window = { startedAt: this.clock().getTime(), used: 0 };
  }

  disableRateLimit(): void {
    this.enforceRateLimit = false;
    this.rateLimit = DEFAULT_RATE_LIMIT;
  }

  protected routes(app: FastifyInstance): void {
    // Zendesk accepts bodiless DELETEs that still say `Content-Type: application/json`.
    parseJsonLikeProvider(app, () => 'Unprocessable JSON');
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/api/v2/')) return undefined;
      const headers = this.rateLimitHeaders();
      void reply.headers(headers);
      if (this.enforceRateLimit && this.window.used > this.rateLimit) {
        await reply
          .status(429)
          .headers({ 'retry-after': headers['ratelimit-reset'], 'content-type': 'text/plain' })
          .send(ZENDESK_ERRORS.rateLimited);
        return reply;
      }
      if (!this.authenticated(request)) {
        await reply
          .status(401)
          .header('content-type', 'application/json; charset=utf-8')
          .send(ZENDESK_ERRORS.unauthorized);
        return reply;
      }
      return undefined;
    });
    const ctx = this.context();
    attachmentRoutes(app, ctx, () => this.contentBase ?? this.url);
    ticketRoutes(app, ctx);
    deletedTicketRoutes(app, ctx);
    peopleRoutes(app, ctx);
    configurationRoutes(app, ctx);
  }

  private context(): ZendeskContext {
    // Accessors, not values: the base constructor calls routes() before this class's fields exist.
    const self = this as ZendeskEmulator;
    return {
      get state() {
        return self.state;
      },
      get events() {
        return self.publisher;
      },
      base: () => self.url,
      timestamp: () =>
        self
          .clock()
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z'),
      nextId: () => self.state.nextId++,
      actor: (request) => self.actorOf(request),
    };
  }

  private authenticated(request: FastifyRequest): boolean {
    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      if (!this.oauthTokens.has(bearer)) return false;
      const expiresAt = this.oauthTokens.get(bearer);
      return expiresAt === undefined || expiresAt > this.clock().getTime();
    }
    const given = basicCredentials(request);
    return (
      given?.username === `${this.credentials.email}/token` && given.password === this.credentials.api_token
    );
  }

  private actorOf(request: FastifyRequest): ZdUser {
    // An OAuth token acts for the account owner who consented (the seeded admin).
    const email = bearerToken(request)
      ? this.credentials.email
      : basicCredentials(request)?.username.replace(/\/token$/, '');
    const user = [...this.state.users.values()].find((u) => u.email === email);
    if (!user) throw new Error(`the emulator has no user for ${String(email)}`);
    return user;
  }

  /** Counts this request in the current minute and returns Zendesk's rate-limit headers. */
  private rateLimitHeaders(): Record<string, string> {
    const now = this.clock().getTime();
    if (now - this.window.startedAt >= 60_000) this.window = { startedAt: now, used: 0 };
    this.window.used++;
    const remaining = Math.max(0, this.rateLimit - this.window.used);
    const reset = String(Math.max(1, Math.ceil((this.window.startedAt + 60_000 - now) / 1000)));
    return {
      'x-rate-limit': String(this.rateLimit),
      'x-rate-limit-remaining': String(remaining),
      'ratelimit-limit': String(this.rateLimit),
      'ratelimit-remaining': String(remaining),
      'ratelimit-reset': reset,
    };
  }
}

/** A scripted 429 exactly as Zendesk sends one (plain-text body, Retry-After and rate headers). */
export function zendeskRateLimitFault(retryAfterSeconds = 1, times = 1, match?: RegExp): InjectedFault {
  return {
    status: 429,
    times,
    match,
    headers: {
      'content-type': 'text/plain',
      'retry-after': String(retryAfterSeconds),
      'x-rate-limit': String(DEFAULT_RATE_LIMIT),
      'x-rate-limit-remaining': '0',
      'ratelimit-limit': String(DEFAULT_RATE_LIMIT),
      'ratelimit-remaining': '0',
      'ratelimit-reset': String(retryAfterSeconds),
    },
    body: ZENDESK_ERRORS.rateLimited,
  };
}
