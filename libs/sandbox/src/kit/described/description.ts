/**
 * An emulator described as data: collections seeded with records shaped like the provider's own objects,
 * the provider's routes for them, its paging, auth check, error bodies, rate-limit answer and signed
 * webhooks. `DescribedEmulator` derives the HTTP server from it (json-server's idea: CRUD and paging are
 * derived, not written), and a description overrides only where its provider is peculiar.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type ProviderObject = Record<string, unknown>;
export type CollectionMethod = 'list' | 'get' | 'create' | 'update' | 'delete';

/** What a description's functions can see and do while a request is served. */
export interface EmulatorContext {
  /** The records of a collection (live: writes through `insert`/`replace`/`remove`). */
  records(collection: string): ProviderObject[];
  find(collection: string, predicate: (record: ProviderObject) => boolean): ProviderObject | undefined;
  /** The next id of a collection: one more than the largest numeric id seeded or created. */
  nextId(collection: string, field?: string): number;
  /** ISO-8601 timestamp of the emulator's clock. */
  now(): string;
  /** The emulator's base URL (for `url`/`self` fields and Link headers). */
  baseUrl(): string;
  /** Route parameters of the request (`:project` → `params.project`). */
  params: Record<string, string>;
  query: Record<string, string>;
  request: FastifyRequest;
}

/** A request body the provider refuses, with the message its error body carries. */
export class ProviderValidationError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

/** How a list's records are cut into pages, and what the answer says about the next one. */
export type EmulatorPaging =
  /** `page` + `per_page` (GitLab, Freshdesk): `Link: rel="next"` and any extra headers the provider sends. */
  | {
      style: 'page-number';
      pageParam: string;
      sizeParam: string;
      defaultSize: number;
      maxSize: number;
      /** Answers a size above the maximum with 400 instead of clamping it. */
      refuseOversize?: boolean;
      linkHeader: boolean;
      headers?: (page: PageInfo) => Record<string, string>;
    }
  /**
   * `start` + `limit` offsets (Jira Service Management); the list body says where the page is
   * (`listBody` reads `PageInfo.start` and `requested`). A size above the maximum is served capped.
   */
  | {
      style: 'offset';
      startParam: string;
      sizeParam: string;
      defaultSize: number;
      maxSize: number;
      /** Headers the provider sends with each page (ServiceNow's `Link` and `X-Total-Count`). */
      headers?: (page: PageInfo) => Record<string, string>;
    }
  /** `starting_after` / `cursor` tokens (Intercom, Front): opaque to clients. */
  | { style: 'cursor'; cursorParam: string; sizeParam: string; defaultSize: number; maxSize: number }
  | { style: 'none' };

export interface PageInfo {
  /** 1-based page number (page-number paging). */
  page: number;
  size: number;
  total: number;
  totalPages: number;
  /** The cursor of the next page (cursor paging), or undefined on the last. */
  nextCursor?: string;
  /** URL of the next page with the same query, or undefined on the last. */
  nextUrl?: string;
  /** Offset paging: the index of the page's first record, the size asked for, the previous page's URL. */
  start?: number;
  requested?: number;
  prevUrl?: string;
}

