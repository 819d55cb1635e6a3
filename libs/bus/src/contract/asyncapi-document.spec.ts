import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  createRecordValidator,
  entityNameOf,
  EXAMPLE_RECORDS,
  getResourceSchema,
  type UnifiedResourceName,
} from '@app/unified-models';
import { RESOURCE_TOPICS, TOPICS } from '../topics';
import { buildAsyncApiDocument, type AsyncApiDocument } from './asyncapi-document';
import { createEventValidator } from './event-validator';
import { ASYNCAPI_PATH, renderAsyncApiYaml } from './generate-asyncapi';
import { CHANGE_ACTIONS, pascalCase, recordSchemaName } from './topic-contracts';

const document = buildAsyncApiDocument();
const channelOf = (topic: string) => Object.entries(document.channels).find(([, c]) => c.address === topic);

describe('the AsyncAPI document', () => {
  it('is committed as docs/asyncapi.yaml exactly as `npm run asyncapi` renders it', () => {
    const committed = readFileSync(ASYNCAPI_PATH, 'utf8');
    // On failure: run `npm run asyncapi` and commit docs/asyncapi.yaml.
    expect(committed).toBe(renderAsyncApiYaml());
    expect(parse(committed)).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('has a Kafka channel with send and receive operations for every topic of TOPICS', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(document.servers.local).toMatchObject({ host: '127.0.0.1:9092', protocol: 'kafka' });
    expect(Object.values(document.channels).map((c) => c.address)).toEqual(Object.values(TOPICS));
    for (const topic of Object.values(TOPICS)) {
      const [id, channel] = channelOf(topic) ?? [];
      expect(channel?.bindings.kafka).toMatchObject({ topic, partitions: 3 });
      const operations = Object.values(document.operations).filter(
        (o) => o.channel.$ref === `#/channels/${id}`,
      );
      expect(operations.map((o) => o.action).sort()).toEqual(['receive', 'send']);
      for (const operation of operations) {
        expect(operation.messages.map((m) => m.$ref)).toEqual(
          Object.keys(channel?.messages ?? {}).map((m) => `#/channels/${id}/messages/${m}`),
        );
      }
    }
  });

  it('has one message per event type on its resource topic, keyed, with the record schema as data', () => {
    for (const [resource, topic] of Object.entries(RESOURCE_TOPICS)) {
      const [, channel] = channelOf(topic) ?? [];
      const record = recordSchemaName(resource as UnifiedResourceName);
      const messages = Object.keys(channel?.messages ?? {}).map((id) => document.components.messages[id]);
      expect(messages.map((m) => m.name)).toEqual(
        CHANGE_ACTIONS.map((a) => `ticketing.${entityNameOf(resource as UnifiedResourceName)}.${a}`),
      );
      for (const message of messages) {
        expect(message.bindings.kafka.key).toEqual({ $ref: '#/components/schemas/ChangeEventKey' });
        const payload = document.components.schemas[String(message.payload.$ref).split('/').pop() as string];
        expect(payload.allOf).toEqual([
          { $ref: '#/components/schemas/CloudEvent' },
          {
            type: 'object',
            properties: {
              type: { const: message.name },
              data: { $ref: `#/components/schemas/${record}` },
            },
          },
        ]);
      }
    }
    const raw = document.components.messages.RawWebhook;
    expect(raw.payload).toEqual({ $ref: '#/components/schemas/RawWebhookRecord' });
    expect(document.components.messages.DeadLetter.payload).toEqual({
      $ref: '#/components/schemas/DeadLetterRecord',
    });
  });

  it('embeds the unified record schemas unchanged apart from where their definitions live', () => {
    for (const resource of ['tickets', 'comments'] as const) {
      const source = getResourceSchema(resource);
      const embedded = document.components.schemas[recordSchemaName(resource)];
      expect(Object.keys(embedded.properties as object)).toEqual(Object.keys(source.properties));
      expect(embedded.required).toEqual(source.required);
      expect(embedded.patternProperties).toEqual(source.patternProperties);
      expect(JSON.stringify(embedded)).not.toContain('$defs');
      const moved = (schema: unknown): unknown =>
        JSON.parse(
          JSON.stringify(schema).replace(
            /#\/\$defs\/(\w+)/g,
            (_m, def: string) => `#/components/schemas/${pascalCase(def)}`,
          ),
        );
      for (const [def, schema] of Object.entries(source.$defs as Record<string, object>)) {
        expect(document.components.schemas[pascalCase(def)]).toEqual(moved(schema));
      }
      const { $schema: _s, $id: _i, $defs: _d, ...record } = source;
      expect({ ...embedded, $comment: undefined }).toEqual({
        ...(moved(record) as object),
        $comment: undefined,
      });
    }
  });

  it('accepts and rejects the same records as the unified-models validators', () => {
    const validate = createEventValidator();
    const records: [UnifiedResourceName, string, Record<string, unknown>][] = [];
    for (const resource of ['tickets', 'comments'] as const) {
      const example = { ...EXAMPLE_RECORDS[resource], remote_data: { anything: [1, 'two'] } };
      records.push(
        [resource, 'complete', example],
        [resource, 'id only', { id: example.id }],
        [resource, 'no id', { ...example, id: undefined }],
        [resource, 'unknown field', { ...example, colour: 'red' }],
        [resource, 'bad date', { ...example, created_at: 'last week' }],
        [resource, 'bad etag', { ...example, etag: 7 }],
      );
    }
    records.push(['tickets', 'bad category', { id: '1', status: { id: 's', category: 'closed' } }]);
    records.push(['comments', 'bad actor', { id: '1', author: { id: 'u', type: 'robot' } }]);
    for (const [resource, label, data] of records) {
      const entity = resource.slice(0, -1);
      const event = {
        ...(document.components.messages[`${recordSchemaName(resource)}Updated`].examples?.[0]
          .payload as object),
        subject: String(data.id ?? 'x'),
        data,
      };
      const expected = createRecordValidator(resource)(JSON.parse(JSON.stringify(data))).valid;
      const topic = RESOURCE_TOPICS[resource];
      const actual = validate(topic, JSON.stringify({ ...event, type: `ticketing.${entity}.updated` })).valid;
      expect({ resource, label, valid: actual }).toEqual({ resource, label, valid: expected });
    }
  });

  it('makes a topic without a contract fail loudly instead of leaving it out', () => {
    jest.isolateModules(() => {
      jest.doMock('../topics', () => {
        const actual = jest.requireActual<typeof import('../topics')>('../topics');
        const topics = { ...actual.TOPICS, audit: 'ticketing.audit.v1' };
        return {
          ...actual,
          TOPICS: topics,
          ALL_TOPICS: Object.values(topics).map((topic) => ({ topic, numPartitions: 3 })),
        };
      });
      const { buildAsyncApiDocument: build } = jest.requireActual<{
        buildAsyncApiDocument: () => AsyncApiDocument;
      }>('./asyncapi-document');
      expect(() => build()).toThrow(/ticketing\.audit\.v1 has no contract/);
    });
  });
});
