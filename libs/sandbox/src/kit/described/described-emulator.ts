import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseJsonLikeProvider, ProviderEmulator, type InjectedFault } from '../provider-emulator';
import { WebhookEmitter } from '../webhook-emitter';
import type {
  CollectionDescription,
  EmulatorContext,
  EmulatorDescription,
  ProviderObject,
} from './description';
import { ProviderValidationError } from './description';
import { pageOf } from './paging';

export interface DescribedEmulatorOptions {
  credentials?: Record<string, string>;
  /** The clock of writes and webhook signatures (seed data never uses it). */
  now?: () => Date;
}

/**
 * A provider emulator derived from an `EmulatorDescription`: list/get/create/update/delete over in-memory
 * collections seeded with the provider's own objects, its paging, auth, error bodies, rate-limit answer
 * and signed webhooks on every write. Fault injection and the request log come from `ProviderEmulator`.
 */
export class DescribedEmulator extends ProviderEmulator {
  readonly webhooks = new WebhookEmitter();
  private state = new Map<string, ProviderObject[]>();
  private credentials: Record<string, string> = {};
  private clock: () => Date = () => new Date();
  private limiter = { enforce: false, limit: 0, startedAt: 0, used: 0 };

  constructor(
    readonly description: EmulatorDescription,
    options: DescribedEmulatorOptions = {},
  ) {
    super();
    this.credentials = options.credentials ?? { ...description.credentials };
    this.clock = options.now ?? this.clock;
    for (const [name, collection] of Object.entries(description.collections))
      this.state.set(name, structuredClone(collection.seed));
    this.limiter.limit = description.rateLimit.limit;
    this.registerCollections();
  }

  subscribeWebhooks(url: string, secret: string): void {
    this.webhooks.subscribe({ url, secret });
  }

  /** The records of a collection as stored (tests compare lists against it). */
  records(collection: string): ProviderObject[] {
    const records = this.state.get(collection);
    if (!records) throw new Error(`${this.description.provider} emulator has no collection ${collection}`);
    return records;
  }

  /** Past `limit` API calls in the current window, the provider's own 429. */
  enableRateLimit(limit: number): void {
    this.limiter = { enforce: true, limit, startedAt: this.clock().getTime(), used: 0 };
  }

  /** A scripted 429 exactly as this provider sends one. */
  rateLimitFault(retryAfterSeconds = 1, times = 1, match?: RegExp): InjectedFault {
    const { rateLimit } = this.description;
    return {
      status: 429,
      times,
      match,
      headers: {
        'content-type': rateLimit.contentType ?? 'application/json',
        'retry-after': String(retryAfterSeconds),
        ...rateLimit.headers(rateLimit.limit, 0, retryAfterSeconds, Math.floor(Date.now() / 1000)),
      },
      body: rateLimit.body,
    };
  }

  // The base constructor calls routes() before this class's fields exist: routes are added after.
  protected routes(): void {}

