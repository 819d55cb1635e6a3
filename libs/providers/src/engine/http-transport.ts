import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { context, SpanKind } from '@opentelemetry/api';
import { inSpan, traceHeaders, tracerOf, tracingEnabled } from '@app/telemetry';
import type { HttpMethod } from '../definition';
import { decodedBody } from './content-decoding';
import { exchange, incomingHeaders, keepAliveDispatcher, outgoingHeaders, TIMEOUT_CODES } from './http-wire';
import { withQuery } from './query-encoding';
import { parseProviderJson } from './raw-json';
import { SilenceGuard } from './silence-guard';

export interface ProviderRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  params?: Record<string, string>;
  body?: unknown;
}

/** An answer whose body is still arriving (file downloads): read it as a stream, or destroy it. */
export interface StreamedResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Readable;
}

export interface ProviderResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: unknown;
}

/** Provider calls are spans of whichever app makes them (the gateway, the normalizer, the poller). */
const TRACER = tracerOf('provider-engine');

/** Raised for network failures and timeouts (no HTTP answer at all). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/**
 * The engine's only door to the network. Every status comes back as a response (the engine decides
 * what is an error); redirects are not followed, so credentials never travel to another host.
 *
 * Buffered calls go through undici on keep-alive connections, one pool per provider origin (why not
 * axios: docs/architecture.md). The request is the one axios sent before (query encoding, accepted
 * encodings); the answer is decompressed as axios did. `timeoutMs` bounds connecting, the wait for the
 * answer's headers, and each silence while its body arrives.
 */
export class HttpTransport {
  private readonly dispatcher: Dispatcher;

  constructor(
    private readonly timeoutMs = 15_000,
    dispatcher?: Dispatcher,
  ) {
    this.dispatcher = dispatcher ?? keepAliveDispatcher(timeoutMs);
  }

  send(request: ProviderRequest): Promise<ProviderResponse> {
    if (!tracingEnabled()) return this.sendNow(request, request.headers);
    // A CLIENT span of the caller's trace (a gateway request), its `traceparent` sent to the provider.
    // Named by method and host only: paths and queries carry the tenant's ids and filters.
    const options = {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': request.method,
        'server.address': URL.parse(request.url)?.hostname ?? '',
      },
    };
    return inSpan(TRACER, request.method, options, context.active(), async (span) => {
      const response = await this.sendNow(request, { ...request.headers, ...traceHeaders() });
      span.setAttribute('http.response.status_code', response.status);
      return response;
    });
  }

  private async sendNow(request: ProviderRequest, sent: Record<string, string>): Promise<ProviderResponse> {
    try {
      const url = new URL(request.url);
      const answer = await exchange(this.dispatcher, {
        origin: url.origin,
        path: withQuery(url.pathname + url.search, request.params),
        method: request.method,
        headers: outgoingHeaders(url, sent),
        body: bodyBytes(request.body),
      });
      const headers = incomingHeaders(answer.headers);
      const body = await decodedBody(answer.body, headers, request.method, answer.status);
      return { status: answer.status, headers, body: parseBody(body) };
    } catch (error) {
      const e = error as { code?: string; message?: string };
      const timedOut = TIMEOUT_CODES.has(e.code ?? '');
      throw new TransportError(
        timedOut ? 'the provider did not answer in time' : `cannot reach the provider: ${e.message}`,
        timedOut,
      );
    }
  }

  /**
   * A GET whose answer body is handed over as it arrives, never held whole (file downloads). The timeout
   * bounds the wait for the answer's headers, then each silence of the provider while the reader is
   * asking for more; a reader that pauses (a slow client, backpressure) does not count against it.
   */
  stream(request: Omit<ProviderRequest, 'body'>): Promise<StreamedResponse> {
    const url = new URL(request.url);
    for (const [name, value] of Object.entries(request.params ?? {})) url.searchParams.set(name, value);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const headers = { ...request.headers, ...traceHeaders() };
      const outgoing = send(url, { method: request.method, headers });
      outgoing.setTimeout(this.timeoutMs, () =>
        outgoing.destroy(new TransportError('the provider did not answer in time', true)),
      );
      outgoing.once('error', (error) =>
        reject(
          error instanceof TransportError
            ? error
            : new TransportError(`cannot reach the provider: ${error.message}`, false),
        ),
      );
      outgoing.once('response', (incoming) => {
        outgoing.setTimeout(0);
        const body = new SilenceGuard(
          this.timeoutMs,
          () => new TransportError('the provider stopped sending the file', true),
        );
        // A reader that goes away (the client hung up) destroys the guard, and with it the provider's answer.
        pipeline(incoming, body, () => undefined);
        resolve({ status: incoming.statusCode ?? 502, headers: headersOf(incoming), body });
      });
      outgoing.end();
    });
  }
}

function headersOf(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Files go as the bytes they are (uploads); everything else is JSON. */
export function bodyBytes(body: unknown): Buffer | string | undefined {
  return body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body);
}

/** JSON where it parses (with its raw bytes recorded), the text otherwise, undefined when empty. */
function parseBody(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return parseProviderJson(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}
