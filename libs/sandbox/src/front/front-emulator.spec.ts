import { FrontEmulator } from './front-emulator';
import { FRONT_READ_ONLY_TOKEN, FRONT_SEED_TOKEN } from './seed';
import { conversationId } from './seed-conversations';

/** Front's raw HTTP surface: envelopes, required fields, status codes, error bodies, rate-limit headers. */
describe('Front emulator over HTTP', () => {
  const emulator = new FrontEmulator();
  let base = '';
  const call = async (method: string, path: string, body?: unknown, token = FRONT_SEED_TOKEN) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    base = await emulator.start();
  });
  afterAll(() => emulator.stop());

  it('pages with limit and page_token, the next page as an absolute URL on its own origin', async () => {
    const first = await call('GET', '/conversations?limit=5');
    expect(first.status).toBe(200);
    expect(Object.keys(first.json)).toEqual(['_pagination', '_links', '_results']);
    expect(first.json._links.self).toBe(`${base}/conversations`);
    expect(first.json._results).toHaveLength(5);
    const next = new URL(first.json._pagination.next);
    expect([next.origin, next.pathname, next.searchParams.get('limit')]).toEqual([
      base,
      '/conversations',
      '5',
    ]);
    let seen = first.json._results.length;
    let url: string | null = first.json._pagination.next;
    while (url) {
      const page = await call('GET', url.slice(base.length));
      seen += page.json._results.length;
      url = page.json._pagination.next;
    }
    expect(seen).toBe(emulator.records('conversations').length);
    // Lists Front does not page have no `_pagination`.
    expect(Object.keys((await call('GET', '/teammates')).json)).toEqual(['_links', '_results']);
  });

  it('serves the objects with the fields Front marks required, and _links on its origin', async () => {
    const conversation = (await call('GET', `/conversations/${conversationId(0)}`)).json;
    for (const field of [
      '_links',
      'id',
      'type',
      'subject',
      'status',
      'ticket_ids',
      'assignee',
      'recipient',
      'tags',
      'links',
      'custom_fields',
      'is_private',
      'scheduled_reminders',
      'metadata',
    ])
      expect([field, field in conversation]).toEqual([field, true]);
    expect(conversation).toMatchObject({ status: 'assigned', status_id: 'sts_5x', status_category: 'open' });
    expect(conversation._links.related.messages).toBe(`${base}/conversations/${conversationId(0)}/messages`);
    expect(conversation.recipient._links.related.contact).toBe(`${base}/contacts/crd_3cgz4ge`);
    const comments = (await call('GET', `/conversations/${conversationId(1)}/comments`)).json;
    for (const field of ['_links', 'id', 'author', 'body', 'attachments', 'is_pinned'])
      expect([field, field in comments._results[0]]).toEqual([field, true]);
    const events = (await call('GET', `/conversations/${conversationId(1)}/events?limit=2`)).json;
    expect(events._results.map((e: { type: string }) => e.type)).toEqual(['comment', 'tag']);
    expect(events._results[0].target).toMatchObject({
      _meta: { type: 'comment' },
      data: { id: expect.stringMatching(/^com_/) },
    });
  });

  it('answers PATCH with 204, refuses what Front refuses with its error body', async () => {
    const id = conversationId(8);
    expect((await call('PATCH', `/conversations/${id}`, { tag_ids: ['tag_2oxhx1'] })).status).toBe(204);
    expect((await call('GET', `/conversations/${id}`)).json.tags.map((t: { id: string }) => t.id)).toEqual([
      'tag_2oxhx1',
    ]);
    const both = await call('PATCH', `/conversations/${id}`, { status: 'archived', status_id: 'sts_5z' });
    expect(both).toMatchObject({
      status: 400,
      json: {
        _error: { status: 400, title: 'Bad request', message: expect.stringContaining('Only one of') },
      },
    });
    const notTrashed = await call('DELETE', `/conversations/${id}`);
    expect(notTrashed.json._error.message).toContain('must have status "trashed"');
    await call('PATCH', `/conversations/${id}`, { status: 'deleted' });
    expect((await call('DELETE', `/conversations/${id}`)).status).toBe(204);
    expect((await call('GET', `/conversations/${id}`)).json).toEqual({
      _error: { status: 404, title: 'Not found', message: 'The conversation does not exist' },
    });
    const noComment = await call('POST', '/conversations', {
      type: 'discussion',
      subject: 'x',
      inbox_id: 'inb_1ix6',
    });
    expect(noComment.json._error.message).toContain('comment: required');
  });

  it('401 without a valid token, 403 for a read-only token on writes, 404 for unknown routes', async () => {
    expect(await call('GET', '/tags', undefined, 'wrong')).toMatchObject({
      status: 401,
      json: { _error: { status: 401, title: 'Unauthorized' } },
    });
    expect((await call('GET', '/tags', undefined, FRONT_READ_ONLY_TOKEN)).status).toBe(200);
    expect(await call('POST', '/tags', { name: 'x' }, FRONT_READ_ONLY_TOKEN)).toMatchObject({
      status: 403,
      json: { _error: { status: 403, title: 'Forbidden' } },
    });
    expect((await call('GET', '/nothing-here')).json._error.status).toBe(404);
  });

  it('sends X-RateLimit-* on every answer, and 429 with Retry-After past the limit', async () => {
    const ok = await call('GET', '/tags');
    expect(ok.headers.get('x-ratelimit-limit')).toBe('200');
    expect(Number(ok.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    emulator.enableRateLimit(1);
    await call('GET', '/tags');
    const limited = await call('GET', '/tags');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.json._error).toMatchObject({ status: 429, title: 'Too many requests' });
  });
});
