import {
  JIRA_BUSY_ISSUE_COMMENT_COUNT,
  JIRA_BUSY_ISSUE_KEY,
  JIRA_SEED_EPIC_COUNT,
  JIRA_SEED_SUBTASK_COUNT,
  JIRA_SEED_TICKET_COUNT,
  jiraTextToAdf,
} from './index';
import { jiraEmulatorHarness } from './jira.test-support';

const ALL_ISSUES = JIRA_SEED_TICKET_COUNT + JIRA_SEED_EPIC_COUNT + JIRA_SEED_SUBTASK_COUNT;

describe('JiraEmulator (REST API v3): pagination and writes', () => {
  const { call } = jiraEmulatorHarness();

  describe('pagination', () => {
    it('walks the enhanced search with nextPageToken until isLast, every issue once', async () => {
      const jql = encodeURIComponent('created >= "2020-01-01" ORDER BY created ASC');
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = (
          await call(
            'GET',
            `/rest/api/3/search/jql?jql=${jql}&fields=summary&maxResults=10${token ? `&nextPageToken=${token}` : ''}`,
          )
        ).body as {
          issues: { key: string; fields: Record<string, unknown> }[];
          isLast: boolean;
          nextPageToken?: string;
        };
        expect(page.issues.length).toBeLessThanOrEqual(10);
        expect(Object.keys(page.issues[0].fields)).toEqual(['summary']);
        seen.push(...page.issues.map((i) => i.key));
        token = page.isLast ? undefined : page.nextPageToken;
        expect(page.isLast || typeof page.nextPageToken === 'string').toBe(true);
        pages += 1;
      } while (token);
      expect(pages).toBe(Math.ceil(ALL_ISSUES / 10));
      expect(new Set(seen).size).toBe(ALL_ISSUES);
    });

    it('filters by JQL: project, issue type functions, parent, dates at minute precision', async () => {
      const keys = async (jql: string) =>
        (
          (
            await call(
              'GET',
              `/rest/api/3/search/jql?fields=id&maxResults=100&jql=${encodeURIComponent(jql)}`,
            )
          ).body as { issues: unknown[] }
        ).issues.length;
      expect(await keys('issuetype = Epic')).toBe(JIRA_SEED_EPIC_COUNT);
      expect(await keys('parent = SUP-1 AND issuetype in subTaskIssueTypes()')).toBe(2);
      expect(await keys('project = SUP AND issuetype in standardIssueTypes()')).toBe(15);
      expect(await keys('updated >= "2026-01-12 00:00" AND updated < "2026-01-13 00:00"')).toBeGreaterThan(0);
      expect(await keys('updated >= "2030-01-01"')).toBe(0);
    });

    it('rejects a page token issued for another query', async () => {
      const first = (
        await call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = SUP')}&maxResults=5`)
      ).body as { nextPageToken: string };
      const reused = await call(
        'GET',
        `/rest/api/3/search/jql?jql=${encodeURIComponent('project = ENG')}&nextPageToken=${first.nextPageToken}`,
      );
      expect(reused.status).toBe(400);
    });

    it('pages comments with startAt/maxResults and total', async () => {
      const ids: string[] = [];
      for (let startAt = 0; startAt < JIRA_BUSY_ISSUE_COMMENT_COUNT; startAt += 10) {
        const page = (
          await call(
            'GET',
            `/rest/api/3/issue/${JIRA_BUSY_ISSUE_KEY}/comment?startAt=${startAt}&maxResults=10`,
          )
        ).body as {
          comments: { id: string }[];
          startAt: number;
          maxResults: number;
          total: number;
        };
        expect(page).toMatchObject({ startAt, maxResults: 10, total: JIRA_BUSY_ISSUE_COMMENT_COUNT });
        ids.push(...page.comments.map((c) => c.id));
      }
      expect(new Set(ids).size).toBe(JIRA_BUSY_ISSUE_COMMENT_COUNT);
    });

    it('pages PageBeans (projects, priorities, labels) with isLast and nextPage', async () => {
      const first = (await call('GET', '/rest/api/3/priority/search?maxResults=2')).body as Record<
        string,
        unknown
      >;
      expect(first).toMatchObject({
        startAt: 0,
        maxResults: 2,
        total: 5,
        isLast: false,
        nextPage: expect.stringContaining('startAt=2'),
      });
      const last = (await call('GET', '/rest/api/3/priority/search?startAt=4&maxResults=2')).body as {
        isLast: boolean;
        values: unknown[];
      };
      expect(last.isLast).toBe(true);
      expect(last.values).toHaveLength(1);
      const labels = (await call('GET', '/rest/api/3/label')).body as { values: unknown[] };
      expect(labels.values.every((v) => typeof v === 'string')).toBe(true);
    });

    it('pages users/search as a plain array', async () => {
      const page = (await call('GET', '/rest/api/3/users/search?startAt=10&maxResults=10')).body as unknown[];
      expect(Array.isArray(page)).toBe(true);
      expect(page).toHaveLength(2);
    });
  });

  describe('writes', () => {
    it('creates, edits and deletes an issue, and its values read back', async () => {
      const created = await call('POST', '/rest/api/3/issue', {
        fields: {
          project: { key: 'ENG' },
          issuetype: { name: 'Bug' },
          summary: 'Crash on save',
          description: jiraTextToAdf('It crashes.'),
          priority: { id: '2' },
          labels: ['backend'],
          customfield_10100: { value: 'Gold' },
          duedate: '2026-03-01',
        },
      });
      expect(created.status).toBe(201);
      const { id, key } = created.body as { id: string; key: string };
      expect(key).toMatch(/^ENG-\d+$/);
      const edit = await call('PUT', `/rest/api/3/issue/${id}`, {
        fields: { summary: 'Crash on save (all browsers)' },
        update: { labels: [{ add: 'regression' }] },
      });
      expect(edit.status).toBe(204);
      const read = (await call('GET', `/rest/api/3/issue/${key}`)).body as {
        fields: Record<string, unknown>;
      };
      expect(read.fields).toMatchObject({
        summary: 'Crash on save (all browsers)',
        labels: ['backend', 'regression'],
        duedate: '2026-03-01',
        priority: { id: '2', name: 'High' },
        customfield_10100: { value: 'Gold', id: '10200' },
        description: jiraTextToAdf('It crashes.'),
        created: '2026-02-01T12:00:00.000+0000',
      });
      expect((await call('DELETE', `/rest/api/3/issue/${id}`)).status).toBe(204);
      expect((await call('GET', `/rest/api/3/issue/${id}`)).status).toBe(404);
    });

    it('will not delete an issue with sub-tasks unless told to', async () => {
      expect((await call('DELETE', '/rest/api/3/issue/SUP-1')).status).toBe(400);
      expect((await call('DELETE', '/rest/api/3/issue/SUP-1?deleteSubtasks=true')).status).toBe(204);
      expect((await call('GET', '/rest/api/3/issue/SUP-16')).status).toBe(404);
    });

    it('marks comments internal through the sd.public.comment property', async () => {
      const created = await call('POST', '/rest/api/3/issue/SUP-2/comment', {
        body: jiraTextToAdf('Internal note'),
        properties: [{ key: 'sd.public.comment', value: { internal: true } }],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ jsdPublic: false, body: jiraTextToAdf('Internal note') });
    });
  });
});
