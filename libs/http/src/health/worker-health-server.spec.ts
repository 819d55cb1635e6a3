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
