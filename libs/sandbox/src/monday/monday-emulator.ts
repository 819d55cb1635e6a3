import { createHmac } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { ProviderGraphqlError, registerGraphqlEndpoint } from '../kit/graphql/graphql-endpoint';
import { ProviderEmulator, type InjectedFault } from '../kit/provider-emulator';
import { WebhookEmitter } from '../kit/webhook-emitter';
import {
  byIds,
  decodeItemsCursor,
  itemsPage,
  newestFirst,
  pageOf,
  renderBoard,
  renderItem,
  renderTeam,
  renderUpdate,
  renderUser,
} from './render';
import { MONDAY_SDL } from './schema';
import { MONDAY_SEED_TOKEN, seedMonday, type MondayState, type Row } from './seed';
import { mondayMutations } from './mutations';

type Args = Record<string, unknown>;
const ACCOUNT_ID = 9_900_001;

/** An HS256 JWT as monday puts in a delivery's `Authorization` header (signed with the app's signing secret). */
function jwt(secret: string, claims: Row): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/**
 * monday.com's GraphQL API (`POST /v2`) on loopback: boards, groups, columns, items through
 * `items_page`/`next_items_page` cursors, typed column values, updates, users, teams, tags and
 * workspaces; the API token in `Authorization` (no Bearer); errors as `{errors: [{message, extensions:
 * {code}}]}` (401 `Unauthorized`, 429 `RATE_LIMIT_EXCEEDED` with `retry_in_seconds`); and board webhooks
 * (`{event: {type, …}}`) carrying a JWT signed with the app's signing secret, `aud` the callback URL.
 */
export class MondayEmulator extends ProviderEmulator {
  readonly webhooks = new WebhookEmitter();
  state: MondayState = seedMonday();

  constructor(private readonly token = MONDAY_SEED_TOKEN) {
    super();
    registerGraphqlEndpoint(this.app, {
      path: '/v2',
      sdl: MONDAY_SDL,
      root: () => ({ ...this.queries(), ...this.mutations() }),
      guard: (request) =>
        this.authorized(request)
          ? undefined
          : new ProviderGraphqlError('Not Authenticated', 'Unauthorized', 401),
      extensions: (error) =>
        error instanceof ProviderGraphqlError
          ? { code: error.code, status_code: error.status ?? 200, error_data: {} }
          : {
              code:
                error instanceof GraphQLError && error.path
                  ? 'INTERNAL_SERVER_ERROR'
                  : 'GRAPHQL_VALIDATION_FAILED',
            },
      errorStatus: 200,
    });
  }

  protected routes(): void {}

  subscribeWebhooks(url: string, secret: string): void {
    this.webhooks.subscribe({ url, secret });
  }

  /** monday's 429 for an exhausted minute budget, `times` over. */
  rateLimitFault(times = 1): InjectedFault {
    return {
      status: 429,
      times,
      match: /POST \/v2/,
      headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' },
      body: {
        errors: [
          {
            message: 'Rate limit exceeded for the account, please wait before retrying',
            extensions: { code: 'RATE_LIMIT_EXCEEDED', status_code: 429, retry_in_seconds: 1 },
          },
        ],
        account_id: ACCOUNT_ID,
      },
    };
  }

  private authorized(request: FastifyRequest): boolean {
    const header = request.headers.authorization ?? '';
    return header === this.token || header === `Bearer ${this.token}`;
  }

  private queries() {
    const s = this.state;
    return {
      boards: (a: Args) =>
        pageOf(byIds(s.boards, a.ids as string[]), a, 25)
          .filter((b) => !a.workspace_ids || (a.workspace_ids as string[]).includes(String(b.workspace_id)))
          .map((b) => renderBoard(b, s)),
      items: (a: Args) =>
        pageOf(
          byIds(
            s.items.filter((i) => i.state === 'active'),
            a.ids as string[],
          ),
          a,
          25,
        ).map((i) => renderItem(i, s)),
      next_items_page: (a: Args) => {
        const from = decodeItemsCursor(String(a.cursor));
        return itemsPage(s, from.board, from.offset, Number(a.limit));
      },
      updates: (a: Args) =>
        pageOf(byIds(newestFirst(s.updates), a.ids as string[]), a, 25).map((u) => renderUpdate(u, s)),
      users: (a: Args) => pageOf(byIds(s.users, a.ids as string[]), a, 200).map((u) => renderUser(u, s)),
      teams: (a: Args) => byIds(s.teams, a.ids as string[]).map((t) => renderTeam(t, s)),
      tags: (a: Args) => byIds(s.tags, a.ids as string[]),
      workspaces: (a: Args) => pageOf(byIds(s.workspaces, a.ids as string[]), a, 25),
      me: () => renderUser(s.users[0], s),
    };
  }

  private mutations() {
    return mondayMutations(this.state, (payload) => this.announce(payload));
  }

  /** A board webhook delivery: the JWT's `aud` is the callback URL, valid for a minute. */
  private announce(payload: Row): void {
    this.webhooks.emit(payload, (_body, secret, url) => {
      const iat = Math.floor(Date.now() / 1000);
      return {
        authorization: jwt(secret, {
          accountId: ACCOUNT_ID,
          userId: 61000001,
          aud: url,
          iat,
          exp: iat + 60,
          shortLivedToken: 'short-lived-sandbox-token',
        }),
        'user-agent': 'monday.com-webhooks',
      };
    });
  }
}
