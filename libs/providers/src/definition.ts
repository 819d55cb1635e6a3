/**
 * The provider definition format. Everything a provider needs is data: connection settings, auth,
 * and JSONata mappings executed by the shared engine. A new provider is a new folder exporting one
 * `ProviderDefinition`; nothing else in the codebase changes.
 */
export type UnifiedMethod = 'list' | 'get' | 'create' | 'update' | 'delete';

export interface ConnectionSettingDefinition {
  description: string;
  required: boolean;
  /** A regular expression the value must match. */
  pattern?: string;
}

/** A credential a connection carries; the connect page's form is generated from these. */
export interface CredentialDefinition {
  description: string;
  /** The form's label (default: the name, humanised). */
  label?: string;
  /** Whether the value is a secret (a password field, never echoed back); default true. */
  secret?: boolean;
  /** A regular expression the value must match. */
  pattern?: string;
  /** Entered as several lines (a PEM private key): a text area on the connect page. */
  multiline?: boolean;
  /** Not every connection needs it (e.g. an installation id the engine can look up). */
  optional?: boolean;
}

/**
 * Giving a token back to the provider when its connection is deleted (RFC 7009 where the provider
 * follows it). `url` is JSONata over `{settings, base_url, client_id}` (`base_url`: the connection's API
 * base URL). `authenticate`: `client` sends the OAuth app's id and secret as HTTP basic (RFC 7009 §2.1,
 * GitHub's applications API); `token` sends the token being revoked as its bearer (Zendesk's
 * `tokens/current`, GitHub's `installation/token`). `body`: JSONata over `{credentials}`, form-encoded
 * unless `json`.
 */
export interface TokenRevocationDefinition {
  url: string;
  method: 'POST' | 'DELETE';
  authenticate: 'client' | 'token';
  body?: string;
  json?: boolean;
}

/**
 * A custom flow where the provider mints short-lived tokens for an installed app (a GitHub App: app id
 * and private key → an RS256-signed JWT → an installation access token). The engine mints a token when
 * the connection is made and again before each one expires (or when the provider refuses one), once
 * across all processes. Paths are JSONata on the connection's API base URL.
 */
export interface AppInstallationDefinition {
  /** The connect page's name for it, e.g. "GitHub App". */
  label: string;
  /** The app's own credentials (a form of their own); must include those the JWT and paths read. */
  credentials: Record<string, CredentialDefinition>;
  /**
   * The JWT the app signs with its private key: `privateKey` is JSONata over `{credentials}` giving a PEM
   * key; `claims` JSONata over `{credentials, now}` (`now` in unix seconds) giving the claims (RS256).
   */
  jwt: { privateKey: string; claims: string };
  /**
   * Finding the installation when the credentials do not name it: `path` (JSONata over `{settings}`) read
   * with the JWT; `id` JSONata over `{body}`; stored as the credential `credential`.
   */
  installation: { credential: string; path: string; id: string };
  /**
   * The token exchange, POSTed with the JWT: `path` JSONata over `{settings, credentials}`; `token` and
   * `expiresAt` (ISO 8601) JSONata over `{body}`.
   */
  token: { path: string; token: string; expiresAt: string };
  /** Giving the installation token back when the connection is deleted. */
  revoke?: TokenRevocationDefinition;
}

/**
 * OAuth 2.0 (authorization code, PKCE) as the hosted connect page runs it. URLs are JSONata over
 * `{settings}` (a Zendesk subdomain is asked before the redirect); a tenant registers its own OAuth app
 * (client id and secret) per provider, so the consent screen shows its brand.
 */
export interface OAuth2Definition {
  authorizeUrl: string;
  tokenUrl: string;
  scopes: string[];
  /** Between scopes in the `scope` parameter; a space by default. */
  scopeSeparator?: string;
  pkce: boolean;
  /** Extra authorize parameters (e.g. Atlassian's `audience`, `prompt`). */
  authorizeParams?: Record<string, string>;
  /** How requests authenticate on an OAuth connection; `Bearer <access_token>` by default. */
  auth?: AuthDefinition;
  /** The API's base URL on an OAuth connection when it differs (JSONata over `{settings}`). */
  baseUrl?: string;
  /**
   * Calls made once the token is in, each adding settings (Atlassian's accessible-resources → the cloud
   * id and site): `url` is JSONata over `{settings}`, `settings` JSONata over `{body, settings}`.
   */
  afterConnect?: { url: string; settings: string }[];
  /** Settings `afterConnect` finds, so the connect page does not ask for them. */
  settingsFromConnect?: string[];
  /** Giving the tokens back when the connection is deleted; absent where the provider offers no way. */
  revoke?: TokenRevocationDefinition;
}

