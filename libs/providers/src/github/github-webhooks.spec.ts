import { corpusDeliveries, corpusFile, githubEventOf, githubExamples } from '@app/sandbox';
import { contractFieldsOf, createRecordValidator } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { github } from './index';

const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const context = { settings: { owner: 'Codertocat', repo: 'Hello-World' } };
const validators = { tickets: createRecordValidator('tickets'), comments: createRecordValidator('comments') };

const map = (event: string, body: unknown) =>
  mapper.map(github, { headers: { 'x-github-event': event }, body }, context);

describe('GitHub webhook mappings', () => {
  const isPullRequest = (body: Record<string, unknown>) =>
    Boolean((body.issue as { pull_request?: unknown })?.pull_request);
  const all = [
    ...githubExamples('issues').map((e) => ({
      name: `octokit issues.${e.action}`,
      event: 'issues',
      body: e.payload,
    })),
    ...githubExamples('issue_comment').map((e) => ({
      name: `octokit issue_comment.${e.action}`,
      event: 'issue_comment',
      body: e.payload,
    })),
    ...corpusDeliveries('github').map((f) => ({
      name: `corpus ${f.name}`,
      event: githubEventOf(f),
      body: f.json as Record<string, unknown>,
    })),
  ];
  const deliveries = all.filter((d) => !isPullRequest(d.body));
  const onPullRequests = all.filter((d) => isPullRequest(d.body));

  it('has pull-request examples, and ignores them: pull requests are not tickets', async () => {
    expect(onPullRequests.length).toBeGreaterThan(0);
    for (const d of onPullRequests) expect((await map(d.event, d.body)).kind).toBe('ignored');
  });

  it.each(deliveries.map((d) => [d.name, d] as const))(
    '%s maps to one valid unified change',
    async (_name, d) => {
      const outcome = await map(d.event, d.body);
      expect(outcome.kind).toBe('changes');
      if (outcome.kind !== 'changes') return;
      expect(outcome.changes).toHaveLength(1);
      const [change] = outcome.changes;
      const resource = d.event === 'issues' ? 'tickets' : 'comments';
      expect(change.resource).toBe(resource);
      const result = validators[resource](change.record);
      expect(result.errors ?? []).toEqual([]);
      const source = (resource === 'tickets' ? d.body.issue : d.body.comment) as Record<string, unknown>;
      expect(change.record!.remote_data).toEqual(source);
      expect(change.record!.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    },
  );

  it('maps every issues action to the right change type', async () => {
    const expected: Record<string, string> = {
      opened: 'created',
      deleted: 'deleted',
      transferred: 'deleted',
    };
    for (const example of githubExamples('issues').filter((e) => !isPullRequest(e.payload))) {
      const outcome = await map('issues', example.payload);
      expect(outcome.kind === 'changes' && outcome.changes[0].action).toBe(
        expected[example.action] ?? 'updated',
      );
    }
  });

  it('keeps the status reason: completed is done, not planned is cancelled', async () => {
    const closed = corpusFile('github', 'webhooks', 'issues.closed.json');
    const issue = (closed.json as { issue: Record<string, unknown> }).issue;
    for (const [reason, category] of [
      ['completed', 'done'],
      ['not_planned', 'cancelled'],
      [null, 'done'],
    ] as const) {
      const outcome = await map('issues', {
        action: 'closed',
        issue: { ...issue, state: 'closed', state_reason: reason },
      });
      expect(outcome.kind === 'changes' && outcome.changes[0].record!.status).toMatchObject({
        id: 'closed',
        category,
      });
    }
  });

  it('reads the status from closed_at when a delivery omits state (GitHub’s issues.pinned example)', async () => {
    const pinned = corpusFile('github', 'webhooks', 'issues.pinned.octokit.json').json as {
      issue: Record<string, unknown>;
    };
    expect(pinned.issue).not.toHaveProperty('state');
    const statusOf = async (issue: Record<string, unknown>) => {
      const outcome = await map('issues', { ...pinned, issue });
      return outcome.kind === 'changes' ? outcome.changes[0].record!.status : outcome;
    };
    expect(await statusOf(pinned.issue)).toMatchObject({ id: 'open', category: 'open' });
    expect(await statusOf({ ...pinned.issue, closed_at: '2026-01-01T00:00:00Z' })).toMatchObject({
      id: 'closed',
      category: 'done',
    });
  });

  it('fills every contract field, null where GitHub has no data', async () => {
    const [opened] = githubExamples('issues').filter((e) => e.action === 'opened');
    const outcome = await map('issues', opened.payload);
    if (outcome.kind !== 'changes') throw new Error('expected a change');
    const record = outcome.changes[0].record!;
    expect(Object.keys(record).sort()).toEqual([...contractFieldsOf('tickets'), 'remote_data'].sort());
    expect(record.priority).toBeNull();
    expect(record.workspace).toEqual({ id: 'Codertocat/Hello-World', name: 'Hello-World' });
  });

  it('ignores pings and pull-request comments, and reports other events as unmapped', async () => {
    expect((await map('ping', { zen: 'Keep it logically awesome.' })).kind).toBe('ignored');
    const [comment] = githubExamples('issue_comment');
    const onPullRequest = {
      ...comment.payload,
      issue: { ...(comment.payload.issue as object), pull_request: { url: 'x' } },
    };
    expect((await map('issue_comment', onPullRequest)).kind).toBe('ignored');
    const star = await map('star', { action: 'created' });
    expect(star).toEqual({ kind: 'unmapped', reason: expect.stringContaining('x-github-event=star') });
  });
});
