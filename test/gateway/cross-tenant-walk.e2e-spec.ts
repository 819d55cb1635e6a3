import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import {
  ADMIN_KEY,
  createTenant,
  startGateway,
  type ApiAnswer,
  type RunningGateway,
} from '../support/gateway';
import {
  controllerRoutes,
  operationsOf,
  sampleOf,
  type OpenApiDocument,
  type Operation,
} from '../support/openapi-walk';

/**
 * Routes the controllers declare that the document leaves out on purpose, and why. Any other route
 * missing from the document fails the walk: an undocumented route would escape it.
 */
const UNDOCUMENTED: Record<string, string> = {
  'GET /connect/oauth/callback': 'browser redirect of the hosted connect page: no API key, state-bound',
  'GET /connect/{token}': 'hosted connect page (HTML): the single-use session token is the credential',
  'GET /connect/{token}/{provider}': 'hosted connect page (HTML), as above',
  'POST /connect/{token}/{provider}': 'hosted connect form post, as above',
  'POST /connect/{token}/{provider}/app': 'hosted connect form post, as above',
  'POST /connect/{token}/{provider}/oauth': 'hosted connect form post, as above',
  'GET /asyncapi.json': 'the public event contract, no tenant data',
};

/**
 * Operations that answer 200 with one status per item instead of one for the call: still walked for
 * leaks, and their items are checked against A's objects by their own test below.
 */
const ANSWERS_PER_ITEM: Record<string, string> = {
  'POST /batch': 'one status per unified call; the batch test sends every unified operation aimed at A',
};

/** Path parameters naming a tenant's objects; any other parameter the walk must know or the test fails. */
type Objects = {
  connection: string;
  subscription: string;
  ticket: string;
  tenant: string;
  sync: string;
  apiKey: string;
};

