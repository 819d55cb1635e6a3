import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contractFieldsOf } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper, type MappedChange } from '../webhooks/webhook-event-mapper';
import { expectValid, jiraHarness } from './jira.test-support';
import { jira } from './index';

interface Received {
  headers: Record<string, string>;
  raw: Buffer;
}

const SECRET = 'jira-webhook-secret';
const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const verification = jira.webhooks!.verification;

describe('Jira webhooks: emulator deliveries verified and mapped by the definition', () => {
  const h = jiraHarness();
  const received: Received[] = [];
  let receiver: Server;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
        received.push({ headers, raw: Buffer.concat(chunks) });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    await h.emulator.start();
    h.emulator.subscribeWebhooks(
      `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
      SECRET,
    );
  });
  afterAll(async () => {
    await h.emulator.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });
  beforeEach(() => void received.splice(0));

  /** Verifies every delivery received since the last call and maps it: the changes, by webhook event. */
  async function deliveries(): Promise<{ event: string; change?: MappedChange; kind: string }[]> {
    await h.emulator.webhooks.flush();
    const out = [];
    for (const delivery of received) {
      expect(
        verifyWebhookSignature(verification, SECRET, { headers: delivery.headers, rawBody: delivery.raw }),
      ).toEqual({ ok: true });
      expect(delivery.headers['x-atlassian-webhook-identifier']).toMatch(/\S/);
      const body = JSON.parse(delivery.raw.toString('utf8')) as { webhookEvent: string };
      const outcome = await mapper.map(jira, { headers: delivery.headers, body }, { settings: {} });
      out.push({
        event: body.webhookEvent,
        kind: outcome.kind,
        change: outcome.kind === 'changes' ? outcome.changes[0] : undefined,
      });
    }
    return out;
  }

  it('signs every delivery over the raw body; a changed byte or another secret fails', async () => {
    await h.client.update(h.connection(), 'tickets', h.issueId('SUP-6'), { name: 'Renamed' });
    await h.emulator.webhooks.flush();
    expect(received.length).toBeGreaterThan(0);
    const [delivery] = received;
    const tampered = Buffer.from(delivery.raw.toString('utf8').replace('Renamed', 'Renamee'));
    expect(
      verifyWebhookSignature(verification, SECRET, { headers: delivery.headers, rawBody: tampered }),
    ).toEqual({ ok: false, reason: 'bad_signature' });
    expect(
      verifyWebhookSignature(verification, 'other', { headers: delivery.headers, rawBody: delivery.raw }).ok,
    ).toBe(false);
    const ids = new Set(received.map((d) => d.headers['x-atlassian-webhook-identifier']));
    expect(ids.size).toBe(received.length);
  });

  it('a ticket created, updated and deleted through the API arrives as created, updated, deleted tickets', async () => {
    const created = await h.client.create(h.connection(), 'tickets', {
      name: 'From the API',
      tags: [{ id: 'billing' }],
    });
    await h.client.update(h.connection(), 'tickets', created.id, { name: 'From the API (edited)' });
    await h.client.delete(h.connection(), 'tickets', created.id);
    const changes = await deliveries();
    expect(changes.map((c) => [c.event, c.change?.resource, c.change?.action, c.change?.remoteId])).toEqual([
      ['jira:issue_created', 'tickets', 'created', created.id],
      ['jira:issue_updated', 'tickets', 'updated', created.id],
      ['jira:issue_deleted', 'tickets', 'deleted', created.id],
    ]);
    const [onCreate, onUpdate] = changes.map((c) => expectValid('tickets', c.change!.record!));
    expect(onCreate).toMatchObject({
      name: 'From the API',
      tags: [{ id: 'billing', name: 'billing' }],
      number: created.number,
    });
    expect(onUpdate.name).toBe('From the API (edited)');
  });

  it('a comment created, updated and deleted arrives as comment changes (and its ticket as updated)', async () => {
    const ticketId = h.issueId('SUP-7');
    const comment = await h.client.create(h.connection(), 'comments', {
      ticket: { id: ticketId },
      body: 'Hello',
    });
    await h.client.update(
      h.connection(),
      'comments',
      comment.id,
      { body: 'Hello again' },
      { query: { ticket_id: ticketId } },
    );
    await h.client.delete(h.connection(), 'comments', comment.id, { query: { ticket_id: ticketId } });
    const changes = await deliveries();
    const commentChanges = changes.filter((c) => c.event.startsWith('comment_'));
    expect(commentChanges.map((c) => [c.change?.resource, c.change?.action, c.change?.remoteId])).toEqual([
      ['comments', 'created', comment.id],
      ['comments', 'updated', comment.id],
      ['comments', 'deleted', comment.id],
    ]);
    for (const c of commentChanges) {
      expect(expectValid('comments', c.change!.record!)).toMatchObject({
        ticket: { id: ticketId },
        author: { name: 'Ada Admin' },
      });
    }
    // The v2 representation of webhooks carries the body as text, the same text REST maps from ADF.
    expect(commentChanges[1].change!.record).toMatchObject({ body: 'Hello again', html_body: null });
    const ticketChanges = changes.filter((c) => c.event === 'jira:issue_updated');
    expect(ticketChanges.map((c) => [c.change?.resource, c.change?.remoteId])).toEqual([
      ['tickets', ticketId],
      ['tickets', ticketId],
      ['tickets', ticketId],
    ]);
  });

  it('maps the same ticket from a webhook as from REST, but for the v2 rich-text representation', async () => {
    await h.client.update(h.connection(), 'tickets', h.issueId('SUP-8'), { due_date: '2026-06-30' });
    const [change] = (await deliveries()).map((c) => c.change!);
    const fromRest = await h.client.get(h.connection(), 'tickets', h.issueId('SUP-8'));
    const strip = (r: Record<string, unknown>) => {
      const { etag: _e, remote_data: _r, ...rest } = r;
      return rest;
    };
    expect(strip(change.record!)).toEqual(strip(fromRest));
  });
});
