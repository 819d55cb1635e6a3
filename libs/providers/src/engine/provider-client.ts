import { contractFieldsOf } from '@app/unified-models';
import type {
  ListDetailsRequest,
  MethodDefinition,
  PaginationDefinition,
  ProviderDefinition,
  UnifiedMethod,
} from '../definition';
import type { ProviderRegistry } from '../registry';
import type { TokenSource } from '../oauth/token-refresher';
import {
  overrideKey,
  resolveExpression,
  type ConnectionContext,
  type MappingOverrides,
} from './connection-context';
import { AttachmentFiles, type FileDownload, type UploadedFile } from './attachment-files';
import { MappingError } from './expression-cache';
import { ExpressionCache } from './expression-cache';
import { HttpTransport, type ProviderResponse } from './http-transport';
import {
  decodeCursor,
  encodeCursor,
  nextPageState,
  pageRequest,
  pageSize,
  type PageState,
} from './pagination';
import { recordItemBytes } from './raw-json';
import { RecordMapper, type UnifiedRecord } from './record-mapper';
import { RequestBuilder, type CallInput } from './request-builder';
import { RetryingSender, type RetryPolicy } from './retrying-sender';
import { ProviderNotFoundError, UnsupportedMethodError } from './errors';

export interface ProviderClientOptions {
  registry: ProviderRegistry;
  expressions?: ExpressionCache;
  transport?: HttpTransport;
  retry?: Partial<RetryPolicy>;
  contractFields?: (resource: string) => readonly string[];
  /** OAuth token lifecycle (refresh before expiry and after a refusal); none: credentials as stored. */
  tokens?: TokenSource;
}

export interface CallOptions {
  query?: Record<string, unknown>;
  overrides?: MappingOverrides;
}

export interface ListOptions extends CallOptions {
  limit?: number;
  cursor?: string;
  /** Another list request of the resource than its own `list` (a poll block's `list`), same record mapping. */
  method?: MethodDefinition;
  /**
   * Record each item's bytes as the provider sent them (raw-json.ts), for a caller that writes the
   * records' `remote_data` out as it came. Off by default: finding them is a pass over the whole answer
   * (~10 % of a gateway list-100), wasted when `remote_data` is not written.
   */
  itemBytes?: boolean;
}

export interface ListResult {
  result: UnifiedRecord[];
  next_cursor: string | null;
  result_count: number;
  /** The list returns abridged records (the definition says so); `get` has the full ones. */
  is_partial: boolean;
  /** The provider's response body, for `response_format=raw`. */
  raw: unknown;
}

/**
 * The generic engine: executes a provider definition's methods against the provider's API and maps
 * the answers to unified records. Knows nothing about any particular provider.
 */
export class ProviderClient {
  readonly expressions: ExpressionCache;
  readonly records: RecordMapper;
  private readonly requests: RequestBuilder;
  private readonly sender: RetryingSender;
  private readonly files: AttachmentFiles;

  constructor(private readonly options: ProviderClientOptions) {
    this.expressions = options.expressions ?? new ExpressionCache();
    // The definitions' own expressions run compiled (fast-jsonata); tenants' overrides keep the limited interpreter.
    this.expressions.trustDefinitions(options.registry.all());
    this.records = new RecordMapper(this.expressions, options.contractFields ?? contractFieldsOf);
    this.requests = new RequestBuilder(this.expressions);
    this.sender = new RetryingSender(
      options.transport ?? new HttpTransport(),
      this.expressions,
      options.retry,
      options.tokens,
    );
    this.files = new AttachmentFiles(this.expressions, this.sender, this.records, (c, r, id, o) =>
      this.get(c, r, id, o),
    );
  }

