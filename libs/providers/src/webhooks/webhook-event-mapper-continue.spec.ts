import { contractFieldsOf } from '@app/unified-models';
import type { ProviderDefinition, WebhookEventMapping } from '../definition';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { WebhookEventMapper } from './webhook-event-mapper';

/** A provider whose first message of a thread creates the ticket and the comment in one delivery. */
function definitionWith(events: WebhookEventMapping[]): ProviderDefinition {
  return {
    name: 'threads',
    displayName: 'Threads',
    baseUrl: '"https://threads.example"',
    auth: { scheme: 'bearer', token: 'credentials.token' },
    credentials: {},
    connectionSettings: {},
    pagination: { strategy: 'none' },
    resources: {
      tickets: { record: '{ "id": id, "name": subject }' },
      comments: { record: '{ "id": id, "body": text, "ticket": { "id": thread } }' },
    },
    webhooks: { verification: { scheme: 'none' }, events },
  };
}

const ticketCreated: WebhookEventMapping = {
  description: 'first message: the thread is new',
  match: 'body.first = true',
  resource: 'tickets',
  action: '"created"',
  object: 'body.thread',
  continue: true,
};
const commentCreated: WebhookEventMapping = {
  description: 'a message',
  match: 'body.type = "message"',
  resource: 'comments',
  action: '"created"',
  object: '$merge([body.message, { "thread": body.thread.id }])',
};
const anything: WebhookEventMapping = {
  description: 'catch-all',
  match: 'true',
  resource: 'tickets',
  action: '"updated"',
  object: 'body.thread',
};

const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const delivery = (first: boolean) => ({
  headers: {},
  body: { type: 'message', first, thread: { id: 't1', subject: 'Hi' }, message: { id: 'm1', text: 'Hello' } },
});
const summary = async (definition: ProviderDefinition, first: boolean) => {
  const outcome = await mapper.map(definition, delivery(first), { settings: {} });
  return outcome.kind === 'changes'
    ? outcome.changes.map((c) => `${c.resource}:${c.action}:${c.remoteId}`)
    : outcome.kind;
};

describe('webhook mappings that continue to the next match', () => {
  it('adds the changes of the next matching mapping, and stops at one that does not continue', async () => {
    const definition = definitionWith([ticketCreated, commentCreated, anything]);
    expect(await summary(definition, true)).toEqual(['tickets:created:t1', 'comments:created:m1']);
    // Without the first mapping matching, the first match wins as before.
    expect(await summary(definition, false)).toEqual(['comments:created:m1']);
  });

  it('keeps first-match-wins for mappings that do not continue', async () => {
    const definition = definitionWith([{ ...ticketCreated, continue: undefined }, commentCreated]);
    expect(await summary(definition, true)).toEqual(['tickets:created:t1']);
  });

  it('is unmapped only when nothing matched, even after a continuing mapping found no successor', async () => {
    const onlyContinuing = definitionWith([ticketCreated]);
    expect(await summary(onlyContinuing, true)).toEqual(['tickets:created:t1']);
    expect(await summary(onlyContinuing, false)).toBe('unmapped');
  });
});