export interface CollectionDescription {
  /** Route of the list and create calls, Fastify style: `/api/v4/projects/:project/issues`. */
  path: string;
  /** Route of one record; defaults to `${path}/:id`. */
  itemPath?: string;
  /** The record field `:id` addresses (GitLab issues: `iid` within their project). Default `id`. */
  key?: string;
  /**
   * Route parameters that scope the collection to a parent: parameter → record field. An `itemPath`
   * without the parameter reaches a record by its key alone.
   */
  scope?: Record<string, string>;
  seed: ProviderObject[];
  methods: CollectionMethod[];
  /** Default: the description's paging. */
  paging?: EmulatorPaging;
  /** Query parameters that filter a list: parameter → does this record match the value. */
  filters?: Record<string, (record: ProviderObject, value: string) => boolean>;
  /**
   * Order of a list; default by key ascending. `query` is the list call's: providers whose lists take a
   * sort parameter (Gorgias `order_by`, Zoho Desk `sortBy`) honour it here.
   */
  order?: (a: ProviderObject, b: ProviderObject, query: Readonly<Record<string, string>>) => number;
  /** The body of a list answer; default the bare array. */
  listBody?: (items: unknown[], page: PageInfo) => unknown;
  /** The body of a get/create/update answer; default the rendered record. */
  itemBody?: (item: unknown) => unknown;
  /** How a stored record is served (joins, computed fields); default as stored. */
  render?: (record: ProviderObject, ctx: EmulatorContext) => unknown;
  /** The writable attributes from a request body (e.g. `body.ticket`); default the body. */
  input?: (body: unknown) => ProviderObject;
  /** A new record from a create's input; throw `ProviderValidationError` for what the provider refuses. */
  create?: (input: ProviderObject, ctx: EmulatorContext) => ProviderObject;
  /** The updated record; throw `ProviderValidationError` for what the provider refuses. */
  update?: (record: ProviderObject, input: ProviderObject, ctx: EmulatorContext) => ProviderObject;
  /** Status of a successful create (201 by default) and delete (204 by default). */
  createStatus?: number;
  deleteStatus?: number;
  /** The webhook payload a write of this collection sends, or undefined for none. */
  webhook?: (
    action: 'created' | 'updated' | 'deleted',
    record: ProviderObject,
    ctx: EmulatorContext,
    before?: ProviderObject,
  ) => unknown;
}

export interface ErrorBodies {
  contentType?: string;
  unauthorized: () => unknown;
  notFound: (what: string) => unknown;
  /** A body the provider refuses; `status` is the provider's (400 or 422). */
  invalid: (error: ProviderValidationError) => unknown;
  invalidStatus: 400 | 422;
  /** A page size or parameter the provider refuses (400). */
  badRequest: (message: string) => unknown;
}

export interface RateLimitDescription {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
  /** The provider's rate-limit headers on every answer. */
  headers: (
    limit: number,
    remaining: number,
    resetSeconds: number,
    nowSeconds: number,
  ) => Record<string, string>;
  /** The body (and content type) of its 429. */
  body: unknown;
  contentType?: string;
}

export interface EmulatorDescription {
  provider: string;
  /** Only requests under this prefix are API calls (auth, rate limit). */
  apiPrefix: string;
  /** Does the request carry the emulator's credentials. */
  authorized: (request: FastifyRequest, credentials: Record<string, string>) => boolean;
  credentials: Record<string, string>;
  errors: ErrorBodies;
  paging: EmulatorPaging;
  rateLimit: RateLimitDescription;
  collections: Record<string, CollectionDescription>;
  /** How the provider signs a webhook delivery: its headers for this body, secret and subscribed URL. */
  signWebhook?: (body: Buffer, secret: string, now: Date, url: string) => Record<string, string>;
  /**
   * Routes the collections cannot derive (a search endpoint, a reply action, a singleton), registered
   * after them with the same auth, rate limit, error bodies and context. Keep them few.
   */
  extraRoutes?: (app: FastifyInstance, kit: EmulatorKit) => void;
}

/** What `extraRoutes` can use: the request context, paging, errors and webhooks of the emulator. */
export interface EmulatorKit {
  context(request: FastifyRequest): EmulatorContext;
  /** One page of records the way `paging` cuts them (query values from `ctx.query`). */
  page(records: ProviderObject[], paging: EmulatorPaging, ctx: EmulatorContext): PageResult;
  /** Sends the provider's error body for this status (401, 404 of a collection, 400 …). */
  notFound(reply: FastifyReply, collection: string): FastifyReply;
  /** Sends a webhook for a write the way a collection's `webhook` does. */
  announce(
    collection: string,
    action: 'created' | 'updated' | 'deleted',
    record: ProviderObject,
    ctx: EmulatorContext,
    before?: ProviderObject,
  ): void;
}

export type PageResult =
  { items: ProviderObject[]; info: PageInfo; headers: Record<string, string> } | { refused: string };
