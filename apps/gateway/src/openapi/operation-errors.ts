type Json = Record<string, unknown>;
type Operation = {
  parameters?: Json[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  security?: unknown[];
  tags?: string[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** What each error status means on this API; operations add their own wording where it says more. */
export const ERROR_MEANINGS: Record<string, string> = {
  '400': 'The request breaks this document: a parameter or body field is missing, malformed or unknown',
  '401': 'Missing or invalid API key',
  '403': 'A tenant API key on an admin route',
  '404': 'No such record, or it belongs to another tenant',
  '409': 'Conflicts with the current state',
  '413': 'The body is larger than 1 MiB',
  '415': 'The body is not JSON (send content-type: application/json)',
  '422': 'Well formed, but refused: by the provider, or by this tenant’s settings',
  '429': 'Over this tenant’s or API key’s fair use (Retry-After, ratelimit-* headers)',
  '502': 'The provider failed or could not be reached',
  '504': 'The provider did not answer in time',
};

export const errorResponse = (status: string, description = ERROR_MEANINGS[status]): Json => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
});

/**
 * Statuses a route answers beyond what the framework makes certain (below), each with why, by
 * `METHOD /path`. Calls that reach a provider answer its failures; the others fail only on input.
 */
const OWN_ERRORS: Record<string, Record<string, string>> = {
  'POST /connections': {
    '400':
      'The body breaks this document, or the settings/credentials break the provider definition (GET /integrations)',
    '502': 'register_webhook: the provider failed',
    '504': 'register_webhook: the provider did not answer in time',
  },
  'PATCH /connections/{id}': {
    '400':
      'The body breaks this document, or the settings/credentials break the provider definition (GET /integrations)',
  },
  'POST /connections/{id}/webhook/check': {
    '400': 'This provider’s webhooks are not registered through its API here',
  },
  'POST /connect/sessions': {
    '404': 'No such connection (connection_id)',
    '400':
      'The body breaks this document, or names an unknown provider or connection, or a redirect_url whose origin is not allowed (PUT /connect/settings)',
  },
  'PUT /connect/oauth-apps/{provider}': {
    '400': 'The body breaks this document, or the provider has no OAuth',
  },
  'POST /mappings/preview': {
    '404': 'No such connection, or no such record at the provider',
    '422': 'The expression failed on the record',
    '502': ERROR_MEANINGS['502'],
    '504': ERROR_MEANINGS['504'],
  },
  'POST /subscriptions': {
    '400': 'The body breaks this document, or the URL is refused by the delivery policy',
    '404': 'No such connection (connection_id)',
  },
  'PUT /mappings/overrides/{key}': {
    '400': 'The expression is not valid JSONata',
    '404': 'No such connection (connection_id)',
  },
  'PATCH /subscriptions/{id}': {
    '400': 'The body breaks this document, or the URL is refused by the delivery policy',
  },
  'POST /subscriptions/{id}/replay': { '400': 'Not exactly one of event_id and since' },
};

/**
 * Adds to every operation the error answers it can give, with the error schema: 401 (and 429 for
 * tenant routes, 403 for admin ones) where a key is required, 400 where it takes input, 404 where a
 * path names a record, 413 and 415 where it takes a body, and the route's own (OWN_ERRORS). A status
 * an operation already documents keeps its wording.
 */
export function addOperationErrors(paths: Record<string, Record<string, unknown>>): void {
  for (const [path, item] of Object.entries(paths)) {
    const shared = (item.parameters as Json[] | undefined) ?? [];
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      // An operation answering anything (the proxy passes the provider's answers on) has nothing to add.
      if (!operation || operation.responses?.default) continue;
      const parameters = [...shared, ...(operation.parameters ?? [])];
      const statuses = new Set<string>();
      if (operation.security?.length) {
        statuses.add('401');
        statuses.add(operation.tags?.includes('admin') ? '403' : '429');
      }
      if (parameters.length > 0 || operation.requestBody) statuses.add('400');
      if (parameters.some((p) => p.in === 'path')) statuses.add('404');
      if (operation.requestBody) ['413', '415'].forEach((s) => statuses.add(s));
      const own = OWN_ERRORS[`${method.toUpperCase()} ${path}`] ?? {};
      // A provider may refuse to delete a record still in use (Jira's issue types, …).
      if (method === 'delete' && path.startsWith('/unified/')) statuses.add('409');
      const responses = { ...(operation.responses ?? {}) };
      for (const status of [...statuses, ...Object.keys(own)].sort())
        responses[status] ??= errorResponse(status, own[status]);
      operation.responses = responses;
    }
  }
}
