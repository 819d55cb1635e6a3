import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribedEmulator } from './described-emulator';
import { ProviderValidationError, type EmulatorDescription } from './description';

/** A small provider: notes scoped to boards, page-number paging, a token header, signed webhooks. */
const description: EmulatorDescription = {
  provider: 'toy',
  apiPrefix: '/api/',
  credentials: { token: 'secret-token' },
  authorized: (request, credentials) => request.headers['x-token'] === credentials.token,
  errors: {
    unauthorized: () => ({ error: 'unauthorized' }),
    notFound: (what) => ({ error: `${what} not found` }),
    invalid: (e) => ({ error: e.message, fields: e.details }),
    invalidStatus: 422,
    badRequest: (message) => ({ error: message }),
  },
  paging: {
    style: 'page-number',
    pageParam: 'page',
    sizeParam: 'per_page',
    defaultSize: 2,
    maxSize: 3,
    linkHeader: true,
    headers: (p) => ({ 'x-total': String(p.total) }),
  },
  rateLimit: {
    limit: 100,
    windowSeconds: 60,
    headers: (limit, remaining) => ({ 'x-limit': String(limit), 'x-remaining': String(remaining) }),
    body: { error: 'slow down' },
  },
  collections: {
    notes: {
      path: '/api/boards/:board/notes',
      scope: { board: 'board_id' },
      seed: [1, 2, 3, 4, 5].map((id) => ({ id, board_id: id === 5 ? 2 : 1, text: `note ${id}` })),
      methods: ['list', 'get', 'create', 'update', 'delete'],
      filters: { text: (r, v) => String(r.text).includes(v) },
      create: (input, ctx) => {
        if (typeof input.text !== 'string')
          throw new ProviderValidationError('text is missing', { text: ['is required'] });
        return { id: ctx.nextId('notes'), text: input.text, created_at: ctx.now() };
      },
      webhook: (action, record) => ({ action, note: record }),
    },
  },
  signWebhook: (body, secret) => ({ 'x-signature': createHmac('sha256', secret).update(body).digest('hex') }),
};

describe('DescribedEmulator', () => {
  const emulator = new DescribedEmulator(description, { now: () => new Date('2026-12-01T00:00:00Z') });
  const call = (path: string, init: RequestInit = {}, token = 'secret-token') =>
    fetch(`${emulator.url}${path}`, {
      ...init,
      headers: { 'x-token': token, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
  const received: { headers: Record<string, unknown>; body: string }[] = [];
  let receiver: Server;

  beforeAll(async () => {
    await emulator.start();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    emulator.subscribeWebhooks(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, 'whsec');
  });
  afterAll(async () => {
    await emulator.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('walks a scoped list page by page through the Link header, with the provider headers', async () => {
    const seen: unknown[] = [];
    let next: string | undefined = `${emulator.url}/api/boards/1/notes`;
    let pages = 0;
    while (next) {
      const answer: Response = await fetch(next, { headers: { 'x-token': 'secret-token' } });
      expect(answer.headers.get('x-total')).toBe('4');
      expect(answer.headers.get('x-remaining')).not.toBeNull();
      seen.push(...((await answer.json()) as { id: number }[]).map((n) => n.id));
      next = /<([^>]+)>; rel="next"/.exec(answer.headers.get('link') ?? '')?.[1];
      pages++;
    }
    expect([seen, pages]).toEqual([[1, 2, 3, 4], 2]);
    const filtered = (await (await call('/api/boards/1/notes?text=note%203')).json()) as unknown[];
    expect(filtered).toEqual([{ id: 3, board_id: 1, text: 'note 3' }]);
  });

  it('creates in the scope, reads, updates and deletes, and signs a webhook for each write', async () => {
    const created = await call('/api/boards/2/notes', {
      method: 'POST',
      body: JSON.stringify({ text: 'new' }),
    });
    expect(created.status).toBe(201);
    const note = (await created.json()) as { id: number; board_id: number };
    expect(note).toEqual({ id: 6, board_id: 2, text: 'new', created_at: '2026-12-01T00:00:00.000Z' });
    expect((await call('/api/boards/1/notes/6')).status).toBe(404);
    const updated = await call('/api/boards/2/notes/6', {
      method: 'PUT',
      body: JSON.stringify({ text: 'edited' }),
    });
    expect(((await updated.json()) as { text: string }).text).toBe('edited');
    expect((await call('/api/boards/2/notes/6', { method: 'DELETE' })).status).toBe(204);
    expect((await call('/api/boards/2/notes/6')).status).toBe(404);
    await emulator.webhooks.flush();
    expect(received.map((r) => JSON.parse(r.body).action)).toEqual(['created', 'updated', 'deleted']);
    for (const r of received)
      expect(r.headers['x-signature']).toBe(createHmac('sha256', 'whsec').update(r.body).digest('hex'));
  });

  it("answers with the provider's error bodies: 401, 404, 422, 400 and its 429", async () => {
    const unauthorized = await call('/api/boards/1/notes', {}, 'wrong');
    expect([unauthorized.status, await unauthorized.json()]).toEqual([401, { error: 'unauthorized' }]);
    const missing = await call('/api/boards/1/notes/99');
    expect([missing.status, await missing.json()]).toEqual([404, { error: 'notes not found' }]);
    const invalid = await call('/api/boards/1/notes', { method: 'POST', body: '{}' });
    expect([invalid.status, await invalid.json()]).toEqual([
      422,
      { error: 'text is missing', fields: { text: ['is required'] } },
    ]);
    const malformed = await call('/api/boards/1/notes', { method: 'POST', body: '{' });
    expect(malformed.status).toBe(400);
    emulator.enableRateLimit(1);
    await call('/api/boards/1/notes');
    const limited = await call('/api/boards/1/notes');
    expect([limited.status, limited.headers.get('retry-after') !== null, await limited.json()]).toEqual([
      429,
      true,
      { error: 'slow down' },
    ]);
  });
});