  async list(
    connection: ConnectionContext,
    resource: string,
    options: ListOptions = {},
  ): Promise<ListResult> {
    const own = this.method(connection, resource, 'list');
    const { definition } = own;
    const method = options.method ?? own.method;
    const pagination: PaginationDefinition = method.pagination ?? definition.pagination;
    const state: PageState = options.cursor ? decodeCursor(options.cursor) : { kind: 'first' };
    const size = Math.min(pageSize(pagination, options.limit), method.details?.maxItems ?? Infinity);
    const query = options.query ?? {};
    const built = await this.requests.build(
      definition,
      resource,
      'list',
      method,
      connection,
      { query },
      options.overrides,
    );
    const page = pageRequest(pagination, state, size);
    const [pathOnly, search] = (page.pathAndQuery ?? built.path).split('?');
    const pagingInBody = isPagingInBody(built.body, method.method);
    const params = page.pathAndQuery
      ? Object.fromEntries(new URLSearchParams(search))
      : { ...built.params, ...(pagingInBody ? {} : page.params) };
    const body = pagingInBody
      ? withPaging(built.body as object, page.params, method.pagingBodyField)
      : built.body;
    const response = await this.sender.send(
      definition,
      connection,
      { method: method.method, url: `${built.baseUrl}${pathOnly}`, params, body },
      resource,
      true, // a list reads, whatever its HTTP method (GraphQL, POST searches): safe to retry
    );

    if (options.itemBytes) recordItemBytes(response.body);
    const objects = await this.selectResponse(
      definition,
      resource,
      'list',
      method,
      response,
      { query },
      options.overrides,
    );
    const all = Array.isArray(objects) ? objects : objects === undefined || objects === null ? [] : [objects];
    // A list the provider does not page comes whole: the engine pages it for the caller, so `limit`
    // holds for every list (the cursor is an offset into the provider's answer). A provider whose pages
    // have a fixed size larger than `limit` (it ignores the size asked) is cut the same way: the rest
    // of its page is served by asking for the same page again with `skip`.
    const unpaged = pagination.strategy === 'none';
    const start = unpaged ? (state.kind === 'offset' ? state.start : 0) : (state.skip ?? 0);
    const items = all.slice(start, start + size);
    const { skip: _served, ...providerPage } = state;
    const next: PageState | undefined =
      start + size < all.length
        ? unpaged
          ? { kind: 'offset', start: start + size }
          : { ...providerPage, skip: start + size }
        : unpaged
          ? undefined
          : nextPageState(
              pagination,
              providerPage,
              size,
              { headers: response.headers, body: response.body, count: all.length },
              built.baseUrl,
            );
    const details = method.details
      ? await this.listDetails(definition, connection, resource, method.details, items, {
          query,
          itemBytes: options.itemBytes ?? false,
        })
      : undefined;
    const context = { settings: connection.settings, request: { query }, overrides: options.overrides };
    // One after another: mapping is CPU only, and interleaved evaluations would all share one
    // wall-clock time limit between them.
    const result: UnifiedRecord[] = [];
    for (const item of details?.records ?? items)
      result.push(await this.records.map(definition, resource, item, context));
    return {
      result,
      next_cursor: next ? encodeCursor(next) : null,
      result_count: result.length,
      is_partial: method.isPartial ?? false,
      raw: details ? details.raw : response.body,
    };
  }

  async get(
    connection: ConnectionContext,
    resource: string,
    id: string,
    options: CallOptions = {},
  ): Promise<UnifiedRecord> {
    return this.single(connection, resource, 'get', { id, query: options.query ?? {} }, options.overrides);
  }

  async create(
    connection: ConnectionContext,
    resource: string,
    body: unknown,
    options: CallOptions = {},
  ): Promise<UnifiedRecord> {
    const created = await this.single(
      connection,
      resource,
      'create',
      { query: options.query ?? {}, body },
      options.overrides,
    );
    await this.followUps(connection, resource, 'create', created, { query: options.query ?? {}, body });
    return this.readBack(connection, resource, 'create', created, options);
  }

  async update(
    connection: ConnectionContext,
    resource: string,
    id: string,
    body: unknown,
    options: CallOptions = {},
  ): Promise<UnifiedRecord> {
    const updated = await this.single(
      connection,
      resource,
      'update',
      { id, query: options.query ?? {}, body },
      options.overrides,
    );
    await this.followUps(connection, resource, 'update', updated, { id, query: options.query ?? {}, body });
    return this.readBack(connection, resource, 'update', updated, options);
  }

  async delete(
    connection: ConnectionContext,
    resource: string,
    id: string,
    options: CallOptions = {},
  ): Promise<void> {
    const { definition, method } = this.method(connection, resource, 'delete');
    const input: CallInput = { id, query: options.query ?? {} };
    const built = await this.requests.build(
      definition,
      resource,
      'delete',
      method,
      connection,
      input,
      options.overrides,
    );
    await this.sender.send(
      definition,
      connection,
      { method: method.method, url: `${built.baseUrl}${built.path}`, params: built.params, body: built.body },
      resource,
    );
  }

  /** Sends any request with the connection's credentials and returns the provider's answer as it came (proxy). */
  async passThrough(
    connection: ConnectionContext,
    request: {
      method: MethodDefinition['method'];
      path: string;
      params?: Record<string, string>;
      body?: unknown;
    },
  ): Promise<ProviderResponse> {
    const definition = this.options.registry.get(connection.provider);
    const baseUrl = await this.requests.baseUrl(definition, connection);
    return this.sender.sendRaw(definition, connection, {
      method: request.method,
      url: `${baseUrl}${request.path}`,
      params: request.params ?? {},
      body: request.body,
    });
  }

