import { JIRA_SEED_CREDENTIALS } from './index';
import { jiraEmulatorHarness } from './jira.test-support';

describe('JiraEmulator (REST API v3): auth, errors, rate limits', () => {
  const { harness, call } = jiraEmulatorHarness();

  describe('authentication', () => {
    it.each([
      ['no credentials', ''],
      [
        'a wrong API token',
        `Basic ${Buffer.from(`${JIRA_SEED_CREDENTIALS.email}:wrong`).toString('base64')}`,
      ],
      [
        'an unknown e-mail',
        `Basic ${Buffer.from(`nobody@acme.example:${JIRA_SEED_CREDENTIALS.api_token}`).toString('base64')}`,
      ],
      ['a bearer token', `Bearer ${JIRA_SEED_CREDENTIALS.api_token}`],
    ])('answers %s with Jira Cloud’s plain-text 401', async (_name, authorization) => {
      const answer = await call('GET', '/rest/api/3/issue/SUP-1', undefined, authorization);
      expect(answer.status).toBe(401);
      expect(answer.text).toBe('Client must be authenticated to access this resource.');
      expect(answer.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    });

    it('lets the API token owner in', async () => {
      const me = await call('GET', '/rest/api/3/myself');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ emailAddress: JIRA_SEED_CREDENTIALS.email, accountType: 'atlassian' });
    });
  });

  describe('errors', () => {
    it('answers a missing issue, comment, project, user and attachment with 404 and errorMessages', async () => {
      for (const path of [
        '/rest/api/3/issue/SUP-999',
        '/rest/api/3/issue/SUP-1/comment/1',
        '/rest/api/3/project/NOPE',
        '/rest/api/3/user?accountId=nobody',
        '/rest/api/3/attachment/1',
        '/rest/api/3/priority/999',
        '/rest/api/3/issuetype/999',
      ]) {
        const answer = await call('GET', path);
        expect({ path, status: answer.status }).toEqual({ path, status: 404 });
        expect(answer.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
      }
      expect((await call('GET', '/rest/api/3/issue/SUP-999')).body).toEqual({
        errorMessages: ['Issue does not exist or you do not have permission to see it.'],
        errors: {},
      });
    });

    it('reports every invalid field of a create in one 400, by field name', async () => {
      const answer = await call('POST', '/rest/api/3/issue', {
        fields: {
          project: { key: 'SUP' },
          description: 'not ADF',
          labels: ['two words'],
          status: { id: '3' },
        },
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        errorMessages: [],
        errors: {
          summary: 'You must specify a summary of the issue.',
          issuetype: 'Specify an issue type',
          description: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
          labels: "The label 'two words' contains spaces which is invalid.",
          status: "Field 'status' cannot be set. It is not on the appropriate screen, or unknown.",
        },
      });
    });

    it('refuses unbounded and malformed JQL with 400', async () => {
      const unbounded = await call(
        'GET',
        `/rest/api/3/search/jql?jql=${encodeURIComponent('ORDER BY created')}`,
      );
      expect(unbounded.status).toBe(400);
      expect(unbounded.body).toEqual({
        errorMessages: [
          'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
        ],
        errors: {},
      });
      const unknownProject = await call(
        'GET',
        `/rest/api/3/search/jql?jql=${encodeURIComponent('project = NOPE')}`,
      );
      expect(unknownProject.body).toEqual({
        errorMessages: ["The value 'NOPE' does not exist for the field 'project'."],
        errors: {},
      });
      const badDate = await call(
        'GET',
        `/rest/api/3/search/jql?jql=${encodeURIComponent('updated >= "yesterday"')}`,
      );
      expect(badDate.status).toBe(400);
    });

    it('answers a path Jira does not serve with its JAX-RS 404', async () => {
      const answer = await call('GET', '/rest/api/3/nothing-here');
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        message: expect.stringMatching(/^null for uri: .*\/rest\/api\/3\/nothing-here$/),
        'status-code': 404,
      });
    });

    it('refuses a comment body that is not ADF', async () => {
      const answer = await call('POST', `/rest/api/3/issue/SUP-2/comment`, { body: 'plain text' });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        errors: { comment: expect.stringContaining('Atlassian Document') },
      });
    });
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After, X-RateLimit-* (reset as an ISO minute) and RateLimit-Reason', async () => {
      harness.emulator.limitRate({ limit: 2, retryAfterSeconds: 30 });
      expect((await call('GET', '/rest/api/3/status')).headers.get('x-ratelimit-remaining')).toBe('1');
      expect((await call('GET', '/rest/api/3/status')).status).toBe(200);
      const limited = await call('GET', '/rest/api/3/status');
      expect(limited.status).toBe(429);
      expect(
        Object.fromEntries(
          [
            'retry-after',
            'x-ratelimit-limit',
            'x-ratelimit-remaining',
            'x-ratelimit-reset',
            'ratelimit-reason',
          ].map((h) => [h, limited.headers.get(h)]),
        ),
      ).toEqual({
        'retry-after': '30',
        'x-ratelimit-limit': '2',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '2026-02-01T12:00Z',
        'ratelimit-reason': 'jira-burst-based',
      });
      harness.emulator.limitRate(undefined);
      expect((await call('GET', '/rest/api/3/status')).status).toBe(200);
    });

    it('injects a given number of 429s', async () => {
      harness.emulator.injectRateLimit(1, 5, /search/);
      expect((await call('GET', '/rest/api/3/status')).status).toBe(200);
      const limited = await call('GET', `/rest/api/3/search/jql?jql=project%3DSUP`);
      expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '5']);
      expect((await call('GET', `/rest/api/3/search/jql?jql=project%3DSUP`)).status).toBe(200);
    });
  });
});
