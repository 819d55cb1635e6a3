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
import { HttpTransport, TransportError, type ProviderRequest, type ProviderResponse } from './http-transport';
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

type Outcome = { response: ProviderResponse } | { error: ProviderError; retryable: boolean; waitMs?: number };

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
    request: Omit<ProviderRequest, 'headers'> & { contentType?: string },
    resource: string,
    /** A read sent as POST (GraphQL queries, searches) is as safe to repeat as a GET. */
    read = request.method === 'GET',
  ): Promise<ProviderResponse> {
    const headersOf = async (c: ConnectionContext) => ({
      ...(await this.requests.headers(definition, c)),
      ...(request.contentType ? { 'content-type': request.contentType } : {}),
    });
    let current = this.tokens ? await this.tokens.current(connection) : connection;
    let headers = await headersOf(current);
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(definition, current, { ...request, headers }, resource);
      if ('response' in outcome) return outcome.response;
      // A refused access token is renewed once and the request sent again (a 401 means the provider did
      // nothing, so even a write is safe to repeat).
      if (outcome.error instanceof ProviderAuthError && this.tokens && !renewed) {
        renewed = true;
        const fresh = await this.tokens.afterRejected(current);
        if (fresh) {
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

  private async attempt(
    definition: ProviderDefinition,
    connection: ConnectionContext,
    request: ProviderRequest,
    resource: string,
  ): Promise<Outcome> {
    let response: ProviderResponse;
    try {
      response = await this.transport.send(request);
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      return {
        error: new ProviderUnavailableError(`${definition.name}: ${error.message}`, error.timedOut),
        retryable: true,
      };
    }
    response = await this.withErrorStatus(definition, await this.withGraphqlStatus(definition, response));
    const { status } = response;
    if (status >= 200 && status < 300) return { response };
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