  /**
   * Proves a connection's credentials work with one live read (the definition's `connectionCheck`, else a
   * page of one of its first listable resource). Resolves when the provider answered 2xx; throws the
   * engine's errors otherwise (ProviderAuthError with the provider's own message when it refused them).
   */
  async checkConnection(connection: ConnectionContext): Promise<void> {
    const definition = this.options.registry.get(connection.provider);
    if (definition.connectionCheck) {
      const path = await this.expressions.evaluate(definition.connectionCheck.path, {
        settings: connection.settings,
      });
      if (typeof path !== 'string') throw new MappingError(`${definition.name} connectionCheck gave no path`);
      const baseUrl = await this.requests.baseUrl(definition, connection);
      await this.sender.send(
        definition,
        connection,
        { method: 'GET', url: `${baseUrl}${path}`, params: {} },
        'connection',
      );
      return;
    }
    const listable = Object.entries(definition.resources).find(
      ([, r]) => r.methods?.list && (r.methods.list.requiredQuery ?? []).length === 0,
    );
    if (!listable) throw new MappingError(`${definition.name} declares no way to check a connection`);
    await this.list(connection, listable[0], { limit: 1 });
  }

  /**
   * A request the definition describes outside the unified resources (webhook registration, a poll's
   * deleted-records list): sent with the connection's credentials, retried if it is a read, failures as
   * the engine's errors naming `subject` (what was asked for; `webhook` by default).
   */
  async request(
    connection: ConnectionContext,
    request: {
      method: MethodDefinition['method'];
      path: string;
      params?: Record<string, string>;
      body?: unknown;
      subject?: string;
    },
  ): Promise<ProviderResponse> {
    const definition = this.options.registry.get(connection.provider);
    const baseUrl = await this.requests.baseUrl(definition, connection);
    return this.sender.send(
      definition,
      connection,
      {
        method: request.method,
        url: `${baseUrl}${request.path}`,
        params: request.params ?? {},
        body: request.body,
      },
      request.subject ?? 'webhook',
    );
  }

  /** Uploads a file through the provider's own flow (the resource's `upload`); the created record. */
  async upload(
    connection: ConnectionContext,
    resource: string,
    fields: Record<string, unknown>,
    file: UploadedFile,
    options: CallOptions = {},
  ): Promise<UnifiedRecord> {
    const definition = this.options.registry.get(connection.provider);
    return this.files.upload(definition, connection, resource, fields, file, options);
  }

  /** A file's bytes as the provider serves them (the resource's `download`), streamed, never held whole. */
  async download(
    connection: ConnectionContext,
    resource: string,
    id: string,
    options: CallOptions = {},
  ): Promise<FileDownload> {
    const definition = this.options.registry.get(connection.provider);
    return this.files.download(definition, connection, resource, id, options);
  }

  /** Whether the provider takes (`upload`) or serves (`download`) the resource's files. */
  supportsFiles(provider: string, resource: string, direction: 'upload' | 'download'): boolean {
    const definition = this.options.registry.get(provider);
    return direction === 'upload'
      ? this.files.supportsUpload(definition, resource)
      : this.files.supportsDownload(definition, resource);
  }

  supports(provider: string, resource: string, method: UnifiedMethod): boolean {
    return Boolean(this.options.registry.get(provider).resources[resource]?.methods?.[method]);
  }

  private async single(
    connection: ConnectionContext,
    resource: string,
    methodName: UnifiedMethod,
    input: CallInput,
    overrides?: MappingOverrides,
  ): Promise<UnifiedRecord> {
    const { definition, method } = this.method(connection, resource, methodName);
    const built = await this.requests.build(
      definition,
      resource,
      methodName,
      method,
      connection,
      input,
      overrides,
    );
    const response = await this.sender.send(
      definition,
      connection,
      {
        method: method.method,
        url: `${built.baseUrl}${built.path}`,
        params: built.params,
        body: built.body,
        contentType: method.contentType,
      },
      resource,
      methodName === 'get',
    );
    const object = await this.selectResponse(
      definition,
      resource,
      methodName,
      method,
      response,
      { id: input.id, query: input.query },
      overrides,
    );
    // A response mapping may exclude what is not this resource (a GitHub pull request is not a ticket).
    if (object === undefined && methodName === 'get')
      throw new ProviderNotFoundError(`${resource} ${input.id} not found at ${definition.name}`);
    if (typeof object !== 'object' || object === null || Array.isArray(object)) {
      throw new MappingError(
        `the ${resource}.${methodName} response of ${definition.name} is not one object`,
      );
    }
    return this.records.map(definition, resource, object, {
      settings: connection.settings,
      request: { id: input.id, query: input.query },
      overrides,
    });
  }

