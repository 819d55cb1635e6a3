import { GORGIAS_SECRET_HEADER, GorgiasEmulator } from './gorgias-emulator';
import { GORGIAS_SEED_API_KEY, GORGIAS_SEED_EMAIL } from './seed';

const emulator = new GorgiasEmulator();
const basic = (key = GORGIAS_SEED_API_KEY) =>
  `Basic ${Buffer.from(`${GORGIAS_SEED_EMAIL}:${key}`).toString('base64')}`;
const call = (path: string, init: RequestInit & { key?: string } = {}) =>
  fetch(`${emulator.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: basic(init.key) },
  });

/** A JSON answer, typed loosely: these tests read the provider's own shapes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (response: Response): Promise<any> => response.json();

describe('Gorgias emulator', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('pages with cursor and limit in {data, meta: {prev_cursor, next_cursor}, object, uri}', async () => {
    const first = await call('/api/tickets?limit=4');
    expect(first.headers.get('x-gorgias-account-api-call-limit')).toMatch(/^\d+\/40$/);
    const page = await json(first);
    expect([page.object, page.data.length, page.meta.prev_cursor, typeof page.meta.next_cursor]).toEqual([
      'list',
      4,
      null,
      'string',
    ]);
    const last = await json(await call(`/api/tickets?limit=4&cursor=${page.meta.next_cursor}`));
    expect([last.data.map((t: { id: number }) => t.id), last.meta.next_cursor]).toEqual([[105, 106], null]);
    const refused = await call('/api/tickets?cursor=not-a-cursor');
    expect(refused.status).toBe(400);
  });

  it("answers Gorgias's error bodies: 401, 404, 400 with the field, 409 on a used e-mail", async () => {
    const denied = await call('/api/users', { key: 'nope' });
    expect([denied.status, await denied.json()]).toEqual([401, { error: { msg: 'Unauthorized' } }]);
    expect((await call('/api/tickets/9999')).status).toBe(404);
    const fields = await call('/api/custom-fields');
    expect([fields.status, (await json(fields)).error.data]).toEqual([
      400,
      { object_type: ['Missing data for required field.'] },
    ]);
    const used = await call('/api/customers', {
      method: 'POST',
      body: JSON.stringify({ email: 'tom@example.test' }),
    });
    expect([used.status, (await json(used)).error.data]).toEqual([
      409,
      { email: ['This email is already in use.'] },
    ]);
  });

  it('sends the integration body with the secret header for ticket and message writes, nothing for deletes', async () => {
    emulator.subscribeWebhooks('http://127.0.0.1:9/hook', 's3cret');
    await call('/api/tickets/101/messages', {
      method: 'POST',
      body: JSON.stringify({
        channel: 'internal-note',
        via: 'api',
        from_agent: true,
        sender: { id: 1 },
        body_text: 'x',
      }),
    });
    await call('/api/tickets/106', { method: 'DELETE' });
    await emulator.webhooks.flush();
    expect(
      emulator.webhooks.deliveries.map((d) => [d.headers[GORGIAS_SECRET_HEADER], JSON.parse(d.body).event]),
    ).toEqual([['s3cret', 'ticket-message-created']]);
  });
});