/**
 * How requests are authenticated. Each value is a JSONata expression over `{credentials, settings}`
 * (the connection's decrypted credentials and its settings), e.g. `credentials.email & "/token"`.
 */
export type AuthDefinition =
  | { scheme: 'basic'; username: string; password: string }
  | { scheme: 'bearer'; token: string }
  | { scheme: 'header'; name: string; value: string }
  /** Seam for OAuth2 with refresh: the access token comes from the connection's credentials. */
  | { scheme: 'oauth2'; token: string };

/** Pagination strategies are implemented once in the engine and chosen here by name. */
export type PaginationDefinition =
  /** RFC 5988 `Link: <…>; rel="next"` (GitHub). */
  | { strategy: 'link-header'; sizeParam: string; maxPageSize: number }
  /**
   * The next page's URL in the body, followed as given on the connection's origin (Front
   * `_pagination.next`); the last page has none. `urlPath` is a dotted path into the body. Without
   * `sizeParam` the provider's pages have a fixed size (Help Scout): the engine cuts them to the limit.
   */
  | { strategy: 'next-url'; urlPath: string; sizeParam?: string; maxPageSize: number }
  /**
   * `startAt` + `maxResults` (Jira; `start` + `limit` in Jira Service Management): last page when `isLast`
   * is true or start+count >= total. An explicit `isLast: false` goes on even after a short page (the
   * provider capped the size).
   */
  | {
      strategy: 'offset';
      startParam: string;
      sizeParam: string;
      maxPageSize: number;
      totalPath?: string;
      isLastPath?: string;
    }
  /** An opaque token from the body sent back as a parameter (Jira enhanced search `nextPageToken`). */
  | {
      strategy: 'next-page-token';
      tokenParam: string;
      sizeParam: string;
      maxPageSize: number;
      tokenPath: string;
    }
  /** Cursor pagination (Zendesk `page[size]`, `page[after]`, `meta.has_more`, `meta.after_cursor`). */
  | {
      strategy: 'cursor';
      sizeParam: string;
      cursorParam: string;
      maxPageSize: number;
      hasMorePath: string;
      cursorPath: string;
    }
  /** `page` + `per_page` numbers; the last page is shorter than the page size. */
  /**
   * Without `sizeParam` the provider serves pages of a fixed `maxPageSize` whatever is asked (ClickUp's
   * 100 tasks): none is sent, and the engine cuts its pages to the caller's limit. `lastPagePath`: a
   * dotted path to the body's own "last page" flag (`last_page`), trusted over the page's length.
   */
  | {
      strategy: 'page-number';
      pageParam: string;
      sizeParam?: string;
      maxPageSize: number;
      firstPage?: number;
      lastPagePath?: string;
    }
  | { strategy: 'none' };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type FilterOperator = 'gt' | 'gte' | 'lt' | 'lte';

/**
 * One unified method of one resource. Every expression is JSONata evaluated over the request context
 * `{id, query, body, settings}`: `id` the unified id, `query` the caller's unified query parameters
 * (e.g. `ticket_id`, parsed `updated_at` filters, `remote_query`), `body` the validated unified body,
 * `settings` the connection settings. `$settings` is bound too.
 */
