import {
  MissingQueryError,
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
  UnsupportedFilterError,
  UnsupportedMethodError,
} from '../engine/errors';
import { githubHarness } from './github-test-kit';

describe('GitHub definition × emulator: failures and filters', () => {
  const { emulator, client, connection, listAll } = githubHarness(2);
  const issueRequests = () =>
    emulator.requests.filter((r) => r.url.startsWith('/repos/octo-org/tracker/issues'));

  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it('surfaces bad credentials as ProviderAuthError with GitHub’s message', async () => {
    const failure = client.list(connection({ token: 'ghp_revoked' }), 'tickets');
    await expect(failure).rejects.toBeInstanceOf(ProviderAuthError);
    await expect(failure).rejects.toMatchObject({
      status: 401,
      details: { providerStatus: 401, message: 'Bad credentials' },
    });
  });

  it('surfaces unknown records as ProviderNotFoundError, and a pull request is not a ticket', async () => {
    await expect(client.get(connection(), 'tickets', '999')).rejects.toBeInstanceOf(ProviderNotFoundError);
    await expect(client.get(connection(), 'users', '424242')).rejects.toBeInstanceOf(ProviderNotFoundError);
    await expect(client.get(connection(), 'tags', 'no such label')).rejects.toBeInstanceOf(
      ProviderNotFoundError,
    );
    // #5 is a pull request: GitHub serves it from the issues endpoint, the definition's get response
    // refuses it, and the engine reports an empty get response as not found.
    await expect(client.get(connection(), 'tickets', '5')).rejects.toBeInstanceOf(ProviderNotFoundError);
    expect((await client.get(connection(), 'tickets', '6')).id).toBe('6');
  });

  it('reports an issue deleted in the web UI with GitHub’s 410', async () => {
    emulator.deleteIssue(6);
    await expect(client.get(connection(), 'tickets', '6')).rejects.toMatchObject({
      details: { providerStatus: 410, message: 'This issue was deleted' },
    });
  });

  it('surfaces 422 validation errors with GitHub’s field errors in the message', async () => {
    const badAssignee = client.create(connection(), 'tickets', { name: 'x', assignees: [{ id: 'ghost' }] });
    await expect(badAssignee).rejects.toBeInstanceOf(ProviderValidationError);
    await expect(badAssignee).rejects.toMatchObject({
      status: 422,
      details: { message: 'Validation Failed: Issue assignees invalid' },
    });
    await expect(client.create(connection(), 'tags', { name: 'bug' })).rejects.toMatchObject({
      details: { message: 'Validation Failed: Label name already_exists' },
    });
    await expect(client.create(connection(), 'tickets', { description: 'no title' })).rejects.toMatchObject({
      details: { message: 'Invalid request.\n\n"title" wasn\'t supplied.' },
    });
  });

  it('retries a secondary rate limit on GETs, then surfaces it with retry-after and the limit headers', async () => {
    emulator.secondaryRateLimit(2, 1);
    expect((await client.get(connection(), 'tickets', '1')).id).toBe('1');
    expect(issueRequests()).toHaveLength(3);

    emulator.reset();
    emulator.secondaryRateLimit(3, 1);
    const failure = client.get(connection(), 'tickets', '1');
    await expect(failure).rejects.toBeInstanceOf(ProviderRateLimitError);
    await expect(failure).rejects.toMatchObject({ status: 429, retryAfterSeconds: 1, limit: 5000 });
    expect(issueRequests()).toHaveLength(3); // the first try and maxRetries = 2 retries

    // GitHub also answers secondary limits with 403 + retry-after: a rate limit, not an auth failure.
    emulator.reset();
    emulator.secondaryRateLimit(1, 1, 403);
    expect((await client.get(connection(), 'tickets', '1')).id).toBe('1');
  });

  it('treats GitHub’s 403 with remaining 0 as a rate limit, reset from x-ratelimit-reset', async () => {
    emulator.exhaustRateLimit();
    const failure = client.list(connection(), 'tickets');
    await expect(failure).rejects.toBeInstanceOf(ProviderRateLimitError);
    const error = (await failure.catch((e: unknown) => e)) as ProviderRateLimitError;
    expect(error.remaining).toBe(0);
    expect(error.limit).toBe(5000);
    expect(error.resetAt!.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    // An hour's wait is beyond the retry policy: surfaced without retrying.
    expect(error.retryAfterSeconds).toBeGreaterThan(3500);
    expect(issueRequests()).toHaveLength(1);
  });

  it('does not retry writes', async () => {
    emulator.secondaryRateLimit(1, 1);
    await expect(client.create(connection(), 'tickets', { name: 'x' })).rejects.toBeInstanceOf(
      ProviderRateLimitError,
    );
    expect(emulator.state.issues.some((i) => i.title === 'x')).toBe(false);
  });

  it('filters tickets and comments on updated_at with gte (inclusive) and gt (exclusive)', async () => {
    const pivot = emulator.state.issues.find((i) => i.number === 20)!.updated_at;
    const after = (at: string, strict: boolean) =>
      emulator.state.issues.filter(
        (i) => !i.pull_request && (strict ? i.updated_at > at : i.updated_at >= at),
      );
    const gte = await listAll('tickets', { limit: 100, query: { updated_at: { gte: pivot } } });
    expect(gte.records.map((r) => r.id).sort()).toEqual(
      after(pivot, false)
        .map((i) => String(i.number))
        .sort(),
    );
    const gt = await listAll('tickets', { limit: 100, query: { updated_at: { gt: pivot } } });
    expect(gt.records.map((r) => r.id)).not.toContain('20');
    expect(gt.records).toHaveLength(after(pivot, true).length);
    // Sub-second bounds round to GitHub's whole seconds the right way.
    const halfPast = pivot.replace('Z', '.500Z');
    const roundedUp = await listAll('tickets', { limit: 100, query: { updated_at: { gte: halfPast } } });
    expect(roundedUp.records).toHaveLength(after(pivot, true).length);

    const commentPivot = emulator.state.comments[3].updated_at;
    const comments = await listAll('comments', { limit: 100, query: { updated_at: { gte: commentPivot } } });
    expect(comments.records.every((c) => (c.updated_at as string) >= commentPivot)).toBe(true);
    expect(comments.records.length).toBeGreaterThan(0);
  });

  it('refuses filters GitHub cannot apply, and lists that need a ticket without one', async () => {
    await expect(
      client.list(connection(), 'tickets', { query: { created_at: { gte: '2024-01-01T00:00:00Z' } } }),
    ).rejects.toBeInstanceOf(UnsupportedFilterError);
    await expect(client.list(connection(), 'tasks')).rejects.toBeInstanceOf(MissingQueryError);
    await expect(client.delete(connection(), 'tickets', '1')).rejects.toBeInstanceOf(UnsupportedMethodError);
  });

  it('passes remote_query through to GitHub (here: open issues only, one ticket’s comments)', async () => {
    const open = await listAll('tickets', { limit: 100, query: { remote_query: { state: 'open' } } });
    expect(open.records.every((r) => (r.status as { id: string }).id === 'open')).toBe(true);
    expect(open.records).toHaveLength(
      emulator.state.issues.filter((i) => !i.pull_request && i.state === 'open').length,
    );
    const onTwo = await listAll('comments', { limit: 100, query: { ticket_id: '2' } });
    expect(onTwo.records.map((c) => (c.ticket as { id: string }).id)).toEqual(['2', '2', '2']);
  });
});
