import type { ChangeAction } from '@app/bus';
import { corpusDeliveries, corpusFile } from '@app/sandbox';
import { contractFieldsOf } from '@app/unified-models';
import { ExpressionCache, MappingError } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { jira } from './index';
import { expectValid } from './jira.test-support';

/** The interpreter (what tenant overrides run on) and the compiled path for trusted definition code. */
const interpreted = new ExpressionCache();
const trusted = new ExpressionCache();
trusted.trustDefinitions([jira]);
const records = new RecordMapper(interpreted, contractFieldsOf);
const webhooks = new WebhookEventMapper(interpreted, records);
const context = { settings: { site: 'your-domain' } };

const rest = (name: string) => corpusFile('jira', 'rest', name).json as Record<string, unknown>;
type Issue = { fields: Record<string, unknown> };

describe('Jira corpus: Atlassian’s documented REST examples', () => {
  const issue = rest('get-issue.json') as unknown as Issue;
  const searched = (rest('search-jql.post.json').issues as Issue[]) ?? [];
  const comments = rest('get-issue-comments.json').comments as Record<string, unknown>[];

  const cases: [string, string, unknown][] = [
    ['tickets', 'get-issue', issue],
    ['collections', 'get-issue', issue],
    ['tasks', 'get-issue', issue],
    ...searched.map((i, n): [string, string, unknown] => ['tickets', `search-jql issue ${n}`, i]),
    ...comments.map((c, n): [string, string, unknown] => ['comments', `comment ${n}`, c]),
    ...(issue.fields.attachment as unknown[]).map((a, n): [string, string, unknown] => [
      'attachments',
      `attachment ${n}`,
      a,
    ]),
    ['workspaces', 'issue project', issue.fields.project],
    ['users', 'comment author', comments[0].author],
  ];

  it.each(cases)(
    'maps %s from %s to a valid record, the same on both evaluation paths',
    async (resource, _name, object) => {
      const record = expectValid(resource, await records.map(jira, resource, object, context));
      expect(record.remote_data).toBe(object);
      const fast = await new RecordMapper(trusted, contractFieldsOf).map(jira, resource, object, context);
      expect(fast).toEqual(record);
    },
  );

  it('reads the documented issue: key, ADF and string descriptions, attachments, browse URL', async () => {
    const ticket = await records.map(jira, 'tickets', issue, context);
    expect(ticket).toMatchObject({
      id: '10002',
      number: 'ED-1',
      description: 'Main order flow broken',
      workspace: { id: '10000', name: 'Example' },
      attachments: [{ id: '10000', name: 'picture.jpg' }],
      ticket_url: 'https://your-domain.atlassian.net/browse/ED-1',
    });
    const fromSearch = await records.map(jira, 'tickets', searched[0], context);
    expect(fromSearch.description).toBe('Main order flow broken');
  });

  it('reads the documented comment: author, role restriction, RFC 3339 times, ticket from its link', async () => {
    const comment = await records.map(jira, 'comments', comments[0], context);
    expect(comment).toMatchObject({
      id: '10000',
      author: { id: '5b10a2844c20165700ede21g', name: 'Mia Krystof', type: 'user' },
      ticket: { id: '10010' },
      is_private: true,
      is_internal: false,
      created_at: '2021-01-17T12:34:00.000+00:00',
      html_body: expect.stringMatching(/^<p>Lorem ipsum .*<\/p>$/),
    });
  });
});

/** What a Jira delivery must become once the normalizer has it. */
type Expected =
  | { kind: 'change'; resource: 'tickets' | 'comments'; action: ChangeAction; object: 'issue' | 'comment' }
  | { kind: 'drop' } // the definition declares the event carries no change: nothing is published
  | { kind: 'dead-letter'; code: 'unmapped_event' | 'mapping_failed' };

/**
 * Per webhook event, what must come out. An event this table does not name must reach the dead-letter
 * topic as `unmapped_event` (so a new kind of delivery in the corpus is a visible decision, not a crash).
 */
