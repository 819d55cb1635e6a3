import {
  ADO_ORG,
  ADO_PROJECT,
  ADO_SECRET_HEADER,
  ADO_SEED_PAT,
  AzureDevopsEmulator,
  IDENTITIES,
} from '@app/sandbox/azure_devops';
import type { ConnectionContext } from '../engine/connection-context';
import {
  DeliveryReceiver,
  engineFor,
  expectValid,
  verifiedChanges,
  walk,
  webhookMapper,
} from '../testing/provider-test-kit';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { azureDevops } from './index';

const SECRET = 'ado-hook-secret';
const emulator = new AzureDevopsEmulator();
const { client } = engineFor(azureDevops);
const mapper = webhookMapper();
const receiver = new DeliveryReceiver();
const connection = (): ConnectionContext => ({
  id: 'c-ado',
  tenantId: 't1',
  provider: 'azure_devops',
  settings: { base_url: emulator.url, organization: ADO_ORG, project: ADO_PROJECT },
  credentials: { personal_access_token: ADO_SEED_PAT },
});

/** Every delivery so far as `eventType → resource:action:id`, sorted (sent concurrently). */
async function drain(): Promise<string[]> {
  await emulator.webhooks.flush();
  const out: string[] = [];
  for (const { body, changes } of await verifiedChanges(azureDevops, receiver, SECRET))
    for (const c of changes) {
      if (c.record) expectValid('tickets', c.record);
      out.push(`${(body as { eventType: string }).eventType} → ${c.resource}:${c.action}:${c.remoteId}`);
    }
  return out.sort();
}

