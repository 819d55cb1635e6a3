import { ASANA_PROJECT_GID, ASANA_SEED_TOKEN, ASANA_WORKSPACE_GID, AsanaEmulator } from '@app/sandbox/asana';
import { contractFieldsOf } from '@app/unified-models';
import type { ConnectionContext } from '../engine/connection-context';
import { ExpressionCache } from '../engine/expression-cache';
import { ProviderAuthError, ProviderNotFoundError, ProviderValidationError } from '../engine/errors';
import { RecordMapper } from '../engine/record-mapper';
import { DeliveryReceiver, engineFor, expectValid, walk } from '../testing/provider-test-kit';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { asana } from './index';

const SECRET = 'b8c3a1e0d4f2';
const emulator = new AsanaEmulator();
const { client } = engineFor(asana);
const receiver = new DeliveryReceiver();
const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const connection = (token = ASANA_SEED_TOKEN): ConnectionContext => ({
  id: 'c-asana',
  tenantId: 't1',
  provider: 'asana',
  settings: { base_url: emulator.url, workspace_gid: ASANA_WORKSPACE_GID, project_gid: ASANA_PROJECT_GID },
  credentials: { access_token: token },
});

/** Every delivery so far, verified with the handshake secret and mapped. */
async function drain() {
  await emulator.webhooks.flush();
  const outcomes = [];
  for (const { headers, raw } of receiver.deliveries.splice(0)) {
    expect(verifyWebhookSignature(asana.webhooks!.verification, SECRET, { headers, rawBody: raw })).toEqual({
      ok: true,
    });
    outcomes.push(
      await mapper.map(
        asana,
        { headers, body: JSON.parse(raw.toString()) },
        { settings: connection().settings },
      ),
    );
  }
  return outcomes;
}

