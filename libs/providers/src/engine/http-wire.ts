import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { ACCEPTED_ENCODINGS } from './content-decoding';

/** undici's codes for a connect, header or body wait that ran out (ETIMEDOUT: the system's own). */
export const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/**
 * Keep-alive connections, one pool per provider origin, each wait bounded by `timeoutMs`. Through the
 * proxy that HTTP(S)_PROXY names (NO_PROXY honoured) when one is set, as axios did by default.
 */
export function keepAliveDispatcher(timeoutMs: number): Dispatcher {
  const options = { connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs };
  const proxied = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy'].some((name) =>
    Boolean(process.env[name]),
  );
  return proxied ? new EnvHttpProxyAgent(options) : new Agent(options);
}

/**
 * The request's headers plus what axios added: the encodings the transport can undo (unless the caller
 * named its own) and, for a URL carrying `user:password@`, Basic authorization in place of any other.
 */
export function outgoingHeaders(url: URL, given: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  let namesEncoding = false;
  for (const name in given) {
    const lower = name.toLowerCase();
    if (lower === 'accept-encoding') namesEncoding = true;
    if (lower !== 'authorization' || (url.username === '' && url.password === ''))
      headers[name] = given[name];
  }
  if (!namesEncoding) headers['accept-encoding'] = ACCEPTED_ENCODINGS;
  if (url.username !== '' || url.password !== '') {
    const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  }
  return headers;
}

/** An answer read whole: its status, its headers as undici parsed them, its body's bytes. */
export interface Exchanged {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * One request and its whole answer, collected by a plain dispatch handler: no body stream, no async
 * iterator, one promise per call (the buffered calls' share of the gateway's CPU is mostly such overhead).
 * The dispatcher's timeouts and errors end it as `request()` would.
 */
export function exchange(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions): Promise<Exchanged> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let headers: Exchanged['headers'] = {};
    const chunks: Buffer[] = [];
    dispatcher.dispatch(options, {
      // Declared so undici takes this for a handler of its current API (it checks for this method).
      onRequestStart() {},
      onResponseStart(_controller, statusCode, received) {
        // 1xx informational answers come before the real one.
        if (statusCode < 200) return;
        status = statusCode;
        headers = received;
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        resolve({ status, headers, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
      },
      onResponseError(_controller, error) {
        reject(error);
      },
    });
  });
}

/** Headers whose repeats Node's HTTP parser drops, keeping the first (what engines saw under axios). */
const SINGLE_VALUED = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);

/** An answer's headers as one string each, lower-case names, repeats merged the way Node merges them. */
export function incomingHeaders(
  received: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in received) {
    const value = received[name];
    if (value === undefined) continue;
    if (!Array.isArray(value)) headers[name] = value;
    else if (SINGLE_VALUED.has(name)) headers[name] = value[0];
    else headers[name] = value.join(name === 'cookie' ? '; ' : ', ');
  }
  return headers;
}