describe('gateway: every operation of the OpenAPI document, with tenant B’s key against tenant A’s objects', () => {
  const emulator = new GithubEmulator();
  let gateway: RunningGateway;
  let doc: OpenApiDocument;
  let a: { id: string; key: string };
  let b: { id: string; key: string };
  let objects: Objects;
  /** What must never show up in an answer to tenant B. */
  let markersOfA: string[];

  beforeAll(async () => {
    await emulator.start();
    gateway = await startGateway({
      DISPATCH_ALLOW_HTTP: 'true',
      DISPATCH_ALLOWED_HOSTS: '127.0.0.1',
      // The walk sends a few hundred calls at once; fair use is not what it checks.
      TENANT_RATE_LIMIT_BURST: '100000',
      API_KEY_RATE_LIMIT_BURST: '100000',
    });
    doc = (await gateway.call('GET', '/openapi.json')).body as OpenApiDocument;
    a = await createTenant(gateway, 'tenant A');
    b = await createTenant(gateway, 'tenant B');
    const asA = (method: string, route: string, body?: unknown) =>
      gateway.call(method, route, { key: a.key, body });
    const connection = await asA('POST', '/connections', {
      provider: 'github',
      name: 'A-private-connection',
      settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulator.url },
      credentials: { token: GITHUB_SEED_TOKEN },
    });
    expect(connection.status).toBe(201);
    const subscription = await asA('POST', '/subscriptions', {
      url: 'http://127.0.0.1:9/a-private-hook',
      event_types: ['*'],
      connection_id: connection.body.id,
      description: 'A-private-subscription',
    });
    expect(subscription.status).toBe(201);
    const tickets = await asA(
      'GET',
      `/unified/ticketing/tickets?connection_id=${connection.body.id}&limit=1`,
    );
    expect(tickets.status).toBe(200);
    const sync = await asA('POST', `/connections/${connection.body.id}/syncs`, { resources: ['tickets'] });
    expect(sync.status).toBe(202);
    const overrides = [
      {
        expression: '{ "id": $string(number), "name": "A-private-override" }',
        connection_id: connection.body.id,
      },
      { expression: '{ "id": $string(number), "name": "A-private-tenant-override" }' },
    ];
    for (const body of overrides)
      expect((await asA('PUT', '/mappings/overrides/tickets.record', body)).status).toBe(200);
    expect(
      (
        await asA('PUT', '/connect/oauth-apps/github', {
          client_id: 'A-private-client',
          client_secret: 'A-secret-1',
        })
      ).status,
    ).toBe(200);
    expect(
      (await asA('PUT', '/connect/settings', { allowed_redirect_origins: ['https://a-private.example'] }))
        .status,
    ).toBe(200);
    objects = {
      connection: connection.body.id,
      subscription: subscription.body.id,
      ticket: tickets.body.result[0].id,
      tenant: a.id,
      sync: sync.body.id,
      apiKey: (await gateway.call('GET', `/admin/tenants/${a.id}/api-keys`, { key: ADMIN_KEY })).body
        .result[0].id,
    };
    markersOfA = [
      objects.connection,
      objects.subscription,
      objects.sync,
      a.id,
      'A-private',
      'a-private',
      'A-secret-1',
      GITHUB_SEED_TOKEN,
    ];
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator.stop();
  });

  /** Path parameters by name; `id` depends on the collection it follows. */
  function pathValue(op: Operation, name: string, ids: Objects): string {
    if (name === 'id') {
      if (op.path.startsWith('/connections/')) return ids.connection;
      if (op.path.startsWith('/subscriptions/')) return ids.subscription;
      if (op.path.startsWith('/syncs/')) return ids.sync;
      if (op.path.startsWith('/unified/')) return ids.ticket;
    }
    const known: Record<string, string> = {
      connection_id: ids.connection,
      tenantId: ids.tenant,
      keyId: ids.apiKey,
      provider: 'github', // A has an OAuth app and connections for it
      key: 'tickets.record', // A has overrides on it
      path: `repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}/issues`,
    };
    if (name in known) return known[name];
    throw new Error(`${op.method} ${op.path}: the walk does not know path parameter "${name}"; teach it`);
  }

  /** The request for `op` aimed at `ids`, and whether any part of it names one of the tenant's objects. */
  function requestFor(op: Operation, ids: Objects): { route: string; body?: unknown; aimed: boolean } {
    let aimed = false;
    let route = op.path;
    const query = new URLSearchParams();
    for (const parameter of op.parameters) {
      if (parameter.in === 'path') {
        route = route.replace(`{${parameter.name}}`, encodeURI(pathValue(op, parameter.name, ids)));
        aimed ||= ['id', 'connection_id', 'tenantId'].includes(parameter.name);
      } else if (parameter.in === 'query' && parameter.name === 'connection_id') {
        query.set('connection_id', ids.connection);
        aimed = true;
      } else if (parameter.in === 'query' && parameter.required) {
        throw new Error(
          `${op.method} ${op.path}: required query parameter "${parameter.name}" unknown to the walk`,
        );
      }
    }
    let body: unknown;
    if (op.bodySchema) {
      const hints = {
        connection_id: ids.connection,
        event_id: 'evt_walk',
        ticket_id: ids.ticket,
        url: 'http://127.0.0.1:9/walk',
      };
      body = sampleOf(op.bodySchema, doc, hints, [
        'tickets.record',
        'ticketing.ticket.*',
        'https://example.com/walk',
        'GET',
        `/unified/ticketing/tickets?connection_id=${ids.connection}`,
      ]);
      aimed ||= [ids.connection, ids.subscription, ids.tenant, ids.sync].some((id) =>
        JSON.stringify(body).includes(id),
      );
    }
    return { route: query.size > 0 ? `${route}?${query}` : route, body, aimed };
  }

  /** An answer with A's ids replaced, to compare with the answer for objects that never existed. */
  const shape = (answer: ApiAnswer, ids: Objects) => ({
    status: answer.status,
    message: String(answer.body?.message ?? answer.text)
      .replaceAll(ids.connection, 'CONNECTION')
      .replaceAll(ids.subscription, 'SUBSCRIPTION')
      .replaceAll(ids.sync, 'SYNC')
      .replaceAll(ids.tenant, 'TENANT'),
  });
  const MISSING: Objects = {
    connection: 'con_00000000000000000000000000000000',
    subscription: 'sub_00000000000000000000000000000000',
    ticket: '1',
    apiKey: 'key_00000000000000000000000000000000',
    tenant: 'ten_00000000000000000000000000000000',
    sync: 'syn_00000000000000000000000000000000',
  };

  it('covers every route the controllers declare (none escapes the walk undocumented)', () => {
    const documented = operationsOf(doc).map((op) => ({
      method: op.method,
      sample: op.path.replace(/\{[^}]+\}/g, 'x'),
    }));
    const escaped = controllerRoutes(gateway.app)
      .flatMap((route) => {
        const [method, path] = route.split(' ');
        return method === 'ALL'
          ? ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => `${m} ${path}`)
          : [route];
      })
      .filter((route) => !(route in UNDOCUMENTED))
      .filter((route) => {
        const [method, path] = route.split(' ');
        const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+').replace(/\*/g, '.+')}$`);
        return !documented.some((op) => op.method === method && pattern.test(op.sample));
      });
    expect(escaped).toEqual([]);
  });

  it("answers tenant B 404 (403 on admin routes) on every operation aimed at A's objects, as if they did not exist", async () => {
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(100);
    const refused: string[] = [];
    const problems: string[] = [];
    for (const op of operations.filter((o) => o.secured)) {
      const name = `${op.method} ${op.path}`;
      const aimed = requestFor(op, objects);
      const answer = await gateway.call(op.method, aimed.route, { key: b.key, body: aimed.body });
      if (op.path.startsWith('/admin/')) {
        if (answer.status !== 403) problems.push(`${name}: ${answer.status} for a tenant key, not 403`);
        refused.push(name);
        continue;
      }
      // An id B sent may come back in the error naming it; anything else of A may not.
      const sent = `${aimed.route} ${JSON.stringify(aimed.body ?? null)}`;
      for (const marker of markersOfA.filter((m) => !sent.includes(m)))
        if (answer.text.includes(marker)) problems.push(`${name}: the answer to B shows "${marker}"`);
      if (answer.status >= 500) problems.push(`${name}: ${answer.status} ${answer.text.slice(0, 200)}`);
      if (!aimed.aimed || name in ANSWERS_PER_ITEM) continue; // B's own namespace: leaks above, A's state below
      const missing = requestFor(op, MISSING);
      const control = await gateway.call(op.method, missing.route, { key: b.key, body: missing.body });
      if (answer.status !== 404)
        problems.push(`${name}: ${answer.status} for A's object, not 404: ${answer.text.slice(0, 200)}`);
      else if (JSON.stringify(shape(answer, objects)) !== JSON.stringify(shape(control, MISSING)))
        problems.push(
          `${name}: A's object answers otherwise than a missing one: ${answer.text} vs ${control.text}`,
        );
      // The same request from A reaches its object: the 404 above is tenancy, not a badly filled request.
      if (op.method === 'GET') {
        const own = await gateway.call(op.method, aimed.route, { key: a.key, body: aimed.body });
        if (JSON.stringify(shape(own, objects)) === JSON.stringify(shape(control, MISSING)))
          problems.push(`${name}: A's own request answers like a missing object; the walk's fill is wrong`);
      }
      refused.push(name);
    }
    expect(problems).toEqual([]);
    // The walk reached the kinds the issue names: ticket writes, proxy of every method, overrides, preview.
    for (const name of [
      'POST /unified/ticketing/tickets',
      'PATCH /unified/ticketing/tickets/{id}',
      'DELETE /unified/ticketing/tickets/{id}',
      ...['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => `${m} /proxy/{connection_id}/{path}`),
      'GET /mappings/overrides/{key}',
      'DELETE /mappings/overrides/{key}',
      'PUT /mappings/overrides/{key}',
      'POST /mappings/preview',
      'POST /subscriptions',
      'POST /subscriptions/{id}/replay',
      'POST /connections/{id}/syncs',
      'GET /syncs/{id}',
      'POST /syncs/{id}/cancel',
      'DELETE /connections/{id}',
      'DELETE /admin/tenants/{tenantId}/stored-data',
    ])
      expect(refused).toContain(name);
  });

  it("lets no batch item of tenant B reach A's connection", async () => {
    const items = operationsOf(doc)
      .filter((op) => op.path.startsWith('/unified/'))
      .map((op) => ({ op, request: requestFor(op, objects) }))
      .map(({ op, request }) => ({
        method: op.method,
        path: request.route,
        ...(request.body ? { body: request.body } : {}),
      }));
    for (let i = 0; i < items.length; i += 50) {
      const answer = await gateway.call('POST', '/batch', {
        key: b.key,
        body: { requests: items.slice(i, i + 50) },
      });
      expect(answer.status).toBe(200);
      const statuses = (answer.body.responses as { status: number }[]).map((r) => r.status);
      // A file download (…/attachments/{id}/content) is no batch call: refused as such (400) before any
      // connection is looked up, so it cannot reach A either.
      const batchable = (path: string) => /^\/unified\/ticketing\/[a-z_]+(\/[^/?]+)?(\?.*)?$/.test(path);
      expect(statuses).toEqual(items.slice(i, i + 50).map((item) => (batchable(item.path) ? 404 : 400)));
      for (const marker of markersOfA.slice(1)) expect(answer.text).not.toContain(marker);
    }
  });

  it("leaves every object of A as it was after B's walk", async () => {
    const asA = (route: string) => gateway.call('GET', route, { key: a.key });
    expect((await asA(`/connections/${objects.connection}`)).body).toMatchObject({
      name: 'A-private-connection',
    });
    expect((await asA(`/subscriptions/${objects.subscription}`)).body).toMatchObject({
      url: 'http://127.0.0.1:9/a-private-hook',
      enabled: true,
      description: 'A-private-subscription',
    });
    const overrides = (await asA('/mappings/overrides')).text;
    expect(overrides).toContain('A-private-override');
    expect(overrides).toContain('A-private-tenant-override');
    expect((await asA('/connect/oauth-apps')).text).toContain('A-private-client');
    expect((await asA('/connect/settings')).body).toMatchObject({
      allowed_redirect_origins: ['https://a-private.example'],
    });
    const ticket = await asA(
      `/unified/ticketing/tickets/${objects.ticket}?connection_id=${objects.connection}`,
    );
    expect(ticket.status).toBe(200);
    expect(ticket.body.name).not.toMatch(/^w+$/); // not renamed by a walker's PATCH
    expect((await gateway.call('GET', '/admin/tenants', { key: ADMIN_KEY })).text).toContain(a.id);
  });
});
