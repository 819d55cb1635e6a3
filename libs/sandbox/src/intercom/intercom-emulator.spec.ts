import { IntercomEmulator } from './intercom-emulator';
import { INTERCOM_SEED_TOKEN } from './seed';

/** What the assertions read of Intercom's answers (each is checked, not assumed). */
interface List {
  type: string;
  total_count: number;
  tickets: { id: string }[];
  data: { companies: { data: unknown[] } }[];
  admins: unknown[];
  pages: { next?: { starting_after: string } | null };
}
interface ErrorList {
  type: string;
  request_id: string;
  errors: { code: string; message: string }[];
}
interface Ticket {
  ticket_state: unknown;
  ticket_type: { ticket_type_attributes: { data: { name: string }[] } };
  contacts: unknown;
  ticket_parts: { ticket_parts: unknown[] };
}

/** The emulator at the HTTP level: Intercom's paths, envelopes, paging fields, errors and headers. */
describe('IntercomEmulator', () => {
  const emulator = new IntercomEmulator();
  const call = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
    fetch(`${emulator.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${init.token ?? INTERCOM_SEED_TOKEN}`,
        'content-type': 'application/json',
        'intercom-version': '2.16',
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const json = async <T = List & ErrorList>(response: Response) =>
    [response.status, (await response.json()) as T] as const;

  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('pages the ticket search by `pagination` in the body and answers a ticket.list', async () => {
    const query = { field: 'created_at', operator: '>', value: 0 };
    const [status, first] = await json(
      await call('/tickets/search', { method: 'POST', body: { query, pagination: { per_page: 5 } } }),
    );
    expect(status).toBe(200);
    expect(first).toMatchObject({
      type: 'ticket.list',
      total_count: 14,
      pages: { type: 'pages', page: 1, per_page: 5, total_pages: 3 },
    });
    expect(first.tickets.map((t) => t.id)).toEqual(['631', '632', '633', '634', '635']);
    const cursor = first.pages.next!.starting_after;
    const [, second] = await json(
      await call('/tickets/search', {
        method: 'POST',
        body: { query, pagination: { per_page: 5, starting_after: cursor } },
      }),
    );
    expect(second.tickets[0].id).toBe('636');
    const [, last] = await json(
      await call('/tickets/search', {
        method: 'POST',
        body: { query, pagination: { per_page: 5, starting_after: second.pages.next!.starting_after } },
      }),
    );
    expect([last.tickets.length, last.pages.next]).toEqual([4, undefined]);
    const [refused, body] = await json(
      await call('/tickets/search', { method: 'POST', body: { pagination: { per_page: 5 } } }),
    );
    expect([refused, body.type, body.errors[0].code]).toEqual([400, 'error.list', 'parameter_invalid']);
  });

  it('serves a ticket joined: state, type with attributes, contacts, parts', async () => {
    const [status, ticket] = await json<Ticket>(await call('/tickets/631'));
    expect(status).toBe(200);
    expect(Object.keys(ticket).slice(0, 12)).toEqual([
      'type',
      'id',
      'ticket_id',
      'ticket_attributes',
      'ticket_state',
      'ticket_type',
      'contacts',
      'admin_assignee_id',
      'team_assignee_id',
      'created_at',
      'updated_at',
      'ticket_parts',
    ]);
    expect(ticket.ticket_state).toEqual({
      type: 'ticket_state',
      id: '8322',
      category: 'in_progress',
      internal_label: 'In progress',
      external_label: 'In progress',
    });
    expect(ticket.ticket_type.ticket_type_attributes.data[0].name).toBe('_default_title_');
    expect(ticket.contacts).toEqual({
      type: 'contact.list',
      contacts: [{ type: 'contact', id: '6762f0d01bb69f9f2193bb01', external_id: 'crm-bb01' }],
    });
    expect(ticket.ticket_parts.ticket_parts[0]).not.toHaveProperty('ticket_id');
  });

  it('lists contacts by cursor and companies by page, with Intercom’s envelopes', async () => {
    const [, contacts] = await json(await call('/contacts?per_page=5'));
    expect(contacts).toMatchObject({
      type: 'list',
      total_count: 12,
      pages: { next: { per_page: 5 }, per_page: 5, total_pages: 3 },
    });
    expect(contacts.data[0].companies.data[0]).toEqual({
      type: 'company',
      id: '6762f07a1bb69f9f2193ba01',
      url: '/companies/6762f07a1bb69f9f2193ba01',
    });
    const [, page3] = await json(await call('/companies?per_page=3&page=3'));
    expect([page3.data.length, page3.pages.next, page3.total_count]).toEqual([1, null, 7]);
    const [, admins] = await json(await call('/admins'));
    expect([admins.type, admins.admins.length]).toEqual(['admin.list', 6]);
  });

  it('answers error.list bodies: 401, 404 with the object’s code, 400 for a refused ticket', async () => {
    const [s401, b401] = await json(await call('/tickets/631', { token: 'nope' }));
    expect([s401, b401.errors]).toEqual([401, [{ code: 'unauthorized', message: 'Access Token Invalid' }]]);
    expect(b401.request_id).toMatch(/^[0-9a-f-]{36}$/);
    const [s404, b404] = await json(await call('/tickets/1'));
    expect([s404, b404.errors]).toEqual([404, [{ code: 'ticket_not_found', message: 'Ticket not found' }]]);
    const [, company] = await json(await call('/companies/0000'));
    expect(company.errors[0].code).toBe('company_not_found');
    const [s400, b400] = await json(
      await call('/tickets', {
        method: 'POST',
        body: { ticket_type_id: '67', contacts: [{ id: '6762f0d01bb69f9f2193bb01' }], ticket_attributes: {} },
      }),
    );
    expect([s400, b400.errors[0]]).toEqual([
      400,
      { code: 'parameter_invalid', message: 'Ticket attribute _default_title_ is required' },
    ]);
  });

  it('sends X-RateLimit-* on every answer and its 429 past the limit', async () => {
    const ok = await call('/teams');
    expect(Number(ok.headers.get('x-ratelimit-limit'))).toBe(10000);
    expect(Number(ok.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    emulator.enableRateLimit(1);
    await call('/teams');
    const limited = await call('/teams');
    const [status, body] = await json(limited);
    expect([status, limited.headers.get('x-ratelimit-remaining'), body.errors[0].code]).toEqual([
      429,
      '0',
      'rate_limit_exceeded',
    ]);
  });
});