describe('Azure DevOps through the engine against its emulator', () => {
  beforeAll(async () => {
    const hooks = await receiver.start();
    await emulator.start();
    emulator.subscribeWebhooks(`${hooks}/hooks`, SECRET);
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  it('lists work items by WIQL then batch, page by page, and get agrees with list', async () => {
    const { records, pages } = await walk(client, connection(), 'tickets', 4);
    expect([records.map((r) => r.id), pages]).toEqual([['1', '2', '3', '4', '5', '6'], 2]);
    records.forEach((r) => expectValid('tickets', r));
    expect(records[0]).toMatchObject({
      name: 'Bill PDF shows the wrong tax rate',
      status: { id: 'Active', category: 'in_progress' },
      assignees: [{ id: IDENTITIES.christie.id, name: 'Christie Church' }],
      tags: [
        { id: 'billing', name: 'billing' },
        { id: 'customer', name: 'customer' },
      ],
      priority: { id: '1', category: 'urgent' },
      collections: [
        { id: '21', name: 'Fabrikam-Fiber\\Sprint 1', type: 'sprint' },
        { id: '12', name: 'Fabrikam-Fiber\\Web\\Billing', type: 'other' },
      ],
      workspace: { id: ADO_PROJECT },
      custom_fields: { 'Custom.Customer': 'Contoso' },
    });
    expect(records[2].status).toEqual({ id: 'Closed', name: 'Closed', category: 'done' });
    const { remote_data: _a, etag: _b, ...got } = await client.get(connection(), 'tickets', '1');
    const { remote_data: _c, etag: _d, ...listed } = records[0];
    expect(got).toEqual(listed);
  });

  it('filters updated_at[gte] in WIQL with time precision', async () => {
    const page = await client.list(connection(), 'tickets', {
      query: { updated_at: { gte: '2030-01-01T00:00:00Z' } },
    });
    expect(page.result).toEqual([]);
    const wiql = emulator.requests.filter((r) => r.url.includes('/wiql')).pop();
    expect(wiql?.url).toContain('timePrecision=true');
  });

  it('creates and updates with JSON Patch; service hooks become ticket changes', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'From the gateway',
      ticket_type: { id: 'Bug' },
      assignees: [{ id: IDENTITIES.johnnie.id }],
      tags: [{ id: 'customer' }, { name: 'new-tag' }],
      priority: { id: 'high' },
      collections: [{ id: '22', type: 'sprint' }],
    });
    expectValid('tickets', created);
    expect(created).toMatchObject({
      ticket_type: { id: 'Bug' },
      status: { id: 'New', category: 'open' },
      assignees: [{ id: IDENTITIES.johnnie.id }],
      tags: [{ name: 'customer' }, { name: 'new-tag' }],
      priority: { id: '2', category: 'high' },
      collections: [{ id: '22', type: 'sprint' }, { id: '1' }],
    });
    const resolved = await client.update(connection(), 'tickets', created.id, {
      status: { id: 'Closed' },
      assignees: [],
    });
    expect(resolved).toMatchObject({ status: { category: 'done' }, assignees: [] });
    expect(resolved.completed_at).toEqual(expect.any(String));
    await expect(
      client.update(connection(), 'tickets', created.id, { status: { id: 'Nope' } }),
    ).rejects.toMatchObject({
      status: 422,
    });
    await client.create(connection(), 'comments', { ticket: { id: created.id }, body: 'A comment' });
    await client.delete(connection(), 'tickets', created.id);
    expect(await drain()).toEqual(
      [
        `workitem.created → tickets:created:${created.id}`,
        `workitem.updated → tickets:updated:${created.id}`,
        `workitem.commented → tickets:updated:${created.id}`,
        `workitem.deleted → tickets:deleted:${created.id}`,
      ].sort(),
    );
  });

  it('comments page with continuationToken; edits and deletes need the ticket', async () => {
    const { records, pages } = await walk(client, connection(), 'comments', 2, { ticket_id: '1' });
    expect([records.map((r) => r.id), pages]).toEqual([['4001', '4002', '4003'], 2]);
    records.forEach((r) => expectValid('comments', r));
    expect(records[0]).toMatchObject({
      author: { name: 'Jamal Hartnett', type: 'user' },
      ticket: { id: '1' },
    });
    const created = await client.create(connection(), 'comments', { ticket: { id: '3' }, body: 'Hi' });
    const edited = await client.update(
      connection(),
      'comments',
      created.id,
      { body: 'Hello' },
      { query: { ticket_id: '3' } },
    );
    expect(edited.body).toBe('Hello');
    await client.delete(connection(), 'comments', created.id, { query: { ticket_id: '3' } });
    await drain();
  });

  it('states of every type once, iteration and area trees flattened, members of the default team', async () => {
    const statuses = (await client.list(connection(), 'ticket_status')).result.map((s) => [
      s.id,
      s.description,
    ]);
    expect(statuses).toEqual([
      ['New', 'Proposed'],
      ['Active', 'InProgress'],
      ['Resolved', 'Resolved'],
      ['Closed', 'Completed'],
      ['Removed', 'Removed'],
    ]);
    const nodes = (await client.list(connection(), 'collections', { limit: 100 })).result;
    expect(nodes.map((n) => `${n.id}:${n.type}`)).toEqual([
      '1:other',
      '2:sprint',
      '11:other',
      '21:sprint',
      '22:sprint',
      '12:other',
    ]);
    expect((await client.get(connection(), 'collections', '12')).description).toBe(
      '\\Fabrikam-Fiber\\Area\\Web\\Billing',
    );
    const users = (await client.list(connection(), 'users')).result;
    expect(users.map((u) => u.name)).toEqual(['Jamal Hartnett', 'Christie Church', 'Johnnie McLeod']);
  });

  it('verifies the secret header only; other services’ events carry no change', async () => {
    const scheme = azureDevops.webhooks!.verification;
    const rawBody = Buffer.from('{}');
    expect(
      verifyWebhookSignature(scheme, SECRET, { headers: { [ADO_SECRET_HEADER]: 'wrong' }, rawBody }).ok,
    ).toBe(false);
    const outcome = await mapper.map(
      azureDevops,
      { headers: {}, body: { eventType: 'git.push', id: 'x' } },
      { settings: {} },
    );
    expect(outcome.kind).toBe('ignored');
  });
});
