import { automationPayload, modifiedOn, triggeredEvent } from './automation';
import { FreshdeskEmulator } from './freshdesk-emulator';
import { FRESHDESK_SEED_AGENT_API_KEY, FRESHDESK_SEED_API_KEY } from './seed';

/** The emulator's clock: 2026-11-05, so of the seeded tickets only #10 (October) and #11 (November) are recent. */
const emulator = new FreshdeskEmulator({ now: () => new Date('2026-11-05T12:00:00Z') });
const basic = (key: string) => `Basic ${Buffer.from(`${key}:X`).toString('base64')}`;
const call = (path: string, init: RequestInit = {}, key = FRESHDESK_SEED_API_KEY) =>
  fetch(`${emulator.url}${path}`, {
    ...init,
    headers: { authorization: basic(key), 'content-type': 'application/json', ...(init.headers ?? {}) },
  });

describe('FreshdeskEmulator (Freshdesk API v2 on the wire)', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('pages with page/per_page and a Link to the next page, and refuses more than 100 per page', async () => {
    const first = await call('/api/v2/contacts?per_page=5');
    expect(first.headers.get('link')).toBe(`<${emulator.url}/api/v2/contacts?per_page=5&page=2>; rel="next"`);
    expect(((await first.json()) as unknown[]).length).toBe(5);
    const last = await call('/api/v2/contacts?per_page=5&page=2');
    expect([last.headers.get('link'), ((await last.json()) as unknown[]).length]).toEqual([null, 3]);
    const oversize = await call('/api/v2/contacts?per_page=101');
    expect([oversize.status, await oversize.json()]).toEqual([
      400,
      {
        description: 'Validation failed',
        errors: [
          {
            field: 'per_page',
            message: 'It should be a Positive Integer less than or equal to 100',
            code: 'invalid_value',
          },
        ],
      },
    ]);
  });

  it('lists only tickets created in the last 30 days unless updated_since says otherwise; trash and spam apart', async () => {
    const ids = async (query: string) =>
      ((await (await call(`/api/v2/tickets${query}`)).json()) as { id: number }[]).map((t) => t.id);
    expect(await ids('')).toEqual([11, 10]); // newest first by default
    expect(await ids('?updated_since=2026-01-01T00:00:00Z&order_type=asc&per_page=100')).toEqual([
      1, 12, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
    expect(await ids('?filter=deleted&updated_since=2000-01-01T00:00:00Z')).toEqual([13]);
    const listed = (await (await call('/api/v2/tickets')).json()) as Record<string, unknown>[];
    expect(Object.keys(listed[0])).not.toContain('description');
    const withStats = (await (await call('/api/v2/tickets?include=description,stats')).json()) as Record<
      string,
      unknown
    >[];
    expect(Object.keys(withStats[0])).toEqual(
      expect.arrayContaining(['description', 'description_text', 'stats']),
    );
    const trashed = await call('/api/v2/tickets/13');
    expect([trashed.status, ((await trashed.json()) as { deleted: boolean }).deleted]).toEqual([200, true]);
  });

  it("answers with Freshdesk's bodies: 401, 403, 404 (empty), 400 validation, 409, malformed JSON", async () => {
    const noAuth = await fetch(`${emulator.url}/api/v2/tickets/1`);
    expect([noAuth.status, await noAuth.json()]).toEqual([
      401,
      { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' },
    ]);
    const denied = await call(
      '/api/v2/groups',
      { method: 'POST', body: '{"name":"x"}' },
      FRESHDESK_SEED_AGENT_API_KEY,
    );
    expect([denied.status, await denied.json()]).toEqual([
      403,
      { code: 'access_denied', message: 'You are not authorized to perform this action.' },
    ]);
    const missing = await call('/api/v2/tickets/999');
    expect([missing.status, await missing.text()]).toEqual([404, '']);
    const unknownField = await call('/api/v2/companies', {
      method: 'POST',
      body: '{"name":"A","colour":"red"}',
    });
    expect([unknownField.status, await unknownField.json()]).toEqual([
      400,
      {
        description: 'Validation failed',
        errors: [{ field: 'colour', message: 'Unexpected/invalid field in request', code: 'invalid_field' }],
      },
    ]);
    const duplicate = await call('/api/v2/companies', { method: 'POST', body: '{"name":"Initech"}' });
    expect([duplicate.status, await duplicate.json()]).toEqual([
      409,
      {
        description: 'Validation failed',
        errors: [{ field: 'name', message: 'It should be a unique value', code: 'duplicate_value' }],
      },
    ]);
    const malformed = await call('/api/v2/companies', { method: 'POST', body: '{"name":' });
    expect([malformed.status, await malformed.json()]).toEqual([
      400,
      { code: 'invalid_json', message: 'Request body has invalid json format' },
    ]);
  });

  it('sends its rate-limit headers on every answer and a 429 with Retry-After past the limit', async () => {
    const ok = await call('/api/v2/agents');
    expect(ok.headers.get('x-ratelimit-total')).toBe('400');
    expect(Number(ok.headers.get('x-ratelimit-remaining'))).toBeLessThan(400);
    expect(ok.headers.get('x-ratelimit-used-currentrequest')).toBe('1');
    emulator.enableRateLimit(1);
    await call('/api/v2/agents');
    const limited = await call('/api/v2/agents');
    expect([limited.status, Number(limited.headers.get('retry-after')) > 0, await limited.json()]).toEqual([
      429,
      true,
      { message: 'You have exceeded the limit of requests per hour' },
    ]);
    emulator.enableRateLimit(10_000);
  });

  it('renders the automation-rule bodies placeholder by placeholder', () => {
    expect(modifiedOn('2026-12-01T09:05:03Z')).toBe('2026-12-01 09:05:03 UTC');
    expect(triggeredEvent({ status: 2, responder_id: null }, { status: 5, responder_id: 7 })).toBe(
      '{status:{from:2,to:5},responder_id:{from:,to:7}}',
    );
    expect(triggeredEvent({ subject: 'a' }, { subject: 'b' })).toBe('');
    expect(
      automationPayload('ticket_updated', { id: 7, updated_at: '2026-12-01T09:05:03Z' }, '{x:{from:1,to:2}}'),
    ).toEqual({
      freshdesk_webhook: {
        event: 'ticket_updated',
        ticket_id: '7',
        modified_on: '2026-12-01 09:05:03 UTC',
        triggered_event: '{x:{from:1,to:2}}',
      },
    });
  });
});
