import type { ProviderDefinition } from '../definition';
import type { ConnectionContext } from './connection-context';
import {
  ProviderAuthError,
  ProviderError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderUnavailableError,
  ProviderValidationError,
} from './errors';
import { ExpressionCache } from './expression-cache';
import {
  HttpTransport,
  TransportError,
  type ProviderRequest,
  type ProviderResponse,
  type StreamedResponse,
} from './http-transport';
import { readRateLimit } from './rate-limit';
import { RequestBuilder } from './request-builder';
import type { TokenSource } from '../oauth/token-refresher';

export interface RetryPolicy {
  /** Retries of an idempotent GET after a 429, 5xx or network failure. */
  maxRetries: number;
  baseDelayMs: number;
  /** Upper bound of one wait. */
  maxDelayMs: number;
  /** A Retry-After longer than this is surfaced to the caller at once instead of waited for. */
  maxRetryAfterMs: number;
}

const DEFAULT_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 200,
  maxDelayMs: 2_000,
  maxRetryAfterMs: 10_000,
};

/** A request before its headers: the content type where not JSON, and headers of its own (definition's). */
export type OutgoingRequest = Omit<ProviderRequest, 'headers'> & {
  contentType?: string;
  extraHeaders?: Record<string, string>;
};

type Outcome<T> = { value: T } | { error: ProviderError; retryable: boolean; waitMs?: number };

/** One transmission: a value taken as it is (a streamed body), or an answer to judge by its status. */
type Transmitted<T> = { taken: T } | { answer: ProviderResponse };

/** Renewals of a refused token per request: someone else's stored token, then a refresh of our own. */
const MAX_RENEWALS = 2;

/** Failed answers of a stream are read to say why; more than this of one is not kept. */
const ERROR_BODY_LIMIT = 64 * 1024;

/**
 * Sends provider requests and turns their failures into engine errors. Only reads are retried (GETs, and
 * reads the caller marks: GraphQL queries, POST searches), with exponential backoff bounded by the
 * policy; writes surface failures at once.
 */
export class RetryingSender {
  private readonly policy: RetryPolicy;
  private readonly requests: RequestBuilder;

  constructor(
    private readonly transport: HttpTransport,
    private readonly expressions: ExpressionCache,
    policy: Partial<RetryPolicy> = {},
    /** OAuth connections' tokens: refreshed before expiry, and once after the provider refuses one. */
    private readonly tokens?: TokenSource,
  ) {
    this.policy = { ...DEFAULT_POLICY, ...policy };
    this.requests = new RequestBuilder(expressions);
  }

  async send(
    definition: ProviderDefinition,
    connection: ConnectionContext,
    request: OutgoingRequest,
    resource: string,
    /** A read sent as POST (GraphQL queries, searches) is as safe to repeat as a GET. */
    read = request.method === 'GET',
  ): Promise<ProviderResponse> {
    return this.exchange(
      definition,
      connection,
      request,
      resource,
      read,
      async (sent) => ({ answer: await this.transport.send(sent) }),
      (answer) => answer,
    );
  }

  /**
   * A GET whose body streams to the caller (file downloads): a 2xx or a redirect (3xx, for the caller to
   * follow or refuse) is handed over unread; a failure is read (up to 64 KB) and judged like any answer,
   * retried as a read. Without `credentials` (a URL off the connection's origin) no authorization is sent.
   */
  async sendStream(
    definition: ProviderDefinition,
    connection: ConnectionContext,
    request: { url: string; params?: Record<string, string>; credentials: boolean },
    resource: string,
  ): Promise<StreamedResponse> {
    const transmit = async (sent: ProviderRequest): Promise<Transmitted<StreamedResponse>> => {
      const streamed = await this.transport.stream(
        request.credentials ? sent : { ...sent, headers: { 'user-agent': sent.headers['user-agent'] } },
      );
      if (streamed.status >= 200 && streamed.status < 400) return { taken: streamed };
      return { answer: { ...streamed, body: await readFailure(streamed) } };
    };
    return this.exchange(
      definition,
      connection,
      { method: 'GET', url: request.url, params: request.params ?? {}, extraHeaders: { accept: '*/*' } },
      resource,
      true,
      transmit,
      () => {
        throw new Error('a failed answer was judged a success'); // statuses >= 400 only reach the judge
      },
    );
  }

  async sendRaw(
    definition: ProviderDefinition,
    connection: ConnectionContext,
    request: Omit<ProviderRequest, 'headers'>,
  ): Promise<ProviderResponse> {
    const current = this.tokens ? await this.tokens.current(connection) : connection;
    const headers = await this.requests.headers(definition, current);
    try {
      return await this.transport.send({ ...request, headers });
    } catch (error) {
      if (error instanceof TransportError) throw new ProviderUnavailableError(error.message, error.timedOut);
      throw error;
    }
  }

