import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { GithubEmulator } from '@app/sandbox/github';
import {
  connectGithubEmulator,
  createTenant,
  startGateway,
  type ApiAnswer,
  type RunningGateway,
} from '../support/gateway';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The sync routes as a client meets them: 202 with the queued job, clear 400s for what cannot be run,
 * another tenant's jobs as missing as a job that never existed, and every answer as the OpenAPI
 * document describes it. No runner here: jobs stay queued.
 */
describe('snapshots API: /connections/{id}/syncs and /syncs/{id}', () => {
  const emulator = new GithubEmulator();
  let gateway: RunningGateway;
  let doc: Json;
  let a: { key: string };
  let b: { key: string };
  let connectionId: string;

  beforeAll(async () => {
    await emulator.start();
    gateway = await startGateway();
    doc = (await gateway.call('GET', '/openapi.json')).body as Json;
    a = await createTenant(gateway, 'A');
    b = await createTenant(gateway, 'B');
    connectionId = await connectGithubEmulator(gateway, a.key, emulator.url);
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator.stop();
  });

  /** Checks the answer against the document's response schema of that operation and status. */
  function expectDocumented(method: string, path: string, answer: ApiAnswer): void {
    const response = doc.paths[path]?.[method]?.responses?.[String(answer.status)];
    expect(response).toBeDefined();
    const schema = response.content?.['application/json']?.schema;
    expect(schema).toBeDefined();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    // The document's components under an id of their own, so the schema's $refs resolve.
    ajv.addSchema({ $id: 'urn:unified:doc', components: doc.components });
    const check = ajv.compile(
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"urn:unified:doc#/components/')),
    );
    expect(check(answer.body) ? [] : check.errors).toEqual([]);
  }

  const post = (key: string, id: string, body: unknown) =>
    gateway.call('POST', `/connections/${id}/syncs`, { key, body });

  it('queues a job and shows it, listed under its connection', async () => {
    const created = await post(a.key, connectionId, { resources: ['tickets', 'users'] });
    expect(created.status).toBe(202);
    expectDocumented('post', '/connections/{id}/syncs', created);
    expect(created.body).toMatchObject({
      connection_id: connectionId,
      provider: 'github',
      state: 'queued',
      since: null,
      runs: 0,
      totals: { pages: 0, records: 0, rate_limit_waits: 0 },
      resources: [
        {
          resource: 'tickets',
          topic: 'ticketing.tickets.v1',
          event_type: 'ticketing.ticket.synced',
          state: 'pending',
        },
        {
          resource: 'users',
          topic: 'ticketing.users.v1',
          event_type: 'ticketing.user.synced',
          state: 'pending',
        },
      ],
    });
    expect(JSON.stringify(created.body)).not.toContain('cursor');

    const shown = await gateway.call('GET', `/syncs/${created.body.id}`, { key: a.key });
    expect(shown.status).toBe(200);
    expectDocumented('get', '/syncs/{id}', shown);
    expect(shown.body).toEqual(created.body);

    const listed = await gateway.call('GET', `/connections/${connectionId}/syncs`, { key: a.key });
    expect(listed.status).toBe(200);
    expectDocumented('get', '/connections/{id}/syncs', listed);
    expect(listed.body.result.map((j: Json) => j.id)).toContain(created.body.id);
  });

  it('answers 400 naming what cannot be run, and creates nothing', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /resources/],
      [{ resources: [] }, /resources/],
      [{ resources: 'tickets' }, /resources/],
      [{ resources: ['bananas'] }, /resources/],
      [{ resources: ['contacts'] }, /github cannot list every record of: contacts/],
      [{ resources: ['accounts'] }, /github cannot list every record of: accounts/],
      [{ resources: ['tickets', 'tickets'] }, /repeat/],
      [{ resources: ['tickets'], since: 'yesterday' }, /since/],
      [{ resources: ['tickets'], since: '2026-01-01' }, /since/],
      [
        { resources: ['users'], since: '2026-01-01T00:00:00Z' },
        /cannot list only records updated since .*users/,
      ],
      [{ resources: ['tickets'], extra: 1 }, /extra/],
    ];
    const before = (await gateway.call('GET', `/connections/${connectionId}/syncs`, { key: a.key })).body
      .result_count;
    for (const [body, message] of cases) {
      const answer = await post(a.key, connectionId, body);
      expect([answer.status, JSON.stringify(body)]).toEqual([400, JSON.stringify(body)]);
      // The message, or for a body that breaks the document the details naming the field.
      expect(answer.text).toMatch(message);
      expectDocumented('post', '/connections/{id}/syncs', answer);
    }
    const notJson = await gateway.call('POST', `/connections/${connectionId}/syncs`, {
      key: a.key,
      body: '{"resources": [',
    });
    expect(notJson.status).toBe(400);
    const unlisted = await post(a.key, connectionId, { resources: ['comments', 'contacts'] });
    expect(unlisted.body.details).toMatchObject({
      not_listable: ['contacts'],
      listable: expect.arrayContaining(['tickets']),
    });
    expect(
      (await gateway.call('GET', `/connections/${connectionId}/syncs`, { key: a.key })).body.result_count,
    ).toBe(before);
  });

  it("treats another tenant's connection and jobs as missing", async () => {
    const job = (await post(a.key, connectionId, { resources: ['tickets'] })).body;
    const missing = 'syn_00000000000000000000000000000000';
    const asB = (method: string, route: string, body?: unknown) =>
      gateway.call(method, route, { key: b.key, body });

    for (const [method, route, body] of [
      ['GET', `/syncs/${job.id}`],
      ['POST', `/syncs/${job.id}/cancel`],
      ['GET', `/connections/${connectionId}/syncs`],
      ['POST', `/connections/${connectionId}/syncs`, { resources: ['tickets'] }],
    ] as [string, string, unknown?][]) {
      const answer = await asB(method, route, body);
      expect([method, route, answer.status]).toEqual([method, route, 404]);
      expect(answer.text).not.toContain('github');
      const control = await asB(method, route.replace(job.id, missing), body);
      expect(control.status).toBe(404);
    }
    expect((await gateway.call('GET', `/syncs/${job.id}`, { key: a.key })).body.state).toBe('queued');
    expect((await gateway.call('GET', `/syncs/${job.id}`)).status).toBe(401);
  });

  it('cancels a queued job at once, and again as a no-op', async () => {
    const job = (await post(a.key, connectionId, { resources: ['tickets'] })).body;
    const cancelled = await gateway.call('POST', `/syncs/${job.id}/cancel`, { key: a.key });
    expect(cancelled.status).toBe(200);
    expectDocumented('post', '/syncs/{id}/cancel', cancelled);
    expect(cancelled.body).toMatchObject({
      state: 'cancelled',
      cancel_requested: true,
      finished_at: expect.any(String),
      resources: [{ state: 'cancelled' }],
    });
    const again = await gateway.call('POST', `/syncs/${job.id}/cancel`, { key: a.key });
    expect(again.status).toBe(200);
    expect(again.body.state).toBe('cancelled');
  });

  it('documents every sync operation with its statuses', () => {
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path][method].responses).sort();
    expect(statuses('/connections/{id}/syncs', 'post')).toEqual(
      expect.arrayContaining(['202', '400', '401', '404', '413', '415', '429']),
    );
    expect(statuses('/connections/{id}/syncs', 'get')).toEqual(
      expect.arrayContaining(['200', '401', '404', '429']),
    );
    expect(statuses('/syncs/{id}', 'get')).toEqual(expect.arrayContaining(['200', '401', '404', '429']));
    expect(statuses('/syncs/{id}/cancel', 'post')).toEqual(
      expect.arrayContaining(['200', '401', '404', '409', '429']),
    );
    expect(doc.paths['/connections/{id}/syncs'].post.requestBody.required).toBe(true);
  });
});
