import { FreshserviceEmulator } from './freshservice-emulator';
import { FRESHSERVICE_SEED_API_KEY } from './seed';

const emulator = new FreshserviceEmulator();
const auth = (key = FRESHSERVICE_SEED_API_KEY) => `Basic ${Buffer.from(`${key}:X`).toString('base64')}`;
const call = async (path: string, init: RequestInit = {}, key?: string) => {
  const response = await fetch(`${emulator.url}${path}`, {
    ...init,
    headers: { authorization: auth(key), 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : text,
  };
};

describe('Freshservice emulator', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('wraps records, pages with Link and the rate-limit headers, and keeps to the last 30 days by default', async () => {
    const recent = await call('/api/v2/tickets');
    // Seeded in May 2026: none were created in the last 30 days of the emulator's clock.
    expect(recent.body).toEqual({ tickets: [] });
    const page = await call('/api/v2/tickets?updated_since=2000-01-01T00:00:00Z&order_type=asc&per_page=3');
    expect((page.body as { tickets: { id: number }[] }).tickets.map((t) => t.id)).toEqual([1, 2, 3]);
    expect(page.headers.get('link')).toMatch(/page=2.*rel="next"/);
    expect(page.headers.get('x-ratelimit-total')).toBe('400');
    expect(await call('/api/v2/groups/5000001')).toMatchObject({
      status: 200,
      body: { group: { name: 'Service Desk' } },
    });
    const fields = (await call('/api/v2/ticket_form_fields')).body as {
      ticket_fields: { field_type: string }[];
    };
    expect(fields.ticket_fields.map((f) => f.field_type)).toContain('default_status');
  });

  it('answers as Freshservice does: 401 and 400 bodies, an empty 404, a refused page size', async () => {
    expect(await call('/api/v2/tickets/1', {}, 'nope')).toMatchObject({
      status: 401,
      body: { code: 'invalid_credentials' },
    });
    expect(await call('/api/v2/tickets/999')).toMatchObject({ status: 404, body: '' });
    expect(await call('/api/v2/tickets?per_page=101')).toMatchObject({
      status: 400,
      body: { description: 'Validation failed', errors: [{ field: 'per_page' }] },
    });
    const refused = await call('/api/v2/tickets', {
      method: 'POST',
      body: JSON.stringify({ subject: 'x', description: 'y', email: 'a@b.test', colour: 'red' }),
    });
    expect(refused).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'colour', code: 'invalid_field' }] },
    });
    const unknownType = await call('/api/v2/tickets/1', {
      method: 'PUT',
      body: JSON.stringify({ type: 'Bug' }),
    });
    expect(unknownType).toMatchObject({ status: 400, body: { errors: [{ field: 'type' }] } });
  });

  it('creates a requester from an unknown e-mail and deactivates requesters instead of deleting them', async () => {
    const created = await call('/api/v2/tickets', {
      method: 'POST',
      body: JSON.stringify({ subject: 'Hi', description: 'There', email: 'new.person@acme.test' }),
    });
    const { ticket } = created.body as { ticket: { requester_id: number } };
    expect(created.status).toBe(201);
    const requester = await call(`/api/v2/requesters/${ticket.requester_id}`);
    expect(requester.body).toMatchObject({
      requester: { primary_email: 'new.person@acme.test', active: true },
    });
    expect((await call(`/api/v2/requesters/${ticket.requester_id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/api/v2/requesters/${ticket.requester_id}`)).body).toMatchObject({
      requester: { active: false },
    });
  });

  it('answers its own 429 with Retry-After', async () => {
    emulator.injectFault(emulator.rateLimitFault(7));
    const limited = await call('/api/v2/agents');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
  });
});
