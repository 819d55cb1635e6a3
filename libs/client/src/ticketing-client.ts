import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

/**
 * A client of the gateway's REST API whose paths, parameters, bodies and answers (errors included) are the
 * types generated from its OpenAPI document: a misspelled path, a missing required parameter or a wrong
 * body field is a compile error. Answers are read as `application/json` (the unified shapes); the
 * provider's raw body (`response_format=raw`) is typed `unknown`.
 */
export type TicketingClient = Client<paths, 'application/json'>;

/** A schema of the document by name, e.g. `TicketingSchema<'Tickets'>` or `TicketingSchema<'ApiError'>`. */
export type TicketingSchema<Name extends keyof components['schemas']> = components['schemas'][Name];

export interface TicketingClientOptions {
  /** The gateway's URL, e.g. `http://127.0.0.1:3000` (a trailing slash is ignored). */
  baseUrl: string;
  /** A tenant's API key (or the admin key for /admin), sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Another fetch (tests, proxies, retries); the global fetch by default. */
  fetch?: ClientOptions['fetch'];
  /** Headers sent with every call besides the key (a call's own headers win). */
  headers?: Record<string, string>;
}

export function createTicketingClient(options: TicketingClientOptions): TicketingClient {
  if (!options.apiKey) throw new Error('createTicketingClient: apiKey is required');
  return createClient<paths, 'application/json'>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { ...options.headers, authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