  private registerCollections(): void {
    const app = this.app;
    const { description } = this;
    parseJsonLikeProvider(app, (error) => `Malformed JSON: ${error.message}`);
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith(description.apiPrefix)) return undefined;
      const headers = this.countCall();
      void reply.headers(headers);
      if (this.limiter.enforce && this.limiter.used > this.limiter.limit) {
        await reply
          .status(429)
          .headers({ 'retry-after': headers['retry-after'] ?? '1' })
          .type(description.rateLimit.contentType ?? 'application/json')
          .send(this.json(description.rateLimit.body));
        return reply;
      }
      if (!description.authorized(request, this.credentials))
        return this.fail(reply, 401, description.errors.unauthorized());
      return undefined;
    });
    app.setErrorHandler((error, _request, reply) => {
      if (error instanceof ProviderValidationError)
        return this.fail(reply, description.errors.invalidStatus, description.errors.invalid(error));
      const { statusCode, message } = error as { statusCode?: number; message?: string };
      const status = statusCode ?? 500;
      if (status < 500) return this.fail(reply, status, description.errors.badRequest(String(message)));
      return this.fail(reply, 500, { message: String(message) });
    });
    for (const [name, collection] of Object.entries(description.collections))
      this.registerCollection(app, name, collection);
    description.extraRoutes?.(app, {
      context: (request) => this.context(request),
      page: (records, paging, ctx) => pageOf(records, paging, ctx),
      notFound: (reply, collection) => this.notFound(reply, collection),
      announce: (collection, action, record, ctx, before) => {
        const c = description.collections[collection];
        if (!c) throw new Error(`no collection ${collection}`);
        this.announce(c, action, record, ctx, before);
      },
    });
  }

  private registerCollection(app: FastifyInstance, name: string, c: CollectionDescription): void {
    const itemPath = c.itemPath ?? `${c.path}/:id`;
    const key = c.key ?? 'id';
    const render = (record: ProviderObject, ctx: EmulatorContext) =>
      c.render ? c.render(record, ctx) : record;
    const item = (record: ProviderObject, ctx: EmulatorContext) => {
      const rendered = render(record, ctx);
      return c.itemBody ? c.itemBody(rendered) : rendered;
    };
    // A record route without the scope's parameter (Asana's `/stories/:id` beside `/tasks/:task/stories`)
    // addresses the record by its key alone.
    const inScope = (record: ProviderObject, ctx: EmulatorContext) =>
      Object.entries(c.scope ?? {}).every(
        ([param, field]) => ctx.params[param] === undefined || String(record[field]) === ctx.params[param],
      );
    const findOne = (ctx: EmulatorContext) =>
      this.records(name).find((r) => inScope(r, ctx) && String(r[key]) === ctx.params.id);
    const has = (method: string) => c.methods.includes(method as never);

    if (has('list'))
      app.get(c.path, async (request, reply) => {
        const ctx = this.context(request);
        const filters = Object.entries(c.filters ?? {}).filter(([param]) => ctx.query[param] !== undefined);
        const matching = this.records(name)
          .filter((r) => inScope(r, ctx) && filters.every(([param, test]) => test(r, ctx.query[param])))
          .sort((a, b) => (c.order ? c.order(a, b, ctx.query) : compareKeys(a[key], b[key])));
        const page = pageOf(matching, c.paging ?? this.description.paging, ctx);
        if ('refused' in page) return this.fail(reply, 400, this.description.errors.badRequest(page.refused));
        void reply.headers(page.headers);
        const items = page.items.map((r) => render(r, ctx));
        return c.listBody ? c.listBody(items, page.info) : items;
      });
    if (has('get'))
      app.get(itemPath, async (request, reply) => {
        const ctx = this.context(request);
        const record = findOne(ctx);
        return record ? item(record, ctx) : this.notFound(reply, name);
      });
    if (has('create'))
      app.post(c.path, async (request, reply) => {
        const ctx = this.context(request);
        const input = c.input ? c.input(request.body) : ((request.body ?? {}) as ProviderObject);
        if (typeof input !== 'object' || input === null || Array.isArray(input))
          throw new ProviderValidationError('The request body must be a JSON object');
        const scoped = Object.fromEntries(
          Object.entries(c.scope ?? {}).map(([param, field]) => [field, scopeValue(ctx.params[param])]),
        );
        const created = { ...scoped, ...(c.create ? c.create(input, ctx) : input) };
        this.records(name).push(created);
        this.announce(c, 'created', created, ctx);
        return reply.status(c.createStatus ?? 201).send(item(created, ctx));
      });
    if (has('update')) {
      const update = async (request: FastifyRequest, reply: FastifyReply) => {
        const ctx = this.context(request);
        const record = findOne(ctx);
        if (!record) return this.notFound(reply, name);
        const input = c.input ? c.input(request.body) : ((request.body ?? {}) as ProviderObject);
        const before = structuredClone(record);
        const updated = c.update ? c.update(record, input ?? {}, ctx) : { ...record, ...input };
        const records = this.records(name);
        records[records.indexOf(record)] = updated;
        this.announce(c, 'updated', updated, ctx, before);
        return item(updated, ctx);
      };
      app.put(itemPath, update);
      app.patch(itemPath, update);
    }
    if (has('delete'))
      app.delete(itemPath, async (request, reply) => {
        const ctx = this.context(request);
        const record = findOne(ctx);
        if (!record) return this.notFound(reply, name);
        const records = this.records(name);
        records.splice(records.indexOf(record), 1);
        this.announce(c, 'deleted', record, ctx);
        return reply.status(c.deleteStatus ?? 204).send();
      });
  }

  private announce(
    c: CollectionDescription,
    action: 'created' | 'updated' | 'deleted',
    record: ProviderObject,
    ctx: EmulatorContext,
    before?: ProviderObject,
  ): void {
    const sign = this.description.signWebhook;
    const payload = c.webhook?.(action, record, ctx, before);
    if (!sign || payload === undefined) return;
    const now = this.clock();
    this.webhooks.emit(payload, (body, secret, url) => sign(body, secret, now, url));
  }

  private context(request: FastifyRequest): EmulatorContext {
    const self = this as DescribedEmulator;
    return {
      records: (collection) => self.records(collection),
      find: (collection, predicate) => self.records(collection).find(predicate),
      nextId: (collection, field = 'id') =>
        1 +
        Math.max(
          0,
          ...self
            .records(collection)
            .map((r) => Number(r[field]))
            .filter(Number.isFinite),
        ),
      now: () => self.clock().toISOString(),
      baseUrl: () => self.url,
      params: (request.params ?? {}) as Record<string, string>,
      query: Object.fromEntries(
        Object.entries((request.query ?? {}) as Record<string, unknown>).map(([k, v]) => [
          k,
          Array.isArray(v) ? String(v[v.length - 1]) : String(v),
        ]),
      ),
      request,
    };
  }

  private notFound(reply: FastifyReply, collection: string): FastifyReply {
    return this.fail(reply, 404, this.description.errors.notFound(collection));
  }

  private fail(reply: FastifyReply, status: number, body: unknown): FastifyReply {
    return reply
      .status(status)
      .type(this.description.errors.contentType ?? 'application/json; charset=utf-8')
      .send(this.json(body));
  }

  private json(body: unknown): string {
    return typeof body === 'string' ? body : JSON.stringify(body);
  }

  /** Counts an API call in the current window; the provider's rate-limit headers for the answer. */
  private countCall(): Record<string, string> {
    const { rateLimit } = this.description;
    const now = this.clock().getTime();
    if (now - this.limiter.startedAt >= rateLimit.windowSeconds * 1000)
      this.limiter = { ...this.limiter, startedAt: now, used: 0 };
    this.limiter.used++;
    const remaining = Math.max(0, this.limiter.limit - this.limiter.used);
    const reset = Math.max(
      1,
      Math.ceil((this.limiter.startedAt + rateLimit.windowSeconds * 1000 - now) / 1000),
    );
    const headers = rateLimit.headers(this.limiter.limit, remaining, reset, Math.floor(now / 1000));
    return this.limiter.enforce && this.limiter.used > this.limiter.limit
      ? { ...headers, 'retry-after': String(reset) }
      : headers;
  }
}

function compareKeys(a: unknown, b: unknown): number {
  const [x, y] = [Number(a), Number(b)];
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : String(a).localeCompare(String(b));
}

/** Route parameters are strings; a numeric one is stored as the number the provider's objects carry. */
function scopeValue(value: string | undefined): unknown {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : value;
}
