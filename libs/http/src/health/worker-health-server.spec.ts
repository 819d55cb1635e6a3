import { Counter, Registry } from 'prom-client';
import { consumerGroupReadiness, WorkerHealthServer } from './worker-health-server';

describe('WorkerHealthServer', () => {
  let membership = { groupId: 'g1', state: 'joining', partitions: 0 };
  const server = new WorkerHealthServer({
    consumer_group: consumerGroupReadiness({ membership: () => membership }),
  });
  let url = '';
  beforeAll(async () => (url = await server.listen(0, '127.0.0.1')));
  afterAll(() => server.onApplicationShutdown());

  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers 503 naming the group and its state until the consumer is a member, then 200', async () => {
    expect(await get('/health/ready')).toEqual({
      status: 503,
      body: expect.objectContaining({
        status: 'error',
        error: { consumer_group: { status: 'down', group: 'g1', state: 'joining', partitions: 0 } },
      }),
    });
    membership = { groupId: 'g1', state: 'member', partitions: 3 };
    expect(await get('/health/ready')).toEqual({
      status: 200,
      body: expect.objectContaining({
        status: 'ok',
        info: { consumer_group: expect.objectContaining({ partitions: 3 }) },
      }),
    });
    membership = { groupId: 'g1', state: 'stopped', partitions: 3 };
    expect((await get('/health')).status).toBe(503);
  });

  it('is live whatever the readiness, and answers unknown paths with a JSON 404', async () => {
    expect((await get('/health/live')).status).toBe(200);
    expect(await get('/nope')).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'no route /nope' },
    });
  });
});

describe('WorkerHealthServer /metrics and liveness', () => {
  const registry = new Registry();
  new Counter({ name: 'worker_things_total', help: 'things', registers: [registry] }).inc(3);
  const server = new WorkerHealthServer({ always: () => ({ up: true }) }, registry);
  let url = '';
  beforeAll(async () => (url = await server.listen(0, '127.0.0.1')));
  afterAll(() => server.onApplicationShutdown());

  it("serves the app's registry in Prometheus text format on the health port", async () => {
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toContain('worker_things_total 3');
  });

  it('reports the slowest event-loop turn since the last probe', async () => {
    await fetch(`${url}/health/live`); // resets the window
    const until = Date.now() + 120;
    while (Date.now() < until); // a 120 ms stall of the loop
    const body = (await (await fetch(`${url}/health/live`)).json()) as {
      details: { event_loop: { status: string; max_delay_ms: number } };
    };
    expect(body.details.event_loop.status).toBe('up');
    expect(body.details.event_loop.max_delay_ms).toBeGreaterThanOrEqual(80);
  });
});
