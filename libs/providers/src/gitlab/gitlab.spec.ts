import { GitlabEmulator, GITLAB_SEED_PROJECT_ID, GITLAB_SEED_TOKEN } from '@app/sandbox/gitlab';
import { corpusFile } from '@app/sandbox';
import { contractFieldsOf } from '@app/unified-models';
import type { ConnectionContext } from '../engine/connection-context';
import { ExpressionCache } from '../engine/expression-cache';
import { ProviderClient } from '../engine/provider-client';
import { RecordMapper } from '../engine/record-mapper';
import { ProviderRegistry } from '../registry';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { gitlab } from './index';

/** What is particular to GitLab; the conformance suite covers lists, CRUD, errors and webhooks generically. */
const emulator = new GitlabEmulator();
const client = new ProviderClient({ registry: new ProviderRegistry([gitlab]) });
const connection = (): ConnectionContext => ({
  id: 'c-gitlab',
  tenantId: 't1',
  provider: 'gitlab',
  settings: { base_url: emulator.url, project_id: String(GITLAB_SEED_PROJECT_ID) },
  credentials: { token: GITLAB_SEED_TOKEN },
});
const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));

beforeAll(() => emulator.start());
afterAll(() => emulator.stop());

describe('GitLab mapping decisions', () => {
  it('a scoped `priority::` label is the priority; labels stay tags by name', async () => {
    const ticket = await client.get(connection(), 'tickets', '1');
    expect(ticket.priority).toEqual({ id: 'high', name: 'high', category: 'high' });
    expect(ticket.tags).toEqual([{ id: 'priority::high', name: 'priority::high' }]);
    expect((await client.get(connection(), 'tickets', '2')).priority ?? null).toBeNull();
  });

  it('leaves system notes out of comments, and marks internal notes internal', async () => {
    const comments = (await client.list(connection(), 'comments', { query: { ticket_id: '3' } })).result;
    expect(comments.map((c) => c.body)).toEqual(['Reply 2 on #3', 'Reply 3 on #3']);
    expect(comments.map((c) => c.is_internal)).toEqual([false, true]);
    await expect(
      client.get(connection(), 'comments', '1030', { query: { ticket_id: '3' } }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('closes and reopens through state_event', async () => {
    const closed = await client.update(connection(), 'tickets', '2', { status: { id: 'closed' } });
    expect([closed.status, closed.completed_at]).toEqual([
      { id: 'closed', name: 'closed', category: 'done' },
      expect.any(String),
    ]);
    const reopened = await client.update(connection(), 'tickets', '2', { status: { id: 'opened' } });
    expect([reopened.status, reopened.completed_at]).toEqual([
      { id: 'opened', name: 'opened', category: 'open' },
      null,
    ]);
  });

  it('reads the documented Note Hook: old-style timestamps become ISO 8601, the issue IID the ticket', async () => {
    const delivery = corpusFile('gitlab', 'webhooks', 'note_hook.issue.json');
    const outcome = await mapper.map(gitlab, { headers: {}, body: delivery.json }, { settings: {} });
    expect(outcome.kind).toBe('changes');
    const [change] = outcome.kind === 'changes' ? outcome.changes : [];
    expect(change.record).toMatchObject({
      id: '1241',
      body: 'Hello world',
      ticket: { id: '17' },
      created_at: '2015-05-17T17:06:40Z',
      author: { id: '1', type: 'user' },
    });
  });
});