describe('Asana through the definition and the emulator', () => {
  beforeAll(async () => {
    await emulator.start();
    emulator.subscribeWebhooks(await receiver.start(), SECRET);
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  it('walks every list through offset tokens, each record valid; stories give their comments only', async () => {
    const expected: Record<string, [number, Record<string, string>?]> = {
      tickets: [7], // the Support Desk project; the Roadmap task is another project's
      comments: [3, { ticket_id: '1200000000001001' }], // 5 stories on the task, 2 of them system stories
      collections: [2],
      ticket_status: [4],
      workspaces: [2],
      teams: [2],
      users: [3],
      tags: [3],
      fields: [2],
    };
    for (const [resource, [count, query]] of Object.entries(expected)) {
      const { records, pages } = await walk(client, connection(), resource, 2, query);
      expect([resource, records.length, new Set(records.map((r) => r.id)).size]).toEqual([
        resource,
        count,
        count,
      ]);
      for (const record of records) expectValid(resource, record);
      if (resource !== 'comments') expect([resource, pages]).toEqual([resource, Math.ceil(count / 2)]);
    }
    const listed = emulator.requests.find((r) => r.url.startsWith('/api/1.0/tasks?'));
    expect(listed?.url).toContain(`project=${ASANA_PROJECT_GID}`);
    expect(listed?.url).toContain('opt_fields=');
  });

  it('maps a task: section as status (done once completed), assignee, projects, tags, custom fields', async () => {
    const refund = await client.get(connection(), 'tickets', '1200000000001001');
    expect(refund).toMatchObject({
      name: 'Refund for a double charge',
      status: { id: '1200000000000201', name: 'Triage', category: 'open' },
      assignees: [{ id: '1200000000000012', name: 'Grace Hopper' }],
      collections: [{ id: ASANA_PROJECT_GID, name: 'Support Desk', type: 'project' }],
      tags: [{ id: '1200000000000301', name: 'billing' }],
      custom_fields: { Priority: 'High', Effort: '2' },
      due_date: '2026-12-10',
      ticket_url: `https://app.asana.com/0/${ASANA_PROJECT_GID}/1200000000001001`,
    });
    const done = await client.get(connection(), 'tickets', '1200000000001005');
    expect(done.status).toEqual({ id: '1200000000000204', name: 'Done', category: 'done' });
    expect(done.completed_at).toEqual(expect.any(String));
    const subtask = await client.get(connection(), 'tickets', '1200000000001006');
    expect(subtask.parent_ticket).toEqual({ id: '1200000000001002', name: 'Login fails with SSO' });
  });

  it('creates a task in the project, moves it between sections with addTask, completes it, deletes it', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'From the gateway',
      description: 'Body',
      status: { id: '1200000000000202' },
      due_date: '2026-12-31T17:00:00Z',
    });
    expect(created).toMatchObject({
      name: 'From the gateway',
      description: 'Body',
      status: { id: '1200000000000202', name: 'In progress', category: 'open' },
      due_date: '2026-12-31T17:00:00.000Z',
    });
    const addTask = emulator.requests.find((r) => r.url === '/api/1.0/sections/1200000000000202/addTask');
    expect(addTask?.method).toBe('POST');
    const updated = await client.update(connection(), 'tickets', created.id, {
      status: { id: '1200000000000204', category: 'done' },
      assignees: [{ id: '1200000000000013' }],
    });
    expect(updated).toMatchObject({
      status: { id: '1200000000000204', category: 'done' },
      assignees: [{ id: '1200000000000013' }],
    });
    await client.delete(connection(), 'tickets', created.id);
    await expect(client.get(connection(), 'tickets', created.id)).rejects.toBeInstanceOf(
      ProviderNotFoundError,
    );
    await drain();
  });

  it('comments: writes a story, edits it; a system story is no comment', async () => {
    const comment = await client.create(connection(), 'comments', {
      ticket: { id: '1200000000001002' },
      html_body: 'See <strong>the logs</strong>',
    });
    expect(comment).toMatchObject({
      body: 'See the logs',
      ticket: { id: '1200000000001002' },
      author: { type: 'user' },
    });
    const edited = await client.update(connection(), 'comments', comment.id, { body: 'Edited' });
    expect(edited.body).toBe('Edited');
    await expect(client.get(connection(), 'comments', '1200000000002001')).rejects.toBeInstanceOf(
      ProviderNotFoundError,
    );
    await drain();
  });

  it('answers as Asana does: 401 and 400 error bodies become the engine’s errors; compact records without opt_fields', async () => {
    await expect(client.get(connection('wrong'), 'tickets', '1200000000001001')).rejects.toBeInstanceOf(
      ProviderAuthError,
    );
    const refused = client.create(connection(), 'tags', { color: 'light-blue' });
    await expect(refused).rejects.toBeInstanceOf(ProviderValidationError);
    await expect(refused).rejects.toThrow('name: Missing input');
    const compact = await fetch(`${emulator.url}/api/1.0/tasks/1200000000001001`, {
      headers: { authorization: `Bearer ${ASANA_SEED_TOKEN}` },
    });
    expect(await compact.json()).toEqual({
      data: {
        gid: '1200000000001001',
        resource_type: 'task',
        name: 'Refund for a double charge',
        resource_subtype: 'default_task',
        created_by: { gid: '1200000000000011', resource_type: 'user' },
      },
    });
    const oversize = await fetch(`${emulator.url}/api/1.0/tags?workspace=${ASANA_WORKSPACE_GID}&limit=101`, {
      headers: { authorization: `Bearer ${ASANA_SEED_TOKEN}` },
    });
    expect(oversize.status).toBe(400);
  });

  it('webhooks: signed events become fetches; a move into a section is an update, deletions carry the gid', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'Hooked',
      status: { id: '1200000000000203' },
    });
    await client.create(connection(), 'comments', { ticket: { id: created.id }, body: 'Hi' });
    await client.delete(connection(), 'tickets', created.id);
    const changes = (await drain()).flatMap((o) =>
      o.kind === 'changes' ? o.changes.map((c) => [c.resource, c.action, c.fetch === true]) : [[o.kind]],
    );
    expect(changes).toEqual([
      ['tickets', 'created', true],
      ['tickets', 'updated', true], // addTask into "Waiting on customer"
      ['comments', 'created', true],
      ['tickets', 'deleted', false],
    ]);
    const heartbeat = await mapper.map(asana, { headers: {}, body: { events: [] } }, { settings: {} });
    expect(heartbeat.kind).toBe('ignored');
  });
});
