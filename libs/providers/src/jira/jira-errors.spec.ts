import {
  MissingQueryError,
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
  UnsupportedFilterError,
  UnsupportedMethodError,
} from '../engine/errors';
import { jiraHarness } from './jira.test-support';

describe('Jira definition: errors through the engine', () => {
  const h = jiraHarness(2);
  beforeAll(() => h.emulator.start());
  afterAll(() => h.emulator.stop());
  afterEach(() => h.emulator.clearFaults());

  it('surfaces bad credentials as ProviderAuthError with Jira’s message', async () => {
    const wrong = h.connection({ email: 'ada.admin@acme.example', api_token: 'revoked' });
    const failure = h.client.list(wrong, 'tickets', { limit: 1 });
    await expect(failure).rejects.toBeInstanceOf(ProviderAuthError);
    await expect(failure).rejects.toMatchObject({
      status: 401,
      details: { providerStatus: 401, message: 'Client must be authenticated to access this resource.' },
    });
  });

  it('surfaces a missing issue, comment, user and project as ProviderNotFoundError', async () => {
    const cases: [string, string, Record<string, unknown>][] = [
      ['tickets', '99999', {}],
      ['comments', '99999', { ticket_id: h.issueId('SUP-1') }],
      ['users', 'nobody', {}],
      ['workspaces', 'NOPE', {}],
      ['teams', 'no-such-group', {}],
    ];
    for (const [resource, id, query] of cases) {
      await expect(h.client.get(h.connection(), resource, id, { query })).rejects.toBeInstanceOf(
        ProviderNotFoundError,
      );
    }
    await expect(h.client.get(h.connection(), 'tickets', '99999')).rejects.toMatchObject({
      details: { message: 'Issue does not exist or you do not have permission to see it.' },
    });
  });

  it('surfaces Jira’s field errors as ProviderValidationError, every field named', async () => {
    const failure = h.client.create(h.connection(), 'tickets', {
      name: 'x',
      tags: [{ id: 'two words' }],
      priority: { id: '42' },
    });
    await expect(failure).rejects.toBeInstanceOf(ProviderValidationError);
    await expect(failure).rejects.toMatchObject({
      status: 422,
      details: {
        providerStatus: 400,
        message:
          "priority: The priority selected is invalid.; labels: The label 'two words' contains spaces which is invalid.",
        body: { errorMessages: [], errors: { labels: expect.any(String), priority: expect.any(String) } },
      },
    });
  });

  it('refuses a status change (Jira moves issues by workflow transition) instead of ignoring it', async () => {
    const failure = h.client.update(h.connection(), 'tickets', h.issueId('SUP-4'), {
      status: { id: '10001' },
    });
    await expect(failure).rejects.toMatchObject({
      details: {
        message: "status: Field 'status' cannot be set. It is not on the appropriate screen, or unknown.",
      },
    });
    expect((await h.client.get(h.connection(), 'tickets', h.issueId('SUP-4'))).status).toMatchObject({
      id: '10004',
    });
  });

  it('refuses a comment without a body, and raw JQL Jira cannot parse', async () => {
    await expect(
      h.client.create(h.connection(), 'comments', { ticket: { id: h.issueId('SUP-1') } }),
    ).rejects.toMatchObject({ details: { message: 'comment: Comment body can not be empty!' } });
    await expect(
      h.client.list(h.connection(), 'tickets', { query: { remote_query: { jql: 'project = NOPE' } } }),
    ).rejects.toMatchObject({
      details: { message: "The value 'NOPE' does not exist for the field 'project'." },
    });
  });

  it('retries rate-limited reads and surfaces a persistent 429 with Jira’s headers', async () => {
    h.emulator.injectRateLimit(2, 1, /search\/jql/);
    const page = await h.client.list(h.connection(), 'tickets', { limit: 5 });
    expect(page.result).toHaveLength(5);

    h.emulator.injectRateLimit(3, 7, /search\/jql/);
    const failure = h.client.list(h.connection(), 'tickets', { limit: 5 });
    await expect(failure).rejects.toBeInstanceOf(ProviderRateLimitError);
    await expect(failure).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 7,
      limit: 100,
      remaining: 0,
    });
    const error = await h.client.list(h.connection(), 'tickets', { limit: 5 }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(Error); // the faults are used up: the next call succeeds
  });

  it('reads X-RateLimit-Reset as an ISO instant', async () => {
    h.emulator.injectRateLimit(3, 90);
    const error = await h.client.get(h.connection(), 'ticket_status', '3').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRateLimitError);
    const resetAt = (error as ProviderRateLimitError).resetAt;
    expect(resetAt).toBeInstanceOf(Date);
    expect(Math.abs((resetAt as Date).getTime() - (Date.now() + 90_000))).toBeLessThan(61_000);
    h.emulator.clearFaults();
  });

  it('does not retry a rate-limited write', async () => {
    const before = h.emulator.requests.length;
    h.emulator.injectRateLimit(1, 1, /POST/);
    await expect(h.client.create(h.connection(), 'tickets', { name: 'once' })).rejects.toBeInstanceOf(
      ProviderRateLimitError,
    );
    const posts = h.emulator.requests
      .slice(before)
      .filter((r) => r.method === 'POST' && r.url === '/rest/api/3/issue');
    expect(posts).toHaveLength(1);
  });

  it('asks for the ticket where Jira’s paths need it, and refuses filters and methods Jira lacks', async () => {
    await expect(h.client.list(h.connection(), 'comments')).rejects.toBeInstanceOf(MissingQueryError);
    await expect(h.client.get(h.connection(), 'comments', '10000')).rejects.toBeInstanceOf(MissingQueryError);
    await expect(
      h.client.list(h.connection(), 'users', { query: { updated_at: { gt: '2026-01-01T00:00:00Z' } } }),
    ).rejects.toBeInstanceOf(UnsupportedFilterError);
    await expect(h.client.create(h.connection(), 'workspaces', { name: 'X' })).rejects.toBeInstanceOf(
      UnsupportedMethodError,
    );
  });
});