export interface MethodDefinition {
  method: HttpMethod;
  /** Evaluates to the path (appended to the base URL), e.g. `"/repos/" & settings.owner & "/" & settings.repo & "/issues"`. */
  path: string;
  /** Evaluates to an object of query parameters for the provider. */
  query?: string;
  /** Evaluates to the provider request body (create/update). */
  body?: string;
  /**
   * Evaluates over the provider's response BODY to the provider object (get/create/update) or array of
   * objects (list) that `ResourceDefinition.record` then maps. Defaults to `$` (the body itself).
   */
  response?: string;
  /** List only: how to walk pages; defaults to the provider's pagination. */
  pagination?: PaginationDefinition;
  /** List only: the provider returns abridged objects (the `get` record is richer). */
  isPartial?: boolean;
  /**
   * List only, POST searches: the paging parameters go into this object of the body instead of its top
   * level (Intercom's `"pagination": {"per_page": 50, "starting_after": "…"}`).
   */
  pagingBodyField?: string;
  /** Unified query parameters the call cannot do without (e.g. `ticket_id` for comments). */
  requiredQuery?: string[];
  /** Which `created_at` / `updated_at` operators the `query` expression forwards to the provider. */
  filters?: Partial<Record<'created_at' | 'updated_at', FilterOperator[]>>;
  /** Create/update: after the write, read the record back with `get` to confirm what the provider kept. */
  readBack?: boolean;
  /**
   * Create/update: further requests after the main write, in order, for what that write cannot carry
   * (Jira Service Management changes a request's status with a workflow transition, not an edit).
   */
  after?: FollowUpRequest[];
  /**
   * List only: the list answer names its records without their fields (Azure DevOps WIQL answers ids).
   * After paging, one more request fetches the page's records whole; they are what the list maps. Not
   * sent for an empty page.
   */
  details?: ListDetailsRequest;
  /** The request body's content type where it is not JSON (JSON Patch: `application/json-patch+json`). */
  contentType?: string;
}

/**
 * A list's details request. Its expressions see the method's context `{query, settings}` plus
 * `previous`: the page's items as the list's `response` selected them.
 */
export interface ListDetailsRequest extends FollowUpRequest {
  /** Evaluates over the answer's body to the array of records. Defaults to `$`. */
  response?: string;
  /** At most this many items per details request (the provider's batch limit): it caps the page size. */
  maxItems?: number;
}

/**
 * A request sent after a method's main one. Its expressions see the method's context
 * `{id, query, body, settings}` plus `record` (the unified record the main answer mapped to, whose id
 * addresses a created record) and `previous` (the answer body of the step before; for the first, the
 * provider object of the main answer). Its own answer is not mapped.
 */
export interface FollowUpRequest {
  /** JSONata predicate: the step is skipped unless it is true. Absent: always sent. */
  when?: string;
  method: HttpMethod;
  path: string;
  query?: string;
  body?: string;
}

export interface ResourceDefinition {
  /**
   * JSONata mapping ONE provider object to the unified record (without `etag`/`remote_data`, which the
   * engine adds). Shared by REST responses and webhook events so both produce the same record.
   */
  record: string;
  methods?: Partial<Record<UnifiedMethod, MethodDefinition>>;
  /** Files (attachments): how the provider takes a file's bytes. Absent: uploads are refused with a 400. */
  upload?: FileUploadDefinition;
  /** Files (attachments): where the provider serves a file's bytes, streamed through to the caller. */
  download?: FileDownloadDefinition;
  /** Polling change detection (docs/polling.md): absent, the resource is not polled. */
  poll?: PollDefinition;
}

/**
 * How the poller finds a resource's changes with its `list` method (docs/polling.md). The engine
 * publishes a record only when its content hash (the unified record's etag) differs from the last one
 * published for it.
 */
export interface PollDefinition {
  /**
   * `updated_at`: each cycle lists with `updated_at[gte]` = watermark − overlap (the list must declare
   * that filter); `updated_desc`: each cycle lists newest-updated first (the list's query plus `sort`)
   * and stops at the first page reaching records updated before watermark − overlap; `full`: each cycle
   * lists every record and diffs them (small resources), which also finds deletions every cycle.
   */
  changes: 'updated_at' | 'updated_desc' | 'full';
  /**
   * `updated_desc` only: the provider's query parameters that sort the list by update time, newest
   * first (Gorgias `{"order_by": "updated_datetime:desc"}`), sent over the list's own query. Whole
   * listings (baseline, reconciliation) keep the list's own order: one that an update cannot reshuffle
   * while the pages are read.
   */
  sort?: Readonly<Record<string, string>>;
  /**
   * `updated_at` only: the request that lists changes, where the resource's own list cannot filter by
   * update time but another request of the provider can and cannot replace it (HubSpot's CRM search
   * filters on `hs_lastmodifieddate` but stops at 10,000 results). Its records map with the resource's
   * `record`; whole listings (baseline, reconciliation) use the resource's own list, so `compare` must
   * leave out what the two answer differently.
   */
  list?: MethodDefinition;
  /**
   * Records the list reaches only under a parent (Jira and Zendesk comments need `ticket_id`): the parent
   * resource is listed for changes since the watermark (a new comment changes its ticket's updated_at),
   * and each changed parent's records are listed whole and diffed, deletions included.
   */
  parent?: { resource: string; query: string };
  /** `reconcile`: every reconcile interval the ids are listed whole, and known ids missing are deleted. */
  deletions: 'reconcile' | 'none';
  /**
   * The provider's own list of recently deleted records (Zendesk's deleted tickets), read every cycle
   * after the baseline: the ids it names that were published are published as deleted, so a deletion
   * comes within one poll interval rather than one reconcile interval. One page, newest deletions first;
   * more deletions than a page within one interval are left to reconciliation.
   */
  deletedList?: DeletedListDefinition;
  /**
   * Where the list shows less than a single read (Zendesk's search export has no sideloaded users, so
   * people's names are null): JSONata over the unified record (without `etag` and `remote_data`) giving
   * what change detection compares, for the poller and for the normalizer's record of what a webhook
   * published. Absent: the whole record (its etag).
   */
  compare?: string;
}

