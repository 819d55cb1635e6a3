import { corpusFiles } from '../corpus';
import {
  ZENDESK_SEED_CREDENTIALS,
  ZENDESK_SEED_TICKET_COUNT,
  ZendeskEmulator,
  zendeskRateLimitFault,
} from './index';

const auth = (
  email: string = ZENDESK_SEED_CREDENTIALS.email,
  token: string = ZENDESK_SEED_CREDENTIALS.api_token,
) => `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;

describe('ZendeskEmulator REST', () => {
  const emulator = new ZendeskEmulator();
  const call = async (
    path: string,
    init: { method?: string; body?: unknown; authorization?: string } = {},
  ) => {
    const response = await fetch(`${emulator.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: init.authorization ?? auth(), 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* plain-text answers (429) stay text */
    }
    return { status: response.status, headers: response.headers, json: json as Record<string, unknown> };
  };

  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());
  afterEach(() => {
    emulator.clearFaults();
    emulator.disableRateLimit();
  });

  it('refuses missing or wrong credentials with Zendesk 401 body', async () => {
    for (const authorization of [
      '',
      auth(ZENDESK_SEED_CREDENTIALS.email, 'wrong'),
      auth('someone@else.test'),
    ]) {
      const answer = await call('/api/v2/tickets', { authorization });
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ error: "Couldn't authenticate you" });
    }
  });

  it('answers unknown records with RecordNotFound, with or without the .json suffix', async () => {
    for (const path of [
      '/api/v2/tickets/999999',
      '/api/v2/tickets/999999.json',
      '/api/v2/users/42',
      '/api/v2/groups/x',
    ]) {
      const answer = await call(path);
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    }
    expect((await call('/api/v2/tickets/1.json')).json.ticket).toMatchObject({ id: 1 });
  });

  it('rejects invalid writes with 422 RecordInvalid and per-attribute details', async () => {
    const noComment = await call('/api/v2/tickets', { method: 'POST', body: { ticket: { subject: 'x' } } });
    expect(noComment.status).toBe(422);
    expect(noComment.json).toMatchObject({ error: 'RecordInvalid', description: 'Record validation errors' });
    const badPriority = await call('/api/v2/tickets/2', {
      method: 'PUT',
      body: { ticket: { priority: 'asap' } },
    });
    expect(badPriority.status).toBe(422);
    expect(badPriority.json.details).toHaveProperty('priority');
    const noName = await call('/api/v2/organizations', {
      method: 'POST',
      body: { organization: { name: '' } },
    });
    expect((noName.json.details as Record<string, unknown>).name).toEqual([
      expect.objectContaining({ error: 'ValueTooShort' }),
    ]);
    expect((await call('/api/v2/tickets/2')).json.ticket).toMatchObject({ priority: 'low' });
  });

  it('walks every ticket with cursor pagination (page[size], meta.has_more, meta.after_cursor)', async () => {
    const seen: number[] = [];
    let path = '/api/v2/tickets?page[size]=10';
    let pages = 0;
    for (;;) {
      const { json } = await call(path);
      pages++;
      seen.push(...(json.tickets as { id: number }[]).map((t) => t.id));
      const meta = json.meta as { has_more: boolean; after_cursor: string };
      if (!meta.has_more) {
        expect((json.links as { next: unknown }).next).toBeNull();
        break;
      }
      expect((json.links as { next: string }).next).toContain(`page[after]=${meta.after_cursor}`);
      path = `/api/v2/tickets?page[size]=10&page[after]=${meta.after_cursor}`;
    }
    expect(pages).toBe(Math.ceil(ZENDESK_SEED_TICKET_COUNT / 10));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(ZENDESK_SEED_TICKET_COUNT);
    const tooBig = await call('/api/v2/tickets?page[size]=101');
    expect(tooBig.status).toBe(400);
  });

  /** Recorded offset-paged ticket lists: `{tickets, next_page, previous_page, count}`, whatever their file names. */
  const offsetTicketLists = corpusFiles('zendesk', 'rest')
    .map((f) => ({ name: f.name, json: f.json as Record<string, unknown> }))
    .filter(({ json }) => Array.isArray(json.tickets) && 'next_page' in json && 'count' in json);

  it('finds offset-paged ticket lists in the corpus', () => {
    expect(offsetTicketLists.length).toBeGreaterThan(0);
  });

  it.each(offsetTicketLists.map((l) => [l.name, l.json] as const))(
    'serves offset pagination (page, per_page, next_page, count) shaped like the recorded list %s',
    async (_name, recorded) => {
      const corpus = recorded as { tickets: Record<string, unknown>[] };
      const first = await call('/api/v2/tickets?per_page=10');
      expect(Object.keys(first.json).sort()).toEqual(Object.keys(corpus).sort());
      expect(first.json.next_page).toBe(`${emulator.url}/api/v2/tickets.json?page=2&per_page=10`);
      expect(first.json.previous_page).toBeNull();
      const last = await call('/api/v2/tickets?per_page=10&page=4');
      expect(last.json.next_page).toBeNull();
      expect(last.json.count).toBe(first.json.count);

      const ours = (first.json.tickets as Record<string, unknown>[])[0];
      for (const [key, value] of Object.entries(corpus.tickets[0])) {
        expect(ours).toHaveProperty(key);
        if (value !== null && ours[key] !== null)
          expect([key, jsonType(ours[key])]).toEqual([key, jsonType(value)]);
      }
      const via = ours.via as Record<string, unknown>;
      expect(Object.keys(via).sort()).toEqual(Object.keys(corpus.tickets[0].via as object).sort());
    },
  );

  it('creates comments through ticket updates and lists them with sideloaded authors', async () => {
    const update = await call('/api/v2/tickets/3', {
      method: 'PUT',
      body: {
        ticket: { status: 'pending', comment: { body: 'Need your logs', public: false, author_id: 1003 } },
      },
    });
    expect(update.status).toBe(200);
    const events = (update.json.audit as { events: { type: string; body?: string }[] }).events;
    expect(events.find((e) => e.type === 'Comment')).toMatchObject({ body: 'Need your logs', public: false });
    const listed = await call('/api/v2/tickets/3/comments?include=users&page[size]=100');
    const comments = listed.json.comments as { body: string; author_id: number }[];
    expect(comments.at(-1)).toMatchObject({ body: 'Need your logs', author_id: 1003 });
    expect((listed.json.users as { id: number }[]).map((u) => u.id)).toContain(1003);
  });

  it('filters users by role[] and keeps deleted users readable as inactive', async () => {
    const staff = await call('/api/v2/users?role[]=agent&role[]=admin&page[size]=100');
    const roles = new Set((staff.json.users as { role: string }[]).map((u) => u.role));
    expect([...roles].sort()).toEqual(['admin', 'agent']);
    const created = await call('/api/v2/users', {
      method: 'POST',
      body: { user: { name: 'Temp', email: 'temp@x.test' } },
    });
    expect(created.status).toBe(201);
    const id = (created.json.user as { id: number }).id;
    expect((await call(`/api/v2/users/${id}`, { method: 'DELETE' })).json.user).toMatchObject({
      active: false,
    });
    expect((await call(`/api/v2/users/${id}`)).json.user).toMatchObject({ active: false });
  });

  it('exports tickets matching a date-window search with cursor pagination', async () => {
    const query = encodeURIComponent(
      'type:ticket created>=2026-01-06T00:00:00Z created<2026-01-07T00:00:00Z',
    );
    const answer = await call(`/api/v2/search/export?filter[type]=ticket&page[size]=5&query=${query}`);
    const results = answer.json.results as { created_at: string; result_type: string }[];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.created_at.startsWith('2026-01-06')).toBe(true);
    expect((await call('/api/v2/search/export?query=x')).status).toBe(400);
  });

  it('lists deleted tickets, newest deletion first when sorted by deleted_at', async () => {
    expect((await call('/api/v2/tickets/4', { method: 'DELETE' })).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // Zendesk's timestamps have seconds
    expect((await call('/api/v2/tickets/2', { method: 'DELETE' })).status).toBe(204);
    expect((await call('/api/v2/tickets/2')).status).toBe(404);
    const newest = await call('/api/v2/deleted_tickets?sort_by=deleted_at&sort_order=desc&per_page=100');
    const listed = newest.json.deleted_tickets as { id: number; deleted_at: string; actor: { id: number } }[];
    expect(listed.map((t) => t.id)).toEqual([2, 4]);
    expect(listed[0]).toMatchObject({
      previous_state: expect.any(String),
      actor: { id: expect.any(Number) },
    });
    expect(newest.json).toMatchObject({ next_page: null, count: 2 });
    const byId = await call('/api/v2/deleted_tickets');
    expect((byId.json.deleted_tickets as { id: number }[]).map((t) => t.id)).toEqual([2, 4]);
    expect((await call('/api/v2/deleted_tickets?sort_by=priority')).status).toBe(400);
  });

  it('answers 429 with Retry-After and Zendesk rate-limit headers (scripted and built-in)', async () => {
    emulator.injectFault(zendeskRateLimitFault(7));
    const scripted = await call('/api/v2/tickets/1');
    expect(scripted.status).toBe(429);
    expect(scripted.headers.get('retry-after')).toBe('7');
    expect(scripted.headers.get('x-rate-limit-remaining')).toBe('0');

    emulator.enableRateLimit(2);
    const answers = [
      await call('/api/v2/groups'),
      await call('/api/v2/groups'),
      await call('/api/v2/groups'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers[0].headers.get('x-rate-limit')).toBe('2');
    expect(answers[0].headers.get('ratelimit-remaining')).toBe('1');
    expect(Number(answers[2].headers.get('retry-after'))).toBeGreaterThan(0);
    expect(answers[2].json).toBe('Number of allowed API requests per minute exceeded');
  });

  it('deletes tickets (then 404) and refuses to change closed ones', async () => {
    expect((await call('/api/v2/tickets/30', { method: 'DELETE' })).status).toBe(204);
    expect((await call('/api/v2/tickets/30')).status).toBe(404);
    const closed = await call('/api/v2/tickets/7', {
      method: 'PUT',
      body: { ticket: { subject: 'reopen?' } },
    });
    expect(closed.status).toBe(422);
  });
});

function jsonType(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}
