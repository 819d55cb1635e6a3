import { corpusFiles, githubExamples } from '@app/sandbox';
import { contractFieldsOf, createRecordValidator } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { github } from './index';

type Json = Record<string, unknown>;

/** Real GitHub payloads (recorded REST responses, GitHub's own example deliveries) through the mappings. */
describe('GitHub mappings × real payloads', () => {
  const expressions = new ExpressionCache();
  const records = new RecordMapper(expressions, contractFieldsOf);
  const webhooks = new WebhookEventMapper(expressions, records);
  const settings = { owner: 'octokit-fixture-org', repo: 'paginate-issues' };
  const rest = (name: string) => corpusFiles('github', 'rest').find((f) => f.name === name)!.json;
  const listResponse = async (resource: string, body: unknown) => {
    const selected = await expressions.evaluate(
      github.resources[resource].methods!.list!.response ?? '$',
      body,
    );
    return selected === undefined ? [] : Array.isArray(selected) ? selected : [selected];
  };

  it('maps the recorded issues page to valid tickets and tasks, ids being issue numbers', async () => {
    const page = rest('list-repo-issues.page1.json') as Json[];
    const issues = await listResponse('tickets', page);
    expect(issues).toHaveLength(page.length);
    for (const issue of issues as Json[]) {
      const ticket = await records.map(github, 'tickets', issue, { settings, request: { query: {} } });
      expect(createRecordValidator('tickets')(ticket).errors ?? []).toEqual([]);
      expect(ticket).toMatchObject({
        id: String(issue.number),
        name: issue.title,
        description: null,
        status: { id: 'open', category: 'open' },
        created_by: { id: '1000', name: 'octokit-fixture-user-a', type: 'user' },
        workspace: { id: 'octokit-fixture-org/paginate-issues', name: 'paginate-issues' },
        tags: [],
        assignees: [],
        collections: null,
        ticket_type: null,
        priority: null,
      });
      // Recorded before issue fields existed: no values, so no custom fields rather than an empty set.
      expect(ticket.custom_fields).toBeNull();
      const task = await records.map(github, 'tasks', issue, {
        settings,
        request: { query: { ticket_id: '1' } },
      });
      expect(createRecordValidator('tasks')(task).errors ?? []).toEqual([]);
      expect(task.ticket).toEqual({ id: '1' });
    }
  });

  it('maps the recorded comments, and the comment lists leave them out: they are on a pull request', async () => {
    const comments = rest('list-issue-comments.json') as Json[];
    for (const comment of comments) {
      const mapped = await records.map(github, 'comments', comment, { settings });
      expect(createRecordValidator('comments')(mapped).errors ?? []).toEqual([]);
      expect(mapped).toMatchObject({ id: String(comment.id), ticket: { id: '438' }, body: comment.body });
    }
    expect(comments.every((c) => String(c.html_url).includes('/pull/438#'))).toBe(true);
    expect(await listResponse('comments', comments)).toEqual([]);
    const onIssue = comments.map((c) => ({
      ...c,
      html_url: String(c.html_url).replace('/pull/', '/issues/'),
    }));
    expect(await listResponse('comments', onIssue)).toHaveLength(comments.length);
  });

  it('leaves pull requests out of the ticket list response', async () => {
    const page = rest('list-repo-issues.page1.json') as Json[];
    const withPull = [...page, { ...page[0], number: 99, pull_request: { url: 'https://api.github.com/x' } }];
    expect((await listResponse('tickets', withPull)).map((i) => (i as Json).number)).toEqual([13, 12, 11]);
  });

  it.each([
    ['label', 'tags', 'label'],
    ['milestone', 'collections', 'milestone'],
  ])('maps GitHub’s %s example deliveries to valid %s changes', async (event, resource, key) => {
    const expected: Record<string, string> = { created: 'created', deleted: 'deleted' };
    const examples = githubExamples(event);
    expect(examples.length).toBeGreaterThan(2);
    for (const example of examples) {
      const outcome = await webhooks.map(
        github,
        { headers: { 'x-github-event': event }, body: example.payload },
        { settings },
      );
      if (outcome.kind !== 'changes') throw new Error(`${event}.${example.action}: ${outcome.reason}`);
      const [change] = outcome.changes;
      expect(change).toMatchObject({ resource, action: expected[example.action] ?? 'updated' });
      expect(createRecordValidator(resource as never)(change.record!).errors ?? []).toEqual([]);
      expect(change.record!.remote_data).toEqual(example.payload[key]);
      expect(change.record!.workspace).toEqual({ id: 'Codertocat/Hello-World', name: 'Hello-World' });
    }
  });

  it('keeps label names (with spaces and emoji) as tag ids and adds # to colours', async () => {
    const created = githubExamples('label').find((e) => e.action === 'created')!;
    const tag = await records.map(github, 'tags', created.payload.label, { settings });
    const label = created.payload.label as Json;
    expect(tag).toMatchObject({ id: label.name, name: label.name, color: `#${label.color as string}` });
  });
});