/** A GET of the provider's deleted records, on the connection's base URL. */
export interface DeletedListDefinition {
  /** JSONata over `{settings}`: the path. */
  path: string;
  /** JSONata over `{settings}`: the query parameters (newest deletions first, one page). */
  query?: string;
  /** JSONata over the answer's body: the remote ids of the deleted records. */
  ids: string;
}

/**
 * A file upload as the provider's own flow takes it: requests in order, the file's bytes in one of them
 * (Jira: one multipart POST; Zendesk: the raw bytes to `uploads`, then a comment naming the token).
 * Expressions see `{body, file, query, settings, steps}`: `body` the validated unified fields
 * (`ticket_id`, `file_name`, …), `file` `{name, content_type, size}`, `steps` the answer bodies of the
 * requests sent so far, in order.
 */
export interface FileUploadDefinition {
  steps: FileUploadStep[];
  /** Over the same input once every step answered: the provider's attachment object `record` maps. */
  response: string;
}

export interface FileUploadStep {
  method: 'POST' | 'PUT';
  path: string;
  query?: string;
  /**
   * How the file travels in this request: a `multipart/form-data` part named `field` (with the file's
   * name and type), or the whole body with the file's content type. Absent: `body` is sent as JSON.
   */
  file?: { as: 'multipart'; field: string } | { as: 'raw' };
  body?: string;
  /** Headers this request needs besides the usual ones (Jira's `X-Atlassian-Token: no-check`). */
  headers?: Record<string, string>;
}

/**
 * Where a file's bytes are read. Either a request on the API (`path`, `query`: JSONata over
 * `{id, query, settings}`), or `fromRecord`: the record is read with `get` first and this JSONata over
 * the unified record gives the content URL (Zendesk's `content_url`). The URL, and any redirect, must
 * stay on the connection's origin or one of `redirectHosts` (`*.` matches subdomains); credentials are
 * sent to the connection's origin only.
 */
export type FileDownloadDefinition = (
  { path: string; query?: string; fromRecord?: never } | { fromRecord: string; path?: never; query?: never }
) & { redirectHosts?: string[] };

/** How the provider signals rate limiting, so the engine can retry GETs and surface the rest. */
export interface RateLimitDefinition {
  /** Besides 429: JSONata over `{status, headers}` true for a rate-limited answer (GitHub's 403 with remaining 0). */
  isRateLimited?: string;
  limitHeader?: string;
  remainingHeader?: string;
  resetHeader?: string;
  resetFormat?: 'unix-seconds' | 'unix-ms' | 'seconds-from-now' | 'iso8601';
}

