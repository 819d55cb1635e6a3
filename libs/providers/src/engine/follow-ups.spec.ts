import type { FastifyInstance } from 'fastify';
import { ProviderEmulator } from '@app/sandbox';
import type { ProviderDefinition } from '../definition';
import { ProviderRegistry } from '../registry';
import type { ConnectionContext } from './connection-context';
import { ProviderValidationError } from './errors';
import { ProviderClient } from './provider-client';

interface Thing {
  id: number;
  title: string;
  state: string;
}

/**
 * A provider whose edits cannot change a state (a transition does, looked up first by the target's
 * name), whose creates need a second call to attach the record, and whose pages are capped below the
 * size asked for with only `isLast: false` saying more follow.
 */
class WorkflowEmulator extends ProviderEmulator {
  things: Thing[] = Array.from({ length: 7 }, (_, i) => ({
    id: i + 1,
    title: `thing ${i + 1}`,
    state: 'open',
  }));
  attached: number[] = [];
  calls: string[] = [];

  protected routes(app: FastifyInstance): void {
    app.addHook('onRequest', async (request) => void this.calls.push(`${request.method} ${request.url}`));
    const find = (id: string) => this.things.find((t) => String(t.id) === id);
    app.get('/things', async (request) => {
      const q = request.query as Record<string, string>;
      const start = Number(q.start ?? 0);
      const values = this.things.slice(start, start + Math.min(Number(q.limit), 3));
      return {
        start,
        limit: Number(q.limit),
        size: values.length,
        isLastPage: start + values.length >= this.things.length,
        values,
      };
    });
    app.get('/things/:id', async (request) => find((request.params as { id: string }).id));
    app.put('/things/:id', async (request) => {
      const thing = find((request.params as { id: string }).id)!;
      Object.assign(thing, { title: (request.body as Thing).title ?? thing.title });
      return thing;
    });
    app.get('/things/:id/transitions', async () => ({
      transitions: [
        { id: '31', to: { name: 'Done' } },
        { id: '41', to: { name: 'Cancelled' } },
      ],
    }));
    app.post('/things/:id/transition', async (request, reply) => {
      const target = { '31': 'done', '41': 'cancelled' }[(request.body as { id: string }).id];
      if (!target) return reply.status(400).send({ errorMessage: 'no such transition' });
      find((request.params as { id: string }).id)!.state = target;
      return reply.status(204).send();
    });
    app.post('/things', async (request, reply) => {
      const thing = { id: this.things.length + 1, title: (request.body as Thing).title, state: 'open' };
      this.things.push(thing);
      return reply.status(201).send(thing);
    });
    app.post('/board', async (request, reply) => {
      this.attached.push(...(request.body as { ids: number[] }).ids);
      return reply.status(204).send();
    });
  }
}

const definition: ProviderDefinition = {
  name: 'workflow',
  displayName: 'Workflow',
  baseUrl: '"https://example.invalid"',
  auth: { scheme: 'bearer', token: '"t"' },
  credentials: {},
  connectionSettings: {},
  pagination: {
    strategy: 'offset',
    startParam: 'start',
    sizeParam: 'limit',
    maxPageSize: 10,
    isLastPath: 'isLastPage',
  },
  errorMessage: 'errorMessage',
  resources: {
    tickets: {
      record: '{ "id": $string(id), "name": title, "status": { "id": state, "category": "open" } }',
      methods: {
        list: { method: 'GET', path: '"/things"', response: 'values' },
        get: { method: 'GET', path: '"/things/" & id' },
        create: {
          method: 'POST',
          path: '"/things"',
          body: '{ "title": body.name }',
          after: [{ method: 'POST', path: '"/board"', body: '{ "ids": [$number(record.id)] }' }],
        },
        update: {
          method: 'PUT',
          path: '"/things/" & id',
          body: '{ "title": body.name }',
          readBack: true,
          after: [
            { when: '$exists(body.status.id)', method: 'GET', path: '"/things/" & id & "/transitions"' },
            {
              when: '$exists(body.status.id)',
              method: 'POST',
              path: '"/things/" & id & "/transition"',
              body: `( $t := previous.transitions[to.name = $$.body.status.id][0]; { "id": $t ? $t.id : body.status.id } )`,
            },
          ],
        },
      },
    },
  },
};

describe('ProviderClient: follow-up requests and capped offset pages', () => {
  const emulator = new WorkflowEmulator();
  const client = new ProviderClient({
    registry: new ProviderRegistry([definition]),
    retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
  });
  let connection: ConnectionContext;
  beforeAll(async () => {
    await emulator.start();
    connection = {
      id: 'c',
      tenantId: 't',
      provider: 'workflow',
      settings: { base_url: emulator.url },
      credentials: {},
    };
  });
  afterAll(() => emulator.stop());
  beforeEach(() => (emulator.calls = []));

  it('sends an update’s steps in order, each seeing the answer before it, then reads back', async () => {
    const updated = await client.update(connection, 'tickets', '2', {
      name: 'renamed',
      status: { id: 'Done' },
    });
    expect(updated).toMatchObject({ id: '2', name: 'renamed', status: { id: 'done' } });
    expect(emulator.calls).toEqual([
      'PUT /things/2',
      'GET /things/2/transitions',
      'POST /things/2/transition',
      'GET /things/2',
    ]);
  });

  it('skips steps whose `when` is false, and surfaces a failing step as the provider’s error', async () => {
    await client.update(connection, 'tickets', '3', { name: 'only the name' });
    expect(emulator.calls).toEqual(['PUT /things/3', 'GET /things/3']);
    await expect(client.update(connection, 'tickets', '3', { status: { id: 'Nowhere' } })).rejects.toThrow(
      ProviderValidationError,
    );
    expect(emulator.things[2].state).toBe('open');
  });

  it('addresses a created record by its mapped id', async () => {
    const created = await client.create(connection, 'tickets', { name: 'new' });
    expect(emulator.attached).toEqual([Number(created.id)]);
    expect(emulator.calls).toEqual(['POST /things', 'POST /board']);
  });

  it('walks on after a page shorter than asked while the provider says isLast: false', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.list(connection, 'tickets', { limit: 10, cursor });
      seen.push(...page.result.map((r) => r.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(emulator.things.map((t) => String(t.id)));
    expect(emulator.calls.filter((c) => c.startsWith('GET /things?'))).toHaveLength(
      Math.ceil(emulator.things.length / 3),
    );
  });
});
