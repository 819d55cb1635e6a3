import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import axios, { type AxiosInstance } from 'axios';
import { context, SpanKind } from '@opentelemetry/api';
import { inSpan, traceHeaders, tracerOf, tracingEnabled } from '@app/telemetry';
import type { HttpMethod } from '../definition';
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
 */
export class HttpTransport {
  private readonly http: AxiosInstance;

  constructor(
    private readonly timeoutMs = 15_000,
    http?: AxiosInstance,
  ) {
    this.http =
      http ??
      axios.create({
        timeout: timeoutMs,
        maxRedirects: 0,
        validateStatus: () => true,
        // Bytes, not text: parseProviderJson keeps the provider's exact bytes for remote_data.
        responseType: 'arraybuffer',
      });
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
      const response = await this.http.request<unknown>({
        method: request.method,
        url: request.url,
        headers: sent,
        params: request.params,
        // Files go as the bytes they are (uploads); everything else is JSON.
        data:
          request.body === undefined
            ? undefined
            : Buffer.isBuffer(request.body)
              ? request.body
              : JSON.stringify(request.body),
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined && value !== null)
          headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      }
      return { status: response.status, headers, body: parseBody(response.data) };
    } catch (error) {
      const e = error as { code?: string; message?: string };
      const timedOut = e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT';
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

/** JSON where it parses (with its raw bytes recorded), the text otherwise, undefined when empty. */
function parseBody(data: unknown): unknown {
  if (typeof data !== 'string' && !Buffer.isBuffer(data)) return data;
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  if (bytes.length === 0) return undefined;
  try {
    return parseProviderJson(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}