/** Verification schemes are implemented once in the engine and chosen here by name. */
export type WebhookVerification =
  | {
      scheme: 'hmac';
      algorithm: 'sha256' | 'sha1';
      /** Header holding the signature. */
      signatureHeader: string;
      /** Text before the signature in the header, e.g. `sha256=`. */
      prefix?: string;
      encoding: 'hex' | 'base64';
      /**
       * What is signed, in order: the raw body, a header's value, the request's method (`POST`) and/or
       * the full URL the provider called (`https://host/webhooks/c-1?x=1`, as the ingest reconstructs it
       * from the forwarded scheme and host).
       */
      signedContent: (
        { part: 'body' } | { part: 'header'; name: string } | { part: 'method' } | { part: 'url' }
      )[];
      /** Text signed between consecutive parts (Front: `<timestamp>:<body>`); none by default. */
      separator?: string;
      /** Where the provider signs a timestamp, the window it must fall within. */
      timestamp?: {
        /** The header carrying it, or … */
        header?: string;
        /** … a dotted path into the JSON body (Linear's `webhookTimestamp`, which its signature covers). */
        bodyPath?: string;
        format: 'iso8601' | 'unix-seconds' | 'unix-ms';
        toleranceSeconds: number;
      };
    }
  /**
   * For providers that sign nothing: the secret we issued to the connection, sent back by the provider in
   * a header it lets you set, a query parameter, or the URL path (`/webhooks/{connectionId}/{secret}`);
   * compared in constant time.
   */
  | { scheme: 'shared-secret'; header?: string; queryParam?: string; pathToken?: boolean }
  /**
   * A JSON Web Token in a header (Monday: `Authorization`, bare or `Bearer …`), HS256-signed with the
   * connection's webhook secret. It must not be expired (`exp`, required); with `audienceIsUrl` its `aud`
   * must be the URL the delivery was made to. The token does not cover the body.
   */
  | {
      scheme: 'jwt';
      header: string;
      algorithm: 'HS256';
      audienceIsUrl?: boolean;
      clockToleranceSeconds?: number;
    }
  | { scheme: 'none' };

/**
 * Endpoint-verification handshakes, answered by webhook-ingest without publishing anything:
 * `echo-header` (Asana: echo `X-Hook-Secret` on the creating request, then keep it as the signing secret),
 * `challenge` (Monday: answer `{"challenge": …}` with the same value), `head-ok` (Trello: HEAD must be 200).
 */
export type WebhookHandshake =
  | { kind: 'echo-header'; header: string; adoptAsSecret: boolean }
  /** With `header`, the challenge comes in that request header (Front's `X-Front-Challenge`), not the body. */
  | { kind: 'challenge'; bodyField: string; header?: string }
  | { kind: 'head-ok' };

export interface WebhookEventMapping {
  /** What this mapping handles, for docs and DLQ reasons. */
  description: string;
  /** JSONata predicate over `{headers, body}`. The first matching mapping wins (see `continue`). */
  match: string;
  /** Unified resource the event is about (plural, as in the REST paths). */
  resource: string;
  /** JSONata over `{headers, body}` returning `created`, `updated` or `deleted`. */
  action: string;
  /**
   * JSONata over `{headers, body}` selecting the provider object that `resources[resource].record` maps.
   * With `many: true` it yields an array and each element becomes its own change (batched deliveries).
   */
  object: string;
  many?: boolean;
  /**
   * For thin payloads (ids only): JSONata over `{headers, body}` (or, with `many`, over each element as
   * `$`) giving the remote id; the normalizer then fetches the full record with the resource's `get`.
   * Not used for deletes, which carry only the id.
   */
  fetchId?: string;
  /**
   * For deliveries about more than one record (Front: a conversation's first message creates the ticket
   * and the comment): after this mapping's changes, the next matching mapping adds its own.
   */
  continue?: boolean;
}

/**
 * How connecting registers the provider's webhook for the user (GitHub repository hook, Zendesk webhook,
 * GitLab project hook). Paths and bodies are JSONata over `{settings, url, secret, hookId}`: `url` is our
 * ingest URL for the connection, `secret` a fresh one.
 */
export interface WebhookRegistrationDefinition {
  /** Only connections of these auth methods can register (Jira: dynamic webhooks are for OAuth apps). */
  onlyFor?: ('credentials' | 'oauth2' | 'app_installation')[];
  create: {
    method?: 'POST' | 'PUT';
    path: string;
    body: string;
    /** JSONata over `{body}`: the hook's id. */
    hookId: string;
  };
  /** Where the provider chooses the secret (Zendesk's signing secret): read after creating. */
  secret?: { path: string; /** JSONata over `{body}`. */ value: string };
  /**
   * Deliveries of the hooks we register are signed with the tenant's OAuth client secret (Jira dynamic
   * webhooks: a JWT), not a secret of ours: that is what the connection verifies them with.
   */
  secretIsOAuthClientSecret?: boolean;
  /** How deliveries of the hooks we register are verified, where that differs from `verification`. */
  verification?: WebhookVerification;
  /**
   * Read with GET: 404 means someone deleted it. Providers that only list their hooks give `found`, JSONata
   * over `{body, hookId}` saying whether the hook is in the answer.
   */
  get: { path: string; found?: string };
  /** Removed when the connection is deleted (DELETE; a body where the provider takes ids in it). */
  remove: { path: string; body?: string };
  /** Hooks that expire (Jira: 30 days) are renewed at every check. */
  renew?: { method: 'PUT' | 'POST'; path: string; body: string };
}

