import { DescribedEmulator } from './described-emulator';
import type { EmulatorDescription } from './description';

/** Comments listed under their post (`/posts/:post/comments`) but read and edited at `/comments/:id`. */
const description: EmulatorDescription = {
  provider: 'toy-item-path',
  apiPrefix: '/api/',
  credentials: {},
  authorized: () => true,
  errors: {
    unauthorized: () => ({ error: 'unauthorized' }),
    notFound: (what) => ({ error: `${what} not found` }),
    invalid: (e) => ({ error: e.message }),
    invalidStatus: 400,
    badRequest: (message) => ({ error: message }),
  },
  paging: { style: 'none' },
  rateLimit: { limit: 100, windowSeconds: 60, headers: () => ({}), body: { error: 'slow down' } },
  collections: {
    comments: {
      path: '/api/posts/:post/comments',
      itemPath: '/api/comments/:id',
      scope: { post: 'post_id' },
      seed: [
        { id: 1, post_id: 7, text: 'first' },
        { id: 2, post_id: 8, text: 'second' },
      ],
      methods: ['list', 'get', 'create', 'update', 'delete'],
    },
  },
};

describe('DescribedEmulator: an item path outside the scope', () => {
  const emulator = new DescribedEmulator(description);
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
  };
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('lists in the scope and reaches each record by its key alone', async () => {
    expect((await call('GET', '/api/posts/8/comments')).body).toEqual([
      { id: 2, post_id: 8, text: 'second' },
    ]);
    expect((await call('GET', '/api/comments/2')).body).toEqual({ id: 2, post_id: 8, text: 'second' });
    expect((await call('PUT', '/api/comments/1', { text: 'edited' })).body).toMatchObject({
      post_id: 7,
      text: 'edited',
    });
    expect((await call('DELETE', '/api/comments/2')).status).toBe(204);
    expect((await call('GET', '/api/comments/2')).status).toBe(404);
  });

  it('still scopes a create to the route parameter', async () => {
    const created = await call('POST', '/api/posts/9/comments', { id: 3, text: 'third' });
    expect([created.status, created.body]).toEqual([201, { id: 3, post_id: 9, text: 'third' }]);
    expect((await call('GET', '/api/posts/9/comments')).body).toHaveLength(1);
  });
});
