import { buildConnectionEvent } from '../connection-event';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { entityNameOf, EXAMPLE_RECORDS, UNIFIED_RESOURCES } from '@app/unified-models';
import { buildChangeEvent, changeEventKey, type ChangeEventAction } from '../change-event';
import type { DeadLetterRecord } from '../dead-letter';
import { encodeRawWebhook, type RawWebhookRecord } from '../raw-webhook';
import { RESOURCE_TOPICS, TOPICS } from '../topics';
import { buildAsyncApiDocument, type AsyncApiDocument } from './asyncapi-document';
import { createEventValidator, type EventValidationResult } from './event-validator';
import { ASYNCAPI_PATH } from './generate-asyncapi';

const validate = createEventValidator();

const ticketEvent = (
  action: ChangeEventAction = 'created',
  data: Record<string, unknown> = EXAMPLE_RECORDS.tickets,
) =>
  buildChangeEvent({
    tenantId: 't1',
    connectionId: 'c1',
    provider: 'github',
    deliveryId: 'd1',
    entity: 'ticket',
    action,
    remoteId: String(data.id),
    time: '2026-01-01T00:00:00.000Z',
    data: { ...data, remote_data: { number: 42, labels: [] } },
  });

const raw: RawWebhookRecord = {
  deliveryId: 'd1',
  connectionId: 'c1',
  tenantId: 't1',
  provider: 'github',
  receivedAt: '2026-01-01T00:00:00.000Z',
  headers: { 'x-github-event': 'issues' },
  body: '{"action":"opened"}',
};

const deadLetter: DeadLetterRecord = {
  code: 'unmapped_event',
  reason: 'no mapping',
  failedAt: '2026-01-01T00:00:01.000Z',
  source: { topic: TOPICS.rawWebhooks, partition: 0, offset: '12' },
  original: raw,
};

const messagesOf = (result: EventValidationResult) => result.errors.map((e) => e.message);

