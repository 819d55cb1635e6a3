import { zendeskRateLimitFault } from '@app/sandbox/zendesk';
import {
  MissingQueryError,
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
  UnsupportedMethodError,
} from '../engine/errors';
import { expectValid, walk, zendeskHarness } from './zendesk.test-support';

const { emulator, client, connection } = zendeskHarness();

describe('Zendesk definition: errors, rate limits and filters', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());
  afterEach(() => emulator.clearFaults());

  it('surfaces refused credentials as ProviderAuthError with Zendesk message', async () => {
    const bad = connection({ email: 'admin@acme-support.test', api_token: 'revoked' });
    const error = await client.list(bad, 'tickets', { limit: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderAuthError);
    expect((error as ProviderAuthError).details).toMatchObject({
      providerStatus: 401,
      message: "Couldn't authenticate you",
    });
  });

  it('surfaces missing records as ProviderNotFoundError', async () => {
    for (const [resource, id] of [
      ['tickets', '999999'],
      ['attachments', '1'],
      ['accounts', '77'],
      ['ticket_status', '999'],
    ]) {
      const error = await client.get(connection(), resource, id).catch((e: unknown) => e);
      expect([resource, error]).toEqual([resource, expect.any(ProviderNotFoundError)]);
      expect((error as ProviderNotFoundError).message).toContain('RecordNotFound: Not found');
    }
  });

  it('surfaces RecordInvalid as ProviderValidationError with the attribute details', async () => {
    const noDescription = await client
      .create(connection(), 'tickets', { name: 'No body' })
      .catch((e: unknown) => e);
    expect(noDescription).toBeInstanceOf(ProviderValidationError);
    expect((noDescription as ProviderValidationError).message).toContain('Description: cannot be blank');

    const badPriority = await client
      .update(connection(), 'tickets', '2', { priority: { id: 'asap' } })
      .catch((e: unknown) => e);
    expect(badPriority).toBeInstanceOf(ProviderValidationError);
    expect((badPriority as ProviderValidationError).details).toMatchObject({
      providerStatus: 422,
      body: {
        error: 'RecordInvalid',
        details: { priority: [expect.objectContaining({ error: 'InvalidValue' })] },
      },
    });

    const taken = await client
      .create(connection(), 'contacts', { name: 'Copy', emails: [{ email: 'frank@customer0.test' }] })
      .catch((e: unknown) => e);
    expect((taken as ProviderValidationError).message).toContain('already being used');
  });

  it('retries a rate-limited GET, then surfaces the 429 with Retry-After when limits persist', async () => {
    emulator.injectFault(zendeskRateLimitFault(1, 2, /GET \/api\/v2\/groups/));
    const before = emulator.requests.length;
    const page = await client.list(connection(), 'teams', { limit: 10 });
    expect(page.result.length).toBeGreaterThan(0);
    expect(emulator.requests.length - before).toBe(3);

    emulator.injectFault(zendeskRateLimitFault(1, 3, /GET \/api\/v2\/groups/));
    const error = await client.list(connection(), 'teams', { limit: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRateLimitError);
    expect(error).toMatchObject({ retryAfterSeconds: 1, limit: 700, remaining: 0 });
  });

  it('does not retry a rate-limited write', async () => {
    emulator.injectFault(zendeskRateLimitFault(30, 1, /POST \/api\/v2\/groups/));
    const before = emulator.requests.length;
    const error = await client.create(connection(), 'teams', { name: 'Once only' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryAfterSeconds: 30 });
    expect(emulator.requests.length - before).toBe(1);
  });

  it('refuses calls the definition cannot serve', async () => {
    await expect(client.list(connection(), 'comments', { limit: 5 })).rejects.toBeInstanceOf(
      MissingQueryError,
    );
    await expect(client.update(connection(), 'comments', '1', { body: 'x' })).rejects.toBeInstanceOf(
      UnsupportedMethodError,
    );
    await expect(client.create(connection(), 'tags', { name: 'x' })).rejects.toBeInstanceOf(
      UnsupportedMethodError,
    );
    await expect(client.delete(connection(), 'ticket_status', '101')).rejects.toBeInstanceOf(
      UnsupportedMethodError,
    );
  });

  it('honours created_at / updated_at windows through the search export, across pages', async () => {
    const from = '2026-01-06T00:00:00Z';
    const to = '2026-01-08T00:00:00Z';
    const query = { updated_at: { gte: from }, created_at: { lt: to } };
    const { records, pages } = await walk(client, connection(), 'tickets', 3, query);
    const expected = [...emulator.state.tickets.values()]
      .filter(
        (t) => Date.parse(t.updated_at) >= Date.parse(from) && Date.parse(t.created_at) < Date.parse(to),
      )
      .map((t) => String(t.id));
    expect(expected.length).toBeGreaterThan(6);
    expect(records.map((r) => r.id).sort()).toEqual(expected.sort());
    expect(pages).toBeGreaterThanOrEqual(3);
    records.forEach((r) => expectValid('tickets', r));
    const sent = emulator.requests.filter((r) => r.url.startsWith('/api/v2/search/export')).at(-1);
    expect(new URL(sent!.url, emulator.url).searchParams.get('query')).toBe(
      'type:ticket updated>=2026-01-06T00:00:00Z created<2026-01-08T00:00:00Z',
    );
  });

  it('maps the priority and type lists Zendesk defines, with the categories tickets carry', async () => {
    const priorities = await client.list(connection(), 'ticket_priorities');
    expect(priorities.result.map((p) => [p.id, p.name])).toEqual([
      ['low', 'Low'],
      ['normal', 'Normal'],
      ['high', 'High'],
      ['urgent', 'Urgent'],
    ]);
    const types = await client.list(connection(), 'ticket_types');
    expect(types.result.map((t) => t.id)).toEqual(['question', 'incident', 'problem', 'task']);
    const ticket = await client.get(connection(), 'tickets', '2');
    expect(ticket.priority).toEqual({ id: 'low', name: 'Low', category: 'low' });
  });
});
