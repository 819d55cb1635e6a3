import axios, { type AxiosInstance } from 'axios';
import type { HttpMethod } from '../definition';
import { parseProviderJson } from './raw-json';

export interface ProviderRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  params?: Record<string, string>;
  body?: unknown;
}

export interface ProviderResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: unknown;
}

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

  constructor(timeoutMs = 15_000, http?: AxiosInstance) {
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

  async send(request: ProviderRequest): Promise<ProviderResponse> {
    try {
      const response = await this.http.request<unknown>({
        method: request.method,
        url: request.url,
        headers: request.headers,
        params: request.params,
        data: request.body === undefined ? undefined : JSON.stringify(request.body),
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