describe('createEventValidator', () => {
  it('accepts real change events of every type, deletes carrying only the id, and their keys', () => {
    for (const action of ['created', 'updated', 'deleted'] as const) {
      const event = ticketEvent(action);
      expect(validate(TOPICS.tickets, JSON.stringify(event), changeEventKey('c1', event.subject))).toEqual({
        valid: true,
        errors: [],
      });
    }
    expect(validate(TOPICS.tickets, JSON.stringify(ticketEvent('deleted', { id: '7' })))).toMatchObject({
      valid: true,
    });
    const comment = buildChangeEvent({
      ...{ tenantId: 't1', connectionId: 'c1', provider: 'github', deliveryId: 'd1' },
      ...{ entity: 'comment', action: 'updated', remoteId: '30555', time: '2026-01-01T00:00:00Z' },
      data: EXAMPLE_RECORDS.comments,
    });
    expect(validate(TOPICS.comments, JSON.stringify(comment), 'c1:30555').valid).toBe(true);
  });

  it('has a topic for every unified resource that takes its four event types and no other resource', () => {
    for (const resource of UNIFIED_RESOURCES) {
      const topic = RESOURCE_TOPICS[resource];
      expect(topic).toBe(`ticketing.${resource}.v1`);
      const record = EXAMPLE_RECORDS[resource] as { id: string };
      for (const action of ['created', 'updated', 'deleted', 'synced'] as const) {
        const event = buildChangeEvent({
          ...{ tenantId: 't1', connectionId: 'c1', provider: 'zendesk', deliveryId: 'd1' },
          ...{ entity: entityNameOf(resource), action, remoteId: record.id, time: '2026-01-01T00:00:00Z' },
          data: action === 'deleted' ? { id: record.id } : record,
        });
        expect([resource, action, validate(topic, JSON.stringify(event), `c1:${record.id}`)]).toEqual([
          resource,
          action,
          { valid: true, errors: [] },
        ]);
      }
      if (resource !== 'tickets')
        expect(validate(topic, JSON.stringify(ticketEvent('synced'))).errors[0]?.keyword).toBe('eventType');
    }
  });

  it('accepts a partial event only as `partial: true`, with data holding only what the delivery said', () => {
    const partial = buildChangeEvent({
      ...{ tenantId: 't1', connectionId: 'c1', provider: 'zendesk', deliveryId: 'd1', entity: 'ticket' },
      ...{ action: 'updated', remoteId: '5158', time: '2026-01-01T00:00:00Z', partial: true },
      data: { id: '5158', name: 'Printer on fire', remote_data: { id: '5158' } },
    });
    expect(partial.partial).toBe(true);
    expect(validate(TOPICS.tickets, JSON.stringify(partial), 'c1:5158')).toEqual({ valid: true, errors: [] });
    expect(validate(TOPICS.tickets, JSON.stringify({ ...partial, partial: false })).valid).toBe(false);
    expect(validate(TOPICS.tickets, JSON.stringify({ ...partial, partial: 'yes' })).valid).toBe(false);
    expect('partial' in ticketEvent()).toBe(false);
    // The deletion a gone record implies has an id of its own beside the partial event's, stable too.
    const implied = () =>
      buildChangeEvent({
        ...{ tenantId: 't1', connectionId: 'c1', provider: 'zendesk', deliveryId: 'd1', entity: 'ticket' },
        ...{ action: 'deleted', remoteId: '5158', time: '2026-01-01T00:00:00Z', variant: 'gone' },
        data: { id: '5158' },
      });
    expect(implied().id).not.toBe(partial.id);
    expect(implied().id).toBe(implied().id);
    expect(validate(TOPICS.tickets, JSON.stringify(implied()), 'c1:5158').valid).toBe(true);
  });

  it('accepts raw webhook records and dead letters, including undecodable ones', () => {
    expect(validate(TOPICS.rawWebhooks, encodeRawWebhook(raw), 'c1')).toEqual({ valid: true, errors: [] });
    expect(validate(TOPICS.dlq, JSON.stringify(deadLetter), 'c1')).toEqual({ valid: true, errors: [] });
    const undecodable = { ...deadLetter, code: 'undecodable', original: 'not json {' };
    expect(validate(TOPICS.dlq, JSON.stringify(undecodable), TOPICS.rawWebhooks).valid).toBe(true);
  });

  it('rejects an event type that does not belong to the topic', () => {
    const result = validate(TOPICS.comments, JSON.stringify(ticketEvent()));
    expect(result.valid).toBe(false);
    expect(messagesOf(result)).toEqual([
      '/type "ticketing.ticket.created" is not an event type of ticketing.comments.v1 (expected one of: ' +
        'ticketing.comment.created, ticketing.comment.updated, ticketing.comment.deleted, ticketing.comment.synced)',
    ]);
    expect(
      validate(TOPICS.tickets, JSON.stringify({ ...ticketEvent(), type: 'ticketing.ticket.moved' })).valid,
    ).toBe(false);
  });

  it('rejects a missing extension attribute, a bad time and a wrong specversion, naming each', () => {
    const { tenantid: _dropped, ...event } = ticketEvent();
    const result = validate(
      TOPICS.tickets,
      JSON.stringify({ ...event, time: 'yesterday', specversion: '0.3' }),
    );
    expect(result.valid).toBe(false);
    expect(messagesOf(result)).toEqual(
      expect.arrayContaining([
        "(value) must have required property 'tenantid'",
        '/time must match format "date-time"',
        '/specversion must be equal to constant: "1.0"',
      ]),
    );
  });

  it('rejects unknown envelope attributes and data that breaks the unified record schema', () => {
    const event = ticketEvent('updated', {
      ...EXAMPLE_RECORDS.tickets,
      status: { id: 'closed', category: 'closed' },
      colour: 'red',
    });
    const result = validate(TOPICS.tickets, JSON.stringify({ ...event, tenantId: 't1' }));
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: '',
          keyword: 'additionalProperties',
          message: expect.stringContaining('tenantId'),
        }),
        expect.objectContaining({
          path: '/data',
          message: '/data must NOT have additional properties: colour',
        }),
        {
          path: '/data/status/category',
          keyword: 'enum',
          message:
            '/data/status/category must be equal to one of the allowed values: ' +
            '"open", "in_progress", "on_hold", "done", "cancelled"',
        },
      ]),
    );
    expect(validate(TOPICS.tickets, JSON.stringify({ ...event, data: { name: 'no id' } })).valid).toBe(false);
  });

  it('rejects keys, sources and subjects that do not match the event', () => {
    const event = ticketEvent();
    expect(messagesOf(validate(TOPICS.tickets, JSON.stringify(event), 'c1:999'))).toEqual([
      `(key) "c1:999" must be "c1:${event.subject}"`,
    ]);
    expect(messagesOf(validate(TOPICS.tickets, JSON.stringify(event), 'no-colon'))).toEqual([
      '(key) must match pattern "^[^:]+:.+$"',
    ]);
    expect(validate(TOPICS.tickets, JSON.stringify(event), null).valid).toBe(false);
    expect(
      messagesOf(validate(TOPICS.tickets, JSON.stringify({ ...event, source: '/connections/c2' }))),
    ).toEqual(['/source must be "/connections/c1" (the connectionid)']);
    expect(messagesOf(validate(TOPICS.tickets, JSON.stringify({ ...event, subject: '1' })))).toEqual([
      `/subject "1" must equal /data/id "${event.subject}"`,
    ]);
    expect(validate(TOPICS.rawWebhooks, encodeRawWebhook(raw), 'c2').valid).toBe(false);
    expect(validate(TOPICS.dlq, JSON.stringify(deadLetter), TOPICS.rawWebhooks).valid).toBe(false);
  });

  it('rejects bad raw records, bad dead letters, text that is not JSON and unknown topics', () => {
    const { body: _body, ...bodyless } = raw;
    expect(messagesOf(validate(TOPICS.rawWebhooks, JSON.stringify(bodyless)))).toEqual([
      "(value) must have required property 'body'",
    ]);
    expect(
      validate(TOPICS.rawWebhooks, encodeRawWebhook({ ...raw, headers: { a: ['x'] as unknown as string } }))
        .valid,
    ).toBe(false);
    expect(messagesOf(validate(TOPICS.dlq, JSON.stringify({ ...deadLetter, code: 'oops' })))[0]).toMatch(
      /^\/code must be equal to one of the allowed values: "unmapped_event"/,
    );
    expect(
      validate(TOPICS.dlq, JSON.stringify({ ...deadLetter, original: { deliveryId: 'd1' } })).valid,
    ).toBe(false);
    expect(validate(TOPICS.tickets, '{"specversion":')).toMatchObject({
      valid: false,
      errors: [{ keyword: 'json', message: expect.stringMatching(/^\(value\) is not JSON/) }],
    });
    expect(validate('ticketing.unknown.v1', '{}')).toMatchObject({
      valid: false,
      errors: [{ keyword: 'topic' }],
    });
  });

  it('validates against the committed docs/asyncapi.yaml too, examples included', () => {
    const committed = parse(readFileSync(ASYNCAPI_PATH, 'utf8')) as AsyncApiDocument;
    const fromYaml = createEventValidator({ document: committed });
    const document = buildAsyncApiDocument();
    let checked = 0;
    for (const channel of Object.values(document.channels)) {
      for (const id of Object.keys(channel.messages)) {
        for (const example of document.components.messages[id].examples ?? []) {
          const text = JSON.stringify(example.payload);
          expect({ id, result: fromYaml(channel.address, text) }).toEqual({
            id,
            result: { valid: true, errors: [] },
          });
          checked += 1;
        }
      }
    }
    // Four change events (created, updated, deleted, synced) per resource topic, the raw webhook, the
    // dead letter and the two connection events.
    expect(checked).toBe(4 * UNIFIED_RESOURCES.length + 4);
    expect(fromYaml(TOPICS.comments, JSON.stringify(ticketEvent())).valid).toBe(false);
  });

  it('checks connection events: their type, their data and that subject, data and key name the connection', () => {
    const validate = createEventValidator();
    const event = buildConnectionEvent({
      tenantId: 't-1',
      connectionId: 'con_1',
      provider: 'zendesk',
      externalId: null,
      change: 'needs_reauth',
      time: '2026-12-05T03:00:00.000Z',
      reason: 'refused',
    });
    expect(validate(TOPICS.connections, JSON.stringify(event), 'con_1')).toEqual({ valid: true, errors: [] });
    const wrongKey = validate(TOPICS.connections, JSON.stringify(event), 'con_2');
    expect(wrongKey.errors.map((e) => e.path)).toEqual(['(key)']);
    const elsewhere = validate(TOPICS.connections, JSON.stringify({ ...event, subject: 'con_9' }), 'con_1');
    expect(elsewhere.valid).toBe(false);
    const unknownType = validate(
      TOPICS.connections,
      JSON.stringify({ ...event, type: 'ticketing.connection.deleted' }),
    );
    expect(unknownType.valid).toBe(false);
    const noStatus = validate(
      TOPICS.connections,
      JSON.stringify({ ...event, data: { ...event.data, auth_status: 'x' } }),
    );
    expect(noStatus.valid).toBe(false);
    // The same change at the same time is the same event (a repeat carries the same id).
    expect(
      buildConnectionEvent({
        ...event.data,
        tenantId: 't-1',
        connectionId: 'con_1',
        provider: 'zendesk',
        externalId: null,
        change: 'needs_reauth',
        time: event.time,
        reason: 'again',
      }).id,
    ).toBe(event.id);
  });
});
