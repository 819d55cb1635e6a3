import { HelpScoutEmulator } from './help-scout-emulator';
import { HELP_SCOUT_SEED_TOKEN } from './seed';

const emulator = new HelpScoutEmulator();
const call = (path: string, init: RequestInit = {}, token = HELP_SCOUT_SEED_TOKEN) =>
  fetch(`${emulator.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });

/** The fields of Help Scout's answers these tests read. */
interface Answer {
  _embedded: Record<string, { id: number; status?: string; type?: string }[]> & {
    errors?: { path: string; message: string }[];
  };
  _links: { next?: { href: string } };
  page: { size: number; totalElements: number; totalPages: number; number: number };
  message?: string;
  error?: string;
}
const json = async (response: Response) => (await response.json()) as Answer;

describe('HelpScoutEmulator (Mailbox API 2.0 on the wire)', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('lists active conversations by default in fixed pages of 25 with HAL links; status=all lists every one', async () => {
    const active = await json(await call('/v2/conversations'));
    expect(active._embedded.conversations.every((c) => c.status === 'active')).toBe(true);
    const first = await json(await call('/v2/conversations?status=all&size=2'));
    expect([first._embedded.conversations.length, first.page]).toEqual([
      25,
      { size: 25, totalElements: 28, totalPages: 2, number: 1 },
    ]);
    const next = new URL(first._links.next!.href);
    expect([next.pathname, next.searchParams.get('page'), next.searchParams.get('status')]).toEqual([
      '/v2/conversations',
      '2',
      'all',
    ]);
    const last = await json(await call(`${next.pathname}${next.search}`));
    expect([last._embedded.conversations.length, last._links.next]).toEqual([3, undefined]);
  });

  it('creates with 201, no body and the id in Resource-ID; patches take one operation and answer 204', async () => {
    const created = await call('/v2/conversations', {
      method: 'POST',
      body: JSON.stringify({
        subject: 'Wire test',
        customer: { id: 300101 },
        mailboxId: 148217,
        type: 'email',
        status: 'active',
        threads: [{ type: 'customer', customer: { id: 300101 }, text: 'Hello' }],
      }),
    });
    const id = created.headers.get('resource-id');
    expect([created.status, await created.text(), id]).toEqual([201, '', expect.stringMatching(/^\d+$/)]);
    expect(created.headers.get('location')).toBe(`https://api.helpscout.net/v2/conversations/${id}`);
    const patched = await call(`/v2/conversations/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ op: 'replace', path: '/status', value: 'closed' }),
    });
    expect(patched.status).toBe(204);
    const many = await call(`/v2/conversations/${id}`, { method: 'PATCH', body: JSON.stringify([]) });
    const refusal = await json(many);
    expect([many.status, many.headers.get('content-type'), refusal.message]).toEqual([
      400,
      expect.stringContaining('application/vnd.error+json'),
      'Bad request',
    ]);
  });

  it('answers a bad token with an OAuth error and a missing record with vnd.error', async () => {
    const denied = await call('/v2/users', {}, 'nope');
    expect([denied.status, (await json(denied)).error]).toEqual([401, 'invalid_token']);
    const missing = await call('/v2/customers/1');
    expect([missing.status, (await json(missing)).message]).toEqual([404, 'Resource not found']);
  });

  it('sends per-minute rate-limit headers, and X-RateLimit-Retry-After with its 429', async () => {
    const ok = await call('/v2/tags');
    expect(ok.headers.get('x-ratelimit-limit-minute')).toBe('400');
    emulator.injectFault(emulator.rateLimitFault(1, 1));
    const limited = await call('/v2/tags');
    expect([limited.status, limited.headers.get('x-ratelimit-retry-after')]).toEqual([429, '1']);
  });
});