const EXPECTED_BY_EVENT: Record<string, Expected> = {
  'jira:issue_created': { kind: 'change', resource: 'tickets', action: 'created', object: 'issue' },
  'jira:issue_updated': { kind: 'change', resource: 'tickets', action: 'updated', object: 'issue' },
  'jira:issue_deleted': { kind: 'change', resource: 'tickets', action: 'deleted', object: 'issue' },
  comment_created: { kind: 'change', resource: 'comments', action: 'created', object: 'comment' },
  comment_updated: { kind: 'change', resource: 'comments', action: 'updated', object: 'comment' },
  comment_deleted: { kind: 'change', resource: 'comments', action: 'deleted', object: 'comment' },
  worklog_created: { kind: 'drop' },
  worklog_updated: { kind: 'drop' },
  worklog_deleted: { kind: 'drop' },
  issuelink_created: { kind: 'drop' },
  issuelink_deleted: { kind: 'drop' },
};
/** The issue's other unified views: an epic is also a collection, a sub-task also a task. */
function alsoChanged(body: Record<string, unknown>): string[] {
  const type = (body.issue as { fields?: { issuetype?: Record<string, unknown> } } | undefined)?.fields
    ?.issuetype;
  if (!type) return [];
  if (type.hierarchyLevel === 1 || type.name === 'Epic') return ['collections'];
  return type.subtask === true ? ['tasks'] : [];
}

const expectedFor = (body: Record<string, unknown>): Expected =>
  EXPECTED_BY_EVENT[String(body.webhookEvent)] ?? { kind: 'dead-letter', code: 'unmapped_event' };