  /** The request under the connection's current token, renewed if refused, retried if a read. */
  private async exchange<T>(
    definition: ProviderDefinition,
    connection: ConnectionContext,
    request: OutgoingRequest,
    resource: string,
    read: boolean,
    transmit: (request: ProviderRequest) => Promise<Transmitted<T>>,
    accept: (answer: ProviderResponse) => T,
  ): Promise<T> {
    const { contentType, extraHeaders, ...plain } = request;
    const headersOf = async (c: ConnectionContext) => ({
      ...(await this.requests.headers(definition, c)),
      ...(contentType ? { 'content-type': contentType } : {}),
      ...(extraHeaders ?? {}),
    });
    let current = this.tokens ? await this.tokens.current(connection) : connection;
    let headers = await headersOf(current);
    // Tokens the provider refused on this request. A renewal may hand back a token stored by another process
    // (this one read a cached, older one); if the provider refuses that too, it is renewed once more, now as
    // the stale one — else a token expired at the provider would read as rejected credentials.
    const refused = new Set<string | undefined>();
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(
        definition,
        current,
        { ...plain, headers },
        resource,
        transmit,
        accept,
      );
      if ('value' in outcome) return outcome.value;
      // A refused access token is renewed and the request sent again (a 401 means the provider did
      // nothing, so even a write is safe to repeat).
      if (outcome.error instanceof ProviderAuthError && this.tokens && refused.size < MAX_RENEWALS) {
        refused.add(current.credentials.access_token);
        const fresh = await this.tokens.afterRejected(current);
        if (fresh && !refused.has(fresh.credentials.access_token)) {
          current = fresh;
          headers = await headersOf(current);
          attempt--;
          continue;
        }
      }
      const canRetry = read && outcome.retryable && attempt < this.policy.maxRetries;
      if (!canRetry || outcome.waitMs === Infinity) throw outcome.error;
      const backoff = this.policy.baseDelayMs * 2 ** attempt;
      await sleep(Math.min(outcome.waitMs ?? backoff, this.policy.maxDelayMs));
    }
  }

  private async attempt<T>(
    definition: ProviderDefinition,
    connection: ConnectionContext,
    request: ProviderRequest,
    resource: string,
    transmit: (request: ProviderRequest) => Promise<Transmitted<T>>,
    accept: (answer: ProviderResponse) => T,
  ): Promise<Outcome<T>> {
    let response: ProviderResponse;
    try {
      const transmitted = await transmit(request);
      if ('taken' in transmitted) return { value: transmitted.taken };
      response = transmitted.answer;
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      return {
        error: new ProviderUnavailableError(`${definition.name}: ${error.message}`, error.timedOut),
        retryable: true,
      };
    }
    response = await this.withErrorStatus(definition, await this.withGraphqlStatus(definition, response));
    const { status } = response;
    if (status >= 200 && status < 300) return { value: accept(response) };
    if (await this.isRateLimited(definition, response)) {
      const info = readRateLimit(response, definition.rateLimit);
      const waitMs =
        info.retryAfterSeconds * 1000 > this.policy.maxRetryAfterMs
          ? Infinity
          : info.retryAfterSeconds * 1000;
      const error = new ProviderRateLimitError(
        `${definition.name} rate limit reached for connection ${connection.id}`,
        info,
      );
      return { error, retryable: true, waitMs };
    }
    const message = await this.errorMessage(definition, response);
    const details = { provider: definition.name, providerStatus: status, message, body: response.body };
    if (status === 401 || status === 403) {
      return {
        error: new ProviderAuthError(
          `${definition.name} refused the credentials of connection ${connection.id}: ${message}`,
          details,
          status,
        ),
        retryable: false,
      };
    }
    if (status === 404 || status === 410)
      return {
        error: new ProviderNotFoundError(`${resource} not found at ${definition.name}: ${message}`, details),
        retryable: false,
      };
    if (status >= 500)
      return {
        error: new ProviderUnavailableError(
          `${definition.name} failed with ${status}: ${message}`,
          false,
          details,
        ),
        retryable: true,
      };
    return {
      error: new ProviderValidationError(
        `${definition.name} rejected the request: ${message}`,
        details,
        status,
      ),
      retryable: false,
    };
  }

  /** A GraphQL answer carries its failure in `errors`: the status it stands for, per the definition. */
  private async withGraphqlStatus(
    definition: ProviderDefinition,
    response: ProviderResponse,
  ): Promise<ProviderResponse> {
    const errors = (response.body as { errors?: unknown } | null)?.errors;
    if (!definition.graphqlErrorStatus || !Array.isArray(errors) || errors.length === 0) return response;
    const status = await this.expressions.evaluate(definition.graphqlErrorStatus, {
      status: response.status,
      headers: response.headers,
      body: response.body,
    });
    return typeof status === 'number' && Number.isInteger(status) ? { ...response, status } : response;
  }

  /** A failed answer whose status misleads: the status it stands for, per the definition. */
  private async withErrorStatus(
    definition: ProviderDefinition,
    response: ProviderResponse,
  ): Promise<ProviderResponse> {
    if (!definition.errorStatus || (response.status >= 200 && response.status < 300)) return response;
    const status = await this.expressions.evaluate(definition.errorStatus, {
      status: response.status,
      headers: response.headers,
      body: response.body,
    });
    return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 600
      ? { ...response, status }
      : response;
  }

  private async isRateLimited(definition: ProviderDefinition, response: ProviderResponse): Promise<boolean> {
    if (response.status === 429) return true;
    const check = definition.rateLimit?.isRateLimited;
    return check
      ? (await this.expressions.evaluate(check, { status: response.status, headers: response.headers })) ===
          true
      : false;
  }

  private async errorMessage(definition: ProviderDefinition, response: ProviderResponse): Promise<string> {
    if (definition.errorMessage && typeof response.body === 'object' && response.body !== null) {
      try {
        const message = await this.expressions.evaluate(definition.errorMessage, response.body);
        if (typeof message === 'string' && message !== '') return message;
      } catch {
        /* fall back to the status text below */
      }
    }
    return typeof response.body === 'string' && response.body.length < 300
      ? response.body
      : `HTTP ${response.status}`;
  }
}

/** A failed streamed answer's body, parsed like any answer's (JSON or text), at most 64 KB of it. */
async function readFailure(streamed: StreamedResponse): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of streamed.body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= ERROR_BODY_LIMIT) {
      streamed.body.destroy();
      break;
    }
  }
  const text = Buffer.concat(chunks).subarray(0, ERROR_BODY_LIMIT).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
