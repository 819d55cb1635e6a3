import { createHmac } from 'node:crypto';
import { contractFieldsOf } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import {
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
} from '../engine/errors';
import { RecordMapper, type UnifiedRecord } from '../engine/record-mapper';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper, type MappedChange } from '../webhooks/webhook-event-mapper';
import { jiraServiceManagement as jsm } from './index';
import { expectValid, jsmHarness } from './jira-service-management.test-support';
import { DeliveryReceiver } from '../testing/provider-test-kit';

const SECRET = 'jsm-webhook-secret';
const { emulator, client, connection } = jsmHarness();
const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const receiver = new DeliveryReceiver();
const deliveries = receiver.deliveries;

type Change = MappedChange & { event: string };

/** Verifies every delivery received so far with the definition's scheme, maps it, returns the changes. */
async function drain(): Promise<Change[]> {
  await emulator.webhooks.flush();
  const changes: Change[] = [];
  for (const { headers, raw } of deliveries.splice(0)) {
    expect(verifyWebhookSignature(jsm.webhooks!.verification, SECRET, { headers, rawBody: raw })).toEqual({
      ok: true,
    });
    expect(headers['x-atlassian-webhook-identifier']).toMatch(/^[0-9a-f-]{36}$/);
    const body = JSON.parse(raw.toString()) as { webhookEvent: string };
    const outcome = await mapper.map(jsm, { headers, body }, { settings: connection().settings });
    if (outcome.kind !== 'changes')
      throw new Error(`${body.webhookEvent}: ${outcome.kind} (${outcome.reason})`);
    changes.push(...outcome.changes.map((c) => ({ ...c, event: body.webhookEvent })));
  }
  return changes;
}

async function walk(resource: string, limit: number, query: Record<string, unknown> = {}) {
  const records: UnifiedRecord[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await client.list(connection(), resource, { limit, cursor, query });
    records.push(...page.result);
    cursor = page.next_cursor ?? undefined;
    pages++;
  } while (cursor && pages < 50);
  return { records, pages };
}

beforeAll(async () => {
  const hooks = await receiver.start();
  await emulator.start();
  emulator.subscribeWebhooks(`${hooks}/hooks`, SECRET);
});
afterAll(async () => {
  await emulator.stop();
  await receiver.stop();
});
afterEach(() => emulator.clearFaults());