describe('Jira corpus: captured webhook deliveries', () => {
  const deliveries = corpusDeliveries('jira').map((f) => ({
    name: f.name,
    body: f.json as Record<string, unknown>,
  }));
  const map = (body: unknown) => webhooks.map(jira, { headers: {}, body }, context);
  /** The mapper's outcome in the normalizer's terms (a thrown MappingError is a `mapping_failed` dead letter). */
  const outcomeOf = async (body: unknown) => {
    try {
      return await map(body);
    } catch (error) {
      if (error instanceof MappingError) return { kind: 'mapping_failed' as const, reason: error.message };
      throw error;
    }
  };

  it('holds deliveries of every expected kind, including declared drops', () => {
    const kinds = new Set(deliveries.map((d) => expectedFor(d.body).kind));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['change', 'drop']));
  });

  it.each(deliveries.map((d) => [d.name, expectedFor(d.body).kind, d] as const))(
    '%s → %s, as its event says',
    async (_name, _kind, delivery) => {
      const expected = expectedFor(delivery.body);
      const outcome = await outcomeOf(delivery.body);
      if (expected.kind === 'drop') {
        expect(outcome.kind).toBe('ignored');
        return;
      }
      if (expected.kind === 'dead-letter') {
        expect(outcome.kind).toBe(expected.code === 'unmapped_event' ? 'unmapped' : 'mapping_failed');
        return;
      }
      if (outcome.kind !== 'changes') throw new Error(`not mapped: ${JSON.stringify(outcome)}`);
      // An epic is a collection too, a sub-task a task too: the same delivery changes both records.
      const also = alsoChanged(delivery.body);
      expect(outcome.changes.map((c) => `${c.resource}:${c.action}`)).toEqual([
        `${expected.resource}:${expected.action}`,
        ...also.map((resource) => `${resource}:${expected.action}`),
      ]);
      for (const extra of outcome.changes.slice(1)) expectValid(extra.resource, extra.record!);
      const [change] = outcome.changes;
      expect({ resource: change.resource, action: change.action }).toEqual({
        resource: expected.resource,
        action: expected.action,
      });
      const record = expectValid(expected.resource, change.record!);
      expect(record.remote_data).toEqual(delivery.body[expected.object]);
    },
  );

  const byName = (name: string) => deliveries.find((d) => d.name === name)!.body;
  const recordOf = async (name: string) => {
    const outcome = await map(byName(name));
    if (outcome.kind !== 'changes' || !outcome.changes[0].record) throw new Error(`${name} did not map`);
    return outcome.changes[0].record;
  };

  it('reads a resolved issue as done, with its completion time', async () => {
    expect(await recordOf('jira_issue_updated.status-resolved.json')).toMatchObject({
      status: { id: '10002', name: 'Done', category: 'done' },
      completed_at: '2019-02-15T19:15:40.470-08:00',
      priority: { id: '2', name: 'High', category: 'high' },
      tags: [{ id: 'test-label', name: 'test-label' }],
      description: 'Unit test description, not that long, a little longer now',
    });
  });

  it('reads the assignee of an assignment and the custom fields of a rich issue', async () => {
    expect((await recordOf('jira_issue_updated.assigned.json')).assignees).toEqual([
      { id: '5c5f880629be9642ba529340', name: 'Test User' },
    ]);
    const rich = await recordOf('jira_issue_created.many-fields.json');
    expect(rich.custom_fields).toMatchObject({
      customfield_10072: 23,
      customfield_10071: ['value1', 'value2'],
      customfield_10073: { value: '1', id: '10035' },
      customfield_10080: { accountId: '5cedcb4355a88a0fc86388ba' },
    });
    expect(Object.values(rich.custom_fields as object)).not.toContain(null);
  });

  it('reads comments beside their issue: the ticket from the comment link, v2 string bodies, JSM visibility', async () => {
    expect(await recordOf('comment_created.json')).toMatchObject({
      id: '10019',
      ticket: { id: '10040' },
      body: 'Added a comment',
      html_body: null,
      is_internal: false,
      author: { id: '5c5f880629be9642ba529340', type: 'user' },
    });
    const deleted = await map(byName('comment_deleted.json'));
    expect(deleted.kind === 'changes' && deleted.changes[0]).toMatchObject({
      action: 'deleted',
      remoteId: '10757',
    });
  });

  it('ignores worklog and issue-link events and reports unknown ones as unmapped', async () => {
    expect((await map({ webhookEvent: 'worklog_created', worklog: {} })).kind).toBe('ignored');
    expect((await map({ webhookEvent: 'issuelink_created', issueLink: {} })).kind).toBe('ignored');
    expect((await map({ webhookEvent: 'board_created', board: {} })).kind).toBe('ignored');
    expect((await map({ webhookEvent: 'option_voting_changed' })).kind).toBe('ignored');
    expect((await map({ webhookEvent: 'jira:version_released', version: {} })).kind).toBe('ignored');
    expect((await map({ webhookEvent: 'dashboard_shared' })).kind).toBe('unmapped');
  });

  it('maps project, issue type, user and attachment events to their resources', async () => {
    const project = await map({
      webhookEvent: 'project_updated',
      project: { id: 10000, key: 'SUP', name: 'Support' },
    });
    expect(project.kind === 'changes' && project.changes[0]).toMatchObject({
      resource: 'workspaces',
      action: 'updated',
      record: { id: '10000', name: 'Support', status: 'active' },
    });
    const actions = async (webhookEvent: string) => {
      const outcome = await map({ webhookEvent, project: { id: 10000, key: 'SUP', name: 'Support' } });
      return outcome.kind === 'changes'
        ? outcome.changes.map((c) => `${c.resource}:${c.action}`)
        : outcome.kind;
    };
    expect(await actions('project_soft_deleted')).toEqual(['workspaces:deleted']);
    expect(await actions('project_restored_deleted')).toEqual(['workspaces:created']);
    expect(await actions('project_archived')).toEqual(['workspaces:updated']);
    const issueType = await map({
      webhookEvent: 'issuetype_updated',
      issueType: { id: '10001', name: 'Task', description: 'A task', subtask: false, hierarchyLevel: 0 },
    });
    expect(issueType.kind === 'changes' && issueType.changes[0]).toMatchObject({
      resource: 'ticket_types',
      action: 'updated',
      record: { id: '10001', name: 'Task' },
    });
    const user = await map({
      webhookEvent: 'user_deleted',
      user: { accountId: 'abc', displayName: 'Gone', active: false },
    });
    expect(user.kind === 'changes' && user.changes[0]).toMatchObject({
      resource: 'users',
      action: 'deleted',
      remoteId: 'abc',
    });
    const attachment = await map({
      webhookEvent: 'attachment_created',
      attachment: {
        id: 10001,
        filename: 'a.txt',
        size: 3,
        mimeType: 'text/plain',
        created: '2026-01-01T00:00:00.000+0000',
      },
    });
    expect(attachment.kind === 'changes' && attachment.changes[0]).toMatchObject({
      resource: 'attachments',
      record: { id: '10001', file_name: 'a.txt', created_at: '2026-01-01T00:00:00.000+00:00' },
    });
  });
});