export interface WebhookDefinition {
  verification: WebhookVerification;
  registration?: WebhookRegistrationDefinition;
  /** Header carrying the provider's delivery id; a hash of the body is used where it has none. */
  deliveryIdHeader?: string;
  /**
   * For providers that put the delivery id in the body (Intercom's notification `id`): JSONata over
   * `{headers, body}`. Used when `deliveryIdHeader` gives nothing; a hash of the body where this gives nothing.
   */
  deliveryId?: string;
  /** JSONata predicate over `{headers, body}` for deliveries that carry no change (pings, excluded kinds). */
  ignore?: string;
  handshakes?: WebhookHandshake[];
  events: WebhookEventMapping[];
}

export interface ProviderDefinition {
  name: string;
  displayName: string;
  /**
   * JSONata over `{settings}` giving the API's base URL, e.g. `"https://" & settings.subdomain & ".zendesk.com"`.
   * A connection setting `base_url` overrides it (sandbox emulators, self-hosted instances).
   */
  baseUrl: string;
  auth: AuthDefinition;
  /** Credentials a connection must carry (e.g. `email`, `api_token`); stored encrypted, never returned. */
  credentials: Record<string, CredentialDefinition>;
  /**
   * The live call that proves a connection's credentials work before it is stored (the hosted connect
   * page): JSONata over `{settings}` giving a path on the base URL, read with GET. Absent: the first
   * listable resource is listed with a page of one.
   */
  connectionCheck?: { path: string };
  /** OAuth 2.0, where the provider offers it besides (or instead of) the credential form. */
  oauth2?: OAuth2Definition;
  /** An app installation whose tokens the engine mints (a GitHub App), besides the other methods. */
  appInstallation?: AppInstallationDefinition;
  /** Settings a connection to this provider carries (e.g. owner and repo), validated when it is created. */
  connectionSettings: Record<string, ConnectionSettingDefinition>;
  /** Default pagination of list methods. */
  pagination: PaginationDefinition;
  rateLimit?: RateLimitDefinition;
  /** JSONata over the provider's error response body giving a human-readable message. */
  errorMessage?: string;
  /**
   * GraphQL APIs answer failures in `errors`, often with HTTP 200 or 400 whatever went wrong. For an
   * answer whose body has a non-empty `errors` array: JSONata over `{status, headers, body}` giving the
   * HTTP status the failure stands for (429 rate limited, 401, 403, 404, 422), which the engine then
   * treats as such (retries, gateway errors). Nothing: the answer is kept, partial data and all.
   */
  graphqlErrorStatus?: string;
  /**
   * For a REST answer that failed (not 2xx): JSONata over `{status, headers, body}` giving the HTTP status
   * the failure stands for, where the provider's status misleads (ServiceNow answers a body refused by a
   * data policy or business rule with 403, which is not refused credentials). Nothing: the status is kept.
   */
  errorStatus?: string;
  /** Headers sent with every request (e.g. GitHub's `Accept` and API version). */
  headers?: Record<string, string>;
  /**
   * Headers whose values depend on the connection, each a JSONata expression over `{settings}` (Zoho
   * Desk's `orgId`, the organization every call addresses). Sent with every request; none when empty.
   */
  settingHeaders?: Record<string, string>;
  resources: Record<string, ResourceDefinition>;
  webhooks?: WebhookDefinition;
  /**
   * Where the provider's own API description is, for contract checks: files under ../shared/specs
   * (OpenAPI or GraphQL SDL; more than one where the provider splits its API), or `npm:<package path>`.
   * Absent: the provider publishes none (its doc says so).
   */
  officialDescription?: { kind: 'openapi' | 'graphql'; files: string[] };
}
