import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import { normalizeHost } from './delivery-settings';
import type { DestinationGuard } from './destination-guard';
import { parseRetryAfter } from './retry-schedule';

/** Enough of a response body to keep the connection reusable; anything longer is cut off. */
const MAX_RESPONSE_BYTES = 64 * 1024;
/** Distinct subscriber URLs kept parsed. */
const DELIVERABLE_CACHE_SIZE = 1024;

export interface OutgoingDelivery {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface AttemptResult {
  /** Only a 2xx answer is a success. */
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** Why it failed, short and free of secrets (never the response body). */
  error: string | null;
  retryAfterMs?: number;
  /** A timeout or a 429: the endpoint is overloaded. */
  throttled: boolean;
}

/**
 * POSTs one signed delivery. Plain node:http(s) rather than fetch: it never follows redirects, and
 * its agents accept the guard's `lookup`, which vets every address at connect time. Keep-alive
 * agents reuse connections to busy subscribers.
 */
export class WebhookSender {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  /**
   * URLs that passed the static checks, parsed: those depend only on the URL and the guard's fixed
   * policy, and every delivery to a subscription repeats them. The address check at connect time
   * (the agents' lookup) still runs for every new socket.
   */
  private readonly deliverable = new Map<string, URL>();

  constructor(
    private readonly guard: DestinationGuard,
    private readonly timeoutMs: number,
    maxSockets = 256,
  ) {
    const options = { keepAlive: true, maxSockets, lookup: guard.lookup };
    this.httpAgent = new http.Agent(options);
    this.httpsAgent = new https.Agent(options);
  }

  async send(delivery: OutgoingDelivery): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let url: URL;
    try {
      url = this.checked(delivery.url);
    } catch (error) {
      return failure(null, elapsed(), (error as Error).message);
    }
    const secure = url.protocol === 'https:';
    return new Promise<AttemptResult>((resolve) => {
      let settled = false;
      const settle = (result: AttemptResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const request = (secure ? https : http).request({
        protocol: url.protocol,
        hostname: normalizeHost(url.hostname),
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        agent: secure ? this.httpsAgent : this.httpAgent,
        // No content-length of our own: end(body) makes Node send the body's exact length (never
        // chunked, as the spec checks), and setting it by hand measured ~13 µs more CPU per POST.
        headers: delivery.headers,
      });
      const timer = setTimeout(() => {
        settle({ ...failure(null, elapsed(), `timed out after ${this.timeoutMs} ms`), throttled: true });
        request.destroy();
      }, this.timeoutMs);
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) response.destroy();
        });
        const done = () => settle(this.judge(status, response.headers['retry-after'], elapsed()));
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      });
      request.on('error', (error: NodeJS.ErrnoException) =>
        settle(failure(null, elapsed(), describe(error, url))),
      );
      request.end(delivery.body);
    });
  }

  private checked(raw: string): URL {
    let url = this.deliverable.get(raw);
    if (url === undefined) {
      url = this.guard.assertDeliverable(raw); // a refusal is not kept: it throws
      if (this.deliverable.size >= DELIVERABLE_CACHE_SIZE) {
        this.deliverable.delete(this.deliverable.keys().next().value as string);
      }
      this.deliverable.set(raw, url);
    }
    return url;
  }

  private judge(status: number, retryAfter: string | string[] | undefined, latencyMs: number): AttemptResult {
    if (status >= 200 && status < 300) {
      return { ok: true, statusCode: status, latencyMs, error: null, throttled: false };
    }
    const error =
      status >= 300 && status < 400 ? `redirect ${status} (redirects are not followed)` : `HTTP ${status}`;
    return {
      ...failure(status, latencyMs, error),
      retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
      throttled: status === 429,
    };
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function failure(statusCode: number | null, latencyMs: number, error: string): AttemptResult {
  return { ok: false, statusCode, latencyMs, error, throttled: false };
}

function describe(error: NodeJS.ErrnoException, url: URL): string {
  if (error.code === 'ERR_DESTINATION_REFUSED') return error.message;
  // The code and host are what an operator needs; kernel messages may carry nothing more useful.
  return error.code ? `${error.code} connecting to ${url.host}` : error.message;
}
