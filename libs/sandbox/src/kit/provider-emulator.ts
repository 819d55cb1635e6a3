import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

/** A scripted failure: the next `times` matching requests answer `status` with these headers and body. */
export interface InjectedFault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times?: number;
  /** Only requests whose method and URL match (e.g. /GET \/issues/); all requests when absent. */
  match?: RegExp;
  /** Wait this long before answering (to drive client timeouts). */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Base of every provider emulator: a real HTTP server on loopback with in-memory state, a request log
 * and fault injection (429s, 5xx, timeouts) so tests can drive every failure path of the engine.
 */
export abstract class ProviderEmulator {
  readonly app: FastifyInstance;
  readonly requests: RecordedRequest[] = [];
  private faults: InjectedFault[] = [];
  private baseUrl?: string;
  /** Added before every answer: a provider farther away (tests that need a slow cycle, benches). */
  responseDelayMs = 0;

  constructor() {
    this.app = Fastify({
      bodyLimit: 10 * 1024 * 1024,
      rewriteUrl: (request) => this.rewriteUrl(request.url ?? '/'),
    });
    this.app.addHook('onRequest', async (request, reply) => {
      this.requests.push({ method: request.method, url: request.originalUrl, headers: request.headers });
      if (this.responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.responseDelayMs));
      const fault = this.takeFault(request);
      if (fault) {
        if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        await reply
          .status(fault.status)
          .headers(fault.headers ?? {})
          .send(fault.body ?? '');
        return reply;
      }
      return undefined;
    });
    this.routes(this.app);
  }

  /** Registers the provider's routes. */
  protected abstract routes(app: FastifyInstance): void;

  /**
   * Where a request's URL is served from: the provider may serve one API under several prefixes (Atlassian:
   * `/ex/jira/<cloud id>/…` for OAuth apps). The request log keeps the URL as sent.
   */
  protected rewriteUrl(url: string): string {
    return url;
  }

  get url(): string {
    if (!this.baseUrl) throw new Error(`${this.constructor.name} is not started`);
    return this.baseUrl;
  }

  async start(port = 0): Promise<string> {
    this.baseUrl = await this.app.listen({ port, host: '127.0.0.1' });
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    await this.app.close();
  }

  injectFault(fault: InjectedFault): void {
    this.faults.push({ times: 1, ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  private takeFault(request: FastifyRequest): InjectedFault | undefined {
    const index = this.faults.findIndex((f) => !f.match || f.match.test(`${request.method} ${request.url}`));
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }
}

/** Basic credentials from an Authorization header, or undefined. */
export function basicCredentials(
  request: FastifyRequest,
): { username: string; password: string } | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = /^(?:Bearer|token) (.+)$/i.exec(header ?? '');
  return match?.[1];
}

export type Reply = FastifyReply;

/**
 * JSON bodies as Jira and Zendesk take them: an empty body under a JSON content type (clients send one
 * on DELETE too) is no body, and malformed JSON is a 400 whose message the provider words its own way.
 */
export function parseJsonLikeProvider(app: FastifyInstance, malformed: (error: Error) => string): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(Object.assign(new Error(malformed(error as Error)), { statusCode: 400 }), undefined);
    }
  });
}