describe('Jira Service Management webhooks (Jira deliveries) through the definition', () => {
  it('a request raised, edited and transitioned, then commented: tickets and comments, as REST maps them', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'Webhook me',
      description: 'The printer jams',
      ticket_type: { id: '12' },
    });
    let changes = await drain();
    expect(changes.map((c) => [c.event, c.resource, c.action, c.remoteId])).toEqual([
      ['jira:issue_created', 'tickets', 'created', created.id],
    ]);
    const hooked = changes[0].record!;
    expectValid('tickets', hooked);
    // The Jira issue of the delivery and the CustomerRequestDTO of REST give the same ticket.
    const rest = await client.get(connection(), 'tickets', created.id);
    const shared = [
      'id',
      'name',
      'number',
      'description',
      'status',
      'ticket_type',
      'workspace',
      'contact',
      'created_by',
    ];
    for (const field of ['created_at', 'ticket_url', ...shared])
      expect([field, hooked[field]]).toEqual([field, rest[field]]);
    const slaNames = (r: UnifiedRecord) =>
      (r.custom_fields as { sla: { name: string }[] }).sla.map((s) => s.name);
    expect(slaNames(hooked)).toEqual(['Time to first response', 'Time to resolution']);
    expect(slaNames(rest)).toEqual(slaNames(hooked));

    await client.update(connection(), 'tickets', created.id, {
      name: 'Edited',
      status: { id: 'Waiting for customer' },
    });
    changes = await drain();
    expect(changes.map((c) => [c.event, c.action, c.remoteId])).toEqual([
      ['jira:issue_updated', 'updated', created.id],
      ['jira:issue_updated', 'updated', created.id],
    ]);
    expect(changes[1].record).toMatchObject({
      name: 'Edited',
      status: { id: 'Waiting for customer', category: 'on_hold' },
    });

    await client.create(connection(), 'comments', {
      ticket: { id: created.id },
      body: 'Agents only',
      is_internal: true,
    });
    await client.create(connection(), 'comments', { ticket: { id: created.id }, body: 'Hello customer' });
    changes = await drain();
    expect(changes.map((c) => [c.event, c.resource, c.record?.body, c.record?.is_internal])).toEqual([
      ['comment_created', 'comments', 'Agents only', true],
      ['comment_created', 'comments', 'Hello customer', false],
    ]);
    for (const c of changes) {
      expectValid('comments', c.record!);
      expect(c.record).toMatchObject({ ticket: { id: created.id }, author: { type: 'user' } });
    }
  });

  it('refuses forged and tampered deliveries', async () => {
    await client.create(connection(), 'tickets', { name: 'Signed' });
    await emulator.webhooks.flush();
    const [{ headers, raw }] = deliveries.splice(0);
    const check = (h: Record<string, string>, body: Buffer) =>
      verifyWebhookSignature(jsm.webhooks!.verification, SECRET, { headers: h, rawBody: body }).ok;
    expect(check(headers, raw)).toBe(true);
    const forged = `sha256=${createHmac('sha256', 'not-the-secret').update(raw).digest('hex')}`;
    expect(check({ ...headers, 'x-hub-signature': forged }, raw)).toBe(false);
    expect(check(headers, Buffer.from(raw.toString().replace('Signed', 'Forged')))).toBe(false);
    const { 'x-hub-signature': _dropped, ...unsigned } = headers;
    expect(check(unsigned, raw)).toBe(false);
  });

  it('ignores Jira issues that are not customer requests and events it maps to nothing', async () => {
    const map = (body: unknown) =>
      mapper.map(jsm, { headers: {}, body }, { settings: connection().settings });
    const softwareIssue = {
      webhookEvent: 'jira:issue_created',
      issue: { id: '900', key: 'ENG-1', fields: { summary: 'A bug', customfield_10050: 'x', labels: [] } },
    };
    expect((await map(softwareIssue)).kind).toBe('ignored');
    expect((await map({ webhookEvent: 'project_created', project: { id: '1' } })).kind).toBe('ignored');
    expect((await map({ webhookEvent: 'worklog_created', worklog: { id: '1' } })).kind).toBe('ignored');
  });
});

