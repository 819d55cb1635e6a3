import { corpusFiles } from '@app/sandbox';
import { contractFieldsOf } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { signWebhook, verifyWebhookSignature } from '../webhooks/verify-signature';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { zendesk } from './index';
import { zendeskTicketListResponse } from './ticket.mapping';
import { expectValid } from './zendesk.test-support';

const expressions = new ExpressionCache();
const records = new RecordMapper(expressions, contractFieldsOf);
const events = new WebhookEventMapper(expressions, records);
const context = { settings: { subdomain: 'zendeskapi' } };
const file = (kind: 'rest' | 'webhooks', name: string) => {
  const found = corpusFiles('zendesk', kind).find((f) => f.name === name);
  if (!found) throw new Error(`corpus file ${name} is missing`);
  return found;
};

describe('Zendesk mappings on the real corpus', () => {
  it('maps all 100 recorded tickets of the offset-paginated list to valid unified tickets', async () => {
    const body = file('rest', 'list-tickets.offset-pagination.json').json as {
      tickets: Record<string, unknown>[];
    };
    const selected = (await expressions.evaluate(zendeskTicketListResponse, body)) as Record<
      string,
      unknown
    >[];
    expect(selected).toHaveLength(100);
    // One at a time: each evaluation has a wall-clock limit, and 100 interleaved ones share the CPU.
    const mapped = [];
    for (const ticket of selected) mapped.push(await records.map(zendesk, 'tickets', ticket, context));
    mapped.forEach((r) => expectValid('tickets', r));

    expect(mapped[0]).toMatchObject({
      id: '1',
      name: 'This is a sample ticket requested and submitted by you',
      status: { id: 'pending', name: 'pending', category: 'on_hold' },
      priority: { id: 'high', name: 'High', category: 'high' },
      ticket_type: { id: 'incident', name: 'Incident' },
      contact: { id: '20014182' },
      // Without sideloaded users the submitter is typed by comparing with the requester.
      created_by: { id: '20014182', type: 'contact' },
      assignees: [{ id: '20014182' }],
      account: { id: '20012227' },
      team: { id: '20001662' },
      workspace: { id: '5446' },
      source: { id: 'web', name: 'web' },
      tags: [],
      additional_contacts: [],
      ticket_url: 'https://zendeskapi.zendesk.com/agent/tickets/1',
    });
    expect(Object.keys(mapped[0].custom_fields as object)).toHaveLength(8);
    const statuses = new Set(mapped.map((r) => (r.status as { category: string }).category));
    expect([...statuses].sort()).toEqual(['on_hold', 'open']);
    expect(mapped.filter((r) => r.priority === null)).toHaveLength(26);
  });

  it('maps the documented ticket.attachment_linked_to_comment event to a valid attachment', async () => {
    const delivery = file('webhooks', 'ticket.attachment_linked_to_comment.json');
    const outcome = await events.map(zendesk, { headers: {}, body: delivery.json }, context);
    expect(outcome.kind).toBe('changes');
    if (outcome.kind !== 'changes') return;
    const [change] = outcome.changes;
    expect(change).toMatchObject({ resource: 'attachments', action: 'created', remoteId: '8658726230270' });
    expectValid('attachments', change.record!);
    expect(change.record).toMatchObject({
      file_name: 'MAGICC_logo_small.jpeg',
      ticket_id: '19395',
      content_type: 'image/jpeg',
      file_url: expect.stringContaining('/attachments/token/'),
    });
  });

  it('maps the short ticket detail of events to a valid ticket (used as is for deletions)', async () => {
    const { detail } = file('webhooks', 'ticket.attachment_linked_to_comment.json').json as {
      detail: unknown;
    };
    const ticket = await records.map(zendesk, 'tickets', detail, context);
    expectValid('tickets', ticket);
    expect(ticket).toMatchObject({
      id: '19395',
      status: { id: 'new', category: 'open' },
      priority: null,
      team: { id: '25522672' },
      workspace: { id: '13467642' },
      source: { id: 'mail' },
      tags: null,
    });
    const deleted = await events.map(
      zendesk,
      {
        headers: {},
        body: {
          ...(file('webhooks', 'ticket.attachment_linked_to_comment.json').json as object),
          type: 'zen:event-type:ticket.soft_deleted',
        },
      },
      context,
    );
    expect(deleted).toMatchObject({
      kind: 'changes',
      changes: [{ resource: 'tickets', action: 'deleted', remoteId: '19395' }],
    });
  });

  it('treats the id-only messaging event as a thin payload: the ticket is fetched', async () => {
    const delivery = file('webhooks', 'messaging_ticket.message_added.json');
    const outcome = await events.map(zendesk, { headers: {}, body: delivery.json }, context);
    expect(outcome).toEqual({
      kind: 'changes',
      changes: [{ resource: 'tickets', action: 'updated', remoteId: '141', fetch: true }],
    });
  });

  it('verifies the corpus bodies byte for byte under the Zendesk scheme, and refuses the doc headers', () => {
    const scheme = zendesk.webhooks!.verification;
    if (scheme.scheme !== 'hmac') throw new Error('Zendesk signs its webhooks');
    for (const delivery of corpusFiles('zendesk', 'webhooks')) {
      const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const headers = { 'x-zendesk-webhook-signature-timestamp': timestamp };
      const signature = signWebhook(scheme, 'secret', delivery.raw, headers);
      const signed = { ...headers, 'x-zendesk-webhook-signature': signature };
      expect(verifyWebhookSignature(scheme, 'secret', { headers: signed, rawBody: delivery.raw })).toEqual({
        ok: true,
      });
      // The documentation's example headers (2021) sign another body, long ago.
      const documented = {
        'x-zendesk-webhook-signature': 'EiqWE3SXTPQpPulBV6OSuuGziIishZNc1VwNZYqZrHU=',
        'x-zendesk-webhook-signature-timestamp': '2021-03-25T05:09:27Z',
      };
      expect(
        verifyWebhookSignature(scheme, 'secret', { headers: documented, rawBody: delivery.raw }),
      ).toEqual({
        ok: false,
        reason: 'stale_timestamp',
      });
    }
  });
});
