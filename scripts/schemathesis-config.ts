/**
 * Writes the Schemathesis configuration for scripts/schemathesis.sh to stdout (TOML). Each unified
 * resource's operations are called with the demo connection of a provider that supports the most of
 * them (from the definitions), so the run reaches real emulator data instead of 404s.
 * Env: SCHEMATHESIS_PROVIDERS (the demo providers running, comma-separated), DEMO_<PROVIDER>_CONNECTION
 * (their connection ids, as the sandbox writes them), SCHEMATHESIS_SEED, SCHEMATHESIS_MAX_EXAMPLES.
 */
import { capabilitiesOf, ProviderRegistry } from '@app/providers';
import { UNIFIED_RESOURCES } from '@app/unified-models';

const providers = (process.env.SCHEMATHESIS_PROVIDERS ?? '').split(',').filter(Boolean);
const capabilities = capabilitiesOf(new ProviderRegistry());
/** Schemathesis' own default for positive_data_acceptance: a valid request may still be 401, 404, 409 … */
const ACCEPTED = ['2xx', '3xx', '401', '403', '404', '409', '429', '5xx'];

const toml = (value: unknown): string => JSON.stringify(value);

const lines = [
  `seed = ${Number(process.env.SCHEMATHESIS_SEED ?? 16)}`,
  'headers = { Authorization = "Bearer ${DEMO_API_KEY}" }',
  `generation.max-examples = ${Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 10)}`,
  'checks.enabled = true',
  '',
  // A request valid by the document can still be refused where the answer depends on what the document
  // cannot state: the provider (a connection's settings and credentials, a filter or query parameter
  // only some providers take, a reference the provider does not have → 400 naming it, 422), a cursor
  // this API did not issue, the tenant's settings (redirect origins, the delivery policy's URLs), or a
  // JSONata expression that does not compile (its grammar is no JSON Schema).
  // 400 stays a failure everywhere else.
  '[[operations]]',
  'include-name-regex = "^(POST|PUT|PATCH) /(connections|connect/|subscriptions|mappings/)"',
  `checks.positive_data_acceptance.expected-statuses = ${toml([...ACCEPTED, '400', '422'])}`,
  '',
  // next_cursor is opaque: a string the schema allows may still be no cursor this API issued for these
  // attempts (Schemathesis reuses the unified lists' signed cursors here) → 400 naming it.
  '[[operations]]',
  `include-name-regex = ${toml('^GET /subscriptions/\\{id\\}/attempts$')}`,
  `checks.positive_data_acceptance.expected-statuses = ${toml([...ACCEPTED, '400'])}`,
  '',
  // The hosted connect page (HTML for end users, not in the document) answers GET and POST on
  // /connect/{token} and /connect/{token}/{provider}, so Allow on /connect/sessions and
  // /connect/oauth-apps/{provider} truly lists those methods too.
  '[[operations]]',
  'include-path-regex = "^/connect/(sessions|oauth-apps/)"',
  'checks.allow_header_conformance.enabled = false',
  'checks.unsupported_method.enabled = false',
];

// Snapshots: the jobs of a demo connection (no runner runs here, so they stay queued until cancelled); the
// 202's links lead the stateful phase to GET /syncs/{id} and its cancel.
const syncConnection = process.env.DEMO_GITHUB_CONNECTION;
if (!syncConnection) throw new Error('no demo GitHub connection for /connections/{id}/syncs');
lines.push(
  '',
  '[[operations]]',
  `include-path-regex = ${toml('^/connections/\\{id\\}/syncs$')}`,
  `parameters = { "path.id" = ${toml(syncConnection)} }`,
);

for (const resource of UNIFIED_RESOURCES) {
  const candidates = providers
    .map((provider) => ({
      provider,
      methods: capabilities.find((c) => c.provider === provider && c.resource === resource)?.methods ?? [],
    }))
    .sort((a, b) => b.methods.length - a.methods.length);
  const chosen = candidates[0];
  const connection = chosen && process.env[`DEMO_${chosen.provider.toUpperCase()}_CONNECTION`];
  if (!connection) throw new Error(`no demo connection for ${resource} among ${providers.join(', ')}`);
  lines.push(
    '',
    `# ${resource}: ${chosen.provider} (${chosen.methods.join(', ') || 'nothing: every call is a 400'})`,
    '[[operations]]',
    `include-path-regex = ${toml(`^/unified/ticketing/${resource}(/|$)`)}`,
    `parameters = { "query.connection_id" = ${toml(connection)} }`,
    // 412: an If-Match that fails (the record changed, or is gone) is the answer a valid request asked for.
    `checks.positive_data_acceptance.expected-statuses = ${toml([...ACCEPTED, '400', '412', '422'])}`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