describe('Jira Service Management mapping decisions', () => {
  it("walks the desk's requests page by page and maps JSM status categories, refined by name", async () => {
    const { records, pages } = await walk('tickets', 5);
    const seeded = records.filter((r) => /^HELP-\d+$/.test(String(r.number)) && Number(r.id) < 10200);
    expect(seeded).toHaveLength(14);
    expect(pages).toBe(Math.ceil(records.length / 5));
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(records.every((r) => (r.workspace as { id: string }).id === '1')).toBe(true);
    const byNumber = Object.fromEntries(records.map((r) => [r.number, r]));
    expect(
      ['HELP-1', 'HELP-2', 'HELP-3', 'HELP-4', 'HELP-5', 'HELP-6'].map((n) => byNumber[n].status),
    ).toEqual([
      { id: 'Waiting for support', name: 'Waiting for support', category: 'open' },
      { id: 'In progress', name: 'In progress', category: 'in_progress' },
      { id: 'Waiting for customer', name: 'Waiting for customer', category: 'on_hold' },
      { id: 'Resolved', name: 'Resolved', category: 'done' },
      { id: 'Pending', name: 'Pending', category: 'on_hold' },
      { id: 'Canceled', name: 'Canceled', category: 'cancelled' },
    ]);
    expect([byNumber['HELP-3'].completed_at, typeof byNumber['HELP-4'].completed_at]).toEqual([
      null,
      'string',
    ]);
    expect([byNumber['HELP-4'].priority, byNumber['HELP-2'].priority]).toEqual([
      { id: '1', name: 'Highest', category: 'urgent' },
      { id: '2', name: 'High', category: 'high' },
    ]);
    expect(byNumber['HELP-1'].created_by).toMatchObject({ type: 'contact' });
    expect(byNumber['HELP-1'].custom_fields).toMatchObject({ customfield_10050: 'Laptop' });
    for (const r of records) expectValid('tickets', r);
  });

  it('reads public replies and internal notes, and writes is_internal as public: false', async () => {
    const { records } = await walk('comments', 2, { ticket_id: '10101' });
    expect(records.map((c) => [c.body, c.is_internal, (c.author as { type: string }).type])).toEqual([
      ['Any news on this?', false, 'contact'],
      ['We are looking into it.', false, 'user'],
      ['Internal: check the proxy logs first.', true, 'user'],
    ]);
    const note = await client.create(connection(), 'comments', {
      ticket: { id: 'HELP-2' },
      body: 'note',
      is_internal: true,
    });
    expect(emulator.records('comments').find((c) => c.id === note.id)).toMatchObject({
      public: false,
      issueId: '10102',
    });
    await drain();
  });

  it('changes status by target name or transition id, skips an unchanged one, surfaces a refused one', async () => {
    const id = (await client.create(connection(), 'tickets', { name: 'Workflow' })).id;
    expect((await client.update(connection(), 'tickets', id, { status: { id: '21' } })).status).toMatchObject(
      { id: 'In progress' },
    );
    const calls = emulator.requests.length;
    await client.update(connection(), 'tickets', id, {
      status: { id: 'in progress' },
      description: 'Same status',
    });
    expect(emulator.requests.slice(calls).map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      `PUT /rest/api/3/issue/${id}`,
      `GET /rest/servicedeskapi/request/${id}`,
    ]);
    await expect(
      client.update(connection(), 'tickets', id, { status: { id: 'Teleported' } }),
    ).rejects.toThrow(/The transition ID 'Teleported' is not valid/);
    await drain();
  });

  it("answers JSM's errors: 401, 404, 403 outside the agent's desks, 412 without the opt-in, 429 retried", async () => {
    await expect(
      client.list(connection({ email: 'alana@acme.example', api_token: 'wrong' }), 'tickets'),
    ).rejects.toThrow(ProviderAuthError);
    await expect(client.get(connection(), 'tickets', '99999')).rejects.toThrow(ProviderNotFoundError);
    const otherDesk = { ...connection(), settings: { ...connection().settings, service_desk_id: '3' } };
    await expect(client.list(otherDesk, 'collections')).rejects.toMatchObject({
      providerStatus: 403,
      message: expect.stringContaining('You do not have permission to access this service desk.'),
    });
    await expect(
      client.create(connection(), 'tickets', { name: 'x', ticket_type: { id: '20' } }),
    ).rejects.toThrow(ProviderValidationError);

    const auth = `Basic ${Buffer.from('alana@acme.example:ATATT3xJsmSandboxToken0123').toString('base64')}`;
    const customers = await fetch(`${emulator.url}/rest/servicedeskapi/servicedesk/1/customer`, {
      headers: { authorization: auth },
    });
    expect([customers.status, ((await customers.json()) as { errorMessage: string }).errorMessage]).toEqual([
      412,
      expect.stringContaining('X-ExperimentalApi: opt-in'),
    ]);

    emulator.injectFault(emulator.rateLimitFault(1, 1));
    expect((await client.list(connection(), 'workspaces')).result).toHaveLength(3);
    emulator.injectFault(emulator.rateLimitFault(1, 1));
    const limited = await fetch(`${emulator.url}/rest/servicedeskapi/servicedesk`, {
      headers: { authorization: auth },
    });
    expect([
      limited.status,
      limited.headers.get('retry-after'),
      limited.headers.get('x-ratelimit-reset'),
    ]).toEqual([429, '1', expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/)]);
    emulator.injectFault(emulator.rateLimitFault(1, 1));
    await expect(client.create(connection(), 'accounts', { name: 'Limited' })).rejects.toThrow(
      ProviderRateLimitError,
    );
  });

  it('creates contacts and accounts in the connection’s desk (a second call), and deletes accounts', async () => {
    const contact = await client.create(connection(), 'contacts', {
      name: 'Nia',
      emails: [{ email: 'nia@example.org' }],
    });
    expect(contact).toMatchObject({
      name: 'Nia',
      emails: [{ email: 'nia@example.org', type: 'primary' }],
      is_active: true,
    });
    expect((await walk('contacts', 50)).records.map((c) => c.id)).toContain(contact.id);
    expect(await client.get(connection(), 'contacts', contact.id)).toMatchObject({
      id: contact.id,
      name: 'Nia',
    });

    const account = await client.create(connection(), 'accounts', { name: 'Nia Ltd' });
    expect((await walk('accounts', 2)).records.map((a) => a.name)).toContain('Nia Ltd');
    await client.delete(connection(), 'accounts', account.id);
    await expect(client.get(connection(), 'accounts', account.id)).rejects.toThrow(ProviderNotFoundError);
  });
});