  /** A list's details request: the page's records whole, fetched by what the list named (ids). */
  private async listDetails(
    definition: ProviderDefinition,
    connection: ConnectionContext,
    resource: string,
    details: ListDetailsRequest,
    items: unknown[],
    { query, itemBytes }: { query: Record<string, unknown>; itemBytes: boolean },
  ): Promise<{ records: unknown[]; raw: unknown }> {
    if (items.length === 0) return { records: [], raw: undefined };
    const built = await this.requests.buildFollowUp(definition, details, connection, {
      query,
      record: undefined,
      previous: items,
    });
    if (!built) return { records: items, raw: undefined };
    const response = await this.sender.send(
      definition,
      connection,
      {
        method: details.method,
        url: `${built.baseUrl}${built.path}`,
        params: built.params,
        body: built.body,
      },
      resource,
      true, // it reads, whatever its HTTP method
    );
    if (itemBytes) recordItemBytes(response.body);
    const selected = await this.expressions.evaluate(details.response ?? '$', response.body, {
      headers: response.headers,
      request: { query },
    });
    const records = Array.isArray(selected)
      ? selected
      : selected === undefined || selected === null
        ? []
        : [selected];
    return { records, raw: response.body };
  }

  /** A write's `after` requests, in order, each seeing the answer of the one before. */
  private async followUps(
    connection: ConnectionContext,
    resource: string,
    methodName: 'create' | 'update',
    written: UnifiedRecord,
    input: CallInput,
  ): Promise<void> {
    const { definition, method } = this.method(connection, resource, methodName);
    let previous: unknown = written.remote_data;
    for (const step of method.after ?? []) {
      const built = await this.requests.buildFollowUp(definition, step, connection, {
        ...input,
        record: written,
        previous,
      });
      if (!built) continue;
      const response = await this.sender.send(
        definition,
        connection,
        { method: step.method, url: `${built.baseUrl}${built.path}`, params: built.params, body: built.body },
        resource,
      );
      previous = response.body;
    }
  }

  /** Providers may accept a write and keep something else: read the record back where the definition asks. */
  private async readBack(
    connection: ConnectionContext,
    resource: string,
    methodName: 'create' | 'update',
    written: UnifiedRecord,
    options: CallOptions,
  ): Promise<UnifiedRecord> {
    const { method } = this.method(connection, resource, methodName);
    if (!method.readBack || !this.supports(connection.provider, resource, 'get')) return written;
    return this.get(connection, resource, written.id, options);
  }

  private async selectResponse(
    definition: ProviderDefinition,
    resource: string,
    methodName: UnifiedMethod,
    method: MethodDefinition,
    response: ProviderResponse,
    request: { id?: string; query?: Record<string, unknown> },
    overrides?: MappingOverrides,
  ): Promise<unknown> {
    const resolved = resolveExpression(
      method.response,
      overrideKey(resource, methodName, 'response'),
      overrides,
    ) ?? { source: '$' };
    return this.expressions.evaluate(
      resolved.source,
      response.body,
      // `$request`: the unified id and query, for answers that hold more than the record asked for.
      { headers: response.headers, request },
      resolved.owner,
    );
  }

  private method(connection: ConnectionContext, resource: string, methodName: UnifiedMethod) {
    const definition = this.options.registry.get(connection.provider);
    const method = definition.resources[resource]?.methods?.[methodName];
    if (!method) throw new UnsupportedMethodError(definition.name, resource, methodName);
    return { definition, method };
  }
}

/** POST-based searches (Jira) take their paging in the body, not the query string. */
function isPagingInBody(body: unknown, httpMethod: string): boolean {
  return httpMethod === 'POST' && typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** Paging parameters at the top of the body, or inside `field` (Intercom's `pagination: {per_page, starting_after}`). */
function withPaging(body: object, params: Record<string, string>, field?: string): object {
  if (!field) return { ...body, ...numericValues(params) };
  const inner = (body as Record<string, unknown>)[field];
  const base = typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? inner : {};
  return { ...body, [field]: { ...base, ...numericValues(params) } };
}

function numericValues(params: Record<string, string>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v]));
}
