import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { parse } from 'yaml';
import { createEventValidator, TOPICS, type AsyncApiDocument } from '@app/bus';
import { ProviderRegistry, signWebhook } from '@app/providers';
import { corpusFile } from '@app/sandbox';
import { ZENDESK_SEED_CREDENTIALS, ZendeskEmulator } from '@app/sandbox/zendesk';
import { seedStore, startIngest, startNormalizerApp } from '../support/stack';
import { TopicRecorder, type RecordedMessage } from '../support/topic-recorder';

type Hmac = Parameters<typeof signWebhook>[0];
const zendesk = new ProviderRegistry().get('zendesk').webhooks!.verification as Hmac;
// Against the committed contract, as a consumer reads it (docs/asyncapi.yaml).
const validate = createEventValidator({
  document: parse(
    readFileSync(path.resolve(__dirname, '../../docs/asyncapi.yaml'), 'utf8'),
  ) as AsyncApiDocument,
});

/**
 * Resource topics end to end, on the real broker: the Zendesk emulator's own webhooks for a new agent and
 * a renamed organization go through webhook-ingest and the normalizer (which fetches the thin records
 * from the emulator) and come out on ticketing.users.v1 and ticketing.accounts.v1; a delivery whose
 * ticket Zendesk no longer has comes out as the partial event and the deletion on ticketing.tickets.v1.
 * Every message is valid against docs/asyncapi.yaml with its key; nothing reaches the dead-letter topic.
 */
describe('resource topics: Zendesk users, organizations and gone tickets through ingest and normalizer', () => {
  const brokers = process.env.KAFKA_BROKERS as string;
  const emulator = new ZendeskEmulator();
  const authorization = `Basic ${Buffer.from(`${ZENDESK_SEED_CREDENTIALS.email}/token:${ZENDESK_SEED_CREDENTIALS.api_token}`).toString('base64')}`;
  let normalizer: INestApplicationContext | undefined;
  let closeIngest: (() => Promise<void>) | undefined;
  let recorder: TopicRecorder | undefined;
  let ingestUrl: string;
  let connectionId: string;
  const secret = `s-${randomUUID()}`;

  const call = async (path: string, method: string, body: unknown) => {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as Record<string, Record<string, unknown>>;
  };
  const ofTopic = (all: RecordedMessage[], topic: string) => all.filter((m) => m.topic === topic);

  beforeAll(async () => {
    const url = await emulator.start();
    const seeded = await seedStore([
      {
        provider: 'zendesk',
        settings: { subdomain: 'acme-support', base_url: url },
        credentials: { ...ZENDESK_SEED_CREDENTIALS },
        webhookSecret: secret,
      },
    ]);
    [connectionId] = seeded.connectionIds;
    const ingest = await startIngest({ KAFKA_BROKERS: brokers, ...seeded.env });
    ingestUrl = ingest.url;
    closeIngest = () => ingest.app.close();
    normalizer = await startNormalizerApp({ KAFKA_BROKERS: brokers, ...seeded.env });
    recorder = new TopicRecorder(
      brokers,
      [TOPICS.users, TOPICS.contacts, TOPICS.accounts, TOPICS.tickets, TOPICS.dlq],
      (m) => m.value.includes(connectionId),
    );
    await recorder.start();
    emulator.subscribeWebhooks(`${ingestUrl}/webhooks/${connectionId}`, secret);
  });
  afterAll(async () => {
    await recorder?.stop();
    await normalizer?.close();
    await closeIngest?.();
    await emulator.stop();
  });

  it('publishes a new agent on ticketing.users.v1 and a renamed organization on ticketing.accounts.v1', async () => {
    const created = await call('/api/v2/users', 'POST', {
      user: { name: 'Ada Agent', email: `ada-${randomUUID()}@example.com`, role: 'agent' },
    });
    const agentId = String(created.user.id);
    const [organization] = [...emulator.state.organizations.values()];
    await call(`/api/v2/organizations/${organization.id}`, 'PUT', {
      organization: { name: `Renamed ${randomUUID().slice(0, 8)}` },
    });
    const newName = emulator.state.organizations.get(organization.id)!.name;
    await emulator.webhooks.flush();

    const all = await recorder!.waitFor(
      (messages) =>
        ofTopic(messages, TOPICS.users).some((m) => m.json.subject === agentId) &&
        ofTopic(messages, TOPICS.accounts).some((m) => m.json.subject === String(organization.id)),
    );
    const user = ofTopic(all, TOPICS.users).find((m) => m.json.subject === agentId)!;
    expect(user.json).toMatchObject({
      type: 'ticketing.user.created',
      connectionid: connectionId,
      provider: 'zendesk',
      data: { id: agentId, name: 'Ada Agent', roles: [{ id: 'agent', name: 'agent' }] },
    });
    expect(user.json).not.toHaveProperty('partial');
    const account = ofTopic(all, TOPICS.accounts).find((m) => m.json.subject === String(organization.id))!;
    expect(account.json).toMatchObject({ type: 'ticketing.account.updated', data: { name: newName } });
    for (const message of [user, account])
      expect(validate(message.topic, message.value, message.key)).toEqual({ valid: true, errors: [] });
    expect(ofTopic(all, TOPICS.dlq)).toEqual([]);
  });

  it('publishes a delivery whose ticket is gone as the partial event and the deletion', async () => {
    const delivery = corpusFile('zendesk', 'webhooks', 'ticket.created.event-subscription.tco-vo-agent.json');
    const body = delivery.raw;
    const headers: Record<string, string> = {
      'x-zendesk-webhook-signature-timestamp': new Date().toISOString(),
      'x-zendesk-webhook-invocation-id': randomUUID(),
    };
    headers['x-zendesk-webhook-signature'] = signWebhook(zendesk, secret, body, headers);
    const response = await fetch(`${ingestUrl}/webhooks/${connectionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    expect(response.status).toBe(202);
    const all = await recorder!.waitFor(
      (messages) => ofTopic(messages, TOPICS.tickets).filter((m) => m.json.subject === '5158').length >= 2,
    );
    const events = ofTopic(all, TOPICS.tickets).filter((m) => m.json.subject === '5158');
    expect(events.map((m) => [m.json.type, m.json.partial])).toEqual([
      ['ticketing.ticket.created', true],
      ['ticketing.ticket.deleted', undefined],
    ]);
    expect(events[0].json.data).toMatchObject({ id: '5158', name: 'ticketinfo_2294a6e9ece2' });
    for (const message of events)
      expect(validate(message.topic, message.value, message.key)).toEqual({ valid: true, errors: [] });
    expect(ofTopic(all, TOPICS.dlq)).toEqual([]);
  });
});
